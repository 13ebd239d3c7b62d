/**
 * What a failure from PostgreSQL or the connection means for the caller. Connection loss,
 * an administrator's shutdown, serialisation failures, deadlocks and lock timeouts are worth
 * retrying; anything else is a `STORE_FAILURE`. No raw driver error leaves the package: each
 * is wrapped in the port's `StoreUnavailable` (kept as its `cause`).
 */
import { type StoreUnavailable, storeUnavailable } from "@safety-ledger/core";

/** SQLSTATEs after which the same request may well succeed. */
const RETRYABLE_CODES = new Set(["57P01", "57P02", "57P03", "40001", "40P01", "55P03"]);

/** Node's socket errors: the server went away or never answered. */
const CONNECTION_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

export const sqlStateOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
};

export const isRetryable = (error: unknown): boolean => {
  const code = sqlStateOf(error);
  if (code !== undefined)
    return code.startsWith("08") || RETRYABLE_CODES.has(code) || CONNECTION_ERRNOS.has(code);
  // node-postgres reports a dropped socket without a code.
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    message,
  );
};

/** Which UNIQUE constraint of `events` a failed insert ran into, if any. */
export const uniqueViolation = (error: unknown): "stream_revision" | "event_id" | undefined => {
  if (sqlStateOf(error) !== "23505") return undefined;
  const constraint = (error as { constraint?: string }).constraint ?? "";
  if (constraint.includes("event_id")) return "event_id";
  if (constraint.includes("stream")) return "stream_revision";
  return undefined;
};

/** Any failure of the database as the port's `StoreUnavailable`. */
export const toStoreUnavailable = (where: string, doing: string, error: unknown): StoreUnavailable => {
  const detail = error instanceof Error ? error.message : String(error);
  const code = sqlStateOf(error);
  const suffix = code === undefined ? detail : `${detail} (${code})`;
  if (isRetryable(error))
    return storeUnavailable(
      `The PostgreSQL store ${where} could not be reached or gave up while ${doing}: ${suffix}; try again.`,
      true,
      error,
    );
  return storeUnavailable(
    `The PostgreSQL store ${where} failed while ${doing}: ${suffix}`,
    false,
    error,
    "STORE_FAILURE",
  );
};
