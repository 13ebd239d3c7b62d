export * from "./aead";
export * from "./field-cipher";
export * from "./hash";
export * from "./signature";
