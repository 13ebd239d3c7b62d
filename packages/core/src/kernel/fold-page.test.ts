import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { defineEvent, EventRegistry } from "./codec-registry";
import { foldStream } from "./command-handler";
import type { StoredEvent } from "./envelope";
import { foldPage, foldPages } from "./fold-page";
import { createMemoryStore } from "./memory-store";
import { counterAggregate } from "./testing/counter";

// Version 2 of a reading event added a unit; version 1 data is lifted with "m".
const Measured = defineEvent("Measured", t.type({ value: t.number, unit: t.string }), {
  schemaVersion: 2,
  upcasters: [{ from: 1, up: (data) => ({ ...(data as object), unit: "m" }) }],
});
type MeasuredEvent = { readonly type: "Measured"; readonly data: { value: number; unit: string } };
const registry = EventRegistry.of(Measured) as EventRegistry<MeasuredEvent>;

const stored = (revision: number, schemaVersion: number, data: unknown): StoredEvent =>
  ({
    id: `e${revision}`,
    type: "Measured",
    schemaVersion,
    data,
    metadata: {},
    stream: "gauge-1",
    revision,
    position: BigInt(revision + 1),
  }) as StoredEvent;

describe("foldPage", () => {
  const readings = (events: ReadonlyArray<MeasuredEvent>, event: MeasuredEvent) => [...events, event];

  it("evolves current events as stored and older versions as upcast, in order", () => {
    const page = [
      stored(0, 2, { value: 1, unit: "cm" }),
      stored(1, 1, { value: 2 }),
      stored(2, 2, { value: 3, unit: "km" }),
    ];
    const folded = foldPage(registry, readings, [] as ReadonlyArray<MeasuredEvent>, page);
    expect(folded).toEqual(
      E.right([
        { type: "Measured", data: { value: 1, unit: "cm" } },
        { type: "Measured", data: { value: 2, unit: "m" } },
        { type: "Measured", data: { value: 3, unit: "km" } },
      ]),
    );
  });

  it("stops at the first event its codec refuses, naming it, and evolves nothing after it", () => {
    let evolved = 0;
    const counting = (n: number) => {
      evolved++;
      return n + 1;
    };
    const page = [
      stored(0, 2, { value: 1, unit: "cm" }),
      stored(1, 2, { value: "1", unit: "cm" }),
      stored(2, 2, { value: 3, unit: "km" }),
    ];
    const folded = foldPage(registry, counting, 0, page);
    expect(E.isLeft(folded) && folded.left).toMatchObject({
      _tag: "EventDecodeError",
      stream: "gauge-1",
      revision: 1,
      issues: [{ path: "data.value" }],
    });
    expect(evolved).toBe(1);
  });
});

describe("foldPages", () => {
  async function* pagesOf(...pages: ReadonlyArray<StoredEvent>[]) {
    for (const page of pages) yield page;
  }
  const count = (n: number) => n + 1;

  it("folds page after page, skipping empty ones, and says the last revision and how many events", async () => {
    const folded = await foldPages(
      registry,
      count,
      0,
      pagesOf(
        [stored(0, 2, { value: 1, unit: "cm" }), stored(1, 1, { value: 2 })],
        [],
        [stored(2, 1, { value: 3 })],
      ),
    );
    expect(folded).toEqual(E.right({ state: 3, revision: 2, events: 3 }));
  });

  it("gives no revision for a stream without events", async () => {
    expect(await foldPages(registry, count, 7, pagesOf())).toEqual(
      E.right({ state: 7, revision: undefined, events: 0 }),
    );
  });

  it("stops at a refused event and reads no further page", async () => {
    let pagesRead = 0;
    async function* counted() {
      pagesRead++;
      yield [stored(0, 2, { value: 1 })];
      pagesRead++;
      yield [stored(1, 2, { value: 2, unit: "m" })];
    }
    const folded = await foldPages(registry, count, 0, counted());
    expect(E.isLeft(folded) && folded.left).toMatchObject({ revision: 0, issues: [{ path: "data.unit" }] });
    expect(pagesRead).toBe(1);
  });
});

describe("foldStream", () => {
  it("gives the decode error of a stored event its codec refuses, with stream, revision and field", async () => {
    const store = createMemoryStore();
    const event = (id: string, data: unknown) => ({
      id,
      type: "Incremented",
      schemaVersion: 1,
      data,
      metadata: {},
    });
    await store.append(
      "counter-a",
      [event("a", { by: 1, total: 1 }), event("b", { by: "two", total: 3 })] as never,
      "no_stream",
    );
    const folded = await foldStream(store, counterAggregate, "counter-a");
    expect(E.isLeft(folded) && folded.left).toMatchObject({
      _tag: "EventDecodeError",
      stream: "counter-a",
      revision: 1,
      issues: [{ path: "data.by" }],
    });
  });

  it("reads the stream when it is iterated: events appended after the call are folded", async () => {
    const store = createMemoryStore();
    const pages = store.readStreamPages("counter-a");
    await store.append(
      "counter-a",
      [{ id: "a", type: "Incremented", schemaVersion: 1, data: { by: 2, total: 2 }, metadata: {} }] as never,
      "no_stream",
    );
    const folded = await foldPages(
      counterAggregate.events,
      counterAggregate.decider.evolve,
      counterAggregate.decider.initialState,
      pages,
    );
    expect(folded).toEqual(E.right({ state: 2, revision: 0, events: 1 }));
  });
});
