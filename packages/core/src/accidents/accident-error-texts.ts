/** The codes of accident reports, in English and Chinese. */
import { type ErrorTexts, text } from "../kernel/error-texts";

export const ACCIDENT_ERROR_TEXTS = {
  ACCIDENT_NOT_REPORTED: text<{ accidentId: string }>(
    (p) => `Accident ${p.accidentId} has not been reported.`,
    (p) => `事故 ${p.accidentId} 尚未报告。`,
  ),
  ACCIDENT_WITHDRAWN: text<{ accidentId: string }>(
    (p) => `The report of accident ${p.accidentId} was withdrawn; it can no longer change.`,
    (p) => `事故 ${p.accidentId} 的报告已撤回，不能再修改。`,
  ),
  INVESTIGATION_CONCLUDED: text<{ accidentId: string }>(
    (p) => `The investigation of accident ${p.accidentId} is concluded; it can no longer change.`,
    (p) => `事故 ${p.accidentId} 的调查已结案，不能再修改。`,
  ),
  CASUALTY_LIST_EXCEEDS: text<{
    accidentId: string;
    outcome: "dead" | "seriously-injured";
    listed: number;
    figure: number;
  }>(
    (p) =>
      p.outcome === "dead"
        ? `The casualty list of accident ${p.accidentId} names ${p.listed} dead, more than its ${p.figure} deaths: the list names at most as many dead as the deaths figure (the injured and the missing are in neither figure).`
        : `The casualty list of accident ${p.accidentId} names ${p.listed} seriously injured, more than its ${p.figure} serious injuries: the list names at most as many seriously injured as that figure (the injured and the missing are in neither figure).`,
    (p) =>
      p.outcome === "dead"
        ? `事故 ${p.accidentId} 的伤亡人员名单列出死亡 ${p.listed} 人，多于死亡人数 ${p.figure}：名单中的死亡人员不得多于死亡人数（轻伤和失踪人员不计入这两项人数）。`
        : `事故 ${p.accidentId} 的伤亡人员名单列出重伤 ${p.listed} 人，多于重伤人数 ${p.figure}：名单中的重伤人员不得多于重伤人数（轻伤和失踪人员不计入这两项人数）。`,
  ),
  ACCIDENT_ALREADY_REPORTED: text<{ accidentId: string }>(
    (p) => `Accident ${p.accidentId} was already reported.`,
    (p) => `事故 ${p.accidentId} 已报告。`,
  ),
  SECTOR_MISMATCH: text<{ entityId: string; sector: string; given: string }>(
    (p) => `Entity ${p.entityId} is in sector ${p.sector}, not ${p.given}.`,
    (p) => `企业 ${p.entityId} 属于 ${p.sector} 行业，不是 ${p.given}。`,
  ),
  DISTRICT_MISMATCH: text<{ entityId: string; district: string; given: string }>(
    (p) => `Entity ${p.entityId} is in ${p.district}, not ${p.given}.`,
    (p) => `企业 ${p.entityId} 位于 ${p.district}，不是 ${p.given}。`,
  ),
  SECTOR_REQUIRED: text<Record<never, never>>(
    () => "Give the sector of an accident without an entity.",
    () => "没有企业的事故须给出行业。",
  ),
  DISTRICT_REQUIRED: text<Record<never, never>>(
    () => "Give the district or county of an accident without an entity.",
    () => "没有企业的事故须给出区县。",
  ),
  REPORTED_BEFORE_OCCURRED: text<{ occurredAt: string; reportedAt?: string; reachedAt?: string }>(
    (p) =>
      p.reachedAt === undefined
        ? `The report time ${p.reportedAt} is before the accident (${p.occurredAt}).`
        : `The report reached the government at ${p.reachedAt}, before ${p.occurredAt}.`,
    (p) =>
      p.reachedAt === undefined
        ? `报告时间 ${p.reportedAt} 早于事故发生时间（${p.occurredAt}）。`
        : `报告于 ${p.reachedAt} 送达政府，早于 ${p.occurredAt}。`,
  ),
  CORRECT_THE_ENTITY: text<{ accidentId: string; entityId: string }>(
    (p) =>
      `Accident ${p.accidentId} takes its sector and district from entity ${p.entityId}: correct the entity instead.`,
    (p) => `事故 ${p.accidentId} 的行业和区县取自企业 ${p.entityId}：请改为更正该企业。`,
  ),
  REVISION_WINDOW_CLOSED: text<{ accidentId: string; days: number; occurredAt: string; lastDay: string }>(
    (p) =>
      `Casualties of accident ${p.accidentId} may be revised only within ${p.days} days of ${p.occurredAt} (until 24:00 on ${p.lastDay}, China Standard Time).`,
    (p) =>
      `事故 ${p.accidentId} 的伤亡人数只能在 ${p.occurredAt} 起 ${p.days} 日内补报（北京时间 ${p.lastDay} 24 时前）。`,
  ),
  RECORDED_AFTER_WINDOW: text<{ accidentId: string; lastDay: string }>(
    (p) =>
      `The revision window of accident ${p.accidentId} closed at 24:00 on ${p.lastDay}; this deployment refuses revisions recorded after it, whatever date they claim.`,
    (p) =>
      `事故 ${p.accidentId} 的补报期已于 ${p.lastDay} 24 时截止；本系统拒绝此后录入的补报，无论其所称日期为何。`,
  ),
  DUPLICATE_OF_ITSELF: text<Record<never, never>>(
    () => "An accident cannot be a duplicate of itself.",
    () => "事故不能与其自身重复。",
  ),
} satisfies ErrorTexts;
