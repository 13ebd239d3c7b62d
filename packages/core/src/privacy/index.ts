export * from "./free-text";
export * from "./looks-personal";
export * from "./personal-fields";
export * from "./resident-id";
export * from "./unclassified";
