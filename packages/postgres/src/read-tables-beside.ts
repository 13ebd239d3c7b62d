/**
 * Blue/green read tables on PostgreSQL: while a database holds the tables of an older version,
 * built and caught up, and this version's are not built yet, each catch-up (each read) builds
 * this version `buildStep` events further beside them (from its checkpoint, so an interrupted
 * build goes on where it stopped) and then catches the older version up, which answers the read.
 * The catch-up that finds this version caught up creates its read indexes, moves the views to
 * it and drops the older versions (`read-tables.ts`, `finishBuild`); the reads move to it.
 * `rebuild` builds this version from zero at once. As SQLite's `createSqliteReadTables`.
 */
import {
  type CatchUpOptions,
  type CatchUpReport,
  LedgerFailure,
  type ReadTables,
  type TimeSlice,
  type WorkstreamState,
  workstreamSummaryOf,
} from "@safety-ledger/core";
import type { Pool } from "pg";
import { sqlStateOf, toStoreUnavailable } from "./errors";
import { type PostgresReadTables, type PostgresVersionTables, ReadTablesGone } from "./read-tables";
import { postgresReadTableNames } from "./read-tables-schema";

export interface BesideOptions {
  /**
   * While this version is built beside an older one, the events each catch-up (each read)
   * applies to it before the read answers from the older one (default 50,000).
   */
  readonly buildStep?: number;
}

export interface PostgresBlueGreenReadTables extends PostgresReadTables {
  /** The version the last catch-up left the reads on: `version` once built, else an older one's. */
  reading(): Promise<number>;
}

export const readTablesBeside = (
  pool: Pool,
  where: string,
  own: PostgresVersionTables,
  /** The tables of an older version, opened only if they are there (`existing`). */
  olderTables: (version: number) => PostgresVersionTables,
  options: BesideOptions = {},
): PostgresBlueGreenReadTables => {
  const buildStep = options.buildStep ?? 50_000;
  const version = own.version;
  const older = new Map<number, PostgresVersionTables>();
  let readFrom: PostgresVersionTables | undefined;
  /** Seen built once: it stays so (a clear after tampering rebuilds it in its next catch-up). */
  let ownBuilt = false;
  const isOwnBuilt = async () => {
    ownBuilt ||= await own.built();
    return ownBuilt;
  };

  /** The newest older version whose tables are there, built and caught up once. */
  const olderBuilt = async (): Promise<PostgresVersionTables | undefined> => {
    let rows: Array<{ name: string }>;
    try {
      ({ rows } = await pool.query<{ name: string }>(
        "SELECT name FROM checkpoints WHERE name = ANY ($1::text[])",
        [Array.from({ length: version - 1 }, (_, i) => postgresReadTableNames(i + 1).checkpoint)],
      ));
    } catch (error) {
      throw new LedgerFailure(toStoreUnavailable(where, "reading the read-table checkpoints", error));
    }
    const versions = rows
      .map((row) => Number(row.name.slice("read-tables-v".length)))
      .filter((v) => Number.isInteger(v) && v >= 1 && v < version)
      .sort((a, b) => b - a);
    for (const v of versions) {
      let tables = older.get(v);
      if (tables === undefined) {
        tables = olderTables(v);
        older.set(v, tables);
      }
      if (await tables.built()) return tables;
    }
    return undefined;
  };

  const reading = async (): Promise<PostgresVersionTables> => {
    readFrom ??= (await isOwnBuilt()) ? own : ((await olderBuilt()) ?? own);
    return readFrom;
  };

  /** A read of the older tables; if another process swapped them away meanwhile, of this version's. */
  const read = async <T>(work: (tables: PostgresVersionTables) => Promise<T>): Promise<T> => {
    const from = await reading();
    try {
      return await work(from);
    } catch (error) {
      if (from === own || !gone(error)) throw error;
      readFrom = own;
      return work(own);
    }
  };

  const catchUp = async (catchUpOptions: CatchUpOptions = {}): Promise<CatchUpReport> => {
    if (await isOwnBuilt()) {
      readFrom = own;
      return own.catchUp(catchUpOptions);
    }
    const old = await olderBuilt();
    if (old === undefined) {
      readFrom = own;
      return own.catchUp(catchUpOptions);
    }
    // this version a step further beside the older one, which answers meanwhile
    const { complete, ...step } = await own.catchUpTo({}, buildStep);
    if (complete) {
      ownBuilt = true;
      readFrom = own;
      return step;
    }
    try {
      const report = await old.catchUp(catchUpOptions);
      readFrom = old;
      return report;
    } catch (error) {
      if (!gone(error)) throw error;
      readFrom = own;
      return own.catchUp(catchUpOptions);
    }
  };

  const rebuild = async (rebuildOptions: CatchUpOptions = {}): Promise<CatchUpReport> => {
    const report = await own.rebuild(rebuildOptions);
    ownBuilt = true;
    readFrom = own;
    return report;
  };

  const tables: ReadTables = {
    catchUp,
    rebuild,
    states: (kind, slice, filter) => read((from) => from.states(kind, slice, filter)),
    stamp: (slice) => read((from) => from.stamp(slice)),
    taskSummaries: (slice, filter) => read((from) => from.taskSummaries(slice, filter)),
    workstreamSummaries: (slice: TimeSlice) =>
      read(async (from) => {
        if (from.workstreamSummaries !== undefined) return from.workstreamSummaries(slice);
        // version 2 keeps none: from the states
        const out = new Map<string, ReturnType<typeof workstreamSummaryOf>>();
        for (const [id, state] of await from.states("workstreams", slice))
          out.set(id, workstreamSummaryOf(state as WorkstreamState));
        return out;
      }),
    // the tables of a version before 4 cannot count the board: it reads the summaries then
    boardTasks: (slice) => read(async (from) => from.boardTasks?.(slice)),
  };
  return {
    version,
    ...tables,
    reading: async () => (await reading()).version,
  };
};

/** Whether `error` says tables opened as `existing` are gone (or a statement found one dropped: 42P01). */
const gone = (error: unknown): boolean =>
  error instanceof ReadTablesGone ||
  (error instanceof LedgerFailure &&
    error.error._tag === "StoreUnavailable" &&
    sqlStateOf(error.error.cause) === "42P01");
