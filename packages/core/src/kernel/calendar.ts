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
 * Is `s` in one of the most common forms `DATE_TIME_SHAPE` takes (whole seconds or
 * milliseconds, then `Z` or `±HH:MM`: what the ledger and `toISOString` write)? Read by
 * character: the regex and its groups cost more than the rest of the parse, and a rebuild
 * reads a few date-times per event. Undefined for any other text (the regex then decides); else
 * where its zone starts.
 */
const usualZoneAt = (s: string): number | undefined => {
  const millis = s.length === 24 || s.length === 29;
  const zoneAt = millis ? 23 : 19;
  const zoned = s.length === zoneAt + 6;
  if (!zoned && !(s.length === zoneAt + 1 && s.charCodeAt(zoneAt) === 90)) return undefined; // Z
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return undefined; // - - T
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined; // : :
  for (const i of DIGITS_OF_WHOLE_SECONDS) if (!isDigitAt(s, i)) return undefined;
  if (millis && (s.charCodeAt(19) !== 46 || !isDigitAt(s, 20) || !isDigitAt(s, 21) || !isDigitAt(s, 22)))
    return undefined; // .fff
  if (zoned) {
    const sign = s.charCodeAt(zoneAt);
    if ((sign !== 43 && sign !== 45) || s.charCodeAt(zoneAt + 3) !== 58) return undefined; // + or -, :
    for (const i of [1, 2, 4, 5]) if (!isDigitAt(s, zoneAt + i)) return undefined;
  }
  return zoneAt;
};

/**
 * Read `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`: a real day, hours
 * 00–23 (no `24:00`: write the next day's 00:00), minutes and seconds 00–59 (no leap second),
 * an offset within ±14:00 (not `-00:00`, which RFC 3339 reserves for "offset unknown").
 * Else why not, coded.
 */
export const parseDateTimeOrReason = (s: string): ParsedDateTime | IssueReason => {
  const zoneAt = usualZoneAt(s);
  if (zoneAt !== undefined) {
    const fraction = zoneAt === 23 ? digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22) : 0;
    return dateTimeOf(s, two(s, 11), two(s, 14), two(s, 17), fraction, zoneAt);
  }
  const m = DATE_TIME_SHAPE.exec(s);
  if (m === null) return reason("INPUT_NOT_A_DATE_TIME", {});
  const second = m[3] === undefined ? 0 : Number(m[3]);
  const fraction = m[4] === undefined ? 0 : Math.floor(Number(`0.${m[4]}`) * 1000);
  return dateTimeOf(s, Number(m[1]), Number(m[2]), second, fraction, s.length - (m[5] as string).length);
};

/** The rest of `parseDateTimeOrReason`, from the time's numbers and where its zone (`Z` or `±HH:MM`) starts. */
const dateTimeOf = (
  s: string,
  hour: number,
  minute: number,
  second: number,
  fraction: number,
  zoneAt: number,
): ParsedDateTime | IssueReason => {
  const problem = dateProblem(s);
  if (problem !== undefined) return problem;
  if (hour > 23) return reason("INPUT_NO_SUCH_HOUR", { hour });
  if (minute > 59) return reason("INPUT_NO_SUCH_MINUTE", { minute });
  if (second > 59) return reason("INPUT_NO_SUCH_SECOND", { second });
  let offsetMinutes = 0;
  if (s.charCodeAt(zoneAt) !== 90) {
    const zone = s.slice(zoneAt);
    if (zone === "-00:00") return reason("INPUT_UNKNOWN_OFFSET", {});
    const oh = two(s, zoneAt + 1);
    const om = two(s, zoneAt + 4);
    if (om > 59) return reason("INPUT_NO_SUCH_OFFSET_MINUTE", { offset: zone, minute: om });
    offsetMinutes = (s.charCodeAt(zoneAt) === 43 ? 1 : -1) * (oh * 60 + om);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES)
      return reason("INPUT_OFFSET_TOO_WIDE", { offset: zone });
  }
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
  return chinaDateOf(parsed.epochMs);
};

const DAY_MS = 86_400_000;
/** The day `chinaDateOf` last wrote, and its date: a read meets the same day many times running. */
let lastDay = Number.NaN;
let lastDate = "";

/** The date in China (UTC+08:00) of an instant. */
const chinaDateOf = (epochMs: number): string => {
  const day = Math.floor((epochMs + CHINA_OFFSET_MINUTES * 60_000) / DAY_MS);
  if (day !== lastDay) {
    lastDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
    lastDay = day;
  }
  return lastDate;
};
