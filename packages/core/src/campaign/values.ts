/**
 * Values shared by the campaign context: calendar dates, the business date of a command,
 * reporting periods, identifiers and evidence.
 */
import * as t from "io-ts";
import { addDays, NonEmptyString } from "../kernel/values";

export {
  addDays,
  businessDate,
  Code,
  DateString,
  daysBetween,
  maxDate,
  minDate,
  NonEmptyString,
  nonEmptyArray,
} from "../kernel/values";

/** A piece of evidence: what it is and where to find it (document number, file, link). */
export const EvidenceCodec = t.intersection([
  t.type({ description: NonEmptyString, reference: NonEmptyString }),
  t.partial({ kind: t.string }),
]);
export type Evidence = t.TypeOf<typeof EvidenceCodec>;

/** The length of a reporting period. */
export type PeriodKind = "month" | "quarter" | "year";
export const PeriodKindCodec = t.keyof({ month: null, quarter: null, year: null });

export interface CalendarPeriod {
  /** `2021-03`, `2021-Q1` or `2021`. */
  readonly key: string;
  readonly start: string;
  readonly end: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The calendar period of a kind that contains a date. */
export const periodOf = (kind: PeriodKind, date: string): CalendarPeriod => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  switch (kind) {
    case "month":
      return {
        key: `${y}-${pad(m)}`,
        start: `${y}-${pad(m)}-01`,
        end: `${y}-${pad(m)}-${lastDayOfMonth(y, m)}`,
      };
    case "quarter": {
      const q = Math.floor((m - 1) / 3) + 1;
      const first = (q - 1) * 3 + 1;
      const last = first + 2;
      return {
        key: `${y}-Q${q}`,
        start: `${y}-${pad(first)}-01`,
        end: `${y}-${pad(last)}-${lastDayOfMonth(y, last)}`,
      };
    }
    case "year":
      return { key: `${y}`, start: `${y}-01-01`, end: `${y}-12-31` };
  }
};

/** Every calendar period of a kind that overlaps `from`..`to` (inclusive), in order. */
export const periodsBetween = (kind: PeriodKind, from: string, to: string): CalendarPeriod[] => {
  const out: CalendarPeriod[] = [];
  if (from > to) return out;
  for (let p = periodOf(kind, from); p.start <= to; p = periodOf(kind, addDays(p.end, 1))) out.push(p);
  return out;
};
