import { describe, expect, it } from "vitest";
import { type ExpectedRevision, expectedVersionNumber, satisfies } from "./expected";

const absent = { lastRevision: -1n, truncateBefore: 0n };
const three = { lastRevision: 2n, truncateBefore: 0n };
const softDeleted = { lastRevision: 2n, truncateBefore: 3n };

describe("expected revisions", () => {
  it("encode as .NET ExpectedVersion numbers in trailers", () => {
    const cases: [ExpectedRevision, bigint][] = [
      [{ kind: "no_stream" }, -1n],
      [{ kind: "any" }, -2n],
      [{ kind: "stream_exists" }, -4n],
      [{ kind: "revision", revision: 7n }, 7n],
    ];
    for (const [expected, number] of cases) expect(expectedVersionNumber(expected)).toBe(number);
  });

  it("treat a soft-deleted stream as absent, yet accept its last revision", () => {
    expect(satisfies(softDeleted, { kind: "no_stream" })).toBe(true);
    expect(satisfies(softDeleted, { kind: "stream_exists" })).toBe(false);
    expect(satisfies(softDeleted, { kind: "revision", revision: 2n })).toBe(true);
    expect(satisfies(three, { kind: "stream_exists" })).toBe(true);
    expect(satisfies(three, { kind: "no_stream" })).toBe(false);
    expect(satisfies(absent, { kind: "stream_exists" })).toBe(false);
    expect(satisfies(absent, { kind: "revision", revision: -1n })).toBe(false);
    expect(satisfies(absent, { kind: "any" })).toBe(true);
  });
});
