/**
 * @safety-ledger/postgres: the production event store on PostgreSQL (node-postgres). It
 * implements the core's `EventStore` port and passes the testkit's conformance and audit
 * suites; `store.checkpoints` keeps projection checkpoints beside the events, and
 * `store.readTables` the read models as bitemporal tables (docs/read-models.md).
 *
 *   const store = await createPostgresStore({ connectionString: "postgres://…/ledger" });
 *   const store = await createPostgresStore({ pool }); // a pg.Pool of your own
 */
export { PostgresCheckpointStore } from "./checkpoints";
export type { PostgresReadTables } from "./read-tables";
export { LIST_VIEWS, POSTGRES_READ_TABLES_VERSION, postgresReadTableNames } from "./read-tables-schema";
export { MIGRATIONS, SCHEMA_VERSION, SchemaTooNewError } from "./schema";
export { createPostgresStore, type PostgresEventStore, type PostgresStoreOptions } from "./store";
export { POSTGRES_SUBJECT_KEYS_TABLE, postgresSubjectKeyStore } from "./subject-keys";
