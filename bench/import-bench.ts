/**
 * Issue 13's import benchmark: a generated entities CSV (BENCH_IMPORT_ROWS, default 100,000
 * rows; two commands each, so twice as many events) imported through the built CLI in a child
 * process, whose peak RSS it reports (`process.resourceUsage().maxRSS`, printed by the child at
 * exit). Then the same import into a fresh file while another writer submits one command at a
 * time through the CLI for as long as the import runs: every submit must succeed; the longest
 * shows how long a writer waited for the import's write phase.
 *
 * Run: `pnpm build && node --import tsx bench/import-bench.ts` (BENCH_IMPORT_ROWS=10000 for a
 * quick run). It prints one JSON line; docs/benchmarks.md records the figures.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url));
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const AS = ["--as", "GY-EMB/office/Bench"];
/** Loaded into the child before the CLI: prints its peak RSS (kB) to stderr as it exits. */
const REPORT_MAX_RSS = `data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss-kb "+process.resourceUsage().maxRSS+"\\n"))`;

const SECTORS = ["hazardous-chemicals", "road-transport", "machinery", "coal-mine"];
const DISTRICTS = ["lizhou", "zhaohua", "chaotian", "cangxi"];

const writeCsv = (path: string, rows: number): void => {
  const lines = [
    "entityId,name,sector,district,supervisingDepartment,principal,principalPhone,safetyManager,safetyManagerPhone,address,creditCode,active,registeredOn",
  ];
  for (let i = 0; i < rows; i++)
    lines.push(
      `E-B${String(i).padStart(7, "0")},广元 Bench Works ${i} Ltd,${SECTORS[i % 4]},${DISTRICTS[(i >> 2) % 4]},GY-EMB,Li Ming,1380000${String(i % 10_000).padStart(4, "0")},Zhao Lei,,No. ${i} Shengli Road,,yes,2020-07-01`,
    );
  writeFileSync(path, `${lines.join("\n")}\n`);
};

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly maxRssMb: number | undefined;
}

const run = (args: ReadonlyArray<string>, input?: string): Promise<Run> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", REPORT_MAX_RSS, BIN, ...args], {
      env: { ...process.env, SAFETY_LEDGER_STORE: "", NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
    });
    child.stdin.end(input ?? "");
    child.on("error", reject);
    child.on("close", (code) => {
      const kb = /maxrss-kb (\d+)/.exec(stderr)?.[1];
      resolve({
        code,
        stdout,
        stderr,
        seconds: (performance.now() - started) / 1000,
        maxRssMb: kb === undefined ? undefined : Math.round(Number(kb) / 1024),
      });
    });
  });

const registerLine = (n: number): string =>
  `${JSON.stringify({
    type: "RegisterEntity",
    commandId: `bench-writer-${n}`,
    actor: { unit: "GY-EMB", role: "office", person: "Writer" },
    occurredAt: "2020-07-01T09:00:00+08:00",
    data: {
      entityId: `W-${n}`,
      name: `Writer Works ${n}`,
      sector: "machinery",
      district: "lizhou",
      supervisingDepartment: "GY-EMB",
      principal: { name: "Wu Gang" },
      safetyManager: { name: "Ma Li" },
    },
  })}\n`;

const dir = mkdtempSync(join(tmpdir(), "safety-ledger-import-bench-"));
try {
  const csv = join(dir, "entities.csv");
  writeCsv(csv, ROWS);

  // 1. The import alone.
  const alone = await run([
    "--store",
    `sqlite:${join(dir, "alone.db")}`,
    "import",
    "entities",
    csv,
    ...AS,
    "--json",
  ]);
  if (alone.code !== 0) throw new Error(`import failed: ${alone.stderr}`);

  // 2. The import with another writer submitting, one CLI process per command, all along.
  const shared = `sqlite:${join(dir, "shared.db")}`;
  const seed = await run(["--store", shared, "submit", "-"], registerLine(0));
  if (seed.code !== 0) throw new Error(`seeding failed: ${seed.stderr}`);
  let importing = true;
  const importRun = run(["--store", shared, "import", "entities", csv, ...AS, "--json"]).finally(() => {
    importing = false;
  });
  const submits: Run[] = [];
  for (let n = 1; importing; n++)
    submits.push(await run(["--store", shared, "submit", "-", "--json"], registerLine(n)));
  const withWriter = await importRun;
  if (withWriter.code !== 0) throw new Error(`import beside a writer failed: ${withWriter.stderr}`);
  const failed = submits.filter((s) => s.code !== 0);

  console.log(
    JSON.stringify({
      rows: ROWS,
      events: JSON.parse(alone.stdout).appended,
      import: { seconds: Number(alone.seconds.toFixed(1)), peakRssMb: alone.maxRssMb },
      importBesideWriter: { seconds: Number(withWriter.seconds.toFixed(1)), peakRssMb: withWriter.maxRssMb },
      writer: {
        submits: submits.length,
        failed: failed.length,
        firstFailure: failed[0]?.stdout.trim() || failed[0]?.stderr.trim(),
        longestSeconds: Number(Math.max(...submits.map((s) => s.seconds)).toFixed(2)),
        medianSeconds: Number(
          [...submits.map((s) => s.seconds)]
            .sort((a, b) => a - b)
            [Math.floor(submits.length / 2)]!.toFixed(2),
        ),
      },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
