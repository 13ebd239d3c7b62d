import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FOREVER, reversion, type StoredVersion, versionAt } from "./versions";

interface Ev {
  readonly occurred: number;
  readonly recorded: number;
  readonly value: number;
}

/** A state is the list of values folded; a 0 before any other value creates nothing. */
const step = (state: number[] | undefined, value: number): number[] | undefined =>
  state === undefined && value === 0 ? undefined : [...(state ?? []), value];

/** The reference: fold the events that occurred by `asOf` and were recorded by `knownAt`, in order. */
const folded = (events: ReadonlyArray<Ev>, asOf: number, knownAt: number) => {
  let state: number[] | undefined;
  for (const e of events) if (e.occurred <= asOf && e.recorded <= knownAt) state = step(state, e.value);
  return state;
};

/** The versions kept as a store keeps them, changed event by event. */
const versioned = (events: ReadonlyArray<Ev>) => {
  let rows: Array<Omit<StoredVersion<number[]>, "state"> & { value: number[] }> = [];
  let next = 1;
  for (const e of events) {
    const live = rows.filter((r) => r.recordedTo > e.recorded).map((r) => ({ ...r, state: () => r.value }));
    const change = reversion(live, e.occurred, e.recorded, (s) => step(s, e.value));
    const ends = new Map(change.ended.map((x) => [x.id, x.recordedTo]));
    const removed = new Set(change.removed);
    rows = rows
      .filter((r) => !removed.has(r.id))
      .map((r) => (ends.has(r.id) ? { ...r, recordedTo: ends.get(r.id)! } : r));
    for (const a of change.added) {
      expect(a.recordedFrom).toBeLessThan(a.recordedTo);
      rows.push({ id: next++, ...a, value: a.state });
    }
  }
  return rows;
};

const instant = fc.integer({ min: 0, max: 12 });
const history = fc.array(
  fc.record({ occurred: instant, recorded: instant, value: fc.integer({ min: 0, max: 3 }) }),
  {
    maxLength: 14,
  },
);

describe("bitemporal state versions", () => {
  it("the version at (asOf, knownAt) holds the fold of the events that occurred and were recorded by then", () => {
    fc.assert(
      fc.property(
        history,
        fc.array(fc.tuple(fc.integer({ min: -1, max: 13 }), fc.integer({ min: -1, max: 13 }))),
        (events, probes) => {
          const rows = versioned(events);
          for (const [asOf, knownAt] of [
            ...probes,
            [13, 13] as [number, number],
            [FOREVER - 1, FOREVER - 1] as [number, number],
          ])
            expect(versionAt(rows, asOf, knownAt)?.value).toEqual(folded(events, asOf, knownAt));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("events in business and record order add one version each and end none", () => {
    const events = [0, 1, 2, 3, 4].map((i) => ({ occurred: i, recorded: i, value: i + 1 }));
    const rows = versioned(events);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.recordedTo === FOREVER)).toBe(true);
  });

  it("a backdated event ends the record interval of the versions from its business instant on", () => {
    const rows = versioned([
      { occurred: 1, recorded: 1, value: 1 },
      { occurred: 5, recorded: 5, value: 2 },
      { occurred: 3, recorded: 8, value: 3 },
    ]);
    // the version from 5 held [2] until 8, when the late entry made it [2, 3]; [1] still holds from 1
    expect(rows.map((r) => [r.validFrom, r.recordedFrom, r.recordedTo, r.value])).toEqual([
      [1, 1, FOREVER, [1]],
      [5, 5, 8, [1, 2]],
      [5, 8, FOREVER, [1, 2, 3]],
      [3, 8, FOREVER, [1, 3]],
    ]);
  });
});
