/**
 * End-to-end: an encrypted ledger's reads answer from the SQLite read tables (docs/privacy.md),
 * which keep the stored ciphertext as sealed values: after reads from the tables the file (and
 * its WAL) holds no clear personal value, the tables hold rows, and the answers are the replay's
 * (revealed, erased, or `[encrypted]` without the key). The scenario is `sealed-tables-scenario.ts`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SQLITE_READ_TABLES_VERSION } from "@safety-ledger/sqlite";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild, tempDir } from "./helpers";
import { sealedTablesScenario } from "./sealed-tables-scenario";

let temp: ReturnType<typeof tempDir>;
let db: string;
let key: string;

const fileBytes = (file: string): Buffer =>
  Buffer.concat(
    [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
  );

beforeAll(() => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "sealed.db");
  key = join(temp.dir, "master.json");
});
afterAll(() => temp?.remove());

describe("read tables of an encrypted ledger", () => {
  it("answer from sealed values: nothing clear in the file, the replay's answers, erased after erasure", async () => {
    expect((await cli(["privacy", "master-key", key])).code).toBe(0);
    await sealedTablesScenario(
      {
        store: ["--store", `sqlite:${db}`],
        id: "RT1",
        tableRows: async () => {
          const conn = new Database(db, { readonly: true });
          try {
            return (
              conn.prepare(`SELECT state FROM read_versions_v${SQLITE_READ_TABLES_VERSION}`).all() as Array<{
                state: string;
              }>
            ).map((s) => s.state);
          } finally {
            conn.close();
          }
        },
        stored: async () => fileBytes(db).toString("latin1"),
      },
      key,
    );
  }, 120_000);
});
