/**
 * @safety-ledger/sqlite: the embedded default event store, one SQLite file (better-sqlite3,
 * WAL, `synchronous = FULL`). It implements the core's `EventStore` port and passes the
 * testkit's conformance suite; `store.checkpoints` keeps projection checkpoints beside the events.
 *
 *   const store = createSqliteStore({ path: "./safety-ledger.db" });
 */

export type { BatchWritten } from "./append";
export { SqliteCheckpointStore, type SqliteCheckpointStoreOptions } from "./checkpoints";
export { WAL_AUTOCHECKPOINT_PAGES } from "./connection";
export {
  createSqliteReadTables,
  ReadTablesBehind,
  readTableNames,
  readTablesSchema,
  SQLITE_READ_TABLES_VERSION,
  type SqliteReadTables,
  type SqliteReadTablesOptions,
} from "./read-tables";
export { LedgerFileMissingError, SCHEMA_VERSION, SchemaTooNewError } from "./schema";
export { createSqliteStore, type SqliteEventStore, type SqliteStoreOptions } from "./store";
export { SUBJECT_KEY_ERASURES_TABLE, SUBJECT_KEYS_TABLE, sqliteSubjectKeyStore } from "./subject-keys";
