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
 *
 * One round trip a commit: when every stream of a group has an exact expected version or
 * `no_stream` on its first appearance (what the command handler always sends), the group is
 * planned against those heads before the lock, and one multi-statement query takes the lock,
 * checks the heads, inserts at `max(global_position) + n`, notifies and commits: the lock is
 * held for the server's work and the WAL flush only, with no client round trip inside it. When
 * a head is not what was assumed, that statement inserts nothing, the (empty) transaction
 * commits, and the group is written again the two-round-trip way (lock, read the heads, plan,
 * insert), which gives each member its own outcome.
 *
 * Gathering: the commands a group answers usually come back with their next append a moment
 * later (the command handler reads, decides and appends again). When fewer appends are queued
 * than the last group answered plus those that waited behind it, the next group waits for the
 * rest, at most as long as the last commit took (and never over 10 ms): with the lock held
 * across each commit's WAL flush, every command more in a group is one flush fewer. Measured
 * with 8 writers and fsync on, groups grew from about 4 to about 7 commands. (Sending a second
 * group while one commits, to wait for the lock on the server, was tried and measured: it split
 * the writers into smaller groups and was slower.)
 *
 * Releasing the lock before the flush (`releaseLockBeforeFlush`, opt-in): a group's transaction
 * commits with `synchronous_commit = off`, so the lock is released once its commit record is
 * written, and the same query then commits a second, synchronous transaction that writes a row
 * (`append_flushes`): WAL is flushed in order, so when that returns the group is durable too, and
 * only then is it acknowledged. Up to `inFlight` groups are sent at once, without gathering, and
 * the server flushes theirs together. Between the two commits another connection can read the
 * group's events before they are durable; a server crash then loses them with everything after
 * them (a suffix of positions: the chain stays whole), and later appends reuse the positions.
 * A lone command with nothing else in flight holds the lock through its flush (one commit).
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
import { APPEND_LOCK, FLUSH_TABLE, NOTIFY_CHANNEL } from "./schema";
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

/**
 * With the lock released before the flush: the group's transaction commits asynchronously
 * (its commit record is written, the lock released, the WAL not yet flushed), and this second,
 * synchronous transaction, which writes a row so that it has a commit record to flush, commits
 * after it. WAL is flushed in order, so when it returns the group's commit is on disk as well.
 */
const ASYNC_COMMIT = "SET LOCAL synchronous_commit = off;";
const FLUSH = `BEGIN; SET LOCAL synchronous_commit = on;
  DELETE FROM ${FLUSH_TABLE} WHERE backend = pg_backend_pid();
  INSERT INTO ${FLUSH_TABLE} (backend) VALUES (pg_backend_pid());
  COMMIT`;

/** Take the append lock (its own statement), then read the heads with a snapshot taken after it. */
const lockAndReadHeads = (streams: ReadonlyArray<string>): string =>
  `BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK});
  SELECT coalesce(max(global_position), 0)::text AS top FROM events;
  SELECT stream_name, max(stream_revision) AS head FROM events
   WHERE stream_name = ANY(ARRAY[${streams.map(literal).join(", ")}]::text[]) GROUP BY stream_name`;

/** Insert the rows, notify the last position, commit: one round trip. */
const insertAndCommit = (columns: Columns, last: bigint, early: boolean): string => {
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
    ${early ? `${ASYNC_COMMIT} COMMIT; ${FLUSH}` : "COMMIT"}`;
};

/** The heads a group's plan assumes, or undefined when a stream first appears with `any` or `stream_exists`. */
const assumedHeads = (members: ReadonlyArray<Member>): Map<string, number | undefined> | undefined => {
  const heads = new Map<string, number | undefined>();
  for (const { batch } of members)
    for (const { stream, expected } of batch) {
      if (heads.has(stream)) continue;
      if (expected === "no_stream") heads.set(stream, undefined);
      else if (typeof expected === "object") heads.set(stream, expected.revision);
      else return undefined;
    }
  return heads;
};

/**
 * Lock, check the assumed heads, insert at offsets from `max(global_position)`, notify and
 * commit, in one round trip. The lock is its own statement, so the next one's snapshot holds
 * every commit made before it was granted. The third result's row says whether the heads
 * matched (`ok`; nothing was inserted when they did not) and the position the offsets start at.
 */
const checkInsertAndCommit = (
  heads: ReadonlyMap<string, number | undefined>,
  columns: Columns,
  early: boolean,
): string => {
  const checks: string[] = [];
  for (const [stream, head] of heads) checks.push(`(${literal(stream)}, ${integer(head ?? -1)})`);
  const values: string[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++)
    values[i] =
      `(${columns.positions[i]}, ${literal(columns.streams[i]!)}, ${integer(columns.revisions[i]!)}, ${literal(
        columns.ids[i]!,
      )}, ${literal(columns.types[i]!)}, ${integer(columns.versions[i]!)}, ${literal(columns.data[i]!)}, ${literal(
        columns.metadata[i]!,
      )}, ${literal(columns.recordedAt[i]!)})`;
  return `BEGIN; ${early ? ASYNC_COMMIT : ""} SELECT pg_advisory_xact_lock(${APPEND_LOCK});
  WITH expected (stream_name, head) AS (VALUES ${checks.join(", ")}),
  ok AS (SELECT coalesce(bool_and(coalesce((SELECT max(e.stream_revision) FROM events e
      WHERE e.stream_name = x.stream_name), -1) = x.head), false) AS ok FROM expected x),
  top AS (SELECT coalesce(max(global_position), 0) AS top FROM events),
  inserted AS (INSERT INTO events (global_position, stream_name, stream_revision, event_id, event_type,
      schema_version, data, metadata, recorded_at)
    SELECT top.top + r.n, r.s, r.r, r.i, r.t, r.v, r.d::json, r.m::json, r.a
    FROM (VALUES ${values.join(", ")}) AS r (n, s, r, i, t, v, d, m, a), top, ok WHERE ok.ok),
  notified AS (SELECT pg_notify('${NOTIFY_CHANNEL}', (top.top + ${columns.length})::text) FROM top, ok WHERE ok.ok)
  SELECT ok.ok, top.top::text AS top, (SELECT count(*) FROM notified) AS notified FROM ok, top;
  COMMIT${early ? `; ${FLUSH}` : ""}`;
};

export interface AppenderOptions {
  readonly pool: Pool;
  /** Names the store in error messages. */
  readonly where: string;
  /** Batch waiting appends into one transaction (default true). */
  readonly groupCommit: boolean;
  /** Called after a commit that wrote events, with the last position. */
  readonly onCommitted: (position: bigint) => void;
  /**
   * Release the append lock when the commit record is written, and flush after (a second
   * transaction), so that groups flush together; an acknowledged append is still durable.
   */
  readonly releaseLockBeforeFlush: boolean;
  /** Groups written at once (1 unless the lock is released before the flush). */
  readonly inFlight: number;
}

export interface Appender {
  appendBatch(batch: ReadonlyArray<BatchAppend>): Promise<BatchResult>;
  /** Resolves when the queue is empty and no transaction is in flight. */
  drain(): Promise<void>;
}

const MAX_GROUP = 256;
/** The longest a group waits for the appends of the last one to come back (ms). */
const MAX_GATHER_MS = 10;

const ignoreConnectionError = (): void => undefined;

export const createAppender = ({
  pool,
  where,
  groupCommit,
  onCommitted,
  releaseLockBeforeFlush,
  inFlight,
}: AppenderOptions): Appender => {
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

  /**
   * One round trip, when the plan's assumed heads can be checked on the server: the outcomes,
   * or undefined when a head differed (nothing was written). Throws what the database threw.
   */
  const transactAtOnce = async (
    client: PoolClient,
    members: ReadonlyArray<Member>,
    assumed: ReadonlyMap<string, number | undefined>,
    early: boolean,
  ): Promise<BatchResult[] | undefined> => {
    const { columns, outcomes, last } = plan(members, 0n, new Map(assumed));
    if (columns.length === 0) return undefined;
    let row: { ok: boolean; top: string };
    try {
      const results = (await client.query(
        checkInsertAndCommit(assumed, columns, early),
      )) as unknown as pg.QueryResult<{ ok: boolean; top: string }>[];
      // after BEGIN, (SET LOCAL,) the lock
      row = results[early ? 3 : 2]!.rows[0]!;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
    if (!row.ok) return undefined;
    const top = BigInt(row.top);
    onCommitted(top + last);
    return outcomes.map((outcome) =>
      E.isLeft(outcome)
        ? outcome
        : E.right(
            outcome.right.map((r) => ({
              nextExpectedRevision: r.nextExpectedRevision,
              position: top + r.position,
            })),
          ),
    );
  };

  /** Lock, read the heads, plan, insert: two round trips. Throws what the database threw. */
  const transactInTwo = async (
    client: PoolClient,
    members: ReadonlyArray<Member>,
    early: boolean,
  ): Promise<BatchResult[]> => {
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
      await client.query(insertAndCommit(columns, last, early));
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
  const write = async (members: ReadonlyArray<Member>, early = false): Promise<void> => {
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
      const assumed = groupCommit || members.length === 1 ? assumedHeads(members) : undefined;
      const outcomes =
        (assumed !== undefined && assumed.size > 0
          ? await transactAtOnce(client, members, assumed, early)
          : undefined) ?? (await transactInTwo(client, members, early));
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
  /** The groups being written. */
  const writing = new Set<Promise<void>>();
  /** The members the last group answered plus those then queued: the next group's likely size. */
  let expected = 0;
  let lastMs = 1;
  let gathering: NodeJS.Timeout | undefined;
  const lanes = releaseLockBeforeFlush ? Math.max(1, inFlight) : 1;

  /** Write the queue as one group, unless it is still gathering or every lane is busy. */
  const pump = (): void => {
    if (writing.size >= lanes || queue.length === 0) return;
    // Gathering pays when the lock is held through the flush: a command more in a group is a
    // flush fewer. With the lock released before the flush, groups in flight flush together.
    if (lanes === 1 && queue.length < expected) {
      gathering ??= setTimeout(
        () => {
          gathering = undefined;
          expected = 0;
          pump();
        },
        Math.min(MAX_GATHER_MS, lastMs),
      );
      return;
    }
    if (gathering !== undefined) clearTimeout(gathering);
    gathering = undefined;
    const group = queue.splice(0, MAX_GROUP);
    const started = performance.now();
    // the queue as the group is answered, before its members can come back with more
    let queuedThen: number | undefined;
    const answered = group.map(({ batch, resolve }) => ({
      batch,
      resolve: (result: BatchResult) => {
        queuedThen ??= queue.length;
        resolve(result);
      },
    }));
    // A lone command with no other group in flight has nobody to share a flush with: it holds
    // the lock through its flush (one commit, not two). Any other group releases the lock first.
    const early = releaseLockBeforeFlush && (writing.size > 0 || group.length > 1);
    const written: Promise<void> = write(answered, early).finally(() => {
      writing.delete(written);
      lastMs = performance.now() - started;
      expected = group.length + (queuedThen ?? queue.length);
      pump();
    });
    writing.add(written);
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
        pump();
      }),
    drain: async () => {
      for (;;) {
        if (writing.size === 0 && queue.length > 0) {
          expected = 0;
          pump();
        }
        if (writing.size === 0) return;
        await Promise.all([...writing]);
      }
    },
  };
};
