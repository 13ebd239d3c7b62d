/**
 * End-to-end: which commands may create a missing SQLite file. Reads of a file that is not
 * there are a usage error (exit 2) and create nothing; writes, and `--create`, create it.
 */
import { existsSync } from "node:fs";
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
