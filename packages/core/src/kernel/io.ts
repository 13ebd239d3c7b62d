/** Turning io-ts failures into issues that name the field and the reason, by its code. */
import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import type { ErrorLang, ErrorTexts } from "./error-texts";
import type { InputIssue } from "./errors";
import { INPUT_ISSUE_TEXTS, type IssueReason, reason, reasonText } from "./input-issue-texts";
import { quote } from "./limits";

/** An io-ts error that says why by a code of the input-issue catalogue (see `issueFailure`). */
interface CodedValidationError extends t.ValidationError {
  readonly reason?: IssueReason;
}

/**
 * A codec's refusal with its reason coded: what io-ts's `t.failure` with a sentence would be, but with a
 * code and parameters a reader's language can be rendered from. `message` is the English.
 */
export const issueFailure = <A>(
  value: unknown,
  context: t.Context,
  why: IssueReason,
  texts: ErrorTexts = INPUT_ISSUE_TEXTS,
): t.Validation<A> =>
  E.left([{ value, context, message: reasonText(why, "en", texts), reason: why } as CodedValidationError]);

/** What was sent, as the fallback names it: a token for a kind, or the value quoted short. */
const got = (value: unknown): string => {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (typeof value === "string") return quote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return Array.isArray(value) ? "array" : typeof value;
};

const BRANCHING: ReadonlySet<string | undefined> = new Set(["UnionType", "IntersectionType"]);
const tagOf = (type: t.Decoder<unknown, unknown> | undefined): string | undefined =>
  (type as { _tag?: string } | undefined)?._tag;

/** One issue per failing leaf: `path` is dotted (`data.deadline`), `code` and `message` say why. */
export const issuesOf = (errors: t.Errors): InputIssue[] => {
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const error of errors as ReadonlyArray<CodedValidationError>) {
    // Keys under a union or an intersection are branch numbers, not fields: leave them out.
    const path = error.context
      .filter((entry, i) => entry.key !== "" && !BRANCHING.has(tagOf(error.context[i - 1]?.type)))
      .map((entry) => entry.key)
      .join(".");
    const leaf = error.context[error.context.length - 1];
    // Another library's codec may give a reason in words only: it is kept, under a code saying so.
    const why =
      error.reason ??
      (error.message === undefined
        ? reason("INPUT_EXPECTED", { expected: leaf?.type.name ?? "valid value", got: got(error.value) })
        : reason("INPUT_UNCODED", { reason: error.message }));
    // A coded error's message is its English already (from whichever catalogue holds its code).
    const message =
      error.reason !== undefined && error.message !== undefined ? error.message : reasonText(why, "en");
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, code: why.code, params: why.params, message });
  }
  return issues;
};

/** An issue's reason in a language, from its code (`texts`: core's catalogue, or one that includes it). */
export const issueText = (
  issue: Pick<InputIssue, "code" | "params" | "message">,
  lang: ErrorLang,
  texts: ErrorTexts = INPUT_ISSUE_TEXTS,
): string =>
  lang === "en" || texts[issue.code] === undefined
    ? issue.message
    : reasonText({ code: issue.code, params: issue.params ?? {} }, lang, texts);
