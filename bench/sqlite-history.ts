/**
 * A SQLite history file opened beside the store: the driver the store uses (not a dependency of
 * the benchmarks themselves), and the appends of another file's events as another connection of
 * the ledger would make them.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { WAL_AUTOCHECKPOINT_PAGES } from "@safety-ledger/sqlite";

export interface RawDatabase {
  prepare(sql: string): { get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
  exec(sql: string): void;
  pragma(sql: string): unknown;
  close(): void;
}

export const Database = createRequire(fileURLToPath(import.meta.resolve("@safety-ledger/sqlite")))(
  "better-sqlite3",
) as new (
  path: string,
  options?: { readonly?: boolean },
) => RawDatabase;

/**
 * Appends `history`'s events to `db`'s ledger, those after a position, `count` of them; the
 * connection checkpoints its WAL as a ledger's own connection would.
 */
export const appenderOf = (db: RawDatabase, history: string): ((after: number, count: number) => void) => {
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.exec(`ATTACH DATABASE '${history.replaceAll("'", "''")}' AS full`);
  const insert = db.prepare(
    "INSERT INTO events SELECT * FROM full.events WHERE global_position > ? AND global_position <= ?",
  );
  return (after, count) => {
    insert.run(after, after + count);
  };
};
