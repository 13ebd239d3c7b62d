/** Values shared by the supervision and accidents contexts: dates, ids, people, money. */
import * as t from "io-ts";
import { dateTimeReason, isDateTime } from "../kernel/calendar";
import type { CommandContext } from "../kernel/decider";
import { reason } from "../kernel/input-issue-texts";
import { issueFailure } from "../kernel/io";
import { isCalendarDate, NonEmptyString } from "../kernel/values";

export {
  addDays,
  businessDate,
  Code,
  DateString,
  NonEmptyString,
  nonEmptyArray,
} from "../kernel/values";

/** A date-time with an offset naming an instant that exists, e.g. `2020-03-05T09:30:00+08:00`. */
export const DateTimeString = new t.Type<string, string, unknown>(
  "DateTimeString",
  (u): u is string => typeof u === "string" && isDateTime(u),
  (u, c) => {
    if (typeof u !== "string") return issueFailure(u, c, reason("INPUT_NOT_A_DATE_TIME", {}));
    const problem = dateTimeReason(u);
    return problem === undefined ? t.success(u) : issueFailure(u, c, problem);
  },
  t.identity,
);

/** A count of people (0 or more, whole). */
export const Count = new t.Type<number, number, unknown>(
  "Count",
  (u): u is number => typeof u === "number" && Number.isSafeInteger(u) && u >= 0,
  (u, c) =>
    typeof u === "number" && Number.isSafeInteger(u) && u >= 0
      ? t.success(u)
      : issueFailure(u, c, reason("INPUT_NOT_A_COUNT", {})),
  t.identity,
);

/** Money in integer fen (¥1 = 100 fen), 0 or more. */
export const Fen = new t.Type<number, number, unknown>(
  "Fen",
  (u): u is number => typeof u === "number" && Number.isSafeInteger(u) && u >= 0,
  (u, c) =>
    typeof u === "number" && Number.isSafeInteger(u) && u >= 0
      ? t.success(u)
      : issueFailure(u, c, reason("INPUT_NOT_FEN", {})),
  t.identity,
);

/** A named person with an optional phone number. */
export const PersonCodec = t.intersection([t.type({ name: NonEmptyString }), t.partial({ phone: t.string })]);
export type Person = t.TypeOf<typeof PersonCodec>;

/** Who did something (copied from the command's actor): the kernel's one codec. */
export { type ActorRef, ActorRefCodec, actorRef } from "../kernel/actor-ref";

/** The same calendar date one year earlier (29 February → 28 February). */
export const minusOneYear = (date: string): string => {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  const candidate = `${String(y).padStart(4, "0")}-${md}`;
  return isCalendarDate(candidate) ? candidate : `${String(y).padStart(4, "0")}-02-28`;
};

/** The state of a related stream passed by the command handler, or `initial` when absent. */
export const relatedState = <S>(context: CommandContext, key: string, initial: S): S =>
  (context.related?.[key] as S | undefined) ?? initial;

/**
 * Exact decimal to scaled integer: `toScaled(0.2, 1)` is 2, `toScaled(70.5, 3)` is 70500.
 * Reads the number's shortest decimal form, so no binary rounding can leak in; `undefined`
 * when the number has more decimals than the scale.
 */
export const toScaled = (value: number, scale: number): number | undefined => {
  if (!Number.isFinite(value)) return undefined;
  const text = value.toString();
  if (/e/i.test(text)) return Number.isInteger(value) ? value * 10 ** scale : undefined;
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  if (fraction.length > scale) return undefined;
  const n = Number(whole) * 10 ** scale + Number(fraction.padEnd(scale, "0") || "0");
  return negative ? -n : n;
};

/**
 * `numerator / denominator` as a percentage rounded half-up (away from zero) to one decimal,
 * exactly, in tenths of a percent: 22/53 → 415 (41.5 %). `null` for a zero denominator.
 */
export const percentTenths = (numerator: number, denominator: number): number | null => {
  if (denominator === 0) return null;
  const negative = numerator < 0 !== denominator < 0 && numerator !== 0;
  const n = BigInt(Math.abs(numerator)) * 1000n;
  const d = BigInt(Math.abs(denominator));
  const q = (2n * n + d) / (2n * d); // floor(n/d + 1/2)
  return Number(negative ? -q : q);
};

export const tenthsToNumber = (tenths: number | null): number | null =>
  tenths === null ? null : tenths / 10;
