/**
 * @safety-ledger/cli: the `safety-ledger` command, also callable from code.
 */

export { CheckFailed, EXIT, UsageError } from "./errors";
export { type Io, processIo } from "./output";
export { buildProgram, runCli, VERSION } from "./program";
export { DEFAULT_STORE, openStore, parseStoreUrl, type StoreLocation } from "./store-url";
