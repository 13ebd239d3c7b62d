import * as fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { parseInstant, systemIsoClock } from "./instant";

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Instants in the ledger's forms, with fields sometimes out of range and characters sometimes wrong. */
const instantArb = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    ms: fc.option(fc.integer({ min: 0, max: 999 })),
    zone: fc.oneof(
      fc.constant("Z"),
      fc.constant("+08:00"),
      fc
        .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }))
        .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
      fc.constantFrom("", "z", "+0800", "+08", " "),
    ),
  })
  .map(
    ({ year, month, day, hour, minute, second, ms, zone }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${
        ms === null ? "" : `.${pad(ms, 3)}`
      }${zone}`,
  );

/** The same strings with one character replaced. */
const mutatedArb = fc
  .tuple(instantArb, fc.nat(), fc.constantFrom("x", "/", " ", "9", "0", ":", "-", "T", "Z", "."))
  .map(([s, i, c]) => {
    const at = i % s.length;
    return s.slice(0, at) + c + s.slice(at + 1);
  });

describe("parseInstant", () => {
  it("gives what Date.parse gives, on the ledger's forms and on anything near them", () => {
    fc.assert(
      fc.property(fc.oneof(instantArb, mutatedArb, fc.string()), (s) => {
        expect(parseInstant(s)).toBe(Date.parse(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads the ledger's instants itself, and the usual ones exactly", () => {
    expect(parseInstant("2020-04-08T06:55:35+08:00")).toBe(Date.parse("2020-04-07T22:55:35Z"));
    expect(parseInstant("2021-03-22T23:59:59.999+08:00")).toBe(Date.parse("2021-03-22T15:59:59.999Z"));
    expect(parseInstant("2020-04-07T23:23:15.910Z")).toBe(1586301795910);
    expect(parseInstant("2020-02-29T12:00:00Z")).toBe(Date.parse("2020-02-29T12:00:00Z"));
    expect(parseInstant("2020-02-30T12:00:00Z")).toBe(Date.parse("2020-02-30T12:00:00Z"));
    expect(parseInstant("not a date")).toBeNaN();
  });
});

describe("systemIsoClock", () => {
  it("gives toISOString of the system clock, formatted anew only when the millisecond changes", () => {
    const now = vi.spyOn(Date, "now");
    try {
      const clock = systemIsoClock();
      now.mockReturnValue(Date.UTC(2020, 6, 14, 1, 2, 3, 456));
      expect(clock()).toBe("2020-07-14T01:02:03.456Z");
      const toIso = vi.spyOn(Date.prototype, "toISOString");
      expect(clock()).toBe("2020-07-14T01:02:03.456Z");
      expect(toIso).not.toHaveBeenCalled();
      now.mockReturnValue(Date.UTC(2020, 6, 14, 1, 2, 3, 457));
      expect(clock()).toBe("2020-07-14T01:02:03.457Z");
      expect(toIso).toHaveBeenCalledTimes(1);
      toIso.mockRestore();
    } finally {
      now.mockRestore();
    }
  });
});
