/**
 * The one strict reading of calendar dates and date-times, shared by every command field, the
 * command envelope, every CSV cell and every stored-event decoder: what the write side accepts,
 * the read side reads. `Date.parse` is never the judge, because it rolls impossible days over
 * (2021-02-29 becomes 1 March) and takes `T24:00`.
 */
import { type IssueReason, reason, reasonText } from "./input-issue-texts";

/** Years the ledger reads (as `Date.UTC` reads them without the two-digit-year shift). */
const MIN_YEAR = 100;
/** The widest offsets in use anywhere (UTC−12:00 to UTC+14:00, Line Islands); ±14:00 allowed. */
const MAX_OFFSET_MINUTES = 14 * 60;

export const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

export const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

const NOT_A_DATE = reason("INPUT_NOT_A_DATE", {});

/** Why a text is not a calendar date, or undefined when it is one. Read digit by digit. */
const dateProblem = (s: string, at = 0): IssueReason | undefined => {
  if (
    s.length < at + 10 ||
    s.charCodeAt(at + 4) !== 45 || // -
    s.charCodeAt(at + 7) !== 45
  )
    return NOT_A_DATE;
  const year = two(s, at) * 100 + two(s, at + 2);
  const month = two(s, at + 5);
  const day = two(s, at + 8);
  if (Number.isNaN(year) || Number.isNaN(month) || Number.isNaN(day)) return NOT_A_DATE;
  if (year < MIN_YEAR) return reason("INPUT_YEAR_TOO_EARLY", { year, min: MIN_YEAR });
  if (month < 1 || month > 12) return reason("INPUT_NO_SUCH_MONTH", { month });
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return reason("INPUT_NO_SUCH_DAY", { month: s.slice(at, at + 7), day, days });
  return undefined;
};

/** `YYYY-MM-DD` naming a day that exists (no 2021-02-29, no 2020-04-31). */
export const isCalendarDate = (s: string): boolean => s.length === 10 && dateProblem(s) === undefined;

/** Why `s` is not a calendar date, coded (see input-issue-texts.ts); undefined when it is one. */
export const calendarDateReason = (s: string): IssueReason | undefined =>
  s.length === 10 ? dateProblem(s) : NOT_A_DATE;

/** Why `s` is not a calendar date, in English; undefined when it is one. */
export const calendarDateProblem = (s: string): string | undefined => english(calendarDateReason(s));

const english = (why: IssueReason | undefined): string | undefined =>
  why === undefined ? undefined : reasonText(why, "en");

/** A date-time as the ledger reads it: the instant and the offset it was written with. */
export interface ParsedDateTime {
  /** Milliseconds since the epoch, as `Date.parse` gives for a valid text. */
  readonly epochMs: number;
  /** Minutes east of UTC (+08:00 is 480). */
  readonly offsetMinutes: number;
}

const DATE_TIME_SHAPE = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

const isDigitAt = (s: string, i: number): boolean => !Number.isNaN(digit(s, i));
const DIGITS_OF_WHOLE_SECONDS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * The groups `DATE_TIME_SHAPE` would capture, for its most common form (whole seconds, `Z` or
 * `±HH:MM`: what the ledger writes), read by character: the regex costs more than the rest of
 * the parse, and a rebuild reads a few date-times per event. Null for any other text (the regex
 * then decides).
 */
const wholeSecondsShape = (s: string): [string, string, string, string, undefined, string] | null => {
  const zoned = s.length === 25;
  if (!zoned && !(s.length === 20 && s.charCodeAt(19) === 90)) return null; // Z
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return null; // - - T
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null; // : :
  for (const i of DIGITS_OF_WHOLE_SECONDS) if (!isDigitAt(s, i)) return null;
  if (zoned) {
    const sign = s.charCodeAt(19);
    if ((sign !== 43 && sign !== 45) || s.charCodeAt(22) !== 58) return null; // + or -, :
    if (!isDigitAt(s, 20) || !isDigitAt(s, 21) || !isDigitAt(s, 23) || !isDigitAt(s, 24)) return null;
  }
  return [s, s.slice(11, 13), s.slice(14, 16), s.slice(17, 19), undefined, s.slice(19)];
};

/**
 * Read `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`: a real day, hours
 * 00–23 (no `24:00`: write the next day's 00:00), minutes and seconds 00–59 (no leap second),
 * an offset within ±14:00 (not `-00:00`, which RFC 3339 reserves for "offset unknown").
 * Else why not, coded.
 */
export const parseDateTimeOrReason = (s: string): ParsedDateTime | IssueReason => {
  const m = wholeSecondsShape(s) ?? DATE_TIME_SHAPE.exec(s);
  if (m === null) return reason("INPUT_NOT_A_DATE_TIME", {});
  const problem = dateProblem(s);
  if (problem !== undefined) return problem;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  if (hour > 23) return reason("INPUT_NO_SUCH_HOUR", { hour });
  if (minute > 59) return reason("INPUT_NO_SUCH_MINUTE", { minute });
  if (second > 59) return reason("INPUT_NO_SUCH_SECOND", { second });
  const zone = m[5] as string;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    if (zone === "-00:00") return reason("INPUT_UNKNOWN_OFFSET", {});
    const oh = two(zone, 1);
    const om = two(zone, 4);
    if (om > 59) return reason("INPUT_NO_SUCH_OFFSET_MINUTE", { offset: zone, minute: om });
    offsetMinutes = (zone.charCodeAt(0) === 43 ? 1 : -1) * (oh * 60 + om);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES)
      return reason("INPUT_OFFSET_TOO_WIDE", { offset: zone });
  }
  const fraction = m[4] === undefined ? 0 : Math.floor(Number(`0.${m[4]}`) * 1000);
  const year = two(s, 0) * 100 + two(s, 2);
  const local = Date.UTC(year, two(s, 5) - 1, two(s, 8), hour, minute, second, fraction);
  return { epochMs: local - offsetMinutes * 60_000, offsetMinutes };
};

const isReason = (parsed: ParsedDateTime | IssueReason): parsed is IssueReason => "code" in parsed;

/** `parseDateTimeOrReason` with its reason in English. */
export const parseDateTime = (s: string): ParsedDateTime | string => {
  const parsed = parseDateTimeOrReason(s);
  return isReason(parsed) ? reasonText(parsed, "en") : parsed;
};

/** A date-time with an explicit offset naming an instant that exists. */
export const isDateTime = (s: string): boolean => !isReason(parseDateTimeOrReason(s));

/** Why `s` is not a date-time with an offset, coded; undefined when it is one. */
export const dateTimeReason = (s: string): IssueReason | undefined => {
  const parsed = parseDateTimeOrReason(s);
  return isReason(parsed) ? parsed : undefined;
};

/**
 * A business time as a command may carry it: a calendar date (the whole day, in China's
 * time) or a date-time with an offset. Undefined when valid, else why not (coded).
 */
export const businessTimeReason = (s: string): IssueReason | undefined =>
  s.length === 10 ? calendarDateReason(s) : dateTimeReason(s);

/** `businessTimeReason` in English. */
export const businessTimeProblem = (s: string): string | undefined => english(businessTimeReason(s));

const CHINA_OFFSET_MINUTES = 8 * 60;

/**
 * The business date of a business time: the local date in China (UTC+08:00). A date is itself;
 * a date-time is moved to +08:00 first (2020-07-13T20:00:00Z is 2020-07-14 in Guangyuan).
 * Only for values that passed `businessTimeProblem`; anything else gives its first ten characters.
 */
export const businessDate = (iso: string): string => {
  if (iso.length === 10) return iso;
  // valid or not, a text at +08:00 gives its first ten characters: no need to read it
  if (iso.endsWith("+08:00")) return iso.slice(0, 10);
  const parsed = parseDateTimeOrReason(iso);
  if (isReason(parsed)) return iso.slice(0, 10);
  return new Date(parsed.epochMs + CHINA_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
};
