/**
 * A small history for the report tests, entered as a user would: JSON commands decoded with
 * `decodeCommandJson` and handled by `createCommandHandler` on the in-memory store.
 *
 * What it holds as of 2020-12-31:
 * - campaign GY launched 2020-04-01; workstreams HC (lead GY-EMB) and FS (lead GY-FIRE);
 * - elements HC-01 verified, HC-02 reported (not verified) and overdue since 2020-10-31 with a
 *   reminder, HC-03 cancelled, FS-01 verified, FS-02 in progress, overdue since 2020-09-30 with
 *   a reminder and a supervision notice, FS-03 assigned, due 2021-06-30;
 * - entities E1 (hazardous chemicals, Lizhou), E2 (hazardous chemicals, Cangxi), E3 (construction, Cangxi);
 * - risks: red and blue at E1, orange at E2, yellow at E3, and a retired one at E3;
 * - hazards: H1 general self-inspection closed by the enterprise; H2 general from government
 *   inspection, open and overdue; H3 major, listed by the office, open;
 * - accidents: 2019 Jan–Nov 5 accidents / 6 deaths (one "larger" with 3 deaths);
 *   2020 Jan–Nov 3 accidents / 2 deaths, all general (A20-1 lists one dead and one injured,
 *   A20-3 one missing); and one in December 2020.
 */
import {
  type Actor,
  createCommandHandler,
  createMemoryStore,
  decodeCommandJson,
  type EventStore,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";

export const LEAD_GROUP: Actor = { unit: "GY-GOV", role: "lead-group", person: "Mayor Zhang" };
export const OFFICE: Actor = { unit: "GY-OFFICE", role: "office", person: "Office clerk Li" };
const dept = (unit: string): Actor => ({ unit, role: "department", person: `${unit} clerk` });
const enterprise = (unit: string, person = `${unit} manager`): Actor => ({
  unit,
  role: "enterprise",
  person,
});
const EMB = dept("GY-EMB");
const FIRE = dept("GY-FIRE");
const HOUSING = dept("GY-HOUSING");

interface Cmd {
  readonly type: string;
  readonly actor: Actor;
  readonly on: string;
  readonly data: Record<string, unknown>;
}

const at = (date: string) => (date.includes("T") ? date : `${date}T10:00:00+08:00`);

const campaign: Cmd[] = [
  {
    type: "LaunchCampaign",
    actor: LEAD_GROUP,
    on: "2020-04-01",
    data: {
      campaignId: "GY",
      name: "广元市安全生产专项整治三年行动",
      start: "2020-04-01",
      end: "2022-12-31",
      stages: [
        { key: "mobilisation", start: "2020-04-01", end: "2020-05-31" },
        { key: "investigation", start: "2020-06-01", end: "2020-12-31" },
        { key: "tackling", start: "2021-01-01", end: "2021-12-31" },
        { key: "consolidation", start: "2022-01-01", end: "2022-12-31" },
      ],
    },
  },
  {
    type: "DefineWorkstream",
    actor: OFFICE,
    on: "2020-04-10",
    data: {
      code: "HC",
      campaignId: "GY",
      kind: "project",
      name: "危险化学品",
      leadUnit: "GY-EMB",
      memberUnits: ["GY-ECON", "GY-MARKET"],
    },
  },
  {
    type: "DefineWorkstream",
    actor: OFFICE,
    on: "2020-04-10",
    data: {
      code: "FS",
      campaignId: "GY",
      kind: "project",
      name: "消防安全",
      leadUnit: "GY-FIRE",
      memberUnits: [],
    },
  },
  {
    type: "ListWorkstreamElements",
    actor: OFFICE,
    on: "2020-04-11",
    data: { code: "HC", elements: ["HC-01", "HC-02", "HC-03"] },
  },
  {
    type: "ListWorkstreamElements",
    actor: OFFICE,
    on: "2020-04-11",
    data: { code: "FS", elements: ["FS-01", "FS-02", "FS-03"] },
  },
  ...(
    [
      ["HC-01", "HC", "GY-EMB", "2020-08-31", "investigation"],
      ["HC-02", "HC", "GY-EMB", "2020-10-31", "investigation"],
      ["HC-03", "HC", "GY-EMB", "2020-11-30", "investigation"],
      ["FS-01", "FS", "GY-FIRE", "2020-07-31", "investigation"],
      ["FS-02", "FS", "GY-FIRE", "2020-09-30", "investigation"],
      ["FS-03", "FS", "GY-FIRE", "2021-06-30", "tackling"],
    ] as const
  ).map(
    ([code, workstream, leadUnit, deadline, stage]): Cmd => ({
      type: "AssignTaskElement",
      actor: OFFICE,
      on: "2020-04-15",
      data: {
        code,
        campaignId: "GY",
        workstream,
        task: `${workstream} task`,
        element: `element ${code}`,
        leadUnit,
        coUnits: [],
        deadline,
        stage,
        deliverable: "台账",
      },
    }),
  ),
  { type: "StartTaskElement", actor: EMB, on: "2020-05-01", data: { code: "HC-01" } },
  {
    type: "ReportTaskCompletion",
    actor: EMB,
    on: "2020-08-20",
    data: { code: "HC-01", summary: "done", evidence: [{ description: "台账", reference: "D-1" }] },
  },
  {
    type: "VerifyTaskCompletion",
    actor: OFFICE,
    on: "2020-08-25",
    data: { code: "HC-01", workstream: "HC" },
  },
  { type: "StartTaskElement", actor: EMB, on: "2020-06-01", data: { code: "HC-02" } },
  {
    type: "EscalateTaskElement",
    actor: OFFICE,
    on: "2020-11-10",
    data: { code: "HC-02", level: "reminder" },
  },
  {
    type: "ReportTaskCompletion",
    actor: EMB,
    on: "2020-12-10",
    data: { code: "HC-02", summary: "done late", evidence: [{ description: "报告", reference: "D-2" }] },
  },
  {
    type: "CancelTaskElement",
    actor: OFFICE,
    on: "2020-06-15",
    data: { code: "HC-03", reason: "merged into HC-02" },
  },
  { type: "StartTaskElement", actor: FIRE, on: "2020-05-01", data: { code: "FS-01" } },
  {
    type: "ReportTaskCompletion",
    actor: FIRE,
    on: "2020-07-20",
    data: { code: "FS-01", summary: "done", evidence: [{ description: "台账", reference: "F-1" }] },
  },
  {
    type: "VerifyTaskCompletion",
    actor: OFFICE,
    on: "2020-07-28",
    data: { code: "FS-01", workstream: "FS" },
  },
  { type: "StartTaskElement", actor: FIRE, on: "2020-06-01", data: { code: "FS-02" } },
  {
    type: "EscalateTaskElement",
    actor: OFFICE,
    on: "2020-10-15",
    data: { code: "FS-02", level: "reminder" },
  },
  {
    type: "EscalateTaskElement",
    actor: OFFICE,
    on: "2020-11-15",
    data: { code: "FS-02", level: "supervision-notice" },
  },
];

const entity = (entityId: string, sector: string, district: string, department: Actor): Cmd[] => [
  {
    type: "RegisterEntity",
    actor: department,
    on: "2020-05-01",
    data: {
      entityId,
      name: `企业 ${entityId}`,
      sector,
      district,
      supervisingDepartment: department.unit,
      principal: { name: `${entityId} principal` },
      safetyManager: { name: `${entityId} safety manager` },
    },
  },
  { type: "ActivateEntity", actor: department, on: "2020-05-02", data: { entityId } },
];

const controls = { measures: ["监测"], responsiblePerson: { name: "Li Na" } };
const risk = (riskId: string, entityId: string, lec: object, on: string, extra: object = {}): Cmd[] => [
  {
    type: "IdentifyRisk",
    actor: enterprise(entityId),
    on,
    data: { riskId, entityId, name: `risk ${riskId}` },
  },
  {
    type: "AssessRisk",
    actor: enterprise(entityId),
    on,
    data: { riskId, entityId, stage: "initial", lec, ...extra },
  },
];

const supervision: Cmd[] = [
  ...entity("E1", "hazardous-chemicals", "lizhou", EMB),
  ...entity("E2", "hazardous-chemicals", "cangxi", EMB),
  ...entity("E3", "construction", "cangxi", HOUSING),
  ...risk("R1", "E1", { l: 10, e: 6, c: 40 }, "2020-06-01", { controls }), // D = 2400: major, red
  ...risk("R2", "E1", { l: 1, e: 6, c: 3 }, "2020-06-01"), // 18: low, blue
  ...risk("R3", "E2", { l: 6, e: 6, c: 7 }, "2020-07-01", { controls }), // 252: larger, orange
  ...risk("R4", "E3", { l: 3, e: 6, c: 7 }, "2020-08-01"), // 126: general, yellow
  ...risk("R5", "E3", { l: 3, e: 6, c: 7 }, "2020-08-01"),
  {
    type: "RetireRisk",
    actor: enterprise("E3"),
    on: "2020-09-01",
    data: { riskId: "R5", entityId: "E3", reason: "removed" },
  },
  {
    type: "RegisterHazard",
    actor: enterprise("E1"),
    on: "2020-06-05",
    data: {
      hazardId: "H1",
      entityId: "E1",
      source: "self-inspection",
      grade: "general",
      description: "missing guard",
      discoveredOn: "2020-06-05",
      deadline: "2020-06-30",
    },
  },
  {
    type: "RecordRectification",
    actor: enterprise("E1", "E1 worker"),
    on: "2020-06-20",
    data: { hazardId: "H1", entityId: "E1", measures: "guard fitted" },
  },
  {
    type: "AcceptHazard",
    actor: enterprise("E1"),
    on: "2020-06-25",
    data: { hazardId: "H1", entityId: "E1" },
  },
  {
    type: "RegisterHazard",
    actor: EMB,
    on: "2020-09-01",
    data: {
      hazardId: "H2",
      entityId: "E2",
      source: "government-inspection",
      grade: "general",
      description: "blocked exit",
      discoveredOn: "2020-09-01",
      deadline: "2020-09-30",
    },
  },
  {
    type: "RegisterHazard",
    actor: EMB,
    on: "2020-10-01",
    data: {
      hazardId: "H3",
      entityId: "E1",
      source: "government-inspection",
      grade: "major",
      description: "corroded pipe",
      discoveredOn: "2020-10-01",
      deadline: "2021-03-31",
    },
  },
  {
    type: "ListHazardForSupervision",
    actor: OFFICE,
    on: "2020-10-05",
    data: { hazardId: "H3", entityId: "E1", documentRef: "GY-AB-2020-1" },
  },
];

const accident = (
  accidentId: string,
  occurredAt: string,
  deaths: number,
  district: string,
  casualties?: ReadonlyArray<{ name: string; outcome: string }>,
): Cmd => ({
  type: "ReportAccident",
  actor: OFFICE,
  on: occurredAt,
  data: {
    accidentId,
    occurredAt,
    deaths,
    seriousInjuries: 0,
    directLossFen: 100_000_00,
    description: `accident ${accidentId}`,
    sector: "construction",
    district,
    ...(casualties === undefined ? {} : { casualties }),
  },
});

const accidents: Cmd[] = [
  accident("A19-1", "2019-01-15T09:00:00+08:00", 1, "lizhou"),
  accident("A19-2", "2019-03-10T09:00:00+08:00", 0, "cangxi"),
  accident("A19-3", "2019-03-20T09:00:00+08:00", 3, "cangxi"), // larger
  accident("A19-4", "2019-07-01T09:00:00+08:00", 1, "lizhou"),
  accident("A19-5", "2019-11-30T09:00:00+08:00", 1, "lizhou"),
  accident("A20-1", "2020-01-20T09:00:00+08:00", 1, "lizhou", [
    { name: "Casualty One", outcome: "dead" },
    { name: "Casualty Two", outcome: "injured" },
  ]),
  accident("A20-2", "2020-03-05T09:00:00+08:00", 0, "cangxi"),
  accident("A20-3", "2020-08-08T09:00:00+08:00", 1, "cangxi", [
    { name: "Casualty Three", outcome: "missing" },
  ]),
  accident("A20-D", "2020-12-05T09:00:00+08:00", 2, "lizhou"),
];

/** The commands in their JSON form, in the order they are submitted. */
export const smallHistory = (): unknown[] =>
  [...campaign, ...supervision, ...accidents].map((c, i) => ({
    type: c.type,
    commandId: `report-test-${i + 1}`,
    actor: c.actor,
    occurredAt: at(c.on),
    data: c.data,
  }));

/** Submit the small history to a store (a new in-memory one by default); throws on any rejection. */
export const loadSmallHistory = async (store: EventStore = createMemoryStore()): Promise<EventStore> => {
  const handle = createCommandHandler(store, { clock: () => new Date("2021-01-05T00:00:00Z") });
  for (const json of smallHistory()) {
    const decoded = decodeCommandJson(json);
    if (E.isLeft(decoded)) throw new Error(`${JSON.stringify(json)}: ${decoded.left.message}`);
    const outcome = await handle(decoded.right.aggregate, decoded.right.envelope);
    if (E.isLeft(outcome))
      throw new Error(`${(json as { type: string }).type}: ${outcome.left.code} ${outcome.left.message}`);
  }
  return store;
};
