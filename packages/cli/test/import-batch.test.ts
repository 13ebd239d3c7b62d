/**
 * `import` writes a file all or nothing on stores that append batches in one transaction, even
 * when another writer gets in between the check and the write; other stores take the commands
 * one by one.
 */
import {
  type BatchAppendingStore,
  createMemoryStore,
  type EventStore,
  type StoredEvent,
} from "@safety-ledger/core";
import { describe, expect, it } from "vitest";
import { importCsv } from "../src/commands/import";
import type { Io } from "../src/output";
import { fixture } from "./helpers";

const actor = { unit: "GY-EMB", role: "office", person: "Wang Office" };
const quietIo = (): Io & { lines: string[] } => {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), interactive: false, lines };
};
const everything = async (store: EventStore): Promise<StoredEvent[]> => {
  const all: StoredEvent[] = [];
  for await (const e of store.readAll()) all.push(e);
  return all;
};

describe("import writes the file in one batch", () => {
  it("appends what the rows decided, in the order the commands ran, and nothing the second time", async () => {
    const store = createMemoryStore();
    const first = quietIo();
    expect(await importCsv(store, "entities", fixture("entities.csv"), { actor }, first, true)).toBe(0);
    const summary = JSON.parse(first.lines[0]!);
    const written = await everything(store);
    expect(written).toHaveLength(summary.appended);
    // The same file through the command-by-command path: the same events in the same order.
    const memory = createMemoryStore();
    const { appendBatch: _appendBatch, ...unbatched } = memory;
    const oneByOne = quietIo();
    expect(await importCsv(unbatched, "entities", fixture("entities.csv"), { actor }, oneByOne, true)).toBe(
      0,
    );
    // The same summary too: the file is read again to submit it, but its rows are counted once.
    expect(JSON.parse(oneByOne.lines[0]!)).toEqual(summary);
    const view = (events: StoredEvent[]) => events.map((e) => [e.stream, e.revision, e.type, e.data]);
    expect(view(written)).toEqual(view(await everything(memory)));
    expect(new Set(written.map((e) => e.stream)).size).toBe(3);

    const again = quietIo();
    expect(await importCsv(store, "entities", fixture("entities.csv"), { actor }, again, true)).toBe(0);
    expect(JSON.parse(again.lines[0]!)).toMatchObject({
      ok: true,
      appended: 0,
      alreadyImported: summary.commands,
    });
    expect(await everything(store)).toHaveLength(written.length);
  });

  it("another writer between the check and the write: nothing of the file is appended", async () => {
    const store = createMemoryStore();
    const meddling: BatchAppendingStore = {
      ...store,
      appendBatch: async (batch) => {
        // Someone else writes to the third stream of the batch first.
        const third = batch[2]!;
        await store.append(third.stream, [{ ...third.events[0]!, id: "someone-else" }], "any");
        return store.appendBatch(batch);
      },
    };
    await expect(
      importCsv(meddling, "entities", fixture("entities.csv"), { actor }, quietIo(), true),
    ).rejects.toThrow(/nothing was imported\. Import the file again/);
    expect((await everything(store)).map((e) => e.id)).toEqual(["someone-else"]);
  });
});
