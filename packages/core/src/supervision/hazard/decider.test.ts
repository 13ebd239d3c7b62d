import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../kernel/envelope";
import { ENTITY_KEY } from "../risk/decider";
import { ACTORS, ctx, entityE1, eventsOf, rejectionOf } from "../testing";
import { hazardTransitions } from "../transitions";
import type { HazardCommand } from "./commands";
import { createHazardDecider, hazardDecider, REOPENS_KEY } from "./decider";
import type { HazardEvent } from "./events";
import { type HazardState, initialHazardState, isAcceptanceDecisionOverdue, isHazardOverdue } from "./state";

const ids = { hazardId: "H1", entityId: "E1" };
const day = (d: string) => `${d}T10:00:00+08:00`;
const plan = {
  objectives: "remove the leak",
  methods: "replace valve",
  fundsAndMaterials: "¥200,000",
  organisationAndPeople: "maintenance team",
  timeLimit: "2020-09-30",
  safetyAndEmergency: "isolation; emergency plan EP-3",
};

/** Run commands in order against the decider, failing on the first rejection. */
const play = (
  steps: ReadonlyArray<[HazardCommand, Actor, string?]>,
  decider = hazardDecider,
  related?: Record<string, unknown>,
) => {
  let state: HazardState = initialHazardState;
  const events: HazardEvent[] = [];
  for (const [command, actor, at] of steps) {
    const out = eventsOf(decider.decide(command, state, ctx(actor, at ?? day("2020-07-14"), related)));
    for (const e of out) state = decider.evolve(state, e);
    events.push(...out);
  }
  return { state, events };
};
const attempt = (
  state: HazardState,
  command: HazardCommand,
  actor: Actor,
  at = day("2020-07-14"),
  related?: Record<string, unknown>,
) => hazardDecider.decide(command, state, ctx(actor, at, related));

const register = (
  data: Partial<Extract<HazardCommand, { type: "RegisterHazard" }>["data"]> = {},
): HazardCommand => ({
  type: "RegisterHazard",
  data: {
    ...ids,
    source: "self-inspection",
    grade: "general",
    description: "blocked fire exit",
    discoveredOn: "2020-07-13",
    deadline: "2020-07-20",
    ...data,
  },
});
const cmd = <T extends HazardCommand["type"]>(type: T, data: object = {}) =>
  ({ type, data: { ...ids, ...data } }) as HazardCommand;

const majorToApplication: ReadonlyArray<[HazardCommand, Actor, string?]> = [
  [register({ grade: "major", deadline: "2020-10-31" }), ACTORS.enterprise],
  [cmd("ReportMajorHazard"), ACTORS.enterprise],
  [cmd("SubmitTreatmentPlan", { plan }), ACTORS.enterprise],
  ...(["measures", "responsibility", "funds", "time-limit", "contingency-plan"] as const).map(
    (element): [HazardCommand, Actor] => [
      cmd("ConfirmImplementation", { element, detail: `${element} in place` }),
      ACTORS.enterprise,
    ],
  ),
  [cmd("SuspendProductionForHazard", { scope: "partial", workersWithdrawn: true }), ACTORS.enterprise],
  [cmd("StartRemediation"), ACTORS.enterprise],
  [cmd("RecordRectification", { measures: "valve replaced" }), ACTORS.enterprise],
  [
    cmd("EvaluateHazardTreatment", {
      evaluator: "agency",
      evaluatorName: "Sichuan Safety Assessment Co.",
      conclusion: "effective",
      reportRef: "EV-1",
    }),
    ACTORS.agency,
  ],
  [cmd("ApplyForHazardAcceptance", { applicationRef: "APP-1" }), ACTORS.enterprise, day("2020-09-01")],
];

describe("general hazard", () => {
  it("registered by self-inspection, rectified by the unit, accepted by another person, closed", () => {
    const { state, events } = play([
      [register(), ACTORS.enterprise],
      [cmd("RecordRectification", { measures: "exit cleared" }), ACTORS.enterprise],
      [cmd("AcceptHazard"), ACTORS.enterpriseColleague],
    ]);
    expect(events.map((e) => e.type)).toEqual(["HazardRegistered", "HazardRectified", "HazardAccepted"]);
    expect(state).toMatchObject({ status: "Closed", acceptedBy: "enterprise", closedOn: "2020-07-14" });
  });
  it("acceptance is never by the rectifier", () => {
    const { state } = play([
      [register(), ACTORS.enterprise],
      [cmd("RecordRectification", { measures: "exit cleared" }), ACTORS.enterprise],
    ]);
    expect(rejectionOf(attempt(state, cmd("AcceptHazard"), ACTORS.enterprise)).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(attempt(state, cmd("AcceptHazard"), ACTORS.otherEnterprise)).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(attempt(state, cmd("AcceptHazard"), ACTORS.otherDepartment)).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(eventsOf(attempt(state, cmd("AcceptHazard"), ACTORS.department))[0]).toMatchObject({
      data: { acceptedBy: "government" },
    });
  });
  it("a hazard found by government inspection is accepted by a government body, not the enterprise", () => {
    const { state } = play([
      [register({ source: "government-inspection" }), ACTORS.department],
      [cmd("RecordRectification", { measures: "done" }), ACTORS.enterprise],
    ]);
    expect(rejectionOf(attempt(state, cmd("AcceptHazard"), ACTORS.enterpriseColleague)).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(eventsOf(attempt(state, cmd("AcceptHazard"), ACTORS.office))).toHaveLength(1);
  });
  it("a rejected acceptance sends it back to be rectified again", () => {
    const { state, events } = play([
      [register(), ACTORS.enterprise],
      [cmd("RecordRectification", { measures: "partly" }), ACTORS.enterprise],
      [cmd("RejectHazardAcceptance", { reason: "exit still blocked" }), ACTORS.department],
    ]);
    expect(events[2]?.type).toBe("HazardAcceptanceRejected");
    expect(state.status).toBe("Registered");
  });
  it("registration rules: source by role, grade, dates, entity, duplicates", () => {
    const e = ACTORS.enterprise;
    expect(rejectionOf(attempt(initialHazardState, register({ source: "public-report" }), e)).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(attempt(initialHazardState, register(), ACTORS.department)).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(attempt(initialHazardState, register(), ACTORS.otherEnterprise)).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(
      rejectionOf(attempt(initialHazardState, register({ source: "public-report" }), ACTORS.otherDepartment))
        .code,
    ).toBe("PERMISSION_DENIED");
    expect(rejectionOf(attempt(initialHazardState, register({ grade: "catastrophic" }), e)).code).toBe(
      "UNKNOWN_HAZARD_GRADE",
    );
    expect(rejectionOf(attempt(initialHazardState, register({ discoveredOn: "2020-07-15" }), e)).code).toBe(
      "DISCOVERED_IN_FUTURE",
    );
    expect(rejectionOf(attempt(initialHazardState, register({ deadline: "2020-07-01" }), e)).code).toBe(
      "DEADLINE_BEFORE_DISCOVERY",
    );
    expect(rejectionOf(attempt(initialHazardState, register(), e, undefined, {})).code).toBe(
      "ENTITY_NOT_REGISTERED",
    );
    const closedEntity = { [ENTITY_KEY]: { ...(entityE1() as object), status: "Closed" } };
    expect(rejectionOf(attempt(initialHazardState, register(), e, undefined, closedEntity)).code).toBe(
      "ENTITY_CLOSED",
    );
    const { state } = play([[register(), e]]);
    expect(rejectionOf(attempt(state, register(), e)).code).toBe("HAZARD_ALREADY_REGISTERED");
    expect(
      rejectionOf(attempt(initialHazardState, cmd("RecordRectification", { measures: "x" }), e)).code,
    ).toBe("HAZARD_NOT_REGISTERED");
  });
  it("general hazards take no major-hazard steps", () => {
    const { state } = play([[register(), ACTORS.enterprise]]);
    expect(rejectionOf(attempt(state, cmd("StartRemediation"), ACTORS.enterprise)).code).toBe(
      "NOT_A_MAJOR_HAZARD",
    );
    expect(rejectionOf(attempt(state, cmd("SubmitTreatmentPlan", { plan }), ACTORS.enterprise)).code).toBe(
      "NOT_A_MAJOR_HAZARD",
    );
    expect(
      rejectionOf(attempt(state, cmd("ListHazardForSupervision", { documentRef: "D" }), ACTORS.office)).code,
    ).toBe("NOT_A_MAJOR_HAZARD");
    expect(rejectionOf(attempt(state, cmd("AcceptHazard"), ACTORS.department)).code).toBe(
      "HAZARD_WRONG_STATE",
    );
  });
});

describe("major hazard", () => {
  it("runs the closed loop: report, plan, five implementations, remediation, evaluation, written application, write-off", () => {
    const { state } = play(majorToApplication);
    expect(state).toMatchObject({
      status: "AcceptanceApplied",
      decisionDueOn: "2020-09-11",
      productionSuspended: true,
    });
    const [accepted] = eventsOf(attempt(state, cmd("AcceptHazard"), ACTORS.department, day("2020-09-11")));
    expect(accepted).toMatchObject({
      type: "HazardAccepted",
      data: { acceptedBy: "government", decidedLate: false },
    });
    const late = eventsOf(attempt(state, cmd("AcceptHazard"), ACTORS.department, day("2020-09-12")));
    expect(late[0]).toMatchObject({ data: { decidedLate: true } });
    expect(isAcceptanceDecisionOverdue(state, "2020-09-12")).toBe(true);
    expect(isAcceptanceDecisionOverdue(state, "2020-09-11")).toBe(false);
  });
  it("the decision period is configurable", () => {
    const decider = createHazardDecider({
      grades: [{ key: "major", zh: "重大", en: "major", procedure: "major" }],
      acceptanceDecisionDays: 5,
    });
    expect(play(majorToApplication, decider).state).toMatchObject({ decisionDueOn: "2020-09-06" });
  });
  it("remediation cannot start before all five implementations are in place", () => {
    const { state } = play(majorToApplication.slice(0, 6));
    const r = rejectionOf(attempt(state, cmd("StartRemediation"), ACTORS.enterprise));
    expect(r).toMatchObject({ code: "IMPLEMENTATIONS_MISSING" });
    expect(r.message).toContain("contingency-plan");
    expect(
      rejectionOf(
        attempt(state, cmd("ConfirmImplementation", { element: "funds", detail: "x" }), ACTORS.enterprise),
      ).code,
    ).toBe("IMPLEMENTATION_ALREADY_CONFIRMED");
  });
  it("a plan needs the report to the department first", () => {
    const { state } = play(majorToApplication.slice(0, 1));
    expect(rejectionOf(attempt(state, cmd("SubmitTreatmentPlan", { plan }), ACTORS.enterprise)).code).toBe(
      "NOT_REPORTED",
    );
  });
  it("the enterprise may not accept a major hazard; an ineffective evaluation returns it to remediation", () => {
    const { state } = play(majorToApplication);
    expect(rejectionOf(attempt(state, cmd("AcceptHazard"), ACTORS.enterpriseColleague)).code).toBe(
      "PERMISSION_DENIED",
    );
    const { state: rectified } = play(majorToApplication.slice(0, 11));
    const bad = cmd("EvaluateHazardTreatment", {
      evaluator: "own-experts",
      evaluatorName: "panel",
      conclusion: "ineffective",
      reportRef: "E",
    });
    const ev = eventsOf(attempt(rectified, bad, ACTORS.enterprise));
    expect(hazardDecider.evolve(rectified, ev[0]!).status).toBe("Remediating");
    expect(
      rejectionOf(
        attempt(
          rectified,
          { ...bad, data: { ...bad.data, evaluator: "agency" } } as HazardCommand,
          ACTORS.enterprise,
        ),
      ).code,
    ).toBe("PERMISSION_DENIED");
    expect(
      rejectionOf(
        attempt(rectified, cmd("ApplyForHazardAcceptance", { applicationRef: "A" }), ACTORS.enterprise),
      ).code,
    ).toBe("HAZARD_WRONG_STATE");
  });
  it("listed supervision: who lists, delists", () => {
    const { state } = play([
      ...majorToApplication.slice(0, 1),
      [cmd("ListHazardForSupervision", { documentRef: "GY-2020-07", deadline: "2020-12-31" }), ACTORS.office],
    ]);
    expect(state).toMatchObject({
      listedBy: "GY-SAFETY-OFFICE",
      deadline: "2020-12-31",
      deadlineSetBy: "GY-SAFETY-OFFICE",
    });
    expect(
      rejectionOf(attempt(state, cmd("ListHazardForSupervision", { documentRef: "x" }), ACTORS.department))
        .code,
    ).toBe("HAZARD_ALREADY_LISTED");
    expect(
      rejectionOf(attempt(state, cmd("SetHazardDeadline", { deadline: "2021-01-31" }), ACTORS.department))
        .code,
    ).toBe("PERMISSION_DENIED");
    expect(
      rejectionOf(attempt(state, cmd("RegradeHazard", { grade: "general", reason: "x" }), ACTORS.department))
        .code,
    ).toBe("HAZARD_LISTED");
    const listed = play([
      ...majorToApplication.slice(0, 1),
      [cmd("ListHazardForSupervision", { documentRef: "GY-2020-07" }), ACTORS.office],
      ...majorToApplication.slice(1),
    ]).state;
    expect(rejectionOf(attempt(listed, cmd("AcceptHazard"), ACTORS.department)).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(eventsOf(attempt(listed, cmd("AcceptHazard"), ACTORS.office))).toHaveLength(1);
  });
  it("a government find of a major grade is reported on registration; regrading moves between procedures", () => {
    const { state } = play([
      [register({ grade: "major", source: "government-inspection" }), ACTORS.department],
    ]);
    expect(state.status).toBe("Reported");
    const { state: general } = play([
      [register(), ACTORS.enterprise],
      [cmd("RegradeHazard", { grade: "major", reason: "needs suspension" }), ACTORS.department],
    ]);
    expect(general).toMatchObject({ status: "Reported", procedure: "major" });
    expect(
      rejectionOf(attempt(general, cmd("RegradeHazard", { grade: "major", reason: "x" }), ACTORS.department))
        .code,
    ).toBe("NO_CHANGE");
  });
});

describe("deadlines, extensions, escalation, reopening", () => {
  const registered = () => play([[register({ source: "government-inspection" }), ACTORS.department]]).state;
  it("overdue is derived: past the deadline and not closed", () => {
    expect(isHazardOverdue(registered(), "2020-07-20")).toBe(false);
    expect(isHazardOverdue(registered(), "2020-07-21")).toBe(true);
  });
  it("an extension is requested before the deadline and decided by the deadline's setter", () => {
    const s = registered();
    const req = cmd("RequestHazardDeadlineExtension", { requested: "2020-08-15", reason: "parts on order" });
    expect(rejectionOf(attempt(s, req, ACTORS.enterprise, day("2020-07-21"))).code).toBe("DEADLINE_PASSED");
    expect(
      rejectionOf(
        attempt(
          s,
          { ...req, data: { ...req.data, requested: "2020-07-19" } } as HazardCommand,
          ACTORS.enterprise,
        ),
      ).code,
    ).toBe("EXTENSION_NOT_LATER");
    const asked = hazardDecider.evolve(s, eventsOf(attempt(s, req, ACTORS.enterprise))[0]!);
    expect(rejectionOf(attempt(asked, req, ACTORS.enterprise)).code).toBe("EXTENSION_PENDING");
    expect(rejectionOf(attempt(asked, cmd("GrantHazardDeadlineExtension"), ACTORS.office)).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(attempt(s, cmd("GrantHazardDeadlineExtension"), ACTORS.department)).code).toBe(
      "NO_EXTENSION_REQUESTED",
    );
    const granted = hazardDecider.evolve(
      asked,
      eventsOf(attempt(asked, cmd("GrantHazardDeadlineExtension"), ACTORS.departmentColleague))[0]!,
    );
    expect(granted).toMatchObject({ deadline: "2020-08-15", pendingExtension: null });
    expect(granted.status !== "None" && granted.deadlines.map((d) => d.deadline)).toEqual([
      "2020-07-20",
      "2020-08-15",
    ]);
    const denied = eventsOf(
      attempt(asked, cmd("DenyHazardDeadlineExtension", { reason: "no" }), ACTORS.department),
    );
    expect(denied[0]?.type).toBe("HazardDeadlineExtensionDenied");
  });
  it("the supervising department sets a new deadline and becomes its setter", () => {
    const s = registered();
    const e = eventsOf(attempt(s, cmd("SetHazardDeadline", { deadline: "2020-07-31" }), ACTORS.department));
    expect(e[0]).toMatchObject({ data: { from: "2020-07-20", to: "2020-07-31", setBy: "GY-EMB" } });
    expect(
      rejectionOf(attempt(s, cmd("SetHazardDeadline", { deadline: "2020-07-01" }), ACTORS.department)).code,
    ).toBe("DEADLINE_IN_PAST");
    expect(
      rejectionOf(attempt(s, cmd("SetHazardDeadline", { deadline: "2020-07-31" }), ACTORS.otherDepartment))
        .code,
    ).toBe("PERMISSION_DENIED");
  });
  it("escalations are recorded by government bodies in scope", () => {
    const s = registered();
    const e = eventsOf(
      attempt(
        s,
        cmd("EscalateHazard", { measure: "public-criticism", documentRef: "TB-1" }),
        ACTORS.department,
        day("2020-07-25"),
      ),
    );
    expect(e[0]).toMatchObject({ type: "HazardEscalated", data: { overdue: true } });
    expect(
      rejectionOf(
        attempt(
          s,
          cmd("EscalateHazard", { measure: "supervision-letter", documentRef: "x" }),
          ACTORS.enterprise,
        ),
      ).code,
    ).toBe("PERMISSION_DENIED");
  });
  it("closed is final; reopening registers a new hazard linked to the closed one", () => {
    const { state: closed } = play([
      [register(), ACTORS.enterprise],
      [cmd("RecordRectification", { measures: "done" }), ACTORS.enterprise],
      [cmd("AcceptHazard"), ACTORS.enterpriseColleague],
    ]);
    const r = rejectionOf(
      attempt(
        closed,
        cmd("EscalateHazard", { measure: "supervision-letter", documentRef: "x" }),
        ACTORS.department,
      ),
    );
    expect(r.code).toBe("HAZARD_CLOSED");
    const reopen = {
      ...register({ reopens: "H1" }),
      data: { ...register().data, hazardId: "H2", reopens: "H1" },
    } as HazardCommand;
    const rel = { [ENTITY_KEY]: entityE1(), [REOPENS_KEY]: closed };
    expect(eventsOf(attempt(initialHazardState, reopen, ACTORS.enterprise, undefined, rel))[0]).toMatchObject(
      { data: { reopens: "H1" } },
    );
    const open = play([[register(), ACTORS.enterprise]]).state;
    expect(
      rejectionOf(
        attempt(initialHazardState, reopen, ACTORS.enterprise, undefined, { ...rel, [REOPENS_KEY]: open }),
      ).code,
    ).toBe("REOPENED_HAZARD_OPEN");
    expect(
      rejectionOf(
        attempt(initialHazardState, reopen, ACTORS.enterprise, undefined, { [ENTITY_KEY]: entityE1() }),
      ).code,
    ).toBe("REOPENED_HAZARD_UNKNOWN");
  });
});

describe("hazard lifecycle (fast-check model)", () => {
  const steps: ReadonlyArray<HazardCommand> = [
    register({ grade: "major" }),
    register(),
    register({ source: "government-inspection", grade: "major" }),
    cmd("RegradeHazard", { grade: "major", reason: "r" }),
    cmd("RegradeHazard", { grade: "general", reason: "r" }),
    cmd("ReportMajorHazard"),
    cmd("SubmitTreatmentPlan", { plan }),
    ...(["measures", "responsibility", "funds", "time-limit", "contingency-plan"] as const).map((element) =>
      cmd("ConfirmImplementation", { element, detail: "ok" }),
    ),
    cmd("StartRemediation"),
    cmd("RecordRectification", { measures: "m" }),
    cmd("EvaluateHazardTreatment", {
      evaluator: "agency",
      evaluatorName: "a",
      conclusion: "effective",
      reportRef: "r",
    }),
    cmd("EvaluateHazardTreatment", {
      evaluator: "own-experts",
      evaluatorName: "a",
      conclusion: "ineffective",
      reportRef: "r",
    }),
    cmd("ApplyForHazardAcceptance", { applicationRef: "a" }),
    cmd("AcceptHazard"),
    cmd("RejectHazardAcceptance", { reason: "r" }),
    cmd("ListHazardForSupervision", { documentRef: "d" }),
    cmd("EscalateHazard", { measure: "supervision-letter", documentRef: "d" }),
  ];
  const actors = Object.values(ACTORS);
  const table = new Set(hazardTransitions.map((t) => `${t.from}|${t.command}|${t.to}`));

  class Step implements fc.Command<{ status: string }, { state: HazardState }> {
    constructor(
      readonly command: HazardCommand,
      readonly actor: Actor,
    ) {}
    check = () => true;
    run(_model: { status: string }, real: { state: HazardState }) {
      const before = real.state;
      const out = hazardDecider.decide(this.command, before, ctx(this.actor));
      if (before.status === "Closed") expect(E.isLeft(out)).toBe(true);
      if (E.isLeft(out)) return;
      const after = out.right.reduce(hazardDecider.evolve, before);
      for (const e of out.right) {
        if (e.type === "RemediationStarted" && before.status !== "None")
          expect(Object.keys(before.implementations)).toHaveLength(5);
        if (e.type === "HazardAccepted" && before.status !== "None" && before.rectifier !== null)
          expect(`${before.rectifier.unit}/${before.rectifier.person}`).not.toBe(
            `${this.actor.unit}/${this.actor.person}`,
          );
      }
      if (after.status !== before.status)
        expect(
          table.has(
            `${before.status === "None" ? "(none)" : before.status}|${this.command.type}|${after.status}`,
          ),
        ).toBe(true);
      real.state = after;
    }
    toString = () => `${this.command.type} by ${this.actor.person}`;
  }

  it("every run respects the transition table, the five implementations, no self-acceptance and final closure", () => {
    const arb = fc.commands(
      [fc.tuple(fc.constantFrom(...steps), fc.constantFrom(...actors)).map(([c, a]) => new Step(c, a))],
      { size: "+1" },
    );
    fc.assert(
      fc.property(arb, (cmds) => {
        fc.modelRun(
          () => ({ model: { status: "None" }, real: { state: initialHazardState as HazardState } }),
          cmds,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("entry on behalf (代录)", () => {
  const related = { [ENTITY_KEY]: entityE1() };
  it("a government clerk enters the enterprise's self-inspection find for it; the event records both", () => {
    const [e] = eventsOf(
      attempt(
        initialHazardState,
        register({ onBehalfOf: ids.entityId }),
        ACTORS.department,
        day("2020-07-14"),
        related,
      ),
    );
    expect(e).toMatchObject({
      type: "HazardRegistered",
      data: {
        source: "self-inspection",
        enteredOnBehalfOf: ids.entityId,
        deadlineSetBy: ids.entityId,
        by: ACTORS.department,
      },
    });
  });

  it("only for that enterprise's own self-inspection finds, and never to an enterprise", () => {
    expect(
      rejectionOf(attempt(initialHazardState, register(), ACTORS.department, day("2020-07-14"), related))
        .code,
    ).toBe("PERMISSION_DENIED");
    expect(
      rejectionOf(
        attempt(
          initialHazardState,
          register({ onBehalfOf: "E9" }),
          ACTORS.department,
          day("2020-07-14"),
          related,
        ),
      ).code,
    ).toBe("NOT_ON_BEHALF");
    expect(
      rejectionOf(
        attempt(
          initialHazardState,
          register({ onBehalfOf: ids.entityId, source: "government-inspection" }),
          ACTORS.department,
          day("2020-07-14"),
          related,
        ),
      ).code,
    ).toBe("NOT_ON_BEHALF");
    expect(
      rejectionOf(
        attempt(
          initialHazardState,
          register({ onBehalfOf: ids.entityId }),
          ACTORS.enterprise,
          day("2020-07-14"),
          related,
        ),
      ).code,
    ).toBe("PERMISSION_DENIED");
  });
});

describe("correcting a hazard's record", () => {
  const related = { [ENTITY_KEY]: entityE1() };
  const fix = (data: Record<string, unknown>) =>
    cmd("CorrectHazardDescription", { reason: "typed wrong", ...data });
  it("puts right the description or location at any stage, keeping the before and after", () => {
    const { state } = play([[register(), ACTORS.enterprise]], hazardDecider, related);
    const [e] = eventsOf(
      attempt(
        state,
        fix({ description: "blocked fire exit, east stair" }),
        ACTORS.enterprise,
        day("2020-07-15"),
        related,
      ),
    );
    expect(e).toMatchObject({
      type: "HazardDescriptionCorrected",
      data: {
        from: { description: "blocked fire exit" },
        to: { description: "blocked fire exit, east stair" },
      },
    });
    expect(hazardDecider.evolve(state, e as HazardEvent)).toMatchObject({
      description: "blocked fire exit, east stair",
    });
  });

  it("is refused without a change, and to an enterprise that did not enter it", () => {
    const { state } = play(
      [[register({ source: "government-inspection" }), ACTORS.department]],
      hazardDecider,
      related,
    );
    expect(
      rejectionOf(
        attempt(
          state,
          fix({ description: "blocked fire exit" }),
          ACTORS.department,
          day("2020-07-15"),
          related,
        ),
      ).code,
    ).toBe("NO_CHANGE");
    expect(
      rejectionOf(attempt(state, fix({ location: "east" }), ACTORS.enterprise, day("2020-07-15"), related))
        .code,
    ).toBe("PERMISSION_DENIED");
  });
});
