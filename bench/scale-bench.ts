/**
 * Issue 8's benchmark: a city's history (BENCH_EVENTS, default 1,000,000; the EventStoreDB
 * double gets BENCH_ESDB_EVENTS, default 100,000) generated through the deciders and imported
 * with batched appends, then, side by side in the same run: rebuild all projections against
 * the floor of a bare select-and-parse loop, and verify every hash chain against the floor of
 * SHA-256 over the same canonical bytes. Rebuild, verify and the floors run in child processes
 * of their own (their peak RSS is theirs alone), BENCH_SCALE_ROUNDS times in turn (default 3),
 * and the median is kept. The memory store lives in one process, so its phases run there, and
 * their memory is reported as the peak above the loaded store.
 *
 * Run alone: `node --import tsx bench/scale-bench.ts` (BENCH_EVENTS=100000 for a quick run).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createMemoryStore, type EventStore } from "@safety-ledger/core";
import { createPostgresStore } from "@safety-ledger/postgres";
import { createSqliteStore } from "@safety-ledger/sqlite";
import { startEmbeddedServer } from "../packages/postgres/test/embedded-server";
import { generateHistory } from "./generate";
import { median } from "./median";
import { memoryFloor, peakRssMb, rebuildAll, verifyAll } from "./scale-phases";

export interface ScaleResult {
  readonly workload: string;
  readonly variant: string;
  readonly phase: string;
  readonly eventsPerSec: number;
  readonly events: number;
  readonly seconds: number;
  readonly peakRssMb?: number;
  /** This row's events/s over its floor's (rebuild and verify rows). */
  readonly ratioToFloor?: number;
}

const PHASES = fileURLToPath(new URL("./scale-phases.ts", import.meta.url));
interface PhaseRun {
  readonly events: number;
  readonly seconds: number;
  readonly peakRssMb: number;
}

const child = (phase: string, spec: string): PhaseRun => {
  const out = execFileSync(process.execPath, ["--import", "tsx", PHASES, phase, spec], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as PhaseRun;
};

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Rounds of the four phases in turn (and `extra` ones, each against the select-and-parse
 * floor), medians, ratios to the floors.
 */
const measure = async (
  workload: string,
  variant: string,
  rounds: number,
  run: (phase: string) => Promise<PhaseRun>,
  extra: ReadonlyArray<string> = [],
): Promise<ScaleResult[]> => {
  const phases = ["floor-read", "rebuild", ...extra, "floor-verify", "verify"];
  const runs: Record<string, PhaseRun[]> = {};
  for (let round = 0; round < rounds; round++)
    for (const phase of phases) {
      const r = await run(phase);
      log(`  ${variant} ${phase}: ${r.events} events in ${r.seconds.toFixed(2)} s, peak ${r.peakRssMb} MB`);
      runs[phase] = [...(runs[phase] ?? []), r];
    }
  const rate = (phase: string) => {
    const rs = runs[phase]!;
    return Math.round(rs[0]!.events / median(rs.map((r) => r.seconds)));
  };
  return phases.map((phase) => {
    const rs = runs[phase]!;
    const eventsPerSec = rate(phase);
    const floor = phase.startsWith("rebuild")
      ? "floor-read"
      : phase === "verify"
        ? "floor-verify"
        : undefined;
    return {
      workload,
      variant,
      phase:
        phase === "floor-read"
          ? "floor: select + JSON.parse"
          : phase === "floor-verify"
            ? "floor: select + SHA-256"
            : phase,
      eventsPerSec,
      events: rs[0]!.events,
      seconds: Number(median(rs.map((r) => r.seconds)).toFixed(3)),
      peakRssMb: Math.max(...rs.map((r) => r.peakRssMb)),
      ...(floor === undefined ? {} : { ratioToFloor: Number((eventsPerSec / rate(floor)).toFixed(2)) }),
    };
  });
};

const importInto = async (workload: string, variant: string, store: EventStore, events: number) => {
  log(`${variant}: generating and importing ${events.toLocaleString("en")} events`);
  const report = await generateHistory(store, { events });
  log(
    `  ${JSON.stringify(report.byCategory)} in ${report.seconds.toFixed(1)} s (appends ${report.appendSeconds.toFixed(1)} s)`,
  );
  return [
    {
      workload,
      variant,
      phase: "import (generate + decide + chain + append)",
      eventsPerSec: Math.round(report.events / report.seconds),
      events: report.events,
      seconds: Number(report.seconds.toFixed(3)),
    },
    {
      workload,
      variant,
      phase: "import: batched appends alone",
      eventsPerSec: Math.round(report.events / report.appendSeconds),
      events: report.events,
      seconds: Number(report.appendSeconds.toFixed(3)),
    },
  ] satisfies ScaleResult[];
};

const label = (n: number) => (n % 1_000_000 === 0 ? `${n / 1_000_000}M` : `${Math.round(n / 1000)}k`);

export const sqliteScale = async (events: number, rounds: number): Promise<ScaleResult[]> => {
  const dir = mkdtempSync(join(tmpdir(), "safety-ledger-scale-"));
  const path = join(dir, "ledger.db");
  const workload = `scale-${label(events)}-events`;
  try {
    const store = createSqliteStore({ path });
    const imported = await importInto(workload, "sqlite", store, events);
    await store.close();
    return [
      ...imported,
      ...(await measure(workload, "sqlite", rounds, async (phase) => child(phase, `sqlite:${path}`))),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** In this process: the memory store holds the history; peaks are reported above it. */
export const memoryScale = async (events: number, rounds: number): Promise<ScaleResult[]> => {
  const workload = `scale-${label(events)}-events`;
  const store = createMemoryStore();
  const imported = await importInto(workload, "memory", store, events);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssNow = () => Math.round(process.memoryUsage().rss / 2 ** 20);
  const loaded = rssNow();
  log(`  memory store loaded: RSS ${loaded} MB (peak so far ${peakRssMb()} MB)`);
  const measured = await measure(workload, "memory", rounds, async (phase) => {
    gc?.();
    const before = rssNow();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssNow());
    }, 5);
    const start = process.hrtime.bigint();
    const n =
      phase === "rebuild"
        ? await rebuildAll(store)
        : phase === "verify"
          ? await verifyAll(store)
          : await memoryFloor(store, phase === "floor-verify");
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    clearInterval(sampler);
    peak = Math.max(peak, rssNow());
    return { events: n, seconds, peakRssMb: peak - before };
  });
  return [...imported, ...measured.map((r) => ({ ...r, variant: "memory (RSS above the loaded store)" }))];
};

/** The double in a child process of its own, as a server on another machine would be. */
const startDouble = async () => {
  const proc = spawn(process.execPath, ["--import", "tsx", PHASES, "--serve-double"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: proc.stdout! }).once("line", resolve),
  );
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.stdin!.end();
      await exited;
    },
  };
};

export const esdbScale = async (events: number, rounds: number): Promise<ScaleResult[]> => {
  const workload = `scale-${label(events)}-events`;
  const double = await startDouble();
  try {
    const { createEventStoreDbStore } = await import("@safety-ledger/eventstoredb");
    const store = createEventStoreDbStore({ connectionString: double.url });
    const imported = await importInto(workload, "eventstoredb double", store, events);
    await store.close();
    return [
      ...imported,
      ...(await measure(workload, "eventstoredb double", rounds, async (phase) =>
        child(phase, `esdb:${double.url}`),
      )),
    ];
  } finally {
    await double.stop();
  }
};

/**
 * A real PostgreSQL (the pinned embedded server) in its own processes. fsync is off: it only
 * speeds up the import, and the measured phases only read. BENCH_SCALE_PG_DIR=folder keeps the
 * cluster there after the run, and a later run with the same folder and BENCH_EVENTS measures
 * it again without importing (no import rows then).
 */
export const postgresScale = async (events: number, rounds: number): Promise<ScaleResult[]> => {
  const workload = `scale-${label(events)}-events`;
  const kept = process.env.BENCH_SCALE_PG_DIR;
  const marker = kept === undefined ? undefined : join(kept, "imported-events");
  const imported =
    marker !== undefined && existsSync(marker) ? Number(readFileSync(marker, "utf8")) : undefined;
  if (imported !== undefined && imported !== events)
    throw new Error(`${kept} holds ${imported} events, not BENCH_EVENTS=${events}: use another folder`);
  if (kept !== undefined && imported === undefined && existsSync(join(kept, "data")))
    throw new Error(`${kept} holds a cluster whose import did not finish: remove the folder`);
  const server = await startEmbeddedServer({
    fsync: false,
    label: "scale",
    ...(kept === undefined ? {} : { keepIn: kept }),
  });
  try {
    let importRows: ScaleResult[] = [];
    if (imported === undefined) {
      const store = await createPostgresStore({ connectionString: server.url });
      importRows = await importInto(workload, "postgres", store, events);
      await store.close();
      if (marker !== undefined) writeFileSync(marker, String(events));
    } else log(`postgres: ${events.toLocaleString("en")} events kept in ${kept}, not imported again`);
    return [
      ...importRows,
      // the rebuild without its link check too: what the check costs, beside the same floor
      ...(await measure(
        workload,
        "postgres",
        rounds,
        async (phase) => child(phase, `postgres:${server.url}`),
        ["rebuild-unchecked"],
      )),
    ];
  } finally {
    await server.destroy();
  }
};

export const scaleBench = async (): Promise<ScaleResult[]> => {
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const esdbEvents = Number(process.env.BENCH_ESDB_EVENTS ?? Math.min(events, 100_000));
  const rounds = Number(process.env.BENCH_SCALE_ROUNDS ?? 3);
  const only = (process.env.BENCH_SCALE_STORES ?? "sqlite,postgres,memory,esdb").split(",");
  const results: ScaleResult[] = [];
  if (only.includes("sqlite")) results.push(...(await sqliteScale(events, rounds)));
  if (only.includes("postgres")) results.push(...(await postgresScale(events, rounds)));
  if (only.includes("memory")) results.push(...(await memoryScale(events, rounds)));
  if (only.includes("esdb")) results.push(...(await esdbScale(esdbEvents, rounds)));
  return results;
};

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ""));
if (isMain) console.log(JSON.stringify(await scaleBench(), null, 2));
