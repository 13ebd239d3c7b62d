/**
 * The read-tables port on SQLite: every item's bitemporal state versions in `read_versions_v<N>`
 * and every event's business and record instants in `read_event_times_v<N>` (for the stamp),
 * in the ledger file itself. A catch-up applies each page of new events in one IMMEDIATE
 * transaction together with the checkpoint (`checkpoints`, name `read-tables-v<N>`), so a crash
 * leaves the tables exactly at their checkpoint, and two processes never apply a page twice.
 *
 * The ledger is append-only: triggers note any row of `events` changed or deleted (through
 * SQL, by hand) in `read_changes_v<N>`, and the next catch-up then rebuilds from zero, so the
 * tables answer what a replay of the changed ledger answers. The broken chain links a catch-up
 * meets are kept in `read_problems_v<N>` and reported by every catch-up after, as every replay
 * would report them again.
 */

import { randomUUID } from "node:crypto";
import { accessSync, constants } from "node:fs";
import {
  BOUNDED_SPANS,
  type BoardTasks,
  boundOf,
  type CatchUpOptions,
  type CatchUpReport,
  type ChainProblem,
  entityOfState,
  FOREVER,
  type ItemKind,
  itemStateJson,
  itemsOf,
  LedgerFailure,
  type ListView,
  ledgerEvents,
  NEXT_DEADLINES,
  OPEN_SPAN,
  occurredInstant,
  READ_TABLE_LISTS,
  READ_TABLES_VERSION,
  type ReadModelStamp,
  type ReadTables,
  type Reversioning,
  readAllInPages,
  recordedInstant,
  reversion,
  type StoredEvent,
  spanOf,
  spanRanges,
  stepItem,
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
import type Database from "better-sqlite3";
import * as E from "fp-ts/lib/Either.js";
import { BoundedLinkCheck } from "./bounded-link-check";
import { fromListDelta, fromListDeltas, listDeltaOf } from "./list-deltas";
import { toStoreUnavailable } from "./sqlite-errors";

/**
 * The version of the read tables on SQLite: core's `READ_TABLES_VERSION` (what a version holds,
 * shared by every store) plus the changes of the SQLite layout since (1: `span` and the
 * workstreams' summaries; 2: the tasks' board columns; 3: growing states as list deltas), so a
 * bump of either builds new tables beside the old ones.
 */
export const SQLITE_READ_TABLES_VERSION = READ_TABLES_VERSION + 3;

/** The names of one version's tables (a new version is built beside the old one). */
export const readTableNames = (version: number) => ({
  versions: `read_versions_v${version}`,
  eventTimes: `read_event_times_v${version}`,
  checkpoint: `read-tables-v${version}`,
  changes: `read_changes_v${version}`,
  problems: `read_problems_v${version}`,
});

/**
 * Whether a version's tables have the columns of version 2 on (`valid_to` and `summary`): the
 * code reads and catches up the tables of every version from 1 on, so that the tables of the
 * version before keep answering while a new version is built beside them.
 */
const hasCurrent = (version: number): boolean => version >= 2;

/**
 * Whether a version's tables have the columns of version 3 on (`span`, and a workstream's
 * summary): "as of D, as known now" then reads about the versions that hold at D, not all
 * versions that end after it (see `spanOf`).
 */
const hasSpan = (version: number): boolean => version >= 3;

/**
 * Whether a version's tables have the columns of version 4 on (a task's `status`, `workstream`,
 * `stage`, `lead_unit`, `due_first`, `due_last`: `taskBoardColumnsOf`), so the board counts the
 * tasks in SQL and reads the summaries of the few that can hold a next deadline.
 */
const hasBoard = (version: number): boolean => version >= 4;

/**
 * Whether a version writes the large states of growing kinds as list deltas (version 5 on,
 * `listDeltaOf`: each list a splice of the base's) instead of text deltas (`deltaOf`), so a
 * version's write costs the JSON of what changed, not of every element it lists.
 */
const hasListDeltas = (version: number): boolean => version >= 5;

/** The DDL of one version's tables (the views are created when the version is the one read). */
export const readTablesSchema = (version: number): string => {
  const t = readTableNames(version);
  const current = hasCurrent(version);
  return `
  CREATE TABLE IF NOT EXISTS ${t.versions} (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL,
    item          TEXT    NOT NULL,
    entity        TEXT,
    valid_from    INTEGER NOT NULL,${
      current
        ? `
    -- of a version open on the record axis (recorded_to = FOREVER): the next open version's
    -- valid_from (FOREVER: none), so "as of D, as known now" is one range of an index
    valid_to      INTEGER NOT NULL,`
        : ""
    }
    recorded_from INTEGER NOT NULL,
    recorded_to   INTEGER NOT NULL,
    position      INTEGER NOT NULL,${
      hasSpan(version)
        ? `
    -- of a version open on the record axis: the class of its business interval's length,
    -- 2^(span-1) <= valid_to - valid_from < 2^span (64: valid_to = FOREVER), so the versions
    -- holding at D are found class by class in a short range of valid_to (after D, within 2^span)
    span          INTEGER,
    -- a task's summary (taskSummaryOf, JSON): what the wall chart and the overdue list read;
    -- a workstream's (workstreamSummaryOf): what the wall chart reads
    summary       TEXT,`
        : current
          ? `
    -- a task's summary (taskSummaryOf, JSON): what the wall chart and the overdue list read
    summary       TEXT,`
          : ""
    }${
      current
        ? `
    -- a task's taskOverdueFrom: overdue on a date after it (NULL: on none)
    overdue_from  TEXT,${
      hasBoard(version)
        ? `
    -- of an assigned task (taskBoardColumnsOf; NULL otherwise): what the wall chart counts it
    -- by, and the earliest and latest due dates of its periods not verified (NULL: cancelled,
    -- or none left), which bound the next deadlines it can hold
    status        TEXT,
    workstream    TEXT,
    stage         TEXT,
    lead_unit     TEXT,
    due_first     TEXT,
    due_last      TEXT,`
        : ""
    }
    ${
      hasListDeltas(version)
        ? `-- of a large state of a campaign, workstream or responsibility list (which grow with every
    -- event: a workstream lists all its elements): the version whose state this one's is written
    -- against, \`state\` then being that state's JSON with each top-level list replaced by
    -- [prefix, suffix, ...middle] (the base's first <prefix> and last <suffix> items of that
    -- list, <middle> between); NULL: \`state\` is the JSON`
        : `-- of a large state of a campaign, workstream or responsibility list (which grow with every
    -- event: a workstream lists all its elements): the version whose state text this one's is
    -- written against, \`state\` then being "<prefix>:<suffix>:<middle>" (the first <prefix>
    -- and last <suffix> characters of that text, <middle> between); NULL: \`state\` is the JSON`
    }
    base          INTEGER,`
        : ""
    }
    state         TEXT    NOT NULL
  );
  -- covers both the catch-up's look-up of an item's live versions and the choice, per item, of
  -- the version at (asOf, knownAt): a read touches the table only for the states it returns
  CREATE INDEX IF NOT EXISTS ${t.versions}_times ON ${t.versions} (kind, item, recorded_to, valid_from, recorded_from);
  CREATE INDEX IF NOT EXISTS ${t.versions}_entity ON ${t.versions} (entity, kind) WHERE entity IS NOT NULL;
  ${
    hasSpan(version)
      ? `CREATE INDEX IF NOT EXISTS ${t.versions}_open ON ${t.versions} (kind, span, valid_to, valid_from) WHERE recorded_to = ${OPEN};
  CREATE INDEX IF NOT EXISTS ${t.versions}_base ON ${t.versions} (base) WHERE base IS NOT NULL;
  -- the tasks' summaries as known now, read from the index alone (no row of the table is read)
  CREATE INDEX IF NOT EXISTS ${t.versions}_tasks_now ON ${t.versions} (span, valid_to, valid_from, overdue_from, item, summary)
    WHERE recorded_to = ${OPEN} AND kind = 'tasks';${
      hasBoard(version)
        ? `
  -- the board's columns of the tasks as known now, read from the index alone
  CREATE INDEX IF NOT EXISTS ${t.versions}_board_now ON ${t.versions}
    (span, valid_to, valid_from, status, workstream, stage, lead_unit, overdue_from, due_first, due_last, item)
    WHERE recorded_to = ${OPEN} AND kind = 'tasks';
  -- the same in the order the board counts them: the versions open to the end (most of those
  -- holding on a date: a task's last) are counted in one pass of the index, without a sort
  CREATE INDEX IF NOT EXISTS ${t.versions}_board_final ON ${t.versions}
    (span, status, workstream, stage, lead_unit, valid_from, overdue_from, item)
    WHERE recorded_to = ${OPEN} AND kind = 'tasks';
  -- the accidents' states as known now (the statistics read them all), read from the index alone
  CREATE INDEX IF NOT EXISTS ${t.versions}_accidents_now ON ${t.versions} (span, valid_to, valid_from, item, state)
    WHERE recorded_to = ${OPEN} AND kind = 'accidents';`
        : ""
    }`
      : current
        ? `CREATE INDEX IF NOT EXISTS ${t.versions}_open ON ${t.versions} (kind, valid_to, valid_from) WHERE recorded_to = ${OPEN};
  CREATE INDEX IF NOT EXISTS ${t.versions}_base ON ${t.versions} (base) WHERE base IS NOT NULL;
  -- the tasks' summaries as known now, read from the index alone (no row of the table is read)
  CREATE INDEX IF NOT EXISTS ${t.versions}_tasks_now ON ${t.versions} (valid_to, valid_from, overdue_from, item, summary)
    WHERE recorded_to = ${OPEN} AND kind = 'tasks';`
        : ""
  }
  CREATE TABLE IF NOT EXISTS ${t.eventTimes} (
    position INTEGER PRIMARY KEY,
    occurred INTEGER NOT NULL,
    recorded INTEGER NOT NULL,
    known    INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ${t.eventTimes}_occurred ON ${t.eventTimes} (occurred, recorded) WHERE known = 1;
  CREATE INDEX IF NOT EXISTS ${t.eventTimes}_recorded ON ${t.eventTimes} (recorded) WHERE known = 1;
  CREATE TABLE IF NOT EXISTS ${t.changes} (position INTEGER NOT NULL);
  CREATE TRIGGER IF NOT EXISTS ${t.changes}_update AFTER UPDATE ON events
    BEGIN INSERT INTO ${t.changes} (position) VALUES (old.global_position); END;
  CREATE TRIGGER IF NOT EXISTS ${t.changes}_delete AFTER DELETE ON events
    BEGIN INSERT INTO ${t.changes} (position) VALUES (old.global_position); END;
  CREATE TABLE IF NOT EXISTS ${t.problems} (
    id      INTEGER PRIMARY KEY,
    problem TEXT NOT NULL
  );
  `;
};

/** The indexes only the reads use (none of a catch-up's look-ups). */
const READ_INDEX =
  /CREATE INDEX IF NOT EXISTS \S+_(?:entity|open|tasks_now|board_now|board_final|accidents_now|occurred|recorded) ON [^;]*;/g;

/**
 * The schema a version is built with: `readTablesSchema` less the indexes only the reads use,
 * which are created once the version is built (`readIndexesOf`), so a build does not keep them
 * up to date row by row.
 */
const buildSchemaOf = (version: number): string => readTablesSchema(version).replace(READ_INDEX, "");

/** The indexes of `readTablesSchema` only the reads use. */
const readIndexesOf = (version: number): string =>
  (readTablesSchema(version).match(READ_INDEX) ?? []).join("\n");

/** Drop the indexes only the reads use (a rebuild from zero creates them again once built). */
const dropReadIndexesOf = (version: number): string =>
  (readTablesSchema(version).match(READ_INDEX) ?? [])
    .map((ddl) => `DROP INDEX IF EXISTS ${ddl.split(/\s+/)[5]};`)
    .join("\n");

/** Drop one version's tables, its triggers and its checkpoint. */
const dropSchema = (version: number): string => {
  const t = readTableNames(version);
  return `
  DROP TRIGGER IF EXISTS ${t.changes}_update;
  DROP TRIGGER IF EXISTS ${t.changes}_delete;
  DROP TABLE IF EXISTS ${t.versions};
  DROP TABLE IF EXISTS ${t.eventTimes};
  DROP TABLE IF EXISTS ${t.changes};
  DROP TABLE IF EXISTS ${t.problems};
  DELETE FROM checkpoints WHERE name = '${t.checkpoint}';
  `;
};

/** The open end of a record interval in the tables (\`FOREVER\`). */
const OPEN = String(Number.MAX_SAFE_INTEGER);

/**
 * Read-only views for BI and report tools, named for the lists: each item's latest version as
 * the ledger knows it now (docs/read-models.md). Recreated with the version they read.
 */
const viewsOf = (version: number): string => {
  const { versions } = readTableNames(version);
  const list = ({ name, kind, columns }: ListView) => `
  DROP VIEW IF EXISTS ${name};
  CREATE VIEW ${name} AS SELECT
    ${columns.map(({ column, path, comment }) => `json_extract(v.state, '$.${path}') AS ${column}, -- ${comment}`).join("\n    ")}
    v.valid_from    AS valid_from,    -- 业务生效时间 (UTC 毫秒)
    v.recorded_from AS recorded_from, -- 入账时间 (UTC 毫秒)
    v.position      AS position       -- 最后改变它的事件位置
  FROM ${versions} v
  WHERE v.kind = '${kind}' AND v.recorded_to = ${OPEN} AND ${
    hasCurrent(version)
      ? `v.valid_to = ${OPEN}`
      : `v.valid_from = (SELECT max(w.valid_from) FROM ${versions} w
                        WHERE w.kind = v.kind AND w.item = v.item AND w.recorded_to = ${OPEN})`
  };`;
  return READ_TABLE_LISTS.map(list).join("\n");
};

/** The summary a version keeps beside its state (JSON), for the kinds that have one. */
const summaryOf = (version: number, kind: ItemKind, state: unknown): string | null =>
  !hasCurrent(version)
    ? null
    : kind === "tasks"
      ? JSON.stringify(taskSummaryOf(state as TaskState))
      : kind === "workstreams" && hasSpan(version)
        ? JSON.stringify(workstreamSummaryOf(state as WorkstreamState))
        : null;

/** A task version's board columns as bound (`taskBoardColumnsOf`; all NULL but for an assigned task). */
type BoardRow = [
  status: string | null,
  workstream: string | null,
  stage: string | null,
  leadUnit: string | null,
  dueFirst: string | null,
  dueLast: string | null,
];
/** The board columns bound and left out by the layouts before version 4. */
const BOARD_BOUND = "? AS bs, ? AS bw, ? AS bg, ? AS bu, ? AS bf, ? AS bl";
const NO_BOARD: BoardRow = [null, null, null, null, null, null];

/** The board columns a version keeps beside a task's state. */
const boardRowOf = (version: number, kind: ItemKind, state: unknown): BoardRow => {
  if (!hasBoard(version) || kind !== "tasks") return NO_BOARD;
  const c = taskBoardColumnsOf(state as TaskState);
  return c === undefined
    ? NO_BOARD
    : [c.status, c.workstream, c.stage, c.leadUnit, c.dueFirst ?? null, c.dueLast ?? null];
};

interface LiveRow {
  readonly id: number;
  readonly validFrom: number;
  readonly validTo: number;
  readonly recordedFrom: number;
  readonly recordedTo: number;
}

interface ItemStateRow {
  readonly item: string;
  readonly state: string;
  /** The version `state` is a delta against (NULL: `state` is the JSON text). */
  readonly base?: number | null;
}

/** The kinds whose large states are kept as deltas against the version before (no views read them). */
const DELTA_KINDS: ReadonlySet<ItemKind> = new Set(["campaigns", "workstreams", "responsibilityLists"]);
/** The longest chain of deltas before a state is written whole again. */
const DELTA_DEPTH = 16;
/**
 * The same for list deltas (version 5 on). A link is small (the changed items only), but a state
 * read from its chain's start decodes and splices every link: 64 made the read-tables contract's
 * property test twice as slow as version 4 (random dates read states out of any cache), 16 faster.
 */
const LIST_DEPTH = 16;

/** `text` as a delta against `base`: their common prefix and suffix left out. */
const deltaOf = (base: string, text: string): string => {
  const most = Math.min(base.length, text.length);
  let prefix = 0;
  while (prefix < most && base.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < most - prefix &&
    base.charCodeAt(base.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)
  )
    suffix++;
  return `${prefix}:${suffix}:${text.slice(prefix, text.length - suffix)}`;
};

/** The text a delta (`deltaOf`) against `base` stands for. */
const fromDelta = (base: string, delta: string): string => {
  const a = delta.indexOf(":");
  const b = delta.indexOf(":", a + 1);
  const prefix = Number(delta.slice(0, a));
  const suffix = Number(delta.slice(a + 1, b));
  return base.slice(0, prefix) + delta.slice(b + 1) + base.slice(base.length - suffix);
};

interface Saved {
  readonly position: bigint;
  /** Events of known types applied so far (the stamp's count without a slice). */
  readonly known: number;
  /**
   * The tables have caught up with the ledger once (false while a version is first built, in
   * steps, beside the one read). Checkpoints written before the flag existed were caught up.
   */
  readonly built: boolean;
  /**
   * Set when the tables are built from zero (a new one at each clear): a process that wrote the
   * checkpoint of this epoch and position knows the tables are as it left them.
   */
  readonly epoch?: string;
}

/**
 * Events applied in one transaction with the checkpoint (at most; a catch-up's last is shorter).
 * A batch outlives the young generation's collections and is moved to the old generation, which
 * V8 lets grow to several times what is live before it collects it: at 5,000 the 1M rebuild's
 * peak RSS was about 50 MB higher; at 1,000 (tried with 500 states kept) it was slower, each
 * commit presumably writing again pages the last one wrote (docs/benchmarks.md).
 */
const BATCH = 2_000;

/** Items whose latest state a catch-up keeps decoded (see `latest`). */
const LATEST_KEPT = 2_000;
/**
 * The same for the growing kinds (`DELTA_KINDS`), kept apart: at 1M events a workstream's state
 * is 250 KB of JSON and read back from its chain of list deltas in milliseconds, and a thousand
 * events of hazards and tasks would otherwise push the few of them out between two of their events.
 */
const LATEST_LARGE_KEPT = 64;
/** A version's value kept by a page (its text or its decoded state), and the length of its chain of deltas. */
interface Kept<T> {
  readonly value: T;
  readonly depth: number;
}

/**
 * The value of version `id` at the end of its chain of deltas (a row's `base` is the version its
 * `state` is a delta against): from the nearest version `kept` holds, else the chain's first
 * row (`first`), each delta after it applied (`apply`) and handed to `keep`; or, with
 * `applyChain`, all of them at once and only `id`'s value kept (a version after it in the chain
 * then starts from it; one before starts from the chain's first row, as a chain read whole did).
 */
const endOfChain = <T>(
  id: number,
  stateOf: { get(id: number): { readonly base: number | null; readonly state: string } | undefined },
  kept: ReadonlyMap<number, Kept<T>> | undefined,
  first: (state: string) => T,
  apply: (value: T, delta: string) => T,
  keep: (id: number, value: T, depth: number) => void,
  applyChain?: (value: T, deltas: ReadonlyArray<string>) => T,
): Kept<T> => {
  const deltas: Array<{ readonly id: number; readonly delta: string }> = [];
  let at = id;
  let known = kept?.get(at);
  while (known === undefined) {
    const row = stateOf.get(at)!;
    if (row.base === null) {
      known = { value: first(row.state), depth: 0 };
      keep(at, known.value, 0);
      break;
    }
    deltas.push({ id: at, delta: row.state });
    at = row.base;
    known = kept?.get(at);
  }
  let { value, depth } = known;
  if (applyChain !== undefined && deltas.length > 1) {
    value = applyChain(value, deltas.map((d) => d.delta).reverse());
    depth += deltas.length;
    keep(id, value, depth);
    return { value, depth };
  }
  for (let i = deltas.length - 1; i >= 0; i--) {
    value = apply(value, deltas[i]!.delta);
    depth += 1;
    keep(deltas[i]!.id, value, depth);
  }
  return { value, depth };
};

/** Texts of versions rebuilt from deltas a page keeps (see `pageTexts`). */
const TEXTS_KEPT = 4;
/**
 * Decoded states of versions a page keeps (version 5 on, see `pageStates`): more than texts,
 * since they share their lists' items (a list delta copies the base's references), so each costs
 * about a pointer an item; an event that cuts many versions visits them by business instant,
 * not in the order their chains were written.
 */
const STATES_KEPT = 256;
/** Streams whose chain verifier a catch-up keeps in memory (see `BoundedLinkCheck`). */
const VERIFIERS_KEPT = 20_000;
/** Items whose head a catch-up keeps (see `heads`). */
const HEADS_KEPT = 100_000;

/** Of the versions an event adds, the open one of the latest business instant. */
const latestOpen = <V extends { readonly validFrom: number; readonly recordedTo: number }>(
  added: ReadonlyArray<V>,
): V | undefined => {
  let found: V | undefined;
  for (const v of added)
    if (v.recordedTo === FOREVER && (found === undefined || v.validFrom > found.validFrom)) found = v;
  return found;
};

/**
 * The `valid_to` of an item's open versions (record interval open) once an event changed them:
 * each the next one's `valid_from`, the last `FOREVER`. `kept`: the live rows still open whose
 * `valid_to` changes (row, new value); `added`: the value of each added version, in order
 * (`FOREVER` for a version whose record interval is closed: it is never read). `floor`: the
 * open versions before it were left out of `live` (see `liveOf`); the one at `floor` is in it
 * and so are all after it, so only the rows from `floor` on can change.
 */
const openValidTo = (
  live: ReadonlyArray<LiveRow>,
  change: Reversioning<unknown>,
  floor: number,
): { kept: Array<[id: number, validTo: number, validFrom: number]>; added: number[] } => {
  const gone = new Set<number>([...change.removed, ...change.ended.map((e) => e.id)]);
  const open: Array<{ validFrom: number; row?: LiveRow; added?: number }> = [];
  for (const row of live)
    if (row.recordedTo === FOREVER && !gone.has(row.id)) open.push({ validFrom: row.validFrom, row });
  for (const [i, v] of change.added.entries())
    if (v.recordedTo === FOREVER) open.push({ validFrom: v.validFrom, added: i });
  open.sort((a, b) => a.validFrom - b.validFrom);
  const kept: Array<[number, number, number]> = [];
  const added = change.added.map(() => FOREVER);
  for (const [j, v] of open.entries()) {
    const to = open[j + 1]?.validFrom ?? FOREVER;
    if (v.row !== undefined) {
      if (v.row.validTo !== to && v.validFrom >= floor) kept.push([v.row.id, to, v.row.validFrom]);
    } else added[v.added!] = to;
  }
  return { kept, added };
};

/**
 * An item's head (see `heads` in `versionTables`) once an event changed its versions: `live`
 * all its versions recorded to after the event's record instant (the others are closed before
 * it), `ids` the rows of the versions added. Undefined: it has no open version.
 */
const headAfter = (
  live: ReadonlyArray<LiveRow>,
  change: Reversioning<unknown>,
  ids: ReadonlyArray<number>,
  recorded: number,
): { id: number; validFrom: number; fastAfter: number } | undefined => {
  const removed = new Set(change.removed);
  const ended = new Map(change.ended.map((e) => [e.id, e.recordedTo]));
  let head: { id: number; validFrom: number } | undefined;
  let fastAfter = recorded;
  const add = (id: number, validFrom: number, recordedFrom: number, recordedTo: number) => {
    if (recordedTo === FOREVER) {
      if (recordedFrom > fastAfter) fastAfter = recordedFrom;
      if (head === undefined || validFrom > head.validFrom) head = { id, validFrom };
    } else if (recordedTo > fastAfter) fastAfter = recordedTo;
  };
  for (const row of live)
    if (!removed.has(row.id))
      add(row.id, row.validFrom, row.recordedFrom, ended.get(row.id) ?? row.recordedTo);
  for (const [i, v] of change.added.entries()) add(ids[i]!, v.validFrom, v.recordedFrom, v.recordedTo);
  // a literal of one shape: a spread gave each of the 100,000 heads kept its own hidden class
  // (about 200 bytes more a head, most of what a rebuild keeps live)
  return head === undefined ? undefined : { id: head.id, validFrom: head.validFrom, fastAfter };
};

/** Thrown inside a page's transaction when another process moved the checkpoint meanwhile. */
class Overtaken extends Error {}

export interface SqliteReadTables extends ReadTables {
  /** The projection version these tables hold (`SQLITE_READ_TABLES_VERSION` unless told otherwise). */
  readonly version: number;
  /**
   * The version the last catch-up left the reads on: `version` once its tables are built, an
   * older version's (caught up) while this one is built beside them.
   */
  readonly reading: () => number;
}

export interface SqliteReadTablesOptions {
  /**
   * While a new version is built beside an older one, the events each catch-up (each read)
   * applies to the new version before the read answers from the older (default 50,000);
   * `rebuild` builds it at once.
   */
  readonly buildStep?: number;
  /** Events applied in one transaction with the checkpoint (default 2,000). */
  readonly batchEvents?: number;
  /**
   * The length (characters of JSON) from which a state of a campaign, workstream or
   * responsibility list is written as a delta against the version before (default 4,096; the
   * tables of versions before 5).
   */
  readonly deltaMin?: number;
  /**
   * From version 5: the number of items its lists hold from which such a state is written as a
   * list delta against the version before (default 32).
   */
  readonly listDeltaMin?: number;
  /**
   * The form in which events are folded (default: as stored). An encrypted ledger's tables fold
   * each personal field as a sealed value (core `sealedEvent`), so no clear value is written.
   */
  readonly foldAs?: (event: StoredEvent) => StoredEvent;
}

/**
 * The read tables of a file this process may not write (opened read-only, or write-protected)
 * are not caught up with its ledger, so they cannot answer; the reads replay instead.
 */
export class ReadTablesBehind extends Error {
  override readonly name = "ReadTablesBehind";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`the read tables of ${path} cannot be caught up (the file is read-only): ${reason}`);
  }
}

/** Whether this connection may write the file (not opened read-only, not write-protected). */
const writable = (db: Database.Database, path: string): boolean => {
  if (db.readonly) return false;
  if (path === ":memory:" || path === "") return true;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

interface VersionTables {
  readonly version: number;
  readonly saved: () => Saved | undefined;
  /** The ledger's last position, and whether rows of it were changed behind the tables' back. */
  readonly ledger: () => { readonly last: bigint | undefined; readonly changed: boolean };
  readonly problems: () => ReadonlyArray<ChainProblem>;
  /** Catch up, at most about `maxEvents` (whole batches); `complete`: up to the ledger's end. */
  readonly catchUp: (
    options?: CatchUpOptions,
    maxEvents?: number,
  ) => Promise<CatchUpReport & { readonly complete: boolean }>;
  readonly clear: () => void;
  readonly markBuilt: () => void;
  readonly states: ReadTables["states"];
  readonly stamp: ReadTables["stamp"];
  readonly taskSummaries: ReadTables["taskSummaries"];
  readonly workstreamSummaries: ReadTables["workstreamSummaries"];
  readonly boardTasks: ReadTables["boardTasks"];
}

const versionTables = (
  db: Database.Database,
  path: string,
  readEvents: Parameters<typeof readAllInPages>[0],
  clock: () => Date,
  version: number,
  batchEvents: number,
  deltas: { readonly text: number; readonly items: number },
  foldAs: ((event: StoredEvent) => StoredEvent) | undefined,
): VersionTables => {
  const names = readTableNames(version);
  const current = hasCurrent(version);
  const deltaMin = deltas.text;
  const listDeltas = hasListDeltas(version);
  let prepared: ReturnType<typeof prepare> | undefined;
  const prepare = () => {
    db.exec(buildSchemaOf(version));
    const s = <P extends unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
    const loadCheckpoint = s<[string], { position: bigint; state: string }>(
      "SELECT position, state FROM checkpoints WHERE name = ?",
    );
    loadCheckpoint.safeIntegers(true);
    const lastKnownBy = s<[number], { position: bigint }>(
      `SELECT position FROM ${names.eventTimes} WHERE recorded <= ? ORDER BY position DESC LIMIT 1`,
    );
    lastKnownBy.safeIntegers(true);
    return {
      lastKnownBy,
      loadCheckpoint,
      saveCheckpoint: s<[string, bigint, string, string]>(
        `INSERT INTO checkpoints (name, position, state, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state,
                                          updated_at = excluded.updated_at`,
      ),
      deleteCheckpoint: s<[string]>("DELETE FROM checkpoints WHERE name = ?"),
      // (see liveOf) the versions recorded to after `recorded`, less the open ones recorded by
      // then that hold before `floor`
      live: s<[{ kind: string; item: string; recorded: number; floor: number }], LiveRow>(
        `SELECT id, valid_from AS validFrom, ${current ? "valid_to" : OPEN} AS validTo,
                recorded_from AS recordedFrom, recorded_to AS recordedTo
         FROM ${names.versions} WHERE kind = @kind AND item = @item AND recorded_to > @recorded
           AND (recorded_to <> ${OPEN} OR recorded_from > @recorded OR valid_from >= @floor)`,
      ),
      // of the open versions recorded by `recorded`, the latest business instant before `occurred`
      liveFloor: s<[string, string, number, number], { floor: number | null }>(
        `SELECT max(valid_from) AS floor FROM ${names.versions}
         WHERE kind = ? AND item = ? AND recorded_to = ${OPEN} AND recorded_from <= ? AND valid_from < ?`,
      ),
      stateOf: s<[number], { state: string; base: number | null }>(
        `SELECT state, ${current ? "base" : "NULL"} AS base FROM ${names.versions} WHERE id = ?`,
      ),
      dependents: current
        ? s<[number], { id: number }>(`SELECT id FROM ${names.versions} WHERE base = ?`)
        : undefined,
      materialize: current
        ? s<[string, number]>(`UPDATE ${names.versions} SET state = ?, base = NULL WHERE id = ?`)
        : undefined,
      insert: s<
        [
          string,
          string,
          string | null,
          number,
          number,
          number,
          number,
          bigint,
          number | null,
          string | null,
          string | null,
          number | null,
          string,
          ...BoardRow,
        ]
      >(
        hasBoard(version)
          ? `INSERT INTO ${names.versions}
               (kind, item, entity, valid_from, valid_to, recorded_from, recorded_to, position, span,
                summary, overdue_from, base, state, status, workstream, stage, lead_unit, due_first, due_last)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
          : hasSpan(version)
            ? // the layout of version 3: the board's columns are bound and left out
              `INSERT INTO ${names.versions}
               (kind, item, entity, valid_from, valid_to, recorded_from, recorded_to, position, span,
                summary, overdue_from, base, state)
             SELECT k, i, e, vf, vt, rf, rt, p, sp, su, od, ba, st FROM (SELECT ? AS k, ? AS i, ? AS e,
               ? AS vf, ? AS vt, ? AS rf, ? AS rt, ? AS p, ? AS sp, ? AS su, ? AS od, ? AS ba, ? AS st,
               ${BOARD_BOUND})`
            : current
              ? // the layout of version 2: span is bound and left out
                `INSERT INTO ${names.versions}
                 (kind, item, entity, valid_from, valid_to, recorded_from, recorded_to, position, summary,
                  overdue_from, base, state)
               SELECT k, i, e, vf, vt, rf, rt, p, su, od, ba, st FROM (SELECT ? AS k, ? AS i, ? AS e,
                 ? AS vf, ? AS vt, ? AS rf, ? AS rt, ? AS p, ? AS sp, ? AS su, ? AS od, ? AS ba, ? AS st,
                 ${BOARD_BOUND})`
              : // the layout of version 1: valid_to, span and summary are bound and left out
                `INSERT INTO ${names.versions}
                 (kind, item, entity, valid_from, recorded_from, recorded_to, position, state)
               SELECT k, i, e, vf, rf, rt, p, st FROM (SELECT ? AS k, ? AS i, ? AS e, ? AS vf, ? AS vt,
                 ? AS rf, ? AS rt, ? AS p, ? AS sp, ? AS su, ? AS od, ? AS ba, ? AS st, ${BOARD_BOUND})`,
      ),
      markBuilt: s<[string]>(
        "UPDATE checkpoints SET state = json_set(state, '$.built', json('true')) WHERE name = ?",
      ),
      end: s<[number, number]>(`UPDATE ${names.versions} SET recorded_to = ? WHERE id = ?`),
      validTo: hasSpan(version)
        ? s<[number, number, number]>(`UPDATE ${names.versions} SET valid_to = ?, span = ? WHERE id = ?`)
        : current
          ? (() => {
              const update = s<[number, number]>(`UPDATE ${names.versions} SET valid_to = ? WHERE id = ?`);
              // version 2 has no span
              return { run: (to: number, _span: number, id: number) => update.run(to, id) };
            })()
          : undefined,
      remove: s<[number]>(`DELETE FROM ${names.versions} WHERE id = ?`),
      time: s<[bigint, number, number, number]>(
        `INSERT INTO ${names.eventTimes} (position, occurred, recorded, known) VALUES (?, ?, ?, ?)`,
      ),
      // the version at (asOf, knownAt) of each item, its state read in the same statement
      states: s<[string, number, number, number], ItemStateRow>(
        `SELECT p.item AS item, v.state AS state, ${current ? "v.base" : "NULL"} AS base FROM (
           SELECT item, max(valid_from) AS valid_from, id FROM ${names.versions}
           WHERE kind = ? AND recorded_from <= ? AND recorded_to > ? AND valid_from <= ? GROUP BY item
         ) p JOIN ${names.versions} v ON v.id = p.id`,
      ),
      statesOfEntity: s<[string, number, number, number, string, string], ItemStateRow>(
        `SELECT p.item AS item, v.state AS state FROM (
           SELECT item, max(valid_from) AS valid_from, id FROM ${names.versions}
           WHERE kind = ? AND recorded_from <= ? AND recorded_to > ? AND valid_from <= ?
             AND item IN (SELECT item FROM ${names.versions} WHERE entity = ? AND kind = ?)
           GROUP BY item
         ) p JOIN ${names.versions} v ON v.id = p.id`,
      ),
      countOccurredAfter: s<[number], { n: number }>(
        `SELECT count(*) AS n FROM ${names.eventTimes} WHERE known = 1 AND occurred > ?`,
      ),
      countRecordedAfter: s<[number], { n: number }>(
        `SELECT count(*) AS n FROM ${names.eventTimes} WHERE known = 1 AND recorded > ?`,
      ),
      countBothAfter: s<[number, number], { n: number }>(
        `SELECT count(*) AS n FROM ${names.eventTimes} WHERE known = 1 AND occurred > ? AND recorded > ?`,
      ),
      hashAt: s<[bigint], { metadata: string }>("SELECT metadata FROM events WHERE global_position = ?"),
      clear: [
        `DELETE FROM ${names.versions}`,
        `DELETE FROM ${names.eventTimes}`,
        `DELETE FROM ${names.problems}`,
        `DELETE FROM ${names.changes}`,
      ],
      changed: s<[], { n: number }>(`SELECT count(*) AS n FROM ${names.changes}`),
      lastPosition: (() => {
        const last = s<[], { last: bigint | null }>("SELECT max(global_position) AS last FROM events");
        last.safeIntegers(true);
        return last;
      })(),
      addProblem: s<[string]>(`INSERT INTO ${names.problems} (problem) VALUES (?)`),
      problems: s<[], { problem: string }>(`SELECT problem FROM ${names.problems} ORDER BY id`),
    };
  };
  /**
   * The reads that name a read index (`INDEXED BY`): prepared once the read indexes exist,
   * which they do once the version is built (created here if a read comes first).
   */
  let preparedNow: ReturnType<typeof prepareNow> | undefined;
  const prepareNow = () => {
    if (!db.readonly) db.exec(readIndexesOf(version));
    const s = <P extends unknown[], R = unknown>(text: string) => db.prepare<P, R>(text);
    if (hasSpan(version)) return prepareSpans();
    return {
      // as known now: the open versions, one per item at any business instant (valid_to)
      statesNow: s<[string, number, number], ItemStateRow>(
        `SELECT item, state, base FROM ${names.versions} INDEXED BY ${names.versions}_open
         WHERE kind = ? AND recorded_to = ${OPEN} AND valid_to > ? AND valid_from <= ?`,
      ),
      // (overdue on: the date, or NULL for every task)
      summaries: s<[number, number, number, string | null, string | null], ItemStateRow>(
        `SELECT p.item AS item, v.summary AS state FROM (
           SELECT item, max(valid_from) AS valid_from, id FROM ${names.versions}
           WHERE kind = 'tasks' AND recorded_from <= ? AND recorded_to > ? AND valid_from <= ? GROUP BY item
         ) p JOIN ${names.versions} v ON v.id = p.id
         WHERE ? IS NULL OR v.overdue_from < ?`,
      ),
      summariesNow: s<[number, number], ItemStateRow>(
        `SELECT item, summary AS state FROM ${names.versions} INDEXED BY ${names.versions}_tasks_now
         WHERE kind = 'tasks' AND recorded_to = ${OPEN} AND valid_to > ? AND valid_from <= ?`,
      ),
      overdueNow: s<[number, number, string], ItemStateRow>(
        `SELECT item, summary AS state FROM ${names.versions} INDEXED BY ${names.versions}_tasks_now
         WHERE kind = 'tasks' AND recorded_to = ${OPEN} AND valid_to > ? AND valid_from <= ?
           AND overdue_from < ?`,
      ),
    };
  };
  /**
   * The reads of `prepareNow` on the tables of version 3 on: "as known now" class by class of
   * span (`spanRanges`), so a read meets about the versions it returns (not, as in version 2,
   * every version ending after the date), with the statements of `prepareNow`'s shape.
   */
  const prepareSpans = () => {
    const s = <P extends unknown[], R = unknown>(text: string) => db.prepare<P, R>(text);
    const statesNow = s<[string, number, number, number, number], ItemStateRow>(
      `SELECT item, state, base FROM ${names.versions} INDEXED BY ${names.versions}_open
       WHERE kind = ? AND recorded_to = ${OPEN} AND span = ? AND valid_to > ? AND valid_to < ? AND valid_from <= ?`,
    );
    // the same for the accidents, from their covering index (version 4 on; never deltas)
    const accidentsNow = hasBoard(version)
      ? s<[string, number, number, number, number], ItemStateRow>(
          `SELECT item, state, NULL AS base FROM ${names.versions} INDEXED BY ${names.versions}_accidents_now
           WHERE kind = 'accidents' AND ? = 'accidents' AND recorded_to = ${OPEN} AND span = ? AND valid_to > ?
             AND valid_to < ? AND valid_from <= ?`,
        )
      : statesNow;
    const summaryNow = s<[string, number, number, number, number], ItemStateRow>(
      `SELECT item, summary AS state FROM ${names.versions} INDEXED BY ${names.versions}_open
       WHERE kind = ? AND recorded_to = ${OPEN} AND span = ? AND valid_to > ? AND valid_to < ? AND valid_from <= ?`,
    );
    const tasksNow = s<[number, number, number, number, string | null, string | null], ItemStateRow>(
      `SELECT item, summary AS state FROM ${names.versions} INDEXED BY ${names.versions}_tasks_now
       WHERE kind = 'tasks' AND recorded_to = ${OPEN} AND span = ? AND valid_to > ? AND valid_to < ?
         AND valid_from <= ? AND (? IS NULL OR overdue_from < ?)`,
    );
    // the same rows as one JSON text, [item, summary, item, summary, …]: one string to convert
    // and one parse for a class instead of two strings and a parse per task
    const tasksNowPacked = s<
      [number, number, number, number, string | null, string | null],
      { packed: string | null }
    >(
      `SELECT '[' || group_concat(json_quote(item) || ',' || summary, ',') || ']' AS packed
       FROM ${names.versions} INDEXED BY ${names.versions}_tasks_now
       WHERE kind = 'tasks' AND recorded_to = ${OPEN} AND span = ? AND valid_to > ? AND valid_to < ?
         AND valid_from <= ? AND (? IS NULL OR overdue_from < ?)`,
    );
    const bySpan = (asOf: number, read: (span: number, after: number, before: number) => ItemStateRow[]) => {
      const rows: ItemStateRow[] = [];
      for (const [span, after, before] of spanRanges(asOf))
        for (const row of read(span, after, before)) rows.push(row);
      return rows;
    };
    return {
      statesNow: {
        all: (kind: string, asOf: number, _asOf: number) =>
          bySpan(asOf, (span, after, before) =>
            (kind === "accidents" ? accidentsNow : statesNow).all(kind, span, after, before, asOf),
          ),
      },
      summaries: s<[number, number, number, string | null, string | null], ItemStateRow>(
        `SELECT p.item AS item, v.summary AS state FROM (
           SELECT item, max(valid_from) AS valid_from, id FROM ${names.versions}
           WHERE kind = 'tasks' AND recorded_from <= ? AND recorded_to > ? AND valid_from <= ? GROUP BY item
         ) p JOIN ${names.versions} v ON v.id = p.id
         WHERE ? IS NULL OR v.overdue_from < ?`,
      ),
      summariesNow: {
        all: (asOf: number, _asOf: number) =>
          bySpan(asOf, (span, after, before) => tasksNow.all(span, after, before, asOf, null, null)),
      },
      overdueNow: {
        all: (asOf: number, _asOf: number, on: string) =>
          bySpan(asOf, (span, after, before) => tasksNow.all(span, after, before, asOf, on, on)),
      },
      /** The tasks' summaries as known now (`on`: only those overdue on it), decoded: [item, summary]. */
      summariesNowDecoded: (asOf: number, on: string | null): Array<[string, TaskSummary]> => {
        const out: Array<[string, TaskSummary]> = [];
        for (const [span, after, before] of spanRanges(asOf)) {
          const { packed } = tasksNowPacked.get(span, after, before, asOf, on, on)!;
          if (packed === null) continue;
          const flat = itemStateJson.decode("tasks", "summaries", packed) as unknown[];
          for (let i = 0; i + 1 < flat.length; i += 2)
            out.push([flat[i] as string, flat[i + 1] as TaskSummary]);
        }
        return out;
      },
      workstreamsNow: {
        all: (asOf: number) =>
          bySpan(asOf, (span, after, before) => summaryNow.all("workstreams", span, after, before, asOf)),
      },
      workstreams: s<[number, number, number], ItemStateRow>(
        `SELECT p.item AS item, v.summary AS state FROM (
           SELECT item, max(valid_from) AS valid_from, id FROM ${names.versions}
           WHERE kind = 'workstreams' AND recorded_from <= ? AND recorded_to > ? AND valid_from <= ? GROUP BY item
         ) p JOIN ${names.versions} v ON v.id = p.id`,
      ),
      board: hasBoard(version) ? prepareBoard() : undefined,
    };
  };

  /**
   * The board's reads as known now (version 4 on), each one statement over the tasks' open
   * versions holding on the date, class by class of span (`spanRanges`, the classes joined by
   * UNION ALL), from the index of the board's columns alone.
   */
  const prepareBoard = () => {
    const bounded = Array.from({ length: BOUNDED_SPANS }, (_, i) => i + 1);
    // a cell's next deadlines: the ranks of each task (of `source`: id, workstream, stage,
    // lead_unit, due_first, straddles) in the whole chart, its workstream, stage and lead unit,
    // and the summaries of those that can be among a cell's first `top`
    const rankedDeadlines = (source: string) => `ranked AS (
           SELECT id, straddles,
                  rank() OVER (PARTITION BY straddles ORDER BY due_first) AS in_all,
                  rank() OVER (PARTITION BY straddles, workstream ORDER BY due_first) AS in_workstream,
                  rank() OVER (PARTITION BY straddles, stage ORDER BY due_first) AS in_stage,
                  rank() OVER (PARTITION BY straddles, lead_unit ORDER BY due_first) AS in_unit
           FROM ${source})
         SELECT v.item AS item, v.summary AS state FROM ranked r JOIN ${names.versions} v ON v.id = r.id
         WHERE r.straddles OR min(r.in_all, r.in_workstream, r.in_stage, r.in_unit) <= @top`;
    const holding = (columns: string, where: string, spans = [...bounded, OPEN_SPAN]) =>
      spans
        .map(
          (n) =>
            `SELECT ${columns} FROM ${names.versions} INDEXED BY ${names.versions}_board_now
             WHERE kind = 'tasks' AND recorded_to = ${OPEN} AND span = ${n} AND valid_to > @asOf${
               n === OPEN_SPAN ? "" : ` AND valid_to < @asOf + ${2 ** n}`
             } AND valid_from <= @asOf AND ${where}`,
        )
        .join("\n UNION ALL\n");
    type At = { asOf: number; on: string };
    const tally = `count(*) AS tasks, coalesce(sum(overdue_from < @on), 0) AS overdue, min(item) AS first`;
    // each task's version at (asOf, knownAt), with its board columns (as the states are picked)
    const pickedAt = `picked AS (
      SELECT v.id, v.item, v.status, v.workstream, v.stage, v.lead_unit, v.overdue_from, v.due_first, v.due_last
      FROM (SELECT item, max(valid_from) AS valid_from, id FROM ${names.versions}
            WHERE kind = 'tasks' AND recorded_from <= @knownAt AND recorded_to > @knownAt AND valid_from <= @asOf
            GROUP BY item) p
      JOIN ${names.versions} v ON v.id = p.id)`;
    return {
      // the assigned tasks counted as the wall chart counts them (overdue on the date: `on`):
      // those of a bounded business interval by class, then those open to the end
      tallies: db.prepare<[At], WallChartTally>(
        `SELECT workstream, stage, lead_unit AS leadUnit, status, ${tally}
         FROM (${holding("item, workstream, stage, lead_unit, status, overdue_from", "status IS NOT NULL", bounded)})
         GROUP BY workstream, stage, lead_unit, status
         UNION ALL
         SELECT workstream, stage, lead_unit AS leadUnit, status, ${tally}
         FROM ${names.versions} INDEXED BY ${names.versions}_board_final
         WHERE kind = 'tasks' AND recorded_to = ${OPEN} AND span = ${OPEN_SPAN} AND status IS NOT NULL
           AND valid_from <= @asOf
         GROUP BY status, workstream, stage, lead_unit`,
      ),
      // the summaries of the tasks that can hold a cell's next deadlines (due on or after the
      // date): every task with a period due before the date and one after (`due_first < on`),
      // and of the others, those with fewer than `top` tasks due first strictly before theirs
      // in the whole chart, their workstream, their stage or their lead unit
      deadlines: db.prepare<[At & { top: number }], ItemStateRow>(
        `WITH holding AS (${holding(
          "id, workstream, stage, lead_unit, due_first, due_first < @on AS straddles",
          "due_last >= @on",
        )}),
         ${rankedDeadlines("holding")}`,
      ),
      // the same as known at a date: each task's version at (asOf, knownAt) picked first
      talliesKnownAt: db.prepare<[At & { knownAt: number }], WallChartTally>(
        `WITH ${pickedAt}
         SELECT workstream, stage, lead_unit AS leadUnit, status, ${tally}
         FROM picked WHERE status IS NOT NULL
         GROUP BY workstream, stage, lead_unit, status`,
      ),
      deadlinesKnownAt: db.prepare<[At & { knownAt: number; top: number }], ItemStateRow>(
        `WITH ${pickedAt},
         ${rankedDeadlines(`(SELECT id, workstream, stage, lead_unit, due_first, due_first < @on AS straddles
                 FROM picked WHERE due_last >= @on)`)}`,
      ),
    };
  };

  /** A read through `prepareNow`'s statements (again, once, if another process dropped the indexes meanwhile). */
  const readNow = <T>(read: (s: ReturnType<typeof prepareNow>) => T): T => {
    sql();
    try {
      preparedNow ??= prepareNow();
      return read(preparedNow);
    } catch (error) {
      if (!/no such index/.test(String((error as Error).message))) throw error;
      preparedNow = prepareNow();
      return read(preparedNow);
    }
  };

  const sql = () => {
    if (!db.open)
      throw new LedgerFailure(toStoreUnavailable(path, "reading the read tables", new Error("closed")));
    prepared ??= prepare();
    return prepared;
  };

  const run = <T>(doing: string, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof LedgerFailure || error instanceof Overtaken) throw error;
      throw new LedgerFailure(toStoreUnavailable(path, doing, error));
    }
  };

  const saved = (): Saved | undefined => {
    const row = sql().loadCheckpoint.get(names.checkpoint);
    if (row === undefined) return undefined;
    const state = JSON.parse(row.state) as {
      readonly known: number;
      readonly built?: boolean;
      readonly epoch?: string;
    };
    return {
      position: row.position,
      known: state.known,
      built: state.built ?? true,
      ...(state.epoch === undefined ? {} : { epoch: state.epoch }),
    };
  };

  /**
   * The latest version read or written of the items an in-order event is likely to touch next,
   * by item: its row id and state (a version's content never changes while its row exists), so
   * an event folds the state its item's last event wrote instead of reading and parsing it
   * again. One state per item and at most `LATEST_KEPT` items (the least recently touched go
   * first), so memory stays bounded however large the states grow. Kept from one catch-up to
   * the next only while the checkpoint is the one this process wrote (`cachedAt`): another
   * process may have changed the tables, and ids are reused after a rebuild.
   */
  type Latest = Map<
    string,
    { readonly id: number; readonly state: unknown; readonly text?: string; readonly depth: number }
  >;
  const latestSmall: Latest = new Map();
  const latestLarge: Latest = new Map();
  /** The growing kinds' latest states apart from the others' (see `LATEST_LARGE_KEPT`). */
  const latest = (kind: ItemKind): Latest => (DELTA_KINDS.has(kind) ? latestLarge : latestSmall);
  const remember = (
    kind: ItemKind,
    item: string,
    id: number,
    state: unknown,
    text: string | undefined,
    depth: number,
  ) => {
    const kept = latest(kind);
    kept.delete(item);
    if (kept.size >= (kept === latestLarge ? LATEST_LARGE_KEPT : LATEST_KEPT))
      kept.delete(kept.keys().next().value!);
    // the text only of the kinds kept as text deltas (the base of the next version's)
    kept.set(
      item,
      DELTA_KINDS.has(kind) && text !== undefined ? { id, state, text, depth } : { id, state, depth },
    );
  };

  /**
   * Of the items touched lately (at most `HEADS_KEPT`), the head: the open version of the
   * latest business instant (its row id and `valid_from`) and `fastAfter`, the latest record
   * instant of any of the item's versions (an open one's `recorded_from`, a closed one's
   * `recorded_to`). An event occurred after the head and recorded from `fastAfter` on comes
   * after every version on both axes (`reversion`'s common case): it steps the head's state,
   * and the item's versions need not be read.
   */
  const heads = new Map<
    string,
    { readonly id: number; readonly validFrom: number; readonly fastAfter: number }
  >();
  /** The checkpoint this process wrote last (its epoch and position): `latest` and `heads` hold while it is the file's. */
  let cachedAt: { readonly epoch: string | undefined; readonly position: bigint } | undefined;
  const forget = () => {
    latestSmall.clear();
    latestLarge.clear();
    heads.clear();
    cachedAt = undefined;
  };
  const setHead = (item: string, head: { id: number; validFrom: number; fastAfter: number } | undefined) => {
    heads.delete(item);
    if (head === undefined) return;
    if (heads.size >= HEADS_KEPT) heads.delete(heads.keys().next().value!);
    heads.set(item, head);
  };

  /**
   * While a page is applied (undefined otherwise): the large texts (deltas' bases) of the
   * versions read lately, at most `TEXTS_KEPT`, by row. An event before many versions of a
   * workstream steps each of them, and each is a delta against the one before or against the
   * same base: each is then rebuilt from a kept text with one delta instead of from its chain's
   * start with up to `DELTA_DEPTH` (megabytes of garbage an event at 1M events). Only inside a
   * page's transaction (no other writer meanwhile); a removed row's text is dropped.
   */
  let pageTexts: Map<number, Kept<string>> | undefined;
  const keepText = (id: number, text: string, depth: number) => {
    if (pageTexts === undefined || text.length < deltaMin) return;
    pageTexts.delete(id);
    if (pageTexts.size >= TEXTS_KEPT) pageTexts.delete(pageTexts.keys().next().value!);
    pageTexts.set(id, { value: text, depth });
  };

  /** The JSON text of a version's state, and the length of its chain of deltas. */
  const textOf = (id: number): { text: string; depth: number } => {
    const { value, depth } = endOfChain(id, sql().stateOf, pageTexts, (state) => state, fromDelta, keepText);
    return { text: value, depth };
  };
  /** A row's state text (`base`: the version its `state` is a delta against). */
  const rowText = (row: ItemStateRow): string =>
    row.base === null || row.base === undefined ? row.state : fromDelta(textOf(row.base).text, row.state);

  /**
   * Of version 5 on, while a page is applied or a read decodes (undefined otherwise): the
   * decoded states of the versions of growing kinds read lately, at most `STATES_KEPT`, by row
   * (as `pageTexts`).
   */
  let pageStates: Map<number, Kept<unknown>> | undefined;
  const keepState = (id: number, state: unknown, depth: number) => {
    if (pageStates === undefined) return;
    pageStates.delete(id);
    if (pageStates.size >= STATES_KEPT) pageStates.delete(pageStates.keys().next().value!);
    pageStates.set(id, { value: state, depth });
  };

  /**
   * A version's decoded state (version 5 on) and the length of its chain of list deltas: the
   * chain's first state decoded, each delta after it applied (`fromListDelta`).
   */
  const stateOfVersion = (kind: ItemKind, item: string, id: number): { state: unknown; depth: number } => {
    const keep = DELTA_KINDS.has(kind) ? keepState : () => {};
    const { value, depth } = endOfChain<unknown>(
      id,
      sql().stateOf,
      pageStates,
      (state) => itemStateJson.decode(kind, item, state),
      (state, delta) => fromListDelta(state, itemStateJson.decode(kind, item, delta)),
      keep,
      (state, chain) =>
        fromListDeltas(
          state,
          chain.map((delta) => itemStateJson.decode(kind, item, delta)),
        ),
    );
    return { state: value, depth };
  };

  /** A row's decoded state (of any version: a text delta before 5, a list delta from 5). */
  const rowState = (kind: ItemKind, row: ItemStateRow): unknown =>
    row.base === null || row.base === undefined
      ? itemStateJson.decode(kind, row.item, row.state)
      : listDeltas
        ? fromListDelta(
            stateOfVersion(kind, row.item, row.base).state,
            itemStateJson.decode(kind, row.item, row.state),
          )
        : itemStateJson.decode(kind, row.item, rowText(row));

  /**
   * The versions of an item an event recorded at `recorded` can change (`reversion`'s `live`):
   * those recorded to after it, less the open versions recorded by then that hold before the
   * latest of them before `occurred` (`floor`, itself kept). Those can change nothing: that
   * latest one holds over them at every record instant the event sees, and their `valid_to`
   * stays. A workstream has about a thousand open versions at 1M events, and an event recorded
   * before its last version's record instant (a record clock set back) read them all.
   */
  const liveOf = (
    kind: ItemKind,
    item: string,
    occurred: number,
    recorded: number,
  ): { readonly rows: ReadonlyArray<LiveRow>; readonly floor: number } => {
    const s = sql();
    const floor = s.liveFloor.get(kind, item, recorded, occurred)?.floor ?? -FOREVER;
    return { rows: s.live.all({ kind, item, recorded, floor }), floor };
  };

  /** Fold one event into the versions of the items it changes; the number of versions added. */
  const applyEvent = (stored: StoredEvent): { known: boolean; added: number } => {
    const meta = foldAs === undefined ? stored : foldAs(stored);
    const s = sql();
    const occurred = occurredInstant(meta.metadata.occurredAt);
    const recorded = recordedInstant(meta.metadata.recordedAt);
    const known = ledgerEvents.has(meta.type);
    s.time.run(meta.position, occurred, recorded, known ? 1 : 0);
    if (!known) return { known, added: 0 };
    let event = ledgerEvents.asCurrent(meta);
    if (event === undefined) {
      const decoded = ledgerEvents.decode(meta);
      // an encrypted ledger's events folded as stored: its personal fields are named as such
      if (E.isLeft(decoded)) throw new LedgerFailure(withEncryptedFields(meta, decoded.left));
      event = decoded.right;
    }
    let added = 0;
    for (const { kind, id } of itemsOf(event, meta)) {
      const item = `${kind}/${id}`;
      const head = heads.get(item);
      // after every version on both axes: the head stands for the item's versions (see `heads`)
      const { rows, floor } =
        head !== undefined && recorded >= head.fastAfter && occurred > head.validFrom
          ? {
              rows: [
                {
                  id: head.id,
                  validFrom: head.validFrom,
                  validTo: FOREVER,
                  recordedFrom: head.fastAfter,
                  recordedTo: FOREVER,
                },
              ],
              floor: -FOREVER,
            }
          : liveOf(kind, id, occurred, recorded);
      const live = rows.map((row) => ({
        ...row,
        state: () => {
          const kept = latest(kind).get(item);
          if (kept?.id === row.id) return kept.state;
          if (listDeltas) {
            const { state, depth } = stateOfVersion(kind, id, row.id);
            remember(kind, item, row.id, state, undefined, depth);
            return state;
          }
          const { text, depth } = textOf(row.id);
          const state = itemStateJson.decode(kind, id, text);
          remember(kind, item, row.id, state, text, depth);
          return state;
        },
      }));
      const change = reversion(live, occurred, recorded, (state) => stepItem(kind, state, event));
      for (const { id: row, recordedTo } of change.ended) s.end.run(recordedTo, row);
      for (const row of change.removed) {
        // the versions written as deltas against it are written whole first
        if (s.dependents !== undefined)
          for (const { id: dependent } of s.dependents.all(row)) {
            s.materialize!.run(
              listDeltas
                ? itemStateJson.encode(stateOfVersion(kind, id, dependent).state)
                : textOf(dependent).text,
              dependent,
            );
            pageTexts?.delete(dependent);
            pageStates?.delete(dependent);
          }
        if (latest(kind).get(item)?.id === row) latest(kind).delete(item);
        pageTexts?.delete(row);
        pageStates?.delete(row);
        s.remove.run(row);
      }
      const validTo = openValidTo(live, change, floor);
      if (s.validTo !== undefined)
        for (const [row, to, from] of validTo.kept) s.validTo.run(to, spanOf(from, to), row);
      const ids: number[] = [];
      for (const [i, v] of change.added.entries()) {
        // a large state of a growing kind: a delta against the item's latest version, if short
        let base: number | null = null;
        let stored: string | undefined;
        let depth = 0;
        const kept = latest(kind).get(item);
        if (
          listDeltas &&
          DELTA_KINDS.has(kind) &&
          kept !== undefined &&
          kept.depth < LIST_DEPTH &&
          !change.removed.includes(kept.id)
        ) {
          const delta = listDeltaOf(kept.state, v.state, deltas.items);
          if (delta !== undefined) {
            base = kept.id;
            stored = itemStateJson.encode(delta);
            depth = kept.depth + 1;
          }
        }
        const text = stored === undefined || !listDeltas ? itemStateJson.encode(v.state) : undefined;
        stored ??= text!;
        if (
          !listDeltas &&
          current &&
          kept?.text !== undefined &&
          text !== undefined &&
          text.length >= deltaMin &&
          kept.depth < DELTA_DEPTH &&
          !change.removed.includes(kept.id)
        ) {
          const delta = deltaOf(kept.text, text);
          if (delta.length * 2 < text.length) {
            base = kept.id;
            stored = delta;
            depth = kept.depth + 1;
          }
        }
        const row = s.insert.run(
          kind,
          id,
          entityOfState(kind, v.state),
          v.validFrom,
          validTo.added[i]!,
          v.recordedFrom,
          v.recordedTo,
          meta.position,
          v.recordedTo === FOREVER ? spanOf(v.validFrom, validTo.added[i]!) : null,
          summaryOf(version, kind, v.state),
          current && kind === "tasks" ? (taskOverdueFrom(v.state as TaskState) ?? null) : null,
          base,
          stored,
          ...boardRowOf(version, kind, v.state),
        ).lastInsertRowid;
        ids.push(Number(row));
        if (listDeltas && DELTA_KINDS.has(kind)) keepState(Number(row), v.state, depth);
        // the open version of the latest business instant is the one the next event steps
        if (v.recordedTo === FOREVER && v === latestOpen(change.added))
          remember(kind, item, Number(row), v.state, listDeltas ? undefined : text, depth);
      }
      setHead(item, headAfter(live, change, ids, recorded));
      added += change.added.length;
    }
    return { known, added };
  };

  /**
   * `work` with `synchronous = NORMAL` (at most): in WAL mode a commit then waits for no fsync,
   * and a power loss can only take the last commits back, never corrupt the file. Right for the
   * read tables, which are rebuilt from the ledger and are committed with their checkpoint (a
   * crash leaves both where they were); the ledger's own appends keep the connection's setting,
   * restored before anything else can run on it (better-sqlite3 is synchronous).
   */
  const withoutSync = <T>(work: () => T): T => {
    const setting = db.pragma("synchronous", { simple: true }) as number;
    if (setting <= 1) return work();
    db.pragma("synchronous = NORMAL");
    try {
      return work();
    } finally {
      db.pragma(`synchronous = ${setting}`);
    }
  };

  /** One page in one transaction with the checkpoint; throws `Overtaken` if it moved meanwhile. */
  const applyPage = (
    page: ReadonlyArray<StoredEvent>,
    from: Saved | undefined,
    problems: ReadonlyArray<ChainProblem>,
  ): Saved & { added: number } => {
    pageTexts = new Map();
    pageStates = new Map();
    try {
      return withoutSync(() =>
        db
          .transaction(() => {
            const now = saved();
            if (now?.position !== from?.position) throw new Overtaken();
            for (const problem of problems) sql().addProblem.run(JSON.stringify(problem));
            let known = from?.known ?? 0;
            let added = 0;
            for (const meta of page) {
              const applied = applyEvent(meta);
              if (applied.known) known += 1;
              added += applied.added;
            }
            const position = page[page.length - 1]!.position;
            const epoch = from?.epoch ?? randomUUID();
            sql().saveCheckpoint.run(
              names.checkpoint,
              position,
              JSON.stringify({ known, built: from?.built ?? false, epoch }),
              clock().toISOString(),
            );
            return { position, known, built: from?.built ?? false, epoch, added };
          })
          .immediate(),
      );
    } finally {
      pageTexts = undefined;
      pageStates = undefined;
    }
  };

  /** Clear the tables and their checkpoint (one transaction). */
  const clear = () =>
    run("clearing the read tables", () =>
      db
        .transaction(() => {
          const s = sql();
          for (const statement of s.clear) db.exec(statement);
          // built again from zero: the read indexes are created once it is built
          db.exec(dropReadIndexesOf(version));
          preparedNow = undefined;
          forget();
          s.deleteCheckpoint.run(names.checkpoint);
        })
        .immediate(),
    );

  const catchUp = async (
    options: CatchUpOptions = {},
    maxEvents = Number.POSITIVE_INFINITY,
  ): Promise<CatchUpReport & { readonly complete: boolean }> => {
    // rows of the ledger were changed or deleted behind its back: start again from zero
    if (run("reading the read tables", () => sql().changed.get()!.n) > 0) clear();
    let from = run("reading the read-table checkpoint", saved);
    // the tables as this process left them, or `latest` and `heads` may not hold
    if (cachedAt === undefined || from?.position !== cachedAt.position || from?.epoch !== cachedAt.epoch)
      forget();
    let events = 0;
    let versions = 0;
    let links = new BoundedLinkCheck(db, from === undefined, from?.position, VERIFIERS_KEPT);
    for (;;) {
      try {
        // store pages gathered into batches of `batchEvents`: one transaction (one fsync) each
        let batch: StoredEvent[] = [];
        let complete = true;
        const apply = () => {
          const known = links.problems.length;
          for (const meta of batch) links.check(meta);
          const found = links.problems.slice(known);
          const page = batch;
          let done: ReturnType<typeof applyPage>;
          try {
            done = run("catching up the read tables", () => applyPage(page, from, found));
          } catch (error) {
            // rolled back: what `latest` and `heads` learnt from the page never was
            forget();
            throw error;
          }
          from = done;
          cachedAt = { epoch: done.epoch, position: done.position };
          events += page.length;
          versions += done.added;
          if (options.onEvent !== undefined) for (const meta of page) options.onEvent(meta.position);
          batch = [];
        };
        pages: for await (const page of readAllInPages(
          readEvents,
          from === undefined ? {} : { after: from.position },
        ))
          for (const meta of page) {
            batch.push(meta);
            if (batch.length < batchEvents) continue;
            apply();
            if (events >= maxEvents) {
              complete = false;
              break pages;
            }
          }
        if (complete && batch.length > 0) apply();
        const brokenLinks = run("reading the read tables", () =>
          sql()
            .problems.all()
            .map((row) => JSON.parse(row.problem) as ChainProblem),
        );
        return { events, position: from?.position, versions, brokenLinks, complete };
      } catch (error) {
        if (!(error instanceof Overtaken)) throw error;
        // another process caught up meanwhile: go on from where it got to (checking links anew)
        from = run("reading the read-table checkpoint", saved);
        links = new BoundedLinkCheck(db, false, from?.position, VERIFIERS_KEPT);
        forget();
      }
    }
  };

  const states = async (
    kind: ItemKind,
    slice: TimeSlice,
    filter: { readonly entity?: string } = {},
  ): Promise<ReadonlyMap<string, unknown>> => {
    const asOf = boundOf(slice.asOf);
    const knownAt = boundOf(slice.knownAt);
    const rows = run(`reading the ${kind} read table`, () => {
      const s = sql();
      return filter.entity !== undefined
        ? s.statesOfEntity.all(kind, knownAt, knownAt, asOf, filter.entity, kind)
        : knownAt === UNBOUNDED && current
          ? readNow((now) => now.statesNow.all(kind, asOf, asOf))
          : s.states.all(kind, knownAt, knownAt, asOf);
    });
    rows.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    const out = new Map<string, unknown>();
    const reading = pageStates === undefined;
    if (reading) pageStates = new Map();
    try {
      for (const row of rows) {
        const state = rowState(kind, row);
        if (filter.entity === undefined || entityOfState(kind, state) === filter.entity)
          out.set(row.item, state);
      }
    } finally {
      if (reading) pageStates = undefined;
    }
    return out;
  };

  const taskSummaries = async (
    slice: TimeSlice,
    filter: { readonly overdueOn?: string } = {},
  ): Promise<ReadonlyMap<string, TaskSummary>> => {
    const asOf = boundOf(slice.asOf);
    const knownAt = boundOf(slice.knownAt);
    const on = filter.overdueOn ?? null;
    if (knownAt === UNBOUNDED) {
      const decoded = run("reading the tasks read table", () =>
        readNow((s) => ("summariesNowDecoded" in s ? s.summariesNowDecoded(asOf, on) : undefined)),
      );
      if (decoded !== undefined) {
        decoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        return new Map(decoded);
      }
    }
    const rows = run("reading the tasks read table", () => {
      return readNow((s) =>
        knownAt !== UNBOUNDED
          ? s.summaries.all(knownAt, knownAt, asOf, on, on)
          : on === null
            ? s.summariesNow.all(asOf, asOf)
            : s.overdueNow.all(asOf, asOf, on),
      );
    });
    rows.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    const out = new Map<string, TaskSummary>();
    for (const row of rows)
      out.set(row.item, itemStateJson.decode("tasks", row.item, row.state) as TaskSummary);
    return out;
  };

  const workstreamSummaries = async (slice: TimeSlice): Promise<ReadonlyMap<string, WorkstreamSummary>> => {
    const asOf = boundOf(slice.asOf);
    const knownAt = boundOf(slice.knownAt);
    const rows = run("reading the workstreams read table", () =>
      readNow((s) => {
        if (!("workstreams" in s)) throw new Error("the tables of this version keep no workstream summaries");
        return knownAt === UNBOUNDED ? s.workstreamsNow.all(asOf) : s.workstreams.all(knownAt, knownAt, asOf);
      }),
    );
    rows.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    const out = new Map<string, WorkstreamSummary>();
    for (const row of rows)
      out.set(row.item, itemStateJson.decode("workstreams", row.item, row.state) as WorkstreamSummary);
    return out;
  };

  /** The board counted in SQL (version 4 on), as known now or at a date. */
  const boardTasks = async (
    slice: TimeSlice & { readonly asOf: string },
  ): Promise<BoardTasks | undefined> => {
    const asOf = boundOf(slice.asOf);
    const knownAt = boundOf(slice.knownAt);
    if (asOf >= UNBOUNDED) return undefined;
    const read = run("reading the tasks read table", () =>
      readNow((s) => {
        const board = "board" in s ? s.board : undefined;
        if (board === undefined) return undefined;
        const at = { asOf, on: slice.asOf };
        if (knownAt !== UNBOUNDED)
          return {
            tallies: board.talliesKnownAt.all({ ...at, knownAt }),
            deadlines: board.deadlinesKnownAt.all({ ...at, knownAt, top: NEXT_DEADLINES }),
          };
        return {
          tallies: board.tallies.all(at),
          deadlines: board.deadlines.all({ ...at, top: NEXT_DEADLINES }),
        };
      }),
    );
    if (read === undefined) return undefined;
    const { tallies } = read;
    // SQLite's min(item) is the least in code points; it is the least as JavaScript compares
    // strings (UTF-16 code units) unless a character from U+D800 on decides: then read the summaries
    if (tallies.some((t) => /[\uD800-\uFFFF]/.test(t.first))) return undefined;
    read.deadlines.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    const deadlineTasks = new Map<string, TaskSummary>();
    for (const row of read.deadlines)
      deadlineTasks.set(row.item, itemStateJson.decode("tasks", row.item, row.state) as TaskSummary);
    return { tallies, deadlineTasks };
  };

  const stamp = async (slice: TimeSlice): Promise<ReadModelStamp> =>
    run("reading the read-table stamp", () => {
      const s = sql();
      const at = saved();
      if (at === undefined) return { position: undefined, lastHash: undefined, events: 0 };
      const asOf = boundOf(slice.asOf);
      const knownAt = boundOf(slice.knownAt);
      const position = knownAt === UNBOUNDED ? at.position : s.lastKnownBy.get(knownAt)?.position;
      // counted from the (few, for recent dates) events after the bounds
      const occurredAfter = asOf === UNBOUNDED ? 0 : s.countOccurredAfter.get(asOf)!.n;
      const recordedAfter = knownAt === UNBOUNDED ? 0 : s.countRecordedAfter.get(knownAt)!.n;
      const both = asOf === UNBOUNDED || knownAt === UNBOUNDED ? 0 : s.countBothAfter.get(asOf, knownAt)!.n;
      const metadata = position === undefined ? undefined : s.hashAt.get(position)?.metadata;
      return {
        position,
        lastHash: metadata === undefined ? undefined : (JSON.parse(metadata) as { hash: string }).hash,
        events: at.known - occurredAfter - recordedAfter + both,
      };
    });

  const markBuilt = () =>
    run("marking the read tables built", () =>
      db
        .transaction(() => {
          sql().markBuilt.run(names.checkpoint);
          db.exec(readIndexesOf(version));
        })
        .immediate(),
    );

  return {
    version,
    saved: () => run("reading the read-table checkpoint", saved),
    ledger: () =>
      run("reading the read tables", () => ({
        last: sql().lastPosition.get()?.last ?? undefined,
        changed: sql().changed.get()!.n > 0,
      })),
    problems: () =>
      run("reading the read tables", () =>
        sql()
          .problems.all()
          .map((row) => JSON.parse(row.problem) as ChainProblem),
      ),
    catchUp,
    clear,
    markBuilt,
    states,
    stamp,
    taskSummaries: current ? taskSummaries : undefined,
    workstreamSummaries: hasSpan(version) ? workstreamSummaries : undefined,
    boardTasks: hasBoard(version) ? boardTasks : undefined,
  };
};

/** The versions whose tables the file holds, newest first. */
const versionsInFile = (db: Database.Database): number[] =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'read_versions_v*'")
      .all() as { name: string }[]
  )
    .map((row) => Number(row.name.slice("read_versions_v".length)))
    .filter((v) => Number.isInteger(v) && v >= 1)
    .sort((a, b) => b - a);

/**
 * The read tables of `version` (`SQLITE_READ_TABLES_VERSION`), blue/green: when the file holds the
 * tables of an older version, caught up, and not yet this version's, this version is built
 * beside them, `buildStep` events at each catch-up (resuming from its checkpoint, so an
 * interrupted build goes on where it stopped), while the reads answer from the older version,
 * caught up with the ledger. Once the new version has caught up the reads move to it, the views
 * are recreated on it, and the older versions' tables are dropped. `rebuild` builds this
 * version from zero at once.
 */
export const createSqliteReadTables = (
  db: Database.Database,
  path: string,
  readEvents: Parameters<typeof readAllInPages>[0],
  clock: () => Date,
  version: number = SQLITE_READ_TABLES_VERSION,
  options: SqliteReadTablesOptions = {},
): SqliteReadTables => {
  const batchEvents = options.batchEvents ?? BATCH;
  const buildStep = options.buildStep ?? 50_000;
  const deltaMin = { text: options.deltaMin ?? 4_096, items: options.listDeltaMin ?? 32 };
  const own = versionTables(db, path, readEvents, clock, version, batchEvents, deltaMin, options.foldAs);
  const older = new Map<number, VersionTables>();
  /** The version the reads answer from (found on first use, set by each catch-up). */
  let readFrom: VersionTables | undefined;
  const reading = (): VersionTables => {
    readFrom ??= own.saved()?.built === true ? own : (olderBuilt() ?? own);
    return readFrom;
  };
  const run = <T>(doing: string, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof LedgerFailure) throw error;
      throw new LedgerFailure(toStoreUnavailable(path, doing, error));
    }
  };

  /** The newest older version whose tables were caught up once, if any. */
  const olderBuilt = (): VersionTables | undefined => {
    for (const v of run("reading the read tables", () => versionsInFile(db))) {
      if (v >= version) continue;
      let tables = older.get(v);
      if (tables === undefined) {
        tables = versionTables(db, path, readEvents, clock, v, batchEvents, deltaMin, options.foldAs);
        older.set(v, tables);
      }
      if (tables.saved()?.built === true) return tables;
    }
    return undefined;
  };

  /** Read from this version: views on its tables, the older versions' tables dropped. */
  const swap = () =>
    run("moving the reads to the new read tables", () => {
      const views = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'list_key_tasks'")
        .get() as { sql: string } | undefined;
      const stale = versionsInFile(db).filter((v) => v < version);
      if (stale.length === 0 && views?.sql.includes(`FROM ${readTableNames(version).versions} `) === true)
        return;
      db.transaction(() => {
        for (const v of stale) db.exec(dropSchema(v));
        db.exec(viewsOf(version));
      }).immediate();
      older.clear();
    });

  /** This version caught up (and marked built): the reads move to it. */
  const onOwn = async (catchUpOptions: CatchUpOptions, before = 0): Promise<CatchUpReport> => {
    const { complete: _complete, ...report } = await own.catchUp(catchUpOptions);
    if (own.saved()?.built === false) own.markBuilt();
    swap();
    readFrom = own;
    return { ...report, events: before + report.events };
  };

  /**
   * On a file this process may not write: the newest version built whose tables are caught up
   * with the ledger answers as it is; none: `ReadTablesBehind`.
   */
  const readOnly = (): CatchUpReport => {
    const inFile = run("reading the read tables", () => versionsInFile(db)).filter((v) => v <= version);
    for (const v of inFile) {
      const tables =
        v === version
          ? own
          : (older.get(v) ??
            versionTables(db, path, readEvents, clock, v, batchEvents, deltaMin, options.foldAs));
      if (v !== version) older.set(v, tables);
      const at = tables.saved();
      if (at?.built !== true) continue;
      const { last, changed } = tables.ledger();
      if (changed || last !== at.position)
        throw new ReadTablesBehind(
          path,
          changed
            ? "rows of the ledger were changed since they were built"
            : `they hold the ledger up to position ${at.position}, it ends at ${last ?? 0}`,
        );
      readFrom = tables;
      return { events: 0, position: at.position, versions: 0, brokenLinks: tables.problems() };
    }
    throw new ReadTablesBehind(path, "they were never built");
  };

  const catchUp = async (catchUpOptions: CatchUpOptions = {}): Promise<CatchUpReport> => {
    if (!writable(db, path)) return readOnly();
    if (own.saved()?.built === true) return onOwn(catchUpOptions);
    const old = olderBuilt();
    if (old === undefined) return onOwn(catchUpOptions);
    // build this version a step further beside the older one, which answers meanwhile
    const step = await own.catchUp({}, buildStep);
    if (step.complete) return onOwn(catchUpOptions, step.events);
    const { complete: _complete, ...report } = await old.catchUp(catchUpOptions);
    readFrom = old;
    return report;
  };

  const rebuild = async (rebuildOptions: CatchUpOptions = {}): Promise<CatchUpReport> => {
    own.clear();
    return onOwn(rebuildOptions);
  };

  return {
    version,
    reading: () => reading().version,
    catchUp,
    rebuild,
    states: (kind, slice, filter) => reading().states(kind, slice, filter),
    stamp: (slice) => reading().stamp(slice),
    taskSummaries: (slice, filter) => {
      const from = reading();
      return from.taskSummaries === undefined
        ? summariesOfStates(from, slice, filter)
        : from.taskSummaries(slice, filter);
    },
    workstreamSummaries: async (slice) => {
      const from = reading();
      return from.workstreamSummaries === undefined
        ? summariesOfWorkstreams(from, slice)
        : from.workstreamSummaries(slice);
    },
    // the tables of a version before 4 cannot count the board: it reads the summaries then
    boardTasks: async (slice) => reading().boardTasks?.(slice),
  };
};

/** Workstream summaries from the states, for the tables of a version that does not keep them (1, 2). */
const summariesOfWorkstreams = async (
  tables: VersionTables,
  slice: TimeSlice,
): Promise<ReadonlyMap<string, WorkstreamSummary>> => {
  const out = new Map<string, WorkstreamSummary>();
  for (const [id, state] of await tables.states("workstreams", slice))
    out.set(id, workstreamSummaryOf(state as WorkstreamState));
  return out;
};

/** Task summaries from the states, for the tables of a version that does not keep them (1). */
const summariesOfStates = async (
  tables: VersionTables,
  slice: TimeSlice,
  filter: { readonly overdueOn?: string } = {},
): Promise<ReadonlyMap<string, TaskSummary>> => {
  const out = new Map<string, TaskSummary>();
  for (const [id, state] of await tables.states("tasks", slice)) {
    const from = taskOverdueFrom(state as TaskState);
    if (filter.overdueOn === undefined || (from !== undefined && from < filter.overdueOn))
      out.set(id, taskSummaryOf(state as TaskState));
  }
  return out;
};
