// Read models of the supervision context.
export * from "./model";
export * from "./queries";
