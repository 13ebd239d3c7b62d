/**
 * @safety-ledger/testkit: the store conformance suite, the audit conformance suite, decider
 * given/when/then, decider laws and fast-check arbitraries. Depends on vitest (peer) for its
 * assertions.
 */
export * from "./arbitraries";
export * from "./audit-contract";
export * from "./decider-spec";
export * from "./erasure-elsewhere-contract";
export * from "./event-store-contract";
export * from "./events";
export * from "./fixed-store";
export * from "./laws";
export * from "./read-tables-contract";
export * from "./subject-keys-contract";
