export * from "./campaign/index";
export * from "./supervision/index";
