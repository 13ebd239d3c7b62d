/**
 * `pnpm bench`: every benchmark, peers side by side in one run, each variant run several
 * times in turn and the median kept (the machines are shared and noisy; compare the ratios).
 * Kernel variants and scale phases each run in a fresh process. Prints tables and writes
 * bench/results/latest.json (a BENCH_ONLY run replaces only its own workloads' rows).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Table from "cli-table3";
import { auditBench } from "./audit-bench";
import { esdbBench, printEsdbTable } from "./esdb-bench";
import { KERNEL_EVENTS, kernelVariants } from "./kernel-bench";
import { median } from "./median";
import { postgresBench, printPostgresTable } from "./postgres-bench";
import { tablesBench } from "./read-tables-bench";
import { pgTablesBench } from "./read-tables-pg-bench";
import { scaleBench } from "./scale-bench";

export interface Result {
  readonly workload: string;
  readonly variant: string;
  readonly phase: string;
  readonly eventsPerSec: number;
  /** Extra figures the scale workload records. */
  readonly events?: number;
  readonly seconds?: number;
  readonly peakRssMb?: number;
  /** Rebuild and verify: events/s over the floor's in the same run. */
  readonly ratioToFloor?: number;
  /** The audit workload's rebuild with link checks: events/s over the unchecked rebuild's. */
  readonly ratioToUnchecked?: number;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

interface TablesRow {
  readonly workload: string;
  readonly variant: string;
  readonly phase: string;
  readonly milliseconds?: number;
  readonly eventsPerSec?: number;
  readonly ratio?: number;
  readonly peakRssMb?: number;
}
const results: Result[] = [];

const KERNEL_VARIANT = join(dirname(fileURLToPath(import.meta.url)), "kernel-variant.ts");

/** Each variant in its own process, variants interleaved round by round; medians kept. */
const kernel = async () => {
  const times: Record<string, { command: number[]; foldBack: number[]; chain: number[] }> = {};
  for (let round = 0; round < rounds; round++) {
    for (const name of Object.keys(kernelVariants)) {
      const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", KERNEL_VARIANT, name], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      const t = JSON.parse(out.trim().split("\n").at(-1)!) as {
        command: number;
        foldBack: number;
        chain?: number;
      };
      times[name] ??= { command: [], foldBack: [], chain: [] };
      times[name].command.push(t.command);
      times[name].foldBack.push(t.foldBack);
      if (t.chain !== undefined) times[name].chain.push(t.chain);
    }
  }
  for (const [variant, t] of Object.entries(times)) {
    results.push({
      workload: "kernel-100k-commands",
      variant,
      phase: "command",
      eventsPerSec: Math.round(KERNEL_EVENTS / median(t.command)),
    });
    results.push({
      workload: "kernel-100k-commands",
      variant,
      phase: "fold-back",
      eventsPerSec: Math.round(KERNEL_EVENTS / median(t.foldBack)),
    });
    if (t.chain.length > 0)
      results.push({
        workload: "kernel-100k-commands",
        variant,
        phase: "chain alone",
        eventsPerSec: Math.round(KERNEL_EVENTS / median(t.chain)),
      });
  }
};

const print = () => {
  const table = new Table({ head: ["workload", "variant", "phase", "events/s", "× safety-ledger"] });
  for (const r of results.filter((r) => r.workload.startsWith("kernel"))) {
    const ours = results.find(
      (o) => o.workload === r.workload && o.phase === r.phase && o.variant === "safety-ledger",
    );
    table.push([
      r.workload,
      r.variant,
      r.phase,
      r.eventsPerSec.toLocaleString("en"),
      ours === undefined ? "" : (ours.eventsPerSec / r.eventsPerSec).toFixed(2),
    ]);
  }
  console.log(table.toString());
  console.log(
    "The last column is safety-ledger's rate divided by the row's: above 1, safety-ledger is faster.",
  );
};

const printScale = () => {
  const table = new Table({ head: ["workload", "store", "phase", "events/s", "× floor", "peak RSS MB"] });
  for (const r of results.filter((r) => r.workload.startsWith("scale")))
    table.push([
      r.workload,
      r.variant,
      r.phase,
      r.eventsPerSec.toLocaleString("en"),
      r.ratioToFloor === undefined ? "" : String(r.ratioToFloor),
      r.peakRssMb === undefined ? "" : String(r.peakRssMb),
    ]);
  console.log(table.toString());
  console.log(
    "× floor: rebuild over select + JSON.parse, verify over select + SHA-256 of the canonical bytes.",
  );
};

const printAudit = () => {
  const table = new Table({ head: ["workload", "store", "phase", "events/s", "× unchecked", "peak RSS MB"] });
  for (const r of results.filter((r) => r.workload.startsWith("audit")))
    table.push([
      r.workload,
      r.variant,
      r.phase,
      r.eventsPerSec.toLocaleString("en"),
      r.ratioToUnchecked === undefined ? "" : String(r.ratioToUnchecked),
      r.peakRssMb === undefined ? "" : String(r.peakRssMb),
    ]);
  console.log(table.toString());
  console.log("× unchecked: the rebuild that checks every link over the same rebuild without the check.");
};

const only = (process.env.BENCH_ONLY ?? "kernel,esdb,scale,audit,postgres").split(",");
if (only.includes("kernel")) {
  await kernel();
  print();
}
if (only.includes("esdb")) {
  const esdb = await esdbBench(rounds);
  printEsdbTable(esdb);
  results.push(...esdb);
}
if (only.includes("postgres")) {
  const postgres = await postgresBench(rounds);
  printPostgresTable(postgres);
  results.push(...postgres);
}
if (only.includes("scale")) {
  results.push(...(await scaleBench()));
  printScale();
}
if (only.includes("audit")) {
  results.push(...(await auditBench()));
  printAudit();
}
/** The read tables' rows (SQLite's or PostgreSQL's workload): milliseconds, rates and ratios. */
const printTables = (rows: ReadonlyArray<TablesRow>) => {
  const table = new Table({ head: ["workload", "store", "phase", "ms", "events/s", "ratio", "peak RSS MB"] });
  for (const r of rows)
    table.push([
      r.workload,
      r.variant,
      r.phase,
      r.milliseconds === undefined || r.milliseconds === 0 ? "" : String(r.milliseconds),
      !r.eventsPerSec ? "" : r.eventsPerSec.toLocaleString("en"),
      r.ratio === undefined ? "" : String(r.ratio),
      r.peakRssMb === undefined ? "" : String(r.peakRssMb),
    ]);
  console.log(table.toString());
  console.log(
    "ratio: reads, the replay's median over the tables' (× faster); rebuild, the tables' rate over the replay's.",
  );
};
if (only.includes("tables")) {
  const tables = await tablesBench();
  printTables(tables);
  results.push(...(tables as never[]));
}
// PostgreSQL's read tables (BENCH_ONLY=tables-pg): a server of its own, fsync on
if (only.includes("tables-pg")) {
  const tables = await pgTablesBench();
  printTables(tables);
  results.push(...(tables as never[]));
}
const out = join(dirname(fileURLToPath(import.meta.url)), "results", "latest.json");
mkdirSync(dirname(out), { recursive: true });
// A partial run (BENCH_ONLY, BENCH_SCALE_STORES) replaces only the rows it measured.
const rowKey = (r: Result) => `${r.workload}|${r.variant}|${r.phase}`;
const measured = new Set(results.map(rowKey));
const kept = existsSync(out)
  ? (JSON.parse(readFileSync(out, "utf8")) as Result[]).filter((r) => !measured.has(rowKey(r)))
  : [];
writeFileSync(out, `${JSON.stringify([...kept, ...results], null, 2)}\n`);
console.log(`wrote ${out}`);
