/**
 * Input that used to poison the ledger or stop a whole run, through the built CLI: each bad line
 * is refused on its own line with the field named, the lines after it go on, and every read
 * command still reads the ledger afterwards.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild, tempDir } from "./helpers";

const actor = { unit: "GY-EMB", role: "department", person: "Wang" };
const entity = (entityId: string, occurredAt: string, data: Record<string, unknown> = {}) => ({
  type: "RegisterEntity",
  commandId: `reg-${entityId}`,
  actor,
  occurredAt,
  data: {
    entityId,
    name: "Lizhou Chemical Co.",
    sector: "hazardous-chemicals",
    district: "lizhou",
    supervisingDepartment: "GY-EMB",
    principal: { name: "Li Ming" },
    safetyManager: { name: "Zhao Lei" },
    ...data,
  },
});

/** A command line whose name is nested `depth` arrays deep (written as text: JSON.stringify would overflow). */
const deepLine = (depth: number): string =>
  JSON.stringify(entity("E-5", "2020-07-01T10:00:00+08:00", { name: "NAME" })).replace(
    '"NAME"',
    `${"[".repeat(depth)}"x"${"]".repeat(depth)}`,
  );

let dir: { dir: string; remove: () => void };
let db: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir();
  db = join(dir.dir, "ledger.db");
});
afterAll(() => dir.remove());

describe("submit: every bad line on its own line", () => {
  it("refuses poison dates, deep values, huge lines, odd ids and extra actor keys, and goes on", async () => {
    const lines = [
      entity("E-1", "2020-02-30"),
      entity("E-2", "2021-02-29T10:00+08:00"),
      entity("E-3", "2020-04-31T09:00:00+08:00"),
      entity("E-4", "2020-07-01T24:00+08:00"),
      "DEEP",
      entity("E-6", "2020-07-01T10:00:00+08:00", { name: "安".repeat(200_000) }),
      { ...entity("E-7", "2020-07-01T10:00:00+08:00"), type: `Register${"Z".repeat(3_000)}` },
      { ...entity("E-8", "2020-07-01T10:00:00+08:00"), commandId: " " },
      { ...entity("E-9", "2020-07-01T10:00:00+08:00"), actor: { ...actor, constructor: [[[1]]] } },
      entity("E-10", "2020-07-01T10:00:00+08:00"),
    ].map((c) => (c === "DEEP" ? deepLine(5_000) : JSON.stringify(c)));
    const file = join(dir.dir, "commands.jsonl");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = await cli(["submit", file, "--json"], db);
    expect(run.code).toBe(1);
    const results = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(results.map((r) => [r.line, r.ok, r.error?.code, r.error?.field])).toEqual([
      [1, false, "INVALID_INPUT", "occurredAt"],
      [2, false, "INVALID_INPUT", "occurredAt"],
      [3, false, "INVALID_INPUT", "occurredAt"],
      [4, false, "INVALID_INPUT", "occurredAt"],
      [5, false, "INVALID_INPUT", expect.stringMatching(/^data\.name(\.0)+$/)],
      [6, false, "LINE_TOO_LONG", undefined],
      [7, false, "INVALID_INPUT", "type"],
      [8, false, "INVALID_INPUT", "commandId"],
      [9, false, "INVALID_INPUT", "actor.constructor"],
      [10, true, undefined, undefined],
    ]);
    expect(results[0].error.message).toContain("2020-02 has no day 30");
    expect(results[3].error.message).toContain("no hour 24");
    for (const r of results) expect(JSON.stringify(r).length).toBeLessThan(600);
  });

  it("leaves a ledger every read reads", async () => {
    const list = await cli(["list", "entities", "--json"], db);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).rows.map((e: { entityId: string }) => e.entityId)).toEqual(["E-10"]);
    for (const args of [
      ["list", "accidents"],
      ["stats", "accidents", "--from", "2020-01-01", "--to", "2020-12-31"],
      ["rebuild"],
      ["audit", "verify"],
    ]) {
      const run = await cli(args, db);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(0);
    }
  });
});

describe("import: a poison date in a cell", () => {
  it("is refused naming the line and column, and nothing is stored", async () => {
    const file = join(dir.dir, "entities.csv");
    writeFileSync(
      file,
      [
        "entityId,name,sector,district,supervisingDepartment,principal,safetyManager,active,registeredOn",
        "E-0101,Good Row Ltd,machinery,zhaohua,GY-ECON,Wu Gang,Ma Li,yes,2020-08-01",
        "E-0102,Bad Date Ltd,machinery,zhaohua,GY-ECON,Wu Gang,Ma Li,yes,2020-02-30",
      ].join("\n"),
    );
    const run = await cli(["import", "entities", file, "--as", "GY-EMB/department/Wang", "--json"], db);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('"column":"registeredOn"');
    expect(run.stdout).toContain("2020-02 has no day 30");
    const list = await cli(["list", "entities", "--json"], db);
    expect(JSON.parse(list.stdout).rows).toHaveLength(1);
  });
});

describe("list filters are checked against the reference data", () => {
  it("takes a key or its Chinese name", async () => {
    for (const sector of ["hazardous-chemicals", "危险化学品"]) {
      const run = await cli(["list", "entities", "--sector", sector, "--json"], db);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).rows.map((r: { entityId: string }) => r.entityId)).toEqual(["E-10"]);
    }
    const district = await cli(
      ["list", "entities", "--district", "利州区", "--status", "已登记", "--json"],
      db,
    );
    expect(JSON.parse(district.stdout).count).toBe(1);
  });

  it.each([
    [["list", "entities", "--sector", "危化"], "--sector", "hazardous-chemicals (危险化学品)"],
    [["list", "hazards", "--status", "shut"], "--status", "Closed (已销号)"],
    [["list", "risks", "--level", "red"], "--level", "major (重大风险)"],
    [["list", "tasks", "--stage", "stage-9"], "--stage", "tackling (集中攻坚)"],
  ])("refuses %j as a usage error listing the valid values", async (args, option, listed) => {
    const run = await cli(args, db);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${option} "`);
    expect(run.stderr).toContain(listed);
  });
});

describe("lists carry every field the ledger holds", () => {
  it("entities: phones, address and credit code in JSON and CSV", async () => {
    const file = join(dir.dir, "full-entity.jsonl");
    const full = entity("E-20", "2020-07-02T10:00:00+08:00", {
      principal: { name: "李明", phone: "13800000001" },
      safetyManager: { name: "赵磊", phone: "13800000002" },
      address: "利州区东坝街道 1 号",
      creditCode: "91510800MA62XXXX1X",
    });
    writeFileSync(file, `${JSON.stringify(full)}\n`);
    expect((await cli(["submit", file], db)).code).toBe(0);
    const json = JSON.parse((await cli(["list", "entities", "--json"], db)).stdout);
    expect(json.rows.find((r: { entityId: string }) => r.entityId === "E-20")).toMatchObject({
      principal: { name: "李明", phone: "13800000001" },
      safetyManager: { name: "赵磊", phone: "13800000002" },
      address: "利州区东坝街道 1 号",
      creditCode: "91510800MA62XXXX1X",
    });
    const csv = (await cli(["list", "entities", "--csv"], db)).stdout;
    expect(csv.split("\n")[0]).toContain("principalPhone");
    expect(csv).toContain("13800000002");
    expect(csv).toContain("91510800MA62XXXX1X");
  });
});

describe("import: a problem of the header is not a bad row", () => {
  it("says the header has the problems, not that 1 of 1 rows is bad", async () => {
    const file = join(dir.dir, "header-only.csv");
    writeFileSync(file, "entityId,nme\nE-1,x\n");
    const run = await cli(["import", "entities", file, "--as", "GY-EMB/department/Wang"], db);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the header \(or the file\) of .* has \d+ problems; nothing was imported/);
    expect(run.stderr).not.toContain("rows of");
  });
});
