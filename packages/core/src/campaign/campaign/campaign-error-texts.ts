/**
 * The codes of the campaign itself (its stages, its lead group), in English and Chinese, and
 * those the campaign context's other aggregates share with it (a campaign not launched or
 * concluded, an unknown stage, the lead unit and the other units of a workstream or element).
 */
import { type ErrorTexts, text } from "../../kernel/error-texts";

type StageGap = { key: string; due: string; previous: string; start: string };
const stageGap = text<StageGap>(
  (p) =>
    `CampaignStage ${p.key} must start on ${p.due}, the day after ${p.previous} ends; it starts on ${p.start}.`,
  (p) => `阶段 ${p.key} 须从 ${p.due}（${p.previous} 结束的次日）开始；它从 ${p.start} 开始。`,
);

/** The other units of a workstream (member units) or of a task element (co-responsible units). */
const UNITS = {
  memberUnits: ["member units", "成员单位"],
  coUnits: ["co-responsible units", "配合单位"],
} as const;
export type OtherUnits = keyof typeof UNITS;
const unitsIn = (among: string, lang: 0 | 1) => UNITS[among as OtherUnits]?.[lang] ?? among;

export const CAMPAIGN_ERROR_TEXTS = {
  CAMPAIGN_NOT_LAUNCHED: text<{ campaignId: string }>(
    (p) => `Campaign ${p.campaignId} has not been launched.`,
    (p) => `专项整治 ${p.campaignId} 尚未启动。`,
  ),
  CAMPAIGN_CONCLUDED: text<{ campaignId: string; concludedOn?: string; blocks?: "workstream" | "assign" }>(
    (p) =>
      p.blocks === "workstream"
        ? `Campaign ${p.campaignId} is concluded; no workstream can be added.`
        : p.blocks === "assign"
          ? `Campaign ${p.campaignId} is concluded; nothing more can be assigned.`
          : `Campaign ${p.campaignId} was concluded on ${p.concludedOn}; it can no longer change.`,
    (p) =>
      p.blocks === "workstream"
        ? `专项整治 ${p.campaignId} 已结束，不能再增加专项。`
        : p.blocks === "assign"
          ? `专项整治 ${p.campaignId} 已结束，不能再交办任务。`
          : `专项整治 ${p.campaignId} 已于 ${p.concludedOn} 结束，不能再变更。`,
  ),
  UNKNOWN_STAGE: text<{ stage: string; stages: string }>(
    (p) => `There is no stage "${p.stage}"; the stages are ${p.stages}.`,
    (p) => `没有“${p.stage}”阶段；阶段为 ${p.stages}。`,
  ),
  LEAD_UNIT_ALSO_LISTED: text<{ leadUnit: string; among: OtherUnits }>(
    (p) => `${p.leadUnit} is the lead unit; it cannot also be one of the ${unitsIn(p.among, 0)}.`,
    (p) => `${p.leadUnit} 是牵头单位，不能同时作为${unitsIn(p.among, 1)}。`,
  ),
  DUPLICATE_UNIT: text<{ duplicate: string; among: OtherUnits }>(
    (p) => `${p.duplicate} is named twice among the ${unitsIn(p.among, 0)}.`,
    (p) => `${p.duplicate} 在${unitsIn(p.among, 1)}中出现两次。`,
  ),
  CAMPAIGN_SPAN_INVALID: text<Record<never, never>>(
    () => "The campaign must end on or after the day it starts.",
    () => "专项整治的结束日期不能早于开始日期。",
  ),
  STAGE_COUNT: text<{ expected: number; keys: string; given: number }>(
    (p) => `A campaign has exactly ${p.expected} stages (${p.keys}); ${p.given} were given.`,
    (p) => `专项整治恰有 ${p.expected} 个阶段（${p.keys}）；给出了 ${p.given} 个。`,
  ),
  STAGE_ORDER: text<{
    position: number;
    expectedKey: string;
    expectedName: string;
    given: string;
    order: string;
  }>(
    (p) =>
      `CampaignStage ${p.position} must be "${p.expectedKey}" (${p.expectedName}), not "${p.given}": the stages are ${p.order}.`,
    (p) =>
      `第 ${p.position} 阶段须为“${p.expectedKey}”（${p.expectedName}），不是“${p.given}”：阶段顺序为 ${p.order}。`,
  ),
  STAGE_DATES_INVALID: text<{ key: string; end: string; start: string }>(
    (p) => `CampaignStage ${p.key} ends (${p.end}) before it starts (${p.start}).`,
    (p) => `阶段 ${p.key} 的结束日期（${p.end}）早于开始日期（${p.start}）。`,
  ),
  STAGE_OUTSIDE_SPAN: text<{
    key: string;
    start: string;
    end: string;
    campaignStart: string;
    campaignEnd: string;
  }>(
    (p) =>
      `CampaignStage ${p.key} (${p.start}..${p.end}) must lie inside the campaign (${p.campaignStart}..${p.campaignEnd}).`,
    (p) =>
      `阶段 ${p.key}（${p.start}..${p.end}）须在专项整治期间（${p.campaignStart}..${p.campaignEnd}）之内。`,
  ),
  STAGES_OVERLAP: stageGap,
  STAGES_NOT_CONTIGUOUS: stageGap,
  CAMPAIGN_ALREADY_LAUNCHED: text<{ campaignId: string }>(
    (p) => `Campaign ${p.campaignId} was already launched.`,
    (p) => `专项整治 ${p.campaignId} 已启动。`,
  ),
  STAGE_ALREADY_CURRENT: text<{ stage: string }>(
    (p) => `The campaign is already in stage ${p.stage}.`,
    (p) => `专项整治已处于 ${p.stage} 阶段。`,
  ),
  STAGE_BACKWARDS: text<{ current: string; stage: string }>(
    (p) => `Stages only advance: the campaign is in ${p.current}, after ${p.stage}.`,
    (p) => `阶段只能前进：专项整治处于 ${p.current}，已在 ${p.stage} 之后。`,
  ),
  STAGE_SKIPPED: text<{ current: string; next?: string; stage: string }>(
    (p) => `Stages advance one at a time: after ${p.current} comes ${p.next}, not ${p.stage}.`,
    (p) => `阶段须逐一推进：${p.current} 之后是 ${p.next}，不是 ${p.stage}。`,
  ),
  BEFORE_CAMPAIGN_START: text<{ start: string }>(
    (p) => `The campaign starts on ${p.start}; no stage can advance before then.`,
    (p) => `专项整治于 ${p.start} 开始；此前不能推进阶段。`,
  ),
  CAMPAIGN_NOT_IN_LAST_STAGE: text<{ last?: string; current?: string }>(
    (p) => `A campaign concludes only in its last stage (${p.last}); it is in ${p.current}.`,
    (p) => `专项整治只能在最后阶段（${p.last}）结束；当前处于 ${p.current}。`,
  ),
  ALREADY_MEMBER: text<{ person: string; unit: string; position: string }>(
    (p) => `${p.person} (${p.unit}) is already on the lead group as ${p.position}.`,
    (p) => `${p.person}（${p.unit}）已是领导小组的 ${p.position}。`,
  ),
  LEADER_ALREADY_APPOINTED: text<{ person: string; unit: string }>(
    (p) => `The lead group already has a leader, ${p.person} (${p.unit}); remove them first.`,
    (p) => `领导小组已有组长 ${p.person}（${p.unit}）；请先将其移出。`,
  ),
  UNIT_ALREADY_MEMBER: text<{ unit: string }>(
    (p) => `Unit ${p.unit} is already a member unit of the lead group.`,
    (p) => `单位 ${p.unit} 已是领导小组成员单位。`,
  ),
  NOT_A_MEMBER: text<{ person: string; unit: string }>(
    (p) => `${p.person} (${p.unit}) is not a current member of the lead group.`,
    (p) => `${p.person}（${p.unit}）不是领导小组的现任成员。`,
  ),
} satisfies ErrorTexts;
