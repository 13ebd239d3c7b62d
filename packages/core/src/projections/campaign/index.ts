// Read models of the campaign context: one projection, queried "as of" any date.
export * from "./model";
export * from "./queries";
