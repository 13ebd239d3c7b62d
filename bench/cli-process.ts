/**
 * Issue 16's whole-process figures: the built command line (`packages/cli/dist/bin.js`, so
 * `pnpm build` first; `pnpm bench` does) run as a child process on a SQLite ledger whose read
 * tables are built, each read through the tables and through `--replay` in the same run, beside
 * Node's own start-up (`node -e ""`) and the command line's (`--version`: Node and the CLI's
 * modules, no store opened). Medians of `rounds` runs each (the replays BENCH_CLI_REPLAY_ROUNDS,
 * default 1: a replay of a million events takes seconds).
 *
 *   node --import tsx bench/cli-process.ts <ledger with built tables> [rounds, default 5]
 *
 * With a third argument, a history holding the ledger's events and more (the ledger then a
 * prefix of it, as the read-tables benchmarks build them), also `list overdue` in `rounds`
 * processes each started after the next 1,000 events of the history were appended by another
 * connection, so each catches them up first: on a copy of the ledger, left as it was.
 *
 *   node --import tsx bench/cli-process.ts <ledger with built tables> [rounds] [history]
 *
 * Also run by the read-tables benchmark (`BENCH_ONLY=tables`) on the file it built.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSqliteStore } from "@safety-ledger/sqlite";
import { median } from "./median";
import type { TablesResult } from "./read-tables-bench";
import { appenderOf, Database } from "./sqlite-history";

const BIN = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url));
const ASOF = "2021-06-30";
const NEW_EVENTS = 1_000;

/** A row of the read-tables benchmark's workload `cli-<events>`. */
const rowOf =
  (events: number) =>
  (phase: string, ms: number, ratio?: number): TablesResult => ({
    workload: `cli-${events}`,
    variant: "sqlite",
    phase,
    eventsPerSec: 0,
    events,
    seconds: Math.round(ms) / 1000,
    milliseconds: Math.round(ms * 10) / 10,
    ...(ratio === undefined ? {} : { ratio }),
  });

/** Wall time of one child process, in ms; a failed run throws with its stderr. */
const timed = (args: ReadonlyArray<string>): number => {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return ms;
};

const medianOf = (rounds: number, args: ReadonlyArray<string>): number =>
  median(Array.from({ length: rounds }, () => timed(args)));

/** The rows, on `path` (its tables built and caught up: the reads time no catch-up of note). */
export const cliProcessRows = async (
  path: string,
  events: number,
  rounds: number,
  replayRounds = Number(process.env.BENCH_CLI_REPLAY_ROUNDS ?? 1),
): Promise<TablesResult[]> => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run pnpm build first`);
  const store = createSqliteStore({ path, create: false });
  await store.readTables.catchUp();
  const entity = [...(await store.readTables.states("entities", { asOf: ASOF })).keys()][0]!;
  await store.close();
  const row = rowOf(events);
  const cli = (...args: string[]) => [BIN, "--store", `sqlite:${path}`, ...args];
  const rows = [
    row('node -e ""', medianOf(rounds, ["-e", ""])),
    row("safety-ledger --version", medianOf(rounds, [BIN, "--version"])),
  ];
  const reads: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
    [`list overdue --as-of ${ASOF}`, ["list", "overdue", "--as-of", ASOF]],
    [`supervision <entity> --as-of ${ASOF}`, ["supervision", entity, "--as-of", ASOF]],
    [
      "stats accidents --compare previous-year",
      ["stats", "accidents", "--from", "2021-01-01", "--to", "2021-11-30", "--compare", "previous-year"],
    ],
    [`board --as-of ${ASOF}`, ["board", "--as-of", ASOF]],
  ];
  for (const [name, args] of reads) {
    const tables = medianOf(rounds, cli(...args));
    const replay = medianOf(replayRounds, cli("--replay", ...args));
    rows.push(row(`${name} (tables)`, tables, Math.round((replay / tables) * 10) / 10));
    rows.push(row(`${name} (replay)`, replay));
  }
  return rows;
};

/**
 * `list overdue` in `rounds` processes, each after the next 1,000 events of `history` were
 * appended to a copy of `path` by another connection (so each process catches them up first).
 */
export const cliAfterNewEvents = (
  path: string,
  events: number,
  rounds: number,
  history: string,
): TablesResult => {
  const dir = mkdtempSync(join(tmpdir(), "cli-process-"));
  try {
    const copy = join(dir, "ledger.db");
    copyFileSync(path, copy);
    const db = new Database(copy);
    const append = appenderOf(db, history);
    const { last } = db.prepare("SELECT max(global_position) AS last FROM events").get() as { last: number };
    const ms: number[] = [];
    for (let i = 0; i < rounds; i++) {
      append(last + i * NEW_EVENTS, NEW_EVENTS);
      ms.push(timed([BIN, "--store", `sqlite:${copy}`, "list", "overdue", "--as-of", ASOF]));
    }
    db.close();
    return rowOf(events)(
      `list overdue --as-of ${ASOF} after ${NEW_EVENTS.toLocaleString("en")} new events (tables, caught up first)`,
      median(ms),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, roundsArg, history] = process.argv.slice(2);
  if (path === undefined)
    throw new Error("usage: cli-process.ts <ledger with built tables> [rounds] [history]");
  const count = new Database(path, { readonly: true });
  const { n } = count.prepare("SELECT count(*) AS n FROM events").get() as { n: number };
  count.close();
  const rounds = Number(roundsArg ?? 5);
  const rows = await cliProcessRows(path, n, rounds);
  if (history !== undefined) rows.push(cliAfterNewEvents(path, n, rounds, history));
  for (const r of rows) console.log(JSON.stringify(r));
  console.table(rows.map((r) => ({ phase: r.phase, ms: r.milliseconds, ratio: r.ratio ?? "" })));
}
