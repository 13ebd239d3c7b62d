/** What the CLI can fail with, and the exit code each one gives. */
import type { errorText } from "@safety-ledger/core";

/** A failure with a code (a ledger error, a proof failure): rendered by `errorText`. */
export type CodedError = Parameters<typeof errorText>[0];

/**
 * The command line itself is wrong (unknown option, bad date, missing argument): exit 2. Its
 * `coded` error (from cli-error-texts.ts, see `usage`) is printed in the reader's language.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(readonly coded: CodedError) {
    super(coded.message);
  }
}

/**
 * A command was rejected or a check failed: exit 1. The message is for the user; a failure of
 * the ledger (`CheckFailed.of`) keeps its error, printed in the reader's language.
 */
export class CheckFailed extends Error {
  override readonly name = "CheckFailed";
  constructor(
    message: string,
    readonly coded?: CodedError,
  ) {
    super(message);
  }

  static of(error: CodedError): CheckFailed {
    return new CheckFailed(error.message, error);
  }
}

export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;
