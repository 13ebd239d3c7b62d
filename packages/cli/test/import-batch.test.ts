/**
 * `import` writes a file all or nothing on stores that append batches in one transaction, even
 * when another writer gets in between the check and the write; other stores take the commands
 * one by one.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    // Every row is its stream's state already: compared, unchanged, nothing to decide.
    expect(JSON.parse(again.lines[0]!)).toMatchObject({
      ok: true,
      rows: summary.rows,
      unchanged: summary.rows,
      commands: 0,
      appended: 0,
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
      importCsv(meddling, "entities", fixture("entities.csv"), { actor, lang: "en" }, quietIo(), true),
    ).rejects.toThrow(/nothing was imported\. Import the file again/);
    expect((await everything(store)).map((e) => e.id)).toEqual(["someone-else"]);
  });

  it("a grown, edited file re-imported one command at a time decides what the batch decides", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safety-ledger-reimport-"));
    try {
      const grown = join(dir, "grown.csv");
      writeFileSync(
        grown,
        `${readFileSync(fixture("entities.csv"), "utf8")
          .trimEnd()
          .replace("Li Ming,,", "Li Ming,13900000001,")
          .replace(
            "Cangxi Coach Lines",
            "Cangxi Coach Lines Ltd.",
          )}\nE-0009,Zhaohua Quarry,non-coal-mine,zhaohua,GY-EMB,Wu Gang,,Ma Jun,,,,no,2020-07-03\n`,
      );
      const on = "2020-10-09T09:00:00+08:00";
      const batched = createMemoryStore();
      const { appendBatch: _appendBatch, ...oneByOne } = createMemoryStore();
      const summaries: unknown[] = [];
      for (const store of [batched, oneByOne]) {
        expect(await importCsv(store, "entities", fixture("entities.csv"), { actor }, quietIo(), true)).toBe(
          0,
        );
        const io = quietIo();
        expect(await importCsv(store, "entities", grown, { actor, on }, io, true)).toBe(0);
        summaries.push(JSON.parse(io.lines[0]!));
      }
      expect(summaries[0]).toMatchObject({ added: 1, changed: 2, unchanged: 1, commands: 3, appended: 3 });
      expect(summaries[1]).toEqual(summaries[0]);
      const view = (events: StoredEvent[]) => events.map((e) => [e.stream, e.revision, e.type, e.data]);
      const written = await everything(batched);
      expect(view(await everything(oneByOne))).toEqual(view(written));
      expect(written.slice(-3).map((e) => e.type)).toEqual([
        "PrincipalChanged",
        "EntityDetailsCorrected",
        "EntityRegistered",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
