/**
 * End-to-end: the built binary against a temporary SQLite file. One ledger is built up through
 * the tests of this file, in order (submit, import, reads, bad input, tampering).
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, fixture, JAN_NOV_2020_STATS, json, requireBuild, sql, tempDir } from "./helpers";

const AS = ["--as", "GY-EMB/office/Wang Office"];
let temp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(() => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "ledger.db");
});
afterAll(() => temp?.remove());

describe("safety-ledger --version", () => {
  it("prints the package's version (package.json, the one a release bumps)", async () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));
    const run = await cli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(manifest.version);
  });
});

describe("safety-ledger, end to end on SQLite", () => {
  it("submit: JSON-lines commands, one result per line", async () => {
    const run = await cli(["submit", fixture("setup.jsonl"), "--json"], db);
    expect(run.code).toBe(0);
    const results = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(results.map((r) => [r.line, r.ok, r.type])).toEqual([
      [1, true, "LaunchCampaign"],
      [2, true, "DefineWorkstream"],
      [3, true, "DefineWorkstream"],
    ]);
    expect(countEvents(db)).toBe(3);
  });

  it("submit: malformed JSON, unknown command, missing and ill-typed fields, no permission → exit 1, nothing appended", async () => {
    const before = countEvents(db);
    const run = await cli(["submit", fixture("bad-commands.jsonl"), "--json"], db);
    expect(run.code).toBe(1);
    const results = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(results.map((r) => [r.line, r.ok, r.error.code, r.error.field])).toEqual([
      [1, false, "MALFORMED_JSON", undefined],
      [2, false, "INVALID_INPUT", "type"],
      [3, false, "INVALID_INPUT", "data.name"],
      [4, false, "INVALID_INPUT", "data.memberUnits"],
      [5, false, "PERMISSION_DENIED", undefined],
    ]);
    expect(results[0].error.message).toMatch(/^not valid JSON/);
    expect(results[1].error.message).toContain(`unknown command "LaunchRocket"`);
    expect(countEvents(db)).toBe(before);
  });

  it("import: every kind, then the same file again appends nothing", async () => {
    const appended: Record<string, number> = {};
    for (const kind of ["tasks", "entities", "risks", "hazards", "accidents"]) {
      const before = countEvents(db);
      const run = await cli(["import", kind, fixture(`${kind}.csv`), ...AS, "--json"], db);
      expect(run.code, run.stderr).toBe(0);
      const result = json(run);
      expect(result).toMatchObject({ ok: true, kind, alreadyImported: 0 });
      expect(countEvents(db) - before).toBe(result.appended);
      appended[kind] = result.appended as number;
    }
    // tasks: 2 listings + 3 assignments; entities: 3 registered, 2 activated; risks: 3 + 2 assessed
    // (R-0001 with controls); hazards 2; accidents 3.
    expect(appended).toEqual({ tasks: 5, entities: 5, risks: 6, hazards: 2, accidents: 3 });

    const before = countEvents(db);
    const again = await cli(["import", "tasks", fixture("tasks.csv"), ...AS, "--json"], db);
    expect(again.code).toBe(0);
    expect(json(again)).toMatchObject({ ok: true, rows: 3, unchanged: 3, commands: 0, appended: 0 });
    expect(countEvents(db)).toBe(before);
  });

  it("import: a file with bad rows reports every one (line, column, reason) and appends nothing", async () => {
    const before = countEvents(db);
    const run = await cli(["import", "entities", fixture("entities-bad.csv"), ...AS, "--json"], db);
    expect(run.code).toBe(1);
    const { errors, appended, rows } = json<{
      errors: Array<{ line: number; column: string | null; message: string }>;
      appended: number;
      rows: number;
    }>(run);
    expect(appended).toBe(0);
    expect(rows).toBe(7);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, "name"],
      [3, "active"],
      [4, "sector"],
      [5, "entityId"],
      [6, null],
      [7, "registeredOn"],
      [8, "entityId"],
    ]);
    expect(errors[0]?.message).toBe("is required and is empty");
    expect(errors[4]?.message).toBe("has 3 fields, the header has 9");
    expect(countEvents(db)).toBe(before);

    // The good row (E-0101, line 2) was not imported either.
    const list = await cli(["list", "entities", "--json"], db);
    expect(json<{ rows: Array<{ entityId: string }> }>(list).rows.map((e) => e.entityId)).not.toContain(
      "E-0101",
    );
  });

  it("import: a broken task row (bad date, unknown workstream, bad value) blocks the whole file", async () => {
    const before = countEvents(db);
    const run = await cli(["import", "tasks", fixture("tasks-broken.csv"), ...AS], db);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("line 3, column deadline:");
    expect(run.stdout).toContain("line 4, column workstream: Workstream P99 has not been defined.");
    expect(run.stdout).toContain("line 5, column recurrence:");
    expect(run.stdout).not.toContain("line 2");
    expect(run.stderr).toContain("3 of 4 rows");
    expect(run.stderr).toContain("nothing was imported");
    expect(countEvents(db)).toBe(before);
  });

  it("import: an actor without permission is refused for every row, nothing appended", async () => {
    const csvFile = join(temp.dir, "entities-new.csv");
    writeFileSync(
      csvFile,
      "entityId,name,sector,district,supervisingDepartment,principal,safetyManager\nE-0301,New Works,machinery,jiange,GY-ECON,Pan,Qin\nE-0302,Other Works,machinery,jiange,GY-ECON,Pan,Qin\n",
    );
    const before = countEvents(db);
    const run = await cli(["import", "entities", csvFile, "--as", "E-0301/enterprise/Pan", "--json"], db);
    expect(run.code).toBe(1);
    const { errors } = json<{ errors: Array<{ line: number; code: string }> }>(run);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [2, "PERMISSION_DENIED"],
      [3, "PERMISSION_DENIED"],
    ]);
    expect(countEvents(db)).toBe(before);
  });

  it("board --json: the wall chart per workstream, stage and unit", async () => {
    const run = await cli(["board", "--as-of", "2020-12-31", "--json"], db);
    expect(run.code).toBe(0);
    const chart = json<{
      asOf: string;
      total: { total: number; overdue: number; byStatus: Record<string, number> };
      byWorkstream: Array<{ key: string; total: number; overdue: number }>;
      byStage: Array<{ key: string; total: number }>;
      byUnit: Array<{ key: string; total: number }>;
      stamp: { position: string; lastHash: string };
    }>(run);
    expect(chart.asOf).toBe("2020-12-31");
    expect(chart.total).toMatchObject({ total: 3, overdue: 2, byStatus: { Assigned: 3, Verified: 0 } });
    expect(chart.byWorkstream.map((c) => [c.key, c.total, c.overdue])).toEqual([
      ["P01", 2, 2],
      ["P02", 1, 0],
    ]);
    expect(chart.byStage.map((c) => [c.key, c.total])).toEqual([
      ["mobilisation", 0],
      ["investigation", 2],
      ["tackling", 1],
      ["consolidation", 0],
    ]);
    expect(chart.byUnit.map((c) => c.key)).toEqual(["GY-ECON", "GY-EMB", "GY-TRANS"]);
    expect(chart.stamp.position).toBe(String(countEvents(db)));

    // Before the deadlines nothing is overdue.
    const early = json<{ total: { overdue: number } }>(
      await cli(["board", "--as-of", "2020-08-01", "--json"], db),
    );
    expect(early.total.overdue).toBe(0);
  });

  it("list: tasks (table, filters), overdue (CSV), entities, risks, hazards, accidents (JSON)", async () => {
    const tasks = await cli(["list", "tasks", "--as-of", "2020-12-31", "--workstream", "P01"], db);
    expect(tasks.code).toBe(0);
    expect(tasks.stdout).toContain("P01-001");
    expect(tasks.stdout).not.toContain("P02-001");
    expect(tasks.stdout).toContain("2 tasks as of 2020-12-31.");

    const overdue = await cli(["list", "overdue", "--as-of", "2020-12-31", "--csv"], db);
    expect(overdue.stdout.trim().split("\n")).toEqual([
      "code,workstream,lead unit,state,due,days overdue,escalated to,next step",
      "P01-001,P01,GY-EMB,Assigned,2020-09-30,92,,reminder",
      "P01-002,P01,GY-ECON,Assigned,2020-11-30,31,,reminder",
    ]);

    const entities = json<{ kind: string; count: number; rows: Array<{ entityId: string; status: string }> }>(
      await cli(["list", "entities", "--sector", "coal-mine", "--json"], db),
    );
    expect(entities).toMatchObject({ kind: "entities", count: 1 });
    expect(entities.rows.map((e) => [e.entityId, e.status])).toEqual([["E-0003", "Registered"]]);

    const risks = json<{ rows: Array<{ riskId: string; level: string | null; colour: string | null }> }>(
      await cli(["list", "risks", "--json"], db),
    );
    expect(risks.rows.map((r) => [r.riskId, r.level, r.colour])).toEqual([
      ["R-0001", "major", "red"],
      ["R-0002", "low", "blue"],
      ["R-0003", null, null],
    ]);

    const hazards = json<{ rows: Array<{ hazardId: string; overdue: boolean }> }>(
      await cli(["list", "hazards", "--as-of", "2020-12-31", "--overdue", "--json"], db),
    );
    expect(hazards.rows.map((h) => h.hazardId)).toEqual(["H-0001"]);

    const accidentsCsv = await cli(["list", "accidents", "--district", "lizhou", "--csv"], db);
    const lines = accidentsCsv.stdout.trim().split("\n");
    // In the columns import reads (list accidents --csv is an export the import takes back); the
    // casualty list is personal and stays in the ledger: its column is empty in a list.
    expect(lines[0]).toBe(
      "accidentId,occurredAt,deaths,seriousInjuries,directLossFen,directLossYuan,directLossWanYuan,description,entityId,sector,district,kind,reportedAt,lateReason,casualties",
    );
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["A-2019-01", "A-2020-01"]);
  });

  it("supervision ENTITY --json: dynamic supervision of one entity", async () => {
    const run = await cli(["supervision", "E-0001", "--as-of", "2020-12-31", "--json"], db);
    expect(run.code).toBe(0);
    const view = json<{
      entity: { entityId: string; status: string };
      supervision: Record<string, unknown>;
      risks: unknown[];
      hazards: unknown[];
      accidents: unknown[];
    }>(run);
    expect(view.entity).toMatchObject({ entityId: "E-0001", status: "Active" });
    expect(view.supervision).toMatchObject({
      priority: "high",
      highestRiskLevel: "major",
      highestRiskColour: "red",
      openHazards: 1,
      overdueHazards: 1,
      accidentsLast12Months: 1,
      deathsLast12Months: 1,
    });
    expect([view.risks.length, view.hazards.length, view.accidents.length]).toEqual([1, 1, 1]);

    const missing = await cli(["supervision", "E-9999"], db);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(
      /^error: Entity E-9999 is not on the real-name list as of \d{4}-\d{2}-\d{2}\.$/,
    );
  });

  it("stats accidents --json: exactly the documented shape", async () => {
    const run = await cli(JAN_NOV_2020_STATS, db);
    expect(run.code).toBe(0);
    const stats = json(run);
    expect(Object.keys(stats)).toEqual([
      "current",
      "previous",
      "decrease",
      "changePercent",
      "zeroControl",
      "byClass",
      "bySector",
      "byDistrict",
      "listed",
    ]);
    expect(stats).toMatchObject({
      current: { accidents: 1, deaths: 1, seriousInjuries: 0, directLossFen: 3000000 },
      previous: { accidents: 2, deaths: 3, seriousInjuries: 1, directLossFen: 14000000 },
      decrease: { accidents: 1, deaths: 2 },
      changePercent: { accidents: -50, deaths: -66.7 },
      zeroControl: true,
      bySector: { "hazardous-chemicals": { accidents: 1 } },
      byDistrict: { lizhou: { accidents: 1 } },
      listed: { accidents: 0, counts: { dead: 0, "seriously-injured": 0, injured: 0, missing: 0 } },
    });
    // Nothing to compare with: null, not a number.
    const none = json(
      await cli(["stats", "accidents", "--from", "2019-01-01", "--to", "2019-12-31", "--json"], db),
    );
    expect(none).toMatchObject({ changePercent: { accidents: null, deaths: null } });
  });

  it("--known-at: the ledger as it was recorded then; it is read-only", async () => {
    // Everything here was recorded today, about business dates in 2020: on 2020-12-31 the
    // ledger knew nothing yet, and tomorrow it knows all of it.
    const then = json<{ total: { total: number }; stamp: { events: number } }>(
      await cli(["--known-at", "2020-12-31", "board", "--as-of", "2020-12-31", "--json"], db),
    );
    expect(then.total.total).toBe(0);
    expect(then.stamp.events).toBe(0);
    const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
    const now = json<{ total: { total: number }; stamp: { events: number } }>(
      await cli(["--known-at", tomorrow, "board", "--as-of", "2020-12-31", "--json"], db),
    );
    expect(now.total.total).toBe(3);
    expect(now.stamp.events).toBe(countEvents(db));
    const list = json<{ count: number }>(
      await cli(["--known-at", "2020-12-31", "list", "entities", "--as-of", "2020-12-31", "--json"], db),
    );
    expect(list.count).toBe(0);

    const before = countEvents(db);
    const write = await cli(
      ["--known-at", "2020-12-31", "import", "entities", fixture("entities.csv"), ...AS, "--json"],
      db,
    );
    // A usage error that says first that the view is read-only (not "rows before line 2 …").
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/^error: --known-at 2020-12-31 opens a read-only view/);
    const submitted = await cli(["--known-at", "2020-12-31", "submit", fixture("setup.jsonl")], db);
    expect(submitted.code).toBe(2);
    expect(submitted.stderr).toMatch(/^error: --known-at 2020-12-31 opens a read-only view/);
    expect(countEvents(db)).toBe(before);
  });

  it("rebuild --json and history --as-of", async () => {
    const run = await cli(["rebuild", "--json"], db);
    expect(run.code).toBe(0);
    const report = json(run);
    const events = countEvents(db);
    expect(report).toMatchObject({
      events,
      campaign: { campaigns: 1, workstreams: 2, tasks: 3, responsibilityLists: 0 },
      supervision: { entities: 3, risks: 3, hazards: 2, accidents: 3 },
      stamp: { position: String(events) },
    });
    expect((report.stamp as { lastHash: string }).lastHash).toMatch(/^[0-9a-f]{64}$/);

    const history = await cli(["history", "entity-E-0001", "--as-of", "2020-07-01", "--json"], db);
    expect(json<Array<{ type: string }>>(history).map((e) => e.type)).toEqual([
      "EntityRegistered",
      "EntityActivated",
    ]);
  });

  it("usage errors exit 2 with one sentence; --help exits 0", async () => {
    const runs = await Promise.all([
      cli(["launch-rockets"], db),
      cli(["board", "--as-of", "2020-02-30"], db),
      cli(["list", "widgets"], db),
      cli(["list", "entities", "--workstream", "P01"], db),
      cli(["list", "tasks", "--json", "--csv"], db),
      cli(["import", "entities", fixture("entities.csv")], db),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    for (const r of runs) {
      expect(r.stderr).toMatch(/^error: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(runs[3]?.stderr).toContain("list entities does not take --workstream");
    expect(runs[5]?.stderr).toContain("--as");

    const help = await cli(["import", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/written\s+in one transaction/);
    expect(help.stdout).toContain("coUnits");
    expect(help.stdout).toContain("directLossYuan");
  });

  it("audit verify --json: a row changed through SQL is found at its stream, revision and kind", async () => {
    const ok = await cli(["audit", "verify", "--json"], db);
    expect(ok.code).toBe(0);
    expect(json(ok)).toMatchObject({ ok: true, problems: [] });

    const tampered = join(temp.dir, "tampered.db");
    copyFileSync(db, tampered);
    sql(
      tampered,
      "UPDATE events SET data = json_set(data, '$.deaths', 0) WHERE stream_name = ? AND stream_revision = ?",
      "accident-A-2020-01",
      0,
    );
    const run = await cli(["audit", "verify", "--json"], tampered);
    expect(run.code).toBe(1);
    const report = json<{ ok: boolean; problems: Array<{ stream: string; revision: number; kind: string }> }>(
      run,
    );
    expect(report.ok).toBe(false);
    expect(report.problems.map(({ stream, revision, kind }) => ({ stream, revision, kind }))).toEqual([
      { stream: "accident-A-2020-01", revision: 0, kind: "changed" },
    ]);
  });
});
