/** Turning io-ts failures into issues that name the field and the reason. */
import type * as t from "io-ts";
import type { InputIssue } from "./errors";
import { quote } from "./limits";

/** What was sent, quoted short: never the whole of a long or deep value. */
const describe = (value: unknown): string => {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (typeof value === "string") return `got ${quote(value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `got ${String(value)}`;
  return `got ${Array.isArray(value) ? "an array" : `a ${typeof value}`}`;
};

const BRANCHING: ReadonlySet<string | undefined> = new Set(["UnionType", "IntersectionType"]);
const tagOf = (type: t.Decoder<unknown, unknown> | undefined): string | undefined =>
  (type as { _tag?: string } | undefined)?._tag;

/** One issue per failing leaf: `path` is dotted (`data.deadline`), `message` says why. */
export const issuesOf = (errors: t.Errors): InputIssue[] => {
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const error of errors) {
    // Keys under a union or an intersection are branch numbers, not fields: leave them out.
    const path = error.context
      .filter((entry, i) => entry.key !== "" && !BRANCHING.has(tagOf(error.context[i - 1]?.type)))
      .map((entry) => entry.key)
      .join(".");
    const leaf = error.context[error.context.length - 1];
    const expected = leaf?.type.name ?? "valid value";
    const message = error.message ?? `expected ${expected}, ${describe(error.value)}`;
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, message });
  }
  return issues;
};
