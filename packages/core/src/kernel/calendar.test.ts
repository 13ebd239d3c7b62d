import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  businessDate,
  businessTimeProblem,
  calendarDateProblem,
  daysInMonth,
  isCalendarDate,
  isDateTime,
  parseDateTime,
} from "./calendar";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

describe("calendar dates", () => {
  it.each([
    ["2020-02-29", true],
    ["2000-02-29", true],
    ["2021-02-29", false],
    ["2100-02-29", false],
    ["1900-02-29", false],
    ["2020-02-30", false],
    ["2020-04-30", true],
    ["2020-04-31", false],
    ["2020-06-31", false],
    ["2020-09-31", false],
    ["2020-11-31", false],
    ["2020-12-31", true],
    ["2020-00-10", false],
    ["2020-13-01", false],
    ["2020-01-00", false],
    ["2020-1-01", false],
    ["2020/01/01", false],
    ["0099-01-01", false],
  ])("%s is a calendar date: %s", (text, ok) => {
    expect(isCalendarDate(text)).toBe(ok);
    expect(calendarDateProblem(text) === undefined).toBe(ok);
  });

  it("names the reason", () => {
    expect(calendarDateProblem("2021-02-29")).toBe("2021-02 has no day 29 (it has 28 days)");
    expect(calendarDateProblem("2020-13-01")).toBe("there is no month 13");
  });

  it("agrees with the Gregorian calendar of Date for every day of 400 years", () => {
    for (let year = 2000; year < 2400; year++)
      for (let month = 1; month <= 12; month++)
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
  });
});

describe("date-times", () => {
  it.each([
    ["2021-02-28T10:00+08:00", true],
    ["2021-02-29T10:00+08:00", false],
    ["2020-04-31T09:00:00+08:00", false],
    ["2020-04-30T24:00:00+08:00", false],
    ["2020-04-30T23:59:59+08:00", true],
    ["2020-04-30T23:59:60+08:00", false],
    ["2020-04-30T23:60+08:00", false],
    ["2020-04-30T10:00:00.123456789Z", true],
    ["2020-04-30T10:00:00+14:00", true],
    ["2020-04-30T10:00:00-14:00", true],
    ["2020-04-30T10:00:00+14:01", false],
    ["2020-04-30T10:00:00+15:00", false],
    ["2020-04-30T10:00:00+05:60", false],
    ["2020-04-30T10:00:00-00:00", false],
    ["2020-04-30T10:00:00", false],
    ["2020-04-30 10:00:00+08:00", false],
    ["2020-04-30", false],
  ])("%s is a date-time: %s", (text, ok) => {
    expect(isDateTime(text)).toBe(ok);
  });

  it("names the reason", () => {
    expect(parseDateTime("2020-04-30T24:00+08:00")).toBe(
      "there is no hour 24 (the day runs from 00:00 to 23:59:59)",
    );
    expect(parseDateTime("2021-02-29T10:00+08:00")).toBe("2021-02 has no day 29 (it has 28 days)");
    expect(parseDateTime("2020-04-30T10:00+14:30")).toBe("offset +14:30 is beyond ±14:00");
  });

  it("reads every valid date-time as the same instant as Date.parse", () => {
    const valid = fc
      .record({
        year: fc.integer({ min: 1000, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        second: fc.option(fc.integer({ min: 0, max: 59 })),
        ms: fc.option(fc.integer({ min: 0, max: 999 })),
        offset: fc.integer({ min: -14 * 60, max: 14 * 60 }),
      })
      .filter((r) => r.day <= daysInMonth(r.year, r.month) && (r.second !== null || r.ms === null));
    fc.assert(
      fc.property(valid, (r) => {
        const zone =
          r.offset === 0
            ? "Z"
            : `${r.offset > 0 ? "+" : "-"}${pad(Math.floor(Math.abs(r.offset) / 60))}:${pad(Math.abs(r.offset) % 60)}`;
        const text = `${pad(r.year, 4)}-${pad(r.month)}-${pad(r.day)}T${pad(r.hour)}:${pad(r.minute)}${
          r.second === null ? "" : `:${pad(r.second)}`
        }${r.ms === null ? "" : `.${pad(r.ms, 3)}`}${zone}`;
        const parsed = parseDateTime(text);
        expect(parsed).toEqual({ epochMs: Date.parse(text), offsetMinutes: r.offset });
      }),
      { numRuns: 2000 },
    );
  });

  // the texts of the forms read by character, valid or not: "YYYY-MM-DDTHH:MM:SS" of any two
  // digits each (the year of four) and a zone, "Z" or any "±HH:MM"
  const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => pad(n));
  const zone = fc.oneof(
    fc.constant("Z"),
    fc.tuple(fc.constantFrom("+", "-"), twoDigits, twoDigits).map(([s, h, m]) => `${s}${h}:${m}`),
  );
  const wholeSeconds = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), twoDigits, twoDigits, twoDigits, twoDigits, twoDigits)
    .map(
      ([year, month, day, hour, minute, second]) =>
        `${pad(year, 4)}-${month}-${day}T${hour}:${minute}:${second}`,
    );

  it("reads a whole-seconds text exactly as the same text with a zero fraction, valid or not", () => {
    // the whole-seconds form is read by character, the form with a fraction by the regex: the
    // verdict and the reason must not depend on which of the two read it
    fc.assert(
      fc.property(wholeSeconds, zone, (head, z) => {
        expect(parseDateTime(`${head}${z}`)).toEqual(parseDateTime(`${head}.000${z}`));
      }),
      { numRuns: 3000 },
    );
  });

  it("reads a text with milliseconds exactly as the same text with a fourth digit of 0, valid or not", () => {
    // milliseconds (what toISOString writes) are read by character, four fraction digits by the regex
    fc.assert(
      fc.property(wholeSeconds, fc.integer({ min: 0, max: 999 }), zone, (seconds, ms, z) => {
        const head = `${seconds}.${pad(ms, 3)}`;
        expect(parseDateTime(`${head}${z}`)).toEqual(parseDateTime(`${head}0${z}`));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    "2020-07-14T09:00:00 +08:00",
    "2020-07-14T09:00:0a+08:00",
    "2020-07-14T09:00:00+08-00",
    "2020-07-14T09:00:00*08:00",
    "2020-07-14 09:00:00+08:00",
    "2020-07-14T09:00:00z",
    "2020-07-14T09-00:00Z",
    "2020-07-14T09:00:00,000Z",
    "2020-07-14T09:00:00.0a0Z",
    "2020-07-14T09:00:00.000+08-00",
  ])("refuses %s, which only looks like the whole-seconds form", (text) => {
    expect(isDateTime(text)).toBe(false);
  });

  it("refuses every day a month does not have, in any year", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 31 }),
        (year, month, day) => {
          const text = `${year}-${pad(month)}-${pad(day)}T12:00:00+08:00`;
          expect(isDateTime(text)).toBe(day <= daysInMonth(year, month));
          expect(isCalendarDate(text.slice(0, 10))).toBe(day <= daysInMonth(year, month));
        },
      ),
    );
  });
});

describe("business times and dates", () => {
  it("takes a date or a date-time with an offset", () => {
    expect(businessTimeProblem("2020-07-14")).toBeUndefined();
    expect(businessTimeProblem("2020-07-14T09:00:00+08:00")).toBeUndefined();
    expect(businessTimeProblem("2020-02-30")).toBe("2020-02 has no day 30 (it has 29 days)");
    expect(businessTimeProblem("2020-07-14T09:00")).toMatch(/with an offset/);
  });

  it("is the date in China", () => {
    expect(businessDate("2020-07-14")).toBe("2020-07-14");
    expect(businessDate("2020-07-13T20:00:00Z")).toBe("2020-07-14");
    expect(businessDate("2020-07-14T23:59:59+08:00")).toBe("2020-07-14");
    expect(businessDate("2020-07-14T10:00:00-14:00")).toBe("2020-07-15");
  });

  it("gives the same date for a text at +08:00 as for the instant it names", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1000-01-01"), max: new Date("9999-12-31"), noInvalidDate: true }),
        (d) => {
          const china = new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
          const utc = `${d.toISOString().slice(0, 19)}Z`;
          expect(businessDate(`${china}+08:00`)).toBe(businessDate(utc));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is the date of the instant moved to +08:00, for instants in any order (days repeated or not)", () => {
    const day = 86_400_000;
    // up to the day before the last: its local time at +14:00 is still a four-digit year (a
    // date-time of year 10000 is not one the ledger accepts, so businessDate never reads one)
    const instant = fc.date({
      min: new Date("1000-01-01"),
      max: new Date("9999-12-30"),
      noInvalidDate: true,
    });
    // runs of instants in one day, and jumps between days, around midnight in China
    const instants = fc.array(
      fc.oneof(
        instant,
        instant.map((d) => new Date(Math.floor(d.getTime() / day) * day + 16 * 3_600_000 - 1)),
      ),
      { minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(instants, fc.integer({ min: -840, max: 840 }), (ds, offset) => {
        for (const d of ds) {
          const expected = new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
          expect(businessDate(d.toISOString())).toBe(expected);
          const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const zone = `${offset < 0 ? "-" : "+"}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}`;
          if (zone !== "-00:00") expect(businessDate(`${local}${zone}`)).toBe(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
