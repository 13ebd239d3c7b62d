import {
  createMemoryStore,
  exactly,
  NO_STREAM,
  SEAL_STREAM,
  type StoredEvent,
  sealLedger,
  verifyLedger,
} from "@safety-ledger/core";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { historyArbitrary } from "./arbitraries";
import { collect, makeEvents, testActor } from "./events";
import { fixedStore } from "./fixed-store";

/** Write a history into a memory store, seal it, and add a little more after the seal. */
const sealedStore = async (history: StoredEvent[]) => {
  const store = createMemoryStore();
  for (const event of history) {
    const { stream, revision, position: _p, ...rest } = event;
    const r = await store.append(stream, [rest], revision === 0 ? NO_STREAM : exactly(revision - 1));
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const seal = await sealLedger(store, { actor: testActor, occurredAt: "2021-01-01T00:00:00+08:00" });
  if (E.isLeft(seal)) throw new Error(seal.left.message);
  return { store, events: await collect(store.readAll()), seal: seal.right };
};

describe("ledger seals", () => {
  it("an intact sealed store verifies with no problem", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary(), async (history) => {
        const { store, seal } = await sealedStore(history);
        expect(seal.streams).toBe(new Set(history.map((e) => e.stream)).size);
        const report = await verifyLedger(store);
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
        expect(report.seals).toBe(1);
      }),
      { numRuns: 50 },
    );
  });

  it("a whole stream deleted or a stream truncated at its tail since the seal is reported", async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArbitrary({ maxStreams: 4 }),
        fc.nat(),
        fc.boolean(),
        async (history, n, wholeStream) => {
          const { events } = await sealedStore(history);
          const streams = [...new Set(history.map((e) => e.stream))];
          const victim = streams[n % streams.length]!;
          const last = Math.max(...events.filter((e) => e.stream === victim).map((e) => e.revision));
          const cut = wholeStream ? 0 : last; // delete everything, or only the tail event
          const tampered = events.filter((e) => e.stream !== victim || e.revision < cut);
          const report = await verifyLedger(fixedStore(tampered));
          expect(report.ok).toBe(false);
          if (wholeStream || last === 0)
            expect(report.problems).toContainEqual(
              expect.objectContaining({ stream: victim, kind: "stream-missing" }),
            );
          else
            expect(report.problems).toContainEqual(
              expect.objectContaining({ stream: victim, revision: last, kind: "truncated" }),
            );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a correctly chained event slipped in before the seal (later positions shifted) is named on its stream, not as a truncation of the stream pushed past the seal", async () => {
    const store = createMemoryStore();
    const forgedInto = makeEvents("hazard-H-1", 2);
    const pushedPast = makeEvents("accident-A-1", 2);
    for (const [stream, events] of [
      ["hazard-H-1", forgedInto],
      ["accident-A-1", pushedPast],
    ] as const) {
      const written = await store.append(stream, events, NO_STREAM);
      if (E.isLeft(written)) throw new Error(written.left.message);
    }
    const sealed = await sealLedger(store, { actor: testActor, occurredAt: "2021-01-01T00:00:00+08:00" });
    if (E.isLeft(sealed)) throw new Error(sealed.left.message);
    const events = await collect(store.readAll());
    // hazard-H-1 gains a revision 2, chained to its head, at the position right after that head
    const head = events.find((e) => e.stream === "hazard-H-1" && e.revision === 1)!;
    const [forged] = makeEvents("hazard-H-1", 1, { firstRevision: 2, previousHash: head.metadata.hash });
    const tampered = events.flatMap((e): StoredEvent[] => {
      const shifted = e.position > head.position ? { ...e, position: e.position + 1n } : e;
      return e === head
        ? [e, { ...forged!, stream: "hazard-H-1", revision: 2, position: e.position + 1n }]
        : [shifted];
    });
    const report = await verifyLedger(fixedStore(tampered));
    expect(report.problems.map(({ stream, revision, kind }) => ({ stream, revision, kind }))).toEqual([
      { stream: "hazard-H-1", revision: 2, kind: "inserted-before-seal" },
    ]);
  });

  it("several seals verify one after another, and each is checked at its own position", async () => {
    const store = createMemoryStore();
    for (const [i, stream] of ["risk-R-1", "risk-R-2", "risk-R-3"].entries()) {
      const written = await store.append(stream, makeEvents(stream, i + 1), NO_STREAM);
      if (E.isLeft(written)) throw new Error(written.left.message);
      const sealed = await sealLedger(store, { actor: testActor, occurredAt: "2021-01-01T00:00:00+08:00" });
      if (E.isLeft(sealed)) throw new Error(sealed.left.message);
    }
    const events = await collect(store.readAll());
    expect(await verifyLedger(fixedStore(events))).toMatchObject({ ok: true, seals: 3, problems: [] });
    // risk-R-1's only event deleted: every seal listed it, so each one reports it gone
    const report = await verifyLedger(fixedStore(events.filter((e) => e.stream !== "risk-R-1")));
    expect(report.problems.map((p) => [p.stream, p.kind, p.message.match(/seal \d/)?.[0]])).toEqual([
      ["risk-R-1", "stream-missing", "seal 0"],
      ["risk-R-1", "stream-missing", "seal 1"],
      ["risk-R-1", "stream-missing", "seal 2"],
    ]);
  });

  it("a forged seal (heads changed) is a seal mismatch", async () => {
    const history = fc.sample(historyArbitrary({ maxStreams: 3 }), { numRuns: 1, seed: 7 })[0]!;
    const { events } = await sealedStore(history);
    const forged = events.map((e) =>
      e.stream === SEAL_STREAM ? { ...e, data: { ...(e.data as object), root: "0".repeat(64) } } : e,
    );
    const report = await verifyLedger(fixedStore(forged));
    expect(report.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(["changed", "seal-mismatch"]));
  });
});
