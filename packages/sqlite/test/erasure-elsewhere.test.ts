/**
 * The testkit's erasure-elsewhere suite on SQLite: two handles (connections) on one file, each
 * with its own privacy; an erasure through one is noticed by every read of the other.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { erasureElsewhereContract } from "@safety-ledger/testkit";
import { afterAll } from "vitest";
import { createSqliteStore, type SqliteEventStore } from "../src/store";

const dir = mkdtempSync(join(tmpdir(), "erasure-elsewhere-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

erasureElsewhereContract<SqliteEventStore, string>({
  name: "SQLite",
  fresh: async () => join(dir, `ledger-${files++}.db`),
  open: async (path) => createSqliteStore({ path }),
  keys: (store, master) => store.subjectKeys(master),
});
