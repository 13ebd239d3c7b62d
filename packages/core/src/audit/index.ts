export * from "./as-known-at";
export * from "./export";
export * from "./late-entries";
export * from "./merkle";
export * from "./proof";
export * from "./seal";
export * from "./verify";
export * from "./verify-ledger";
