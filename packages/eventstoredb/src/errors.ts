/** Client failures as the port's typed errors. */
import {
  type AppendError,
  type ExpectedVersion,
  type LedgerError,
  LedgerFailure,
  storeUnavailable,
  streamDeleted,
  wrongExpectedVersion,
} from "@safety-ledger/core";
import { ClientFailure } from "./client-port";

export const toLedgerError = (
  error: unknown,
  context?: { stream: string; expected: ExpectedVersion },
): AppendError => {
  const failure =
    error instanceof ClientFailure
      ? error
      : new ClientFailure({ kind: "other" }, error instanceof Error ? error.message : String(error), error);
  const { reason } = failure;
  const cause = failure.cause ?? failure;
  switch (reason.kind) {
    case "wrong_expected_version": {
      const stream = context?.stream ?? reason.stream;
      const actual = reason.actual === undefined ? undefined : Number(reason.actual);
      const expected = context?.expected ?? "any";
      return wrongExpectedVersion(stream, expected, actual);
    }
    case "stream_deleted":
      return streamDeleted(context?.stream ?? reason.stream);
    case "unavailable":
      return storeUnavailable(
        `EventStoreDB cannot be reached (${failure.message}); try again shortly.`,
        true,
        cause,
        "STORE_UNAVAILABLE",
      );
    case "not_leader":
      return storeUnavailable(
        `The EventStoreDB node is not the cluster leader (${failure.message}); the client reconnects, try again.`,
        true,
        cause,
        "STORE_UNAVAILABLE",
      );
    case "deadline":
      return storeUnavailable(
        `EventStoreDB did not answer in time (${failure.message}); try again (a repeated append of the same events is idempotent).`,
        true,
        cause,
        "STORE_DEADLINE",
      );
    case "access_denied":
      return storeUnavailable(
        `EventStoreDB refused access (${failure.message}); check the credentials in the connection string.`,
        false,
        cause,
        "STORE_FAILURE",
      );
    case "too_large":
      return storeUnavailable(
        `The events are larger than EventStoreDB accepts in one append (${failure.message}).`,
        false,
        cause,
        "STORE_FAILURE",
      );
    default:
      return storeUnavailable(`EventStoreDB failed: ${failure.message}`, false, cause, "STORE_FAILURE");
  }
};

/** What a failing read throws. */
export const readFailure = (error: unknown): LedgerFailure =>
  error instanceof LedgerFailure ? error : new LedgerFailure(toLedgerError(error) as LedgerError);
