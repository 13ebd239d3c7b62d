import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OPEN_SPAN, spanOf, spanRanges } from "./spans";
import { FOREVER, UNBOUNDED } from "./versions";

const instant = fc.integer({ min: -4_000_000_000_000, max: 9_000_000_000_000 });

describe("span classes", () => {
  it("a bounded interval's class n has 2^(n-1) <= length < 2^n (length 1 at least)", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 2 ** 52 }), (from, length) => {
        const n = spanOf(from, from + length);
        expect(length).toBeLessThan(2 ** n);
        if (n > 1) expect(length).toBeGreaterThanOrEqual(2 ** (n - 1));
      }),
    );
    expect(spanOf(5, FOREVER)).toBe(OPEN_SPAN);
  });

  it("a version holds at D exactly when its class's range finds it", () => {
    fc.assert(
      fc.property(
        instant,
        fc.oneof(fc.integer({ min: 1, max: 2 ** 44 }), fc.constant(-1)),
        instant,
        (from, length, asOf) => {
          const to = length < 0 ? FOREVER : from + length;
          const span = spanOf(from, to);
          const found = spanRanges(asOf).some(
            ([n, after, before]) => n === span && to > after && to < before && from <= asOf,
          );
          expect(found).toBe(from <= asOf && asOf < to);
        },
      ),
    );
  });

  it("without a date only the open class is read", () => {
    expect(spanRanges(UNBOUNDED)).toEqual([[OPEN_SPAN, UNBOUNDED, FOREVER + 1]]);
  });
});
