/** Accident rules as pure functions: Decree 493 classification, the revision window, late reports. */
import { businessDate, isCalendarDate } from "../kernel/calendar";
import { addDays } from "../kernel/values";
import {
  ACCIDENT_REPORTING,
  type AccidentClass,
  accidentClassRank,
  DECREE_493_THRESHOLDS,
} from "../reference/accident-thresholds";
import type { CasualtyOutcome } from "./events";

export interface Casualties {
  readonly deaths: number;
  readonly seriousInjuries: number;
  readonly directLossFen: number;
}

/**
 * The class of an accident: the highest class that any one criterion reaches (deaths, serious
 * injuries or direct economic loss; "or" joins them), lower bounds inclusive.
 */
export const classifyAccident = (c: Casualties): AccidentClass => {
  for (const t of DECREE_493_THRESHOLDS)
    if (c.deaths >= t.deaths || c.seriousInjuries >= t.seriousInjuries || c.directLossFen >= t.directLossFen)
      return t.class;
  return "general";
};

/** Larger (较大) or above: what "zero control" counts. */
export const isLargerOrAbove = (c: AccidentClass): boolean =>
  accidentClassRank(c) >= accidentClassRank("larger");

export type AccidentKind = "road-traffic" | "fire" | "other";

/** Days after the accident during which casualties may be revised (7 for road traffic and fire). */
export const revisionWindowDays = (kind: AccidentKind): number =>
  kind === "road-traffic" || kind === "fire"
    ? ACCIDENT_REPORTING.shortRevisionDays
    : ACCIDENT_REPORTING.revisionDays;

/**
 * The last day on which an accident's casualties may be revised. Periods in days are counted in
 * calendar days of China Standard Time (Civil Code arts. 200–204): the day of the accident is
 * not counted, and the period ends at 24:00 of its last day. A fire at 22:00 on 25 February
 * 2021 may be revised until 24:00 on 4 March 2021.
 */
export const revisionWindowLastDay = (occurredAt: string, kind: AccidentKind): string =>
  addDays(businessDate(occurredAt), revisionWindowDays(kind));

/** Is business time `at` (a date or a date-time) inside the revision window (not before the accident)? */
export const withinRevisionWindow = (occurredAt: string, at: string, kind: AccidentKind): boolean => {
  const day = businessDate(at);
  if (day < businessDate(occurredAt) || day > revisionWindowLastDay(occurredAt, kind)) return false;
  return isCalendarDate(at) || Date.parse(at) >= Date.parse(occurredAt);
};

/** Whole minutes from occurrence to report (rounded down). */
export const reportDelayMinutes = (occurredAt: string, reportedAt: string): number =>
  Math.floor((Date.parse(reportedAt) - Date.parse(occurredAt)) / 60_000);

/** Late against the 1-hour rule: reported more than 60 minutes after the accident. */
export const isLateReport = (occurredAt: string, reportedAt: string): boolean =>
  Date.parse(reportedAt) - Date.parse(occurredAt) > ACCIDENT_REPORTING.unitReportMinutes * 60_000;

/** How many persons of a casualty list had each outcome. */
export type CasualtyCounts = Readonly<Record<CasualtyOutcome, number>>;

/** The outcomes in the order the lists and the statistics show them. */
export const CASUALTY_OUTCOMES: ReadonlyArray<CasualtyOutcome> = [
  "dead",
  "seriously-injured",
  "injured",
  "missing",
];

export const casualtyCounts = (
  list: ReadonlyArray<{ readonly outcome: CasualtyOutcome }>,
): CasualtyCounts => {
  const counts = { dead: 0, "seriously-injured": 0, injured: 0, missing: 0 };
  for (const c of list) counts[c.outcome] += 1;
  return counts;
};

/**
 * How a casualty list relates to the figures: it names at most `deaths` dead and at most
 * `seriousInjuries` seriously injured (names may not all be known when figures are); the injured
 * and the missing it lists are in neither figure. The first figure the list exceeds, or undefined.
 */
export const casualtyListExceeds = (
  counts: CasualtyCounts,
  figures: { readonly deaths: number; readonly seriousInjuries: number },
):
  | { readonly outcome: "dead" | "seriously-injured"; readonly listed: number; readonly figure: number }
  | undefined => {
  if (counts.dead > figures.deaths) return { outcome: "dead", listed: counts.dead, figure: figures.deaths };
  if (counts["seriously-injured"] > figures.seriousInjuries)
    return {
      outcome: "seriously-injured",
      listed: counts["seriously-injured"],
      figure: figures.seriousInjuries,
    };
  return undefined;
};
