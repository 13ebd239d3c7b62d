/**
 * Issue 16's benchmark: the read tables against the replay, in the same run. A city's history
 * (BENCH_EVENTS, default 1,000,000) is generated into a SQLite file; a child process (its peak
 * RSS is its own) then measures, on that file (the tables' rebuild and catch-ups in a child of
 * its own, whose peak RSS is reported with them):
 *   - the replay rebuild (both projections) and the tables' rebuild from zero (events/s, ratio);
 *   - catching up 1,000 events appended by another connection (BENCH_TABLES_ROUNDS times, median);
 *   - four reads in-process, tables (caught up first, as the CLI does) against the replay, median
 *     of BENCH_TABLES_ROUNDS (default 5; the replay 3): `list overdue --as-of 2021-06-30`,
 *     `supervision <entity> --as-of 2021-06-30`, `stats accidents --compare previous-year` and
 *     `board --as-of 2021-06-30`;
 *   - the file's growth and the versions per event;
 *   - the same four reads as whole processes of the built CLI, tables against `--replay`, beside
 *     Node's start-up and the CLI's own (bench/cli-process.ts).
 *
 *   BENCH_ONLY=tables node --import tsx bench/run.ts        (BENCH_EVENTS=100000 for a quick run)
 *   BENCH_TABLES_FILE=/tmp/history-1m.db …                   (generated once, reused by later runs)
 *
 * The phases alone (rebuild and catch-ups, one JSON line), also with a CPU profile of the
 * catch-ups only (not the rebuild) written to BENCH_CATCH_UP_PROFILE:
 *   node --import tsx bench/read-tables-bench.ts --tables-phases FULL COPY KEPT ROUNDS
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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
import { createSqliteStore, readTableNames } from "@safety-ledger/sqlite";
import { cliProcessRows } from "./cli-process";
import { generateHistory } from "./generate";
import { median } from "./median";
import { peakRssMb } from "./scale-phases";
import { appenderOf, Database } from "./sqlite-history";

export interface TablesResult {
  readonly workload: string;
  readonly variant: string;
  readonly phase: string;
  readonly eventsPerSec: number;
  readonly events: number;
  readonly seconds: number;
  readonly peakRssMb?: number;
  /** Tables over replay: for reads the replay's time over the tables' (× faster); for rebuilds the rates' ratio. */
  readonly ratio?: number;
  readonly milliseconds?: number;
}

const SELF = fileURLToPath(import.meta.url);
const ASOF = "2021-06-30";
const CATCH_UP = 1_000;

const time = async (work: () => Promise<unknown>): Promise<number> => {
  const t0 = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

interface WritePhases {
  readonly rebuildMs: number;
  readonly catchUpsMs: ReadonlyArray<number>;
  /** The appends of each catch-up's events by another connection, timed (a checkpoint may fall in one). */
  readonly appendsMs: ReadonlyArray<number>;
  /** The checkpoint of what the catch-ups and appends left in the WAL, after the last. */
  readonly leftCheckpointMs: number;
  /** The peak RSS of the process that rebuilt the tables and caught them up. */
  readonly peakRssMb: number;
}

/**
 * The tables' rebuild and catch-ups, in a process of their own: `path` gets a copy of `full`'s
 * first `kept` events, the tables are rebuilt there, then catch up `rounds` times with the
 * next `CATCH_UP` events appended by another connection.
 */
const writePhases = async (
  full: string,
  path: string,
  kept: number,
  rounds: number,
): Promise<WritePhases> => {
  copyFileSync(full, path);
  const db = new Database(path);
  const append = appenderOf(db, full);
  db.prepare("DELETE FROM events WHERE global_position > ?").run(kept);
  const store = createSqliteStore({ path, create: false });
  const rebuildMs = await time(() => store.readTables.rebuild());
  // the catch-ups start from an empty WAL, and what they leave in it is checkpointed at the end
  db.pragma("wal_checkpoint(TRUNCATE)");
  const catchUpsMs: number[] = [];
  const appendsMs: number[] = [];
  const profileTo = process.env.BENCH_CATCH_UP_PROFILE;
  const session = profileTo === undefined ? undefined : new Session();
  if (session !== undefined) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  for (let i = 0; i < rounds; i++) {
    const from = kept + i * CATCH_UP;
    appendsMs.push(await time(async () => append(from, CATCH_UP)));
    catchUpsMs.push(await time(() => store.readTables.catchUp()));
  }
  // the checkpoint the catch-ups and appends left to a later commit, so a policy that defers it
  // shows its cost here instead of hiding it
  const leftCheckpointMs = await time(async () => db.pragma("wal_checkpoint(PASSIVE)"));
  if (session !== undefined) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(profileTo!, JSON.stringify(profile));
    session.disconnect();
  }
  db.close();
  await store.close();
  return { rebuildMs, catchUpsMs, appendsMs, leftCheckpointMs, peakRssMb: peakRssMb() };
};

/** The measurements, in a process of their own, on a generated file. */
const measure = async (full: string, rounds: number): Promise<TablesResult[]> => {
  const results: TablesResult[] = [];
  const events = (
    new Database(full, { readonly: true }).prepare("SELECT count(*) AS n FROM events").get() as {
      n: number;
    }
  ).n;
  const row = (phase: string, ms: number, n: number, extra: Partial<TablesResult> = {}): TablesResult => ({
    workload: `tables-${events}`,
    variant: "sqlite",
    phase,
    eventsPerSec: n === 0 || ms === 0 ? 0 : Math.round(n / (ms / 1000)),
    events: n,
    seconds: Math.round(ms) / 1000,
    milliseconds: Math.round(ms * 10) / 10,
    ...extra,
  });

  // replay rebuild of both projections, on the whole file
  const replayStore = createSqliteStore({ path: full, create: false });
  const replayMs = await time(() =>
    runProjections(replayStore, ledgerEvents, [campaignLedgerProjection, supervisionProjection] as const),
  );
  results.push(row("replay rebuild", replayMs, events));

  // the same file less its last events: the tables are rebuilt there, then catch up with the
  // rest, in a process of their own (their peak RSS is theirs, not the replay's)
  const dir = mkdtempSync(join(tmpdir(), "tables-bench-"));
  const path = join(dir, "tables.db");
  const held = CATCH_UP * rounds;
  const phases = JSON.parse(
    execFileSync(
      process.execPath,
      ["--import", "tsx", SELF, "--tables-phases", full, path, String(events - held), String(rounds)],
      { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
    )
      .trim()
      .split("\n")
      .at(-1)!,
  ) as WritePhases;
  results.push(
    row("tables rebuild", phases.rebuildMs, events - held, {
      ratio: Math.round(((events - held) / phases.rebuildMs / (events / replayMs)) * 100) / 100,
      peakRssMb: phases.peakRssMb,
    }),
    row(`catch up ${CATCH_UP} events`, median(phases.catchUpsMs), CATCH_UP, { peakRssMb: phases.peakRssMb }),
    // the mean with every checkpoint counted: those in the catch-ups and the one left after them
    row(
      `catch up ${CATCH_UP} events, with the checkpoints (mean)`,
      (phases.catchUpsMs.reduce((a, b) => a + b, 0) + phases.leftCheckpointMs) / phases.catchUpsMs.length,
      CATCH_UP,
    ),
    row(
      `append ${CATCH_UP} events beside (mean)`,
      phases.appendsMs.reduce((a, b) => a + b, 0) / phases.appendsMs.length,
      CATCH_UP,
    ),
  );
  const store = createSqliteStore({ path, create: false });
  const tables = store.readTables;
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
        const { models } = await runProjections(replayStore, ledgerEvents, [
          campaignLedgerProjection,
        ] as const);
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
        const { models } = await runProjections(replayStore, ledgerEvents, [supervisionProjection] as const, {
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
        const { models } = await runProjections(replayStore, ledgerEvents, [supervisionProjection] as const);
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
        const { models } = await runProjections(replayStore, ledgerEvents, [
          campaignLedgerProjection,
        ] as const);
        wallChart(models[0], ASOF);
      },
    },
  ];
  for (const read of reads) {
    const fromTables: number[] = [];
    for (let i = 0; i < rounds; i++) fromTables.push(await time(read.tables));
    const replayed: number[] = [];
    for (let i = 0; i < Math.min(rounds, 3); i++) replayed.push(await time(read.replay));
    const t = median(fromTables);
    const r = median(replayed);
    results.push(row(`${read.name} (tables)`, t, 0, { ratio: Math.round((r / t) * 10) / 10 }));
    results.push(row(`${read.name} (replay)`, r, 0));
  }

  const versions = (
    new Database(path, { readonly: true })
      .prepare(`SELECT count(*) AS n FROM ${readTableNames(tables.version).versions}`)
      .get() as { n: number }
  ).n;
  await store.close();
  await replayStore.close();
  results.push(
    row("versions per event", 0, events, { ratio: Math.round((versions / events) * 100) / 100 }),
    row("file size with tables / without", 0, events, {
      ratio: Math.round((statSync(path).size / statSync(full).size) * 100) / 100,
    }),
    row("peak RSS (replay and reads)", 0, events, { peakRssMb: peakRssMb() }),
  );
  // the same reads as whole processes of the built command line, on the same file
  results.push(...(await cliProcessRows(path, events, rounds)));
  rmSync(dir, { recursive: true, force: true });
  return results;
};

/**
 * The generated history: BENCH_TABLES_FILE names a file to keep between runs (generated there
 * when missing, with BENCH_EVENTS events; reused as it is otherwise), else a temporary one.
 */
const historyFile = async (events: number, dir: string): Promise<string> => {
  const kept = process.env.BENCH_TABLES_FILE;
  const full = kept ?? join(dir, "history.db");
  if (kept !== undefined && existsSync(kept)) return kept;
  const store = createSqliteStore({ path: full });
  await generateHistory(store, { events });
  await store.close();
  return full;
};

export const tablesBench = async (): Promise<TablesResult[]> => {
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const rounds = Number(process.env.BENCH_TABLES_ROUNDS ?? 5);
  const dir = mkdtempSync(join(tmpdir(), "tables-bench-"));
  try {
    const full = await historyFile(events, dir);
    const out = execFileSync(process.execPath, ["--import", "tsx", SELF, "--measure", full, String(rounds)], {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
    const results = JSON.parse(out.trim().split("\n").at(-1)!) as TablesResult[];
    // the raw rows first, so that nothing measured is lost to a failure further on
    for (const r of results) console.log(JSON.stringify(r));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv[2] === "--tables-phases") {
  const [full, path, kept, rounds] = process.argv.slice(3);
  console.log(JSON.stringify(await writePhases(full!, path!, Number(kept), Number(rounds))));
} else if (process.argv[2] === "--measure") {
  const results = await measure(process.argv[3]!, Number(process.argv[4] ?? 5));
  console.log(JSON.stringify(results));
} else if (process.argv[1] === SELF) await tablesBench();
