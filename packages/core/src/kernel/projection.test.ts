import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { defineEvent, EventRegistry } from "./codec-registry";
import type { EventToAppend } from "./envelope";
import { appendBatch } from "./event-store";
import { chainEvents, GENESIS_HASH } from "./hash-chain";
import { createMemoryStore } from "./memory-store";
import { createMemoryCheckpointStore, type Projection, runProjections } from "./projection";

const Counted = defineEvent("Counted", t.type({ n: t.number }));
const registry = EventRegistry.of(Counted);
type Ev = { readonly type: "Counted"; readonly data: { readonly n: number } };

const sum: Projection<{ readonly total: number; readonly seen: ReadonlyArray<number> }, Ev> = {
  name: "sum",
  init: { total: 0, seen: [] },
  apply: (m, { event }) => ({ total: m.total + event.data.n, seen: [...m.seen, event.data.n] }),
  inPlace: {
    copy: (m) => ({ total: m.total, seen: [...m.seen] }),
    apply: (m, { event }) => {
      const w = m as { total: number; seen: number[] };
      w.total += event.data.n;
      w.seen.push(event.data.n);
    },
  },
};
const byStream: Projection<Readonly<Record<string, number>>, Ev> = {
  name: "by-stream",
  init: {},
  filter: { streamPrefixes: ["a-"] },
  apply: (m, { meta }) => ({ ...m, [meta.stream]: (m[meta.stream] ?? 0) + 1 }),
};
const codec = <R>() => ({ toJson: (m: R) => m as never, fromJson: (j: unknown) => j as R });

const seeded = async (events: number) => {
  const store = createMemoryStore();
  const heads = new Map<string, { revision: number; hash: string }>();
  for (let i = 0; i < events; i++) {
    const stream = i % 3 === 0 ? `b-${i % 5}` : `a-${i % 7}`;
    const head = heads.get(stream);
    const [event] = chainEvents(
      stream,
      head === undefined ? 0 : head.revision + 1,
      head?.hash ?? GENESIS_HASH,
      [
        {
          id: `e${i}`,
          type: "Counted",
          schemaVersion: 1,
          data: { n: i },
          metadata: {
            actor: { unit: "U", role: "office", person: "P" },
            commandId: `c${i}`,
            commandType: "Count",
            correlationId: `c${i}`,
            causationId: `c${i}`,
            occurredAt: "2021-01-01T00:00:00+08:00",
            recordedAt: "2021-01-01T00:00:00.000Z",
            rulesVersion: "test",
          },
        },
      ],
    ) as [EventToAppend];
    const result = await appendBatch(store, [
      { stream, events: [event], expected: head === undefined ? "no_stream" : { revision: head.revision } },
    ]);
    if (E.isLeft(result)) throw new Error(result.left.message);
    heads.set(stream, { revision: head === undefined ? 0 : head.revision + 1, hash: event.metadata.hash });
  }
  return store;
};

describe("runProjections", () => {
  it("the in-place path gives what the pure apply gives, and filters route by category", async () => {
    const store = await seeded(50);
    const fast = await runProjections(store, registry, [sum, byStream] as const);
    const pure = await runProjections(store, registry, [{ ...sum, inPlace: undefined }, byStream] as const);
    expect(fast.models).toEqual(pure.models);
    expect(fast.models[0].total).toBe((49 * 50) / 2);
    expect(Object.keys(fast.models[1]).every((s) => s.startsWith("a-"))).toBe(true);
  });

  it("a rebuild that crashes resumes from its last checkpoint and ends where a clean rebuild ends", async () => {
    const store = await seeded(95);
    const checkpoints = createMemoryCheckpointStore();
    const checkpoint = {
      store: checkpoints,
      every: 20,
      codecs: [codec<(typeof sum)["init"]>(), codec<(typeof byStream)["init"]>()] as const,
    };
    const crash = new Error("power cut");
    await expect(
      runProjections(store, registry, [sum, byStream] as const, {
        checkpoint,
        onEvent: (position) => {
          if (position === 57n) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect((await checkpoints.load("sum+by-stream"))?.position).toBe(40n);

    const resumed = await runProjections(store, registry, [sum, byStream] as const, { checkpoint });
    const clean = await runProjections(store, registry, [sum, byStream] as const);
    expect(resumed.models).toEqual(clean.models);
    expect(resumed.stamp.events).toBe(95 - 40);
    expect(resumed.stamp.position).toBe(95n);
    expect((await checkpoints.load("sum+by-stream"))?.position).toBe(95n);
  });
});
