/** Turning io-ts failures into issues that name the field and the reason. */
import type * as t from "io-ts";
import type { InputIssue } from "./errors";

const describe = (value: unknown): string => {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  const text = JSON.stringify(value);
  return text !== undefined && text.length <= 40 ? `got ${text}` : `got a ${typeof value}`;
};

/** One issue per failing leaf: `path` is dotted (`data.deadline`), `message` says why. */
export const issuesOf = (errors: t.Errors): InputIssue[] => {
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const error of errors) {
    // Keys under a union are branch numbers, not fields: leave them out of the path.
    const path = error.context
      .filter(
        (entry, i) =>
          entry.key !== "" && (error.context[i - 1]?.type as { _tag?: string })?._tag !== "UnionType",
      )
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
