/**
 * Correcting a mistake through the built CLI: a corrected district moves the accident in the
 * statistics, a withdrawn duplicate no longer counts, and history keeps both.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild, tempDir } from "./helpers";

const actor = { unit: "GY-EMB", role: "department", person: "Wang" };
const report = (accidentId: string, district: string) => ({
  type: "ReportAccident",
  commandId: `report-${accidentId}`,
  actor,
  occurredAt: "2020-05-01T10:30:00+08:00",
  data: {
    accidentId,
    occurredAt: "2020-05-01T10:00:00+08:00",
    deaths: 1,
    seriousInjuries: 0,
    directLossFen: 0,
    description: "坠落",
    entityId: null,
    sector: "construction",
    district,
  },
});

let dir: { dir: string; remove: () => void };
let db: string;
const submit = async (commands: object[]) => {
  const file = join(dir.dir, `c${Math.random()}.jsonl`);
  writeFileSync(file, `${commands.map((c) => JSON.stringify(c)).join("\n")}\n`);
  return cli(["submit", file, "--json"], db);
};
const stats = async () =>
  JSON.parse(
    (await cli(["stats", "accidents", "--from", "2020-01-01", "--to", "2020-12-31", "--json"], db)).stdout,
  ) as {
    current: { accidents: number; deaths: number };
    byDistrict: Record<string, { accidents: number }>;
  };

beforeAll(async () => {
  requireBuild();
  dir = tempDir();
  db = join(dir.dir, "ledger.db");
  expect((await submit([report("A-1", "lizhou"), report("A-2", "lizhou")])).code).toBe(0);
});
afterAll(() => dir.remove());

describe("corrections and withdrawals", () => {
  it("a corrected district moves the accident; a withdrawn duplicate no longer counts", async () => {
    expect((await stats()).current).toMatchObject({ accidents: 2, deaths: 2 });
    const run = await submit([
      {
        type: "CorrectAccidentReport",
        commandId: "fix-A-1",
        actor,
        occurredAt: "2020-05-02T09:00:00+08:00",
        data: { accidentId: "A-1", district: "cangxi", reason: "wrong county typed" },
      },
      {
        type: "WithdrawAccidentReport",
        commandId: "withdraw-A-2",
        actor,
        occurredAt: "2020-05-02T09:05:00+08:00",
        data: { accidentId: "A-2", duplicateOf: "A-1", reason: "the same fall reported twice" },
      },
    ]);
    expect(run.code, run.stdout).toBe(0);
    const after = await stats();
    expect(after.current).toMatchObject({ accidents: 1, deaths: 1 });
    expect(after.byDistrict.cangxi?.accidents).toBe(1);
    expect(after.byDistrict.lizhou).toBeUndefined();
    // The HTML report counts what the statistics count: the withdrawn duplicate is not there.
    const html = join(dir.dir, "report.html");
    const page = await cli(
      ["report", "--html", html, "--as-of", "2020-12-31", "--from", "2020-01-01", "--to", "2020-12-31"],
      db,
    );
    expect(page.code, page.stderr).toBe(0);
    const figures = Object.fromEntries(
      [...readFileSync(html, "utf8").matchAll(/data-figure="([^"]+)" data-value="([^"]*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    expect(figures).toMatchObject({ "accidents.current.accidents": "1", "accidents.current.deaths": "1" });
  });

  it("lists leave the withdrawn report out unless asked for it, and history keeps every step", async () => {
    const listed = JSON.parse((await cli(["list", "accidents", "--json"], db)).stdout);
    expect(listed.rows.map((r: { accidentId: string }) => r.accidentId)).toEqual(["A-1"]);
    const withdrawn = JSON.parse(
      (await cli(["list", "accidents", "--status", "已撤回", "--json"], db)).stdout,
    );
    expect(withdrawn.rows.map((r: { accidentId: string }) => r.accidentId)).toEqual(["A-2"]);
    const history = await cli(["history", "accident-A-1"], db);
    expect(history.stdout).toContain("AccidentReportCorrected");
    expect(history.stdout).toContain("AccidentReported");
  });
});

describe("corrections of an entity, and casualties set by the investigation", () => {
  it("CorrectEntityDetails renames the entity in the list and keeps the old name in history", async () => {
    const run = await submit([
      {
        type: "RegisterEntity",
        commandId: "reg-E-9",
        actor,
        occurredAt: "2020-05-01T09:00:00+08:00",
        data: {
          entityId: "E-9",
          name: "利州化工",
          sector: "hazardous-chemicals",
          district: "lizhou",
          supervisingDepartment: "GY-EMB",
          principal: { name: "李明" },
          safetyManager: { name: "赵磊" },
        },
      },
      {
        type: "CorrectEntityDetails",
        commandId: "fix-E-9",
        actor,
        occurredAt: "2020-05-03T09:00:00+08:00",
        data: { entityId: "E-9", name: "利州化工有限公司", reason: "登记时名称有误" },
      },
    ]);
    expect(run.code, run.stdout).toBe(0);
    const list = JSON.parse((await cli(["list", "entities", "--json"], db)).stdout);
    expect(list.rows.find((r: { entityId: string }) => r.entityId === "E-9")).toMatchObject({
      name: "利州化工有限公司",
      history: [expect.objectContaining({ field: "name", from: "利州化工", to: "利州化工有限公司" })],
    });
    expect((await cli(["history", "entity-E-9"], db)).stdout).toContain("EntityDetailsCorrected");
  });

  it("after the window, the investigation's conclusion sets the casualty figures and the class", async () => {
    const late = await submit([
      {
        type: "ReviseAccidentCasualties",
        commandId: "revise-A-1-late",
        actor,
        occurredAt: "2020-07-01T09:00:00+08:00",
        data: { accidentId: "A-1", deaths: 3, seriousInjuries: 0, reason: "late" },
      },
    ]);
    expect(JSON.parse(late.stdout.trim()).error.code).toBe("REVISION_WINDOW_CLOSED");
    const concluded = await submit([
      {
        type: "ConcludeAccidentInvestigation",
        commandId: "conclude-A-1",
        actor,
        occurredAt: "2020-07-01T09:00:00+08:00",
        data: {
          accidentId: "A-1",
          reportRef: "广安调〔2020〕7号",
          cause: "未系安全带",
          liability: true,
          casualties: { deaths: 3, seriousInjuries: 0 },
        },
      },
    ]);
    expect(concluded.code, concluded.stdout).toBe(0);
    expect(JSON.parse(concluded.stdout.trim()).events).toEqual([
      "AccidentCasualtiesConcluded",
      "AccidentInvestigationConcluded",
    ]);
    const after = JSON.parse(
      (await cli(["stats", "accidents", "--from", "2020-01-01", "--to", "2020-12-31", "--json"], db)).stdout,
    );
    expect(after.current).toMatchObject({ accidents: 1, deaths: 3 });
    expect(after.zeroControl).toBe(false);
    // The rules re-derive the class from the concluded figures, and the record says so.
    const history = JSON.parse((await cli(["history", "accident-A-1", "--json"], db)).stdout) as Array<{
      type: string;
      data: Record<string, unknown>;
    }>;
    expect(history.find((e) => e.type === "AccidentCasualtiesConcluded")?.data).toMatchObject({
      fromClass: "general",
      accidentClass: "larger",
      reportRef: "广安调〔2020〕7号",
    });
  });
});

describe("a hazard's record corrected", () => {
  it("CorrectHazardDescription changes the description the list shows, history keeps both", async () => {
    const run = await submit([
      {
        type: "RegisterHazard",
        commandId: "reg-H-9",
        actor,
        occurredAt: "2020-05-04T09:00:00+08:00",
        data: {
          hazardId: "H-9",
          entityId: "E-9",
          source: "government-inspection",
          grade: "general",
          description: "消防通道堵塞",
          discoveredOn: "2020-05-04",
          deadline: "2020-05-20",
        },
      },
      {
        type: "CorrectHazardDescription",
        commandId: "fix-H-9",
        actor,
        occurredAt: "2020-05-05T09:00:00+08:00",
        data: { hazardId: "H-9", entityId: "E-9", description: "东侧楼梯消防通道堵塞", reason: "部位写漏" },
      },
    ]);
    expect(run.code, run.stdout).toBe(0);
    const history = JSON.parse((await cli(["history", "hazard-H-9", "--json"], db)).stdout);
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      "HazardRegistered",
      "HazardDescriptionCorrected",
    ]);
    const csv = (await cli(["list", "hazards", "--csv"], db)).stdout;
    expect(csv).toContain("东侧楼梯消防通道堵塞");
  });
});
