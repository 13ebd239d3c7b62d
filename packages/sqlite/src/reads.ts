/**
 * Reading one stream or all events, a page at a time (keyset pagination on the revision or the
 * position). Each page is fetched whole with `.all()` before any event is yielded, so no SQLite
 * statement is ever open across a `yield` (better-sqlite3 cannot write on a connection with an
 * open iterator) and at most one page sits in memory.
 */
import {
  LedgerFailure,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  storeUnavailable,
} from "@safety-ledger/core";
import type Database from "better-sqlite3";
import { filterConditions, type SqlCondition } from "./filter-sql";
import { EVENT_COLUMNS, fromRawRow, type RawEventRow } from "./rows";
import { toStoreUnavailable } from "./sqlite-errors";

export interface Readers {
  readonly readStream: (stream: string, options?: ReadStreamOptions) => AsyncGenerator<StoredEvent>;
  readonly readAll: (options?: ReadAllOptions) => AsyncGenerator<StoredEvent>;
  /** `readAll` a page at a time (one array per query), for consumers that fold in bulk. */
  readonly readAllPages: (options?: ReadAllOptions) => AsyncGenerator<ReadonlyArray<StoredEvent>>;
}

export type Param = string | number | bigint;

/** The SQL of one page of `readAll` (exposed for query-plan tests). */
export const readAllQuery = (page: {
  readonly filter: SqlCondition;
  readonly after: bigint | undefined;
  readonly before: bigint | undefined;
  readonly backwards: boolean;
  readonly limit: number;
}): { sql: string; params: Param[] } => {
  const where: string[] = [...page.filter.sql];
  const params: Param[] = [...page.filter.params];
  if (page.after !== undefined) {
    where.push("global_position > ?");
    params.push(page.after);
  }
  if (page.before !== undefined) {
    where.push("global_position < ?");
    params.push(page.before);
  }
  params.push(page.limit);
  const sql = `SELECT ${EVENT_COLUMNS} FROM events${where.length === 0 ? "" : ` WHERE ${where.join(" AND ")}`} ORDER BY global_position ${page.backwards ? "DESC" : "ASC"} LIMIT ?`;
  return { sql, params };
};

export const createReaders = (db: Database.Database, path: string, pageSize: number): Readers => {
  const statements = new Map<string, Database.Statement<Param[], RawEventRow>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      if (statements.size >= 256) statements.clear();
      statement = db.prepare<Param[], RawEventRow>(sql);
      statement.raw(true);
      statements.set(sql, statement);
    }
    return statement;
  };

  const page = (sql: string, params: Param[], doing: string): RawEventRow[] => {
    if (!db.open) throw new LedgerFailure(storeUnavailable(`The SQLite store at ${path} is closed.`, false));
    try {
      return prepare(sql).all(...params);
    } catch (error) {
      throw new LedgerFailure(toStoreUnavailable(path, doing, error));
    }
  };

  const limitOf = (maxCount: number | undefined): number =>
    maxCount === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(maxCount));

  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    const backwards = options.direction === "backwards";
    const sql = backwards
      ? `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`
      : `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = ? AND stream_revision >= ? ORDER BY stream_revision ASC LIMIT ?`;
    let next = backwards
      ? Math.floor(options.fromRevision ?? Number.MAX_SAFE_INTEGER)
      : Math.max(0, Math.floor(options.fromRevision ?? 0));
    let remaining = limitOf(options.maxCount);
    while (remaining > 0 && next >= 0) {
      const limit = Math.min(pageSize, remaining);
      const rows = page(sql, [stream, next, limit], `reading stream ${stream}`);
      for (const row of rows) yield fromRawRow(row);
      if (rows.length < limit) return;
      const last = rows[rows.length - 1]![2];
      next = backwards ? last - 1 : last + 1;
      remaining -= rows.length;
    }
  }

  async function* readAllPages(options: ReadAllOptions = {}): AsyncGenerator<ReadonlyArray<StoredEvent>> {
    const backwards = options.direction === "backwards";
    const filter = filterConditions(options.filter);
    let after = options.after;
    let before = options.before;
    let remaining = limitOf(options.maxCount);
    while (remaining > 0) {
      const limit = Math.min(pageSize, remaining);
      const { sql, params } = readAllQuery({ filter, after, before, backwards, limit });
      const rows = page(sql, params, "reading all events");
      // the events before an unreadable row are still handed over, then the failure is thrown
      const count = rows.length;
      let events: StoredEvent[] = new Array(count);
      let failure: unknown;
      for (let i = 0; i < count; i++)
        try {
          events[i] = fromRawRow(rows[i]!);
        } catch (error) {
          failure = error;
          events = events.slice(0, i);
          break;
        }
      if (events.length > 0) yield events;
      if (failure !== undefined) throw failure;
      if (rows.length < limit) return;
      const last = BigInt(rows[rows.length - 1]![0]);
      if (backwards) before = last;
      else after = last;
      remaining -= rows.length;
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    for await (const events of readAllPages(options)) yield* events;
  }

  return { readStream, readAll, readAllPages };
};
