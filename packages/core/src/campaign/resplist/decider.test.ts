import { describe, expect, it } from "vitest";
import {
  dutyPeriods,
  missedDuties,
  type ResponsibilityItem,
  type ResponsibilityListCommand,
  type ResponsibilityListState,
  responsibilityListAggregate,
} from "../index";
import { at, codeOf, createLedger, dept, enterprise, LEAD_GROUP, OFFICE } from "../testing";

const item = (itemId: string, overrides: Partial<ResponsibilityItem> = {}): ResponsibilityItem => ({
  itemId,
  subject: { unit: "GY-EIB", post: "主要负责人" },
  tier: "city",
  duty: "每年至少召开 2 次安全生产专题会议",
  legalBasis: "《地方党政领导干部安全生产责任制规定》第七条",
  requirement: { count: 2, per: "year" },
  evidenceKind: "会议纪要",
  accountability: "约谈；通报批评",
  ...overrides,
});
const publish = (items = [item("R1")]): ResponsibilityListCommand => ({
  type: "PublishResponsibilityList",
  data: { listId: "GY-2020", title: "广元市安全生产责任清单", effectiveFrom: "2020-07-01", items },
});
const revise = (effectiveFrom: string, items = [item("R1", { requirement: { count: 4, per: "year" } })]) =>
  ({
    type: "ReviseResponsibilityList",
    data: { listId: "GY-2020", effectiveFrom, items, reason: "新规" },
  }) as const;
const perform = (performedOn: string, itemId = "R1"): ResponsibilityListCommand => ({
  type: "RecordDutyPerformance",
  data: {
    listId: "GY-2020",
    itemId,
    performedOn,
    evidence: [{ description: "会议纪要", reference: `MM-${performedOn}` }],
  },
});
const EIB = dept("GY-EIB");

const setUp = () => {
  const ledger = createLedger();
  const submit = (command: ResponsibilityListCommand, actor = OFFICE, date = "2020-07-01") =>
    ledger.submit(responsibilityListAggregate, command, actor, at(date));
  const state = () =>
    ledger.stateOf(responsibilityListAggregate, "resplist-GY-2020") as ResponsibilityListState;
  return { submit, state };
};

describe("publishing and revising", () => {
  it("publishes version 1 and revises as version 2, both kept", () => {
    const s = setUp();
    expect(codeOf(s.submit(publish()))).toBe("OK");
    expect(codeOf(s.submit(revise("2021-01-01"), OFFICE, "2020-12-01"))).toBe("OK");
    expect(s.state().versions.map((v) => [v.version, v.effectiveFrom])).toEqual([
      [1, "2020-07-01"],
      [2, "2021-01-01"],
    ]);
  });
  it("publishes once, by the lead group or office, without duplicate items", () => {
    const s = setUp();
    expect(codeOf(s.submit(publish(), EIB))).toBe("PERMISSION_DENIED");
    expect(codeOf(s.submit(publish([item("R1"), item("R1")])))).toBe("DUPLICATE_ITEM");
    s.submit(publish(), LEAD_GROUP);
    expect(codeOf(s.submit(publish()))).toBe("LIST_ALREADY_PUBLISHED");
  });
  it("revises only a published list, later than the last version and not retroactively", () => {
    const s = setUp();
    expect(codeOf(s.submit(revise("2021-01-01")))).toBe("LIST_NOT_PUBLISHED");
    s.submit(publish());
    expect(codeOf(s.submit(revise("2020-07-01"), OFFICE, "2020-06-01"))).toBe("REVISION_NOT_LATER");
    expect(codeOf(s.submit(revise("2020-09-01"), OFFICE, "2020-10-01"))).toBe("REVISION_RETROACTIVE");
    expect(codeOf(s.submit(revise("2021-01-01"), EIB, "2020-12-01"))).toBe("PERMISSION_DENIED");
  });
});

describe("duty performance (履责登记)", () => {
  it("is recorded by the subject unit, with the version in force", () => {
    const s = setUp();
    s.submit(publish());
    const result = s.submit(perform("2020-08-10"), EIB, "2020-08-11");
    expect(result._tag === "Right" && result.right[0]).toMatchObject({
      type: "DutyPerformed",
      data: { itemId: "R1", version: 1, performedOn: "2020-08-10", recordedBy: { unit: "GY-EIB" } },
    });
  });
  it("not by another unit, not in the future, not for an item not in force", () => {
    const s = setUp();
    s.submit(publish());
    expect(codeOf(s.submit(perform("2020-08-10"), dept("GY-MPS"), "2020-08-11"))).toBe("PERMISSION_DENIED");
    expect(codeOf(s.submit(perform("2020-08-10"), enterprise("ENT-1"), "2020-08-11"))).toBe(
      "PERMISSION_DENIED",
    );
    expect(codeOf(s.submit(perform("2020-08-12"), EIB, "2020-08-11"))).toBe("PERFORMED_IN_FUTURE");
    expect(codeOf(s.submit(perform("2020-06-10"), EIB, "2020-08-11"))).toBe("ITEM_NOT_IN_FORCE");
    expect(codeOf(s.submit(perform("2020-08-10", "R9"), EIB, "2020-08-11"))).toBe("ITEM_NOT_IN_FORCE");
    expect(codeOf(setUp().submit(perform("2020-08-10"), EIB, "2020-08-11"))).toBe("LIST_NOT_PUBLISHED");
  });
  it("missed duties are derived per period: required vs performed, with the version in force at period end", () => {
    const s = setUp();
    s.submit(
      publish([item("R1"), item("R2", { requirement: { count: 1, per: "quarter" }, duty: "每季度检查" })]),
    );
    s.submit(perform("2020-08-10"), EIB, "2020-08-11");
    s.submit(perform("2020-11-10"), EIB, "2020-11-11");
    s.submit(perform("2020-11-10", "R2"), EIB, "2020-11-11");
    s.submit(revise("2021-01-01"), OFFICE, "2020-12-01");
    s.submit(perform("2021-03-10"), EIB, "2021-03-11");
    const rows = dutyPeriods(s.state(), "2021-04-15");
    expect(rows.map((r) => [r.itemId, r.period, r.required, r.performed, r.status])).toEqual([
      ["R1", "2020", 2, 2, "met"],
      ["R1", "2021", 4, 1, "open"],
      ["R2", "2020-Q3", 1, 0, "missed"],
      ["R2", "2020-Q4", 1, 1, "met"],
    ]);
    expect(missedDuties(s.state(), "2021-04-15").map((r) => `${r.itemId} ${r.period}`)).toEqual([
      "R2 2020-Q3",
    ]);
    expect(missedDuties(s.state(), "2022-01-01").map((r) => `${r.itemId} ${r.period}`)).toEqual([
      "R1 2021",
      "R2 2020-Q3",
    ]);
  });
});
