/** Spawning the built `safety-ledger` binary against temporary SQLite files. */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

/**
 * The environment the CLI runs in under test: no store from the caller's shell, no colours, and
 * an English locale (the CLI speaks Chinese by default; tests that want it pass --lang zh).
 */
export const CLI_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  SAFETY_LEDGER_STORE: "",
  NO_COLOR: "1",
  LC_ALL: "",
  LC_MESSAGES: "",
  LANG: "en_US.UTF-8",
};

export const BIN = join(__dirname, "..", "dist", "bin.js");
export const FIXTURES = join(__dirname, "fixtures");
export const fixture = (name: string) => join(FIXTURES, name);

/** The published comparison: accidents of January to November 2020 against the same months of 2019. */
export const JAN_NOV_2020_STATS = [
  "stats",
  "accidents",
  "--from",
  "2020-01-01",
  "--to",
  "2020-11-30",
  "--compare",
  "previous-year",
  "--json",
] as const;

/** Fails with a clear message when the CLI has not been built. */
export const requireBuild = (): void => {
  if (!existsSync(BIN))
    throw new Error(
      `${BIN} is missing: run \`pnpm build\` (or \`pnpm --filter @safety-ledger/cli build\`) first`,
    );
};

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run the binary with these arguments (and `--store sqlite:DB` first when a db is given), in an
 * English locale unless `env` says otherwise (the CLI speaks Chinese by default).
 */
export const cli = (
  args: ReadonlyArray<string>,
  db?: string,
  input?: string,
  env: Readonly<Record<string, string>> = {},
): Promise<Run> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...(db === undefined ? [] : ["--store", `sqlite:${db}`]), ...args],
      {
        env: { ...CLI_ENV, ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : 1,
          stdout,
          stderr,
        }),
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });

/** A temporary directory, removed by the returned function. */
export const tempDir = (): { dir: string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), "safety-ledger-cli-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/** How many events the SQLite file holds (read directly, not through the CLI). */
export const countEvents = (db: string): number => {
  if (!existsSync(db)) return 0;
  const conn = new Database(db, { readonly: true });
  try {
    return (conn.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
  } finally {
    conn.close();
  }
};

/** Run SQL on the file directly, as a database administrator could. */
export const sql = (db: string, statement: string, ...params: unknown[]): void => {
  const conn = new Database(db);
  try {
    conn.prepare(statement).run(...params);
  } finally {
    conn.close();
  }
};

export const json = <T = Record<string, unknown>>(run: Run): T => {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
};

/**
 * The arguments of `privacy erase SUBJECT` after a supervision file's retention (two approving
 * units, an appraisal), on 2 January 2031 unless told: a registration of 2020 may then be erased.
 */
export const eraseArgs = (
  subject: string,
  {
    legalBasis = "PIPL art. 47(1)(2); retention schedule item 12",
    appraisal = "GY-ARCH-2031-007",
    on = "2031-01-02T09:00:00+08:00",
  }: { legalBasis?: string; appraisal?: string; on?: string } = {},
) => [
  "privacy",
  "erase",
  subject,
  "--legal-basis",
  legalBasis,
  "--appraisal",
  appraisal,
  "--approved-by",
  "GY-ARCHIVES",
  "--approved-by",
  "GY-EMB",
  "--as",
  "GY-SAFETY-OFFICE/office/Chen Jie",
  "--on",
  on,
];
