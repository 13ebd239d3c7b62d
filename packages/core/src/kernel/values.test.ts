import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysBetween, isCalendarDate } from "./values";

/** The plain definition: the date `Date.UTC` makes of the parts is the same date. */
const byDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const dateLike = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

describe("isCalendarDate", () => {
  it("agrees with the Date-based definition on date-shaped and arbitrary strings", () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string()), (s) => isCalendarDate(s) === byDate(s)),
      { numRuns: 20_000 },
    );
  });

  it("knows leap years", () => {
    expect(["2020-02-29", "2000-02-29", "2024-02-29"].every(isCalendarDate)).toBe(true);
    expect(["2021-02-29", "1900-02-29", "2020-04-31", "2020-13-01", "2020-1-01"].some(isCalendarDate)).toBe(
      false,
    );
  });
});

describe("daysBetween", () => {
  it("is the whole days between two dates, asked in any order (repeats and all)", () => {
    const date = fc
      .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const pairs = fc.array(
      fc.tuple(fc.oneof(date, fc.constant("2021-06-30")), fc.oneof(date, fc.constant("2021-06-30"))),
      {
        minLength: 1,
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(pairs, (asked) => {
        for (const [from, to] of asked)
          expect(daysBetween(from, to)).toBe(Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
      }),
      { numRuns: 500 },
    );
    expect(daysBetween("2020-02-28", "2020-03-01")).toBe(2);
    expect(daysBetween("2021-03-01", "2021-02-28")).toBe(-1);
  });
});
