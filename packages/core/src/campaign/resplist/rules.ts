/** What the responsibility list requires per period, and what was missed: derived, never stored. */
import type { PeriodKind } from "../values";
import { minDate, periodsBetween } from "../values";
import type { ResponsibilityTier } from "./events";
import { type ResponsibilityListState, versionInForce } from "./state";

export type DutyStatus = "met" | "missed" | "open";

export interface DutyPeriodRow {
  readonly listId: string;
  readonly itemId: string;
  readonly version: number;
  readonly subjectUnit: string;
  readonly subjectPost: string;
  readonly tier: ResponsibilityTier;
  readonly duty: string;
  readonly per: PeriodKind;
  readonly period: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly required: number;
  readonly performed: number;
  /** `missed`: the period is over and fewer were performed than required; `open`: not over yet. */
  readonly status: DutyStatus;
}

const KINDS: ReadonlyArray<PeriodKind> = ["month", "quarter", "year"];

/**
 * Every (item, period) from the first version's effective date up to `asOf`. The requirement of
 * a period is that of the version in force on its last day (or on `asOf`, for the current
 * period); an item not in that version is not required for that period. Performances count
 * when performed inside the period, on or before `asOf`.
 */
export const dutyPeriods = (state: ResponsibilityListState, asOf: string): DutyPeriodRow[] => {
  const first = state.versions[0];
  if (first === undefined || first.effectiveFrom > asOf) return [];
  const rows: DutyPeriodRow[] = [];
  for (const per of KINDS)
    for (const period of periodsBetween(per, first.effectiveFrom, asOf)) {
      const reference = minDate(period.end, asOf);
      const version = versionInForce(state, reference);
      if (version === undefined) continue;
      for (const item of version.items) {
        if (item.requirement.per !== per) continue;
        const performed = state.performances.filter(
          (p) =>
            p.itemId === item.itemId &&
            p.performedOn >= period.start &&
            p.performedOn <= period.end &&
            p.performedOn <= asOf,
        ).length;
        const required = item.requirement.count;
        rows.push({
          listId: state.listId,
          itemId: item.itemId,
          version: version.version,
          subjectUnit: item.subject.unit,
          subjectPost: item.subject.post,
          tier: item.tier,
          duty: item.duty,
          per,
          period: period.key,
          periodStart: period.start,
          periodEnd: period.end,
          required,
          performed,
          status: performed >= required ? "met" : period.end < asOf ? "missed" : "open",
        });
      }
    }
  return rows.sort((a, b) =>
    a.itemId !== b.itemId
      ? a.itemId < b.itemId
        ? -1
        : 1
      : a.periodStart < b.periodStart
        ? -1
        : a.periodStart > b.periodStart
          ? 1
          : 0,
  );
};

/** The duties missed as of a date: periods over with fewer performances than required. */
export const missedDuties = (state: ResponsibilityListState, asOf: string): DutyPeriodRow[] =>
  dutyPeriods(state, asOf).filter((r) => r.status === "missed");
