/**
 * Every failure the library reports is a value of one of these tagged shapes: a `code` a
 * program can switch on and a `message` a clerk can act on.
 */
import { describeExpected, type ExpectedVersion } from "./expected-version";
import { type IssueReason, reasonText } from "./input-issue-texts";
import { type PermissionParams, permissionText } from "./permission-texts";

/** What an error's sentence is made of (ids, dates, counts; an optional one picks a wording), for rendering it in a language. */
export type ErrorParams = Readonly<Record<string, string | number | undefined>>;

/** A business rule said no (the command was understood, but is not allowed now). */
export interface DomainError {
  readonly _tag: "DomainError";
  readonly code: string;
  /** The English sentence (see `errorText` for the reader's language). */
  readonly message: string;
  /** The command field the rule is about, when there is one. */
  readonly field?: string;
  /** The sentence's parameters, when the code is in the error catalogue (see error-texts.ts). */
  readonly params?: ErrorParams;
}

/** The actor may not issue this command. */
export interface PermissionDenied {
  readonly _tag: "PermissionDenied";
  readonly code: "PERMISSION_DENIED";
  readonly message: string;
  readonly commandType: string;
  /** The command, the actor and the coded reason (kernel/permission-texts.ts). */
  readonly params: PermissionParams;
}

/**
 * One field of outside input that failed to decode: `code` and `params` say why (see
 * input-issue-texts.ts, rendered by `issueText`), `message` is the same reason in English.
 */
export interface InputIssue {
  readonly path: string;
  readonly code: string;
  readonly params?: ErrorParams;
  readonly message: string;
}

/** An issue of `path` for a reason of core's catalogue, its English message from the catalogue. */
export const inputIssue = (path: string, why: IssueReason): InputIssue => ({
  path,
  code: why.code,
  params: why.params,
  message: reasonText(why, "en"),
});

/** Outside input (a JSON command, a CSV row, a stored event) did not decode. */
export interface ValidationError {
  readonly _tag: "ValidationError";
  readonly code: "INVALID_INPUT";
  readonly message: string;
  readonly issues: ReadonlyArray<InputIssue>;
}

/** A stored event that fits no registered codec or upcaster. */
export interface EventDecodeError {
  readonly _tag: "EventDecodeError";
  readonly code: "UNDECODABLE_EVENT";
  readonly message: string;
  readonly stream: string;
  readonly revision: number;
  readonly eventType: string;
  readonly issues: ReadonlyArray<InputIssue>;
}

/** The stream was not at the version the writer expected. */
export interface WrongExpectedVersion {
  readonly _tag: "WrongExpectedVersion";
  readonly code: "WRONG_EXPECTED_VERSION";
  readonly message: string;
  readonly stream: string;
  readonly expected: ExpectedVersion;
  /** The stream's last revision, or `undefined` when it has none. */
  readonly actual: number | undefined;
}

export interface StreamDeleted {
  readonly _tag: "StreamDeleted";
  readonly code: "STREAM_DELETED";
  readonly message: string;
  readonly stream: string;
}

/** The store could not be reached or failed; `retryable` says whether trying again may help. */
export interface StoreUnavailable {
  readonly _tag: "StoreUnavailable";
  readonly code: "STORE_UNAVAILABLE" | "STORE_DEADLINE" | "STORE_FAILURE";
  readonly message: string;
  readonly retryable: boolean;
  readonly cause?: unknown;
}

export type AppendError = WrongExpectedVersion | StreamDeleted | StoreUnavailable;

export type LedgerError =
  | DomainError
  | PermissionDenied
  | ValidationError
  | EventDecodeError
  | WrongExpectedVersion
  | StreamDeleted
  | StoreUnavailable;

export const domainError = (code: string, message: string, field?: string): DomainError =>
  field === undefined
    ? { _tag: "DomainError", code, message }
    : { _tag: "DomainError", code, message, field };

/** A refusal to its actor: the English sentence and, for other languages, what it is made of. */
export const permissionDenied = (commandType: string, params: PermissionParams): PermissionDenied => ({
  _tag: "PermissionDenied",
  code: "PERMISSION_DENIED",
  commandType,
  message: permissionText("en", params),
  params,
});

/**
 * A rejection with its field as a path from the command's root (`data.stages`), the convention
 * of decode errors: deciders name fields of the command's data. A field a decider writes with a
 * leading `/` is already a path from the root (`/occurredAt`: the envelope's time).
 */
export const withDataPath = <E extends { readonly _tag: string; readonly field?: string }>(error: E): E =>
  error._tag !== "DomainError" || error.field === undefined || error.field.startsWith("data.")
    ? error
    : { ...error, field: error.field.startsWith("/") ? error.field.slice(1) : `data.${error.field}` };

export const validationError = (issues: ReadonlyArray<InputIssue>, what = "input"): ValidationError => ({
  _tag: "ValidationError",
  code: "INVALID_INPUT",
  issues,
  message: `Invalid ${what}: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
});

export const storeUnavailable = (
  message: string,
  retryable: boolean,
  cause?: unknown,
  code: StoreUnavailable["code"] = "STORE_UNAVAILABLE",
): StoreUnavailable => ({ _tag: "StoreUnavailable", code, message, retryable, cause });

/** The one wording of a concurrency conflict, for every store. */
export const wrongExpectedVersion = (
  stream: string,
  expected: ExpectedVersion,
  actual: number | undefined,
): WrongExpectedVersion => ({
  _tag: "WrongExpectedVersion",
  code: "WRONG_EXPECTED_VERSION",
  stream,
  expected,
  actual,
  message: `Stream ${stream} was changed by someone else (expected ${describeExpected(expected)}, it is at ${
    actual === undefined ? "no stream" : `revision ${actual}`
  }); reload and try again.`,
});

export const streamDeleted = (stream: string): StreamDeleted => ({
  _tag: "StreamDeleted",
  code: "STREAM_DELETED",
  stream,
  message: `Stream ${stream} has been deleted; nothing more can be written to it.`,
});

/**
 * Reads are AsyncIterables, which cannot return an Either: a read that fails throws this,
 * carrying the same typed error values.
 */
export class LedgerFailure extends Error {
  constructor(readonly error: LedgerError) {
    super(error.message);
    this.name = "LedgerFailure";
  }
}
