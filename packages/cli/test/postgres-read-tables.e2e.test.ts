/**
 * End-to-end on PostgreSQL: with `--store postgres://…` the read commands answer from the read
 * tables in the ledger's database, and print exactly what the replay (`--replay`, the reference)
 * prints, as of and as known at several dates; `rebuild` rebuilds the tables and reports what
 * the replay reports; `project` catches them up and `project --follow` keeps them current while
 * another process appends.
 */
import { execFile, spawn } from "node:child_process";
import { POSTGRES_READ_TABLES_VERSION } from "@safety-ledger/postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, postgresServers, runSql } from "../../postgres/test/databases";
import { BIN, CLI_ENV, fixture, json, type Run, requireBuild } from "./helpers";

const AS = ["--as", "GY-EMB/office/Wang Office"];

const cli = (store: string, args: ReadonlyArray<string>): Promise<Run> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, "--store", store, ...args],
      { env: CLI_ENV, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : 1,
          stdout,
          stderr,
        }),
    );
    child.stdin?.end();
  });

const count = async (url: string, sql: string): Promise<number> =>
  Number((await runSql<{ n: string }>(url, sql))[0]!.n);

const countEvents = (url: string) => count(url, "SELECT count(*) AS n FROM events");

/** How many state versions the read tables hold (0 when they were never built). */
const versions = async (url: string): Promise<number> =>
  (await count(
    url,
    `SELECT count(*) AS n FROM pg_class WHERE relname = 'read_versions_v${POSTGRES_READ_TABLES_VERSION}'`,
  )) === 0
    ? 0
    : count(url, `SELECT count(*) AS n FROM read_versions_v${POSTGRES_READ_TABLES_VERSION}`);

const checkpoint = async (url: string): Promise<number | undefined> => {
  const rows = await runSql<{ position: string }>(
    url,
    `SELECT position::text AS position FROM checkpoints WHERE name = 'read-tables-v${POSTGRES_READ_TABLES_VERSION}'`,
  );
  return rows[0] === undefined ? undefined : Number(rows[0].position);
};

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

for (const server of postgresServers()) {
  describe(`read tables through the CLI on PostgreSQL (${server.name})`, () => {
    let url: string;
    beforeAll(async () => {
      requireBuild();
      url = await freshDatabase(server, "cli_tables");
      const demo = await cli(url, ["--replay", "demo", "--json"]);
      expect(demo.code, demo.stderr).toBe(0);
    });

    /** The same command from the tables and from the replay: same exit code, same output. */
    const same = async (args: ReadonlyArray<string>) => {
      const tables = await cli(url, args);
      const replay = await cli(url, ["--replay", ...args]);
      expect(tables.stderr).toBe(replay.stderr);
      expect(tables.code, tables.stderr).toBe(replay.code);
      expect(tables.stdout).toBe(replay.stdout);
      return tables;
    };

    it("--replay leaves the tables unbuilt; the first read builds them", async () => {
      expect(await versions(url)).toBe(0);
      const run = await cli(url, ["board", "--as-of", "2020-12-31", "--json"]);
      expect(run.code, run.stderr).toBe(0);
      expect(await versions(url)).toBeGreaterThan(0);
      expect(await checkpoint(url)).toBe(await countEvents(url));
    });

    it("list, board, supervision and stats print what the replay prints, as of several dates", async () => {
      for (const kind of ["tasks", "entities", "risks", "hazards", "accidents", "overdue"])
        await same(["list", kind, "--as-of", "2020-12-31", "--json"]);
      for (const asOf of ["2020-06-30", "2021-06-30"]) {
        await same(["list", "overdue", "--as-of", asOf]);
        await same(["list", "hazards", "--as-of", asOf]);
        await same(["board", "--as-of", asOf]);
      }
      const entities = json<{ rows: Array<{ entityId: string }> }>(
        await same(["list", "entities", "--as-of", "2020-12-31", "--json"]),
      ).rows;
      expect(entities.length).toBeGreaterThan(1);
      await same(["supervision", entities[0]!.entityId, "--as-of", "2020-12-31", "--json"]);
      await same(["supervision", entities[1]!.entityId, "--as-of", "2021-06-30"]);
      const stats = await same([
        "stats",
        "accidents",
        "--from",
        "2020-01-01",
        "--to",
        "2020-11-30",
        "--compare",
        "previous-year",
        "--json",
      ]);
      expect(json(stats)).toMatchObject({ current: { accidents: 31, deaths: 30 } });
    }, 240_000);

    it("--known-at answers from the tables as the replay of the view does", async () => {
      for (const knownAt of ["2020-01-01", "2020-09-30", today]) {
        await same(["--known-at", knownAt, "board", "--as-of", "2020-12-31", "--json"]);
        await same(["--known-at", knownAt, "list", "hazards", "--as-of", "2020-12-31", "--json"]);
      }
      await same(["--known-at", today, "stats", "accidents", "--from", "2020-01-01", "--to", "2020-11-30"]);
    }, 240_000);

    it("rebuild rebuilds the tables and reports what the replay reports", async () => {
      const tables = await cli(url, ["rebuild", "--json"]);
      const replay = await cli(url, ["--replay", "rebuild", "--json"]);
      expect(tables.code, tables.stderr).toBe(0);
      const { milliseconds: _a, ...fromTables } = json(tables);
      const { milliseconds: _b, ...replayed } = json(replay);
      expect(fromTables).toEqual(replayed);
      expect(fromTables).toMatchObject({ events: await countEvents(url), campaign: { tasks: 291 } });
      const text = await cli(url, ["rebuild"]);
      expect(text.stdout).toMatch(/^Rebuilt the read tables from \d+ events/);
    });

    it("project catches up; project --follow applies what another process appends, and stops on SIGTERM", async () => {
      const once = await cli(url, ["project"]);
      expect(once.code, once.stderr).toBe(0);
      const before = await countEvents(url);
      expect(once.stdout).toContain(`Read tables at position ${before}: 0 events applied`);
      const follower = spawn(process.execPath, [BIN, "--store", url, "project", "--follow"], {
        env: CLI_ENV,
      });
      let stdout = "";
      follower.stdout.on("data", (chunk) => {
        stdout += String(chunk);
      });
      const exited = new Promise<number | null>((resolve) => follower.on("exit", (code) => resolve(code)));
      try {
        const imported = await cli(url, ["import", "entities", fixture("entities.csv"), ...AS]);
        expect(imported.code, imported.stderr).toBe(0);
        const after = await countEvents(url);
        expect(after).toBeGreaterThan(before);
        for (let i = 0; i < 300 && !stdout.includes(`Read tables at position ${after}:`); i++)
          await new Promise((r) => setTimeout(r, 100));
        expect(stdout).toContain(`Read tables at position ${after}:`);
        expect(await checkpoint(url)).toBe(after);
        // the follower's tables are current: a BI tool's view, and the next read, find the new rows
        const [row] = await runSql<{ n: string }>(url, "SELECT count(*) AS n FROM list_entities");
        const list = await same(["list", "entities", "--json"]);
        expect(json<{ count: number }>(list).count).toBe(Number(row!.n));
      } finally {
        follower.kill("SIGTERM");
      }
      expect(await exited).toBe(0);
    }, 120_000);

    it("project with --replay is a usage error", async () => {
      const run = await cli(url, ["--replay", "project"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("project keeps the read tables of a SQLite or PostgreSQL ledger");
    });
  });
}
