export * from "./campaign/index";
export * from "./supervision/index";
export * from "./tables/index";
