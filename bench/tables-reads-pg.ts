/**
 * The PostgreSQL read-table reads alone, on the database `tables_bench` that the tables-pg
 * benchmark (`bench/read-tables-pg-bench.ts`) leaves, built and caught up, in a cluster kept in
 * DATA_DIR (`BENCH_TABLES_PG_DATA`): for iterating on a read without the benchmark's rebuild and
 * replays. Times each read as the benchmark does (caught up first, stamped, as the CLI does),
 * median of the rounds, in this process; the replay is not run (the benchmark compares with it).
 *
 *   node --expose-gc --import tsx bench/tables-reads-pg.ts DATA_DIR [ROUNDS]
 */
import {
  accidentStats,
  campaignForBoardFromTables,
  dynamicSupervision,
  overdueList,
  supervisionFromTables,
  wallChartFromTables,
} from "@safety-ledger/core";
import { createPostgresStore } from "@safety-ledger/postgres";
import { startEmbeddedServer } from "../packages/postgres/test/embedded-server";

const ASOF = "2021-06-30";
const KNOWN_AT = "2021-12-31";

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const [dataDir, roundsArg] = process.argv.slice(2);
if (dataDir === undefined) throw new Error("usage: bench/tables-reads-pg.ts DATA_DIR [ROUNDS]");
const rounds = Number(roundsArg ?? 7);
const server = await startEmbeddedServer({ fsync: true, label: "tables-reads", keepIn: dataDir });
const store = await createPostgresStore({
  connectionString: server.url.replace(/\/postgres$/, "/tables_bench"),
});
try {
  const tables = store.readTables;
  const t0 = process.hrtime.bigint();
  const built = await tables.catchUp();
  console.log(
    JSON.stringify({ catchUp: { events: built.events, ms: Number(process.hrtime.bigint() - t0) / 1e6 } }),
  );
  const entity = [...(await tables.states("entities", { asOf: ASOF })).keys()][0]!;
  const reads: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [
    [
      `list overdue --as-of ${ASOF}`,
      async () => overdueList(await campaignForBoardFromTables(tables, ASOF, undefined, true), ASOF),
    ],
    [
      `supervision <entity> --as-of ${ASOF}`,
      async () => dynamicSupervision(await supervisionFromTables(tables, { asOf: ASOF }, entity), ASOF),
    ],
    [
      "stats accidents --compare previous-year",
      async () =>
        accidentStats(await supervisionFromTables(tables, {}, undefined, ["accidents"]), {
          from: "2021-01-01",
          to: "2021-11-30",
        }),
    ],
    [`board --as-of ${ASOF}`, () => wallChartFromTables(tables, ASOF)],
    [`board --as-of ${ASOF} --known-at ${KNOWN_AT}`, () => wallChartFromTables(tables, ASOF, KNOWN_AT)],
  ];
  for (const [name, read] of reads) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const start = process.hrtime.bigint();
      await tables.catchUp();
      await read();
      await tables.stamp({});
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    console.log(JSON.stringify({ read: name, medianMs: Math.round(median(times) * 10) / 10, rounds }));
  }
} finally {
  await store.close();
  await server.destroy();
}
