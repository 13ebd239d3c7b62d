/**
 * Export → import, through the built CLI: the Guangyuan real-name list and accident list written
 * with `list … --csv` (and `--xlsx`) in the columns import reads, imported into an empty ledger,
 * give the same lists; so do the risks and hazards of the fixtures.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, fixture, requireBuild, tempDir } from "./helpers";

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

describe("export → import gives the same risks and hazards", () => {
  const kinds = ["risks", "hazards"] as const;
  let from: string;
  const ledgerWithEntities = async (name: string) => {
    const db = join(dir.dir, name);
    expect((await cli(["import", "entities", fixture("entities.csv"), ...AS], db)).code).toBe(0);
    return db;
  };
  const exported = async (kind: string, db: string) => (await cli(["list", kind, "--csv"], db)).stdout;
  const json = async (kind: string, db: string) =>
    JSON.parse((await cli(["list", kind, "--json"], db)).stdout).rows as unknown[];

  beforeAll(async () => {
    from = await ledgerWithEntities("fixtures.db");
    for (const kind of kinds)
      expect((await cli(["import", kind, fixture(`${kind}.csv`), ...AS], from)).code).toBe(0);
  });

  it("as CSV, every column the import reads (a risk's location, controls and their phone)", async () => {
    expect((await exported("risks", from)).split("\n").slice(0, 2)).toEqual([
      "\uFEFFriskId,entityId,name,location,description,lecL,lecE,lecC,matrixLikelihood,matrixSeverity,measures,responsiblePerson,responsiblePhone,identifiedOn",
      "R-0001,E-0001,Chlorine storage,Tank farm,,6,6,15,,,Gas detectors;Daily patrol,Zhao Lei,,2020-07-10",
    ]);
    const target = await ledgerWithEntities("copy-fixtures.db");
    for (const kind of kinds) {
      const file = join(dir.dir, `fixture-${kind}.csv`);
      writeFileSync(file, await exported(kind, from));
      const imported = await cli(["import", kind, file, ...AS, "--json"], target);
      expect(imported.code, imported.stdout).toBe(0);
      expect(await exported(kind, target)).toBe(await exported(kind, from));
      expect(await json(kind, target)).toEqual(await json(kind, from));
    }
  });

  it("as .xlsx", async () => {
    const target = await ledgerWithEntities("copy-fixtures-xlsx.db");
    for (const kind of kinds) {
      const file = join(dir.dir, `fixture-${kind}.xlsx`);
      expect((await cli(["list", kind, "--xlsx", file], from)).code).toBe(0);
      const imported = await cli(["import", kind, file, ...AS, "--json"], target);
      expect(imported.code, imported.stdout).toBe(0);
      expect(await exported(kind, target)).toBe(await exported(kind, from));
      expect(await json(kind, target)).toEqual(await json(kind, from));
    }
  });
});

describe("export → import gives the same Key Task List", () => {
  const office = ["--as", "GY-EMB/office/Wang Office"];
  const campaign = async (name: string) => {
    const db = join(dir.dir, name);
    expect((await cli(["submit", fixture("setup.jsonl")], db)).code).toBe(0);
    return db;
  };
  const exported = async (db: string) => (await cli(["list", "tasks", ...AS_OF, "--csv"], db)).stdout;
  const json = async (db: string) =>
    JSON.parse((await cli(["list", "tasks", ...AS_OF, "--json"], db)).stdout).rows as unknown[];

  it("as CSV and as .xlsx, in the columns import tasks reads", async () => {
    const from = await campaign("tasks.db");
    expect((await cli(["import", "tasks", fixture("tasks.csv"), ...office], from)).code).toBe(0);
    expect((await exported(from)).split("\n").slice(0, 2)).toEqual([
      "\uFEFFcode,campaignId,workstream,task,element,leadUnit,coUnits,deadline,stage,deliverable,recurrence,assignedOn",
      "P01-001,GY,P01,Chemical parks,Audit every park,GY-EMB,GY-ECON;GY-NRB,2020-09-30,investigation,Audit report,,2020-07-20",
    ]);
    const csvFile = join(dir.dir, "tasks-export.csv");
    writeFileSync(csvFile, await exported(from));
    const xlsxFile = join(dir.dir, "tasks-export.xlsx");
    expect((await cli(["list", "tasks", ...AS_OF, "--xlsx", xlsxFile], from)).code).toBe(0);
    for (const [name, file] of [
      ["tasks-copy.db", csvFile],
      ["tasks-copy-xlsx.db", xlsxFile],
    ] as const) {
      const target = await campaign(name);
      const imported = await cli(["import", "tasks", file, ...office, "--json"], target);
      expect(imported.code, imported.stdout).toBe(0);
      expect(await exported(target)).toBe(await exported(from));
      expect(await json(target)).toEqual(await json(from));
    }
  });
});
