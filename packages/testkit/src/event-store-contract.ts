/**
 * The conformance suite every store adapter must pass: the port's guarantees, checked the same
 * way for each store. Call it inside a vitest file:
 *
 *   eventStoreContract("SQLite", async () => createSqliteStore({ path: ":memory:" }));
 */

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  ANY,
  type EventStore,
  exactly,
  NO_STREAM,
  STREAM_EXISTS,
  type StoredEvent,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import { collect, makeEvents, take } from "./events";

/** The heap's live bytes: a full collection first (V8's gc, reached without --expose-gc). */
const liveHeap = (): number => {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
};

/** An append held just before its commit: `reached` resolves when it gets there. */
export interface HeldCommit {
  readonly reached: Promise<void>;
  release(): void;
}

/**
 * A second store on the same storage as the one `makeStore` just opened, whose next append
 * can be held open just before it commits, as a slow writer's would be.
 */
export interface HeldWriter {
  readonly store: EventStore;
  holdNextCommit(): HeldCommit;
  close(): Promise<void>;
}

export interface ContractOptions {
  /**
   * Stores that can hold a write open (PostgreSQL: a pool whose COMMIT waits) give this, so the
   * ordering test makes the writer that started first commit last for certain. Without it the
   * test races two appends, a large batch started first and a small one after.
   */
  readonly openHeldWriter?: () => Promise<HeldWriter>;
  /** Events in the large-stream test (default 100,000). */
  readonly largeStreamSize?: number;
  /**
   * Events in the large batch the ordering test starts first, when there is no held writer
   * (default 2,000, about 1.4 MB). A store with an append size limit passes fewer (EventStoreDB
   * refuses appends over 1 MiB by default).
   */
  readonly largeBatchSize?: number;
  /** Skip nothing, but allow slower stores more time per test (ms, default 120,000). */
  readonly timeoutMs?: number;
}

let streamCounter = 0;
/** A stream name unique to this run, so a shared store (a real server) gives each test its own. */
const fresh = (category = "test"): string =>
  `${category}-${Date.now().toString(36)}${(streamCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const lastPosition = async (store: EventStore): Promise<bigint | undefined> => {
  for await (const event of store.readAll({ direction: "backwards", maxCount: 1 })) return event.position;
  return undefined;
};

export const eventStoreContract = (
  name: string,
  makeStore: () => Promise<EventStore>,
  options: ContractOptions = {},
): void => {
  const timeout = options.timeoutMs ?? 120_000;
  const largeSize = options.largeStreamSize ?? 100_000;

  describe(`event store contract: ${name}`, () => {
    let store: EventStore | undefined;
    const open = async (): Promise<EventStore> => {
      store = await makeStore();
      return store;
    };
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    describe("expected versions", () => {
      it(
        "no_stream creates a stream with revisions from 0",
        async () => {
          const s = await open();
          const stream = fresh();
          const result = await s.append(stream, makeEvents(stream, 3), NO_STREAM);
          expect(E.isRight(result) && result.right.nextExpectedRevision).toBe(2);
          const read = await collect(s.readStream(stream));
          expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        },
        timeout,
      );

      it(
        "no_stream on an existing stream is a conflict naming the actual revision, and writes nothing",
        async () => {
          const s = await open();
          const stream = fresh();
          await s.append(stream, makeEvents(stream, 2), NO_STREAM);
          const result = await s.append(stream, makeEvents(stream, 1, { firstRevision: 2 }), NO_STREAM);
          expect(E.isLeft(result) && result.left._tag).toBe("WrongExpectedVersion");
          if (E.isLeft(result) && result.left._tag === "WrongExpectedVersion") {
            expect(result.left.actual).toBe(1);
            expect(result.left.stream).toBe(stream);
          }
          expect(await collect(s.readStream(stream))).toHaveLength(2);
        },
        timeout,
      );

      it(
        "stream_exists fails on a missing stream and succeeds on an existing one",
        async () => {
          const s = await open();
          const stream = fresh();
          const missing = await s.append(stream, makeEvents(stream, 1), STREAM_EXISTS);
          expect(E.isLeft(missing) && missing.left._tag).toBe("WrongExpectedVersion");
          expect(await collect(s.readStream(stream))).toHaveLength(0);
          await s.append(stream, makeEvents(stream, 1), NO_STREAM);
          const exists = await s.append(stream, makeEvents(stream, 1, { firstRevision: 1 }), STREAM_EXISTS);
          expect(E.isRight(exists) && exists.right.nextExpectedRevision).toBe(1);
        },
        timeout,
      );

      it(
        "any appends whatever the stream's state",
        async () => {
          const s = await open();
          const stream = fresh();
          expect(E.isRight(await s.append(stream, makeEvents(stream, 1), ANY))).toBe(true);
          const again = await s.append(stream, makeEvents(stream, 2, { firstRevision: 1 }), ANY);
          expect(E.isRight(again) && again.right.nextExpectedRevision).toBe(2);
        },
        timeout,
      );

      it(
        "an exact revision succeeds when it is the last one and fails otherwise",
        async () => {
          const s = await open();
          const stream = fresh();
          await s.append(stream, makeEvents(stream, 3), NO_STREAM);
          const stale = await s.append(stream, makeEvents(stream, 1, { firstRevision: 3 }), exactly(1));
          expect(E.isLeft(stale) && stale.left._tag).toBe("WrongExpectedVersion");
          if (E.isLeft(stale) && stale.left._tag === "WrongExpectedVersion")
            expect(stale.left.actual).toBe(2);
          const ok = await s.append(stream, makeEvents(stream, 1, { firstRevision: 3 }), exactly(2));
          expect(E.isRight(ok) && ok.right.nextExpectedRevision).toBe(3);
          const onMissing = await s.append(fresh(), makeEvents("x", 1), exactly(0));
          expect(E.isLeft(onMissing) && onMissing.left._tag).toBe("WrongExpectedVersion");
        },
        timeout,
      );
    });

    describe("atomic batches", () => {
      it(
        "a rejected batch leaves no trace in the stream or in $all",
        async () => {
          const s = await open();
          const stream = fresh();
          await s.append(stream, makeEvents(stream, 1), NO_STREAM);
          const before = await lastPosition(s);
          const rejected = await s.append(stream, makeEvents(stream, 50, { firstRevision: 1 }), exactly(7));
          expect(E.isLeft(rejected)).toBe(true);
          expect(await collect(s.readStream(stream))).toHaveLength(1);
          expect(await lastPosition(s)).toBe(before);
        },
        timeout,
      );

      it(
        "a batch's events are contiguous in the global order",
        async () => {
          const s = await open();
          const a = fresh();
          const b = fresh();
          await s.append(a, makeEvents(a, 5), NO_STREAM);
          await s.append(b, makeEvents(b, 5), NO_STREAM);
          const all = (await collect(s.readAll({ filter: { streamPrefixes: [a, b] } }))).map((e) => e.stream);
          expect(all).toEqual([a, a, a, a, a, b, b, b, b, b]);
        },
        timeout,
      );
    });

    describe("reading one stream", () => {
      it(
        "reads forwards, backwards, from a revision and bounded",
        async () => {
          const s = await open();
          const stream = fresh();
          await s.append(stream, makeEvents(stream, 10), NO_STREAM);
          const revisions = async (o: Parameters<EventStore["readStream"]>[1]) =>
            (await collect(s.readStream(stream, o))).map((e) => e.revision);
          expect(await revisions({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
          expect(await revisions({ direction: "backwards" })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
          expect(await revisions({ fromRevision: 7 })).toEqual([7, 8, 9]);
          expect(await revisions({ fromRevision: 3, maxCount: 2 })).toEqual([3, 4]);
          expect(await revisions({ direction: "backwards", fromRevision: 4, maxCount: 3 })).toEqual([
            4, 3, 2,
          ]);
          expect(await revisions({ fromRevision: 10 })).toEqual([]);
        },
        timeout,
      );

      it(
        "a missing stream reads as empty",
        async () => {
          const s = await open();
          expect(await collect(s.readStream(fresh()))).toEqual([]);
          expect(await collect(s.readStream(fresh(), { direction: "backwards" }))).toEqual([]);
        },
        timeout,
      );

      it(
        "data and metadata round-trip unchanged",
        async () => {
          const s = await open();
          const stream = fresh();
          const events = makeEvents(stream, 1, {
            data: () => ({
              text: '重大隐患 挂牌督办 ✓ "quoted" \\ back',
              nested: { list: [1, 2.5, -3, 1e-7, null, true, false], empty: [], obj: {} },
              big: 9007199254740991,
              fen: 1234567890,
            }),
          });
          await s.append(stream, events, NO_STREAM);
          const [read] = await collect(s.readStream(stream));
          const written = events[0]!;
          expect(read?.id).toBe(written.id);
          expect(read?.type).toBe(written.type);
          expect(read?.schemaVersion).toBe(written.schemaVersion);
          expect(read?.data).toEqual(written.data);
          expect(read?.metadata).toEqual(written.metadata);
          expect(read?.stream).toBe(stream);
        },
        timeout,
      );

      it(
        `reads a stream of ${largeSize.toLocaleString("en")} events in order without holding it in memory`,
        async () => {
          const s = await open();
          const stream = fresh("large");
          const batch = 1000;
          let previousHash: string | undefined;
          for (let first = 0; first < largeSize; first += batch) {
            const events = makeEvents(stream, Math.min(batch, largeSize - first), {
              firstRevision: first,
              ...(previousHash === undefined ? {} : { previousHash }),
              data: (n) => ({ n, padding: "x".repeat(200) }),
            });
            previousHash = events[events.length - 1]!.metadata.hash;
            const result = await s.append(stream, events, first === 0 ? NO_STREAM : exactly(first - 1));
            expect(E.isRight(result)).toBe(true);
          }
          const heapBefore = liveHeap();
          let expected = 0;
          let peak = heapBefore;
          for await (const event of s.readStream(stream)) {
            if (event.revision !== expected)
              throw new Error(`revision ${event.revision} where ${expected} was expected`);
            expected += 1;
            if (expected % 10_000 === 0) peak = Math.max(peak, liveHeap());
          }
          expect(expected).toBe(largeSize);
          // Events retained while reading would add far more than this (each is about 1 KB to the
          // live heap; garbage is collected before each sample, so a busy machine's late GC
          // does not count).
          expect(peak - heapBefore).toBeLessThan(Math.max(64 * 1024 * 1024, largeSize * 400));
        },
        timeout * 3,
      );
    });

    describe("reading all", () => {
      it(
        "reads every event in global order with strictly increasing positions",
        async () => {
          const s = await open();
          const a = fresh("alpha");
          const b = fresh("beta");
          await s.append(a, makeEvents(a, 2), NO_STREAM);
          await s.append(b, makeEvents(b, 2), NO_STREAM);
          await s.append(a, makeEvents(a, 1, { firstRevision: 2 }), exactly(1));
          const mine = (await collect(s.readAll())).filter((e) => e.stream === a || e.stream === b);
          expect(mine.map((e) => `${e.stream}@${e.revision}`)).toEqual([
            `${a}@0`,
            `${a}@1`,
            `${b}@0`,
            `${b}@1`,
            `${a}@2`,
          ]);
          for (let i = 1; i < mine.length; i++) expect(mine[i]!.position > mine[i - 1]!.position).toBe(true);
        },
        timeout,
      );

      it(
        "reads after a position (exclusive), backwards before one, and bounded",
        async () => {
          const s = await open();
          const a = fresh();
          await s.append(a, makeEvents(a, 6), NO_STREAM);
          const mine = await collect(s.readAll({ filter: { streamPrefixes: [a] } }));
          const third = mine[2]!.position;
          const after = await collect(s.readAll({ after: third, filter: { streamPrefixes: [a] } }));
          expect(after.map((e) => e.revision)).toEqual([3, 4, 5]);
          const bounded = await collect(
            s.readAll({ after: third, maxCount: 2, filter: { streamPrefixes: [a] } }),
          );
          expect(bounded.map((e) => e.revision)).toEqual([3, 4]);
          const before = await collect(
            s.readAll({ direction: "backwards", before: third, filter: { streamPrefixes: [a] } }),
          );
          expect(before.map((e) => e.revision)).toEqual([1, 0]);
          const latest = await collect(s.readAll({ direction: "backwards", maxCount: 1 }));
          expect(latest[0]?.id).toBe(mine[5]!.id);
        },
        timeout,
      );

      it(
        "filters by stream prefix and by event type",
        async () => {
          const s = await open();
          const tag = fresh("f").slice(2);
          const task = `task${tag}-1`;
          const hazard = `hazard${tag}-1`;
          await s.append(task, makeEvents(task, 2, { type: "TaskElementAssigned" }), NO_STREAM);
          await s.append(hazard, makeEvents(hazard, 3, { type: "HazardRegistered" }), NO_STREAM);
          const byPrefix = await collect(s.readAll({ filter: { streamPrefixes: [`hazard${tag}-`] } }));
          expect(byPrefix.map((e) => e.stream)).toEqual([hazard, hazard, hazard]);
          const byType = (
            await collect(s.readAll({ filter: { eventTypes: ["TaskElementAssigned"] } }))
          ).filter((e) => e.stream === task || e.stream === hazard);
          expect(byType.map((e) => e.stream)).toEqual([task, task]);
          const both = await collect(
            s.readAll({
              filter: { streamPrefixes: [`task${tag}-`, `hazard${tag}-`], eventTypes: ["HazardRegistered"] },
            }),
          );
          expect(both).toHaveLength(3);
        },
        timeout,
      );
    });

    describe("subscriptions", () => {
      it(
        "catch up on history, then deliver live events, with no gap and no duplicate",
        async () => {
          const s = await open();
          const prefix = `${fresh("sub")}-`;
          const stream = `${prefix}1`;
          await s.append(stream, makeEvents(stream, 5), NO_STREAM);
          const subscription = s.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
          const iterator = subscription[Symbol.asyncIterator]();
          try {
            const history = await take(iterator, 5);
            expect(history.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
            // live: appends from "another writer" while the subscriber waits
            const writes = (async () => {
              for (let i = 5; i < 25; i += 5)
                await s.append(stream, makeEvents(stream, 5, { firstRevision: i }), exactly(i - 1));
            })();
            const live = await take(iterator, 20);
            await writes;
            expect(live.map((e) => e.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
          } finally {
            await subscription.close();
          }
        },
        timeout,
      );

      it(
        "resumes after a checkpoint without gap or duplicate",
        async () => {
          const s = await open();
          const prefix = `${fresh("resume")}-`;
          const stream = `${prefix}1`;
          await s.append(stream, makeEvents(stream, 10), NO_STREAM);
          const first = s.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
          const seen: StoredEvent[] = await take(first[Symbol.asyncIterator](), 4);
          await first.close();
          const checkpoint = seen[seen.length - 1]!.position;
          await s.append(stream, makeEvents(stream, 3, { firstRevision: 10 }), exactly(9));
          const second = s.subscribeToAll({ after: checkpoint, filter: { streamPrefixes: [prefix] } });
          try {
            const rest = await take(second[Symbol.asyncIterator](), 9);
            expect(rest.map((e) => e.revision)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
          } finally {
            await second.close();
          }
        },
        timeout,
      );

      it(
        "closing a subscription ends its iteration",
        async () => {
          const s = await open();
          const subscription = s.subscribeToAll({ filter: { streamPrefixes: [`${fresh("closed")}-`] } });
          const iterator = subscription[Symbol.asyncIterator]();
          const pending = iterator.next();
          await subscription.close();
          const result = await pending;
          expect(result.done).toBe(true);
        },
        timeout,
      );
    });

    describe("concurrency", () => {
      it(
        "the writer that started first commits last: a reader resuming from its checkpoint skips nothing and sees nothing twice",
        async () => {
          const s = await open();
          const prefix = `${fresh("order")}-`;
          const slow = `${prefix}slow`;
          const fast = `${prefix}fast`;
          const checkpoint = (await lastPosition(s)) ?? undefined;
          const subscription = s.subscribeToAll({
            ...(checkpoint === undefined ? {} : { after: checkpoint }),
            filter: { streamPrefixes: [prefix] },
          });
          const held = await options.openHeldWriter?.();
          try {
            const slowEvents = makeEvents(slow, held === undefined ? (options.largeBatchSize ?? 2_000) : 3);
            const fastEvents = makeEvents(fast, 2);
            const seen: StoredEvent[] = [];
            let after = checkpoint;
            /** What a polling projection does: read after its checkpoint, move the checkpoint. */
            const poll = async () => {
              for await (const event of s.readAll({
                ...(after === undefined ? {} : { after }),
                filter: { streamPrefixes: [prefix] },
              })) {
                seen.push(event);
                after = event.position;
              }
            };
            const gate = held?.holdNextCommit();
            const slowAppend = (held?.store ?? s).append(slow, slowEvents, NO_STREAM);
            await gate?.reached;
            const fastAppend = s.append(fast, fastEvents, NO_STREAM);
            // Read while the first writer is still open: a store may commit the second writer
            // meanwhile (then the reader sees it now) or make it wait (then it sees nothing yet).
            const fastSettled = fastAppend.then(() => "done" as const);
            for (let i = 0; i < 5; i++) {
              await poll();
              const state = await Promise.race([
                fastSettled,
                new Promise<"waiting">((resolve) => setTimeout(() => resolve("waiting"), 20)),
              ]);
              if (state === "done") break;
            }
            await poll();
            gate?.release();
            const [slowResult, fastResult] = await Promise.all([slowAppend, fastAppend]);
            expect(E.isRight(slowResult)).toBe(true);
            expect(E.isRight(fastResult)).toBe(true);
            await poll();
            const written = [...slowEvents, ...fastEvents].map((e) => e.id).sort();
            expect(seen.map((e) => e.id).sort()).toEqual(written);
            for (let i = 1; i < seen.length; i++)
              expect(seen[i]!.position > seen[i - 1]!.position).toBe(true);
            const live = await take(subscription[Symbol.asyncIterator](), written.length);
            expect(live.map((e) => e.id).sort()).toEqual(written);
            expect(new Set(live.map((e) => e.position)).size).toBe(written.length);
          } finally {
            await subscription.close();
            await held?.close();
          }
        },
        timeout,
      );

      it(
        "of concurrent appends expecting the same revision, exactly one wins",
        async () => {
          const s = await open();
          const stream = fresh();
          await s.append(stream, makeEvents(stream, 1), NO_STREAM);
          const results = await Promise.all(
            Array.from({ length: 8 }, () =>
              s.append(stream, makeEvents(stream, 2, { firstRevision: 1 }), exactly(0)),
            ),
          );
          expect(results.filter(E.isRight)).toHaveLength(1);
          expect(results.filter((r) => E.isLeft(r) && r.left._tag === "WrongExpectedVersion")).toHaveLength(
            7,
          );
          expect((await collect(s.readStream(stream))).map((e) => e.revision)).toEqual([0, 1, 2]);
        },
        timeout,
      );
    });
  });
};
