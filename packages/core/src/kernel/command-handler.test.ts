import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createCommandHandler, foldStream, readStreamEvents } from "./command-handler";
import { CommandIdFingerprints } from "./command-ids";
import type { StoredEvent } from "./envelope";
import { type EventStore, readStreamInPages } from "./event-store";
import { ChainVerifier } from "./hash-chain";
import { createMemoryStore } from "./memory-store";
import { counterAggregate, incrementEnvelope } from "./testing/counter";

const envelope = incrementEnvelope;
const { actor } = incrementEnvelope("");
const readAll = readStreamEvents;

describe("command handler", () => {
  it("appends decided events with full metadata and a valid hash chain", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store, {
      clock: () => new Date("2020-07-14T02:00:00Z"),
      rulesVersion: "9.9.9",
    });
    const first = await handle(counterAggregate, {
      ...envelope("c1", 2),
      correlationId: "corr",
      causationId: "cause",
    });
    await handle(counterAggregate, envelope("c2", 3));
    expect(E.isRight(first) && first.right.revision).toBe(0);
    const events = await readAll(store, "counter-a");
    expect(events.map((e) => e.data)).toEqual([
      { by: 2, total: 2 },
      { by: 3, total: 5 },
    ]);
    expect(events[0]!.metadata).toMatchObject({
      actor,
      commandId: "c1",
      commandType: "Increment",
      correlationId: "corr",
      causationId: "cause",
      occurredAt: "2020-07-14T09:00:00+08:00",
      recordedAt: "2020-07-14T02:00:00.000Z",
      rulesVersion: "9.9.9",
    });
    expect(events[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const verifier = new ChainVerifier("counter-a");
    expect(events.flatMap((e) => verifier.check(e))).toEqual([]);
  });

  it("returns a rejection as a value and appends nothing", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    const result = await handle(counterAggregate, envelope("c1", 2_000_000));
    expect(E.isLeft(result) && result.left.code).toBe("LIMIT");
    expect(await readAll(store, "counter-a")).toEqual([]);
  });

  it("a repeated command id appends nothing and returns the earlier outcome", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    const first = await handle(counterAggregate, envelope("same", 4));
    const again = await handle(counterAggregate, envelope("same", 4));
    expect(E.isRight(again) && again.right.duplicate).toBe(true);
    expect(E.isRight(again) && again.right.events).toEqual(E.isRight(first) && first.right.events);
    expect(await readAll(store, "counter-a")).toHaveLength(1);
  });

  it("retries after a conflict and gives up after the bounded number of attempts", async () => {
    const inner = createMemoryStore();
    let conflicts = 0;
    // A store where another writer always slips in just before us, `conflicts` times.
    const racing = (times: number): EventStore => ({
      ...inner,
      append: async (stream, events, expected) => {
        if (conflicts < times) {
          conflicts += 1;
          await createCommandHandler(inner)(counterAggregate, envelope(`other-${times}-${conflicts}`, 1));
        }
        return inner.append(stream, events, expected);
      },
    });
    const ok = await createCommandHandler(racing(2), { maxRetries: 3 })(
      counterAggregate,
      envelope("mine", 10),
    );
    expect(E.isRight(ok) && ok.right.attempts).toBe(3);
    expect((await readAll(inner, "counter-a")).map((e) => (e.data as { total: number }).total)).toEqual([
      1, 2, 12,
    ]);
    conflicts = 0;
    const failed = await createCommandHandler(racing(100), { maxRetries: 2 })(
      counterAggregate,
      envelope("late", 1),
    );
    expect(E.isLeft(failed) && failed.left._tag).toBe("WrongExpectedVersion");
  });

  it("N concurrent writers doing M commands lose no update and duplicate nothing when command ids are retried", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 40, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        async (writers, commands, amounts, retries) => {
          const store = createMemoryStore();
          const handle = createCommandHandler(store, { maxRetries: 1_000 });
          let expected = 0;
          await Promise.all(
            Array.from({ length: writers }, async (_, w) => {
              for (let m = 0; m < commands; m++) {
                const i = (w * commands + m) % amounts.length;
                const by = amounts[i]!;
                const id = `w${w}-m${m}`;
                const outcome = await handle(counterAggregate, envelope(id, by));
                expect(E.isRight(outcome)).toBe(true);
                expected += by;
                // a client that lost the answer sends the same command again
                if (retries[i]) {
                  const again = await handle(counterAggregate, envelope(id, by));
                  expect(E.isRight(again) && again.right.duplicate).toBe(true);
                }
              }
            }),
          );
          const events = await readAll(store, "counter-a");
          expect(events).toHaveLength(writers * commands);
          expect(new Set(events.map((e) => e.metadata.commandId)).size).toBe(writers * commands);
          expect((events.at(-1)!.data as { total: number }).total).toBe(expected);
          const verifier = new ChainVerifier("counter-a");
          expect(events.flatMap((e) => verifier.check(e))).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("reports an undecodable stored event with stream, revision and field", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    await handle(counterAggregate, envelope("c1", 1));
    const [good] = await readAll(store, "counter-a");
    await store.append("counter-a", [{ ...good!, id: "bad", data: { by: "two", total: 3 } }], {
      revision: 0,
    });
    const result = await handle(counterAggregate, envelope("c2", 1));
    expect(E.isLeft(result) && result.left._tag).toBe("EventDecodeError");
    if (E.isLeft(result) && result.left._tag === "EventDecodeError") {
      expect(result.left.stream).toBe("counter-a");
      expect(result.left.revision).toBe(1);
      expect(result.left.issues[0]?.path).toBe("data.by");
      expect(result.left.message).toContain("counter-a@1");
    }
  });
});

describe("command handler cache", () => {
  it("a cached stream still sees what another handler appended, and still detects repeated ids", async () => {
    const store = createMemoryStore();
    const mine = createCommandHandler(store);
    const theirs = createCommandHandler(store);
    await mine(counterAggregate, envelope("m1", 1));
    await theirs(counterAggregate, envelope("t1", 10));
    const next = await mine(counterAggregate, envelope("m2", 100));
    expect(E.isRight(next) && next.right.events).toEqual([
      { type: "Incremented", data: { by: 100, total: 111 } },
    ]);
    const repeated = await mine(counterAggregate, envelope("t1", 10));
    expect(E.isRight(repeated) && repeated.right).toMatchObject({
      duplicate: true,
      events: [{ type: "Incremented", data: { by: 10, total: 11 } }],
    });
    expect(await readAll(store, "counter-a")).toHaveLength(3);
  });

  it("a new command id whose fingerprint collides with an earlier one is still a new command", async () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const id = `cmd-${i}`;
      const fingerprint = CommandIdFingerprints.of(id);
      const earlier = seen.get(fingerprint);
      if (earlier === undefined) seen.set(fingerprint, id);
      else pair = [earlier, id];
    }
    const [first, colliding] = pair;
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    await handle(counterAggregate, envelope(first, 1));
    const fresh = await handle(counterAggregate, envelope(colliding, 2));
    expect(E.isRight(fresh) && fresh.right).toMatchObject({ duplicate: false, revision: 1 });
    const repeated = await handle(counterAggregate, envelope(first, 1));
    expect(E.isRight(repeated) && repeated.right).toMatchObject({ duplicate: true, revision: 1 });
    expect((await readAll(store, "counter-a")).map((e) => e.metadata.commandId)).toEqual([first, colliding]);
  });

  it("gives the same results with the cache off", async () => {
    for (const cachedStreams of [0, 1, 2, 10_000]) {
      const store = createMemoryStore();
      const handle = createCommandHandler(store, { cachedStreams });
      for (let i = 0; i < 20; i++) await handle(counterAggregate, envelope(`c${i}`, i, `s${i % 3}`));
      const totals = await Promise.all(
        ["s0", "s1", "s2"].map(
          async (s) => ((await readAll(store, `counter-${s}`)).at(-1)!.data as { total: number }).total,
        ),
      );
      expect(totals).toEqual([63, 70, 57]);
    }
  });
});

describe("paged stream reads and foldStream", () => {
  const fill = async (store: EventStore, commands: number) => {
    const handle = createCommandHandler(store);
    for (let i = 0; i < commands; i++) await handle(counterAggregate, envelope(`c${i}`, (i % 5) + 1));
  };

  it("the memory store's pages hold what readStream yields, from any revision, bounded", async () => {
    const store = createMemoryStore();
    await fill(store, 2300);
    const all = await readAll(store, "counter-a");
    for (const options of [
      {},
      { fromRevision: 0 },
      { fromRevision: 999 },
      { fromRevision: 2299 },
      { fromRevision: 5000 },
      { fromRevision: 10, maxCount: 1500 },
      { maxCount: 0 },
    ]) {
      const pages: StoredEvent[][] = [];
      for await (const page of readStreamInPages(store, "counter-a", options)) pages.push([...page]);
      const expected: StoredEvent[] = [];
      for await (const e of store.readStream("counter-a", options)) expected.push(e);
      expect(pages.flat()).toEqual(expected);
      expect(pages.every((p) => p.length > 0 && p.length <= 1000)).toBe(true);
    }
    expect(all).toHaveLength(2300);
    const missing: unknown[] = [];
    for await (const page of readStreamInPages(store, "counter-nope")) missing.push(page);
    expect(missing).toEqual([]);
  });

  it("foldStream folds what the command handler folded, on paged and plain stores alike", async () => {
    const store = createMemoryStore();
    await fill(store, 1200);
    // The same store seen through readStream only (no pages).
    const plain: EventStore = {
      append: store.append,
      readStream: store.readStream,
      readAll: store.readAll,
      subscribeToAll: store.subscribeToAll,
      close: store.close,
    };
    const expected = (await readAll(store, "counter-a")).reduce(
      (s, e) => counterAggregate.decider.evolve(s, { type: e.type, data: e.data } as never),
      counterAggregate.decider.initialState,
    );
    for (const s of [store, plain]) {
      const folded = await foldStream(s, counterAggregate, "counter-a");
      expect(folded).toEqual(E.right({ state: expected, revision: 1199, events: 1200 }));
      expect(await foldStream(s, counterAggregate, "counter-empty")).toEqual(
        E.right({ state: counterAggregate.decider.initialState, revision: undefined, events: 0 }),
      );
    }
  });
});
