/**
 * `createSqliteStore`: the event store port on one SQLite file (better-sqlite3, WAL). Appends
 * are atomic and durable when acknowledged; reads stream in pages; subscriptions catch up, then
 * follow appends made here at once and appends made by other processes within a poll interval.
 */
import {
  type AppendError,
  AppendSignal,
  type BatchAppend,
  type BatchAppendingStore,
  catchUpSubscription,
  type MasterKey,
  type PagedReadingStore,
  type StoredEvent,
  StoreSubscriptions,
  type SubjectKeyStore,
  type SubscribeOptions,
  type Subscription,
} from "@safety-ledger/core";
import type Database from "better-sqlite3";
// fp-ts has no exports map: Node's ESM loader needs the file path, not "fp-ts/Either".
import * as E from "fp-ts/lib/Either.js";
import { type BatchWritten, createAppender } from "./append";
import { checkpointsOn, type SqliteCheckpointStore } from "./checkpoints";
import { openDatabase } from "./connection";
import { createSqliteReadTables, type SqliteReadTables, type SqliteReadTablesOptions } from "./read-tables";
import { createReaders } from "./reads";
import { SCHEMA_VERSION } from "./schema";
import { sqliteSubjectKeyStore } from "./subject-keys";

export interface SqliteStoreOptions {
  /** The ledger file; created (with its schema) when missing. `:memory:` gives a private, volatile store. */
  readonly path: string;
  /**
   * Create the file when it is missing (default true). False: a missing file throws
   * `LedgerFileMissingError` and nothing is created (for readers, so a mistyped path is an error
   * rather than a new, empty ledger).
   */
  readonly create?: boolean;
  /**
   * Open the file for reading only: appends fail, and the read tables answer only when they
   * are caught up (`ReadTablesBehind` otherwise), as on a file the process may not write.
   */
  readonly readonly?: boolean;
  /** How `readTables` builds and keeps its tables (defaults for production). */
  readonly readTables?: SqliteReadTablesOptions;
  /** How often a waiting subscription looks for appends by other processes (ms, default 200). */
  readonly pollIntervalMs?: number;
  /**
   * Rows fetched per query when reading (default 100: a page is alive while its events are
   * processed, and smaller pages let V8 collect them young; at 1M events `audit verify` peaked
   * ~120 MB lower than with 500, at the same speed).
   */
  readonly pageSize?: number;
  /** How long an append waits for another process's write lock before `StoreUnavailable` (ms, default 5,000). */
  readonly busyTimeoutMs?: number;
  /** The clock for checkpoints' `updated_at` (default: the system clock). */
  readonly clock?: () => Date;
}

export interface SqliteEventStore extends BatchAppendingStore, PagedReadingStore {
  /** Projection checkpoints, kept in the same file as the events. */
  readonly checkpoints: SqliteCheckpointStore;
  /**
   * The read models as bitemporal tables in this file, caught up from a checkpoint
   * (`docs/read-models.md`): `catchUp()`, then `states(kind, { asOf, knownAt })`.
   */
  readonly readTables: SqliteReadTables;
  /**
   * The read tables of an encrypted ledger: the same tables, folding each event as `foldAs`
   * gives it (core `sealedEvent`: personal fields as sealed values, never in clear).
   */
  sealedReadTables(foldAs: (event: StoredEvent) => StoredEvent): SqliteReadTables;
  /** The file this store works on. */
  readonly path: string;
  /** The schema version of the file (`SCHEMA_VERSION`). */
  readonly schemaVersion: number;
  /**
   * An online, consistent copy of the whole file to `destination` (SQLite's backup API); appends
   * may go on meanwhile. Resolves when the copy is complete.
   */
  backup(destination: string): Promise<void>;
  /**
   * Many streams' appends in one IMMEDIATE transaction, all or none, like `appendBatch`, but
   * taken from `source` one at a time while the transaction is open, so the batch need not be
   * in memory. `source` is read synchronously: keep it quick, the write lock is held meanwhile.
   */
  appendBatchFrom(source: Iterable<BatchAppend>): Promise<E.Either<AppendError, BatchWritten>>;
  /** The data subjects' keys in this file (table `subject_keys`), wrapped by `master` (docs/privacy.md). */
  subjectKeys(master: MasterKey): SubjectKeyStore;
}

const positive = (value: number | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return Math.floor(value);
};

export const createSqliteStore = (options: SqliteStoreOptions): SqliteEventStore => {
  const pollIntervalMs = positive(options.pollIntervalMs, 200, "pollIntervalMs");
  const pageSize = positive(options.pageSize, 100, "pageSize");
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  const path = options.path;
  const db: Database.Database = openDatabase({
    path,
    busyTimeoutMs,
    create: options.create ?? true,
    ...(options.readonly === true ? { readonly: true } : {}),
  });
  const { append, appendBatch, appendBatchFrom } = createAppender(db, path);
  const { readStream, readAll, readAllPages } = createReaders(db, path, pageSize);
  const checkpoints = checkpointsOn(db, options.clock ?? (() => new Date()));

  const appended = new AppendSignal();
  let localAppends = 0;
  let closed = false;
  const subscriptions = new StoreSubscriptions(() => closed);

  /** Changes whenever another connection (another process) commits to the file. */
  const dataVersion = (): number | undefined =>
    db.open ? (db.pragma("data_version", { simple: true }) as number) : undefined;

  /**
   * Resolves when an append may have happened: at once for appends through this store, within
   * a poll interval for commits by other connections. Polling reads only `PRAGMA data_version`,
   * so an idle subscription costs next to nothing however large the file.
   */
  const waitForAppend = async (signal: AbortSignal, isCurrent: () => boolean): Promise<void> => {
    const seenLocal = localAppends;
    const seenVersion = dataVersion();
    while (!signal.aborted && !closed && isCurrent()) {
      await appended.wait(signal, pollIntervalMs);
      if (closed || localAppends !== seenLocal || dataVersion() !== seenVersion) return;
    }
  };

  const subscribeToAll = (subscribeOptions: SubscribeOptions = {}): Subscription => {
    // The subscription arms a wait before every read and drops it when the read filled a
    // whole page; a newer wait supersedes the older ones, so abandoned waits stop polling.
    let waits = 0;
    const source = {
      readAll,
      waitForAppend: (signal: AbortSignal) => {
        const mine = ++waits;
        return waitForAppend(signal, () => waits === mine);
      },
    };
    return subscriptions.track(catchUpSubscription(source, { ...subscribeOptions, pageSize }));
  };

  let readTables: SqliteReadTables | undefined;
  let sealedTables: SqliteReadTables | undefined;
  const store: SqliteEventStore = {
    append: async (stream, events, expected) => {
      const result = append(stream, events, expected);
      if (E.isRight(result) && events.length > 0) {
        localAppends += 1;
        appended.notify();
      }
      return result;
    },
    appendBatch: async (batch) => {
      const result = appendBatch(batch);
      if (E.isRight(result) && batch.some((b) => b.events.length > 0)) {
        localAppends += 1;
        appended.notify();
      }
      return result;
    },
    appendBatchFrom: async (source) => {
      const result = appendBatchFrom(source);
      if (E.isRight(result) && result.right.events > 0) {
        localAppends += 1;
        appended.notify();
      }
      return result;
    },
    readStream,
    readAll,
    readAllPages,
    subscribeToAll,
    checkpoints,
    get readTables() {
      readTables ??= createSqliteReadTables(
        db,
        path,
        store,
        options.clock ?? (() => new Date()),
        undefined,
        options.readTables,
      );
      return readTables;
    },
    sealedReadTables: (foldAs) => {
      sealedTables ??= createSqliteReadTables(
        db,
        path,
        store,
        options.clock ?? (() => new Date()),
        undefined,
        {
          ...options.readTables,
          foldAs,
        },
      );
      return sealedTables;
    },
    path,
    schemaVersion: SCHEMA_VERSION,
    subjectKeys: (master) => sqliteSubjectKeyStore(db, master, options.clock ?? (() => new Date())),
    backup: async (destination) => {
      await db.backup(destination);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      appended.notify();
      await subscriptions.closeAll();
      if (db.open) db.close();
    },
  };
  return store;
};
