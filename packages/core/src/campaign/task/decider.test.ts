import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  campaignAggregate,
  isOverdue,
  type TaskElementEvent,
  taskElementDecider,
  taskOverdueDays,
  workstreamAggregate,
} from "../index";
import {
  assignCommand,
  at,
  CO_UNIT,
  codeOf,
  dept,
  ELEMENT_LEAD,
  given,
  LEAD_GROUP,
  OFFICE,
  taskLedger,
  WS_LEAD,
} from "../testing";

const evidence = [{ description: "排查台账", reference: "GY-EIB-2020-17" }];

const setUp = taskLedger;

const start = { type: "StartTaskElement" as const, data: { code: "HC-01" } };
const report = (period?: string) => ({
  type: "ReportTaskCompletion" as const,
  data: { code: "HC-01", summary: "done", evidence, ...(period === undefined ? {} : { period }) },
});
const verify = (period?: string) => ({
  type: "VerifyTaskCompletion" as const,
  data: { code: "HC-01", workstream: "HC", ...(period === undefined ? {} : { period }) },
});
const rejectCompletion = {
  type: "RejectTaskCompletion" as const,
  data: { code: "HC-01", workstream: "HC", reason: "台账不全" },
};
const requestExt = (newDeadline: string) => ({
  type: "RequestDeadlineExtension" as const,
  data: { code: "HC-01", newDeadline, reason: "设备采购延误" },
});
const grant = { type: "GrantDeadlineExtension" as const, data: { code: "HC-01" } };
const deny = { type: "DenyDeadlineExtension" as const, data: { code: "HC-01", reason: "不符合延期条件" } };
const cancel = {
  type: "CancelTaskElement" as const,
  data: { code: "HC-01", reason: "企业已关闭", approvalDocument: "广安办〔2021〕3号" },
};
const escalate = (level: "reminder" | "supervision-notice" | "accountability-interview") => ({
  type: "EscalateTaskElement" as const,
  data: { code: "HC-01", level },
});

/** Assigned on 2020-07-20 by the office, started on 2020-08-01. */
const started = () => {
  const s = setUp();
  s.ok(assignCommand("HC-01"), OFFICE, "2020-07-20");
  s.ok(start);
  return s;
};
const reported = () => {
  const s = started();
  s.ok(report(), ELEMENT_LEAD, "2020-10-01");
  return s;
};

describe("AssignTaskElement", () => {
  it("assigns a listed element, recording the assigner, its one period and the campaign end", () => {
    const s = setUp();
    const events = s.ok(assignCommand("HC-01"), OFFICE, "2020-07-20");
    expect(events[0]).toMatchObject({
      type: "TaskElementAssigned",
      data: {
        code: "HC-01",
        leadUnit: "GY-EIB",
        recurrence: "none",
        periods: [{ key: "once", start: "2020-07-20", due: "2020-12-31" }],
        campaignEnd: "2022-12-31",
        assignedBy: { unit: "GY-EMB", role: "office" },
      },
    });
    expect(s.state().status).toBe("Assigned");
  });
  it("may be issued by the workstream's lead unit but not by another department", () => {
    expect(codeOf(setUp().submit(assignCommand("HC-01"), WS_LEAD))).toBe("OK");
    expect(codeOf(setUp().submit(assignCommand("HC-01"), ELEMENT_LEAD))).toBe("PERMISSION_DENIED");
    expect(codeOf(setUp().submit(assignCommand("HC-01"), { ...OFFICE, role: "agency" }))).toBe(
      "PERMISSION_DENIED",
    );
  });
  it("happens once per code", () => {
    const s = setUp();
    s.ok(assignCommand("HC-01"), OFFICE);
    expect(codeOf(s.submit(assignCommand("HC-01"), OFFICE))).toBe("TASK_ALREADY_ASSIGNED");
  });
  it("needs a defined, open workstream of the same campaign that lists the code", () => {
    const s = setUp();
    expect(codeOf(s.submit(assignCommand("HC-01", { workstream: "XX" }), OFFICE))).toBe(
      "WORKSTREAM_NOT_DEFINED",
    );
    expect(codeOf(s.submit(assignCommand("HC-01", { campaignId: "OTHER" }), OFFICE))).toBe("WRONG_CAMPAIGN");
    expect(codeOf(s.submit(assignCommand("HC-99"), OFFICE))).toBe("ELEMENT_NOT_LISTED");
  });
  it("needs a known stage and a deadline inside the campaign, not past, not before the stage", () => {
    const s = setUp();
    expect(codeOf(s.submit(assignCommand("HC-01", { stage: "harvest" }), OFFICE))).toBe("UNKNOWN_STAGE");
    expect(codeOf(s.submit(assignCommand("HC-01", { deadline: "2023-01-01" }), OFFICE))).toBe(
      "DEADLINE_AFTER_CAMPAIGN",
    );
    expect(codeOf(s.submit(assignCommand("HC-01", { deadline: "2020-07-01" }), OFFICE))).toBe(
      "DEADLINE_PASSED",
    );
    expect(
      codeOf(s.submit(assignCommand("HC-01", { stage: "tackling", deadline: "2020-12-31" }), OFFICE)),
    ).toBe("DEADLINE_BEFORE_STAGE");
  });
  it("has exactly one lead unit, not also a co-unit, and no co-unit twice", () => {
    const s = setUp();
    expect(codeOf(s.submit(assignCommand("HC-01", { coUnits: ["GY-EIB"] }), OFFICE))).toBe(
      "LEAD_UNIT_ALSO_LISTED",
    );
    expect(codeOf(s.submit(assignCommand("HC-01", { coUnits: ["GY-MPS", "GY-MPS"] }), OFFICE))).toBe(
      "DUPLICATE_UNIT",
    );
  });
  it("is refused once the workstream is closed or the campaign concluded", () => {
    const s = setUp();
    const campaign = given(taskElementDecider)([]);
    const ctx = (related: Record<string, unknown>) => ({
      actor: OFFICE,
      occurredAt: at("2020-08-01"),
      commandId: "x",
      related,
    });
    const ws = s.ledger.stateOf(workstreamAggregate, "workstream-HC");
    const gy = s.ledger.stateOf(campaignAggregate, "campaign-GY");
    expect(
      codeOf(
        campaign.when(assignCommand("HC-01"), ctx({ workstream: { ...ws, status: "Closed" }, campaign: gy })),
      ),
    ).toBe("WORKSTREAM_CLOSED");
    expect(
      codeOf(
        campaign.when(
          assignCommand("HC-01"),
          ctx({ workstream: ws, campaign: { ...gy, status: "Concluded" } }),
        ),
      ),
    ).toBe("CAMPAIGN_CONCLUDED");
    expect(codeOf(campaign.when(assignCommand("HC-01"), ctx({ workstream: ws })))).toBe(
      "CAMPAIGN_NOT_LAUNCHED",
    );
  });
});

describe("start and progress", () => {
  it("the lead unit starts, then reports progress", () => {
    const s = started();
    expect(s.state().status).toBe("InProgress");
    const events = s.ok({
      type: "ReportTaskProgress",
      data: { code: "HC-01", note: "排查 40 家", percent: 40 },
    });
    expect(events).toEqual([
      {
        type: "TaskProgressReported",
        data: { code: "HC-01", note: "排查 40 家", percent: 40, on: "2020-08-01" },
      },
    ]);
  });
  it("only the element's lead unit, as a department, starts or reports", () => {
    const s = setUp();
    s.ok(assignCommand("HC-01"), OFFICE);
    expect(codeOf(s.submit(start, CO_UNIT))).toBe("PERMISSION_DENIED");
    expect(codeOf(s.submit(start, OFFICE))).toBe("PERMISSION_DENIED");
    expect(
      codeOf(s.submit({ type: "ReportTaskProgress", data: { code: "HC-01", note: "x" } }, CO_UNIT)),
    ).toBe("PERMISSION_DENIED");
  });
  it("starts once; progress needs a started element", () => {
    const s = setUp();
    s.ok(assignCommand("HC-01"), OFFICE);
    expect(codeOf(s.submit({ type: "ReportTaskProgress", data: { code: "HC-01", note: "x" } }))).toBe(
      "TASK_NOT_STARTED",
    );
    s.ok(start);
    expect(codeOf(s.submit(start))).toBe("TASK_ALREADY_STARTED");
  });
  it("refuses commands on an element never assigned", () => {
    expect(codeOf(setUp().submit(start))).toBe("TASK_NOT_ASSIGNED");
  });
});

describe("completion and verification", () => {
  it("reporting completion with evidence moves to CompletionReported; completion is not closure", () => {
    const s = reported();
    expect(s.state().status).toBe("CompletionReported");
    expect(isOverdue(s.state(), "2021-01-01")).toBe(true);
  });
  it("completion needs a started element and is reported once", () => {
    const s = setUp();
    s.ok(assignCommand("HC-01"), OFFICE);
    expect(codeOf(s.submit(report()))).toBe("TASK_NOT_STARTED");
    const r = reported();
    expect(codeOf(r.submit(report()))).toBe("COMPLETION_ALREADY_REPORTED");
    expect(codeOf(r.submit({ type: "ReportTaskProgress", data: { code: "HC-01", note: "x" } }))).toBe(
      "COMPLETION_ALREADY_REPORTED",
    );
  });
  it("only the lead unit reports completion", () => {
    expect(codeOf(started().submit(report(), CO_UNIT))).toBe("PERMISSION_DENIED");
  });
  it("the workstream's lead unit verifies; the element is then closed", () => {
    const s = reported();
    const events = s.ok(verify(), WS_LEAD, "2020-10-10");
    expect(events[0]).toMatchObject({
      type: "TaskCompletionVerified",
      data: { period: "once", verifiedBy: { unit: "GY-EMB" } },
    });
    expect(s.state()).toMatchObject({ status: "Verified", closedOn: "2020-10-10" });
    expect(isOverdue(s.state(), "2021-06-01")).toBe(false);
    expect(codeOf(s.submit(start))).toBe("TASK_VERIFIED");
  });
  it("the office verifies too", () => {
    expect(codeOf(reported().submit(verify(), OFFICE))).toBe("OK");
  });
  it("the responsible unit never verifies its own work, nor does another department", () => {
    expect(codeOf(reported().submit(verify(), ELEMENT_LEAD))).toBe("PERMISSION_DENIED");
    expect(codeOf(reported().submit(verify(), CO_UNIT))).toBe("PERMISSION_DENIED");
    expect(codeOf(reported().submit(verify(), LEAD_GROUP))).toBe("PERMISSION_DENIED");
    const s = setUp();
    s.ok(assignCommand("HC-02", { leadUnit: "GY-EMB", coUnits: [] }), OFFICE);
    s.ok({ type: "StartTaskElement", data: { code: "HC-02" } }, WS_LEAD);
    s.ok({ type: "ReportTaskCompletion", data: { code: "HC-02", summary: "s", evidence } }, WS_LEAD);
    expect(
      codeOf(s.submit({ type: "VerifyTaskCompletion", data: { code: "HC-02", workstream: "HC" } }, OFFICE)),
    ).toBe("PERMISSION_DENIED");
  });
  it("verification needs a reported completion and the element's own workstream", () => {
    expect(codeOf(started().submit(verify(), WS_LEAD))).toBe("COMPLETION_NOT_REPORTED");
    expect(
      codeOf(
        reported().submit(
          { type: "VerifyTaskCompletion", data: { code: "HC-01", workstream: "FS" } },
          OFFICE,
        ),
      ),
    ).toBe("WRONG_WORKSTREAM");
  });
  it("a rejection returns the element to InProgress with the reason kept", () => {
    const s = reported();
    s.ok(rejectCompletion, WS_LEAD, "2020-10-05");
    const state = s.state();
    expect(state.status).toBe("InProgress");
    if (state.status !== "Unassigned")
      expect(state.periods[0]?.rejections).toEqual([{ on: "2020-10-05", reason: "台账不全", by: "GY-EMB" }]);
    expect(codeOf(s.submit(report(), ELEMENT_LEAD, "2020-10-20"))).toBe("OK");
  });
  it("rejection follows the verification rules", () => {
    expect(codeOf(reported().submit(rejectCompletion, ELEMENT_LEAD))).toBe("PERMISSION_DENIED");
    expect(codeOf(started().submit(rejectCompletion, OFFICE))).toBe("COMPLETION_NOT_REPORTED");
  });
});

describe("deadline extensions", () => {
  it("requested by the lead unit before the deadline, granted by the assigner; the deadline history is kept", () => {
    const s = started();
    s.ok(requestExt("2021-03-31"), ELEMENT_LEAD, "2020-12-01");
    const events = s.ok(grant, OFFICE, "2020-12-05");
    expect(events).toEqual([
      {
        type: "DeadlineExtensionGranted",
        data: {
          code: "HC-01",
          period: "once",
          previousDue: "2020-12-31",
          newDue: "2021-03-31",
          note: "",
          on: "2020-12-05",
        },
      },
    ]);
    const state = s.state();
    if (state.status === "Unassigned") throw new Error("unassigned");
    expect(state.periods[0]?.dueHistory.map((h) => h.due)).toEqual(["2020-12-31", "2021-03-31"]);
    expect(isOverdue(state, "2021-01-15")).toBe(false);
  });
  it("the assigner may grant a different later date", () => {
    const s = started();
    s.ok(requestExt("2021-06-30"), ELEMENT_LEAD, "2020-12-01");
    s.ok(
      { type: "GrantDeadlineExtension", data: { code: "HC-01", newDeadline: "2021-02-28" } },
      OFFICE,
      "2020-12-05",
    );
    const state = s.state();
    expect(state.status !== "Unassigned" && state.periods[0]?.due).toBe("2021-02-28");
    expect(codeOf(started().submit(requestExt("2021-03-31"), ELEMENT_LEAD, "2020-12-01"))).toBe("OK");
  });
  it("a denial keeps the deadline and clears the request", () => {
    const s = started();
    s.ok(requestExt("2021-03-31"), ELEMENT_LEAD, "2020-12-01");
    s.ok(deny, OFFICE, "2020-12-05");
    const state = s.state();
    expect(state.status !== "Unassigned" && state.periods[0]).toMatchObject({ due: "2020-12-31" });
    expect(codeOf(s.submit(grant, OFFICE, "2020-12-06"))).toBe("NO_PENDING_EXTENSION");
  });
  it("is requested on or before the deadline, for a later date inside the campaign, one at a time", () => {
    expect(codeOf(started().submit(requestExt("2021-03-31"), ELEMENT_LEAD, "2021-01-01"))).toBe(
      "EXTENSION_TOO_LATE",
    );
    expect(codeOf(started().submit(requestExt("2020-12-31"), ELEMENT_LEAD, "2020-12-01"))).toBe(
      "NEW_DEADLINE_NOT_LATER",
    );
    expect(codeOf(started().submit(requestExt("2023-03-31"), ELEMENT_LEAD, "2020-12-01"))).toBe(
      "DEADLINE_AFTER_CAMPAIGN",
    );
    const s = started();
    s.ok(requestExt("2021-03-31"), ELEMENT_LEAD, "2020-12-01");
    expect(codeOf(s.submit(requestExt("2021-04-30"), ELEMENT_LEAD, "2020-12-02"))).toBe(
      "EXTENSION_ALREADY_PENDING",
    );
    expect(codeOf(reported().submit(requestExt("2021-03-31"), ELEMENT_LEAD, "2020-12-01"))).toBe(
      "PERIOD_NOT_OPEN",
    );
  });
  it("a granted date must still be later and inside the campaign", () => {
    const s = started();
    s.ok(requestExt("2021-03-31"), ELEMENT_LEAD, "2020-12-01");
    expect(
      codeOf(
        s.submit(
          { type: "GrantDeadlineExtension", data: { code: "HC-01", newDeadline: "2020-11-30" } },
          OFFICE,
        ),
      ),
    ).toBe("NEW_DEADLINE_NOT_LATER");
    expect(
      codeOf(
        s.submit(
          { type: "GrantDeadlineExtension", data: { code: "HC-01", newDeadline: "2023-01-31" } },
          OFFICE,
        ),
      ),
    ).toBe("DEADLINE_AFTER_CAMPAIGN");
  });
  it("only the lead unit requests; only the assigning unit decides", () => {
    expect(codeOf(started().submit(requestExt("2021-03-31"), CO_UNIT, "2020-12-01"))).toBe(
      "PERMISSION_DENIED",
    );
    const s = started();
    s.ok(requestExt("2021-03-31"), ELEMENT_LEAD, "2020-12-01");
    expect(codeOf(s.submit(grant, LEAD_GROUP))).toBe("PERMISSION_DENIED");
    expect(codeOf(s.submit(deny, WS_LEAD))).toBe("OK"); // GY-EMB assigned it, as office; its department decides too
    expect(codeOf(s.submit(grant, ELEMENT_LEAD))).toBe("PERMISSION_DENIED");
  });
});

describe("cancellation", () => {
  it("by the office or lead group, with reason and approver, from any open state", () => {
    const s = reported();
    const events = s.ok(cancel, LEAD_GROUP, "2020-11-01");
    expect(events[0]).toMatchObject({
      type: "TaskElementCancelled",
      data: {
        reason: "企业已关闭",
        approvedBy: { unit: "GY-GOV", person: "Mayor Zhang" },
        approvalDocument: "广安办〔2021〕3号",
      },
    });
    expect(s.state().status).toBe("Cancelled");
    expect(isOverdue(s.state(), "2021-06-01")).toBe(false);
    expect(codeOf(s.submit(cancel, OFFICE))).toBe("TASK_CANCELLED");
  });
  it("not by a department, not after verification", () => {
    expect(codeOf(started().submit(cancel, WS_LEAD))).toBe("PERMISSION_DENIED");
    const s = reported();
    s.ok(verify(), OFFICE);
    expect(codeOf(s.submit(cancel, OFFICE))).toBe("TASK_VERIFIED");
  });
});

describe("escalation", () => {
  it("goes reminder → supervision notice → interview, each only when overdue, with actor and days late", () => {
    const s = started();
    const events = s.ok(escalate("reminder"), OFFICE, "2021-01-05");
    expect(events[0]).toMatchObject({
      type: "TaskElementEscalated",
      data: {
        level: "reminder",
        due: "2020-12-31",
        overdueDays: 5,
        by: { unit: "GY-EMB", person: "Wang Office" },
      },
    });
    expect(codeOf(s.submit(escalate("reminder"), OFFICE, "2021-01-10"))).toBe("OK");
    expect(codeOf(s.submit(escalate("accountability-interview"), OFFICE, "2021-01-20"))).toBe(
      "ESCALATION_SKIPS_LEVEL",
    );
    s.ok(escalate("supervision-notice"), OFFICE, "2021-01-20");
    expect(codeOf(s.submit(escalate("reminder"), OFFICE, "2021-01-25"))).toBe("ESCALATION_BELOW_CURRENT");
    s.ok(escalate("accountability-interview"), LEAD_GROUP, "2021-02-01");
    const state = s.state();
    expect(state.status !== "Unassigned" && state.escalations.map((e) => e.level)).toEqual([
      "reminder",
      "reminder",
      "supervision-notice",
      "accountability-interview",
    ]);
  });
  it("never for work not yet overdue, and never skipping the reminder", () => {
    expect(codeOf(started().submit(escalate("reminder"), OFFICE, "2020-12-31"))).toBe("NOT_OVERDUE");
    expect(codeOf(started().submit(escalate("supervision-notice"), OFFICE, "2021-01-05"))).toBe(
      "ESCALATION_SKIPS_LEVEL",
    );
  });
  it("by the office or lead group only", () => {
    expect(codeOf(started().submit(escalate("reminder"), WS_LEAD, "2021-01-05"))).toBe("PERMISSION_DENIED");
  });
});

describe("overdue is derived", () => {
  it("as of a date past the deadline and not verified or cancelled", () => {
    const s = started();
    expect(isOverdue(s.state(), "2020-12-31")).toBe(false);
    expect(isOverdue(s.state(), "2021-01-01")).toBe(true);
    expect(taskOverdueDays(s.state(), "2021-01-31")).toBe(31);
    expect(isOverdue({ status: "Unassigned" }, "2030-01-01")).toBe(false);
  });
});

describe("recurring elements", () => {
  const quarterly = () => {
    const s = setUp();
    s.ok(assignCommand("HC-01", { recurrence: "quarterly", deadline: "2021-06-30" }), OFFICE, "2020-07-20");
    s.ok(start);
    return s;
  };
  it("have one period per quarter from assignment to the deadline, each due at its quarter's end", () => {
    const state = quarterly().state();
    expect(state.status !== "Unassigned" && state.periods.map((p) => [p.key, p.start, p.due])).toEqual([
      ["2020-Q3", "2020-07-01", "2020-09-30"],
      ["2020-Q4", "2020-10-01", "2020-12-31"],
      ["2021-Q1", "2021-01-01", "2021-03-31"],
      ["2021-Q2", "2021-04-01", "2021-06-30"],
    ]);
  });
  it("yearly periods start no earlier than the element's stage", () => {
    const s = setUp();
    s.ok(
      assignCommand("HC-02", { recurrence: "yearly", stage: "tackling", deadline: "2022-12-31" }),
      OFFICE,
      "2020-07-20",
    );
    const state = s.state("HC-02");
    expect(state.status !== "Unassigned" && state.periods.map((p) => p.key)).toEqual(["2021", "2022"]);
  });
  it("each period is reported and verified separately; the element is Verified after the last", () => {
    const s = quarterly();
    s.ok(report(), ELEMENT_LEAD, "2020-09-20");
    expect(s.state().status).toBe("InProgress");
    s.ok(verify(), WS_LEAD, "2020-09-25");
    expect(isOverdue(s.state(), "2020-10-15")).toBe(false);
    expect(isOverdue(s.state(), "2021-01-01")).toBe(true); // Q4 missed
    expect(codeOf(s.submit(report("2021-Q1"), ELEMENT_LEAD, "2020-12-01"))).toBe("PERIOD_NOT_STARTED");
    expect(codeOf(s.submit(report("2020-Q3"), ELEMENT_LEAD, "2020-12-01"))).toBe("PERIOD_ALREADY_VERIFIED");
    expect(codeOf(s.submit(report("2099-Q1"), ELEMENT_LEAD, "2020-12-01"))).toBe("UNKNOWN_PERIOD");
    for (const [q, date] of [
      ["2020-Q4", "2020-12-20"],
      ["2021-Q1", "2021-03-20"],
      ["2021-Q2", "2021-06-20"],
    ] as const)
      s.ok(report(q), ELEMENT_LEAD, date);
    expect(s.state().status).toBe("CompletionReported");
    s.ok(verify("2021-Q1"), WS_LEAD, "2021-06-25");
    s.ok(verify(), WS_LEAD, "2021-06-25"); // the earliest awaiting: 2020-Q4
    expect(s.state().status).toBe("CompletionReported");
    s.ok(verify(), WS_LEAD, "2021-06-26");
    expect(s.state().status).toBe("Verified");
  });
  it("extensions apply to one period", () => {
    const s = quarterly();
    s.ok(requestExt("2020-10-15"), ELEMENT_LEAD, "2020-09-20");
    s.ok(grant, OFFICE, "2020-09-21");
    const state = s.state();
    expect(state.status !== "Unassigned" && state.periods.map((p) => p.due).slice(0, 2)).toEqual([
      "2020-10-15",
      "2020-12-31",
    ]);
  });
});

describe("decide is pure", () => {
  it("gives the same answer twice and never mutates the state", () => {
    const s = started();
    const state = s.state();
    const frozen = JSON.stringify(state);
    const ctx = { actor: ELEMENT_LEAD, occurredAt: at("2020-09-01"), commandId: "a" };
    const a = taskElementDecider.decide(report(), state, ctx);
    const b = taskElementDecider.decide(report(), state, ctx);
    expect(a).toEqual(b);
    expect(JSON.stringify(state)).toBe(frozen);
    expect(E.isRight(a)).toBe(true);
  });
  it("a history with no assignment stays unassigned", () => {
    const stray: TaskElementEvent = { type: "TaskElementStarted", data: { code: "X", on: "2020-01-01" } };
    expect(given(taskElementDecider)([stray]).state).toEqual({ status: "Unassigned" });
  });
  it("reports permission failures before anything else", () => {
    expect(
      codeOf(
        given(taskElementDecider)([]).when(start, {
          actor: dept("X"),
          occurredAt: "2020-01-01",
          commandId: "c",
        }),
      ),
    ).toBe("TASK_NOT_ASSIGNED");
    expect(
      codeOf(
        given(taskElementDecider)([]).when(start, {
          actor: { ...OFFICE },
          occurredAt: "2020-01-01",
          commandId: "c",
        }),
      ),
    ).toBe("PERMISSION_DENIED");
  });
});
