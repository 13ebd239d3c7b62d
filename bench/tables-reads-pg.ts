/**
 * The PostgreSQL read-table reads alone, on the database `tables_bench` that the tables-pg
 * benchmark (`bench/read-tables-pg-bench.ts`) leaves, built and caught up, in a cluster kept in
 * DATA_DIR (`BENCH_TABLES_PG_DATA`): for iterating on a read without the benchmark's rebuild and
 * replays. Times each read as the benchmark does (caught up first, stamped, as the CLI does),
 * median of the rounds, in this process; the replay is not run (the benchmark compares with it).
 *
 *   node --expose-gc --import tsx bench/tables-reads-pg.ts DATA_DIR [ROUNDS]
 */
import { createPostgresStore } from "@safety-ledger/postgres";
import { startEmbeddedServer } from "../packages/postgres/test/embedded-server";
import { timeTableReads } from "./time-table-reads";

const [dataDir, roundsArg] = process.argv.slice(2);
if (dataDir === undefined) throw new Error("usage: bench/tables-reads-pg.ts DATA_DIR [ROUNDS]");
const server = await startEmbeddedServer({ fsync: true, label: "tables-reads", keepIn: dataDir });
const store = await createPostgresStore({
  connectionString: server.url.replace(/\/postgres$/, "/tables_bench"),
});
try {
  await timeTableReads(store.readTables, Number(roundsArg ?? 7));
} finally {
  await store.close();
  await server.destroy();
}
