/**
 * A state written as a list delta against another (read tables version 5 on) reads back as the
 * very state, its keys in their order, through the JSON the tables keep; and it is written only
 * when it carries fewer than half of the lists' items.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromListDelta, fromListDeltas, listDeltaOf } from "../src/list-deltas";

/** JSON through the tables' text, as the write and the read side see it. */
const throughText = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const item = fc.oneof(
  fc.constantFrom("HC-01", "HC-02", "HC-03", "FS-01", "FS-02"),
  fc.record({ element: fc.constantFrom("HC-01", "HC-02"), on: fc.constantFrom("2021-01-01", "2021-02-01") }),
);
const state = fc.record({
  status: fc.constantFrom("Open", "Closed"),
  name: fc.string(),
  elements: fc.array(item, { maxLength: 30 }),
  delisted: fc.array(item, { maxLength: 5 }),
  unitHistory: fc.array(fc.record({ leadUnit: fc.string(), memberUnits: fc.array(fc.string()) }), {
    maxLength: 3,
  }),
});
/** A state grown from a base as a workstream grows: items appended, some removed, fields changed. */
const grown = state.chain((base) =>
  fc
    .record({
      appended: fc.array(item, { maxLength: 4 }),
      removeAt: fc.option(fc.nat(), { nil: undefined }),
      status: fc.constantFrom("Open", "Closed"),
    })
    .map(({ appended, removeAt, status }) => {
      const elements = [...base.elements, ...appended];
      if (removeAt !== undefined && elements.length > 0) elements.splice(removeAt % elements.length, 1);
      return { base, state: { ...base, status, elements } };
    }),
);

/** How a workstream's state grows at one version: items appended, one removed, its status set. */
const growth = fc.record({
  appended: fc.array(item, { maxLength: 4 }),
  removeAt: fc.option(fc.nat(), { nil: undefined }),
  status: fc.constantFrom("Open", "Closed"),
});
type State = typeof state extends fc.Arbitrary<infer S> ? S : never;
const grow = (
  base: State,
  { appended, removeAt, status }: typeof growth extends fc.Arbitrary<infer G> ? G : never,
) => {
  const elements = [...base.elements, ...appended];
  if (removeAt !== undefined && elements.length > 0) elements.splice(removeAt % elements.length, 1);
  return { ...base, status, elements };
};

describe("list deltas", () => {
  it("a chain read at once is the chain read link by link, and the state it was written from", () => {
    fc.assert(
      fc.property(state, fc.array(growth, { minLength: 1, maxLength: 16 }), (base, steps) => {
        // the chain as the tables write it: each version a delta against the one before, while it pays
        const states: State[] = [base];
        const deltas: unknown[] = [];
        for (const step of steps) {
          const next = grow(states.at(-1)!, step);
          const delta = listDeltaOf(states.at(-1)!, next, 0);
          if (delta === undefined) break;
          states.push(next);
          deltas.push(throughText(delta));
        }
        const linkByLink = deltas.reduce((at: unknown, delta) => fromListDelta(at, delta), throughText(base));
        const atOnce = fromListDeltas(throughText(base), deltas);
        expect(JSON.stringify(atOnce)).toBe(JSON.stringify(linkByLink));
        expect(JSON.stringify(atOnce)).toBe(JSON.stringify(states.at(-1)));
      }),
      { numRuns: 500 },
    );
  });

  it("a chain read at once leaves its base as it was, and keys left out of the last link out", () => {
    const base = { name: "危化品", elements: ["HC-01", "HC-02"], old: [1, 2] };
    const frozen = JSON.stringify(base);
    const state = fromListDeltas(base, [
      { name: "危化品", elements: [2, 0, "HC-03"], old: [2, 0] },
      { name: "危险化学品", elements: [1, 1, "HC-04"] },
    ]);
    expect(state).toEqual({ name: "危险化学品", elements: ["HC-01", "HC-04", "HC-03"] });
    expect(JSON.stringify(base)).toBe(frozen);
  });

  it("read back whole: the same state, the same keys in the same order, through JSON", () => {
    fc.assert(
      fc.property(grown, ({ base, state: next }) => {
        const delta = listDeltaOf(base, next, 0);
        if (delta === undefined) return;
        const back = fromListDelta(throughText(base), throughText(delta));
        expect(JSON.stringify(back)).toBe(JSON.stringify(next));
      }),
      { numRuns: 500 },
    );
  });

  it("against any base, unrelated states too", () => {
    fc.assert(
      fc.property(state, state, (base, next) => {
        const delta = listDeltaOf(base, next, 0);
        if (delta !== undefined)
          expect(JSON.stringify(fromListDelta(throughText(base), throughText(delta)))).toBe(
            JSON.stringify(next),
          );
      }),
      { numRuns: 500 },
    );
  });

  it("an appended element is carried alone; a delta that would carry half the items or more is not written", () => {
    const base = { name: "危化品", elements: ["HC-01", "HC-02", "HC-03", "HC-04"] };
    const next = { name: "危化品", elements: [...base.elements, "HC-05"] };
    expect(listDeltaOf(base, next, 0)).toEqual({ name: "危化品", elements: [4, 0, "HC-05"] });
    expect(listDeltaOf(base, { name: "x", elements: ["A", "B", "C"] }, 0)).toBeUndefined();
    // fewer items than asked for: written whole
    expect(listDeltaOf(base, next, 6)).toBeUndefined();
    // a delisted element in the middle: prefix and suffix kept
    expect(listDeltaOf(next, { ...next, elements: ["HC-01", "HC-02", "HC-04", "HC-05"] }, 0)).toEqual({
      name: "危化品",
      elements: [2, 2],
    });
  });
});
