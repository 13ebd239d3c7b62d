/**
 * Both clients' errors in the adapter's terms. `@eventstore/db-client` 6.x and
 * `@kurrent/kurrentdb-client` 1.x throw the same `CommandError` shapes (one `type` string from
 * the same `ErrorType` values, `streamName`), each from its own classes, so they are told apart
 * by those fields rather than by `instanceof`. A wrong expected version names the stream's
 * revision as `actualVersion` in 6.x and `actualState` in KurrentDB's client.
 */
import { ClientFailure, type ClientFailureReason } from "./client-port";

/** Client errors (and raw gRPC ones) in the adapter's terms. */
export const toClientFailure = (error: unknown): ClientFailure => {
  if (error instanceof ClientFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ClientFailure(classify(error), message, error);
};

interface CommandErrorShape {
  readonly type: string;
  readonly streamName?: string;
  readonly actualVersion?: unknown;
  readonly actualState?: unknown;
}

const isCommandError = (error: unknown): error is Error & CommandErrorShape =>
  error instanceof Error && typeof (error as { type?: unknown }).type === "string";

/** The STREAM_NOT_FOUND error both clients throw when a read finds no stream. */
export const isStreamNotFound = (error: unknown): boolean =>
  isCommandError(error) && error.type === "stream-not-found";

const classify = (error: unknown): ClientFailureReason => {
  if (!isCommandError(error)) return isConnectionError(error) ? { kind: "unavailable" } : { kind: "other" };
  switch (error.type) {
    case "wrong-expected-version": {
      const actual = error.actualVersion ?? error.actualState;
      return {
        kind: "wrong_expected_version",
        stream: error.streamName ?? "",
        actual: typeof actual === "bigint" && actual >= 0n ? actual : undefined,
      };
    }
    case "stream-deleted":
      return { kind: "stream_deleted", stream: error.streamName ?? "" };
    case "unavailable":
    case "cancelled":
      return { kind: "unavailable" };
    case "deadline-exceeded":
    case "timeout":
      return { kind: "deadline" };
    case "not-leader":
      return { kind: "not_leader" };
    case "access-denied":
      return { kind: "access_denied" };
    case "maximum-append-size-exceeded":
      return { kind: "too_large" };
    default:
      return { kind: "other" };
  }
};

/** Errors thrown before a call reaches the server: refused connections, failed discovery. */
const isConnectionError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code === 14 /* grpc UNAVAILABLE */) return true;
  if (
    typeof code === "string" &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EPIPE)$/.test(code)
  )
    return true;
  return /failed to discover|no connection established|connect ECONNREFUSED/i.test(error.message);
};
