import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";
import { createCommandHandler } from "../kernel/command-handler";
import type { StoredEvent } from "../kernel/envelope";
import type { EventStore } from "../kernel/event-store";
import { createMemoryStore } from "../kernel/memory-store";
import { counterAggregate } from "../kernel/testing/counter";
import { exportLines } from "./export";
import { exportStore } from "./export-store";

const all = async (events: AsyncIterable<StoredEvent>) => {
  const out: string[] = [];
  for await (const e of events) out.push(`${e.stream}@${e.revision}#${e.position}`);
  return out;
};

let source: EventStore;
let lines: string[];

beforeAll(async () => {
  source = createMemoryStore();
  const handle = createCommandHandler(source);
  // Streams interleaved, so positions and revisions differ.
  for (let i = 0; i < 7; i++)
    for (const id of ["a", "b", "c"])
      await handle(counterAggregate, {
        command: { type: "Increment", data: { id, by: 1 } },
        commandId: `inc-${id}-${i}`,
        actor: { unit: "GY-EMB", role: "office", person: "Li" },
        occurredAt: "2020-07-01T09:00:00+08:00",
      });
  lines = [];
  for await (const line of exportLines(source)) lines.push(line);
});

describe("an export as a read-only store", () => {
  const store = () =>
    exportStore(async function* () {
      yield* lines;
    });

  it.each([
    {},
    { maxCount: 4 },
    { after: 5n },
    { after: 5n, maxCount: 2 },
    { before: 9n, direction: "backwards" as const },
    { direction: "backwards" as const, maxCount: 3 },
    { filter: { streamPrefixes: ["counter-b"] } },
  ])("reads all as the store it came from (case %#)", async (options) => {
    expect(await all(store().readAll(options))).toEqual(await all(source.readAll(options)));
  });

  it.each([
    {},
    { fromRevision: 3 },
    { maxCount: 2 },
    { direction: "backwards" as const, maxCount: 2 },
    { direction: "backwards" as const, fromRevision: 4 },
  ])("reads a stream as the store it came from (case %#)", async (options) => {
    expect(await all(store().readStream("counter-b", options))).toEqual(
      await all(source.readStream("counter-b", options)),
    );
  });

  it("refuses to be written to", async () => {
    const appended = await store().append("counter-a", [], { kind: "any" } as never);
    expect(E.isLeft(appended) && appended.left.message).toMatch(/read-only/);
  });
});
