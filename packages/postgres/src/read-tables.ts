/**
 * The read-tables port on PostgreSQL: every item's bitemporal state versions in
 * `read_versions_v<N>` and every event's business and record instants in
 * `read_event_times_v<N>` (for the stamp), in the ledger's own database and schema
 * (`read-tables-schema.ts`). The design is SQLite's (`@safety-ledger/sqlite`), the versioning is
 * core's (`reversion`); what differs is how a page is applied:
 *
 * - A catch-up applies each batch of new events in one transaction together with the checkpoint
 *   (`checkpoints`, name `read-tables-v<N>`), under an advisory lock of the tables' version: a
 *   crash leaves the tables exactly at their checkpoint, and a transaction that finds the
 *   checkpoint moved by another process meanwhile rolls back and goes on from there, so no
 *   page is ever applied twice.
 * - A batch is applied in a few round trips, not a few a event: the versions it can change
 *   (those of the items its events touch, recorded to after its earliest record instant) are
 *   read in one query, the events are folded into them in memory, and the changes are written
 *   back in one statement each (deleted, ended, added versions; event instants).
 *
 * The ledger is append-only: triggers note any row of `events` changed or deleted, and a
 * TRUNCATE, in `read_changes_v<N>`; the next catch-up then rebuilds from zero. The broken chain
 * links a catch-up meets are kept in `read_problems_v<N>` and reported by every catch-up after.
 */
import {
  type BoardTasks,
  boundOf,
  type CatchUpOptions,
  type CatchUpReport,
  type ChainProblem,
  type DomainEvent,
  entityOfState,
  FOREVER,
  type ItemKind,
  itemStateJson,
  itemsOf,
  LedgerFailure,
  ledgerEvents,
  NEXT_DEADLINES,
  occurredInstant,
  ReadLinkCheck,
  type ReadModelStamp,
  type ReadTables,
  readAllInPages,
  recordedInstant,
  reversion,
  type StoredEvent,
  type StoredVersion,
  spanOf,
  spanRanges,
  stepItem,
  type TaskBoardColumns,
  type TaskState,
  type TaskSummary,
  type TimeSlice,
  taskBoardColumnsOf,
  taskOverdueFrom,
  taskSummaryOf,
  UNBOUNDED,
  type WallChartTally,
  type WorkstreamState,
  type WorkstreamSummary,
  withEncryptedFields,
  workstreamSummaryOf,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import type { Pool, PoolClient } from "pg";
import { toStoreUnavailable } from "./errors";
import {
  hasBoard,
  hasSpans,
  OPEN,
  olderVersionPresent,
  olderVersionsDropped,
  POSTGRES_READ_TABLES_VERSION,
  postgresReadTableNames,
  readIndexes,
  readIndexNames,
  readTablesLock,
  readTablesPresent,
  readTablesSchema,
  readViews,
} from "./read-tables-schema";

/** A UTC day in milliseconds (the stamp's day counts). */
const DAY = 86_400_000;

/** Events applied in one transaction with the checkpoint (at most; a catch-up's last is shorter). */
const BATCH = 5_000;

/** Thrown inside a page's transaction when another process moved the checkpoint meanwhile. */
class Overtaken extends Error {}

/** Thrown when tables opened as `existing` are not there (another process swapped them away). */
export class ReadTablesGone extends Error {
  constructor(readonly version: number) {
    super(`the read tables of version ${version} are gone`);
  }
}

interface Saved {
  readonly position: bigint;
  /** Events of known types applied so far (the stamp's count without a slice). */
  readonly known: number;
  /** Built from zero and not yet caught up: the read indexes are left out until it has. */
  readonly building: boolean;
}

/** A version as a page holds it in memory: read from the table (id > 0) or added (id < 0). */
interface Version {
  readonly id: number;
  readonly validFrom: number;
  /** Of an open version (recordedTo = FOREVER), the next open one's validFrom (FOREVER: none). */
  validTo: number;
  readonly recordedFrom: number;
  recordedTo: number;
  /** What the table holds (a read version), to tell which ones the page changed. */
  readonly storedTo: number;
  readonly storedValidTo: number;
  readonly position: bigint;
  text: string | undefined;
  parsed: { state: unknown } | undefined;
}

/** An event of a page, decoded before the page's transaction starts. */
interface Prepared {
  readonly meta: StoredEvent;
  readonly occurred: number;
  readonly recorded: number;
  readonly event: DomainEvent | undefined;
  readonly items: ReadonlyArray<{ readonly kind: ItemKind; readonly id: string }>;
}

const decode = (meta: StoredEvent): Prepared => {
  const occurred = occurredInstant(meta.metadata.occurredAt);
  const recorded = recordedInstant(meta.metadata.recordedAt);
  if (!ledgerEvents.has(meta.type)) return { meta, occurred, recorded, event: undefined, items: [] };
  let event = ledgerEvents.asCurrent(meta);
  if (event === undefined) {
    const decoded = ledgerEvents.decode(meta);
    // an encrypted ledger's events folded as stored: its personal fields are named as such
    if (E.isLeft(decoded)) throw new LedgerFailure(withEncryptedFields(meta, decoded.left));
    event = decoded.right;
  }
  return { meta, occurred, recorded, event, items: itemsOf(event, meta) };
};

/**
 * An item's open versions (record interval open) each end on the business axis where the next
 * one begins (`validTo`), the last never (`FOREVER`); a closed version's is never read.
 */
const setValidTo = (all: Version[]): void => {
  const open = all.filter((v) => v.recordedTo === FOREVER).sort((a, b) => a.validFrom - b.validFrom);
  for (const [i, v] of open.entries()) v.validTo = open[i + 1]?.validFrom ?? FOREVER;
};

/** A version's `span` column: the class of an open version's business interval (none: closed). */
const spanOfVersion = (v: Version): string | null =>
  v.recordedTo === FOREVER ? String(spanOf(v.validFrom, v.validTo)) : null;

const byCodeUnits = (a: { item: string }, b: { item: string }) =>
  a.item < b.item ? -1 : a.item > b.item ? 1 : 0;

export interface PostgresReadTablesOptions {
  /** Events applied in one transaction with the checkpoint (default 5,000). */
  readonly batchEvents?: number;
  /**
   * The form in which events are folded (default: as stored). An encrypted ledger's tables fold
   * each personal field as a sealed value (core `sealedEvent`), so no clear value is written;
   * the chain links are checked on the events as stored.
   */
  readonly foldAs?: (event: StoredEvent) => StoredEvent;
  /**
   * Only tables already there (an older version read while a new one is built beside it): never
   * create them; a read or catch-up that finds them gone throws `ReadTablesGone`.
   */
  readonly existing?: boolean;
}

export interface PostgresReadTables extends ReadTables {
  /** The version these tables hold (`POSTGRES_READ_TABLES_VERSION` unless told otherwise). */
  readonly version: number;
}

/** One version's tables, with what a build beside an older version needs (`read-tables-beside.ts`). */
export interface PostgresVersionTables extends PostgresReadTables {
  /** Every version keeps the tasks' summaries. */
  readonly taskSummaries: NonNullable<ReadTables["taskSummaries"]>;
  /** Catch up by at most about `limit` events (whole batches); `complete`: caught up with the ledger. */
  catchUpTo(
    options?: CatchUpOptions,
    limit?: number,
  ): Promise<CatchUpReport & { readonly complete: boolean }>;
  /** Whether these tables were built and caught up once. */
  built(): Promise<boolean>;
}

export const createPostgresReadTables = (
  pool: Pool,
  where: string,
  readEvents: Parameters<typeof readAllInPages>[0],
  clock: () => Date,
  version: number = POSTGRES_READ_TABLES_VERSION,
  options: PostgresReadTablesOptions = {},
): PostgresVersionTables => {
  const batchEvents = options.batchEvents ?? BATCH;
  const foldAs = options.foldAs;
  const prepare = foldAs === undefined ? decode : (meta: StoredEvent) => decode(foldAs(meta));
  const t = postgresReadTableNames(version);
  const lock = readTablesLock(version);
  const spans = hasSpans(version);
  const board = hasBoard(version);

  const failure = (doing: string, error: unknown) =>
    error instanceof LedgerFailure || error instanceof Overtaken
      ? error
      : new LedgerFailure(toStoreUnavailable(where, doing, error));

  /** Run `work` in one transaction on a connection of its own (under the version's lock). */
  const transaction = async <T>(
    doing: string,
    work: (client: PoolClient) => Promise<T>,
    begin = "BEGIN",
  ): Promise<T> => {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw failure(doing, error);
    }
    const ignore = () => undefined; // a dropped connection is reported by the query in flight
    client.on("error", ignore);
    let broken: Error | undefined;
    try {
      await client.query(begin);
      try {
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollback: Error) => {
          broken = rollback;
        });
        throw error;
      }
    } catch (error) {
      broken ??= error instanceof LedgerFailure || error instanceof Overtaken ? undefined : (error as Error);
      throw failure(doing, error);
    } finally {
      client.removeListener("error", ignore);
      client.release(broken);
    }
  };

  const locked = async (client: PoolClient) => {
    await client.query(`SELECT pg_advisory_xact_lock(${lock})`);
  };
  /** A transaction's start and its lock in one round trip (the lock its own statement still). */
  const beginLocked = `BEGIN; SELECT pg_advisory_xact_lock(${lock})`;
  /**
   * A batch's transaction: as `beginLocked`, committed without waiting for its WAL to be flushed
   * (`synchronous_commit = off` for this transaction only). The tables are derived from the
   * ledger: a crash can take the last batches back, rows and checkpoint together (never one
   * without the other), and the next catch-up applies them again. The ledger's appends still
   * wait for their flush.
   */
  const beginBatch = `BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(${lock})`;

  /** The schema, created once (by whichever process gets there first). */
  let ready: Promise<void> | undefined;
  const present = async (): Promise<boolean> => {
    try {
      const { rows } = await pool.query<{ present: boolean }>(readTablesPresent(version));
      return rows[0]?.present === true;
    } catch (error) {
      throw failure("opening the read tables", error);
    }
  };
  const ensureSchema = (): Promise<void> => {
    ready ??= (async () => {
      if (await present()) return;
      if (options.existing === true) throw new ReadTablesGone(version);
      await transaction("creating the read tables", async (client) => {
        await locked(client);
        const { rows } = await client.query<{ present: boolean }>(readTablesPresent(version));
        if (rows[0]?.present === true) return;
        // beside an older version's tables the views stay on them until this one has caught up
        const older = await client.query<{ present: boolean }>(olderVersionPresent(version));
        await client.query(readTablesSchema(version, older.rows[0]?.present !== true));
      });
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  const loadSaved = async (client: Pool | PoolClient): Promise<Saved | undefined> => {
    const { rows } = await client.query<{ position: string; known: string | null; building: string | null }>(
      `SELECT position::text AS position, state ->> 'known' AS known, state ->> 'building' AS building
         FROM checkpoints WHERE name = $1`,
      [t.checkpoint],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : { position: BigInt(row.position), known: Number(row.known ?? 0), building: row.building === "true" };
  };

  const saved = async (): Promise<Saved | undefined> => {
    try {
      return await loadSaved(pool);
    } catch (error) {
      throw failure("reading the read-table checkpoint", error);
    }
  };

  const clearWith = async (client: PoolClient) => {
    await client.query(
      `TRUNCATE ${t.versions}, ${t.eventTimes}, ${t.problems}, ${t.changes}${spans ? `, ${t.eventDays}` : ""}`,
    );
    await client.query("DELETE FROM checkpoints WHERE name = $1", [t.checkpoint]);
  };

  /** Apply one batch in one transaction with the checkpoint; throws `Overtaken` if it moved meanwhile. */
  const applyPage = async (
    page: ReadonlyArray<Prepared>,
    from: Saved | undefined,
    problems: ReadonlyArray<ChainProblem>,
  ): Promise<Saved & { added: number }> =>
    transaction(
      "catching up the read tables",
      async (client) => {
        const now = await loadSaved(client);
        if (now?.position !== from?.position) throw new Overtaken();
        // a build from zero fills the table without the indexes only reads use (`finishBuild`)
        const building = now === undefined || now.building;
        if (now === undefined)
          await client.query(`DROP INDEX IF EXISTS ${readIndexNames(version).join(", ")}`);

        // The versions this page can change, read at once. An event changes none recorded to by
        // its record instant, nor any that holds from before the latest open version recorded by
        // then and holding from before the event: that one is seen on the whole record axis the
        // event cuts, so none earlier in business time covers the event there. So, by item, those
        // recorded to after the page's earliest record instant, from the business instant of
        // that open version for the item's earliest business and record instants in the page
        // (events in order read one version; an item's long history is not read again).
        const touched = new Map<string, { kind: ItemKind; id: string; occurred: number; recorded: number }>();
        let earliest = Number.POSITIVE_INFINITY;
        for (const p of page)
          for (const item of p.items) {
            const key = `${item.kind}/${item.id}`;
            const seen = touched.get(key);
            if (seen === undefined) touched.set(key, { ...item, occurred: p.occurred, recorded: p.recorded });
            else {
              if (p.occurred < seen.occurred) seen.occurred = p.occurred;
              if (p.recorded < seen.recorded) seen.recorded = p.recorded;
            }
            if (p.recorded < earliest) earliest = p.recorded;
          }
        const versions = new Map<string, Version[]>();
        for (const key of touched.keys()) versions.set(key, []);
        if (touched.size > 0) {
          const items = [...touched.values()];
          const { rows } = await client.query<{
            id: string;
            kind: string;
            item: string;
            valid_from: string;
            valid_to: string;
            recorded_from: string;
            recorded_to: string;
            position: string;
            state: string;
          }>(
            // per item (LATERAL, so each look-up is a range of the `_times` index whatever the
            // statistics of a table still filling say; flattened into a join, the planner sorted
            // the whole table each batch): the latest open version before the item's earliest
            // event in the batch, then the versions from it on
            `SELECT v.id, v.kind, v.item, v.valid_from, v.valid_to, v.recorded_from, v.recorded_to, v.position,
                  v.state::text AS state
             FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS k (kind, item, occurred, recorded)
             LEFT JOIN LATERAL (
               SELECT w.valid_from AS floor FROM ${t.versions} w
                WHERE w.kind = k.kind AND w.item = k.item AND w.recorded_to = ${OPEN}
                  AND w.valid_from < k.occurred AND w.recorded_from <= k.recorded
                ORDER BY w.valid_from DESC LIMIT 1
             ) f ON true
             JOIN LATERAL (
               SELECT * FROM ${t.versions} u
                WHERE u.kind = k.kind AND u.item = k.item AND u.recorded_to > $5
                  AND u.valid_from >= coalesce(f.floor, ${-Number.MAX_SAFE_INTEGER})
               OFFSET 0 -- not flattened into a join: a range of the index per item, never a scan of the table
             ) v ON true`,
            [
              items.map((i) => i.kind),
              items.map((i) => i.id),
              items.map((i) => String(i.occurred)),
              items.map((i) => String(i.recorded)),
              String(earliest),
            ],
          );
          for (const row of rows) {
            const recordedTo = Number(row.recorded_to);
            const validTo = Number(row.valid_to);
            versions.get(`${row.kind}/${row.item}`)!.push({
              id: Number(row.id),
              validFrom: Number(row.valid_from),
              validTo,
              recordedFrom: Number(row.recorded_from),
              recordedTo,
              storedTo: recordedTo,
              storedValidTo: validTo,
              position: BigInt(row.position),
              text: row.state,
              parsed: undefined,
            });
          }
        }

        // fold the page into them in memory
        let next = -1;
        const deleted: number[] = [];
        let known = from?.known ?? 0;
        let added = 0;
        for (const { meta, occurred, recorded, event, items } of page) {
          if (event === undefined) continue;
          known += 1;
          for (const { kind, id } of items) {
            const all = versions.get(`${kind}/${id}`)!;
            const live: StoredVersion<unknown>[] = [];
            for (const v of all)
              if (v.recordedTo > recorded)
                live.push({
                  id: v.id,
                  validFrom: v.validFrom,
                  recordedFrom: v.recordedFrom,
                  recordedTo: v.recordedTo,
                  state: () => {
                    v.parsed ??= { state: itemStateJson.decode(kind, id, v.text!) };
                    return v.parsed.state;
                  },
                });
            const change = reversion(live, occurred, recorded, (state) => stepItem(kind, state, event));
            if (change.ended.length > 0 || change.removed.length > 0) {
              const byId = new Map(all.map((v) => [v.id, v]));
              for (const { id: row, recordedTo } of change.ended) byId.get(row)!.recordedTo = recordedTo;
              const removed = new Set(change.removed);
              for (const row of change.removed) if (row > 0) deleted.push(row);
              for (let i = all.length - 1; i >= 0; i--) if (removed.has(all[i]!.id)) all.splice(i, 1);
            }
            for (const v of change.added)
              all.push({
                id: next--,
                validFrom: v.validFrom,
                validTo: FOREVER,
                recordedFrom: v.recordedFrom,
                recordedTo: v.recordedTo,
                storedTo: v.recordedTo,
                storedValidTo: FOREVER,
                position: meta.position,
                text: undefined,
                parsed: { state: v.state },
              });
            added += change.added.length;
          }
        }

        // and write back what changed (the open versions' valid_to set from their order first:
        // the open versions before an item's floor are not read, nor is their valid_to changed,
        // since no event of the batch adds or ends a version before its earliest business instant)
        const ended: Version[] = [];
        const inserted: Array<Version & { kind: string; item: string; board: TaskBoardColumns | undefined }> =
          [];
        for (const [key, all] of versions) {
          const { kind, id } = touched.get(key)!;
          setValidTo(all);
          for (const v of all)
            if (v.id < 0)
              inserted.push({
                ...v,
                kind,
                item: id,
                board:
                  board && kind === "tasks" ? taskBoardColumnsOf(v.parsed!.state as TaskState) : undefined,
              });
            else if (v.recordedTo !== v.storedTo || v.validTo !== v.storedValidTo) ended.push(v);
        }
        inserted.sort((a, b) => b.id - a.id); // in the order they were added
        const position = page[page.length - 1]!.meta.position;
        // one statement (data-modifying CTEs: one round trip), its parts touching different rows
        const values: unknown[] = [];
        const param = (value: unknown, type: string) => {
          values.push(value);
          return `$${values.length}::${type}`;
        };
        const columns = <T>(rows: ReadonlyArray<T>, of: ReadonlyArray<[string, (row: T) => unknown]>) =>
          of.map(([type, value]) => param(rows.map(value), type)).join(", ");
        const removedIds = param(deleted.map(String), "bigint[]");
        const changedRows = columns(ended, [
          ["bigint[]", (v) => String(v.id)],
          ["bigint[]", (v) => String(v.recordedTo)],
          ["bigint[]", (v) => String(v.validTo)],
          ["smallint[]", (v) => spanOfVersion(v)],
        ]);
        const addedRows = columns(inserted, [
          ["text[]", (v) => v.kind],
          ["text[]", (v) => v.item],
          ["text[]", (v) => entityOfState(v.kind as ItemKind, v.parsed!.state)],
          ["bigint[]", (v) => String(v.validFrom)],
          ["bigint[]", (v) => String(v.validTo)],
          ["bigint[]", (v) => String(v.recordedFrom)],
          ["bigint[]", (v) => String(v.recordedTo)],
          ["bigint[]", (v) => v.position.toString()],
          ["smallint[]", (v) => spanOfVersion(v)],
          [
            "text[]",
            (v) => (v.kind === "tasks" ? (taskOverdueFrom(v.parsed!.state as TaskState) ?? null) : null),
          ],
          ...(board
            ? ([
                ["text[]", (v) => v.board?.status ?? null],
                ["text[]", (v) => v.board?.workstream ?? null],
                ["text[]", (v) => v.board?.stage ?? null],
                ["text[]", (v) => v.board?.leadUnit ?? null],
                ["text[]", (v) => v.board?.dueFirst ?? null],
                ["text[]", (v) => v.board?.dueLast ?? null],
              ] satisfies Array<[string, (v: (typeof inserted)[number]) => unknown]>)
            : []),
        ]);
        // the states go as one JSON array, parsed once by the server (elements keep their text):
        // as a text[] of JSON texts, the array literal's escaping made the insert three times slower
        const addedStates = param(
          `[${inserted.map((v) => itemStateJson.encode(v.parsed!.state)).join(",")}]`,
          "json",
        );
        // a task's summary (from version 3 a workstream's too), JSON `null` for the other kinds
        const addedSummaries = param(
          `[${inserted
            .map((v) =>
              v.kind === "tasks"
                ? itemStateJson.encode(taskSummaryOf(v.parsed!.state as TaskState))
                : v.kind === "workstreams" && spans
                  ? itemStateJson.encode(workstreamSummaryOf(v.parsed!.state as WorkstreamState))
                  : "null",
            )
            .join(",")}]`,
          "json",
        );
        const timeRows = columns(page, [
          ["bigint[]", (p) => p.meta.position.toString()],
          ["bigint[]", (p) => String(p.occurred)],
          ["bigint[]", (p) => String(p.recorded)],
          ["boolean[]", (p) => p.event !== undefined],
        ]);
        const problemRows = param(
          problems.map((p) => JSON.stringify(p)),
          "text[]",
        );
        const boardColumns = board ? ", status, workstream, stage, lead_unit, due_first, due_last" : "";
        const checkpoint = [
          param(t.checkpoint, "text"),
          param(position.toString(), "bigint"),
          `${param(JSON.stringify(building ? { known, building } : { known }), "text")}::json`,
          param(clock(), "timestamptz"),
        ].join(", ");
        await client.query(
          `WITH removed AS (
           DELETE FROM ${t.versions} WHERE id = ANY (${removedIds})
         ), changed AS (
           UPDATE ${t.versions} v SET recorded_to = u.recorded_to, valid_to = u.valid_to${spans ? ", span = u.span" : ""}
             FROM unnest(${changedRows}) AS u (id, recorded_to, valid_to, span) WHERE v.id = u.id
         ), added AS (
           INSERT INTO ${t.versions}
             (kind, item, entity, valid_from, valid_to, recorded_from, recorded_to, position, ${spans ? "span, " : ""}summary, overdue_from${boardColumns}, state)
           SELECT u.kind, u.item, u.entity, u.valid_from, u.valid_to, u.recorded_from, u.recorded_to, u.position,
                  ${spans ? "u.span, CASE WHEN u.kind IN ('tasks', 'workstreams') THEN m.summary END" : "CASE WHEN u.kind = 'tasks' THEN m.summary END"},
                  u.overdue_from${board ? boardColumns.replaceAll(", ", ", u.") : ""}, s.state
             FROM unnest(${addedRows}) WITH ORDINALITY
                    AS u (kind, item, entity, valid_from, valid_to, recorded_from, recorded_to, position, span, overdue_from${boardColumns}, n)
             JOIN json_array_elements(${addedStates}) WITH ORDINALITY AS s (state, n) ON s.n = u.n
             JOIN json_array_elements(${addedSummaries}) WITH ORDINALITY AS m (summary, n) ON m.n = u.n
         ), times AS (
           INSERT INTO ${t.eventTimes} (position, occurred, recorded, known) SELECT * FROM unnest(${timeRows})
           RETURNING occurred, recorded, known
         ), ${
           spans
             ? `days AS (
           INSERT INTO ${t.eventDays} AS d (axis, day, known)
           SELECT axis, day, count(*) FROM (
             SELECT 'o' AS axis, floor(occurred / ${DAY}::numeric)::bigint AS day FROM times WHERE known
             UNION ALL
             SELECT 'r', floor(recorded / ${DAY}::numeric)::bigint FROM times WHERE known
           ) e GROUP BY axis, day
           ON CONFLICT (axis, day) DO UPDATE SET known = d.known + excluded.known
         ), `
             : ""
         }broken AS (
           INSERT INTO ${t.problems} (problem) SELECT unnest(${problemRows})
         )
         INSERT INTO checkpoints (name, position, state, updated_at) VALUES (${checkpoint})
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state,
                                          updated_at = excluded.updated_at`,
          values,
        );
        return { position, known, building, added };
      },
      beginBatch,
    );

  /**
   * A build from zero has caught up: the read indexes are created, the tables' statistics
   * gathered (the planner would otherwise plan the next batches' look-ups for the empty table
   * they were, scanning an index of the whole kind per item), and the checkpoint says so.
   */
  const finishBuild = async (at: Saved) =>
    transaction(
      "indexing the read tables",
      async (client) => {
        const now = await loadSaved(client);
        if (now?.position !== at.position || !now.building) return;
        await client.query(readIndexes(version));
        await client.query(`ANALYZE ${t.versions}, ${t.eventTimes}`);
        // built beside an older version: this one takes over the views, the older ones go
        await client.query(`${olderVersionsDropped(version)}\n${readViews(version)}`);
        await client.query("UPDATE checkpoints SET state = $2::text::json WHERE name = $1", [
          t.checkpoint,
          JSON.stringify({ known: now.known }),
        ]);
      },
      beginLocked,
    );

  /**
   * The checkpoint, in the same round trip as the check for rows of the ledger changed or
   * deleted behind its back: then the tables are cleared first, to start again from zero.
   */
  const savedUnlessChanged = async (): Promise<Saved | undefined> => {
    let row: { changed: boolean; position: string | null; known: string | null; building: string | null };
    try {
      const { rows } = await pool.query<typeof row>(
        `SELECT EXISTS (SELECT 1 FROM ${t.changes}) AS changed, c.position::text AS position,
                c.state ->> 'known' AS known, c.state ->> 'building' AS building
           FROM (SELECT 1) one LEFT JOIN checkpoints c ON c.name = $1`,
        [t.checkpoint],
      );
      row = rows[0]!;
    } catch (error) {
      throw failure("reading the read tables", error);
    }
    if (!row.changed)
      return row.position === null
        ? undefined
        : {
            position: BigInt(row.position),
            known: Number(row.known ?? 0),
            building: row.building === "true",
          };
    await transaction("clearing the read tables", async (client) => {
      await locked(client);
      const { rows } = await client.query<{ changed: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM ${t.changes}) AS changed`,
      );
      if (rows[0]?.changed === true) await clearWith(client);
    });
    return saved();
  };

  /**
   * Apply the events appended since the checkpoint; with `limit`, stop after the batch that
   * reaches that many events (`complete` false: the tables are behind the ledger still, and a
   * build from zero is left unfinished, its read indexes not yet created).
   */
  const catchUpTo = async (
    options: CatchUpOptions = {},
    limit = Number.POSITIVE_INFINITY,
  ): Promise<CatchUpReport & { readonly complete: boolean }> => {
    await ensureSchema();
    let from = await savedUnlessChanged();
    let events = 0;
    let versions = 0;
    let links = new ReadLinkCheck(from === undefined);
    for (;;) {
      try {
        // store pages gathered into batches of `BATCH` events: one transaction each
        let batch: StoredEvent[] = [];
        const apply = async () => {
          const page = batch;
          batch = [];
          const known = links.problems.length;
          for (const meta of page) links.check(meta);
          const found = links.problems.slice(known);
          const done = await applyPage(page.map(prepare), from, found);
          from = done;
          events += page.length;
          versions += done.added;
          if (options.onEvent !== undefined) for (const meta of page) options.onEvent(meta.position);
        };
        let complete = true;
        pages: for await (const page of readAllInPages(
          readEvents,
          from === undefined ? {} : { after: from.position },
        )) {
          for (const meta of page) {
            if (events + batch.length >= limit) {
              complete = false;
              break pages;
            }
            batch.push(meta);
            if (batch.length >= batchEvents) await apply();
          }
        }
        if (batch.length > 0) await apply();
        if (!complete) return { events, position: from?.position, versions, brokenLinks: [], complete };
        if (from?.building === true) {
          await finishBuild(from);
          from = { ...from, building: false };
          // the visibility map set, so the board's reads are index-only scans (VACUUM cannot
          // run in a transaction; another process's at the same time waits for this one)
          try {
            await pool.query(`VACUUM ${t.versions}`);
          } catch (error) {
            throw failure("vacuuming the read tables", error);
          }
        }
        let brokenLinks: ChainProblem[];
        try {
          const { rows } = await pool.query<{ problem: string }>(
            `SELECT problem FROM ${t.problems} ORDER BY id`,
          );
          brokenLinks = rows.map((row) => JSON.parse(row.problem) as ChainProblem);
        } catch (error) {
          throw failure("reading the read tables", error);
        }
        return { events, position: from?.position, versions, brokenLinks, complete };
      } catch (error) {
        if (!(error instanceof Overtaken)) throw error;
        // another process caught up (or cleared) meanwhile: go on from where it got to
        from = await saved();
        links = new ReadLinkCheck(from === undefined);
      }
    }
  };

  /**
   * The open versions holding on `asOf` (as known now): `valid_from <= asOf < valid_to`. From
   * version 3 class by class of `span` (core `spanRanges`), one short range of the `_open` index
   * each, so the read meets about the versions it returns; before, one range of every version
   * ending after the date. `$1` is the date, `$2`/`$3` the classes' bounds, `kind` a SQL
   * condition on the kind, `extra` more conditions; the rows are `columns`.
   */
  const holdingNow = (columns: string, kind: string, extra = "") =>
    spans
      ? `SELECT ${columns} FROM unnest($2::smallint[], $3::bigint[]) AS c (span, before)
         CROSS JOIN LATERAL (
           SELECT * FROM ${t.versions}
            WHERE ${kind} AND recorded_to = ${OPEN} AND span = c.span AND valid_to > $1
              AND valid_to < c.before AND valid_from <= $1 ${extra}
           OFFSET 0 -- a range of the index per class, not one plan for every class
         ) v`
      : `SELECT ${columns} FROM ${t.versions} v
          WHERE ${kind} AND recorded_to = ${OPEN} AND valid_to > $1 AND valid_from <= $1 ${extra}`;
  /** `holdingNow`'s first three values for a date. */
  const holdingValues = (asOf: number): string[] | [string, string[], string[]] => {
    if (!spans) return [String(asOf)];
    const ranges = spanRanges(asOf);
    return [String(asOf), ranges.map(([span]) => String(span)), ranges.map(([, , before]) => String(before))];
  };

  const states = async (
    kind: ItemKind,
    slice: TimeSlice,
    filter: { readonly entity?: string } = {},
  ): Promise<ReadonlyMap<string, unknown>> => {
    await ensureSchema();
    const asOf = String(boundOf(slice.asOf));
    const knownAt = String(boundOf(slice.knownAt));
    // The version at (asOf, knownAt) of each item, the latest valid_from among those recorded
    // then, chosen by id first and its state read after: choosing with the states in the rows
    // sorted every version's state (a workstream's run to megabytes each at a city's size).
    const chosen =
      filter.entity === undefined
        ? `SELECT DISTINCT ON (item) id FROM ${t.versions}
            WHERE kind = $1 AND recorded_from <= $2 AND recorded_to > $2 AND valid_from <= $3
            ORDER BY item, valid_from DESC`
        : `SELECT DISTINCT ON (item) id FROM ${t.versions}
            WHERE kind = $1 AND recorded_from <= $2 AND recorded_to > $2 AND valid_from <= $3
              AND item IN (SELECT item FROM ${t.versions} WHERE entity = $4 AND kind = $1)
            ORDER BY item, valid_from DESC`;
    // as known now, each item's open version whose business interval holds asOf: one index range
    const now = filter.entity === undefined && knownAt === String(UNBOUNDED);
    // one entity's items as known now: its open versions holding the date, from the entity index
    // (a version's entity is its state's, so those of other entities are left out as below)
    const entityNow = filter.entity !== undefined && knownAt === String(UNBOUNDED) && spans;
    const text = now
      ? holdingNow("v.item, v.state::text AS state", `kind = $${spans ? 4 : 2}`)
      : entityNow
        ? `SELECT item, state::text AS state FROM ${t.versions}
            WHERE entity = $2 AND kind = $1 AND recorded_to = ${OPEN} AND valid_to > $3 AND valid_from <= $3`
        : `SELECT item, state::text AS state FROM ${t.versions} WHERE id = ANY (ARRAY (${chosen}))`;
    let rows: Array<{ item: string; state: string }>;
    try {
      rows = (
        await pool.query<{ item: string; state: string }>(
          text,
          now
            ? [...holdingValues(boundOf(slice.asOf)), kind]
            : entityNow
              ? [kind, filter.entity, asOf]
              : filter.entity === undefined
                ? [kind, knownAt, asOf]
                : [kind, knownAt, asOf, filter.entity],
        )
      ).rows;
    } catch (error) {
      throw failure(`reading the ${kind} read table`, error);
    }
    // the replay's order (code units), not the database's collation
    rows.sort(byCodeUnits);
    const out = new Map<string, unknown>();
    for (const row of rows) {
      const state = itemStateJson.decode(kind, row.item, row.state);
      if (filter.entity === undefined || entityOfState(kind, state) === filter.entity)
        out.set(row.item, state);
    }
    return out;
  };

  const taskSummaries = async (
    slice: TimeSlice,
    filter: { readonly overdueOn?: string } = {},
  ): Promise<ReadonlyMap<string, TaskSummary>> => {
    await ensureSchema();
    const asOf = String(boundOf(slice.asOf));
    const knownAt = boundOf(slice.knownAt);
    const now = knownAt === UNBOUNDED;
    const values: unknown[] = now ? holdingValues(boundOf(slice.asOf)) : [asOf, String(knownAt)];
    if (filter.overdueOn !== undefined) values.push(filter.overdueOn);
    // overdue on a date: after the task's overdue_from, compared as `taskOverdueFrom` does (code units)
    const overdue = filter.overdueOn === undefined ? "" : `AND overdue_from < $${values.length} COLLATE "C"`;
    const text = now
      ? holdingNow("v.item, v.summary::text AS state", "kind = 'tasks'", overdue)
      : `SELECT item, summary::text AS state FROM ${t.versions}
          WHERE id = ANY (ARRAY (
            SELECT DISTINCT ON (item) id FROM ${t.versions}
             WHERE kind = 'tasks' AND recorded_from <= $2 AND recorded_to > $2 AND valid_from <= $1
             ORDER BY item, valid_from DESC)) ${overdue}`;
    let rows: Array<{ item: string; state: string }>;
    try {
      rows = (await pool.query<{ item: string; state: string }>(text, values)).rows;
    } catch (error) {
      throw failure("reading the tasks read table", error);
    }
    rows.sort(byCodeUnits);
    const out = new Map<string, TaskSummary>();
    for (const row of rows)
      out.set(row.item, itemStateJson.decode("tasks", row.item, row.state) as TaskSummary);
    return out;
  };

  /** The workstreams' summaries (their names, all the wall chart reads of them): version 3 on. */
  const workstreamSummaries = async (slice: TimeSlice): Promise<ReadonlyMap<string, WorkstreamSummary>> => {
    await ensureSchema();
    const knownAt = boundOf(slice.knownAt);
    const text =
      knownAt === UNBOUNDED
        ? holdingNow("v.item, v.summary::text AS state", "kind = 'workstreams'")
        : `SELECT item, summary::text AS state FROM ${t.versions}
            WHERE id = ANY (ARRAY (
              SELECT DISTINCT ON (item) id FROM ${t.versions}
               WHERE kind = 'workstreams' AND recorded_from <= $2 AND recorded_to > $2 AND valid_from <= $1
               ORDER BY item, valid_from DESC))`;
    let rows: Array<{ item: string; state: string }>;
    try {
      rows = (
        await pool.query<{ item: string; state: string }>(
          text,
          knownAt === UNBOUNDED
            ? holdingValues(boundOf(slice.asOf))
            : [String(boundOf(slice.asOf)), String(knownAt)],
        )
      ).rows;
    } catch (error) {
      throw failure("reading the workstreams read table", error);
    }
    rows.sort(byCodeUnits);
    const out = new Map<string, WorkstreamSummary>();
    for (const row of rows)
      out.set(row.item, itemStateJson.decode("workstreams", row.item, row.state) as WorkstreamSummary);
    return out;
  };

  /**
   * The board counted in SQL (version 4 on), as known now or at a date: the assigned tasks
   * holding on the date counted by workstream, stage, lead unit and status (and overdue on it),
   * and the summaries of only the tasks that can hold a cell's next deadlines. As known now from
   * the `_board` index's ranges by span class; as known at a date over each task's version then
   * (picked by item, as the states are). The values are `holdingValues`' (as known now) or the
   * date and the record date, then the day, then the number of deadlines a cell shows.
   */
  const boardTasks = async (
    slice: TimeSlice & { readonly asOf: string },
  ): Promise<BoardTasks | undefined> => {
    await ensureSchema();
    const asOf = boundOf(slice.asOf);
    const knownAt = boundOf(slice.knownAt);
    if (asOf >= UNBOUNDED) return undefined;
    const now = knownAt === UNBOUNDED;
    const values: unknown[] = now ? holdingValues(asOf) : [String(asOf), String(knownAt)];
    const on = `$${values.length + 1}::text COLLATE "C"`;
    const top = `$${values.length + 2}`;
    // the tasks (each its version on the date) with their board columns, as rows of `v`
    const tasks = (columns: string, extra: string) =>
      now
        ? holdingNow(columns, "kind = 'tasks'", extra)
        : `SELECT ${columns} FROM ${t.versions} v
            WHERE v.id = ANY (ARRAY (
              SELECT DISTINCT ON (item) id FROM ${t.versions}
               WHERE kind = 'tasks' AND recorded_from <= $2 AND recorded_to > $2 AND valid_from <= $1
               ORDER BY item, valid_from DESC)) ${extra}`;
    const tallies = `SELECT workstream, stage, lead_unit AS "leadUnit", status, count(*)::int AS tasks,
            (count(*) FILTER (WHERE overdue_from COLLATE "C" < ${on}))::int AS overdue,
            min(item COLLATE "C") AS first
       FROM (${tasks("v.item, v.status, v.workstream, v.stage, v.lead_unit, v.overdue_from", "AND status IS NOT NULL")}) h
      GROUP BY workstream, stage, lead_unit, status`;
    // a cell's next deadlines (due on or after the day): every task with a period not verified
    // due before the day and one after (`straddles`), and of the others those with fewer than
    // `top` tasks due first strictly before theirs in the whole chart, their workstream, their
    // stage or their lead unit (rank() keeps ties)
    const deadlines = `WITH holding AS (${tasks(
      `v.id, v.workstream, v.stage, v.lead_unit, v.due_first, v.due_first COLLATE "C" < ${on} AS straddles`,
      `AND due_last COLLATE "C" >= ${on}`,
    )}), ranked AS (
         SELECT id, straddles,
                rank() OVER (PARTITION BY straddles ORDER BY due_first COLLATE "C") AS in_all,
                rank() OVER (PARTITION BY straddles, workstream ORDER BY due_first COLLATE "C") AS in_workstream,
                rank() OVER (PARTITION BY straddles, stage ORDER BY due_first COLLATE "C") AS in_stage,
                rank() OVER (PARTITION BY straddles, lead_unit ORDER BY due_first COLLATE "C") AS in_unit
           FROM holding)
       SELECT v.item, v.summary::text AS state FROM ranked r JOIN ${t.versions} v ON v.id = r.id
        WHERE r.straddles OR least(r.in_all, r.in_workstream, r.in_stage, r.in_unit) <= ${top}`;
    let counted: WallChartTally[];
    let picked: Array<{ item: string; state: string }>;
    try {
      [counted, picked] = await Promise.all([
        pool.query<WallChartTally>(tallies, [...values, slice.asOf]).then((r) => r.rows),
        pool
          .query<{ item: string; state: string }>(deadlines, [...values, slice.asOf, NEXT_DEADLINES])
          .then((r) => r.rows),
      ]);
    } catch (error) {
      throw failure("reading the tasks read table", error);
    }
    // min(item COLLATE "C") is the least in code points; it is the least as JavaScript compares
    // strings (UTF-16 code units) unless a character from U+D800 on decides: then read the summaries
    if (counted.some((c) => /[\uD800-\uFFFF]/.test(c.first))) return undefined;
    picked.sort(byCodeUnits);
    const deadlineTasks = new Map<string, TaskSummary>();
    for (const row of picked)
      deadlineTasks.set(row.item, itemStateJson.decode("tasks", row.item, row.state) as TaskSummary);
    return { tallies: counted, deadlineTasks };
  };

  /**
   * The stamp in one statement (one snapshot for the checkpoint and the counts, one round trip):
   * the known events less those with a business instant after `asOf` or a record instant after
   * `knownAt` (from version 3 the whole UTC days after the bound from the day counts, and that
   * day's own events from their instants), and the hash of the last event known at `knownAt`.
   */
  const stamp = async (slice: TimeSlice): Promise<ReadModelStamp> => {
    await ensureSchema();
    const asOf = boundOf(slice.asOf);
    const knownAt = boundOf(slice.knownAt);
    const values: unknown[] = [t.checkpoint];
    const value = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    const counted = (condition: string) =>
      `(SELECT count(*) FROM ${t.eventTimes} WHERE known AND ${condition})`;
    const countAfter = (axis: "o" | "r", column: "occurred" | "recorded", after: number) => {
      if (!spans) return counted(`${column} > ${value(String(after))}`);
      const day = Math.floor(after / DAY);
      return `(coalesce((SELECT sum(known) FROM ${t.eventDays} WHERE axis = ${value(axis)} AND day > ${value(String(day))}), 0)
               + ${counted(`${column} > ${value(String(after))} AND ${column} < ${value(String((day + 1) * DAY))}`)})`;
    };
    // counted from the (few, for recent dates) events after the bounds
    const occurredAfter = asOf === UNBOUNDED ? "0" : countAfter("o", "occurred", asOf);
    const recordedAfter = knownAt === UNBOUNDED ? "0" : countAfter("r", "recorded", knownAt);
    const both =
      asOf === UNBOUNDED || knownAt === UNBOUNDED
        ? "0"
        : counted(`occurred > ${value(String(asOf))} AND recorded > ${value(String(knownAt))}`);
    const position =
      knownAt === UNBOUNDED
        ? "c.position"
        : `(SELECT e.position FROM ${t.eventTimes} e WHERE e.recorded <= ${value(String(knownAt))}
             ORDER BY e.position DESC LIMIT 1)`;
    let rows: Array<{ position: string | null; known: string | null; after: string; hash: string | null }>;
    try {
      ({ rows } = await pool.query(
        `SELECT s.position::text AS position, s.known, s.after::text AS after,
                (SELECT metadata ->> 'hash' FROM events WHERE global_position = s.position) AS hash
           FROM (SELECT ${position} AS position, c.state ->> 'known' AS known,
                        ${occurredAfter} + ${recordedAfter} - ${both} AS after
                   FROM checkpoints c WHERE c.name = $1) s`,
        values,
      ));
    } catch (error) {
      throw failure("reading the read-table stamp", error);
    }
    const row = rows[0];
    if (row === undefined) return { position: undefined, lastHash: undefined, events: 0 };
    return {
      position: row.position === null ? undefined : BigInt(row.position),
      lastHash: row.position === null ? undefined : (row.hash ?? undefined),
      events: Number(row.known ?? 0) - Number(row.after),
    };
  };

  const catchUp = async (options: CatchUpOptions = {}): Promise<CatchUpReport> => {
    const { complete: _complete, ...report } = await catchUpTo(options);
    return report;
  };

  const rebuild = async (options: CatchUpOptions = {}): Promise<CatchUpReport> => {
    await ensureSchema();
    await transaction("clearing the read tables", async (client) => {
      await locked(client);
      await clearWith(client);
    });
    return catchUp(options);
  };

  /** Whether these tables were built and caught up once (then they answer every read). */
  const built = async (): Promise<boolean> => {
    if (!(await present())) return false;
    const at = await saved();
    return at !== undefined && !at.building;
  };

  return {
    version,
    catchUp,
    catchUpTo,
    built,
    rebuild,
    states,
    stamp,
    taskSummaries,
    ...(spans ? { workstreamSummaries } : {}),
    ...(board ? { boardTasks } : {}),
  };
};
