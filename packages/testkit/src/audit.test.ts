import {
  createMemoryStore,
  exactly,
  exportLines,
  lateEntriesProjection,
  NO_STREAM,
  project,
  proveEvent,
  type StoredEvent,
  sealLedger,
  verifyExport,
  verifyProof,
} from "@safety-ledger/core";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { historyArbitrary } from "./arbitraries";
import { collect, makeEvents, testActor } from "./events";

const storeWith = async (history: StoredEvent[]) => {
  const store = createMemoryStore();
  for (const { stream, revision, position: _p, ...rest } of history) {
    const r = await store.append(stream, [rest], revision === 0 ? NO_STREAM : exactly(revision - 1));
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const sealed = await sealLedger(store, { actor: testActor, occurredAt: "2021-01-01T00:00:00+08:00" });
  if (E.isLeft(sealed)) throw new Error(sealed.left.message);
  return store;
};

const linesOf = (lines: string[]) => () =>
  (async function* () {
    yield* lines;
  })();

describe("self-verifying exports", () => {
  it("an export of an intact store verifies; a changed line is caught where it is", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary(), fc.nat(), async (history, n) => {
        const store = await storeWith(history);
        const lines = await collect(exportLines(store));
        const report = await verifyExport(linesOf(lines));
        expect(report.problems).toEqual([]);
        expect(report.events).toBe(history.length + 1);
        // tamper with one event line (not the header)
        const i = 1 + (n % (lines.length - 1));
        const event = JSON.parse(lines[i]!);
        const tampered = [...lines];
        tampered[i] = JSON.stringify({ ...event, data: { tampered: true } });
        const bad = await verifyExport(linesOf(tampered));
        expect(bad.ok).toBe(false);
        expect(bad.problems[0]).toMatchObject({
          stream: event.stream,
          revision: event.revision,
          kind: "changed",
        });
      }),
      { numRuns: 40 },
    );
  });

  it("a stream-prefix export verifies on its own, and notices a sealed stream left out of it", async () => {
    const history = fc.sample(historyArbitrary({ maxStreams: 5 }), { numRuns: 1, seed: 11 })[0]!;
    const store = await storeWith(history);
    const category = history[0]!.stream.split("-")[0]!;
    const lines = await collect(exportLines(store, { streamPrefix: `${category}-` }));
    expect((await verifyExport(linesOf(lines))).problems).toEqual([]);
    const victim = JSON.parse(lines[1]!).stream;
    const without = lines.filter((l, i) => i === 0 || JSON.parse(l).stream !== victim);
    const report = await verifyExport(linesOf(without));
    expect(report.problems).toContainEqual(
      expect.objectContaining({ stream: victim, kind: "stream-missing" }),
    );
  });
});

describe("Merkle proofs", () => {
  it("every sealed event has a proof that verifies, and fails when the event is changed", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary(), fc.nat(), async (history, n) => {
        const store = await storeWith(history);
        const target = history[n % history.length]!;
        const proof = await proveEvent(store, target.stream, target.revision);
        expect(E.isRight(proof)).toBe(true);
        if (E.isLeft(proof)) return;
        expect(verifyProof(proof.right)).toMatchObject({ ok: true, problems: [] });
        const changed = { ...proof.right, event: { ...proof.right.event, data: { changed: true } } };
        expect(verifyProof(changed).ok).toBe(false);
        const moved = { ...proof.right, leafIndex: proof.right.leafIndex + 1 };
        expect(verifyProof(moved).ok).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it("an event after the last seal has no proof yet", async () => {
    const store = await storeWith(fc.sample(historyArbitrary(), { numRuns: 1, seed: 3 })[0]!);
    await store.append("late-1", makeEvents("late-1", 1), NO_STREAM);
    const proof = await proveEvent(store, "late-1", 0);
    expect(E.isLeft(proof) && proof.left.code).toBe("NOT_SEALED");
  });
});

describe("late entries", () => {
  it("lists events recorded more than N days after they occurred, by unit and actor", async () => {
    const events = [...makeEvents("task-1", 2, { occurredAt: () => "2020-07-01T09:00:00+08:00" })].map(
      (e, i) => ({ ...e, stream: "task-1", revision: i, position: BigInt(i + 1) }),
    );
    // recordedAt in makeEvents is 2020-07-14T01:00Z: exactly 13 days after occurrence
    const envelopes = events.map((meta) => ({ event: { type: meta.type, data: meta.data }, meta }));
    const ten = project(lateEntriesProjection(10), envelopes);
    expect(ten.entries).toHaveLength(2);
    expect(ten.entries[0]).toMatchObject({ lagDays: 13, unit: testActor.unit });
    expect(ten.byUnit).toEqual({ [testActor.unit]: 2 });
    expect(project(lateEntriesProjection(13), envelopes).entries).toHaveLength(0);
  });
});
