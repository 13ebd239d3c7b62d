/**
 * Appending a batch: one IMMEDIATE transaction takes the file's write lock (waiting up to the
 * busy timeout for other processes), checks the stream's last revision against the expected
 * version and inserts the batch with consecutive revisions. All of it or none of it. A batch of
 * many streams is one transaction too, given as an array or pulled from an iterable inside the
 * transaction (so an import's million events need not be in memory at once).
 */
import {
  type AppendError,
  type AppendResult,
  type BatchAppend,
  type EventToAppend,
  type ExpectedVersion,
  matchesExpected,
  storeUnavailable,
  type WrongExpectedVersion,
  wrongExpectedVersion,
} from "@safety-ledger/core";
import type Database from "better-sqlite3";
// fp-ts has no exports map: Node's ESM loader needs the file path, not "fp-ts/Either".
import * as E from "fp-ts/lib/Either.js";
import { toRowValues } from "./rows";
import { toStoreUnavailable, uniqueViolation } from "./sqlite-errors";

export type Append = (
  stream: string,
  events: ReadonlyArray<EventToAppend>,
  expected: ExpectedVersion,
) => E.Either<AppendError, AppendResult>;

type Row = [string, string, number, string, string, string];

export type AppendBatch = (
  batch: ReadonlyArray<BatchAppend>,
) => E.Either<AppendError, ReadonlyArray<AppendResult>>;

/** What a streamed batch wrote: how many appends (streams' batches) and events. */
export interface BatchWritten {
  readonly appends: number;
  readonly events: number;
}

export type AppendBatchFrom = (source: Iterable<BatchAppend>) => E.Either<AppendError, BatchWritten>;

/** Carries a failed expected version out of a transaction, so the transaction rolls back. */
class Mismatch extends Error {
  constructor(readonly failure: WrongExpectedVersion) {
    super(failure.message);
  }
}

export const createAppender = (
  db: Database.Database,
  path: string,
): {
  readonly append: Append;
  readonly appendBatch: AppendBatch;
  readonly appendBatchFrom: AppendBatchFrom;
} => {
  const head = db.prepare<[string], number | null>(
    "SELECT MAX(stream_revision) FROM events WHERE stream_name = ?",
  );
  head.pluck();
  const lastPosition = db.prepare<[], bigint | null>("SELECT MAX(global_position) FROM events");
  lastPosition.pluck().safeIntegers(true);
  const insert = db.prepare(
    `INSERT INTO events
       (stream_name, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  insert.safeIntegers(true);

  const currentRevision = (stream: string): number | undefined => head.get(stream) ?? undefined;

  /** One stream's rows, checked against the expected version; run inside a transaction. */
  const writeRows = (
    stream: string,
    rows: ReadonlyArray<Row>,
    expected: ExpectedVersion,
  ): E.Either<AppendError, AppendResult> => {
    const current = currentRevision(stream);
    if (!matchesExpected(expected, current)) return E.left(wrongExpectedVersion(stream, expected, current));
    if (rows.length === 0)
      return E.right({ nextExpectedRevision: current ?? -1, position: lastPosition.get() ?? 0n });
    let revision = current ?? -1;
    let position = 0n;
    for (const row of rows) {
      revision += 1;
      position = BigInt(insert.run(stream, revision, ...row).lastInsertRowid);
    }
    return E.right({ nextExpectedRevision: revision, position });
  };
  const write = db.transaction(writeRows);

  /** Many streams in one IMMEDIATE transaction (one fsync): all of it, or none of it. */
  const writeBatch = db.transaction(
    (batch: ReadonlyArray<{ stream: string; rows: ReadonlyArray<Row>; expected: ExpectedVersion }>) => {
      const results: AppendResult[] = [];
      for (const { stream, rows, expected } of batch) {
        const result = writeRows(stream, rows, expected);
        if (E.isLeft(result)) throw new Mismatch(result.left as WrongExpectedVersion);
        results.push(result.right);
      }
      return results;
    },
  );

  /** Like `writeBatch`, taking the appends from `source` one at a time inside the transaction. */
  const writeFrom = db.transaction((source: Iterable<BatchAppend>): BatchWritten => {
    let appends = 0;
    let events = 0;
    for (const { stream, events: batch, expected } of source) {
      const result = writeRows(stream, batch.map(toRowValues), expected);
      if (E.isLeft(result)) throw new Mismatch(result.left as WrongExpectedVersion);
      appends += 1;
      events += batch.length;
    }
    return { appends, events };
  });

  const failure = (
    stream: string,
    expected: ExpectedVersion,
    error: unknown,
  ): E.Either<AppendError, never> => {
    switch (uniqueViolation(error)) {
      case "stream_revision":
        // Another writer took the revision between our check and insert (not possible
        // inside an IMMEDIATE transaction, but the constraint is the last word).
        return E.left(wrongExpectedVersion(stream, expected, currentRevision(stream)));
      case "event_id":
        return E.left(
          storeUnavailable(
            `An event of this batch for ${stream} has an id already in the ledger (was the batch appended before?); nothing was written.`,
            false,
            error,
            "STORE_FAILURE",
          ),
        );
      default:
        return E.left(toStoreUnavailable(path, `appending to ${stream}`, error));
    }
  };

  const appendBatch: AppendBatch = (batch) => {
    if (!db.open) return E.left(storeUnavailable(`The SQLite store at ${path} is closed.`, false));
    let prepared: Array<{ stream: string; rows: Row[]; expected: ExpectedVersion }>;
    try {
      prepared = batch.map(({ stream, events, expected }) => ({
        stream,
        rows: events.map(toRowValues),
        expected,
      }));
    } catch (error) {
      return E.left(toStoreUnavailable(path, "turning a batch of events into JSON", error));
    }
    try {
      return E.right(writeBatch.immediate(prepared));
    } catch (error) {
      if (error instanceof Mismatch) return E.left(error.failure);
      const streams = batch.map((b) => b.stream);
      return failure(
        streams.length === 1 ? streams[0]! : `${streams.length} streams`,
        batch[0]?.expected ?? "any",
        error,
      );
    }
  };

  const appendBatchFrom: AppendBatchFrom = (source) => {
    if (!db.open) return E.left(storeUnavailable(`The SQLite store at ${path} is closed.`, false));
    try {
      return E.right(writeFrom.immediate(source));
    } catch (error) {
      if (error instanceof Mismatch) return E.left(error.failure);
      return failure("a batch of streams", "any", error);
    }
  };

  const append: Append = (stream, events, expected) => {
    if (!db.open) return E.left(storeUnavailable(`The SQLite store at ${path} is closed.`, false));
    let rows: Row[];
    try {
      rows = events.map(toRowValues);
    } catch (error) {
      return E.left(toStoreUnavailable(path, `turning the events for ${stream} into JSON`, error));
    }
    try {
      return write.immediate(stream, rows, expected);
    } catch (error) {
      return failure(stream, expected, error);
    }
  };

  return { append, appendBatch, appendBatchFrom };
};
