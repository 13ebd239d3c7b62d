/**
 * The three basic lists as commands: the real-name list of entities, their risks (all four
 * colours) and hidden hazards (self-inspection and government inspection, general and major,
 * one under listed supervision). ILLUSTRATIVE data.
 */

import { agency, department, enterprise, office } from "./actors";
import { type ActorJson, at, type CommandLog } from "./command-log";
import { addDays } from "./dates";
import { type EntityPlan, personName, planEntities } from "./entities-plan";
import { pad } from "./random";

type Level = "red" | "orange" | "yellow" | "blue";
const LEVELS: ReadonlyArray<Level> = ["red", "orange", "yellow", "blue", "yellow", "blue", "orange", "blue"];
/** LEC factors and matrix cells that grade to each colour under the default bands. */
const LEC: Record<Level, { l: number; e: number; c: number }> = {
  red: { l: 6, e: 6, c: 15 }, // D = 540 ≥ 320: major
  orange: { l: 3, e: 6, c: 15 }, // D = 270 ≥ 160: larger
  yellow: { l: 3, e: 6, c: 7 }, // D = 126 ≥ 70: general
  blue: { l: 1, e: 6, c: 3 }, // D = 18: low
};
const MATRIX: Record<Level, { likelihood: number; severity: number }> = {
  red: { likelihood: 4, severity: 5 }, // 20: major
  orange: { likelihood: 3, severity: 5 }, // 15: larger
  yellow: { likelihood: 3, severity: 3 }, // 9: general
  blue: { likelihood: 2, severity: 2 }, // 4: low
};

const inspector = (e: EntityPlan) =>
  department(e.supervisor, `Inspector of ${e.supervisor.id} (illustrative)`);
const manager = (e: EntityPlan) => enterprise(e.id, e.safetyManager);
const principal = (e: EntityPlan) => enterprise(e.id, e.principal);

const entityCommands = (log: CommandLog, e: EntityPlan): void => {
  const dept = department(e.supervisor);
  log.add(e.id, "RegisterEntity", dept, at(e.registeredOn, 9, e.index), {
    entityId: e.id,
    name: e.name,
    sector: e.sector,
    district: e.district,
    supervisingDepartment: e.supervisor.id,
    principal: { name: e.principal },
    safetyManager: { name: e.safetyManager },
    address: `${e.district} (illustrative address)`,
  });
  log.add(e.id, "ActivateEntity", dept, at(e.registeredOn, 14, e.index), { entityId: e.id });
  if (e.index === 5)
    log.add(e.id, "ChangeSafetyManager", principal(e), at("2020-12-10", 10), {
      entityId: e.id,
      safetyManager: { name: personName(111) },
      reason: "The former safety manager retired",
    });
  if (e.index === 7) {
    log.add(e.id, "SuspendEntity", dept, at("2020-10-12", 10), {
      entityId: e.id,
      reason: "Ordered to suspend production pending rectification of its dust-explosion controls",
    });
    log.add(e.id, "ResumeEntity", dept, at("2020-11-20", 10), { entityId: e.id });
  }
  if (e.index === 44)
    log.add(e.id, "CloseEntity", dept, at("2020-12-15", 10), {
      entityId: e.id,
      reason: "Ceased operations and deregistered",
    });
};

const riskCommands = (log: CommandLog, e: EntityPlan): void => {
  for (const j of [0, 1]) {
    const g = 2 * e.index + j;
    const riskId = `GY-R${pad(e.index + 1, 3)}-${j + 1}`;
    const level = LEVELS[g % LEVELS.length]!;
    const actor: ActorJson = g % 4 === 3 ? department(e.supervisor) : manager(e);
    const identified = addDays(e.registeredOn, 10 + (g % 10));
    const ids = { riskId, entityId: e.id };
    const method = (l: Level) =>
      g % 7 === 0
        ? { lec: LEC[l], matrix: MATRIX[l] }
        : g % 5 === 0
          ? { matrix: MATRIX[l] }
          : { lec: LEC[l] };
    const controls = {
      measures: [
        "Daily inspection by the shift leader",
        "Interlocks and gas/pressure alarms checked monthly",
      ],
      responsiblePerson: { name: e.principal },
    };
    log.add(riskId, "IdentifyRisk", actor, at(identified, 10, g % 60), {
      ...ids,
      name: `Risk point ${j + 1} of ${e.id} (illustrative)`,
      location: j === 0 ? "Main production area" : "Storage area",
    });
    log.add(riskId, "AssessRisk", actor, at(addDays(identified, 2), 10, g % 60), {
      ...ids,
      stage: "initial",
      ...method(level),
      ...(level === "red" || level === "orange" ? { controls } : {}),
    });
    if (level === "red" && g % 16 === 8)
      log.add(riskId, "AssessRisk", actor, at(addDays(identified, 60), 10, g % 60), {
        ...ids,
        stage: "residual",
        ...method("orange"),
      });
    if (g === 10)
      log.add(riskId, "AssessRisk", department(e.supervisor), at("2020-10-20", 10), {
        ...ids,
        stage: "initial",
        ...method("orange"),
        controls,
        reason: "Reassessed after the storage area was enlarged",
      });
    if (g === 89)
      log.add(riskId, "RetireRisk", actor, at("2020-11-30", 10), {
        ...ids,
        reason: "The storage area was emptied before the enterprise closed",
      });
  }
};

/** One general hazard per entity, with a few special cases. */
const generalHazard = (log: CommandLog, e: EntityPlan): void => {
  const i = e.index;
  const hazardId = `GY-H${pad(i + 1, 3)}`;
  const ids = { hazardId, entityId: e.id };
  const source = i === 12 ? "public-report" : i % 3 === 0 ? "government-inspection" : "self-inspection";
  const registrar =
    source === "self-inspection" ? manager(e) : source === "public-report" ? office : inspector(e);
  const discovered = i === 15 ? "2020-12-20" : addDays("2020-07-01", (i * 7) % 110);
  const deadline = addDays(discovered, i === 15 ? 31 : 20);
  const add = (type: string, actor: ActorJson, date: string, data: Record<string, unknown> = {}, hour = 10) =>
    log.add(hazardId, type, actor, at(date, hour, i), { ...ids, ...data });
  const accepter = source === "self-inspection" && i % 2 === 0 ? principal(e) : inspector(e);

  add("RegisterHazard", registrar, discovered, {
    source,
    grade: "general",
    description: `General hazard found at ${e.id} (illustrative): guard rails and signage missing`,
    discoveredOn: discovered,
    deadline,
    location: "Workshop 2",
  });
  if (i === 15) return;
  const rectify = (date: string) =>
    add(
      "RecordRectification",
      manager(e),
      date,
      { measures: "Guard rails installed and signage restored" },
      15,
    );
  const accept = (date: string) => add("AcceptHazard", accepter, date, { note: "Checked on site" }, 16);
  const rectified = addDays(discovered, 5 + (i % 8));
  switch (i) {
    case 3:
      rectify(rectified);
      add(
        "RejectHazardAcceptance",
        accepter,
        addDays(rectified, 2),
        { reason: "Guard rail height below 1.05 m" },
        16,
      );
      rectify(addDays(rectified, 3));
      accept(addDays(rectified, 5));
      return;
    case 6:
    case 21: {
      add(
        "RequestHazardDeadlineExtension",
        principal(e),
        addDays(discovered, 10),
        { requested: addDays(deadline, 15), reason: "The replacement parts are on order" },
        11,
      );
      if (i === 6) {
        add("GrantHazardDeadlineExtension", inspector(e), addDays(discovered, 12), {}, 11);
        rectify(addDays(deadline, 5));
        accept(addDays(deadline, 7));
      } else {
        add(
          "DenyHazardDeadlineExtension",
          inspector(e),
          addDays(discovered, 12),
          { reason: "Temporary guards are available; rectify on time" },
          11,
        );
        rectify(addDays(deadline, 3));
        accept(addDays(deadline, 5));
      }
      return;
    }
    case 9:
      add(
        "EscalateHazard",
        inspector(e),
        addDays(deadline, 10),
        {
          measure: "supervision-letter",
          documentRef: `${e.supervisor.id} supervision letter [2020] No. 12 (illustrative)`,
        },
        9,
      );
      add(
        "EscalateHazard",
        inspector(e),
        addDays(deadline, 41),
        {
          measure: "public-criticism",
          documentRef: `${e.supervisor.id} notice [2020] No. 19 (illustrative)`,
        },
        9,
      );
      return;
    default:
      rectify(rectified);
      accept(addDays(rectified, 2));
  }
  if (i === 18) {
    const reopened = `${hazardId}-R1`;
    log.add(reopened, "RegisterHazard", manager(e), at("2020-12-05", 10), {
      hazardId: reopened,
      entityId: e.id,
      source: "self-inspection",
      grade: "general",
      description: "The guard rail came loose again (illustrative)",
      discoveredOn: "2020-12-05",
      deadline: "2020-12-25",
      location: "Workshop 2",
      reopens: hazardId,
    });
    log.add(reopened, "RecordRectification", manager(e), at("2020-12-20", 15), {
      hazardId: reopened,
      entityId: e.id,
      measures: "Guard rail welded instead of bolted",
    });
  }
};

const PLAN = (timeLimit: string) => ({
  objectives: "Eliminate the hazard and restore safe production (illustrative)",
  methods: "Engineering remediation under a qualified design",
  fundsAndMaterials: "CNY 1.2 million set aside; materials procured",
  organisationAndPeople: "Principal in charge; safety manager and a remediation team of 12",
  timeLimit,
  safetyAndEmergency: "Area cordoned off; emergency plan drilled before work starts",
});
const FIVE = [
  ["measures", "Remediation measures approved"],
  ["responsibility", "Principal and safety manager named responsible"],
  ["funds", "Funds transferred to the remediation account"],
  ["time-limit", "Time limit set in the treatment plan"],
  ["contingency-plan", "Contingency plan issued and drilled"],
] as const;

/** The major hazards: one self-inspection find closed, one listed, one with a failed evaluation. */
const majorHazards = (log: CommandLog, entities: ReadonlyArray<EntityPlan>): void => {
  const major = (hazardId: string, e: EntityPlan) => {
    const ids = { hazardId, entityId: e.id };
    return (type: string, actor: ActorJson, date: string, hour: number, data: Record<string, unknown> = {}) =>
      log.add(hazardId, type, actor, at(date, hour), { ...ids, ...data });
  };
  const confirmAll = (add: ReturnType<typeof major>, e: EntityPlan, date: string) =>
    FIVE.forEach(([element, detail], k) => {
      add("ConfirmImplementation", manager(e), date, 9 + k, { element, detail });
    });

  // 1. Self-inspection, closed within the rules.
  const e1 = entities[0]!;
  const m1 = major("GY-HM01", e1);
  const desc = "Major hazard (illustrative): roof support of the main roadway below standard";
  m1("RegisterHazard", manager(e1), "2020-08-05", 9, {
    source: "self-inspection",
    grade: "major",
    description: desc,
    discoveredOn: "2020-08-04",
    deadline: "2020-10-31",
  });
  m1("ReportMajorHazard", manager(e1), "2020-08-05", 15);
  m1("SubmitTreatmentPlan", manager(e1), "2020-08-10", 9, { plan: PLAN("2020-10-31") });
  m1("SuspendProductionForHazard", principal(e1), "2020-08-10", 16, {
    scope: "partial",
    workersWithdrawn: true,
    note: "Working face 3 stopped",
  });
  confirmAll(m1, e1, "2020-08-11");
  m1("StartRemediation", manager(e1), "2020-08-13", 9);
  m1("RecordRectification", manager(e1), "2020-10-20", 15, { measures: "Roadway re-supported with anchors" });
  m1("EvaluateHazardTreatment", agency, "2020-10-25", 10, {
    evaluator: "agency",
    evaluatorName: "Sichuan safety evaluation agency (illustrative)",
    conclusion: "effective",
    reportRef: "Evaluation report 2020-117 (illustrative)",
  });
  m1("ApplyForHazardAcceptance", principal(e1), "2020-10-27", 10, {
    applicationRef: "GY-E001 application 2020-04",
  });
  m1("AcceptHazard", inspector(e1), "2020-11-03", 10, { note: "Accepted on site; written off" });

  // 2. Government inspection, under listed supervision by the office; still being remediated.
  const e2 = entities[2]!;
  const m2 = major("GY-HM02", e2);
  m2("RegisterHazard", inspector(e2), "2020-09-15", 10, {
    source: "government-inspection",
    grade: "major",
    description: "Major hazard (illustrative): tank farm too close to the public road",
    discoveredOn: "2020-09-15",
    deadline: "2020-12-31",
  });
  m2("ListHazardForSupervision", office, "2020-09-18", 10, {
    documentRef: "GY-SAFETY-OFFICE listing notice [2020] No. 3 (illustrative)",
    deadline: "2021-03-31",
  });
  m2("SubmitTreatmentPlan", manager(e2), "2020-09-25", 9, { plan: PLAN("2021-03-31") });
  m2("SuspendProductionForHazard", inspector(e2), "2020-09-25", 15, {
    scope: "full",
    workersWithdrawn: true,
    note: "Tank farm emptied",
  });
  confirmAll(m2, e2, "2020-09-28");
  m2("StartRemediation", manager(e2), "2020-10-10", 9);

  // 3. Self-inspection; the own experts find the first rectification ineffective; the decision is late.
  const e3 = entities[16]!;
  const m3 = major("GY-HM03", e3);
  m3("RegisterHazard", manager(e3), "2020-09-01", 9, {
    source: "self-inspection",
    grade: "major",
    description: "Major hazard (illustrative): tailings dam seepage line too high",
    discoveredOn: "2020-09-01",
    deadline: "2020-11-30",
  });
  m3("ReportMajorHazard", manager(e3), "2020-09-01", 15);
  m3("SubmitTreatmentPlan", manager(e3), "2020-09-05", 9, { plan: PLAN("2020-11-30") });
  confirmAll(m3, e3, "2020-09-06");
  m3("StartRemediation", manager(e3), "2020-09-08", 9);
  m3("RecordRectification", manager(e3), "2020-10-30", 15, { measures: "Drainage wells added" });
  m3("EvaluateHazardTreatment", principal(e3), "2020-11-02", 10, {
    evaluator: "own-experts",
    evaluatorName: "The enterprise's own expert panel (illustrative)",
    conclusion: "ineffective",
    reportRef: "Internal evaluation 2020-09 (illustrative)",
  });
  m3("RecordRectification", manager(e3), "2020-11-12", 15, {
    measures: "Drainage wells deepened; seepage line lowered",
  });
  m3("EvaluateHazardTreatment", agency, "2020-11-16", 10, {
    evaluator: "agency",
    evaluatorName: "Sichuan safety evaluation agency (illustrative)",
    conclusion: "effective",
    reportRef: "Evaluation report 2020-142 (illustrative)",
  });
  m3("ApplyForHazardAcceptance", principal(e3), "2020-11-18", 10, {
    applicationRef: "GY-E017 application 2020-02",
  });
  m3("AcceptHazard", inspector(e3), "2020-12-01", 10, { note: "Accepted on site after the 10-day period" });
};

/** Every command of the supervision context. */
export const supervisionCommands = (log: CommandLog): void => {
  const entities = planEntities();
  for (const e of entities) entityCommands(log, e);
  for (const e of entities) riskCommands(log, e);
  for (const e of entities) generalHazard(log, e);
  majorHazards(log, entities);
};
