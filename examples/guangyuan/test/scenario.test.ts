import {
  accidentStats,
  campaignEvents,
  campaignLedgerProjection,
  createMemoryStore,
  DISTRICT_KEYS,
  decodeCommandJson,
  entityList,
  hazardList,
  keyTaskList,
  ledgerAsOf,
  overdueList,
  responsibilityPerformance,
  riskDistribution,
  runProjections,
  SECTOR_KEYS,
  supervisionLedgerEvents,
  supervisionProjection,
  verifyStore,
  wallChart,
} from "@safety-ledger/core";
import {
  GUANGYUAN_AS_OF,
  GUANGYUAN_CAMPAIGN_ID,
  GUANGYUAN_COMPARISON_PERIOD,
  guangyuanCommands,
  RESPONSIBILITY_LIST_ID,
  type RunResult,
  runGuangyuan,
} from "@safety-ledger/example-guangyuan";
import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";

const store = createMemoryStore();
let first: RunResult;

const campaignModel = async () =>
  (await runProjections(store, campaignEvents, [campaignLedgerProjection])).models[0];
const supervisionModel = async (asOf = GUANGYUAN_AS_OF) =>
  (await runProjections(store, supervisionLedgerEvents, [supervisionProjection], { slice: { asOf } }))
    .models[0];

beforeAll(async () => {
  first = await runGuangyuan(store);
});

describe("the commands", () => {
  const commands = guangyuanCommands();

  it("are the same on every call, with unique ids", () => {
    expect(guangyuanCommands()).toEqual(commands);
    expect(new Set(commands.map((c) => c.commandId)).size).toBe(commands.length);
  });

  it("all decode, and run in business-time order from 2019 to 2020-12-31", () => {
    for (const c of commands) expect(E.isRight(decodeCommandJson(c)), c.commandId).toBe(true);
    const times = commands.map((c) => Date.parse(c.occurredAt));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(commands[0]!.occurredAt.startsWith("2019-01")).toBe(true);
    expect(commands[0]!.type).toBe("ReportAccident");
    expect(commands.at(-1)!.occurredAt <= `${GUANGYUAN_AS_OF}T23:59:59+08:00`).toBe(true);
    const launch = commands.find((c) => c.type === "LaunchCampaign")!;
    expect(launch.occurredAt.startsWith("2020-04")).toBe(true);
    expect(String(launch.data.name)).toContain("illustrative");
  });

  it("a rejected command stops the run, naming it", async () => {
    const bad = commands.map((c) =>
      c.type === "VerifyTaskCompletion" && c.actor.role === "department"
        ? { ...c, actor: { ...c.actor, unit: "GY-NOBODY" } }
        : c,
    );
    await expect(runGuangyuan(createMemoryStore(), { commands: bad })).rejects.toThrow(
      /VerifyTaskCompletion gy:.* was rejected: .*GY-NOBODY/,
    );
  });
});

describe("running the scenario", () => {
  it("appends every command once; a second run appends nothing", async () => {
    expect(first.commands).toBe(guangyuanCommands().length);
    expect(first.appended).toBe(first.commands);
    expect(first.duplicates).toBe(0);
    expect(first.events).toBeGreaterThanOrEqual(first.commands);
    const progress: Array<[number, number]> = [];
    const again = await runGuangyuan(store, { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toHaveLength(first.commands);
    expect(progress.at(-1)).toEqual([first.commands, first.commands]);
    expect(again).toEqual({ commands: first.commands, appended: 0, duplicates: first.commands, events: 0 });
    expect(store.size).toBe(first.events);
  });

  it("leaves hash chains that verify", async () => {
    const report = await verifyStore(store);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.events).toBe(first.events);
  });
});

describe("the campaign as of 2020-12-31", () => {
  it("has the lead group, 2 topics + 13 projects led by 9 distinct units, in the investigation stage", async () => {
    const ledger = ledgerAsOf(await campaignModel(), GUANGYUAN_AS_OF);
    const campaign = ledger.campaigns.get(GUANGYUAN_CAMPAIGN_ID)!;
    expect(campaign.stages[campaign.currentStage]!.key).toBe("investigation");
    const workstreams = [...ledger.workstreams.values()].filter((w) => w.status !== "Undefined");
    expect(workstreams).toHaveLength(15);
    expect(workstreams.filter((w) => w.status !== "Undefined" && w.kind === "topic")).toHaveLength(2);
    expect(workstreams.filter((w) => w.status !== "Undefined" && w.kind === "project")).toHaveLength(13);
    expect(new Set(workstreams.map((w) => (w.status === "Undefined" ? "" : w.leadUnit))).size).toBe(9);
    const chart = wallChart(await campaignModel(), GUANGYUAN_AS_OF);
    expect(chart.campaigns[0]?.currentStage).toBe("investigation");
    expect(chart.byWorkstream).toHaveLength(15);
  });

  it("has 291 elements, in all four stages", async () => {
    const model = await campaignModel();
    const chart = wallChart(model, GUANGYUAN_AS_OF);
    expect(chart.total.total).toBe(291);
    expect(chart.byWorkstream.reduce((n, c) => n + c.total, 0)).toBe(291);
    expect(keyTaskList(model, GUANGYUAN_AS_OF)).toHaveLength(291);
    for (const stage of chart.byStage) expect(stage.total, stage.key).toBeGreaterThan(0);
    // Dated commands: before the plan of July only the mobilisation elements existed.
    expect(wallChart(model, "2020-06-30").total.total).toBe(30);
  });

  it("moves elements through every state: verified, rejected and redone, extended, overdue and escalated", async () => {
    const model = await campaignModel();
    const chart = wallChart(model, GUANGYUAN_AS_OF);
    for (const status of ["Assigned", "InProgress", "CompletionReported", "Verified", "Cancelled"] as const)
      expect(chart.total.byStatus[status], status).toBeGreaterThan(0);
    const tasks = [...ledgerAsOf(model, GUANGYUAN_AS_OF).tasks.values()].flatMap((t) =>
      t.status === "Unassigned" ? [] : [t],
    );
    const redone = tasks.filter(
      (t) => t.status === "Verified" && t.periods.some((p) => p.rejections.length > 0),
    );
    expect(redone.length).toBeGreaterThan(0);
    const extended = tasks.filter((t) => t.periods.some((p) => p.dueHistory.length > 1));
    expect(extended.some((t) => t.status === "Verified")).toBe(true);
    expect(extended.some((t) => t.status === "InProgress" && t.periods[0]!.due > GUANGYUAN_AS_OF)).toBe(true);
    const recurringDone = tasks.filter(
      (t) => t.recurrence === "quarterly" && t.periods[0]!.status === "Verified",
    );
    expect(recurringDone.length).toBeGreaterThan(0);

    const overdue = overdueList(model, GUANGYUAN_AS_OF);
    expect(overdue.length).toBe(chart.total.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((r) => r.escalations.length > 0)).toBe(true);
    expect(overdue.some((r) => r.highestEscalation === "accountability-interview")).toBe(true);
    expect(overdue.some((r) => r.highestEscalation === "supervision-notice")).toBe(true);
    // Reported is not verified: completion reported late is still overdue.
    expect(overdue.some((r) => r.state === "CompletionReported")).toBe(true);
  });
});

describe("the responsibility list as of 2020-12-31", () => {
  it("has duties performed and duties missed, derived per quarter from the version in force", async () => {
    const rows = responsibilityPerformance(await campaignModel(), GUANGYUAN_AS_OF, {
      listId: RESPONSIBILITY_LIST_ID,
    });
    const q3 = rows.filter((r) => r.period === "2020-Q3");
    const q4 = rows.filter((r) => r.period === "2020-Q4");
    // Nine meetings in Q3 (version 1); nine meetings and the bureau's inspections in Q4 (version 2).
    expect(q3).toHaveLength(9);
    expect(q3.every((r) => r.status === "met")).toBe(true);
    expect(q4).toHaveLength(10);
    // On 31 December the quarter is not over yet: the two units without a meeting are still open…
    const notMet = q4.filter((r) => r.status !== "met");
    expect(notMet.map((r) => [r.subjectUnit, r.status, r.performed]).sort()).toEqual([
      ["GY-AGRI", "open", 0],
      ["GY-ECOENV", "open", 0],
    ]);
    // …and the day after, their duty for the quarter is missed.
    const after = responsibilityPerformance(await campaignModel(), "2021-01-01", { status: "missed" });
    expect(after.map((r) => `${r.subjectUnit} ${r.period}`).sort()).toEqual([
      "GY-AGRI 2020-Q4",
      "GY-ECOENV 2020-Q4",
    ]);
    const inspections = q4.find((r) => r.itemId === "GY-EMB-INSPECT");
    expect(inspections).toMatchObject({ version: 2, required: 2, performed: 2, status: "met" });
  });
});

describe("the supervision lists as of 2020-12-31", () => {
  it("has supervised entities in all 15 sectors and all 3 districts and 4 counties", async () => {
    const entities = entityList(await supervisionModel());
    expect(new Set(entities.map((e) => e.sector))).toEqual(new Set(SECTOR_KEYS));
    expect(new Set(entities.map((e) => e.district))).toEqual(new Set(DISTRICT_KEYS));
    expect(SECTOR_KEYS).toHaveLength(15);
    expect(DISTRICT_KEYS).toHaveLength(7);
  });

  it("has risks of all four colours", async () => {
    const { total } = riskDistribution(await supervisionModel());
    for (const colour of ["red", "orange", "yellow", "blue"] as const)
      expect(total[colour], colour).toBeGreaterThan(0);
  });

  it("has hazards from self-inspection and government inspection, general and major, exactly one listed", async () => {
    const hazards = hazardList(await supervisionModel(), GUANGYUAN_AS_OF);
    const kinds = new Set(hazards.map((h) => `${h.source}/${h.procedure}`));
    for (const k of [
      "self-inspection/general",
      "self-inspection/major",
      "government-inspection/general",
      "government-inspection/major",
    ])
      expect(kinds.has(k), k).toBe(true);
    expect(hazards.filter((h) => h.listedBy !== null)).toHaveLength(1);
    expect(hazards.some((h) => h.procedure === "major" && h.status === "Closed")).toBe(true);
    expect(hazards.some((h) => h.overdue && h.escalations > 0)).toBe(true);
    expect(hazards.some((h) => h.reopens !== null)).toBe(true);
  });
});

describe("the accident statistics", () => {
  it("give the published figures for January–November 2020 against 2019", async () => {
    const stats = accidentStats(await supervisionModel(), GUANGYUAN_COMPARISON_PERIOD);
    expect(stats.current.accidents).toBe(31);
    expect(stats.current.deaths).toBe(30);
    expect(stats.previous.accidents).toBe(53);
    expect(stats.previous.deaths).toBe(55);
    expect(stats.decrease).toEqual({ accidents: 22, deaths: 25 });
    expect(stats.changePercent).toEqual({ accidents: -41.5, deaths: -45.5 });
    expect(stats.zeroControl).toBe(true);
    expect(stats.byClass.general.accidents).toBe(31);
  });

  it("count revised figures: 2019 had a larger accident, revised up from a general one", async () => {
    const model = await supervisionModel();
    expect(accidentStats(model, { from: "2019-01-01", to: "2019-11-30" }).zeroControl).toBe(false);
    // As first reported, before its revision, the 2019 accident was general and one death short.
    const beforeRevision = Object.values(model.accidents).find((a) => a.accidentClass === "larger")!;
    const early = await supervisionModel(beforeRevision.occurredAt.slice(0, 10));
    expect(early.accidents[beforeRevision.accidentId]?.accidentClass).toBe("general");
  });
});
