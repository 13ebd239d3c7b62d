/**
 * The physical schema, which is part of the contract (auditors and DBAs read it directly), and
 * the migrations that bring an older file up to it. `PRAGMA user_version` holds the version a
 * file is at; `schema_meta` records it too, with who created the file and when.
 */
import type Database from "better-sqlite3";

/** The schema version this package writes and reads. */
export const SCHEMA_VERSION = 1;

/** Migration `i` takes a file from version `i` to version `i + 1`. */
const MIGRATIONS: ReadonlyArray<string> = [
  `
  CREATE TABLE IF NOT EXISTS events (
    global_position INTEGER PRIMARY KEY,
    stream_name     TEXT    NOT NULL,
    stream_revision INTEGER NOT NULL,
    event_id        TEXT    NOT NULL UNIQUE,
    event_type      TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL,
    data            TEXT    NOT NULL,
    metadata        TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL,
    UNIQUE (stream_name, stream_revision)
  );
  CREATE INDEX IF NOT EXISTS events_by_type ON events (event_type, global_position);
  CREATE TABLE IF NOT EXISTS checkpoints (
    name       TEXT    PRIMARY KEY,
    position   INTEGER NOT NULL,
    state      TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
  );
  CREATE TABLE IF NOT EXISTS schema_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];

/** Thrown when a file was written by a newer version of this package. */
/** Opening with `create: false` a file that is not there. */
export class LedgerFileMissingError extends Error {
  constructor(readonly path: string) {
    super(`There is no ledger file at ${path}.`);
    this.name = "LedgerFileMissingError";
  }
}

export class SchemaTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly found: number,
  ) {
    super(
      `The ledger file ${path} is at schema version ${found}, newer than the ${SCHEMA_VERSION} this version of @safety-ledger/sqlite understands; upgrade the package.`,
    );
    this.name = "SchemaTooNewError";
  }
}

const userVersion = (db: Database.Database): number => db.pragma("user_version", { simple: true }) as number;

/**
 * Bring the file up to `SCHEMA_VERSION`. Runs in one IMMEDIATE transaction, so two processes
 * opening a new file at once create it once.
 */
export const migrate = (db: Database.Database, now: () => Date = () => new Date()): void => {
  if (userVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    const from = userVersion(db);
    if (from > SCHEMA_VERSION) throw new SchemaTooNewError(db.name, from);
    for (let version = from; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]!);
    const upsert = db.prepare(
      "INSERT INTO schema_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    if (from === 0) {
      upsert.run("created_at", now().toISOString());
      upsert.run("created_by", "@safety-ledger/sqlite");
    }
    upsert.run("schema_version", String(SCHEMA_VERSION));
    upsert.run("migrated_at", now().toISOString());
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
};
