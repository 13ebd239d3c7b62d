// Read models kept as bitemporal tables in a store's database: the pure versioning, the items, the port.
export * from "./items";
export * from "./lists";
export * from "./port";
export * from "./spans";
export * from "./versions";
