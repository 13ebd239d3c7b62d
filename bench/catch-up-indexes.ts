/**
 * What the read indexes cost a SQLite catch-up: catch-ups of 1,000 events on a copy of tables
 * built once, with some of the read indexes dropped first (the reads would create them again;
 * a catch-up does not).
 *
 *   node --import tsx bench/catch-up-indexes.ts build <history> <built> <kept>
 *       the tables rebuilt on a copy of <history> holding its first <kept> events
 *   node --import tsx bench/catch-up-indexes.ts run <history> <built> <copy> <rounds> [index …]
 *       <rounds> catch-ups on a fresh copy of <built>, each after the next 1,000 events of
 *       <history> were appended by another connection; one JSON line: the times, their median
 */
import { copyFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createSqliteStore, WAL_AUTOCHECKPOINT_PAGES } from "@safety-ledger/sqlite";

interface Connection {
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown };
  exec(sql: string): void;
  pragma(sql: string): unknown;
  close(): void;
}
const Database = createRequire(fileURLToPath(import.meta.resolve("@safety-ledger/sqlite")))(
  "better-sqlite3",
) as new (
  path: string,
) => Connection;

const CATCH_UP = 1_000;
const [mode, history, built, third, fourth, ...dropped] = process.argv.slice(2);
if (history === undefined || built === undefined || third === undefined)
  throw new Error(
    "usage: catch-up-indexes.ts build <history> <built> <kept> | run <history> <built> <copy> <rounds> [index …]",
  );

if (mode === "build") {
  copyFileSync(history, built);
  const db = new Database(built);
  db.prepare("DELETE FROM events WHERE global_position > ?").run(Number(third));
  const store = createSqliteStore({ path: built, create: false });
  await store.readTables.rebuild();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  await store.close();
} else {
  copyFileSync(built, third);
  const db = new Database(third);
  for (const index of dropped) db.exec(`DROP INDEX ${index}`);
  // the appending connection checkpoints as a ledger's own connection would
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.exec(`ATTACH DATABASE '${history.replaceAll("'", "''")}' AS full`);
  const { last } = db.prepare("SELECT max(global_position) AS last FROM events").get() as { last: number };
  const store = createSqliteStore({ path: third, create: false });
  const append = db.prepare(
    "INSERT INTO events SELECT * FROM full.events WHERE global_position > ? AND global_position <= ?",
  );
  const ms: number[] = [];
  for (let i = 0; i < Number(fourth ?? 10); i++) {
    const from = last + i * CATCH_UP;
    append.run(from, from + CATCH_UP);
    const start = performance.now();
    await store.readTables.catchUp();
    ms.push(Math.round((performance.now() - start) * 10) / 10);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(JSON.stringify({ dropped, ms, median: sorted[Math.floor(sorted.length / 2)] }));
  db.close();
  await store.close();
}
