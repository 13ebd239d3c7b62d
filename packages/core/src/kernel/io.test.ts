import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { decodeCommandJson } from "../catalog";
import { errorText } from "../error-catalogue";
import { Count } from "../supervision/values";
import { IsoDateTime } from "./aggregate";
import { issuesOf, issueText } from "./io";
import { Code, DateString } from "./values";

const decodeIssues = (codec: t.Mixed, value: unknown) => {
  const result = codec.decode(value);
  if (result._tag === "Right") throw new Error("expected a failure");
  return issuesOf(result.left);
};

describe("issuesOf", () => {
  it("names the field through intersections, not the branch number", () => {
    const codec = t.type({
      data: t.intersection([t.type({ name: t.string }), t.partial({ phone: t.string })]),
    });
    expect(decodeIssues(codec, { data: { name: 1, phone: 2 } }).map((i) => i.path)).toEqual([
      "data.name",
      "data.phone",
    ]);
  });

  it("names the field through unions, and says what was given", () => {
    const codec = t.type({ when: t.union([t.literal("now"), t.number]) });
    const issues = decodeIssues(codec, {});
    expect(issues.every((i) => i.path === "when")).toBe(true);
    expect(issues[0]?.message).toContain("missing");
  });

  it("keeps array indices, which are fields", () => {
    const codec = t.type({ items: t.array(t.type({ id: t.string })) });
    expect(decodeIssues(codec, { items: [{ id: "a" }, { id: 3 }] }).map((i) => i.path)).toEqual([
      "items.1.id",
    ]);
  });
});

describe("an issue's reason", () => {
  it("is coded: a codec of ours gives its code and parameters, the English message from the catalogue", () => {
    const codec = t.type({ deaths: Count, on: DateString, id: Code });
    const issues = decodeIssues(codec, { deaths: -1, on: "2021-02-29", id: "a b" });
    expect(issues).toEqual([
      { path: "deaths", code: "INPUT_NOT_A_COUNT", params: {}, message: "must be a whole number, 0 or more" },
      {
        path: "on",
        code: "INPUT_NO_SUCH_DAY",
        params: { month: "2021-02", day: 29, days: 28 },
        message: "2021-02 has no day 29 (it has 28 days)",
      },
      expect.objectContaining({ path: "id", code: "INPUT_NOT_A_CODE", params: { max: 64 } }),
    ]);
    expect(issues.map((i) => issueText(i, "zh-CN"))).toEqual([
      "须为非负整数（0 或以上）",
      "2021-02 没有第 29 日（该月只有 28 天）",
      "须为 1–64 个字母、数字、“.”“_”或“-”，以字母或数字开头",
    ]);
    expect(issues.map((i) => issueText(i, "en"))).toEqual(issues.map((i) => i.message));
  });

  it("falls back to what was expected and what came, the expected kind named in Chinese where it is ours", () => {
    const codec = t.type({
      sector: t.keyof({ "coal-mine": null, fire: null }),
      count: t.number,
      when: DateString,
      list: t.array(t.string),
    });
    const issues = decodeIssues(codec, { sector: "moon", count: "7", list: {} });
    expect(issues.map((i) => [i.path, i.code, i.params])).toEqual([
      ["sector", "INPUT_EXPECTED", { expected: '"coal-mine" | "fire"', got: '"moon"' }],
      ["count", "INPUT_EXPECTED", { expected: "number", got: '"7"' }],
      ["when", "INPUT_NOT_A_DATE", {}],
      ["list", "INPUT_EXPECTED", { expected: "Array<string>", got: "object" }],
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      'expected "coal-mine" | "fire", got "moon"',
      'expected number, got "7"',
      "must be a date written YYYY-MM-DD (e.g. 2020-07-14)",
      "expected Array<string>, got a object",
    ]);
    expect(issues.map((i) => issueText(i, "zh-CN"))).toEqual([
      '应为以下之一："coal-mine"、"fire"，得到 "moon"',
      '应为数字，得到 "7"',
      "须为 YYYY-MM-DD 格式的日期（例如 2020-07-14）",
      "应为文本的列表，得到一个对象",
    ]);
    expect(issueText(decodeIssues(t.type({ n: t.string }), {})[0]!, "zh-CN")).toBe("应为文本，缺失");
    expect(issueText(decodeIssues(t.type({ n: IsoDateTime }), { n: null })[0]!, "zh-CN")).toMatch(
      /^须为 ISO 8601/,
    );
  });

  it("keeps another library's reason in words, under a code that says it is not coded", () => {
    const foreign = new t.Type<string, string, unknown>(
      "Foreign",
      (u): u is string => typeof u === "string",
      (u, c) => t.failure(u, c, "is not foreign enough"),
      t.identity,
    );
    const [issue] = decodeIssues(t.type({ x: foreign }), { x: 1 });
    expect(issue).toEqual({
      path: "x",
      code: "INPUT_UNCODED",
      params: { reason: "is not foreign enough" },
      message: "is not foreign enough",
    });
    expect(issueText(issue!, "zh-CN")).toBe("无效（is not foreign enough）");
  });

  it("renders in Chinese inside a decode error, the English message unchanged", () => {
    const decoded = decodeCommandJson({
      type: "ReportAccident",
      commandId: "c-1",
      actor: { unit: "GY-EMB", role: "office", person: "Li" },
      occurredAt: "2020-02-30",
      data: {},
    });
    if (decoded._tag === "Right") throw new Error("expected a failure");
    expect(decoded.left.message).toBe("Invalid command: occurredAt: 2020-02 has no day 30 (it has 29 days)");
    expect(errorText(decoded.left, "zh-CN")).toBe(
      "输入有误：occurredAt：2020-02 没有第 30 日（该月只有 29 天）",
    );
    expect(errorText(decoded.left, "en")).toBe(decoded.left.message);
  });
});
