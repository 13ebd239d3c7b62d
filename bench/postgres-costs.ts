/**
 * Where the time goes in the PostgreSQL command phase (issue 15): each variant of
 * `bench/postgres-bench.ts` once, on one server with fsync on and its statistics on, and per
 * command: the round trips node-postgres sent, the statements the server ran and their time
 * (`pg_stat_statements`), commits, WAL flushes, their time and bytes (`pg_stat_io`,
 * `pg_stat_wal`, PostgreSQL 16 or later), and the Node process's CPU. One variant at a time, so the
 * server-wide counters belong to it.
 *
 *   BENCH_PG_WRITERS=8 BENCH_PG_COMMANDS=2000 node --import tsx bench/postgres-costs.ts
 *   (BENCH_PG_VARIANTS as in postgres-bench.ts; BENCH_PG_TOP: statements listed per variant, default 4;
 *   BENCH_PG_PROFILE=dir: a CPU profile of each measured run, `<dir>/<variant>.cpuprofile`)
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import Table from "cli-table3";
import pg from "pg";
import { startEmbeddedServer } from "../packages/postgres/test/embedded-server";
import { postgresVariants } from "./postgres-bench";

const COMMANDS = Number(process.env.BENCH_PG_COMMANDS ?? 2_000);
const WRITERS = Number((process.env.BENCH_PG_WRITERS ?? "8").split(",")[0]);
const TOP = Number(process.env.BENCH_PG_TOP ?? 4);
const PROFILE = process.env.BENCH_PG_PROFILE;

// Every query a node-postgres client sends is one round trip (a multi-statement text is one).
let roundTrips = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  roundTrips++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const server = await startEmbeddedServer({
  fsync: true,
  label: "costs",
  settings: {
    shared_preload_libraries: "pg_stat_statements",
    "pg_stat_statements.track": "all",
    track_wal_io_timing: "on",
    track_io_timing: "on",
  },
});
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
await admin.query("CREATE EXTENSION pg_stat_statements");

const perCommand = (n: number) => Math.round((n / COMMANDS) * 100) / 100;
const summary = new Table({
  head: [
    "variant",
    "events/s",
    "round trips",
    "statements",
    "commits",
    "WAL fsyncs",
    "fsync ms",
    "WAL bytes",
    "server ms",
    "Node CPU ms",
  ],
});
const statements: string[] = [];
try {
  let n = 0;
  for (const [name, variant] of Object.entries(postgresVariants)) {
    const database = `costs_${n++}`;
    await admin.query(`CREATE DATABASE ${database}`);
    const url = server.url.replace(/\/postgres$/, `/${database}`);
    // a round first, so that WAL segments and caches are warm, then the measured one
    await variant(url, WRITERS);
    await admin.query(`DROP DATABASE ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(
      "SELECT pg_stat_statements_reset(), pg_stat_reset_shared('io'), pg_stat_reset_shared('wal'), pg_stat_reset()",
    );
    const commitsBefore = Number(
      (await admin.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = $1`, [database])).rows[0]
        ?.xact_commit ?? 0,
    );
    roundTrips = 0;
    const session = PROFILE === undefined ? undefined : new Session();
    if (session !== undefined) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
    }
    const cpu = process.cpuUsage();
    const seconds = await variant(url, WRITERS);
    const used = process.cpuUsage(cpu);
    if (session !== undefined && PROFILE !== undefined) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(
        join(PROFILE, `${name.replace(/[^a-z0-9]+/gi, "-")}.cpuprofile`),
        JSON.stringify(profile),
      );
      session.disconnect();
    }
    const trips = roundTrips;
    // the variant's backends have exited and flushed their counters; the WAL writer's take a moment
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const io = (
      await admin.query(
        `SELECT coalesce(sum(fsyncs), 0)::float8 AS fsyncs, coalesce(sum(fsync_time), 0)::float8 AS fsync_ms
         FROM pg_stat_io WHERE object = 'wal'`,
      )
    ).rows[0] as { fsyncs: number; fsync_ms: number };
    const wal = (await admin.query("SELECT wal_bytes::float8 AS bytes FROM pg_stat_wal")).rows[0] as {
      bytes: number;
    };
    const commits =
      Number(
        (await admin.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = $1`, [database])).rows[0]
          ?.xact_commit ?? 0,
      ) - commitsBefore;
    const top = (
      await admin.query(
        `SELECT s.calls::float8 AS calls, s.total_exec_time AS ms, s.total_plan_time AS plan_ms,
                left(regexp_replace(s.query, '\\s+', ' ', 'g'), 90) AS query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
         WHERE d.datname = $1 ORDER BY s.total_exec_time DESC`,
        [database],
      )
    ).rows as { calls: number; ms: number; plan_ms: number; query: string }[];
    const calls = top.reduce((sum, s) => sum + s.calls, 0);
    const serverMs = top.reduce((sum, s) => sum + s.ms + s.plan_ms, 0);
    summary.push([
      name,
      Math.round(COMMANDS / seconds).toLocaleString("en"),
      name === "castore" ? "—" : String(perCommand(trips)),
      String(perCommand(calls)),
      String(perCommand(commits)),
      String(perCommand(io.fsyncs)),
      String(perCommand(io.fsync_ms)),
      Math.round(wal.bytes / COMMANDS).toLocaleString("en"),
      String(perCommand(serverMs)),
      String(perCommand((used.user + used.system) / 1_000)),
    ]);
    for (const s of top.slice(0, TOP))
      statements.push(
        `${name}: ${perCommand(s.calls)} calls/command, ${perCommand(s.ms)} ms/command (plan ${perCommand(s.plan_ms)}): ${s.query}`,
      );
    await admin.query(`DROP DATABASE ${database}`);
  }
} finally {
  await admin.end();
  await server.destroy();
}
console.log(`${COMMANDS} commands, ${WRITERS} writer(s), fsync on; figures per command unless named`);
console.log(summary.toString());
for (const line of statements) console.log(line);
