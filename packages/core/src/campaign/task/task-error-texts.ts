/**
 * The codes of a task element (one row of the Key Task List, 重点任务清单) from assignment to
 * verification, in English and Chinese. A period is named by its key; a one-off element has none.
 */
import { type ErrorTexts, text } from "../../kernel/error-texts";
import { TASK_ESCALATION_LEVELS } from "../stages";

/** "HC-01 period 2020-Q3" / "任务要素 HC-01（2020-Q3 期）", or just the element when it is one-off. */
const periodEn = (p: { code: string; period?: string }) =>
  p.period === undefined ? p.code : `${p.code} period ${p.period}`;
const periodZh = (p: { code: string; period?: string }) =>
  p.period === undefined ? `任务要素 ${p.code}` : `任务要素 ${p.code}（${p.period} 期）`;

/** Which period a command looked for and did not find. */
const WANTED = {
  report: ["left to report", "可报告完成"],
  verify: ["awaiting verification", "待核验"],
  open: ["still open", "尚未完成"],
  extension: ["with a pending extension", "有待决定的延期申请"],
} as const;
export type WantedPeriod = keyof typeof WANTED;
const wanted = (want: string, lang: 0 | 1) => WANTED[want as WantedPeriod]?.[lang] ?? want;

const PERIOD_STATUS_ZH: Readonly<Record<string, string>> = { Reported: "已报完成", Verified: "已核验" };
const levelZh = (key: string) => TASK_ESCALATION_LEVELS.find((l) => l.key === key)?.name ?? key;

type Period = { code: string; period?: string };

export const TASK_ERROR_TEXTS = {
  TASK_NOT_ASSIGNED: text<{ code: string }>(
    (p) => `Task element ${p.code} has not been assigned.`,
    (p) => `任务要素 ${p.code} 尚未交办。`,
  ),
  TASK_CANCELLED: text<{ code: string; closedOn: string }>(
    (p) => `Task element ${p.code} was cancelled on ${p.closedOn}.`,
    (p) => `任务要素 ${p.code} 已于 ${p.closedOn} 撤销。`,
  ),
  TASK_VERIFIED: text<{ code: string; closedOn: string }>(
    (p) => `Task element ${p.code} was verified on ${p.closedOn}; it is closed.`,
    (p) => `任务要素 ${p.code} 已于 ${p.closedOn} 核验销号，不能再变更。`,
  ),
  UNKNOWN_PERIOD: text<{ code: string; period: string; periods: string }>(
    (p) => `Task element ${p.code} has no period ${p.period}; its periods are ${p.periods}.`,
    (p) => `任务要素 ${p.code} 没有 ${p.period} 期；其周期为 ${p.periods}。`,
  ),
  NO_PERIOD: text<{ code: string; want: WantedPeriod }>(
    (p) => `Task element ${p.code} has no period ${wanted(p.want, 0)}.`,
    (p) => `任务要素 ${p.code} 没有${wanted(p.want, 1)}的周期。`,
  ),
  NEW_DEADLINE_NOT_LATER: text<{ currentDue: string }>(
    (p) => `The new deadline must be after the current one (${p.currentDue}).`,
    (p) => `新的完成时限须晚于当前时限（${p.currentDue}）。`,
  ),
  DEADLINE_AFTER_CAMPAIGN: text<{ deadline: string; campaignEnd: string; isNew?: "new" }>(
    (p) =>
      `The ${p.isNew === "new" ? "new deadline" : "deadline"} ${p.deadline} is after the campaign ends (${p.campaignEnd}).`,
    (p) =>
      `${p.isNew === "new" ? "新的完成时限" : "完成时限"} ${p.deadline} 晚于专项整治结束日期（${p.campaignEnd}）。`,
  ),
  TASK_ALREADY_ASSIGNED: text<{ code: string; assignedOn: string }>(
    (p) => `Task element ${p.code} was already assigned on ${p.assignedOn}.`,
    (p) => `任务要素 ${p.code} 已于 ${p.assignedOn} 交办。`,
  ),
  WRONG_CAMPAIGN: text<{ workstream: string; campaignId: string; given: string }>(
    (p) => `Workstream ${p.workstream} belongs to campaign ${p.campaignId}, not ${p.given}.`,
    (p) => `专项 ${p.workstream} 属于专项整治 ${p.campaignId}，不属于 ${p.given}。`,
  ),
  DEADLINE_BEFORE_STAGE: text<{ deadline: string; stage: string; start: string }>(
    (p) => `The deadline ${p.deadline} is before stage ${p.stage} starts (${p.start}).`,
    (p) => `完成时限 ${p.deadline} 早于 ${p.stage} 阶段的开始日期（${p.start}）。`,
  ),
  TASK_ALREADY_STARTED: text<{ code: string; startedOn: string }>(
    (p) => `Task element ${p.code} was already started on ${p.startedOn}.`,
    (p) => `任务要素 ${p.code} 已于 ${p.startedOn} 开始推进。`,
  ),
  TASK_NOT_STARTED: text<{ code: string }>(
    (p) => `Task element ${p.code} has not been started; start it first.`,
    (p) => `任务要素 ${p.code} 尚未开始推进；请先开始。`,
  ),
  COMPLETION_ALREADY_REPORTED: text<Period & { of?: "progress" }>(
    (p) =>
      p.of === "progress"
        ? `Completion of ${p.code} is reported and awaits verification.`
        : `Completion of ${periodEn(p)} is already reported.`,
    (p) => (p.of === "progress" ? `任务要素 ${p.code} 已报告完成，正待核验。` : `${periodZh(p)}已报告完成。`),
  ),
  PERIOD_ALREADY_VERIFIED: text<Period>(
    (p) => `${periodEn(p)} is already verified.`,
    (p) => `${periodZh(p)}已核验。`,
  ),
  PERIOD_NOT_STARTED: text<{ code: string; period: string; start: string }>(
    (p) =>
      `TaskPeriod ${p.period} of ${p.code} starts on ${p.start}; its completion cannot be reported before.`,
    (p) => `任务要素 ${p.code} 的 ${p.period} 期从 ${p.start} 开始，此前不能报告完成。`,
  ),
  WRONG_WORKSTREAM: text<{ code: string; workstream: string }>(
    (p) => `Task element ${p.code} belongs to workstream ${p.workstream}.`,
    (p) => `任务要素 ${p.code} 属于专项 ${p.workstream}。`,
  ),
  COMPLETION_NOT_REPORTED: text<Period>(
    (p) => `Completion of ${periodEn(p)} has not been reported; there is nothing to verify.`,
    (p) => `${periodZh(p)}尚未报告完成，无可核验。`,
  ),
  PERIOD_NOT_OPEN: text<Period & { status: string }>(
    (p) => `${periodEn(p)} is already ${p.status.toLowerCase()}.`,
    (p) => `${periodZh(p)}已是“${PERIOD_STATUS_ZH[p.status] ?? p.status}”。`,
  ),
  EXTENSION_TOO_LATE: text<{ due: string; on: string }>(
    (p) => `An extension must be requested by the deadline (${p.due}); it is now ${p.on}.`,
    (p) => `延期须在完成时限（${p.due}）前申请；今天已是 ${p.on}。`,
  ),
  EXTENSION_ALREADY_PENDING: text<{ requestedDue: string; requestedOn: string }>(
    (p) => `An extension to ${p.requestedDue} requested on ${p.requestedOn} awaits a decision.`,
    (p) => `${p.requestedOn} 申请延期至 ${p.requestedDue}，尚待决定。`,
  ),
  NO_PENDING_EXTENSION: text<Period>(
    (p) => `No extension of ${periodEn(p)} has been requested.`,
    (p) => `${periodZh(p)}没有延期申请。`,
  ),
  NOT_OVERDUE: text<{ code: string; on: string }>(
    (p) => `Task element ${p.code} is not overdue on ${p.on}; only overdue work is escalated.`,
    (p) => `任务要素 ${p.code} 在 ${p.on} 未逾期；只有逾期的任务才能督办。`,
  ),
  ESCALATION_SKIPS_LEVEL: text<{ code: string; next: string }>(
    (p) =>
      `Escalation goes ${TASK_ESCALATION_LEVELS.map((l) => l.key).join(" → ")}; ${p.code} must first receive a ${p.next}.`,
    (p) =>
      `督办须逐级进行：${TASK_ESCALATION_LEVELS.map((l) => l.name).join(" → ")}；${p.code} 须先收到${levelZh(p.next)}。`,
  ),
  ESCALATION_BELOW_CURRENT: text<{ code: string; level: string }>(
    (p) => `Task element ${p.code} has already been escalated to ${p.level}.`,
    (p) => `任务要素 ${p.code} 已督办至“${levelZh(p.level)}”。`,
  ),
} satisfies ErrorTexts;
