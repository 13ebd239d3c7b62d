/** What a failure from SQLite means for the caller: retry later, or give up. */
import { type StoreUnavailable, storeUnavailable } from "@safety-ledger/core";
import Database from "better-sqlite3";

const codeOf = (error: unknown): string | undefined =>
  error instanceof Database.SqliteError ? error.code : undefined;

/** Another connection held the lock for longer than the busy timeout. */
export const isBusy = (error: unknown): boolean => {
  const code = codeOf(error);
  return code !== undefined && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
};

/** Which UNIQUE constraint of `events` a failed insert ran into, if any. */
export const uniqueViolation = (error: unknown): "stream_revision" | "event_id" | undefined => {
  const code = codeOf(error);
  if (code !== "SQLITE_CONSTRAINT_UNIQUE" && code !== "SQLITE_CONSTRAINT_PRIMARYKEY") return undefined;
  const message = (error as Error).message;
  if (message.includes("events.event_id")) return "event_id";
  if (message.includes("events.stream_name")) return "stream_revision";
  return undefined;
};

/** Map any failure of the database to the port's `StoreUnavailable`. */
export const toStoreUnavailable = (path: string, doing: string, error: unknown): StoreUnavailable => {
  if (isBusy(error))
    return storeUnavailable(
      `The ledger file ${path} is busy (another process held its lock too long) while ${doing}; try again.`,
      true,
      error,
    );
  const detail = error instanceof Error ? error.message : String(error);
  return storeUnavailable(
    `The ledger file ${path} failed while ${doing}: ${detail}`,
    false,
    error,
    "STORE_FAILURE",
  );
};
