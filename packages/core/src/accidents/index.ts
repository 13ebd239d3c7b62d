// The accidents context: reports, Decree 493 classification, casualty revisions, investigation.
export * from "./aggregate";
export * from "./commands";
export * from "./decider";
export * from "./events";
export * from "./permissions";
export * from "./rules";
export * from "./state";
