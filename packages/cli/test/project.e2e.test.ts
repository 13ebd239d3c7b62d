/**
 * End-to-end: `project` brings the read tables up to date; `project --follow` keeps them current
 * while another process appends, until it is interrupted.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { SQLITE_READ_TABLES_VERSION } from "@safety-ledger/sqlite";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, CLI_ENV, cli, countEvents, fixture, requireBuild, tempDir } from "./helpers";

let temp: ReturnType<typeof tempDir>;
let db: string;
const AS = ["--as", "GY-EMB/office/Wang Office"];

beforeAll(async () => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "follow.db");
  const setup = await cli(["submit", fixture("setup.jsonl")], db);
  expect(setup.code, setup.stderr).toBe(0);
});
afterAll(() => temp?.remove());

/** The position the read tables' checkpoint is at, read straight from the file. */
const checkpoint = (): number | undefined => {
  const conn = new Database(db, { readonly: true });
  try {
    const row = conn
      .prepare("SELECT position FROM checkpoints WHERE name = ?")
      .get(`read-tables-v${SQLITE_READ_TABLES_VERSION}`) as { position: number } | undefined;
    return row?.position;
  } finally {
    conn.close();
  }
};

const until = async (done: () => boolean, what: string) => {
  for (let i = 0; i < 300 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!done()) throw new Error(`gave up waiting: ${what}`);
};

describe("project", () => {
  it("catches the tables up once and says where they are", async () => {
    const run = await cli(["project"], db);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Read tables at position ${countEvents(db)}: 3 events applied`);
    expect(checkpoint()).toBe(countEvents(db));
  });

  it("--follow applies what another process appends, and stops on SIGTERM", async () => {
    const follower = spawn(process.execPath, [BIN, "--store", `sqlite:${db}`, "project", "--follow"], {
      env: CLI_ENV,
    });
    let stdout = "";
    follower.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => follower.on("exit", (code) => resolve(code)));
    try {
      const before = countEvents(db);
      const imported = await cli(["import", "entities", fixture("entities.csv"), ...AS], db);
      expect(imported.code, imported.stderr).toBe(0);
      const after = countEvents(db);
      expect(after).toBeGreaterThan(before);
      await until(() => checkpoint() === after, "the follower's tables to reach the last event");
      await until(() => stdout.includes(`Read tables at position ${after}:`), "the follower to report it");
      const list = await cli(["list", "entities", "--json"], db);
      const replayed = await cli(["--replay", "list", "entities", "--json"], db);
      expect((JSON.parse(list.stdout) as { count: number }).count).toBeGreaterThan(0);
      expect(list.stdout).toBe(replayed.stdout);
    } finally {
      follower.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("is a usage error on a store without read tables", async () => {
    const run = await cli(["--replay", "project"], db);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("project keeps the read tables of a SQLite or PostgreSQL ledger");
  });
});
