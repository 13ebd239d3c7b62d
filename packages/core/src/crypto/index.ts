export * from "./hash";
export * from "./signature";
