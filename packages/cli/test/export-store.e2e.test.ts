/**
 * An auditor with an export only, through the built CLI: `--store export:FILE` runs every read
 * command on the export, after verifying it, and gives what the ledger itself gives.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild, tempDir } from "./helpers";

let dir: { dir: string; remove: () => void };
let ledger: string;
let exported: string;

/** Run against the export (no sqlite db argument: the store is named in the arguments). */
const onExport = (args: ReadonlyArray<string>, file = exported) =>
  cli(["--store", `export:${file}`, ...args]);

beforeAll(async () => {
  requireBuild();
  dir = tempDir();
  ledger = join(dir.dir, "guangyuan.db");
  exported = join(dir.dir, "guangyuan.jsonl");
  expect((await cli(["demo"], ledger)).code).toBe(0);
  expect((await cli(["audit", "seal", "--as", "GY-SAFETY-OFFICE/office/Li"], ledger)).code).toBe(0);
  expect((await cli(["audit", "export", exported], ledger)).code).toBe(0);
});
afterAll(() => dir.remove());

describe("--store export:FILE", () => {
  it.each([
    ["list", "entities", "--as-of", "2020-12-31", "--json"],
    ["list", "hazards", "--as-of", "2020-12-31", "--json"],
    ["board", "--as-of", "2020-12-31", "--json"],
    [
      "stats",
      "accidents",
      "--from",
      "2020-01-01",
      "--to",
      "2020-11-30",
      "--compare",
      "previous-year",
      "--json",
    ],
    ["history", "accident-A2019-001", "--json"],
    // Everything was recorded today: known at tomorrow, the whole list; at 2020-12-31, none of it.
    [
      "--known-at",
      new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10),
      "list",
      "accidents",
      "--json",
    ],
    ["--known-at", "2020-12-31", "list", "accidents", "--json"],
  ])("gives what the ledger gives: %s %s", async (...args) => {
    const fromLedger = await cli(args, ledger);
    const fromExport = await onExport(args);
    expect(fromExport.code, fromExport.stderr).toBe(0);
    expect(fromExport.stdout).toBe(fromLedger.stdout);
    expect(fromExport.stdout.length).toBeGreaterThan(20);
  });

  it("refuses writes as a usage error", async () => {
    const file = join(dir.dir, "one.jsonl");
    writeFileSync(file, "{}\n");
    const run = await onExport(["submit", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is an export, read-only evidence");
  });

  it("reads nothing from an export that does not verify", async () => {
    const tampered = join(dir.dir, "tampered.jsonl");
    const lines = readFileSync(exported, "utf8").split("\n");
    const i = lines.findIndex((l) => l.includes('"deaths":'));
    lines[i] = (lines[i] as string).replace(/"deaths":(\d+)/, (_, n) => `"deaths":${Number(n) + 1}`);
    writeFileSync(tampered, lines.join("\n"));
    const run = await onExport(["list", "accidents", "--json"], tampered);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/does not verify \(\d+ problems/);
    expect(run.stdout).toBe("");
  });
});
