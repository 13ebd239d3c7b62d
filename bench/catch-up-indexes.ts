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
import { createSqliteStore } from "@safety-ledger/sqlite";
import { median } from "./median";
import { appenderOf, Database } from "./sqlite-history";

const CATCH_UP = 1_000;
const USAGE =
  "usage: catch-up-indexes.ts build <history> <built> <kept> | run <history> <built> <copy> <rounds> [index …]";

const build = async (history: string, built: string, kept: number) => {
  copyFileSync(history, built);
  const db = new Database(built);
  db.prepare("DELETE FROM events WHERE global_position > ?").run(kept);
  const store = createSqliteStore({ path: built, create: false });
  await store.readTables.rebuild();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  await store.close();
};

const run = async (history: string, built: string, copy: string, rounds: number, dropped: string[]) => {
  copyFileSync(built, copy);
  const db = new Database(copy);
  for (const index of dropped) db.exec(`DROP INDEX ${index}`);
  const append = appenderOf(db, history);
  const { last } = db.prepare("SELECT max(global_position) AS last FROM events").get() as { last: number };
  const store = createSqliteStore({ path: copy, create: false });
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    append(last + i * CATCH_UP, CATCH_UP);
    const start = performance.now();
    await store.readTables.catchUp();
    ms.push(Math.round((performance.now() - start) * 10) / 10);
  }
  console.log(JSON.stringify({ dropped, ms, median: median(ms) }));
  db.close();
  await store.close();
};

const [mode, history, built, third, fourth, ...dropped] = process.argv.slice(2);
if (mode === "build" && history !== undefined && built !== undefined && third !== undefined)
  await build(history, built, Number(third));
else if (mode === "run" && history !== undefined && built !== undefined && third !== undefined)
  await run(history, built, third, Number(fourth ?? 10), dropped);
else throw new Error(USAGE);
