/**
 * End-to-end: which commands may create a missing SQLite file. Reads of a file that is not
 * there are a usage error (exit 2) and create nothing; writes, and `--create`, create it.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, fixture, requireBuild, tempDir } from "./helpers";

const AS = ["--as", "GY-EMB/office/Wang Office"];
let temp: ReturnType<typeof tempDir>;
let n = 0;
const missing = () => join(temp.dir, `mistyped-${n++}.db`);

beforeAll(() => {
  requireBuild();
  temp = tempDir();
});
afterAll(() => temp?.remove());

describe("--store sqlite:PATH naming a file that is not there", () => {
  it("audit verify is a usage error naming the path, and creates no file", async () => {
    const db = missing();
    const run = await cli(["audit", "verify"], db);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`there is no ledger file at ${db}`);
    expect(run.stderr).toContain("--create");
    expect(run.stdout).not.toContain("OK");
    expect(existsSync(db)).toBe(false);
  });

  it("every other read command is refused the same way", async () => {
    for (const args of [
      ["board", "--as-of", "2020-12-31"],
      ["list", "entities", "--json"],
      ["history", "entity-E-0001"],
      ["rebuild"],
      ["audit", "export", join(temp.dir, "export.jsonl")],
      ["stats", "accidents", "--from", "2020-01-01", "--to", "2020-11-30"],
    ]) {
      const db = missing();
      const run = await cli(args, db);
      expect([args.join(" "), run.code]).toEqual([args.join(" "), 2]);
      expect(existsSync(db)).toBe(false);
    }
  });

  it("--create makes a read start an empty ledger there", async () => {
    const db = missing();
    const run = await cli(["--create", "audit", "verify"], db);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("OK: 0 events");
    expect(existsSync(db)).toBe(true);
  });

  it("submit and import create the file", async () => {
    const submitted = missing();
    expect((await cli(["submit", fixture("setup.jsonl"), "--json"], submitted)).code).toBe(0);
    expect(countEvents(submitted)).toBe(3);
    const imported = missing();
    const run = await cli(["import", "entities", fixture("entities.csv"), ...AS, "--json"], imported);
    expect(run.code).toBe(0);
    expect(countEvents(imported)).toBeGreaterThan(0);
    // And once it is there, reads work.
    expect((await cli(["audit", "verify"], imported)).code).toBe(0);
  });

  it("audit seal creates the file (a seal of nothing is still a record)", async () => {
    const db = missing();
    const run = await cli(["audit", "seal", ...AS], db);
    expect(run.code).toBe(0);
    expect(existsSync(db)).toBe(true);
  });
});

describe("import --dry-run", () => {
  const filesIn = (dir: string, prefix: string) =>
    readdirSync(dir)
      .filter((f) => f.startsWith(prefix))
      .sort();
  const digest = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

  it("on a file that is not there plans against an empty ledger and creates nothing", async () => {
    const db = missing();
    const name = db.slice(temp.dir.length + 1);
    const run = await cli(["import", "entities", fixture("entities.csv"), ...AS, "--dry-run", "--json"], db);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan).toMatchObject({ ok: true, dryRun: true, changed: 0, unchanged: 0 });
    expect(plan.added).toBeGreaterThan(0);
    expect(existsSync(db)).toBe(false);
    expect(filesIn(temp.dir, name)).toEqual([]);
    // --create does not make a dry run create it either
    expect(
      (await cli(["--create", "import", "entities", fixture("entities.csv"), ...AS, "--dry-run"], db)).code,
    ).toBe(0);
    expect(filesIn(temp.dir, name)).toEqual([]);
  });

  it("on a ledger file leaves it byte for byte as it was, and the real run then writes the plan", async () => {
    const db = join(temp.dir, "dry-run.db");
    expect((await cli(["submit", fixture("setup.jsonl")], db)).code).toBe(0);
    const before = { digest: digest(db), files: filesIn(temp.dir, "dry-run.db"), events: countEvents(db) };
    const dry = await cli(["import", "entities", fixture("entities.csv"), ...AS, "--dry-run", "--json"], db);
    expect(dry.code).toBe(0);
    expect({ digest: digest(db), files: filesIn(temp.dir, "dry-run.db"), events: countEvents(db) }).toEqual(
      before,
    );
    const real = await cli(["import", "entities", fixture("entities.csv"), ...AS, "--json"], db);
    expect(real.code).toBe(0);
    expect(countEvents(db)).toBe(before.events + JSON.parse(dry.stdout).events);
  });
});
