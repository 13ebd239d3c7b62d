/**
 * `submit FILE`: JSON-lines commands, one result per line. Each line stands alone: a line that
 * is malformed or rejected appends nothing and is reported with its number, field and reason;
 * the lines before and after it are still handled.
 */
import {
  createCommandHandler,
  decodeCommandJson,
  type EventStore,
  INPUT_LIMITS,
  issueText,
  type LedgerError,
  type LedgerPolicy,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { cliError, cliErrorText } from "../cli-error-texts";
import type { CodedError } from "../errors";
import { lines } from "../input";
import { type Lang, MESSAGES } from "../messages";
import { type Io, toJson } from "../output";

export interface LineResult {
  readonly line: number;
  readonly ok: boolean;
  readonly commandId?: string;
  readonly type?: string;
  readonly stream?: string;
  readonly revision?: number | undefined;
  readonly events?: ReadonlyArray<string>;
  readonly duplicate?: boolean;
  /** Mobile or resident ID numbers found in the events' free text (masked); the command went in. */
  readonly warnings?: ReadonlyArray<string>;
  /**
   * The code and the English message (stable, for programs), the field, and `text`: the same
   * sentence in the reader's language (`--lang`), as the text output prints it.
   */
  readonly error?: {
    readonly code: string;
    readonly message: string;
    readonly field?: string;
    readonly text?: string;
    /** A decode error's fields: each with its reason's code, the English and the reader's language. */
    readonly issues?: ReadonlyArray<{
      readonly path: string;
      readonly code: string;
      readonly message: string;
      readonly text?: string;
    }>;
  };
}

/** A line's result, and the ledger's error behind a rejection (to print it in the reader's language). */
interface LineOutcome {
  readonly result: LineResult;
  readonly cause?: CodedError;
}

/** A line refused before it reaches the ledger (too long, not JSON, a failure in handling it). */
const refused = (line: number, coded: CodedError): LineOutcome => ({
  result: { line, ok: false, error: { code: coded.code, message: coded.message } },
  cause: coded,
});

export const describeError = (error: LedgerError): NonNullable<LineResult["error"]> => {
  const field =
    error._tag === "ValidationError"
      ? error.issues[0]?.path
      : error._tag === "DomainError"
        ? error.field
        : undefined;
  return field === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, field };
};

export const submitLine = async (
  handle: ReturnType<typeof createCommandHandler>,
  text: string,
  line: number,
): Promise<LineOutcome> => {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > INPUT_LIMITS.lineBytes)
    return refused(
      line,
      cliError("LINE_TOO_LONG", {
        bytes: bytes.toLocaleString("en"),
        max: INPUT_LIMITS.lineBytes.toLocaleString("en"),
      }),
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return refused(line, cliError("MALFORMED_JSON", { detail: (e as Error).message }));
  }
  const decoded = decodeCommandJson(json);
  if (E.isLeft(decoded))
    return { result: { line, ok: false, error: describeError(decoded.left) }, cause: decoded.left };
  const { aggregate, envelope } = decoded.right;
  const outcome = await handle(aggregate, envelope);
  const base = { line, commandId: envelope.commandId, type: envelope.command.type };
  return E.isLeft(outcome)
    ? { result: { ...base, ok: false, error: describeError(outcome.left) }, cause: outcome.left }
    : {
        result: {
          ...base,
          ok: true,
          stream: outcome.right.stream,
          revision: outcome.right.revision,
          events: outcome.right.events.map((e) => e.type),
          duplicate: outcome.right.duplicate,
          ...(outcome.right.warnings === undefined
            ? {}
            : { warnings: outcome.right.warnings.map((w) => w.message) }),
        },
      };
};

/** A decode error's issues for `--json`: code, English `message` and `text` in `lang`. */
const issuesIn = (
  cause: CodedError | undefined,
  lang: Lang,
): Pick<NonNullable<LineResult["error"]>, "issues"> =>
  cause !== undefined && "_tag" in cause && cause._tag === "ValidationError"
    ? {
        issues: cause.issues.map((i) => ({
          path: i.path,
          code: i.code,
          message: i.message,
          text: issueText(i, lang),
        })),
      }
    : {};

/** JSON results keep the English message (for programs); the text is in the reader's language. */
export const submit = async (
  store: EventStore,
  file: string,
  io: Io,
  json: boolean,
  lang: Lang,
  policy: LedgerPolicy = {},
): Promise<number> => {
  const say = MESSAGES[lang].submit;
  const handle = createCommandHandler(store, { policy });
  let n = 0;
  let rejected = 0;
  for await (const text of lines(file)) {
    n += 1;
    if (text.trim() === "") continue;
    const { result, cause } = await submitLine(handle, text, n).catch(
      (e: unknown): LineOutcome =>
        refused(n, cliError("UNEXPECTED", { detail: String((e as Error)?.message ?? e).slice(0, 200) })),
    );
    if (!result.ok) rejected += 1;
    const said = cause === undefined ? undefined : cliErrorText(cause, lang);
    if (json)
      io.out(
        toJson(
          result.error === undefined
            ? result
            : { ...result, error: { ...result.error, text: said, ...issuesIn(cause, lang) } },
        ),
      );
    else if (result.ok) {
      io.out(
        say.ok(
          n,
          result.type ?? "",
          `${result.stream}@${result.revision}`,
          result.events ?? [],
          result.duplicate === true,
        ),
      );
      for (const warning of result.warnings ?? []) io.err(say.warning(n, warning));
    } else io.out(say.rejected(n, result.error?.field || undefined, said ?? result.error?.message ?? ""));
  }
  if (!json) io.err(say.summary(n - rejected, rejected));
  return rejected > 0 ? 1 : 0;
};
