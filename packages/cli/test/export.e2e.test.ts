/**
 * Export → import, through the built CLI: the Guangyuan real-name list and accident list written
 * with `list … --csv` (and `--xlsx`) in the columns import reads, imported into an empty ledger,
 * give the same lists.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild, tempDir } from "./helpers";

const AS_OF = ["--as-of", "2020-12-31"];
const AS = ["--as", "GY-SAFETY-OFFICE/office/Li"];

let dir: { dir: string; remove: () => void };
let source: string;

/** What a row of each list holds that an import carries (a later state is the ledger's own). */
const carried = {
  entities: (r: Record<string, unknown>) => {
    const { status, history, closedOn, ...rest } = r;
    return { ...rest, active: status === "Active" };
  },
  accidents: (r: Record<string, unknown>) => {
    const { status, revisions, lateReport, supervisingDepartment, enteredBy, ...rest } = r;
    return rest;
  },
} as const;

const listed = async (kind: "entities" | "accidents", db: string) => {
  const run = await cli(["list", kind, ...AS_OF, "--json"], db);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout).rows as Array<Record<string, unknown>>).map(carried[kind]);
};

beforeAll(async () => {
  requireBuild();
  dir = tempDir();
  source = join(dir.dir, "guangyuan.db");
  expect((await cli(["demo"], source)).code).toBe(0);
});
afterAll(() => dir.remove());

describe("export → import gives the same list", () => {
  it("as CSV (UTF-8 with a BOM, for Excel): the real-name list, then the accidents", async () => {
    const target = join(dir.dir, "copy.db");
    for (const kind of ["entities", "accidents"] as const) {
      const run = await cli(["list", kind, ...AS_OF, "--csv"], source);
      expect(run.code).toBe(0);
      expect(run.stdout.startsWith("\uFEFF")).toBe(true);
      const file = join(dir.dir, `${kind}.csv`);
      writeFileSync(file, run.stdout);
      const imported = await cli(["import", kind, file, ...AS, "--json"], target);
      expect(imported.code, imported.stdout.slice(0, 2_000)).toBe(0);
      const original = await listed(kind, source);
      expect(original.length).toBeGreaterThan(20);
      expect(await listed(kind, target)).toEqual(original);
    }
  });

  it("as .xlsx", async () => {
    const target = join(dir.dir, "copy-xlsx.db");
    for (const kind of ["entities", "accidents"] as const) {
      const file = join(dir.dir, `${kind}.xlsx`);
      const run = await cli(["list", kind, ...AS_OF, "--xlsx", file], source);
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
      const imported = await cli(["import", kind, file, ...AS, "--json"], target);
      expect(imported.code, imported.stdout.slice(0, 2_000)).toBe(0);
      expect(await listed(kind, target)).toEqual(await listed(kind, source));
    }
  });
});
