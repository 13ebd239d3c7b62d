/**
 * The physical schema, part of the contract (auditors and DBAs read it directly), and the
 * versioned migrations that bring a database up to it. All SQL here runs on PostgreSQL 12 and
 * later. Data and metadata are `json`, never `jsonb`: `json` keeps the text as written, so the
 * bytes read back are the bytes that were hashed (jsonb reorders keys and rewrites numbers).
 */
import type { PoolClient } from "pg";

/** The schema version this package writes and reads. */
export const SCHEMA_VERSION = 2;

/** Advisory lock keys (scoped to the database by PostgreSQL). */
export const MIGRATION_LOCK = 7_240_915_001;
export const APPEND_LOCK = 7_240_915_002;

/** The channel appends notify with their last position (never event data). */
export const NOTIFY_CHANNEL = "safety_ledger_events";

/**
 * One row per server connection that last flushed appends with the lock released before the
 * flush (`append.ts`): the synchronous transaction that rewrites it is what gets flushed.
 */
export const FLUSH_TABLE = "append_flushes";

/** Migration `i` takes a database from version `i` to version `i + 1`. */
export const MIGRATIONS: ReadonlyArray<string> = [
  `
  CREATE TABLE IF NOT EXISTS events (
    global_position bigint  PRIMARY KEY,
    stream_name     text    NOT NULL,
    stream_revision integer NOT NULL,
    event_id        text    NOT NULL,
    event_type      text    NOT NULL,
    schema_version  integer NOT NULL,
    data            json    NOT NULL,
    metadata        json    NOT NULL,
    recorded_at     text    NOT NULL,
    CONSTRAINT events_stream_revision_key UNIQUE (stream_name, stream_revision),
    CONSTRAINT events_event_id_key UNIQUE (event_id)
  );
  CREATE INDEX IF NOT EXISTS events_by_type ON events (event_type, global_position);
  CREATE TABLE IF NOT EXISTS checkpoints (
    name       text        PRIMARY KEY,
    position   bigint      NOT NULL,
    state      json        NOT NULL,
    updated_at timestamptz NOT NULL
  );
  `,
  `
  CREATE TABLE IF NOT EXISTS append_flushes (
    backend integer PRIMARY KEY
  );
  `,
];

/** Thrown when the database was migrated by a newer version of this package. */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `The ledger database is at schema version ${found}, newer than the ${SCHEMA_VERSION} this version of @safety-ledger/postgres understands; upgrade the package.`,
    );
    this.name = "SchemaTooNewError";
  }
}

/**
 * Bring the database up to `SCHEMA_VERSION`: one transaction under its own advisory lock, so
 * several processes starting at once migrate it once, and a failed migration leaves nothing.
 */
export const migrate = async (client: PoolClient): Promise<void> => {
  await client.query("BEGIN");
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer     PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now(),
      applied_by text        NOT NULL
    )`);
    const { rows } = await client.query<{ version: number | null }>(
      "SELECT max(version) AS version FROM schema_migrations",
    );
    const from = rows[0]?.version ?? 0;
    if (from > SCHEMA_VERSION) throw new SchemaTooNewError(from);
    for (let version = from; version < SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version]!);
      await client.query("INSERT INTO schema_migrations (version, applied_by) VALUES ($1, $2)", [
        version + 1,
        "@safety-ledger/postgres",
      ]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
};
