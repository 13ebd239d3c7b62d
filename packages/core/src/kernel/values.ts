/**
 * Values every context shares: calendar dates, the business date of a command (China's
 * local date, +08:00), non-empty strings, ids usable in stream names.
 */
import * as t from "io-ts";

export const DAY_MS = 86_400_000;

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/**
 * `YYYY-MM-DD` naming a day that exists, years 0100–9999 (as `Date.UTC` reads them). Arithmetic
 * rather than a `Date` per call: every date field of every event goes through here on decode.
 */
export const isCalendarDate = (s: string): boolean => {
  if (!DATE_SHAPE.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/** A calendar date `YYYY-MM-DD` that exists (no 2021-02-29). Dates compare as strings. */
export const DateString = new t.Type<string, string, unknown>(
  "DateString",
  (u): u is string => typeof u === "string" && isCalendarDate(u),
  (u, c) =>
    typeof u === "string" && isCalendarDate(u)
      ? t.success(u)
      : t.failure(u, c, "must be a real calendar date written YYYY-MM-DD (e.g. 2020-07-14)"),
  t.identity,
);

/** A non-empty string (after trimming). */
export const NonEmptyString = new t.Type<string, string, unknown>(
  "NonEmptyString",
  (u): u is string => typeof u === "string" && u.trim().length > 0,
  (u, c) =>
    typeof u === "string" && u.trim().length > 0 ? t.success(u) : t.failure(u, c, "must not be empty"),
  t.identity,
);

/** An id usable in a stream name: letters, digits, `.`, `_`, `-`; no spaces. */
export const Code = new t.Type<string, string, unknown>(
  "Code",
  (u): u is string => typeof u === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(u),
  (u, c) =>
    typeof u === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(u)
      ? t.success(u)
      : t.failure(u, c, "must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit"),
  t.identity,
);

/** A non-empty list. */
export const nonEmptyArray = <C extends t.Mixed>(codec: C, name?: string) =>
  t.refinement(t.array(codec), (xs) => xs.length > 0, name ?? `NonEmptyArray<${codec.name}>`);

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The business date of a command time: the local date in China (UTC+08:00). A bare date is
 * itself; a date-time with an offset is moved to +08:00 first (2020-07-13T20:00:00Z is
 * 2020-07-14 in Guangyuan); a date-time without an offset is taken as local already.
 */
export const businessDate = (iso: string): string => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) return iso.slice(0, 10);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso.slice(0, 10);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
};

const toMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromMs(toMs(date) + days * DAY_MS);

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY_MS);

export const minDate = (a: string, b: string): string => (a <= b ? a : b);
export const maxDate = (a: string, b: string): string => (a >= b ? a : b);
