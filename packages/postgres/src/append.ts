/**
 * Appending. Every write transaction first takes one advisory lock, as a statement of its own,
 * and only then reads the heads and `max(global_position)`: the next statement's snapshot
 * includes every transaction that committed before the lock was granted, so positions are
 * handed out in commit order, with no gap, and a reader's `global_position > checkpoint` is
 * exact. (A sequence would hand out numbers at insert time, and a reader could skip an event
 * still being committed.)
 *
 * Group commit: appends that arrive while a transaction is in flight wait in a queue and are
 * written together in the next one, each checked against its own expected version, so one
 * lock and one commit (one WAL flush) serve many commands. A member whose expected version does
 * not match gets its `Left` and writes nothing; the others are unaffected.
 */
import {
  type AppendError,
  type AppendResult,
  type BatchAppend,
  matchesExpected,
  storeUnavailable,
  type WrongExpectedVersion,
  wrongExpectedVersion,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import type pg from "pg";
import type { Pool, PoolClient } from "pg";
import { toStoreUnavailable, uniqueViolation } from "./errors";
import { dataText, metadataText } from "./rows";
import { APPEND_LOCK, NOTIFY_CHANNEL } from "./schema";
import { integer, literal } from "./sql-literals";

type BatchResult = E.Either<AppendError, ReadonlyArray<AppendResult>>;

/** One caller's request: its streams are written all together or not at all. */
interface Member {
  readonly batch: ReadonlyArray<BatchAppend>;
  readonly resolve: (result: BatchResult) => void;
}

/** The columns of one insert, as parallel arrays for `unnest`. */
class Columns {
  readonly positions: string[] = [];
  readonly streams: string[] = [];
  readonly revisions: number[] = [];
  readonly ids: string[] = [];
  readonly types: string[] = [];
  readonly versions: number[] = [];
  readonly data: string[] = [];
  readonly metadata: string[] = [];
  readonly recordedAt: string[] = [];
  get length(): number {
    return this.positions.length;
  }
}

/** Take the append lock (its own statement), then read the heads with a snapshot taken after it. */
const lockAndReadHeads = (streams: ReadonlyArray<string>): string =>
  `BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK});
  SELECT coalesce(max(global_position), 0)::text AS top FROM events;
  SELECT stream_name, max(stream_revision) AS head FROM events
   WHERE stream_name = ANY(ARRAY[${streams.map(literal).join(", ")}]::text[]) GROUP BY stream_name`;

/** Insert the rows, notify the last position, commit: one round trip. */
const insertAndCommit = (columns: Columns, last: bigint): string => {
  const values: string[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++)
    values[i] =
      `(${columns.positions[i]}, ${literal(columns.streams[i]!)}, ${integer(columns.revisions[i]!)}, ${literal(
        columns.ids[i]!,
      )}, ${literal(columns.types[i]!)}, ${integer(columns.versions[i]!)}, ${literal(columns.data[i]!)}, ${literal(
        columns.metadata[i]!,
      )}, ${literal(columns.recordedAt[i]!)})`;
  return `INSERT INTO events (global_position, stream_name, stream_revision, event_id, event_type,
      schema_version, data, metadata, recorded_at) VALUES ${values.join(", ")};
    SELECT pg_notify('${NOTIFY_CHANNEL}', '${last}');
    COMMIT`;
};

export interface AppenderOptions {
  readonly pool: Pool;
  /** Names the store in error messages. */
  readonly where: string;
  /** Batch waiting appends into one transaction (default true). */
  readonly groupCommit: boolean;
  /** Called after a commit that wrote events, with the last position. */
  readonly onCommitted: (position: bigint) => void;
}

export interface Appender {
  appendBatch(batch: ReadonlyArray<BatchAppend>): Promise<BatchResult>;
  /** Resolves when the queue is empty and no transaction is in flight. */
  drain(): Promise<void>;
}

const MAX_GROUP = 256;

const ignoreConnectionError = (): void => undefined;

export const createAppender = ({ pool, where, groupCommit, onCommitted }: AppenderOptions): Appender => {
  /** Decide every member against the heads read under the lock; collect the rows to insert. */
  const plan = (members: ReadonlyArray<Member>, top: bigint, heads: Map<string, number | undefined>) => {
    const columns = new Columns();
    const outcomes: BatchResult[] = [];
    let position = top;
    for (const { batch } of members) {
      const tentative = new Map<string, number | undefined>();
      const results: AppendResult[] = [];
      const start = columns.length;
      let failure: WrongExpectedVersion | undefined;
      let memberPosition = position;
      for (const { stream, events, expected } of batch) {
        const current = tentative.has(stream) ? tentative.get(stream) : heads.get(stream);
        if (!matchesExpected(expected, current)) {
          failure = wrongExpectedVersion(stream, expected, current);
          break;
        }
        let revision = current ?? -1;
        for (const event of events) {
          revision += 1;
          memberPosition += 1n;
          columns.positions.push(memberPosition.toString());
          columns.streams.push(stream);
          columns.revisions.push(revision);
          columns.ids.push(event.id);
          columns.types.push(event.type);
          columns.versions.push(event.schemaVersion);
          columns.data.push(dataText(event));
          columns.metadata.push(metadataText(event));
          columns.recordedAt.push(event.metadata.recordedAt);
        }
        tentative.set(stream, events.length === 0 ? current : revision);
        results.push({ nextExpectedRevision: revision, position: memberPosition });
      }
      if (failure !== undefined) {
        for (const array of Object.values(columns) as unknown[][]) array.length = start;
        outcomes.push(E.left(failure));
        continue;
      }
      position = memberPosition;
      for (const [stream, revision] of tentative) heads.set(stream, revision);
      outcomes.push(E.right(results));
    }
    return { columns, outcomes, last: position };
  };

  /** One transaction for `members`. Throws only what the database or the connection threw. */
  const transact = async (client: PoolClient, members: ReadonlyArray<Member>): Promise<BatchResult[]> => {
    const streams = [...new Set(members.flatMap((m) => m.batch.map((b) => b.stream)))];
    try {
      // The lock is its own statement: a statement that locked and read max() together would
      // read with a snapshot taken before the lock was granted.
      const results = (await client.query(lockAndReadHeads(streams))) as unknown as [
        unknown,
        unknown,
        pg.QueryResult<{ top: string }>,
        pg.QueryResult<{ stream_name: string; head: number }>,
      ];
      const top = BigInt(results[2].rows[0]!.top);
      const heads = new Map<string, number | undefined>(streams.map((s) => [s, undefined]));
      for (const { stream_name, head } of results[3].rows) heads.set(stream_name, head);
      const { columns, outcomes, last } = plan(members, top, heads);
      if (columns.length === 0) {
        await client.query("ROLLBACK");
        return outcomes;
      }
      await client.query(insertAndCommit(columns, last));
      onCommitted(last);
      return outcomes;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  };

  const describe = (batch: ReadonlyArray<BatchAppend>): string =>
    batch.length === 1 ? batch[0]!.stream : `${batch.length} streams`;

  const failureOf = (member: Member, error: unknown): AppendError => {
    const streams = describe(member.batch);
    switch (uniqueViolation(error)) {
      case "event_id":
        return storeUnavailable(
          `An event of this batch for ${streams} has an id already in the ledger (was the batch appended before?); nothing was written.`,
          false,
          error,
          "STORE_FAILURE",
        );
      case "stream_revision":
        // Only a writer that bypassed the lock can get here; the constraint is the last word.
        return wrongExpectedVersion(streams, member.batch[0]?.expected ?? "any", undefined);
      default:
        return toStoreUnavailable(where, `appending to ${streams}`, error);
    }
  };

  /** Write a group; when the group as a whole fails, each member is tried alone. */
  const write = async (members: ReadonlyArray<Member>): Promise<void> => {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      for (const m of members)
        m.resolve(E.left(toStoreUnavailable(where, `connecting to append to ${describe(m.batch)}`, error)));
      return;
    }
    let broken: unknown;
    // A connection the server drops while we hold it also emits `error` on the client; the
    // query in flight reports it, so this listener only keeps it from crashing the process.
    client.on("error", ignoreConnectionError);
    try {
      const outcomes = await transact(client, members);
      for (const [i, m] of members.entries()) m.resolve(outcomes[i]!);
    } catch (error) {
      broken = error;
    }
    client.removeListener("error", ignoreConnectionError);
    // A connection that failed mid-transaction is not handed back to the pool for reuse.
    client.release(broken instanceof Error ? broken : undefined);
    if (broken === undefined) return;
    if (members.length > 1 && uniqueViolation(broken) !== undefined) {
      for (const member of members) await write([member]);
      return;
    }
    for (const m of members) m.resolve(E.left(failureOf(m, broken)));
  };

  const queue: Member[] = [];
  let writing: Promise<void> | undefined;

  const run = async (): Promise<void> => {
    while (queue.length > 0) await write(queue.splice(0, MAX_GROUP));
    writing = undefined;
  };

  return {
    appendBatch: (batch) =>
      new Promise<BatchResult>((resolve) => {
        const member: Member = { batch, resolve };
        if (!groupCommit) {
          void write([member]);
          return;
        }
        queue.push(member);
        writing ??= run();
      }),
    drain: async () => {
      while (writing !== undefined) await writing;
    },
  };
};
