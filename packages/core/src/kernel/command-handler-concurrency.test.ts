import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createCommandHandler, readStreamEvents } from "./command-handler";
import { storeUnavailable } from "./errors";
import type { EventStore } from "./event-store";
import { ChainVerifier } from "./hash-chain";
import { createMemoryStore } from "./memory-store";
import { counterAggregate, incrementEnvelope } from "./testing/counter";

const envelope = incrementEnvelope;
const readAll = readStreamEvents;

/** A memory store that counts the appends refused for a wrong expected version. */
const countingConflicts = () => {
  const inner = createMemoryStore();
  const seen = { conflicts: 0 };
  const store: EventStore = {
    ...inner,
    append: async (stream, events, expected) => {
      const result = await inner.append(stream, events, expected);
      if (E.isLeft(result) && result.left._tag === "WrongExpectedVersion") seen.conflicts += 1;
      return result;
    },
  };
  return { store, seen };
};

describe("command handler: commands on one stream in one process", () => {
  it("20 concurrent callers × 10 commands on one stream all succeed, in a queue, not a race", async () => {
    const { store, seen } = countingConflicts();
    const handle = createCommandHandler(store);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async (_, caller) => {
        const mine = [];
        for (let n = 0; n < 10; n++)
          mine.push(await handle(counterAggregate, envelope(`c${caller}-${n}`, 1)));
        return mine;
      }),
    );
    const flat = outcomes.flat();
    expect(flat.filter(E.isLeft)).toEqual([]);
    // Queued: nobody read a revision that someone in this process then took.
    expect(seen.conflicts).toBe(0);
    expect(flat.every((o) => E.isRight(o) && o.right.attempts === 1)).toBe(true);
    const events = await readAll(store, "counter-a");
    expect(events).toHaveLength(200);
    expect(new Set(events.map((e) => e.metadata.commandId)).size).toBe(200);
    expect((events.at(-1)!.data as { total: number }).total).toBe(200);
    const verifier = new ChainVerifier("counter-a");
    expect(events.flatMap((e) => verifier.check(e))).toEqual([]);
  });

  it("the same command id sent by two callers at once is appended once", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    const [a, b] = await Promise.all([
      handle(counterAggregate, envelope("twice", 3)),
      handle(counterAggregate, envelope("twice", 3)),
    ]);
    expect([a, b].map((o) => E.isRight(o) && o.right.duplicate).sort()).toEqual([false, true]);
    expect(await readAll(store, "counter-a")).toHaveLength(1);
  });

  it("commands on different streams do not wait for each other", async () => {
    const inner = createMemoryStore();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Appends to counter-slow hang until released; counter-fast must get through meanwhile.
    const store: EventStore = {
      ...inner,
      append: async (stream, events, expected) => {
        if (stream === "counter-slow") await held;
        return inner.append(stream, events, expected);
      },
    };
    const handle = createCommandHandler(store);
    const slow = handle(counterAggregate, envelope("s1", 1, "slow"));
    const fast = await handle(counterAggregate, envelope("f1", 1, "fast"));
    expect(E.isRight(fast)).toBe(true);
    release();
    expect(E.isRight(await slow)).toBe(true);
  });

  it("a caller whose command throws does not stall the queue behind it", async () => {
    const inner = createMemoryStore();
    let fail = true;
    const store: EventStore = {
      ...inner,
      append: async (stream, events, expected) => {
        if (fail) {
          fail = false;
          throw new Error("disk on fire");
        }
        return inner.append(stream, events, expected);
      },
    };
    const handle = createCommandHandler(store);
    const [first, second] = await Promise.allSettled([
      handle(counterAggregate, envelope("x1", 1)),
      handle(counterAggregate, envelope("x2", 1)),
    ]);
    expect(first.status).toBe("rejected");
    expect(second.status === "fulfilled" && E.isRight(second.value)).toBe(true);
  });
});

describe("command handler: retries against other writers", () => {
  /** A store where another process slips in before each of our first `times` appends. */
  const racedBy = (times: number) => {
    const inner = createMemoryStore();
    const other = createCommandHandler(inner);
    let raced = 0;
    const store: EventStore = {
      ...inner,
      append: async (stream, events, expected) => {
        if (raced < times) {
          raced += 1;
          await other(counterAggregate, envelope(`other-${raced}`, 1));
        }
        return inner.append(stream, events, expected);
      },
    };
    return { inner, store };
  };

  it("waits a jittered, growing delay before each retry, drawn from the injected random source", async () => {
    const { inner, store } = racedBy(4);
    const slept: number[] = [];
    const draws = [0.5, 0.25, 1 - Number.EPSILON, 0];
    let draw = 0;
    const handle = createCommandHandler(store, {
      retryDelay: { baseMs: 10, maxMs: 60 },
      random: () => draws[draw++ % draws.length]!,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    const outcome = await handle(counterAggregate, envelope("mine", 10));
    expect(E.isRight(outcome) && outcome.right.attempts).toBe(5);
    // Full jitter: random × min(max, base × 2^(retry-1)) → 0.5×10, 0.25×20, ~1×40, 0×60.
    expect(slept).toEqual([5, 5, 39, 0]);
    expect((await readAll(inner, "counter-a")).map((e) => e.metadata.commandId)).toEqual([
      "other-1",
      "other-2",
      "other-3",
      "other-4",
      "mine",
    ]);
  });

  it("the same random draws give the same delays (the kernel stays deterministic)", async () => {
    const delays = async () => {
      const { store } = racedBy(3);
      const slept: number[] = [];
      let seed = 42;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      await createCommandHandler(store, {
        random,
        sleep: async (ms) => {
          slept.push(ms);
        },
      })(counterAggregate, envelope("mine", 1));
      return slept;
    };
    const first = await delays();
    expect(first).toHaveLength(3);
    expect(await delays()).toEqual(first);
  });

  it("retries a store that says it is busy but may be tried again, and gives up on one that may not", async () => {
    const inner = createMemoryStore();
    const failing = (retryable: boolean, times: number): EventStore => {
      let failed = 0;
      return {
        ...inner,
        append: async (stream, events, expected) => {
          if (failed++ < times) return E.left(storeUnavailable("The ledger file is busy.", retryable));
          return inner.append(stream, events, expected);
        },
      };
    };
    const noWait = { sleep: async () => {} };
    const busy = await createCommandHandler(failing(true, 2), noWait)(counterAggregate, envelope("b1", 1));
    expect(E.isRight(busy) && busy.right.attempts).toBe(3);
    const broken = await createCommandHandler(failing(false, 1), noWait)(counterAggregate, envelope("b2", 1));
    expect(E.isLeft(broken) && broken.left.code).toBe("STORE_UNAVAILABLE");
    const stuck = await createCommandHandler(failing(true, 100), { ...noWait, maxRetries: 3 })(
      counterAggregate,
      envelope("b3", 1),
    );
    expect(E.isLeft(stuck) && stuck.left._tag).toBe("StoreUnavailable");
    expect((await readAll(inner, "counter-a")).map((e) => e.metadata.commandId)).toEqual(["b1"]);
  });
});
