/** What the CLI can fail with, and the exit code each one gives. */

/** The command line itself is wrong (unknown option, bad date, missing argument): exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A command was rejected or a check failed: exit 1. The message is for the user. */
export class CheckFailed extends Error {
  override readonly name = "CheckFailed";
}

export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;
