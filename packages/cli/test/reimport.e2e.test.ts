/**
 * A clerk's master spreadsheet imported again as it grows, through the built CLI: new rows are
 * registered, unchanged rows skipped, changed columns become their correction or change
 * commands; `--dry-run` prints that plan and writes nothing, and the real run writes exactly it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, fixture, requireBuild, tempDir } from "./helpers";

const AS = ["--as", "GY-SAFETY-OFFICE/office/Li"];
const ON = ["--on", "2020-10-09"];
const HEADER =
  "企业编号,企业名称,所属行业,所在区县,监管部门,主要负责人,主要负责人电话,安全管理人员,是否在营,登记日期";
const E1 = "E-1,利州化工,危险化学品,利州区,GY-EMB,李明,,赵磊,是,2020/7/1";
const E2 = "E-2,苍溪煤矿,煤矿,苍溪县,GY-EMB,陈华,,孙毅,否,2020/7/2";
const E3 = "E-3,旺苍商场,商贸,旺苍县,GY-EMB,何波,,刘涛,否,2020/7/3";

let dir: ReturnType<typeof tempDir>;
let n = 0;
const file = (lines: ReadonlyArray<string>): string => {
  n += 1;
  const path = join(dir.dir, `master-${n}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};
const newLedger = (): string => join(dir.dir, `ledger-${++n}.db`);
const csvList = async (kind: string, db: string) => (await cli(["list", kind, "--csv"], db)).stdout;

beforeAll(() => {
  requireBuild();
  dir = tempDir();
});
afterAll(() => dir.remove());

describe("import entities again, the master list grown and edited", () => {
  let db: string;
  let grown: string;
  beforeAll(async () => {
    db = newLedger();
    const first = await cli(["import", "entities", file([HEADER, E1, E2]), ...AS, "--json"], db);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    grown = file([
      HEADER,
      // E-1 unchanged; E-2 renamed, a phone for its principal, activated, moved to Wangcang; E-3 new.
      E1,
      "E-2,苍溪县煤矿有限公司,煤矿,旺苍县,GY-EMB,陈华,13900000002,孙毅,是,2020/7/2",
      E3,
    ]);
  });

  it("--dry-run prints the plan field by field, in the file's own column names, and writes nothing", async () => {
    const before = countEvents(db);
    const run = await cli(["import", "entities", grown, ...AS, ...ON, "--dry-run", "--json"], db);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      dryRun: true,
      kind: "entities",
      file: grown,
      rows: 3,
      added: 1,
      changed: 1,
      unchanged: 1,
      commands: 5,
      events: 5,
      plan: [
        {
          line: 3,
          id: "E-2",
          status: "changed",
          changes: [
            { column: "企业名称", from: "苍溪煤矿", to: "苍溪县煤矿有限公司" },
            { column: "所在区县", from: "cangxi", to: "wangcang" },
            { column: "主要负责人电话", from: "", to: "13900000002" },
            { column: "是否在营", from: "no", to: "yes" },
          ],
          commands: ["CorrectEntityDetails", "ChangePrincipal", "ReclassifyEntity", "ActivateEntity"],
        },
        { line: 4, id: "E-3", status: "added", changes: [], commands: ["RegisterEntity"] },
      ],
    });
    expect(countEvents(db)).toBe(before);

    const text = await cli(["import", "entities", grown, ...AS, ...ON, "--dry-run"], db);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")).toEqual([
      "line 3, E-2: changed (CorrectEntityDetails, ChangePrincipal, ReclassifyEntity, ActivateEntity)",
      '  企业名称: "苍溪煤矿" → "苍溪县煤矿有限公司"',
      '  所在区县: "cangxi" → "wangcang"',
      '  主要负责人电话: "" → "13900000002"',
      '  是否在营: "no" → "yes"',
      "line 4, E-3: added (RegisterEntity)",
      `Dry run of ${grown}: 3 entities rows (1 added, 1 changed, 1 unchanged) would be 5 commands appending 5 events; nothing was written.`,
      "",
    ]);
    expect(countEvents(db)).toBe(before);
  });

  it("the real run writes exactly the plan; the list then reads as the file, and a third run changes nothing", async () => {
    const before = countEvents(db);
    const run = await cli(["import", "entities", grown, ...AS, ...ON, "--json"], db);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      rows: 3,
      added: 1,
      changed: 1,
      unchanged: 1,
      commands: 5,
      appended: 5,
    });
    expect(countEvents(db) - before).toBe(5);
    expect(await csvList("entities", db)).toBe(
      [
        "\uFEFFentityId,name,sector,district,supervisingDepartment,principal,principalPhone,safetyManager,safetyManagerPhone,address,creditCode,active,registeredOn",
        "E-1,利州化工,hazardous-chemicals,lizhou,GY-EMB,李明,,赵磊,,,,yes,2020-07-01",
        "E-2,苍溪县煤矿有限公司,coal-mine,wangcang,GY-EMB,陈华,13900000002,孙毅,,,,yes,2020-07-02",
        "E-3,旺苍商场,commerce-trade,wangcang,GY-EMB,何波,,刘涛,,,,no,2020-07-03",
        "",
      ].join("\n"),
    );
    // The changes are history, with the file and line as their reason and --on as their date.
    const history = JSON.parse((await cli(["history", "entity-E-2", "--json"], db)).stdout) as Array<{
      type: string;
      data: { reason?: string; on?: string };
    }>;
    expect(history.map((e) => e.type)).toEqual([
      "EntityRegistered",
      "EntityDetailsCorrected",
      "PrincipalChanged",
      "EntityReclassified",
      "EntityActivated",
    ]);
    expect(history[1]?.data).toMatchObject({
      reason: `re-import of master-${grownIndex(grown)}.csv, line 3`,
      on: "2020-10-09",
    });

    const again = await cli(["import", "entities", grown, ...AS, "--json"], db);
    expect(JSON.parse(again.stdout)).toMatchObject({
      ok: true,
      added: 0,
      changed: 0,
      unchanged: 3,
      appended: 0,
    });
    // An exported list imported again is unchanged too.
    const exported = join(dir.dir, "exported.csv");
    writeFileSync(exported, await csvList("entities", db));
    const roundTrip = await cli(["import", "entities", exported, ...AS, "--json"], db);
    expect(JSON.parse(roundTrip.stdout)).toMatchObject({ ok: true, unchanged: 3, commands: 0, appended: 0 });
  });

  it("a changed column no command changes is an error naming it, on every such row; nothing is written", async () => {
    const before = countEvents(db);
    const bad = file([
      HEADER,
      "E-1,利州化工,危险化学品,利州区,GY-EMB,李明,,赵磊,是,2020/7/5",
      E3.replace("2020/7/3", "2020/7/6"),
      "E-4,朝天加油站,危险化学品,朝天区,GY-EMB,吴刚,,马军,否,2020/7/7",
      // The same code twice in one file is a mistake, not a change of the earlier row.
      "E-4,朝天加油站二站,危险化学品,朝天区,GY-EMB,吴刚,,马军,否,2020/7/7",
    ]);
    const run = await cli(["import", "entities", bad, ...AS, "--json"], db);
    expect(run.code).toBe(1);
    const { errors, appended } = JSON.parse(run.stdout) as {
      errors: Array<{ line: number; column: string; message: string; code: string }>;
      appended: number;
    };
    expect(appended).toBe(0);
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, "登记日期", "NOT_CHANGED_BY_REIMPORT"],
      [3, "登记日期", "NOT_CHANGED_BY_REIMPORT"],
      [5, "企业编号", "DUPLICATE_ROW"],
    ]);
    expect(errors[2]?.message).toBe("E-4 is also on line 4 of this file; a file gives each entityId once");
    expect(errors[0]?.message).toBe(
      'this column cannot be changed by re-import (the ledger has "2020-07-01", the file "2020-07-05"); the registration date is kept as registered',
    );
    expect(countEvents(db)).toBe(before);
  });
});

describe("import hazards and accidents again", () => {
  const HAZARDS = "hazardId,entityId,source,grade,description,discoveredOn,deadline,location";
  const ACCIDENTS = "accidentId,occurredAt,deaths,seriousInjuries,directLossYuan,description,entityId,kind";
  let db: string;
  beforeAll(async () => {
    db = newLedger();
    expect((await cli(["import", "entities", file([HEADER, E1, E2]), ...AS], db)).code).toBe(0);
    const hazards = file([
      HAZARDS,
      "H-1,E-1,government-inspection,general,Blocked fire exit,2020-08-01,2020-08-15,Warehouse",
      "H-2,E-2,government-inspection,general,Worn belt,2020-08-02,2020-08-20,",
    ]);
    expect((await cli(["import", "hazards", hazards, ...AS], db)).code).toBe(0);
    const accidents = file([
      ACCIDENTS,
      "A-1,2020-04-02T10:00:00+08:00,1,0,30000,Forklift accident,E-1,other",
    ]);
    expect((await cli(["import", "accidents", accidents, ...AS], db)).code).toBe(0);
  });

  it("a hazard's grade and description become RegradeHazard and CorrectHazardDescription; a moved deadline is refused", async () => {
    const edited = file([
      HAZARDS,
      "H-1,E-1,government-inspection,major,Blocked fire exit and stairs,2020-08-01,2020-08-15,Warehouse",
      "H-2,E-2,government-inspection,general,Worn belt,2020-08-02,2020-08-20,",
    ]);
    const plan = JSON.parse(
      (await cli(["import", "hazards", edited, ...AS, ...ON, "--dry-run", "--json"], db)).stdout,
    );
    expect(plan).toMatchObject({ ok: true, added: 0, changed: 1, unchanged: 1, commands: 2 });
    expect(plan.plan).toEqual([
      {
        line: 2,
        id: "H-1",
        status: "changed",
        changes: [
          { column: "grade", from: "general", to: "major" },
          { column: "description", from: "Blocked fire exit", to: "Blocked fire exit and stairs" },
        ],
        commands: ["CorrectHazardDescription", "RegradeHazard"],
      },
    ]);
    const run = await cli(["import", "hazards", edited, ...AS, ...ON, "--json"], db);
    expect(run.code, run.stdout).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ changed: 1, appended: plan.events });
    expect(await csvList("hazards", db)).toContain(
      "H-1,E-1,government-inspection,major,Blocked fire exit and stairs,",
    );

    const moved = file([HAZARDS, "H-2,E-2,government-inspection,general,Worn belt,2020-08-02,2020-09-30,"]);
    const refused = await cli(["import", "hazards", moved, ...AS, "--json"], db);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).errors).toEqual([
      {
        line: 2,
        column: "deadline",
        code: "NOT_CHANGED_BY_REIMPORT",
        message:
          'this column cannot be changed by re-import (the ledger has "2020-08-20", the file "2020-09-30"); a deadline is moved by an extension (submit RequestHazardDeadlineExtension, GrantHazardDeadlineExtension)',
        text: 'this column cannot be changed by re-import (the ledger has "2020-08-20", the file "2020-09-30"); a deadline is moved by an extension (submit RequestHazardDeadlineExtension, GrantHazardDeadlineExtension)',
      },
    ]);
  });

  it("an accident's description becomes CorrectAccidentReport; the same loss in yuan is unchanged", async () => {
    const edited = file([ACCIDENTS, "A-1,2020/4/2 10:00,1,0,30000.00,Forklift overturned,E-1,other"]);
    const plan = JSON.parse(
      (await cli(["import", "accidents", edited, ...AS, ...ON, "--dry-run", "--json"], db)).stdout,
    );
    expect(plan.plan).toEqual([
      {
        line: 2,
        id: "A-1",
        status: "changed",
        changes: [{ column: "description", from: "Forklift accident", to: "Forklift overturned" }],
        commands: ["CorrectAccidentReport"],
      },
    ]);
    const run = await cli(["import", "accidents", edited, ...AS, ...ON, "--json"], db);
    expect(run.code, run.stdout).toBe(0);
    expect(await csvList("accidents", db)).toContain(",Forklift overturned,E-1,");
  });
});

describe("import risks again", () => {
  const RISKS =
    "riskId,entityId,name,location,lecL,lecE,lecC,measures,responsiblePerson,responsiblePhone,identifiedOn";
  it("new factors are a reassessment, new controls SetRiskControls; a renamed risk point is refused", async () => {
    const db = newLedger();
    expect((await cli(["import", "entities", fixture("entities.csv"), ...AS], db)).code).toBe(0);
    const first = file([
      RISKS,
      "R-1,E-0001,Chlorine storage,Tank farm,6,6,15,Gas detectors,Zhao Lei,,2020-07-10",
    ]);
    expect((await cli(["import", "risks", first, ...AS], db)).code).toBe(0);
    const edited = file([
      RISKS,
      "R-1,E-0001,Chlorine storage,Tank farm,3,6,15,Gas detectors;Daily patrol,Zhao Lei,13900000009,2020-07-10",
    ]);
    const plan = JSON.parse(
      (await cli(["import", "risks", edited, ...AS, ...ON, "--dry-run", "--json"], db)).stdout,
    );
    expect(plan.plan).toEqual([
      {
        line: 2,
        id: "R-1",
        status: "changed",
        changes: [
          { column: "lecL", from: "6", to: "3" },
          { column: "measures", from: "Gas detectors", to: "Gas detectors;Daily patrol" },
          { column: "responsiblePhone", from: "", to: "13900000009" },
        ],
        commands: ["AssessRisk", "SetRiskControls"],
      },
    ]);
    const run = await cli(["import", "risks", edited, ...AS, ...ON, "--json"], db);
    expect(run.code, run.stdout).toBe(0);
    expect((await csvList("risks", db)).split("\n")[1]).toBe(
      "R-1,E-0001,Chlorine storage,Tank farm,,3,6,15,,,Gas detectors;Daily patrol,Zhao Lei,13900000009,2020-07-10",
    );

    const renamed = file([
      RISKS,
      "R-1,E-0001,Chlorine tanks,Tank farm,3,6,15,Gas detectors;Daily patrol,Zhao Lei,13900000009,2020-07-10",
    ]);
    const refused = await cli(["import", "risks", renamed, ...AS, "--json"], db);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).errors).toEqual([
      {
        line: 2,
        column: "name",
        code: "NOT_CHANGED_BY_REIMPORT",
        message:
          'this column cannot be changed by re-import (the ledger has "Chlorine storage", the file "Chlorine tanks"); a risk point is kept as identified; retire it (submit RetireRisk) and identify it again under a new code',
        text: 'this column cannot be changed by re-import (the ledger has "Chlorine storage", the file "Chlorine tanks"); a risk point is kept as identified; retire it (submit RetireRisk) and identify it again under a new code',
      },
    ]);
  });
});

describe("import the Key Task List again", () => {
  it("a new element is assigned, unchanged ones skipped; a changed element or a moved deadline is refused by column", async () => {
    const db = newLedger();
    const setup = await cli(["submit", fixture("setup.jsonl"), "--json"], db);
    expect(setup.code, setup.stdout).toBe(0);
    const office = ["--as", "GY-EMB/office/Wang Office"];
    expect((await cli(["import", "tasks", fixture("tasks.csv"), ...office], db)).code).toBe(0);
    const lines = readFileSync(fixture("tasks.csv"), "utf8").trimEnd().split("\n");
    const grown = file([
      ...lines,
      "P02-002,GY,P02,Road safety,Check every school bus,GY-TRANS,,2021-03-31,tackling,Inspection ledger,,2020-07-21",
    ]);
    const plan = JSON.parse(
      (await cli(["import", "tasks", grown, ...office, "--dry-run", "--json"], db)).stdout,
    );
    expect(plan).toMatchObject({ ok: true, rows: 4, added: 1, changed: 0, unchanged: 3 });
    // P02 lists the new element first, then it is assigned.
    expect(plan.commands).toBe(2);
    expect(plan.plan).toEqual([
      { line: 5, id: "P02-002", status: "added", changes: [], commands: ["AssignTaskElement"] },
    ]);
    const run = await cli(["import", "tasks", grown, ...office, "--json"], db);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, added: 1, unchanged: 3, appended: 2 });

    const edited = file([
      lines[0] ?? "",
      (lines[1] ?? "")
        .replace("Audit every park", "Audit every chemical park")
        .replace("2020-09-30", "2020-10-31"),
    ]);
    const refused = await cli(["import", "tasks", edited, ...office, "--json"], db);
    expect(refused.code).toBe(1);
    expect(
      JSON.parse(refused.stdout).errors.map((e: { line: number; column: string; code: string }) => [
        e.line,
        e.column,
        e.code,
      ]),
    ).toEqual([
      [2, "element", "NOT_CHANGED_BY_REIMPORT"],
      [2, "deadline", "NOT_CHANGED_BY_REIMPORT"],
    ]);
  });
});

describe("in Chinese by default, in English with --lang en or an English locale", () => {
  it("a refused re-import column, its report and the list's headers", async () => {
    const db = newLedger();
    expect((await cli(["import", "entities", file([HEADER, E1]), ...AS], db)).code).toBe(0);
    const moved = file([HEADER, E1.replace("2020/7/1", "2020/7/5")]);
    const chinese = { LANG: "C.UTF-8" };
    const zh = await cli(["import", "entities", moved, ...AS], db, undefined, chinese);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toBe(
      '第 2 行，登记日期 列：此列不能通过重新导入修改（账本中为 "2020-07-01"，文件中为 "2020-07-05"）；登记日期以登记时为准\n',
    );
    expect(zh.stderr).toBe(`${moved} 的 1 行中有 1 行有误（1 个问题）；未导入任何内容。请改正后重新导入。\n`);
    // The code is the same in both languages; --lang wins over the locale.
    const zhJson = JSON.parse(
      (await cli(["import", "entities", moved, ...AS, "--json"], db, undefined, chinese)).stdout,
    );
    const en = await cli(
      ["import", "entities", moved, ...AS, "--lang", "en", "--json"],
      db,
      undefined,
      chinese,
    );
    // --json: the English message for programs in both; the reader's language in `text`.
    const english =
      'this column cannot be changed by re-import (the ledger has "2020-07-01", the file "2020-07-05"); the registration date is kept as registered';
    expect(zhJson.errors[0]).toMatchObject({
      code: "NOT_CHANGED_BY_REIMPORT",
      message: english,
      text: '此列不能通过重新导入修改（账本中为 "2020-07-01"，文件中为 "2020-07-05"）；登记日期以登记时为准',
    });
    expect(JSON.parse(en.stdout).errors[0]).toEqual({ ...zhJson.errors[0], text: english });
    expect((await cli(["import", "entities", moved, ...AS], db)).stderr).toBe(
      `1 of 1 rows of ${moved} is bad (1 problem); nothing was imported. Fix it and import the file again.\n`,
    );

    const zhList = await cli(["list", "entities", "--as-of", "2020-12-31"], db, undefined, chinese);
    expect(zhList.stdout).toContain("企业编号");
    expect(zhList.stdout).toContain("统一社会信用代码");
    expect(zhList.stdout).toContain("截至 2020-12-31 共 1 条企业。");
    const enList = await cli(
      ["list", "entities", "--as-of", "2020-12-31", "--lang", "en"],
      db,
      undefined,
      chinese,
    );
    expect(enList.stdout).toContain("credit code");
    expect(enList.stdout).toContain("1 entities as of 2020-12-31.");
    const workbook = join(dir.dir, "实名单-导出.xlsx");
    const xlsx = await cli(
      ["list", "entities", "--as-of", "2020-12-31", "--xlsx", workbook],
      db,
      undefined,
      chinese,
    );
    expect(xlsx.stderr).toBe(`截至 2020-12-31 的 1 条企业已写入 ${workbook}。\n`);
  });
});

/** The number in a `master-N.csv` path. */
const grownIndex = (path: string): string => /master-(\d+)\.csv$/.exec(path)?.[1] ?? "";
