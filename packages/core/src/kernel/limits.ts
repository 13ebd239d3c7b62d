/**
 * Limits on what one command may be, checked before anything recursive (io-ts, the error
 * describer, the canonicaliser) sees the value: a 5,000-deep value or a 10 MB name is refused
 * as a field error, never a stack overflow or a 10 MB event. The numbers keep the largest
 * command's events far below EventStoreDB's 1 MiB append limit.
 */
import { type InputIssue, inputIssue } from "./errors";
import { reason } from "./input-issue-texts";

export const INPUT_LIMITS = {
  /** Bytes of one JSON-lines command (UTF-8), as `submit` reads it. */
  lineBytes: 128 * 1024,
  /** Characters of any one string (a name, a description, a reason). */
  stringLength: 4_000,
  /** Nesting of objects and arrays inside a command, the envelope counting as one. */
  depth: 12,
  /** Items of one array, or keys of one object. */
  items: 1_000,
  /** Characters of a command id. */
  commandIdLength: 200,
} as const;

/** A short, safe quotation of what was sent, for error messages. */
export const quote = (value: string, max = 40): string =>
  JSON.stringify(value.length <= max ? value : `${value.slice(0, max)}…`);

/**
 * Every limit `value` breaks, as issues naming the field (`data.stages.3.name`), at most one per
 * kind of limit and path. Iterative: the walk itself cannot overflow the stack.
 */
export const limitIssues = (value: unknown, limits = INPUT_LIMITS): InputIssue[] => {
  const issues: InputIssue[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: "", depth: 1 }];
  while (stack.length > 0 && issues.length < 10) {
    const { value: v, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof v === "string") {
      if (v.length > limits.stringLength)
        issues.push(
          inputIssue(
            path,
            reason("INPUT_STRING_TOO_LONG", {
              length: v.length.toLocaleString("en"),
              max: limits.stringLength.toLocaleString("en"),
            }),
          ),
        );
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth > limits.depth) {
      issues.push(inputIssue(path, reason("INPUT_TOO_DEEP", { max: limits.depth })));
      continue;
    }
    const entries: Array<[string, unknown]> = Array.isArray(v)
      ? v.map((item, i) => [String(i), item])
      : Object.entries(v as Record<string, unknown>);
    if (entries.length > limits.items) {
      const counts = { count: entries.length.toLocaleString("en"), max: limits.items.toLocaleString("en") };
      issues.push(
        inputIssue(path, reason(Array.isArray(v) ? "INPUT_TOO_MANY_ITEMS" : "INPUT_TOO_MANY_FIELDS", counts)),
      );
      continue;
    }
    for (const [key, item] of entries) {
      if (!Array.isArray(v) && key.length > 100) {
        issues.push(
          inputIssue(path, reason("INPUT_FIELD_NAME_TOO_LONG", { length: key.length, name: quote(key) })),
        );
        continue;
      }
      stack.push({ value: item, path: path === "" ? key : `${path}.${key}`, depth: depth + 1 });
    }
  }
  return issues;
};
