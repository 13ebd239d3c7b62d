/**
 * The read-table reads alone, on a SQLite file whose tables are already built (a first run
 * builds them: minutes at 1M): for iterating on a read without the tables benchmark's rebuilds.
 * Times each read of `bench/read-tables-bench.ts` (caught up first, as the CLI does), median of
 * the rounds, in this process; the replay is not run (the tables benchmark compares with it).
 *
 *   node --expose-gc --import tsx bench/tables-reads.ts FILE [ROUNDS]     (FILE is opened read-write)
 */
import { createSqliteStore } from "@safety-ledger/sqlite";
import { timeTableReads } from "./time-table-reads";

const [path, roundsArg] = process.argv.slice(2);
if (path === undefined) throw new Error("usage: bench/tables-reads.ts FILE [ROUNDS]");
const store = createSqliteStore({ path, create: false });
try {
  await timeTableReads(store.readTables, Number(roundsArg ?? 7));
} finally {
  await store.close();
}
