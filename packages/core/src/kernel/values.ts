/**
 * Values every context shares: calendar dates, the business date of a command (China's
 * local date, +08:00), non-empty strings, ids usable in stream names.
 */
import * as t from "io-ts";
import { calendarDateReason, isCalendarDate } from "./calendar";
import { reason } from "./input-issue-texts";
import { issueFailure } from "./io";

export const DAY_MS = 86_400_000;

export { businessDate, isCalendarDate } from "./calendar";

/** A calendar date `YYYY-MM-DD` that exists (no 2021-02-29). Dates compare as strings. */
export const DateString = new t.Type<string, string, unknown>(
  "DateString",
  (u): u is string => typeof u === "string" && isCalendarDate(u),
  (u, c) =>
    typeof u === "string" && isCalendarDate(u)
      ? t.success(u)
      : issueFailure(
          u,
          c,
          (typeof u === "string" ? calendarDateReason(u) : undefined) ?? reason("INPUT_NOT_A_DATE", {}),
        ),
  t.identity,
);

/** A non-empty string (after trimming). */
export const NonEmptyString = new t.Type<string, string, unknown>(
  "NonEmptyString",
  (u): u is string => typeof u === "string" && u.trim().length > 0,
  (u, c) =>
    typeof u === "string" && u.trim().length > 0
      ? t.success(u)
      : issueFailure(u, c, reason("INPUT_EMPTY", {})),
  t.identity,
);

/** An id usable in a stream name: letters, digits, `.`, `_`, `-`; no spaces. */
export const Code = new t.Type<string, string, unknown>(
  "Code",
  (u): u is string => typeof u === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(u),
  (u, c) =>
    typeof u === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(u)
      ? t.success(u)
      : issueFailure(u, c, reason("INPUT_NOT_A_CODE", { max: 64 })),
  t.identity,
);

/** A non-empty list. */
export const nonEmptyArray = <C extends t.Mixed>(codec: C, name?: string) =>
  t.refinement(t.array(codec), (xs) => xs.length > 0, name ?? `NonEmptyArray<${codec.name}>`);

const toMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromMs(toMs(date) + days * DAY_MS);

/** The dates `daysBetween` last read, and their instants: a rebuild asks of the same days many times running. */
let lastFrom = "";
let lastFromMs = toMs(lastFrom);
let lastTo = "";
let lastToMs = toMs(lastTo);

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number => {
  if (from !== lastFrom) {
    lastFromMs = toMs(from);
    lastFrom = from;
  }
  if (to !== lastTo) {
    lastToMs = toMs(to);
    lastTo = to;
  }
  return Math.round((lastToMs - lastFromMs) / DAY_MS);
};

export const minDate = (a: string, b: string): string => (a <= b ? a : b);
export const maxDate = (a: string, b: string): string => (a >= b ? a : b);
