/**
 * A cached stream is decided on the cache, and the append's expected revision checks it
 * (`checkCachedStreams: "append"`, PostgreSQL's default): no read before the decision, and still every
 * outcome rests on the stream as it stood while the command was handled, even when another
 * writer (here a second handler on the same store) moved the stream behind the cache.
 */
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createCommandHandler, readStreamEvents } from "./command-handler";
import type { EventStore } from "./event-store";
import { ChainVerifier } from "./hash-chain";
import { createMemoryStore } from "./memory-store";

const ON_CACHE = { checkCachedStreams: "append" } as const;

import { counterAggregate, incrementEnvelope, LIMIT } from "./testing/counter";

/** The memory store, counting the stream reads made through it. */
const countingReads = () => {
  const store = createMemoryStore();
  const reads = { count: 0 };
  const counted: EventStore = {
    append: store.append,
    readAll: store.readAll,
    subscribeToAll: store.subscribeToAll,
    close: store.close,
    readStream: (stream, options) => {
      reads.count++;
      return store.readStream(stream, options);
    },
  };
  return { store, counted, reads };
};

const reset = (commandId: string, id = "a") => ({
  ...incrementEnvelope(commandId),
  command: { type: "Reset" as const, data: { id } },
});

const totals = async (store: EventStore, stream = "counter-a") =>
  (await readStreamEvents(store, stream)).map((e) => e.data);

const chainOf = async (store: EventStore, stream = "counter-a") => {
  const verifier = new ChainVerifier(stream);
  return (await readStreamEvents(store, stream)).flatMap((e) => verifier.check(e));
};

describe("command handler: checking a cached stream", () => {
  it("decides a cached stream without reading it; `read` reads it before every decision", async () => {
    for (const [check, readsAfterFirst] of [
      ["append", 0],
      ["read", 4],
      [undefined, 4], // the memory store sets no `cachedStreamCheck`: it reads
    ] as const) {
      const { counted, reads } = countingReads();
      const handle = createCommandHandler(counted, check === undefined ? {} : { checkCachedStreams: check });
      expect(E.isRight(await handle(counterAggregate, incrementEnvelope("c0", 1)))).toBe(true);
      const first = reads.count;
      for (let i = 1; i <= 4; i++) {
        const outcome = await handle(counterAggregate, incrementEnvelope(`c${i}`, 1));
        expect(E.isRight(outcome) && outcome.right).toMatchObject({ revision: i, attempts: 1 });
      }
      expect(reads.count - first).toBe(readsAfterFirst);
      expect((await totals(counted)).map((d) => (d as { total: number }).total)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it("a stream moved behind the cache: the append fails, the handler reads and decides again at once", async () => {
    const { store, counted } = countingReads();
    const other = createCommandHandler(store);
    const sleeps: number[] = [];
    const handle = createCommandHandler(counted, {
      checkCachedStreams: "append",
      sleep: async (ms) => void sleeps.push(ms),
    });
    await handle(counterAggregate, incrementEnvelope("m1", 2));
    await other(counterAggregate, incrementEnvelope("o1", 3));
    const outcome = await handle(counterAggregate, incrementEnvelope("m2", 1));
    expect(E.isRight(outcome) && outcome.right).toMatchObject({ revision: 2, attempts: 1, duplicate: false });
    expect(await totals(store)).toEqual([
      { by: 2, total: 2 },
      { by: 3, total: 5 },
      { by: 1, total: 6 },
    ]);
    expect(sleeps).toEqual([]);
    expect(await chainOf(store)).toEqual([]);
  });

  it("a refusal is never given on an unread cache: the stream is read and the command decided again", async () => {
    const { store, counted } = countingReads();
    const handle = createCommandHandler(counted, ON_CACHE);
    const other = createCommandHandler(store);
    await handle(counterAggregate, incrementEnvelope("m1", LIMIT - 1));
    await other(counterAggregate, reset("o1"));
    // On the cache (LIMIT - 1) this would pass the limit; the stream says 0.
    const outcome = await handle(counterAggregate, incrementEnvelope("m2", 5));
    expect(E.isRight(outcome) && outcome.right).toMatchObject({ revision: 2, attempts: 1 });
    expect((await totals(store)).at(-1)).toEqual({ by: 5, total: 5 });
    // And a refusal that the stream confirms is still a refusal.
    const refused = await handle(counterAggregate, incrementEnvelope("m3", LIMIT));
    expect(E.isLeft(refused) && refused.left.code).toBe("LIMIT");
    expect(await readStreamEvents(store, "counter-a")).toHaveLength(3);
  });

  it("nor an outcome with no events: a reset on a cached zero is decided again on the stream", async () => {
    const { store, counted } = countingReads();
    const handle = createCommandHandler(counted, ON_CACHE);
    const other = createCommandHandler(store);
    await handle(counterAggregate, incrementEnvelope("m1", 2));
    await handle(counterAggregate, reset("m2"));
    await other(counterAggregate, incrementEnvelope("o1", 4));
    const outcome = await handle(counterAggregate, reset("m3"));
    expect(E.isRight(outcome) && outcome.right).toMatchObject({ revision: 3, attempts: 1 });
    expect((await totals(store)).at(-1)).toEqual({ from: 4 });
    expect(await chainOf(store)).toEqual([]);
    // Nothing to reset now, confirmed on the stream: no events, nothing appended.
    const nothing = await handle(counterAggregate, reset("m4"));
    expect(E.isRight(nothing) && nothing.right).toMatchObject({ events: [], revision: 3 });
  });

  it("a command id another writer appended behind the cache is found, not appended twice", async () => {
    const { store, counted } = countingReads();
    const handle = createCommandHandler(counted, ON_CACHE);
    const other = createCommandHandler(store);
    await handle(counterAggregate, incrementEnvelope("m1", 1));
    await other(counterAggregate, incrementEnvelope("retried", 7));
    const again = await handle(counterAggregate, incrementEnvelope("retried", 7));
    expect(E.isRight(again) && again.right).toMatchObject({ duplicate: true, revision: 1 });
    expect((await readStreamEvents(store, "counter-a")).map((e) => e.metadata.commandId)).toEqual([
      "m1",
      "retried",
    ]);
  });
});
