import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CampaignEvent,
  campaignDecider,
  responsibilityListAggregate,
  responsibilityListDecider,
  type TaskElementCommand,
  taskElementDecider,
  workstreamDecider,
} from "../../campaign/index";
import {
  assignCommand,
  at,
  CO_UNIT,
  dept,
  ELEMENT_LEAD,
  LEAD_GROUP,
  OFFICE,
  taskLedger,
  WS_LEAD,
} from "../../campaign/testing";
import { addDays } from "../../campaign/values";
import type { Actor } from "../../kernel/envelope";
import { type Envelope, endOf, project } from "../../kernel/projection";
import {
  type CampaignLedgerModel,
  campaignLedgerProjection,
  dueSoon,
  keyTaskList,
  ledgerAsOf,
  overdueList,
  responsibilityPerformance,
  wallChart,
} from "./index";

const evidence = [{ description: "台账", reference: "doc" }];

const envelopesOf = (s: ReturnType<typeof taskLedger>) => s.ledger.envelopes;

describe("campaign read models", () => {
  const s = taskLedger();
  s.ok(assignCommand("HC-01"), OFFICE, "2020-07-20");
  s.ok(assignCommand("HC-02", { deadline: "2020-09-30", coUnits: [] }), OFFICE, "2020-07-20");
  s.ok(
    assignCommand("HC-03", {
      leadUnit: "GY-HOUSING",
      coUnits: ["GY-EIB"],
      stage: "tackling",
      deadline: "2021-03-31",
    }),
    OFFICE,
    "2020-07-20",
  );
  s.ok(assignCommand("HC-04", { recurrence: "quarterly", deadline: "2021-06-30" }), OFFICE, "2020-07-20");
  s.ok({ type: "StartTaskElement", data: { code: "HC-01" } }, ELEMENT_LEAD, "2020-08-01");
  s.ok(
    { type: "ReportTaskCompletion", data: { code: "HC-01", summary: "s", evidence } },
    ELEMENT_LEAD,
    "2020-09-01",
  );
  s.ok({ type: "VerifyTaskCompletion", data: { code: "HC-01", workstream: "HC" } }, WS_LEAD, "2020-09-05");
  s.ok({ type: "CancelTaskElement", data: { code: "HC-02", reason: "并入" } }, OFFICE, "2020-08-01");
  s.ok({ type: "StartTaskElement", data: { code: "HC-03" } }, dept("GY-HOUSING"), "2021-01-05");
  s.ok({ type: "EscalateTaskElement", data: { code: "HC-03", level: "reminder" } }, OFFICE, "2021-04-10");
  s.ok({ type: "StartTaskElement", data: { code: "HC-04" } }, ELEMENT_LEAD, "2020-08-01");
  s.ledger.ok(
    responsibilityListAggregate,
    {
      type: "PublishResponsibilityList",
      data: {
        listId: "GY",
        title: "责任清单",
        effectiveFrom: "2020-07-01",
        items: [
          {
            itemId: "R1",
            subject: { unit: "GY-EIB", post: "主要负责人" },
            tier: "city",
            duty: "专题会议",
            legalBasis: "规定",
            requirement: { count: 1, per: "quarter" },
            evidenceKind: "纪要",
            accountability: "约谈",
          },
        ],
      },
    },
    OFFICE,
    at("2020-07-01"),
  );
  s.ledger.ok(
    responsibilityListAggregate,
    {
      type: "RecordDutyPerformance",
      data: { listId: "GY", itemId: "R1", performedOn: "2020-08-01", evidence },
    },
    ELEMENT_LEAD,
    at("2020-08-02"),
  );
  const model = project(campaignLedgerProjection, s.ledger.envelopes);

  it("the wall chart counts by state per workstream, stage and unit, with rates and overdue", () => {
    const chart = wallChart(model, "2021-04-15");
    expect(chart.total.byStatus).toEqual({
      Assigned: 0,
      InProgress: 2,
      CompletionReported: 0,
      Verified: 1,
      Cancelled: 1,
    });
    expect(chart.total.completionRate).toBe(0.3333);
    expect(chart.total.verificationRate).toBe(0.3333);
    expect(chart.total.overdue).toBe(2); // HC-03 past 2021-03-31; HC-04's quarters unreported
    expect(chart.byWorkstream.map((c) => [c.key, c.label, c.total])).toEqual([["HC", "危险化学品", 4]]);
    expect(chart.byStage.map((c) => [c.key, c.total])).toEqual([
      ["mobilisation", 0],
      ["investigation", 3],
      ["tackling", 1],
      ["consolidation", 0],
    ]);
    expect(chart.byUnit.map((c) => [c.key, c.total, c.overdue])).toEqual([
      ["GY-EIB", 3, 1],
      ["GY-HOUSING", 1, 1],
    ]);
    expect(chart.total.nextDeadlines).toEqual([
      { code: "HC-04", period: "2021-Q2", due: "2021-06-30", leadUnit: "GY-EIB" },
    ]);
    expect(chart.campaigns).toEqual([
      { campaignId: "GY", name: expect.any(String), status: "Running", currentStage: "investigation" },
    ]);
  });

  it("a cell's next deadlines are the five first of all its upcoming periods by due date and code, ties in the tasks' order", () => {
    const statuses = ["Assigned", "InProgress", "CompletionReported", "Verified", "Cancelled"] as const;
    const task = fc.record({
      status: fc.constantFrom(...statuses),
      code: fc.constantFrom("A-1", "A-2", "B-1", "B-2"),
      leadUnit: fc.constantFrom("U1", "U2"),
      periods: fc.array(
        fc.record({
          key: fc.constantFrom("Q1", "Q2", "Q3", "Q4"),
          due: fc.constantFrom("2021-03-31", "2021-06-30", "2021-07-01", "2021-09-30"),
          status: fc.constantFrom("Open", "Verified"),
        }),
        { maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(task, { maxLength: 12 }),
        fc.constantFrom("2021-06-30", "2021-07-01"),
        (tasks, asOf) => {
          const states = {
            statesAsOf: asOf,
            campaigns: new Map(),
            workstreams: new Map(),
            responsibilityLists: new Map(),
            tasks: new Map(
              tasks.map((t, i) => [
                `t${String(i).padStart(2, "0")}`,
                { ...t, workstream: "W", element: "E", stage: "S", escalations: [] },
              ]),
            ),
          } as unknown as Parameters<typeof wallChart>[0];
          // the reference: every upcoming period, sorted (stably) by due date then code
          const all = tasks
            .filter((t) => t.status !== "Cancelled")
            .flatMap((t) =>
              t.periods
                .filter((p) => p.status !== "Verified" && p.due >= asOf)
                .map((p) => ({ code: t.code, period: p.key, due: p.due, leadUnit: t.leadUnit })),
            )
            .sort((a, b) =>
              a.due !== b.due ? (a.due < b.due ? -1 : 1) : a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
            );
          expect(wallChart(states, asOf).total.nextDeadlines).toEqual(all.slice(0, 5));
        },
      ),
    );
  });

  it("as of an earlier date, the wall chart shows the state then", () => {
    const chart = wallChart(model, "2020-07-31");
    expect(chart.total.byStatus).toMatchObject({ Assigned: 4, InProgress: 0 });
    expect(chart.total.overdue).toBe(0);
    expect(wallChart(model, "2020-01-01").total.total).toBe(0);
  });

  it("the Key Task List has the official columns and filters by unit, workstream, stage, state and overdue", () => {
    const rows = keyTaskList(model, "2021-04-15");
    expect(rows.map((r) => r.code)).toEqual(["HC-01", "HC-02", "HC-03", "HC-04"]);
    expect(rows[2]).toEqual({
      code: "HC-03",
      workstream: "HC",
      workstreamName: "危险化学品",
      task: expect.any(String),
      element: "要素 HC-03",
      leadUnit: "GY-HOUSING",
      coUnits: ["GY-EIB"],
      deadline: "2021-03-31",
      recurrence: "none",
      stage: "tackling",
      stageName: "集中攻坚",
      deliverable: "排查台账",
      state: "InProgress",
      overdue: true,
      overdueDays: 15,
    });
    expect(keyTaskList(model, "2021-04-15", { unit: "GY-HOUSING" }).map((r) => r.code)).toEqual(["HC-03"]);
    expect(keyTaskList(model, "2021-04-15", { unit: "GY-EIB" }).map((r) => r.code)).toEqual([
      "HC-01",
      "HC-02",
      "HC-03",
      "HC-04",
    ]);
    expect(keyTaskList(model, "2021-04-15", { unit: "GY-MPS" }).map((r) => r.code)).toEqual([
      "HC-01",
      "HC-04",
    ]);
    expect(keyTaskList(model, "2021-04-15", { stage: "tackling" }).map((r) => r.code)).toEqual(["HC-03"]);
    expect(keyTaskList(model, "2021-04-15", { state: "Cancelled" }).map((r) => r.code)).toEqual(["HC-02"]);
    expect(keyTaskList(model, "2021-04-15", { overdue: true }).map((r) => r.code)).toEqual([
      "HC-03",
      "HC-04",
    ]);
    expect(keyTaskList(model, "2021-04-15", { workstream: "FS" })).toEqual([]);
  });

  it("the overdue list says how late and which escalations were taken", () => {
    const rows = overdueList(model, "2021-04-15");
    expect(rows.map((r) => [r.code, r.due, r.daysOverdue, r.highestEscalation, r.nextEscalation])).toEqual([
      ["HC-04", "2020-09-30", 197, null, "reminder"],
      ["HC-03", "2021-03-31", 15, "reminder", "supervision-notice"],
    ]);
    expect(rows[0]?.missedPeriods).toEqual(["2020-Q3", "2020-Q4", "2021-Q1"]);
    expect(rows[1]?.escalations).toEqual([{ level: "reminder", on: "2021-04-10", by: "GY-EMB", note: "" }]);
    expect(overdueList(model, "2021-04-09").find((r) => r.code === "HC-03")?.escalations).toEqual([]);
  });

  it("due soon lists what falls due within the next days", () => {
    expect(dueSoon(model, "2021-03-20", 15).map((r) => r.code)).toEqual(["HC-03"]);
  });

  it("responsibility performance: required vs performed per subject and period, missed derived", () => {
    const rows = responsibilityPerformance(model, "2020-12-15");
    expect(rows.map((r) => [r.subjectUnit, r.period, r.required, r.performed, r.status])).toEqual([
      ["GY-EIB", "2020-Q3", 1, 1, "met"],
      ["GY-EIB", "2020-Q4", 1, 0, "open"],
    ]);
    expect(responsibilityPerformance(model, "2021-01-01", { status: "missed" }).map((r) => r.period)).toEqual(
      ["2020-Q4"],
    );
    expect(responsibilityPerformance(model, "2021-01-01", { subjectUnit: "GY-X" })).toEqual([]);
  });
});

// ---------------------------------------------------------------- properties

const CODES = ["HC-01", "HC-02", "HC-03"] as const;
type Op = {
  readonly kind: number;
  readonly code: (typeof CODES)[number];
  readonly days: number;
  readonly k: number;
};

const commandFor = (op: Op, date: string): { command: TaskElementCommand; actor: Actor } => {
  const code = op.code;
  switch (op.kind) {
    case 0:
      return {
        command: assignCommand(
          code,
          op.k % 2 === 0 ? {} : { recurrence: "quarterly", deadline: "2021-06-30" },
        ),
        actor: OFFICE,
      };
    case 1:
      return { command: { type: "StartTaskElement", data: { code } }, actor: ELEMENT_LEAD };
    case 2:
      return {
        command: { type: "ReportTaskCompletion", data: { code, summary: "s", evidence } },
        actor: ELEMENT_LEAD,
      };
    case 3:
      return { command: { type: "VerifyTaskCompletion", data: { code, workstream: "HC" } }, actor: WS_LEAD };
    case 4:
      return {
        command: { type: "RejectTaskCompletion", data: { code, workstream: "HC", reason: "r" } },
        actor: OFFICE,
      };
    case 5:
      return {
        command: {
          type: "RequestDeadlineExtension",
          data: { code, newDeadline: addDays(date, op.k * 10 + 1), reason: "r" },
        },
        actor: ELEMENT_LEAD,
      };
    case 6:
      return { command: { type: "GrantDeadlineExtension", data: { code } }, actor: OFFICE };
    case 7:
      return { command: { type: "EscalateTaskElement", data: { code, level: "reminder" } }, actor: OFFICE };
    case 8:
      return { command: { type: "CancelTaskElement", data: { code, reason: "r" } }, actor: LEAD_GROUP };
    default:
      return { command: { type: "ReportTaskProgress", data: { code, note: "n" } }, actor: CO_UNIT };
  }
};

const opArb = fc.record({
  kind: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) },
    { weight: 4, arbitrary: fc.integer({ min: 4, max: 9 }) },
  ),
  code: fc.constantFrom(...CODES),
  days: fc.integer({ min: 0, max: 45 }),
  k: fc.integer({ min: 0, max: 30 }),
});

/** A random but valid history: random commands, the rejected ones dropped. */
const historyArb = fc
  .tuple(fc.array(fc.nat(3), { minLength: 3, maxLength: 3 }), fc.array(opArb, { maxLength: 60 }))
  .map(([recurrence, ops]) => {
    const s = taskLedger();
    let date = "2020-07-15";
    CODES.forEach((code, i) => {
      s.submit(commandFor({ kind: 0, code, days: 0, k: recurrence[i] ?? 0 }, date).command, OFFICE, date);
    });
    for (const op of ops) {
      date = addDays(date, op.days);
      const { command, actor } = commandFor(op, date);
      s.submit(command, actor, date);
    }
    return { envelopes: envelopesOf(s), last: date };
  });

describe("projection laws", () => {
  it("rebuilding from scratch equals feeding the events incrementally, split anywhere", () => {
    fc.assert(
      fc.property(historyArb, fc.nat(), ({ envelopes }, cut) => {
        const split = envelopes.length === 0 ? 0 : cut % (envelopes.length + 1);
        const first = project(campaignLedgerProjection, envelopes.slice(0, split));
        const resumed = envelopes.slice(split).reduce(campaignLedgerProjection.apply, first);
        expect(resumed).toEqual(project(campaignLedgerProjection, envelopes));
      }),
      { numRuns: 60 },
    );
  });

  it("every query as of D equals the same query on the projection of the events up to D", () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 900 }), ({ envelopes }, offset) => {
        const asOf = addDays("2020-07-10", offset);
        const full = project(campaignLedgerProjection, envelopes);
        const upTo = project(campaignLedgerProjection, envelopes, { asOf });
        expect(wallChart(full, asOf)).toEqual(wallChart(upTo, asOf));
        expect(keyTaskList(full, asOf)).toEqual(keyTaskList(upTo, asOf));
        expect(overdueList(full, asOf)).toEqual(overdueList(upTo, asOf));
        expect(responsibilityPerformance(full, asOf)).toEqual(responsibilityPerformance(upTo, asOf));
      }),
      { numRuns: 60 },
    );
  });

  it("the histories the properties run on are not trivial", () => {
    const samples = fc.sample(historyArb, { numRuns: 30, seed: 7 });
    const types = new Set(samples.flatMap((h) => h.envelopes.map((e) => e.event.type)));
    expect([...types]).toEqual(
      expect.arrayContaining([
        "TaskElementAssigned",
        "TaskElementStarted",
        "TaskCompletionReported",
        "TaskCompletionVerified",
      ]),
    );
  });
});

// ---------------------------------------------------------------- as of, with late entries

/**
 * The same histories with every event's business instant redrawn at random, so that events are
 * entered late (backdated before events already in their stream), several fall on one day, and
 * instants come with other offsets and milliseconds.
 */
const backdatedArb = fc
  .tuple(historyArb, fc.infiniteStream(fc.tuple(fc.integer({ min: 0, max: 900 * 24 }), fc.nat(3))))
  .map(([{ envelopes }, draws]) =>
    envelopes.map((e): Envelope<CampaignEvent> => {
      const [hours, form] = draws.next().value as [number, number];
      const instant = new Date(Date.parse("2020-04-01T00:00:00Z") + hours * 3_600_000);
      const iso = instant.toISOString();
      const local = new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
      const occurredAt =
        form === 0
          ? iso
          : form === 1
            ? `${local}+08:00`
            : form === 2
              ? `${iso.slice(0, 19)}Z`
              : `${iso.slice(0, 10)}T23:59:59.999+08:00`;
      return { event: e.event, meta: { ...e.meta, metadata: { ...e.meta.metadata, occurredAt } } };
    }),
  );

const DECIDERS = {
  campaign: ["campaigns", campaignDecider],
  workstream: ["workstreams", workstreamDecider],
  task: ["tasks", taskElementDecider],
  resplist: ["responsibilityLists", responsibilityListDecider],
} as const;

/** The oracle: per stream, the aggregate's own fold of exactly the events that occurred by then. */
const foldedAsOf = (envelopes: ReadonlyArray<Envelope<CampaignEvent>>, asOf: string) => {
  const cutoff = endOf(asOf);
  const byKind: Record<string, Map<string, unknown[]>> = {
    campaigns: new Map(),
    workstreams: new Map(),
    tasks: new Map(),
    responsibilityLists: new Map(),
  };
  for (const { event, meta } of envelopes) {
    if (!(Date.parse(meta.metadata.occurredAt) <= cutoff)) continue;
    const dash = meta.stream.indexOf("-");
    const [kind] = DECIDERS[meta.stream.slice(0, dash) as keyof typeof DECIDERS];
    const id = meta.stream.slice(dash + 1);
    byKind[kind]!.set(id, [...(byKind[kind]!.get(id) ?? []), event]);
  }
  return Object.fromEntries([
    ["statesAsOf", asOf],
    ...Object.values(DECIDERS).map(([kind, decider]) => {
      const ids = [...byKind[kind]!.keys()].sort();
      // biome-ignore lint/suspicious/noExplicitAny: each kind folds its own events
      const d = decider as any;
      return [kind, new Map(ids.map((id) => [id, byKind[kind]!.get(id)!.reduce(d.evolve, d.initialState)]))];
    }),
  ]);
};

/** The rebuild's path: a private copy of the empty model changed in place, event by event. */
const inPlace = (envelopes: ReadonlyArray<Envelope<CampaignEvent>>): CampaignLedgerModel => {
  const fast = campaignLedgerProjection.inPlace!;
  const model = fast.copy(campaignLedgerProjection.init);
  for (const e of envelopes) fast.apply(model, e);
  return model;
};

describe("as of a date, with events entered late", () => {
  const asOfArb = fc.oneof(
    fc.integer({ min: 0, max: 950 }).map((d) => addDays("2020-03-25", d)),
    fc
      .integer({ min: 0, max: 950 * 24 * 60 })
      .map((m) => new Date(Date.parse("2020-03-25T00:00:00Z") + m * 60_000).toISOString()),
  );

  it("the state of every stream as of D is the fold of exactly the events that occurred by D", () => {
    fc.assert(
      fc.property(backdatedArb, asOfArb, (envelopes, asOf) => {
        const model = project(campaignLedgerProjection, envelopes);
        expect(ledgerAsOf(model, asOf)).toEqual(foldedAsOf(envelopes, asOf));
        expect(ledgerAsOf(inPlace(envelopes), asOf)).toEqual(foldedAsOf(envelopes, asOf));
      }),
      { numRuns: 80 },
    );
  });

  it("the in-place path ends in the model of the pure path; every query as of D equals it on the events up to D", () => {
    fc.assert(
      fc.property(backdatedArb, asOfArb, (envelopes, asOf) => {
        const model = project(campaignLedgerProjection, envelopes);
        expect(inPlace(envelopes)).toEqual(model);
        const upTo = project(campaignLedgerProjection, envelopes, { asOf });
        expect(wallChart(model, asOf)).toEqual(wallChart(upTo, asOf));
        expect(keyTaskList(model, asOf)).toEqual(keyTaskList(upTo, asOf));
        expect(overdueList(model, asOf)).toEqual(overdueList(upTo, asOf));
        expect(responsibilityPerformance(model, asOf)).toEqual(responsibilityPerformance(upTo, asOf));
      }),
      { numRuns: 60 },
    );
  });

  it("the redrawn histories do enter events late", () => {
    const samples = fc.sample(backdatedArb, { numRuns: 20, seed: 11 });
    const late = samples.filter((envelopes) =>
      envelopes.some(
        (e, i) =>
          envelopes.findIndex(
            (f, j) =>
              j < i &&
              f.meta.stream === e.meta.stream &&
              Date.parse(f.meta.metadata.occurredAt) > Date.parse(e.meta.metadata.occurredAt),
          ) >= 0,
      ),
    );
    expect(late.length).toBeGreaterThan(10);
  });
});
