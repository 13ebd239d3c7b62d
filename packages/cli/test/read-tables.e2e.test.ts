/**
 * End-to-end: on SQLite the read commands answer from the read tables, and print exactly what
 * the replay (`--replay`, the reference) prints, as of and as known at several dates; `rebuild`
 * rebuilds the tables and reports what the replay reports.
 */
import { chmodSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SQLITE_READ_TABLES_VERSION } from "@safety-ledger/sqlite";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, json, requireBuild, tempDir } from "./helpers";

let temp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(async () => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "guangyuan.db");
  const demo = await cli(["--replay", "demo", "--json"], db);
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(() => temp?.remove());

/** How many state versions the read tables hold (0 when they were never built). */
const versions = (): number => {
  const conn = new Database(db, { readonly: true });
  try {
    const table = conn
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(`read_versions_v${SQLITE_READ_TABLES_VERSION}`);
    return table === undefined
      ? 0
      : (
          conn.prepare(`SELECT count(*) AS n FROM read_versions_v${SQLITE_READ_TABLES_VERSION}`).get() as {
            n: number;
          }
        ).n;
  } finally {
    conn.close();
  }
};

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The same command from the tables and from the replay: same exit code, same output. */
const same = async (args: ReadonlyArray<string>) => {
  const [tables, replay] = [await cli(args, db), await cli(["--replay", ...args], db)];
  expect(tables.stderr).toBe(replay.stderr);
  expect(tables.code, tables.stderr).toBe(replay.code);
  expect(tables.stdout).toBe(replay.stdout);
  return tables;
};

describe("read tables through the CLI", () => {
  it("--replay leaves the tables unbuilt; the first read builds them", async () => {
    expect(versions()).toBe(0);
    const run = await cli(["board", "--as-of", "2020-12-31", "--json"], db);
    expect(run.code, run.stderr).toBe(0);
    expect(versions()).toBeGreaterThan(0);
    expect(versions()).toBeLessThanOrEqual(countEvents(db));
  });

  it("list, board, supervision and stats print what the replay prints, as of several dates", async () => {
    for (const kind of ["tasks", "entities", "risks", "hazards", "accidents"])
      await same(["list", kind, "--as-of", "2020-12-31", "--json"]);
    for (const asOf of ["2020-06-30", "2021-06-30"]) {
      await same(["list", "overdue", "--as-of", asOf]);
      await same(["list", "hazards", "--as-of", asOf, "--json"]);
      await same(["board", "--as-of", asOf]);
    }
    const entities = json<{ rows: Array<{ entityId: string }> }>(
      await same(["list", "entities", "--as-of", "2020-12-31", "--json"]),
    ).rows;
    expect(entities.length).toBeGreaterThan(0);
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
  }, 180_000);

  it("--known-at answers from the tables as the replay of the view does", async () => {
    for (const knownAt of ["2020-01-01", today]) {
      await same(["--known-at", knownAt, "board", "--as-of", "2020-12-31", "--json"]);
      await same(["--known-at", knownAt, "list", "hazards", "--as-of", "2020-12-31", "--json"]);
    }
    await same([
      "--known-at",
      today,
      "stats",
      "accidents",
      "--from",
      "2020-01-01",
      "--to",
      "2020-11-30",
      "--json",
    ]);
  }, 180_000);

  it("rebuild rebuilds the tables and reports what the replay reports", async () => {
    const tables = await cli(["rebuild", "--json"], db);
    const replay = await cli(["--replay", "rebuild", "--json"], db);
    expect(tables.code, tables.stderr).toBe(0);
    const { milliseconds: _a, ...fromTables } = json(tables);
    const { milliseconds: _b, ...replayed } = json(replay);
    expect(fromTables).toEqual(replayed);
    expect(fromTables).toMatchObject({ events: countEvents(db), campaign: { tasks: 291 } });
    expect(versions()).toBeGreaterThan(0);
    const text = await cli(["rebuild"], db);
    expect(text.stdout).toMatch(/^Rebuilt the read tables from \d+ events/);
  });
  it("on a file it may not write, a read answers from the tables when they are caught up, else replays with a note", async () => {
    const file = join(temp.dir, "read-only.db");
    expect((await cli(["--replay", "demo", "--json"], file)).code).toBe(0);
    // write-protected (as root, which writes any file, the file opened read-only instead)
    const readOnly = () => {
      if (process.getuid?.() === 0) return `${file}?mode=ro`;
      chmodSync(file, 0o444);
      return file;
    };
    const writable = () => {
      chmodSync(file, 0o644);
      return file;
    };
    const args = ["list", "overdue", "--as-of", "2021-06-30"];
    const replayed = await cli(["--replay", ...args], writable());
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toMatch(/P03-004/);
    const unchanged = readFileSync(file);

    // the tables were never built: the replay answers, with a note, and the file is not written
    const never = await cli(args, readOnly());
    expect(never.code, never.stderr).toBe(0);
    expect(never.stdout).toBe(replayed.stdout);
    expect(never.stderr).toMatch(
      /^note: the read tables of .* cannot be caught up \(the file is read-only\): they were never built; replaying the ledger instead\.$/m,
    );
    expect(readFileSync(file).equals(unchanged)).toBe(true);

    // built by a read that may write: the read-only read answers from them, without a note
    expect((await cli(args, writable())).stdout).toBe(replayed.stdout);
    const built = readFileSync(file);
    const fromTables = await cli([...args, "--json"], readOnly());
    expect(fromTables.code, fromTables.stderr).toBe(0);
    expect(fromTables.stderr).toBe("");
    expect(fromTables.stdout).toBe((await cli(["--replay", ...args, "--json"], readOnly())).stdout);
    expect(readFileSync(file).equals(built)).toBe(true);

    // a row of the ledger changed through SQL since: the tables cannot answer, the replay does
    const conn = new Database(writable());
    conn.prepare("UPDATE events SET data = json_set(data, '$.changed', 1) WHERE global_position = 1").run();
    conn.close();
    const changed = await cli(args, readOnly());
    expect(changed.stderr).toMatch(
      /note: .*rows of the ledger were changed since they were built; replaying/,
    );
    expect(changed.stdout).toBe((await cli(["--replay", ...args], readOnly())).stdout);
    writable();
  });
});
