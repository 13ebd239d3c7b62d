export * from "./merkle";
export * from "./seal";
export * from "./verify";
export * from "./verify-ledger";
