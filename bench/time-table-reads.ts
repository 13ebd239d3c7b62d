/**
 * The reads of `bench/read-tables-bench.ts` timed alone on a store's read tables (each caught up
 * first and stamped, as the CLI does), median of the rounds, one JSON line a read: what
 * `bench/tables-reads.ts` (SQLite) and `bench/tables-reads-pg.ts` (PostgreSQL) print.
 */
import {
  accidentStats,
  campaignForBoardFromTables,
  dynamicSupervision,
  overdueList,
  type ReadTables,
  supervisionFromTables,
  wallChartFromTables,
} from "@safety-ledger/core";
import { median } from "./median";

const ASOF = "2021-06-30";
const KNOWN_AT = "2021-12-31";

const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export const timeTableReads = async (tables: ReadTables, rounds: number): Promise<void> => {
  const t0 = process.hrtime.bigint();
  const built = await tables.catchUp();
  console.log(JSON.stringify({ catchUp: { events: built.events, ms: elapsedMs(t0) } }));
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
      times.push(elapsedMs(start));
    }
    console.log(JSON.stringify({ read: name, medianMs: Math.round(median(times) * 10) / 10, rounds }));
  }
};
