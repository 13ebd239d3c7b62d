/**
 * What the read tables on SQLite do beyond the testkit's read-tables contract
 * (read-tables-contract.test.ts: the answers equal the replay's on random bitemporal histories,
 * rebuild, tampering, two connections): a page that fails leaves the rows and the checkpoint
 * together, and the example queries of docs/read-models.md run on the file.
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryStore, LedgerFailure, newEventId, type StoredEvent } from "@safety-ledger/core";
import { createSqliteStore, readTableNames } from "@safety-ledger/sqlite";
import { appendStoredEvents as appendAll } from "@safety-ledger/testkit";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHistory } from "../../../bench/generate";

const base: StoredEvent[] = [];

beforeAll(async () => {
  const memory = createMemoryStore();
  await generateHistory(memory, { events: 700, seed: 7 });
  for await (const e of memory.readAll()) base.push(e);
});

const dir = mkdtempSync(join(tmpdir(), "read-tables-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("read tables on SQLite", () => {
  it("a page that fails leaves the rows and the checkpoint together where they were", async () => {
    const path = join(dir, "crash.db");
    const store = createSqliteStore({ path });
    await appendAll(store, base.slice(0, 300));
    await store.readTables.catchUp();
    const names = readTableNames(store.readTables.version);
    const db = new Database(path, { readonly: true });
    const snapshot = () => ({
      checkpoint: db.prepare("SELECT position, state FROM checkpoints WHERE name = ?").get(names.checkpoint),
      versions: db.prepare(`SELECT count(*) AS n, max(position) AS last FROM ${names.versions}`).get(),
      times: db.prepare(`SELECT count(*) AS n, max(position) AS last FROM ${names.eventTimes}`).get(),
    });
    const before = snapshot();
    expect(before.checkpoint).toMatchObject({ position: 300 });
    expect(before.times).toEqual({ n: 300, last: 300 });
    // good events, then (in the same page) one whose data does not decode: nothing of the page applies
    const bad = base.find((e) => e.type === "EntityRegistered")!;
    await appendAll(store, base.slice(300, 320));
    await appendAll(store, [
      { ...bad, id: newEventId(), stream: "entity-broken", data: { ...(bad.data as object), sector: 42 } },
    ]);
    const failed = await store.readTables.catchUp().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(LedgerFailure);
    expect((failed as LedgerFailure).message).toMatch(/sector/);
    expect(snapshot()).toEqual(before);
    db.close();
    await store.close();
  });

  it("every example query of docs/read-models.md runs on the file and finds rows", async () => {
    const path = join(dir, "examples.db");
    const store = createSqliteStore({ path });
    await appendAll(store, base);
    await store.readTables.catchUp();
    await store.close();
    const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "read-models.md"), "utf8");
    const examples = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((q) => q.startsWith("SELECT"));
    expect(examples.length).toBeGreaterThanOrEqual(6);
    const db = new Database(path, { readonly: true });
    for (const query of examples) expect(db.prepare(query).all().length, query).toBeGreaterThan(0);
    db.close();
  });
});
