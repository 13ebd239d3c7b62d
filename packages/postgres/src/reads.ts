/**
 * Reading one stream or all events, a page at a time (keyset pagination on the revision or
 * the position), so at most two pages sit in memory (a read of all events asks for the next
 * page while the caller works on the one it has). Each page is one query on any pooled
 * connection: no cursor or transaction is held open across a `yield`.
 */
import {
  LedgerFailure,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
} from "@safety-ledger/core";
import type { Pool } from "pg";
import { toStoreUnavailable } from "./errors";
import { filterConditions } from "./filter-sql";
import { EVENT_COLUMNS, type EventRow, fromRow } from "./rows";

export interface Readers {
  readonly readStream: (stream: string, options?: ReadStreamOptions) => AsyncGenerator<StoredEvent>;
  readonly readStreamPages: (
    stream: string,
    options?: Omit<ReadStreamOptions, "direction">,
  ) => AsyncGenerator<ReadonlyArray<StoredEvent>>;
  readonly readAll: (options?: ReadAllOptions) => AsyncGenerator<StoredEvent>;
  readonly readAllPages: (options?: ReadAllOptions) => AsyncGenerator<ReadonlyArray<StoredEvent>>;
}

const limitOf = (maxCount: number | undefined): number =>
  maxCount === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(maxCount));

/** Rows to events; the events before an unreadable row are kept, then its failure is returned. */
const toEvents = (rows: ReadonlyArray<EventRow>): { events: StoredEvent[]; failure?: unknown } => {
  const events: StoredEvent[] = [];
  for (const row of rows)
    try {
      events.push(fromRow(row));
    } catch (failure) {
      return { events, failure };
    }
  return { events };
};

export const createReaders = (pool: Pool, where: string, pageSize: number): Readers => {
  const page = async (text: string, values: unknown[], doing: string): Promise<EventRow[]> => {
    try {
      const result = await pool.query<EventRow>({ text, values, rowMode: "array" });
      return result.rows;
    } catch (error) {
      throw new LedgerFailure(toStoreUnavailable(where, doing, error));
    }
  };

  async function* streamPages(
    stream: string,
    options: ReadStreamOptions,
  ): AsyncGenerator<ReadonlyArray<StoredEvent>> {
    const backwards = options.direction === "backwards";
    const sql = backwards
      ? `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = $1 AND stream_revision <= $2 ORDER BY stream_revision DESC LIMIT $3`
      : `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = $1 AND stream_revision >= $2 ORDER BY stream_revision ASC LIMIT $3`;
    let next = backwards
      ? Math.min(2_147_483_647, Math.floor(options.fromRevision ?? 2_147_483_647))
      : Math.max(0, Math.floor(options.fromRevision ?? 0));
    let remaining = limitOf(options.maxCount);
    while (remaining > 0 && next >= 0) {
      const limit = Math.min(pageSize, remaining);
      const rows = await page(sql, [stream, next, limit], `reading stream ${stream}`);
      const { events, failure } = toEvents(rows);
      if (events.length > 0) yield events;
      if (failure !== undefined) throw failure;
      if (rows.length < limit) return;
      const last = rows[rows.length - 1]![2];
      next = backwards ? last - 1 : last + 1;
      remaining -= rows.length;
    }
  }

  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    for await (const events of streamPages(stream, options)) yield* events;
  }

  const readStreamPages = (stream: string, options: Omit<ReadStreamOptions, "direction"> = {}) =>
    streamPages(stream, options);

  async function* readAllPages(options: ReadAllOptions = {}): AsyncGenerator<ReadonlyArray<StoredEvent>> {
    const backwards = options.direction === "backwards";
    const filter = filterConditions(options.filter, 4);
    const conditions = [
      "($1::bigint IS NULL OR global_position > $1::bigint)",
      "($2::bigint IS NULL OR global_position < $2::bigint)",
      ...filter.sql,
    ];
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(" AND ")} ORDER BY global_position ${backwards ? "DESC" : "ASC"} LIMIT $3`;
    let after = options.after;
    let before = options.before;
    let remaining = limitOf(options.maxCount);
    const fetch = (limit: number) =>
      page(
        sql,
        [after?.toString() ?? null, before?.toString() ?? null, limit, ...filter.params],
        "reading all events",
      );
    let limit = Math.min(pageSize, remaining);
    let pending: Promise<EventRow[]> | undefined = remaining > 0 ? fetch(limit) : undefined;
    try {
      while (pending !== undefined) {
        const rows = await pending;
        pending = undefined;
        const { events, failure } = toEvents(rows);
        remaining -= rows.length;
        if (failure === undefined && rows.length === limit && remaining > 0) {
          const last = BigInt(rows[rows.length - 1]![0]);
          if (backwards) before = last;
          else after = last;
          limit = Math.min(pageSize, remaining);
          // the next page is asked for before this one is handed over: the server reads it
          // while the caller works on this one (a read-all is the rebuild's and verify's pass)
          pending = fetch(limit);
        }
        if (events.length > 0) yield events;
        if (failure !== undefined) throw failure;
      }
    } finally {
      // a reader that stopped early: the page asked for ahead is not wanted, nor its failure
      pending?.catch(() => undefined);
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    for await (const events of readAllPages(options)) yield* events;
  }

  return { readStream, readStreamPages, readAll, readAllPages };
};
