/**
 * @safety-ledger/eventstoredb: the ledger's store port on EventStoreDB and KurrentDB, over
 * `@eventstore/db-client` (`esdb://`) or `@kurrent/kurrentdb-client` (`kurrentdb://`). See docs/adapters.md (section "EventStoreDB") for each method's guarantees and
 * the layout of events and metadata in the database.
 */
export { createEventStoreDbStore, type EventStoreDbOptions, type EventStoreDbSource } from "./create";
export { EXCLUDE_SYSTEM_EVENTS, isSystemEvent } from "./filters";
export { type StoredMetadataLayout, toEventData } from "./mapping";
export type { EventStoreDbStore } from "./store";
export {
  eventStoreDbSubjectKeyStore,
  isSubjectKeyStream,
  SUBJECT_KEY_STREAM_PREFIX,
  type SubjectKeyStoreOptions,
} from "./subject-keys";
