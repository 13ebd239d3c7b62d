import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { decodeCommandJson } from "../catalog";
import { INPUT_LIMITS, limitIssues } from "./limits";

const launch = {
  type: "LaunchCampaign",
  commandId: "launch-2020",
  actor: { unit: "GY-SAFETY-OFFICE", role: "office", person: "Zhang Wei" },
  occurredAt: "2020-04-10T09:00:00+08:00",
  data: {
    campaignId: "GY-3YEAR",
    name: "Three-year special rectification of work safety",
    start: "2020-04-01",
    end: "2022-12-31",
    stages: [{ key: "mobilisation", start: "2020-04-01", end: "2022-12-31" }],
  },
};

const issues = (json: unknown) => {
  const decoded = decodeCommandJson(json);
  if (E.isRight(decoded)) throw new Error("expected a refusal");
  return decoded.left.issues;
};

const nested = (depth: number): unknown => {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
};

describe("limits on a command", () => {
  it("accepts the ordinary command", () => {
    expect(E.isRight(decodeCommandJson(launch))).toBe(true);
  });

  it("refuses a value nested 5,000 deep as a field error, not a stack overflow", () => {
    const found = issues({ ...launch, data: { ...launch.data, name: nested(5_000) } });
    expect(found[0]?.path).toMatch(/^data\.name(\.inner)*$/);
    expect(found[0]?.message).toBe(`is nested more than ${INPUT_LIMITS.depth} levels deep`);
  });

  it("refuses a 10 MB name, naming the field and quoting nothing of it", () => {
    const decoded = decodeCommandJson({ ...launch, data: { ...launch.data, name: "安".repeat(10_000_000) } });
    expect(E.isLeft(decoded) && decoded.left.issues).toEqual([
      {
        path: "data.name",
        code: "INPUT_STRING_TOO_LONG",
        params: { length: "10,000,000", max: "4,000" },
        message: "is 10,000,000 characters long; at most 4,000 are allowed",
      },
    ]);
    expect(E.isLeft(decoded) && decoded.left.message.length).toBeLessThan(200);
  });

  it("refuses an array of more items than allowed", () => {
    const stages = Array.from({ length: 1_001 }, () => launch.data.stages[0]);
    expect(issues({ ...launch, data: { ...launch.data, stages } })[0]).toEqual({
      path: "data.stages",
      code: "INPUT_TOO_MANY_ITEMS",
      params: { count: "1,001", max: "1,000" },
      message: "holds 1,001 items; at most 1,000 are allowed",
    });
  });

  it("quotes only a short prefix of an unknown command type", () => {
    const found = issues({ ...launch, type: `Launch${"X".repeat(5_000)}` });
    expect(found[0]?.path).toBe("type");
    expect(found[0]?.message.length).toBeLessThan(100);
  });

  it.each([" ", "", "a b", "-leading-dash", "x".repeat(201), "tab\there"])(
    "refuses the command id %j",
    (id) => {
      expect(issues({ ...launch, commandId: id })[0]?.path).toBe("commandId");
    },
  );

  it.each([
    "launch-2020",
    "gy:A2019-023:ReportAccident",
    "0190a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
    "import/x@y#1",
  ])("takes the command id %j", (id) => {
    expect(E.isRight(decodeCommandJson({ ...launch, commandId: id }))).toBe(true);
  });

  it("refuses extra keys in the actor, __proto__ and constructor included", () => {
    const actor = JSON.parse(
      '{"unit":"GY-SAFETY-OFFICE","role":"office","person":"Zhang Wei","__proto__":{"x":1},"constructor":[[1]]}',
    );
    expect(issues({ ...launch, actor }).map((i) => i.path)).toEqual(["actor.__proto__", "actor.constructor"]);
  });

  it("refuses extra keys in the envelope and in the data, at any depth", () => {
    expect(issues({ ...launch, extra: 1 }).map((i) => i.path)).toEqual(["extra"]);
    const data = { ...launch.data, stages: [{ ...launch.data.stages[0], nme: "typo" }] };
    expect(issues({ ...launch, data })[0]).toMatchObject({ path: "data.stages.0.nme" });
  });

  it("walks without recursion, so no depth can overflow it", () => {
    expect(limitIssues(nested(200_000))).toHaveLength(1);
  });
});
