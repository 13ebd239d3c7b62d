/**
 * The audit benchmark (issue 13): on a SQLite history of BENCH_EVENTS events (default
 * 1,000,000) sealed BENCH_SEALS times (default 4; each seal lists every stream's head), each in
 * a child process of its own, BENCH_AUDIT_ROUNDS times in turn (default 3), medians kept:
 *
 * - `audit verify` as the CLI runs it (chains, every seal at its position, every event
 *   decoded): its peak RSS must stay under 512 MB whatever the number of seals;
 * - verification of the chains alone, for comparison;
 * - the rebuild of every projection with the link check every read now does, and without it:
 *   the cost of the check (a hash per event).
 *
 * Run alone: `pnpm build && node --import tsx bench/audit-bench.ts` (BENCH_EVENTS=100000 for a
 * quick run). BENCH_AUDIT_DB=path keeps the sealed history there, and a later run with the same
 * path measures it again without generating it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sealLedger } from "@safety-ledger/core";
import { createSqliteStore } from "@safety-ledger/sqlite";
import * as E from "fp-ts/lib/Either.js";
import { generateHistory } from "./generate";
import { median } from "./median";

export interface AuditResult {
  readonly workload: string;
  readonly variant: string;
  readonly phase: string;
  readonly eventsPerSec: number;
  readonly events: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  /** Rebuild with link checks: its events/s over the unchecked rebuild's. */
  readonly ratioToUnchecked?: number;
}

interface PhaseRun {
  readonly events: number;
  readonly seconds: number;
  readonly peakRssMb: number;
}

const PHASES = fileURLToPath(new URL("./scale-phases.ts", import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);
const child = (phase: string, spec: string): PhaseRun => {
  const out = execFileSync(process.execPath, ["--import", "tsx", PHASES, phase, spec], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as PhaseRun;
};

const PHASE_NAMES = {
  "verify-ledger": "audit verify (chains, seals, decode)",
  verify: "verify chains alone",
  rebuild: "rebuild (links checked)",
  "rebuild-unchecked": "rebuild (links unchecked)",
} as const;

const label = (n: number) => (n % 1_000_000 === 0 ? `${n / 1_000_000}M` : `${Math.round(n / 1000)}k`);

/** A generated history in a new SQLite file, sealed `seals` times (every seal lists every head). */
const generateAndSeal = async (path: string, events: number, seals: number) => {
  const store = createSqliteStore({ path });
  try {
    log(`generating and importing ${events.toLocaleString("en")} events, then ${seals} seals`);
    await generateHistory(store, { events });
    for (let i = 0; i < seals; i++) {
      const sealed = await sealLedger(store, {
        actor: { unit: "GY-EMB", role: "office", person: "Bench Auditor" },
        occurredAt: "2023-01-01T00:00:00+08:00",
      });
      if (E.isLeft(sealed)) throw new Error(sealed.left.message);
      log(
        `  seal ${i}: ${sealed.right.streams.toLocaleString("en")} heads at position ${sealed.right.position}`,
      );
    }
  } finally {
    await store.close();
  }
};

export const auditBench = async (): Promise<AuditResult[]> => {
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const seals = Number(process.env.BENCH_SEALS ?? 4);
  const rounds = Number(process.env.BENCH_AUDIT_ROUNDS ?? 3);
  const kept = process.env.BENCH_AUDIT_DB;
  const dir = kept === undefined ? mkdtempSync(join(tmpdir(), "safety-ledger-audit-")) : undefined;
  const path = kept ?? join(dir!, "ledger.db");
  const workload = `audit-${label(events)}-events`;
  const variant = `sqlite, ${seals} seals`;
  try {
    if (!existsSync(path)) await generateAndSeal(path, events, seals);
    const runs: Record<string, PhaseRun[]> = {};
    for (let round = 0; round < rounds; round++)
      for (const phase of Object.keys(PHASE_NAMES)) {
        const r = child(phase, `sqlite:${path}`);
        log(`  ${phase}: ${r.events} events in ${r.seconds.toFixed(2)} s, peak ${r.peakRssMb} MB`);
        runs[phase] = [...(runs[phase] ?? []), r];
      }
    const rate = (phase: string) =>
      Math.round(runs[phase]![0]!.events / median(runs[phase]!.map((r) => r.seconds)));
    return Object.entries(PHASE_NAMES).map(([phase, name]) => ({
      workload,
      variant,
      phase: name,
      eventsPerSec: rate(phase),
      events: runs[phase]![0]!.events,
      seconds: Number(median(runs[phase]!.map((r) => r.seconds)).toFixed(3)),
      peakRssMb: Math.max(...runs[phase]!.map((r) => r.peakRssMb)),
      ...(phase === "rebuild"
        ? { ratioToUnchecked: Number((rate("rebuild") / rate("rebuild-unchecked")).toFixed(2)) }
        : {}),
    }));
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
};

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ""));
if (isMain) console.log(JSON.stringify(await auditBench(), null, 2));
