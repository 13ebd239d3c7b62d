/**
 * The campaign's commands: launch (April 2020), the lead group, the stages, the 15 workstreams
 * and the 291 elements moved through their lifecycle by dated commands up to 2020-12-31.
 */
import { CAMPAIGN_STAGES, REFERENCE_CAMPAIGN_SPAN, REFERENCE_STAGE_DATES } from "@safety-ledger/core";
import { department, leadGroup, office } from "./actors";
import { type ElementPlan, planElements } from "./campaign-plan";
import { type ActorJson, at, type CommandLog } from "./command-log";
import { addDays, daysBetween, maxDate, minDate } from "./dates";
import { PEOPLE, UNITS, WORKSTREAMS } from "./organisation";
import { seeded } from "./random";

export const GUANGYUAN_CAMPAIGN_ID = "GY-3YEAR-2020";
/** The city government, the unit of the mayor and the deputy mayor on the lead group. */
export const CITY_GOVERNMENT = "GY-CITY-GOV";

const PLAN_ISSUED = "2020-07-06";
const PROMOTION_MEETING = "2020-07-14";
const LAST_DAY = "2020-12-30";

const evidence = (e: ElementPlan, what: string) => [
  {
    description: `${what} for ${e.code} (illustrative)`,
    reference: `GY-${e.workstream.code}-${e.code}-${what.length}`,
  },
];

const launch = (log: CommandLog): void => {
  const id = GUANGYUAN_CAMPAIGN_ID;
  log.add(id, "LaunchCampaign", office, at("2020-04-10", 9), {
    campaignId: id,
    name: "广元市安全生产专项整治三年行动 Guangyuan three-year special rectification of work safety (illustrative data)",
    start: REFERENCE_CAMPAIGN_SPAN.start,
    end: REFERENCE_CAMPAIGN_SPAN.end,
    stages: REFERENCE_STAGE_DATES.map((s) => ({
      ...s,
      name: CAMPAIGN_STAGES.find((d) => d.key === s.key)!.name,
    })),
  });
  const appoint = (minute: number, position: string, unit: string, person: string, title: string) =>
    log.add(`${id}.${unit}.${position}`, "AppointLeadGroupMember", office, at("2020-04-10", 10, minute), {
      campaignId: id,
      position,
      unit,
      person,
      title,
    });
  appoint(0, "leader", CITY_GOVERNMENT, PEOPLE.mayor, "Mayor");
  appoint(1, "deputy", CITY_GOVERNMENT, PEOPLE.deputyMayor, "Deputy mayor in charge of work safety");
  for (const [i, u] of Object.values(UNITS).entries())
    appoint(2 + i, "member", u.id, `Head of ${u.en} (illustrative)`, `Head, ${u.zh}`);
  log.add(id, "AdvanceStage", office, at("2020-06-01", 9), { campaignId: id, stage: "investigation" });
};

const defineWorkstreams = (log: CommandLog, elements: ReadonlyArray<ElementPlan>): void => {
  WORKSTREAMS.forEach((ws, w) => {
    log.add(ws.code, "DefineWorkstream", office, at("2020-04-20", 9, w), {
      code: ws.code,
      campaignId: GUANGYUAN_CAMPAIGN_ID,
      kind: ws.kind,
      name: `${ws.zh} ${ws.en}`,
      leadUnit: ws.lead.id,
      memberUnits: ws.members.map((u) => u.id),
      workingClass: `${ws.zh}工作专班 (${ws.en} working class)`,
    });
    const mine = elements.filter((e) => e.workstream === ws);
    const early = mine.filter((e) => e.stage === "mobilisation").map((e) => e.code);
    const rest = mine.filter((e) => e.stage !== "mobilisation").map((e) => e.code);
    log.add(ws.code, "ListWorkstreamElements", department(ws.lead), at("2020-04-22", 9, w), {
      code: ws.code,
      elements: early,
    });
    log.add(ws.code, "ListWorkstreamElements", department(ws.lead), at(PLAN_ISSUED, 15, w), {
      code: ws.code,
      elements: rest,
    });
  });
};

/** Everything that happens to one element, as dated commands. */
const elementCommands = (log: CommandLog, e: ElementPlan, r: ReturnType<typeof seeded>): void => {
  const ws = e.workstream;
  const mobilisation = e.stage === "mobilisation";
  const assigner = mobilisation ? office : department(ws.lead);
  const assignedOn = mobilisation ? "2020-04-24" : PROMOTION_MEETING;
  const lead = department(e.lead);
  const verifier: ActorJson = e.lead.id !== ws.lead.id && e.index % 3 !== 0 ? department(ws.lead) : office;
  const add = (type: string, actor: ActorJson, date: string, data: Record<string, unknown>, hour = 10) =>
    log.add(e.code, type, actor, at(date, hour, e.index % 60), { code: e.code, ...data }, `gy:${e.code}`);

  add(
    "AssignTaskElement",
    assigner,
    assignedOn,
    {
      campaignId: GUANGYUAN_CAMPAIGN_ID,
      workstream: ws.code,
      task: e.task,
      element: e.element,
      leadUnit: e.lead.id,
      coUnits: e.coUnits.map((u) => u.id),
      deadline: e.deadline,
      stage: e.stage,
      deliverable: e.deliverable,
      ...(e.recurrence === undefined ? {} : { recurrence: e.recurrence }),
    },
    mobilisation ? 10 : 11,
  );
  if (e.fate === "later-assigned") return;

  const D = e.deadline;
  const start =
    e.fate === "later-started" ? addDays("2020-11-02", r.int(0, 20)) : addDays(assignedOn, r.int(2, 7));
  add("StartTaskElement", lead, start, {});
  const progress = (date: string, percent: number, note = "Work under way") =>
    add("ReportTaskProgress", lead, date, { note: `${note} (${percent} %)`, percent }, 15);
  const report = (date: string, period?: string) =>
    add(
      "ReportTaskCompletion",
      lead,
      date,
      {
        summary: `Completed: ${e.element}`,
        evidence: evidence(e, "completion report"),
        ...(period === undefined ? {} : { period }),
      },
      16,
    );
  const verify = (date: string, period?: string) =>
    add(
      "VerifyTaskCompletion",
      verifier,
      date,
      {
        workstream: ws.code,
        note: "Checked against the deliverable",
        ...(period === undefined ? {} : { period }),
      },
      17,
    );
  const reject = (date: string) =>
    add(
      "RejectTaskCompletion",
      verifier,
      date,
      {
        workstream: ws.code,
        reason: "Evidence incomplete: the rectification ledger is missing; redo and report again",
      },
      17,
    );
  const escalate = (date: string, level: string, actor: ActorJson = office) =>
    add("EscalateTaskElement", actor, date, { level, note: `Overdue since ${D}` }, 9);
  const requestExtension = (date: string, newDeadline: string) =>
    add(
      "RequestDeadlineExtension",
      lead,
      date,
      { newDeadline, reason: "Remediation depends on outside approvals not yet given" },
      14,
    );

  switch (e.fate) {
    case "mobilisation-verified": {
      const rep = addDays(D, -r.int(3, 6));
      report(rep);
      verify(addDays(rep, r.int(1, 4)));
      return;
    }
    case "mobilisation-rejected-redone":
    case "rejected-redone": {
      report(addDays(D, mobilisation ? -10 : -25));
      reject(addDays(D, mobilisation ? -8 : -21));
      progress(addDays(D, mobilisation ? -6 : -15), 80, "Missing records being collected");
      report(addDays(D, mobilisation ? -3 : -6));
      verify(addDays(D, 2));
      return;
    }
    case "verified": {
      const rep = addDays(D, -r.int(3, 12));
      progress(addDays(start, Math.floor(daysBetween(start, rep) / 2)), 50);
      report(rep);
      verify(minDate(addDays(rep, r.int(1, 6)), LAST_DAY));
      return;
    }
    case "extended-verified": {
      const newD = addDays(D, 30);
      progress(addDays(D, -20), 40);
      requestExtension(addDays(D, -12), newD);
      add("GrantDeadlineExtension", department(ws.lead), addDays(D, -8), { note: "Granted" }, 11);
      report(addDays(newD, -8));
      verify(addDays(newD, -3));
      return;
    }
    case "extended-pending": {
      progress(addDays(D, -25), 30);
      requestExtension(addDays(D, -15), "2021-06-30");
      add(
        "GrantDeadlineExtension",
        department(ws.lead),
        addDays(D, -10),
        { newDeadline: "2021-03-31", note: "Granted to the end of 2021-Q1, not to mid-year" },
        11,
      );
      progress(minDate(addDays(D, 5), LAST_DAY), 60);
      return;
    }
    case "extension-denied-overdue": {
      progress(addDays(D, -15), 50);
      requestExtension(addDays(D, -10), addDays(D, 30));
      add(
        "DenyDeadlineExtension",
        department(ws.lead),
        addDays(D, -6),
        { reason: "The deadline is set by the city plan; finish on time" },
        11,
      );
      escalate(addDays(D, 10), "reminder");
      escalate(addDays(D, 35), "supervision-notice");
      return;
    }
    case "overdue-reported-late": {
      progress(addDays(D, -20), 40);
      escalate(addDays(D, 7), "reminder");
      escalate(addDays(D, 30), "supervision-notice");
      report(addDays(D, 40));
      return;
    }
    case "overdue-accountability": {
      progress(addDays(D, -20), 30);
      escalate(addDays(D, 7), "reminder");
      escalate(addDays(D, 30), "supervision-notice");
      escalate(addDays(D, 60), "accountability-interview", leadGroup);
      return;
    }
    case "awaiting-verification": {
      progress("2020-10-15", 50);
      report(addDays("2020-12-20", r.int(0, 8)));
      return;
    }
    case "in-progress": {
      progress("2020-10-15", 30);
      progress("2020-12-01", 70);
      return;
    }
    case "cancelled": {
      add(
        "CancelTaskElement",
        office,
        "2020-09-20",
        {
          reason: "Merged into another element of the same workstream",
          approvalDocument: "GY-SAFETY-OFFICE [2020] No. 37 (illustrative)",
        },
        11,
      );
      return;
    }
    case "recurring": {
      report(addDays("2020-09-22", r.int(0, 6)), "2020-Q3");
      verify(addDays("2020-10-05", r.int(0, 6)), "2020-Q3");
      report(addDays("2020-12-18", r.int(0, 5)), "2020-Q4");
      if (ws.code.endsWith("1") || ws.code.endsWith("3") || ws.code.endsWith("5"))
        verify(maxDate(addDays("2020-12-26", r.int(0, 2)), "2020-12-26"), "2020-Q4");
      return;
    }
    case "recurring-missed": {
      escalate("2020-10-15", "reminder");
      report("2020-11-20", "2020-Q3");
      return;
    }
    case "later-started": {
      progress(addDays(start, 20), 10, "Preparation");
      return;
    }
  }
};

/** Every command of the campaign context. */
export const campaignCommands = (log: CommandLog): void => {
  const elements = planElements();
  launch(log);
  defineWorkstreams(log, elements);
  const r = seeded(2020_12_31);
  for (const e of elements) elementCommands(log, e, r);
};
