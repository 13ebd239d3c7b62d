/**
 * Opening a ledger file: WAL, so readers never block the writer; `synchronous = FULL`, so an
 * acknowledged append is on disk (survives a crash or power loss); a busy timeout, so writers
 * in other processes wait for each other instead of failing at once.
 */
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { LedgerFileMissingError, migrate } from "./schema";
import { isBusy } from "./sqlite-errors";

export interface ConnectionOptions {
  readonly path: string;
  /** How long a writer waits for another process's write lock before giving up (ms). */
  readonly busyTimeoutMs: number;
  /** Create the file when it is missing (default true); false: a missing file is `LedgerFileMissingError`. */
  readonly create?: boolean;
  /** Open the file for reading only (it must exist and be at the current schema version). */
  readonly readonly?: boolean;
}

/**
 * WAL frames (pages) after which a commit copies the WAL into the file (SQLite's default: 1,000).
 * A checkpoint costs two fsyncs and a write of every page the WAL holds, once however often a
 * page was rewritten meanwhile; a read tables' catch-up of 1,000 events writes 1,000-1,700
 * frames, so with the default every catch-up paid a checkpoint of its own. Ten times as many
 * frames between checkpoints (about 40 MB of WAL) pay them a tenth as often. Durability is the
 * commit's fsync (`synchronous`), not the checkpoint's: a crash recovers from the WAL as before.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

const pause = new Int32Array(new SharedArrayBuffer(4));
/** Block this thread for `ms` (opening is synchronous, like all of better-sqlite3). */
const sleep = (ms: number): void => {
  Atomics.wait(pause, 0, 0, ms);
};

/**
 * Switching a new file to WAL needs a lock SQLite does not wait for (no busy handler): when
 * several processes open a new file at once, all but one get SQLITE_BUSY. So the setup is
 * retried, with a short pause, until the busy timeout has passed.
 */
const withBusyRetry = <T>(busyTimeoutMs: number, work: () => T): T => {
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      sleep(Math.min(5 * attempt, 50, Math.max(1, deadline - Date.now())));
    }
  }
};

const inMemory = (path: string): boolean => path === ":memory:" || path === "";

export const openDatabase = ({
  path,
  busyTimeoutMs,
  create = true,
  readonly = false,
}: ConnectionOptions): Database.Database => {
  const timeout = Math.max(0, Math.floor(busyTimeoutMs));
  const mustExist = (readonly || !create) && !inMemory(path);
  if (mustExist && !existsSync(path)) throw new LedgerFileMissingError(path);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout, fileMustExist: mustExist, readonly });
  } catch (error) {
    // Removed between the check and the open.
    if (mustExist && !existsSync(path)) throw new LedgerFileMissingError(path);
    throw error;
  }
  try {
    db.pragma(`busy_timeout = ${timeout}`);
    if (readonly) return db;
    db.pragma("synchronous = FULL");
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    withBusyRetry(timeout, () => {
      if (db.pragma("journal_mode", { simple: true }) !== "wal") db.pragma("journal_mode = WAL");
    });
    withBusyRetry(timeout, () => migrate(db));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};
