/**
 * `createPostgresStore`: the event store port on PostgreSQL (node-postgres). Appends are
 * atomic, durable when acknowledged, and get positions in commit order; reads stream in pages;
 * subscriptions catch up, then follow appends, woken by LISTEN/NOTIFY and polling as well.
 */
import {
  type BatchAppend,
  type BatchAppendingStore,
  catchUpSubscription,
  type EventToAppend,
  type ExpectedVersion,
  LedgerFailure,
  type PagedReadingStore,
  type PagedStreamReadingStore,
  type ReadAllOptions,
  type StoredEvent,
  StoreSubscriptions,
  type SubscribeOptions,
  type Subscription,
  storeUnavailable,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { createAppender } from "./append";
import { PostgresCheckpointStore } from "./checkpoints";
import { toStoreUnavailable } from "./errors";
import { createListener } from "./notifications";
import { createPostgresReadTables, type PostgresReadTables } from "./read-tables";
import { readTablesBeside } from "./read-tables-beside";
import { createReaders } from "./reads";
import { migrate, SCHEMA_VERSION } from "./schema";

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`; or give `pool`. */
  readonly connectionString?: string;
  /**
   * A pool of your own (a pg-compatible driver for a derivative database, TLS, your limits).
   * The store does not end it on `close`; give it an `error` listener, as node-postgres asks.
   */
  readonly pool?: pg.Pool;
  /** Connections of the pool the store creates from `connectionString` (default 10). */
  readonly maxConnections?: number;
  /** The longest a waiting subscription goes without looking for new events (ms, default 500). */
  readonly pollIntervalMs?: number;
  /** Rows fetched per query when reading (default 500). */
  readonly pageSize?: number;
  /** Write appends that wait for the lock together, in one transaction (default true). */
  readonly groupCommit?: boolean;
  /**
   * Release the append lock once a group's commit record is written, and wait for its flush
   * after that (default false: the lock is held through the flush). Acknowledged appends are
   * durable either way; with true, a reader may see an event a flush before it is durable, and
   * a server crash in that moment loses it with everything after it (docs/adapters.md).
   */
  readonly releaseLockBeforeFlush?: boolean;
  /** Groups written at once when `releaseLockBeforeFlush` (default 4). */
  readonly groupsInFlight?: number;
  /** Wait before replacing a dropped LISTEN connection (ms, default 1,000). */
  readonly reconnectDelayMs?: number;
  /** The clock for checkpoints' `updated_at` (default: the system clock). */
  readonly clock?: () => Date;
}

export interface PostgresEventStore extends BatchAppendingStore, PagedReadingStore, PagedStreamReadingStore {
  /** Projection checkpoints, in the same database as the events. */
  readonly checkpoints: PostgresCheckpointStore;
  /** The pool the store works through. */
  readonly pool: pg.Pool;
  /** The schema version of the database (`SCHEMA_VERSION`). */
  readonly schemaVersion: number;
  /**
   * The read models as bitemporal tables in the same database (created on first use), caught
   * up from a checkpoint: `read-tables.ts`, docs/read-models.md.
   */
  readonly readTables: PostgresReadTables;
  /**
   * The read tables of an encrypted ledger: the same tables, folding each event as `foldAs`
   * gives it (core `sealedEvent`: personal fields as sealed values, never in clear); reads
   * reveal them through the key store (core `revealingReadTables`).
   */
  sealedReadTables(foldAs: (event: StoredEvent) => StoredEvent): PostgresReadTables;
}

const positive = (value: number | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return Math.floor(value);
};

/** The server and database, without credentials, for messages. */
const describePool = (pool: pg.Pool): string => {
  const { host, port, database } = pool.options as { host?: string; port?: number; database?: string };
  if (host !== undefined || database !== undefined)
    return `${host ?? "localhost"}:${port ?? 5432}/${database ?? ""}`;
  return "(pool)";
};

/** Open a store: connect, migrate the schema when needed. Rejects with `LedgerFailure` when it cannot. */
export const createPostgresStore = async (options: PostgresStoreOptions): Promise<PostgresEventStore> => {
  const pollIntervalMs = positive(options.pollIntervalMs, 500, "pollIntervalMs");
  const pageSize = positive(options.pageSize, 500, "pageSize");
  const reconnectDelayMs = positive(options.reconnectDelayMs, 1_000, "reconnectDelayMs");
  if (options.pool === undefined && options.connectionString === undefined)
    throw new RangeError("createPostgresStore needs a connectionString or a pool");
  const owned = options.pool === undefined;
  const pool =
    options.pool ??
    new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle pooled connection that fails (a server restart) must not crash the process; the
  // pool replaces it, and the next query reports what is wrong.
  if (owned) pool.on("error", () => undefined);
  const where = describePool(pool);

  try {
    const client = await pool.connect();
    const ignore = () => undefined; // a dropped connection is reported by the query in flight
    client.on("error", ignore);
    try {
      await migrate(client);
      client.removeListener("error", ignore);
      client.release();
    } catch (error) {
      client.removeListener("error", ignore);
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  } catch (error) {
    if (owned) await pool.end().catch(() => undefined);
    if (error instanceof Error && error.name === "SchemaTooNewError") throw error;
    throw new LedgerFailure(toStoreUnavailable(where, "opening the ledger", error));
  }

  const listener = createListener(pool, reconnectDelayMs);
  const appender = createAppender({
    pool,
    where,
    groupCommit: options.groupCommit ?? true,
    onCommitted: () => listener.wake(),
    releaseLockBeforeFlush: options.releaseLockBeforeFlush ?? false,
    inFlight: positive(options.groupsInFlight, 4, "groupsInFlight"),
  });
  const { readStream, readStreamPages, readAll, readAllPages } = createReaders(pool, where, pageSize);
  const checkpoints = new PostgresCheckpointStore(pool, where, options.clock);
  const subscriptions = new StoreSubscriptions(() => closed);
  let closed = false;

  /** A subscription's reads ride out an outage: a retryable failure ends the page, and it polls again. */
  async function* resilientReadAll(readOptions: ReadAllOptions): AsyncGenerator<StoredEvent> {
    try {
      yield* readAll(readOptions);
    } catch (error) {
      if (error instanceof LedgerFailure && error.error._tag === "StoreUnavailable" && error.error.retryable)
        return;
      throw error;
    }
  }

  const subscribeToAll = (subscribeOptions: SubscribeOptions = {}): Subscription => {
    const source = {
      readAll: resilientReadAll,
      waitForAppend: (signal: AbortSignal) => listener.wait(signal, pollIntervalMs),
    };
    return subscriptions.track(catchUpSubscription(source, { ...subscribeOptions, pageSize }));
  };

  const closedError = () => E.left(storeUnavailable(`The PostgreSQL store ${where} is closed.`, false));

  const appendBatch = async (batch: ReadonlyArray<BatchAppend>) =>
    closed ? closedError() : appender.appendBatch(batch);

  /** This version's read tables, built beside an older version's while those answer. */
  const blueGreen = (foldAs?: (event: StoredEvent) => StoredEvent) => {
    const clock = options.clock ?? (() => new Date());
    const fold = foldAs === undefined ? {} : { foldAs };
    return readTablesBeside(
      pool,
      where,
      createPostgresReadTables(pool, where, store, clock, undefined, fold),
      (version) => createPostgresReadTables(pool, where, store, clock, version, { ...fold, existing: true }),
    );
  };
  let readTables: PostgresReadTables | undefined;
  let sealedTables: PostgresReadTables | undefined;
  const store: PostgresEventStore = {
    append: async (stream: string, events: ReadonlyArray<EventToAppend>, expected: ExpectedVersion) => {
      const result = await appendBatch([{ stream, events, expected }]);
      return E.isLeft(result) ? result : E.right(result.right[0]!);
    },
    appendBatch,
    readStream,
    readStreamPages,
    readAll,
    readAllPages,
    subscribeToAll,
    checkpoints,
    pool,
    schemaVersion: SCHEMA_VERSION,
    // every read is a round trip: decide a cached stream on the cache, the append checks it
    cachedStreamCheck: "append",
    get readTables() {
      readTables ??= blueGreen();
      return readTables;
    },
    sealedReadTables: (foldAs) => {
      sealedTables ??= blueGreen(foldAs);
      return sealedTables;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await subscriptions.closeAll();
      await appender.drain();
      await listener.close();
      if (owned) await pool.end();
    },
  };
  return store;
};
