import { describe, expect, it } from "vitest";
import {
  campaignAggregate,
  type TaskElementCommand,
  taskElementAggregate,
  type WorkstreamCommand,
  type WorkstreamState,
  workstreamAggregate,
} from "../index";
import {
  assignCommand,
  at,
  CO_UNIT,
  codeOf,
  createLedger,
  ELEMENT_LEAD,
  LEAD_GROUP,
  OFFICE,
  referenceLaunch,
  WS_LEAD,
} from "../testing";

const define = (overrides: Record<string, unknown> = {}): WorkstreamCommand => ({
  type: "DefineWorkstream",
  data: {
    code: "HC",
    campaignId: "GY",
    kind: "project",
    name: "危险化学品安全专项整治",
    leadUnit: WS_LEAD.unit,
    memberUnits: [ELEMENT_LEAD.unit, CO_UNIT.unit],
    ...overrides,
  },
});
const list = (elements: string[]): WorkstreamCommand => ({
  type: "ListWorkstreamElements",
  data: { code: "HC", elements },
});
const close = (elements: string[]): WorkstreamCommand => ({
  type: "CloseWorkstream",
  data: { code: "HC", elements },
});
const evidence = [{ description: "台账", reference: "doc-1" }];

const setUp = (launch = true) => {
  const ledger = createLedger();
  if (launch) ledger.ok(campaignAggregate, referenceLaunch, LEAD_GROUP, at("2020-04-01"));
  const submit = (command: WorkstreamCommand, actor = OFFICE, date = "2020-07-14") =>
    ledger.submit(workstreamAggregate, command, actor, at(date));
  const task = (command: TaskElementCommand, actor = ELEMENT_LEAD, date = "2020-08-01") =>
    ledger.ok(taskElementAggregate, command, actor, at(date));
  const state = () => ledger.stateOf(workstreamAggregate, "workstream-HC") as WorkstreamState;
  return { ledger, submit, task, state };
};

/** HC defined and listing HC-01 and HC-02, both assigned. */
const withElements = () => {
  const s = setUp();
  s.submit(define());
  s.submit(list(["HC-01", "HC-02"]));
  s.task(assignCommand("HC-01"), OFFICE);
  s.task(assignCommand("HC-02"), OFFICE);
  return s;
};
const finish = (s: ReturnType<typeof setUp>, code: string) => {
  s.task({ type: "StartTaskElement", data: { code } });
  s.task({ type: "ReportTaskCompletion", data: { code, summary: "done", evidence } });
  s.task({ type: "VerifyTaskCompletion", data: { code, workstream: "HC" } }, WS_LEAD);
};

describe("DefineWorkstream", () => {
  it("defines a topic or project with one lead unit and member units; a unit may lead several", () => {
    const s = setUp();
    expect(codeOf(s.submit(define()))).toBe("OK");
    expect(codeOf(s.submit(define({ code: "FS", name: "消防", kind: "project" })))).toBe("OK");
    expect(codeOf(s.submit(define({ code: "T2", name: "企业主体责任", kind: "topic" })))).toBe("OK");
    expect(s.state()).toMatchObject({
      status: "Open",
      leadUnit: "GY-EMB",
      workingClass: "危险化学品安全专项整治",
    });
  });
  it("needs a launched campaign", () => {
    expect(codeOf(setUp(false).submit(define()))).toBe("CAMPAIGN_NOT_LAUNCHED");
  });
  it("is defined once", () => {
    const s = setUp();
    s.submit(define());
    expect(codeOf(s.submit(define()))).toBe("WORKSTREAM_ALREADY_DEFINED");
  });
  it("the lead unit is not also a member; no member twice", () => {
    expect(codeOf(setUp().submit(define({ memberUnits: ["GY-EMB"] })))).toBe("LEAD_UNIT_ALSO_LISTED");
    expect(codeOf(setUp().submit(define({ memberUnits: ["GY-EIB", "GY-EIB"] })))).toBe("DUPLICATE_UNIT");
  });
  it("is for the lead group or office", () => {
    expect(codeOf(setUp().submit(define(), WS_LEAD))).toBe("PERMISSION_DENIED");
    expect(codeOf(setUp().submit(define(), LEAD_GROUP))).toBe("OK");
  });
});

describe("ChangeWorkstreamUnits", () => {
  const change = (leadUnit: string): WorkstreamCommand => ({
    type: "ChangeWorkstreamUnits",
    data: { code: "HC", leadUnit, memberUnits: ["GY-EMB"], reason: "机构改革" },
  });
  it("changes the lead unit with history", () => {
    const s = setUp();
    s.submit(define());
    expect(codeOf(s.submit(change("GY-EIB"), OFFICE, "2021-03-01"))).toBe("OK");
    expect(s.state().leadUnit).toBe("GY-EIB");
    expect(s.state().unitHistory.map((h) => [h.leadUnit, h.from])).toEqual([
      ["GY-EMB", "2020-07-14"],
      ["GY-EIB", "2021-03-01"],
    ]);
  });
  it("needs a defined workstream and the lead group or office", () => {
    expect(codeOf(setUp().submit(change("GY-EIB")))).toBe("WORKSTREAM_NOT_DEFINED");
    const s = setUp();
    s.submit(define());
    expect(codeOf(s.submit(change("GY-EIB"), WS_LEAD))).toBe("PERMISSION_DENIED");
  });
});

describe("the workstream's element list", () => {
  it("the lead unit or office lists elements; other departments may not", () => {
    const s = setUp();
    s.submit(define());
    expect(codeOf(s.submit(list(["HC-01"]), WS_LEAD))).toBe("OK");
    expect(codeOf(s.submit(list(["HC-02"]), ELEMENT_LEAD))).toBe("PERMISSION_DENIED");
    expect(codeOf(s.submit(list(["HC-01"])))).toBe("ELEMENT_ALREADY_LISTED");
    expect(codeOf(s.submit(list(["HC-03", "HC-03"])))).toBe("DUPLICATE_ELEMENT");
    expect(s.state().elements).toEqual(["HC-01"]);
  });
  it("an element not yet assigned can be delisted; an assigned one cannot", () => {
    const s = setUp();
    s.submit(define());
    s.submit(list(["HC-01", "HC-02"]));
    s.task(assignCommand("HC-01"), OFFICE);
    const delist = (element: string): WorkstreamCommand => ({
      type: "DelistWorkstreamElement",
      data: { code: "HC", element, reason: "并入 HC-01" },
    });
    expect(codeOf(s.submit(delist("HC-01")))).toBe("ELEMENT_ALREADY_ASSIGNED");
    expect(codeOf(s.submit(delist("HC-09")))).toBe("ELEMENT_NOT_LISTED");
    expect(codeOf(s.submit(delist("HC-02"), ELEMENT_LEAD))).toBe("PERMISSION_DENIED");
    expect(codeOf(s.submit(delist("HC-02")))).toBe("OK");
    expect(s.state().elements).toEqual(["HC-01"]);
  });
});

describe("CloseWorkstream", () => {
  it("closes when every listed element is Verified or Cancelled, recording their final states", () => {
    const s = withElements();
    finish(s, "HC-01");
    s.task({ type: "CancelTaskElement", data: { code: "HC-02", reason: "重复" } }, OFFICE);
    const result = s.submit(close(["HC-01", "HC-02"]), OFFICE, "2022-12-01");
    expect(result).toEqual({
      _tag: "Right",
      right: [
        {
          type: "WorkstreamClosed",
          data: {
            code: "HC",
            elements: [
              { code: "HC-01", status: "Verified" },
              { code: "HC-02", status: "Cancelled" },
            ],
            on: "2022-12-01",
          },
        },
      ],
    });
    expect(codeOf(s.submit(list(["HC-03"])))).toBe("WORKSTREAM_CLOSED");
    expect(
      codeOf(s.ledger.submit(taskElementAggregate, assignCommand("HC-03"), OFFICE, at("2022-12-02"))),
    ).toBe("WORKSTREAM_CLOSED");
  });
  it("refuses while an element is open (reported is not verified)", () => {
    const s = withElements();
    finish(s, "HC-01");
    s.task({ type: "StartTaskElement", data: { code: "HC-02" } });
    s.task({ type: "ReportTaskCompletion", data: { code: "HC-02", summary: "done", evidence } });
    const result = s.submit(close(["HC-01", "HC-02"]));
    expect(codeOf(result)).toBe("ELEMENTS_OPEN");
    expect(result._tag === "Left" && result.left.message).toContain("HC-02 (CompletionReported)");
  });
  it("refuses a listed element never assigned", () => {
    const s = setUp();
    s.submit(define());
    s.submit(list(["HC-01"]));
    expect(codeOf(s.submit(close(["HC-01"])))).toBe("ELEMENTS_OPEN");
  });
  it("must name exactly the listed elements", () => {
    const s = withElements();
    finish(s, "HC-01");
    finish(s, "HC-02");
    expect(codeOf(s.submit(close(["HC-01"])))).toBe("ELEMENT_LIST_MISMATCH");
    expect(codeOf(s.submit(close(["HC-01", "HC-02", "HC-09"])))).toBe("ELEMENT_LIST_MISMATCH");
    expect(codeOf(s.submit(close(["HC-01", "HC-02"]), WS_LEAD))).toBe("PERMISSION_DENIED");
    expect(codeOf(s.submit(close(["HC-02", "HC-01"])))).toBe("OK");
  });
  it("an empty workstream closes", () => {
    const s = setUp();
    s.submit(define());
    expect(codeOf(s.submit(close([])))).toBe("OK");
    expect(codeOf(s.submit(close([])))).toBe("WORKSTREAM_CLOSED");
  });
});
