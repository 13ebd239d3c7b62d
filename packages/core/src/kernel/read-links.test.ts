/** Reads check the chain links of what they read: `runProjections` reports broken links. */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { defineEvent, EventRegistry } from "./codec-registry";
import type { Json, StoredEvent } from "./envelope";
import type { EventStore } from "./event-store";
import { chainEvents, GENESIS_HASH, recomputeHash } from "./hash-chain";
import { createMemoryStore } from "./memory-store";
import { type Projection, runProjections } from "./projection";

const Counted = defineEvent("Counted", t.type({ n: t.number }));
const registry = EventRegistry.of(Counted);
type Ev = { readonly type: "Counted"; readonly data: { readonly n: number } };
const total: Projection<number, Ev> = { name: "total", init: 0, apply: (m, { event }) => m + event.data.n };

/** Three streams of four events each, appended round-robin. */
const seeded = async (): Promise<EventStore> => {
  const store = createMemoryStore();
  const heads = new Map<string, string>();
  for (let revision = 0; revision < 4; revision++)
    for (const stream of ["a-1", "a-2", "b-1"]) {
      const events = chainEvents(stream, revision, heads.get(stream) ?? GENESIS_HASH, [
        {
          id: `${stream}-${revision}`,
          type: "Counted",
          schemaVersion: 1,
          data: { n: revision + 1 },
          metadata: {
            actor: { unit: "U", role: "office", person: "P" },
            commandId: `c-${stream}-${revision}`,
            commandType: "Count",
            correlationId: `c-${stream}-${revision}`,
            causationId: `c-${stream}-${revision}`,
            occurredAt: "2021-01-01T00:00:00+08:00",
            recordedAt: "2021-01-01T00:00:00.000Z",
            rulesVersion: "test",
          },
        },
      ]);
      const written = await store.append(
        stream,
        events,
        revision === 0 ? "no_stream" : { revision: revision - 1 },
      );
      if (E.isLeft(written)) throw new Error(written.left.message);
      heads.set(stream, events[0]!.metadata.hash);
    }
  return store;
};

/** The store as read back with `edit` applied to what it holds (as an administrator could). */
const tampered = (store: EventStore, edit: (event: StoredEvent) => StoredEvent | undefined): EventStore => ({
  append: store.append,
  readStream: store.readStream,
  subscribeToAll: store.subscribeToAll,
  close: store.close,
  readAll: async function* (options) {
    for await (const event of store.readAll(options)) {
      const edited = edit(event);
      if (edited !== undefined) yield edited;
    }
  },
});

/** The event re-hashed after `prevHash` is replaced: content and hash agree, the link does not. */
const relinked = (event: StoredEvent, prevHash: string): StoredEvent => {
  const forged = { ...event, metadata: { ...event.metadata, prevHash } };
  return { ...forged, metadata: { ...forged.metadata, hash: recomputeHash(forged) } };
};

const at = (stream: string, revision: number) => (e: StoredEvent) =>
  e.stream === stream && e.revision === revision;

describe("reads check the chain links of what they read", () => {
  it("an intact store: no broken link, from the start or resumed after a position", async () => {
    const store = await seeded();
    expect((await runProjections(store, registry, [total])).brokenLinks).toEqual([]);
    // resumed part-way: each stream is taken up where the read meets it, not blamed for it
    expect((await runProjections(store, registry, [total], { after: 5n })).brokenLinks).toEqual([]);
  });

  it("an event's data edited: the read still folds, and reports the stream and revision", async () => {
    const store = tampered(await seeded(), (e) => (at("a-2", 1)(e) ? { ...e, data: { n: 100 } as Json } : e));
    const { models, brokenLinks } = await runProjections(store, registry, [total]);
    expect(models[0]).toBe(3 * (1 + 2 + 3 + 4) - 2 + 100);
    expect(brokenLinks.map(({ stream, revision, kind }) => ({ stream, revision, kind }))).toEqual([
      { stream: "a-2", revision: 1, kind: "changed" },
    ]);
  });

  it("an event removed from the middle of a stream is a missing revision; a re-hashed event after the wrong one a broken link", async () => {
    const gap = tampered(await seeded(), (e) => (at("b-1", 2)(e) ? undefined : e));
    expect((await runProjections(gap, registry, [total])).brokenLinks).toEqual([
      expect.objectContaining({ stream: "b-1", revision: 2, kind: "missing" }),
    ]);
    const forged = tampered(await seeded(), (e) => (at("a-1", 3)(e) ? relinked(e, "f".repeat(64)) : e));
    expect((await runProjections(forged, registry, [total])).brokenLinks).toEqual([
      expect.objectContaining({ stream: "a-1", revision: 3, kind: "broken-link" }),
    ]);
  });

  it("checkLinks: false reads without checking", async () => {
    const store = tampered(await seeded(), (e) => (at("a-1", 0)(e) ? { ...e, data: { n: 9 } as Json } : e));
    expect((await runProjections(store, registry, [total], { checkLinks: false })).brokenLinks).toEqual([]);
  });
});
