/**
 * The read-table reads alone, on a SQLite file whose tables are already built (a first run
 * builds them: minutes at 1M): for iterating on a read without the tables benchmark's rebuilds.
 * Times each read of `bench/read-tables-bench.ts` (caught up first, as the CLI does), median of
 * the rounds, in this process; the replay is not run (the tables benchmark compares with it).
 *
 *   node --expose-gc --import tsx bench/tables-reads.ts FILE [ROUNDS]     (FILE is opened read-write)
 */
import {
  accidentStats,
  campaignForBoardFromTables,
  dynamicSupervision,
  overdueList,
  supervisionFromTables,
  wallChartFromTables,
} from "@safety-ledger/core";
import { createSqliteStore } from "@safety-ledger/sqlite";

const ASOF = "2021-06-30";
const KNOWN_AT = "2021-12-31";

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const [path, roundsArg] = process.argv.slice(2);
if (path === undefined) throw new Error("usage: bench/tables-reads.ts FILE [ROUNDS]");
const rounds = Number(roundsArg ?? 7);
const store = createSqliteStore({ path, create: false });
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
  // as known at a date the board reads the tasks' summaries (the store counts only as known now)
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
await store.close();
