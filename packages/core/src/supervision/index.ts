// The supervision context: supervised entities (real-name list), risks, hidden hazards.
export * from "./aggregates";
export * from "./entity/commands";
export * from "./entity/decider";
export * from "./entity/events";
export * from "./entity/state";
export * from "./hazard/commands";
export * from "./hazard/decider";
export * from "./hazard/events";
export * from "./hazard/rules";
export * from "./hazard/state";
export { supervisionPermissions } from "./permissions";
export * from "./risk/commands";
export * from "./risk/decider";
export * from "./risk/events";
export * from "./risk/rules";
export * from "./risk/state";
export * from "./transitions";
export type { ActorRef, Person } from "./values";
export {
  ActorRefCodec,
  Count,
  DateTimeString,
  Fen,
  minusOneYear,
  PersonCodec,
  percentTenths,
  toScaled,
} from "./values";
