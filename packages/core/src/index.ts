/**
 * @safety-ledger/core: the pure kernel (deciders, envelopes, the store port, hash chain,
 * codecs, projections, in-memory store) and the work-safety supervision domain.
 */
export * from "./accidents/index";
export * from "./audit/index";
export * from "./campaign/index";
export * from "./catalog";
export * from "./crypto/index";
export * from "./error-catalogue";
export * from "./kernel/index";
export * from "./privacy/index";
export * from "./projections/index";
export * from "./reference/index";
export * from "./supervision/index";
