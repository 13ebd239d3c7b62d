export * from "./looks-personal";
export * from "./personal-fields";
export * from "./unclassified";
