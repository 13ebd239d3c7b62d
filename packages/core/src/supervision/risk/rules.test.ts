import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LEC_C_VALUES, LEC_E_VALUES, LEC_L_VALUES, riskRank } from "../../reference/risk-bands";
import {
  defaultRiskConfig,
  gradeAssessment,
  gradeLec,
  gradeMatrix,
  gradeScore,
  lecScore,
  lecScoreThousandths,
} from "./rules";

const lArb = fc.constantFrom(...LEC_L_VALUES);
const eArb = fc.constantFrom(...LEC_E_VALUES);
const cArb = fc.constantFrom(...LEC_C_VALUES);

/** The band table, read independently: D (an exact integer number of thousandths) against each min. */
const expectedLec = (thousandths: number, inclusive: boolean, bands = defaultRiskConfig.lec.bands) => {
  for (const b of bands)
    if (inclusive ? thousandths >= b.min * 1000 : thousandths > b.min * 1000) return b.level;
  return "low";
};

describe("LEC grading", () => {
  it("D = L × E × C exactly, including 0.1, 0.2 and 0.5", () => {
    expect(lecScore({ l: 0.1, e: 0.5, c: 1 })).toBe(0.05);
    expect(lecScore({ l: 0.2, e: 6, c: 3 })).toBe(3.6);
    expect(lecScoreThousandths({ l: 0.1, e: 6, c: 1 })).toBe(600);
    expect(lecScore({ l: 10, e: 10, c: 100 })).toBe(10000);
  });
  it("default bands: major ≥ 320, larger ≥ 160, general ≥ 70, low below (inclusive boundaries)", () => {
    expect(gradeLec({ l: 1, e: 10, c: 7 })).toMatchObject({ d: 70, level: "general", colour: "yellow" });
    expect(gradeLec({ l: 3, e: 1, c: 15 })).toMatchObject({ d: 45, level: "low", colour: "blue" });
    expect(gradeLec({ l: 6, e: 6, c: 7 })).toMatchObject({ d: 252, level: "larger", colour: "orange" });
    expect(gradeLec({ l: 10, e: 6, c: 40 })).toMatchObject({ level: "major", colour: "red" });
  });
  it("an exclusive boundary is decided exactly: D = 70 is not above 70", () => {
    expect(
      gradeLec({ l: 1, e: 10, c: 7 }, { ...defaultRiskConfig.lec, lowerBoundInclusive: false }).level,
    ).toBe("low");
  });
  it("no binary rounding at a decimal boundary: 0.1 × 6 × 1 = 0.6 exactly", () => {
    // In binary floating point 0.1 * 6 is 0.6000000000000001, which would wrongly pass an exclusive 0.6.
    const bands = { bands: [{ level: "general" as const, min: 0.6 }], lowerBoundInclusive: false };
    expect(gradeLec({ l: 0.1, e: 6, c: 1 }, bands).level).toBe("low");
    expect(gradeLec({ l: 0.1, e: 6, c: 1 }, { ...bands, lowerBoundInclusive: true }).level).toBe("general");
    expect(gradeLec({ l: 0.2, e: 3, c: 1 }, { ...bands, lowerBoundInclusive: true }).level).toBe("general");
  });
  it("property: the grade is the band table applied to the exact D, under either inclusivity", () => {
    fc.assert(
      fc.property(lArb, eArb, cArb, fc.boolean(), (l, e, c, inclusive) => {
        const thousandths = Math.round(l * 10) * Math.round(e * 10) * Math.round(c * 10);
        const config = { ...defaultRiskConfig.lec, lowerBoundInclusive: inclusive };
        expect(gradeLec({ l, e, c }, config).level).toBe(expectedLec(thousandths, inclusive));
      }),
    );
  });
  it("property: bands whose min is itself an attainable D are met exactly at that D", () => {
    fc.assert(
      fc.property(lArb, eArb, cArb, lArb, eArb, cArb, fc.boolean(), (l, e, c, l2, e2, c2, inclusive) => {
        const min = lecScore({ l: l2, e: e2, c: c2 });
        const config = { bands: [{ level: "major" as const, min }], lowerBoundInclusive: inclusive };
        const a = lecScoreThousandths({ l, e, c });
        const b = lecScoreThousandths({ l: l2, e: e2, c: c2 });
        const reached = inclusive ? a >= b : a > b;
        expect(gradeLec({ l, e, c }, config).level).toBe(reached ? "major" : "low");
      }),
    );
  });
  it("property: raising any factor never lowers the level", () => {
    fc.assert(
      fc.property(lArb, lArb, eArb, eArb, cArb, cArb, (l1, l2, e1, e2, c1, c2) => {
        const lo = gradeLec({ l: Math.min(l1, l2), e: Math.min(e1, e2), c: Math.min(c1, c2) }).level;
        const hi = gradeLec({ l: Math.max(l1, l2), e: Math.max(e1, e2), c: Math.max(c1, c2) }).level;
        expect(riskRank(hi)).toBeGreaterThanOrEqual(riskRank(lo));
      }),
    );
  });
  it("rejects values outside the LEC tables", () => {
    expect(() => lecScore({ l: 0.3, e: 1, c: 1 })).toThrow(/L must be one of/);
  });
});

describe("risk matrix grading", () => {
  it("default 5 × 5 cut-offs: major ≥ 20, larger ≥ 15, general ≥ 9, low ≤ 8", () => {
    expect(gradeMatrix({ likelihood: 4, severity: 5 })).toMatchObject({ r: 20, level: "major" });
    expect(gradeMatrix({ likelihood: 3, severity: 5 })).toMatchObject({ r: 15, level: "larger" });
    expect(gradeMatrix({ likelihood: 4, severity: 4 })).toMatchObject({ r: 16, level: "larger" });
    expect(gradeMatrix({ likelihood: 3, severity: 3 })).toMatchObject({ r: 9, level: "general" });
    expect(gradeMatrix({ likelihood: 2, severity: 4 })).toMatchObject({ r: 8, level: "low" });
  });
  it("property: the grade follows the cut-offs for every cell, either inclusivity", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        (likelihood, severity, inclusive) => {
          const config = { ...defaultRiskConfig.matrix, lowerBoundInclusive: inclusive };
          const r = likelihood * severity;
          const expected = expectedLec(r * 1000, inclusive, config.bands);
          expect(gradeMatrix({ likelihood, severity }, config).level).toBe(expected);
          expect(gradeScore(r * 1000, config)).toBe(expected);
        },
      ),
    );
  });
  it("a configurable 4 × 4 matrix rejects cells outside it", () => {
    const config = { size: 4, lowerBoundInclusive: true, bands: [{ level: "major" as const, min: 12 }] };
    expect(gradeMatrix({ likelihood: 3, severity: 4 }, config).level).toBe("major");
    expect(() => gradeMatrix({ likelihood: 5, severity: 1 }, config)).toThrow(/1 to 4/);
  });
});

describe("stricter result wins", () => {
  it("property: with both methods the level is the higher of the two", () => {
    fc.assert(
      fc.property(
        lArb,
        eArb,
        cArb,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (l, e, c, likelihood, severity) => {
          const both = gradeAssessment({ lec: { l, e, c }, matrix: { likelihood, severity } });
          const a = gradeLec({ l, e, c }).level;
          const b = gradeMatrix({ likelihood, severity }).level;
          expect(riskRank(both.level)).toBe(Math.max(riskRank(a), riskRank(b)));
        },
      ),
    );
  });
});
