/**
 * The read-tables conformance suite (testkit) on SQLite: a fresh file for each ledger,
 * tampering by SQL `UPDATE` on the file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryStore, type StoredEvent } from "@safety-ledger/core";
import { createSqliteStore, type SqliteEventStore } from "@safety-ledger/sqlite";
import { readTablesContract } from "@safety-ledger/testkit";
import Database from "better-sqlite3";
import { afterAll } from "vitest";
import { generateHistory } from "../../../bench/generate";

const dir = mkdtempSync(join(tmpdir(), "read-tables-contract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

readTablesContract<SqliteEventStore>({
  name: "SQLite",
  history: async (): Promise<StoredEvent[]> => {
    const memory = createMemoryStore();
    await generateHistory(memory, { events: 700, seed: 7 });
    const events: StoredEvent[] = [];
    for await (const e of memory.readAll()) events.push(e);
    return events;
  },
  // every state of a campaign, workstream or responsibility list that can be a delta is one
  makeStore: async () =>
    createSqliteStore({
      path: join(dir, `ledger-${files++}.db`),
      readTables: { deltaMin: 1, listDeltaMin: 1 },
    }),
  openAgain: async (store) =>
    createSqliteStore({ path: store.path, readTables: { deltaMin: 1, listDeltaMin: 1 } }),
  tamper: async (store, stream) => {
    const db = new Database(store.path);
    try {
      const changed = db
        .prepare(
          "UPDATE events SET data = json_set(data, '$.changed', 1) WHERE stream_name = ? AND stream_revision = 0",
        )
        .run(stream).changes;
      if (changed !== 1) throw new Error(`no revision 0 of ${stream}`);
    } finally {
      db.close();
    }
  },
});
