import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { issuesOf } from "./io";

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
