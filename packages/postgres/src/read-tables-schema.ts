/**
 * The read tables' schema on PostgreSQL (docs/read-models.md): the bitemporal state versions,
 * the events' instants, the tamper log with its triggers on `events`, the broken links met,
 * and the read-only views named for the lists, with Chinese column comments for BI tools.
 * Named by the tables' version (`POSTGRES_READ_TABLES_VERSION`), so a new version is built
 * beside the old one. Everything here runs on PostgreSQL 12 and later (no identity columns, no
 * `CREATE OR REPLACE TRIGGER`, `EXECUTE PROCEDURE` as derivatives still spell it).
 */
import { READ_TABLE_LISTS, READ_TABLES_VERSION } from "@safety-ledger/core";

/**
 * The version of the tables on PostgreSQL: core's `READ_TABLES_VERSION` (what a version holds,
 * shared with SQLite) plus the changes of the PostgreSQL layout since (1: `span` and the
 * workstreams' summaries, version 3; 2: the tasks' board columns, version 4).
 */
export const POSTGRES_READ_TABLES_VERSION = READ_TABLES_VERSION + 2;

/**
 * Whether a version's tables keep `span`, the class of a current version's business interval
 * (core `spanOf`), and a workstream's summary: version 3 on.
 */
export const hasSpans = (version: number): boolean => version >= 3;

/**
 * Whether a version's task versions keep the columns the wall chart counts by (core
 * `taskBoardColumnsOf`), so the board is counted in SQL (`boardTasks`): version 4 on.
 */
export const hasBoard = (version: number): boolean => version >= 4;

/** The names of one version's tables (the checkpoint is a row of `checkpoints`). */
export const postgresReadTableNames = (version: number) => ({
  versions: `read_versions_v${version}`,
  eventTimes: `read_event_times_v${version}`,
  eventDays: `read_event_days_v${version}`,
  checkpoint: `read-tables-v${version}`,
  changes: `read_changes_v${version}`,
  problems: `read_problems_v${version}`,
  noteChange: `read_changes_v${version}_note`,
  rowTrigger: `read_changes_v${version}_rows`,
  truncateTrigger: `read_changes_v${version}_truncate`,
});

/** The advisory lock a catch-up page (and a clear) of one version holds for its transaction. */
export const readTablesLock = (version: number): number => 7_240_915_100 + version;

/** The open end of a record interval in the tables (`FOREVER`). */
export const OPEN = String(Number.MAX_SAFE_INTEGER);

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The views' names, for the docs and tests. */
export const LIST_VIEWS = READ_TABLE_LISTS.map((list) => list.name);

const TIME_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ["valid_from", "业务生效时间 (UTC 毫秒)"],
  ["recorded_from", "入账时间 (UTC 毫秒)"],
  ["position", "最后改变它的事件位置"],
];

/**
 * Read-only views for BI and report tools: each item's latest version as the ledger knows it
 * now (current record interval, the latest business instant). Dropped and created again with
 * the version they read.
 */
const viewsOf = (version: number): string => {
  const { versions } = postgresReadTableNames(version);
  return READ_TABLE_LISTS.map(({ name, kind, comment: about, columns }) => {
    const selected = columns.map(({ column, path, type }) =>
      type === undefined
        ? `v.state ->> ${quote(path)} AS ${column}`
        : `(v.state ->> ${quote(path)})::${type} AS ${column}`,
    );
    return `
  DROP VIEW IF EXISTS ${name};
  CREATE VIEW ${name} AS
    SELECT DISTINCT ON (v.item) ${selected.join(", ")},
           v.valid_from AS valid_from, v.recorded_from AS recorded_from, v.position AS position
      FROM ${versions} v
     WHERE v.kind = ${quote(kind)} AND v.recorded_to = ${OPEN} AND v.valid_to = ${OPEN}
     ORDER BY v.item, v.valid_from DESC;
  COMMENT ON VIEW ${name} IS ${quote(about)};
  ${[...columns.map(({ column, comment }) => [column, comment] as const), ...TIME_COLUMNS]
    .map(([column, comment]) => `COMMENT ON COLUMN ${name}.${column} IS ${quote(comment)};`)
    .join("\n  ")}`;
  }).join("\n");
};

/**
 * The versions' indexes the reads need and a catch-up does not (an entity's items; the open
 * versions by business interval, for the reads as known now): dropped while a build from zero
 * fills the table, created again when it has caught up (docs/read-models.md). The catch-up's own
 * look-up index (`_times`) stays.
 */
export const readIndexes = (version: number): string => {
  const { versions } = postgresReadTableNames(version);
  // from version 3 by span class first: a class's versions holding on D are one short range of
  // valid_to; and a task's overdue_from in the key, so the overdue list reads the rows of the
  // tasks overdue on D only (compared in code units, as taskOverdueFrom compares)
  const open = hasSpans(version)
    ? `kind, span, valid_to, valid_from, overdue_from COLLATE "C"`
    : "kind, valid_to, valid_from";
  // from version 4 the tasks' open versions with the board's columns in the key: the board
  // counts the versions holding on D from the index alone (an index-only scan once the table
  // is vacuumed), without a row of the table
  const board = hasBoard(version)
    ? `
  CREATE INDEX IF NOT EXISTS ${versions}_board ON ${versions}
    (span, valid_to, valid_from, status, workstream, stage, lead_unit, overdue_from, due_first, due_last, item, id)
    WHERE recorded_to = ${OPEN} AND kind = 'tasks';`
    : "";
  return `
  CREATE INDEX IF NOT EXISTS ${versions}_entity ON ${versions} (entity, kind) WHERE entity IS NOT NULL;
  CREATE INDEX IF NOT EXISTS ${versions}_open ON ${versions} (${open}) WHERE recorded_to = ${OPEN};${board}`;
};

/** The names of the indexes `readIndexes` creates. */
export const readIndexNames = (version: number): ReadonlyArray<string> => {
  const { versions } = postgresReadTableNames(version);
  return [`${versions}_entity`, `${versions}_open`, ...(hasBoard(version) ? [`${versions}_board`] : [])];
};

/**
 * The tables, triggers and views of the versions before `version`: dropped (views with them)
 * once `version` has been built beside them and has caught up.
 */
export const olderVersionsDropped = (version: number): string =>
  Array.from({ length: version - 1 }, (_, i) => {
    const t = postgresReadTableNames(i + 1);
    return `
  DROP TABLE IF EXISTS ${t.versions}, ${t.eventTimes}, ${t.eventDays}, ${t.problems}, ${t.changes} CASCADE;
  DROP TRIGGER IF EXISTS ${t.rowTrigger} ON events;
  DROP TRIGGER IF EXISTS ${t.truncateTrigger} ON events;
  DROP FUNCTION IF EXISTS ${t.noteChange}();
  DELETE FROM checkpoints WHERE name = '${t.checkpoint}';`;
  }).join("");

/** Whether the tables of a version before `version` are there (then its views wait for the swap). */
export const olderVersionPresent = (version: number): string =>
  `SELECT ${
    version <= 1
      ? "false"
      : Array.from(
          { length: version - 1 },
          (_, i) => `to_regclass('${postgresReadTableNames(i + 1).versions}') IS NOT NULL`,
        ).join(" OR ")
  } AS present`;

/** The views on a version's tables, for BI tools (created again at each swap and build). */
export const readViews = (version: number): string => viewsOf(version);

/**
 * The whole schema of one version: idempotent, run under the version's advisory lock. The views
 * are left out (`withViews` false) while an older version's tables serve them: they move to the
 * new version when it has caught up.
 */
export const readTablesSchema = (version: number, withViews = true): string => {
  const t = postgresReadTableNames(version);
  const spans = hasSpans(version);
  const board = hasBoard(version);
  return `
  -- tables of this version built before their versions had valid_to (derived data): built again
  DO $$ BEGIN
    IF to_regclass('${t.versions}') IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = '${t.versions}' AND column_name = 'valid_to'
    ) THEN
      DROP TABLE IF EXISTS ${t.versions}, ${t.eventTimes}, ${t.problems}, ${t.changes} CASCADE;
      DELETE FROM checkpoints WHERE name = '${t.checkpoint}';
    END IF;
  END $$;
  CREATE TABLE IF NOT EXISTS ${t.versions} (
    id            bigserial PRIMARY KEY,
    kind          text   NOT NULL,
    item          text   NOT NULL,
    entity        text,
    valid_from    bigint NOT NULL,
    -- of a version open on the record axis (recorded_to = OPEN): the next open version's
    -- valid_from (OPEN: none), so "as of D, as known now" is one range of an index
    valid_to      bigint NOT NULL,
    recorded_from bigint NOT NULL,
    recorded_to   bigint NOT NULL,
    position      bigint NOT NULL,
    ${
      spans
        ? `-- of an open version, the class of its business interval's length (core spanOf:
    -- 2^(span-1) <= valid_to - valid_from < 2^span; 64: valid_to open), else NULL
    span          smallint,
    `
        : ""
    }-- a task's summary (taskSummaryOf)${spans ? ", a workstream's (workstreamSummaryOf)" : ""}: what the wall chart and the overdue list read
    summary       json,
    -- a task's taskOverdueFrom: overdue on a date after it (NULL: on none)
    overdue_from  text,${
      board
        ? `
    -- of an assigned task (taskBoardColumnsOf; NULL otherwise): what the wall chart counts it
    -- by, and the earliest and latest due dates of its periods not verified (NULL: cancelled,
    -- or none left), which bound the next deadlines it can hold
    status        text,
    workstream    text,
    stage         text,
    lead_unit     text,
    due_first     text,
    due_last      text,`
        : ""
    }
    state         json   NOT NULL
  );
  -- the catch-up's look-up of an item's live versions, and the choice, per item, of the version
  -- at (asOf, knownAt)
  CREATE INDEX IF NOT EXISTS ${t.versions}_times ON ${t.versions} (kind, item, recorded_to, valid_from, recorded_from);
  ${readIndexes(version)}
  COMMENT ON TABLE ${t.versions} IS '读表：每个事项（任务要素、专项、单位、风险、隐患、事故……）的双时态状态版本';
  COMMENT ON COLUMN ${t.versions}.kind IS '类别: tasks, workstreams, campaigns, responsibilityLists, entities, risks, hazards, accidents';
  COMMENT ON COLUMN ${t.versions}.item IS '编号: 要素编码、单位编号、隐患编号……';
  COMMENT ON COLUMN ${t.versions}.entity IS '单位编号: 单位、风险、隐患、事故所属的单位';
  COMMENT ON COLUMN ${t.versions}.valid_from IS '业务生效时间 (UTC 毫秒)，持续到下一版本的 valid_from';
  COMMENT ON COLUMN ${t.versions}.valid_to IS '业务失效时间 (UTC 毫秒)：当前入账版本中下一版本的 valid_from；无下一版本为 ${OPEN}';
  COMMENT ON COLUMN ${t.versions}.summary IS '${spans ? "任务或专项摘要" : "任务摘要"} (JSON)：挂图与逾期清单读取的字段';${
    spans
      ? `
  COMMENT ON COLUMN ${t.versions}.span IS '区间长度级：当前入账版本业务区间长度的级别 n (2^(n-1) <= valid_to - valid_from < 2^n；64：无失效时间)；其他版本为空';`
      : ""
  }
  COMMENT ON COLUMN ${t.versions}.overdue_from IS '任务自该日之后逾期 (YYYY-MM-DD)；空：不逾期';${
    board
      ? `
  COMMENT ON COLUMN ${t.versions}.status IS '已交办任务的状态 (Assigned, InProgress, CompletionReported, Verified, Cancelled)；未交办为空';
  COMMENT ON COLUMN ${t.versions}.workstream IS '已交办任务所属专项';
  COMMENT ON COLUMN ${t.versions}.stage IS '已交办任务所属阶段';
  COMMENT ON COLUMN ${t.versions}.lead_unit IS '已交办任务的牵头单位';
  COMMENT ON COLUMN ${t.versions}.due_first IS '未核验周期中最早的期限 (YYYY-MM-DD)；已取消或无未核验周期为空';
  COMMENT ON COLUMN ${t.versions}.due_last IS '未核验周期中最晚的期限 (YYYY-MM-DD)；已取消或无未核验周期为空';`
      : ""
  }
  COMMENT ON COLUMN ${t.versions}.recorded_from IS '入账时间起 (UTC 毫秒)';
  COMMENT ON COLUMN ${t.versions}.recorded_to IS '入账时间止 (UTC 毫秒)；当前为 ${OPEN}';
  COMMENT ON COLUMN ${t.versions}.position IS '事件位置: 写入该版本的事件的全局位置';
  COMMENT ON COLUMN ${t.versions}.state IS '状态: 事项的状态 (JSON)';
  CREATE TABLE IF NOT EXISTS ${t.eventTimes} (
    position bigint  PRIMARY KEY,
    occurred bigint  NOT NULL,
    recorded bigint  NOT NULL,
    known    boolean NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ${t.eventTimes}_occurred ON ${t.eventTimes} (occurred, recorded) WHERE known;
  CREATE INDEX IF NOT EXISTS ${t.eventTimes}_recorded ON ${t.eventTimes} (recorded) WHERE known;
  COMMENT ON TABLE ${t.eventTimes} IS '读表：每个事件的业务时间与入账时间 (UTC 毫秒)，用于读模型的戳记';${
    spans
      ? `
  -- the known events per UTC day of their business ('o') and record ('r') instants: the stamp
  -- counts the events after a date from the whole days after it and that day's own events
  CREATE TABLE IF NOT EXISTS ${t.eventDays} (
    axis  text   NOT NULL,
    day   bigint NOT NULL,
    known bigint NOT NULL,
    PRIMARY KEY (axis, day)
  );
  COMMENT ON TABLE ${t.eventDays} IS '读表：按 UTC 日计的已知事件数 (o: 业务时间，r: 入账时间)，用于读模型的戳记';`
      : ""
  }
  CREATE TABLE IF NOT EXISTS ${t.changes} (position bigint);
  COMMENT ON TABLE ${t.changes} IS '账本被改动的记录 (UPDATE/DELETE/TRUNCATE events)：下次追赶时从零重建读表';
  CREATE TABLE IF NOT EXISTS ${t.problems} (
    id      bigserial PRIMARY KEY,
    problem text NOT NULL
  );
  COMMENT ON TABLE ${t.problems} IS '追赶时发现的哈希链断裂 (JSON)，每次读取都再次报告';
  CREATE OR REPLACE FUNCTION ${t.noteChange}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      INSERT INTO ${t.changes} (position) VALUES (NULL);
    ELSE
      INSERT INTO ${t.changes} (position) VALUES (OLD.global_position);
    END IF;
    RETURN NULL;
  END
  $$;
  DROP TRIGGER IF EXISTS ${t.rowTrigger} ON events;
  CREATE TRIGGER ${t.rowTrigger} AFTER UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE PROCEDURE ${t.noteChange}();
  DROP TRIGGER IF EXISTS ${t.truncateTrigger} ON events;
  CREATE TRIGGER ${t.truncateTrigger} AFTER TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE PROCEDURE ${t.noteChange}();
  ${withViews ? viewsOf(version) : ""}
  `;
};

/** Whether a version's schema is all there (then opening it changes nothing). */
export const readTablesPresent = (version: number): string => {
  const t = postgresReadTableNames(version);
  return `SELECT to_regclass('${t.versions}') IS NOT NULL AND to_regclass('${t.eventTimes}') IS NOT NULL
     ${hasSpans(version) ? `AND to_regclass('${t.eventDays}') IS NOT NULL` : ""}
     AND EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = current_schema() AND table_name = '${t.versions}' AND column_name = 'valid_to')
     AND to_regclass('${t.changes}') IS NOT NULL AND to_regclass('${t.problems}') IS NOT NULL
     AND (SELECT count(*) FROM pg_trigger WHERE tgrelid = 'events'::regclass
           AND tgname IN ('${t.rowTrigger}', '${t.truncateTrigger}')) = 2 AS present`;
};
