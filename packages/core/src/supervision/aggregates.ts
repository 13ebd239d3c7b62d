/**
 * The three aggregates of the supervision context. Risks and hazards read their entity's
 * current state (`related`, key `entity`) for the scope checks; a hazard that reopens a closed
 * one also reads that one (key `reopens`).
 */
import type { Aggregate } from "../kernel/aggregate";
import { EventRegistry } from "../kernel/codec-registry";
import { type EntityCommand, entityCommandCodecs } from "./entity/commands";
import { createEntityDecider, defaultEntityConfig, type EntityConfig } from "./entity/decider";
import { type EntityEvent, entityEvents } from "./entity/events";
import type { EntityState } from "./entity/state";
import { type HazardCommand, hazardCommandCodecs } from "./hazard/commands";
import { createHazardDecider, REOPENS_KEY } from "./hazard/decider";
import { type HazardEvent, hazardEvents } from "./hazard/events";
import { defaultHazardConfig, type HazardConfig } from "./hazard/rules";
import type { HazardState } from "./hazard/state";
import { type RiskCommand, riskCommandCodecs } from "./risk/commands";
import { createRiskDecider, ENTITY_KEY } from "./risk/decider";
import { type RiskEvent, riskEvents } from "./risk/events";
import { defaultRiskConfig, type RiskConfig } from "./risk/rules";
import type { RiskState } from "./risk/state";

export const entityStream = (entityId: string): string => `entity-${entityId}`;
export const riskStream = (riskId: string): string => `risk-${riskId}`;
export const hazardStream = (hazardId: string): string => `hazard-${hazardId}`;

export const createEntityAggregate = (
  config: EntityConfig = defaultEntityConfig,
): Aggregate<EntityCommand, EntityState, EntityEvent> => ({
  category: "entity",
  decider: createEntityDecider(config),
  events: entityEvents as EventRegistry<EntityEvent>,
  commands: entityCommandCodecs,
  streamOf: (command) => entityStream(command.data.entityId),
});

export const entityAggregate = createEntityAggregate();

/** The entity a command names, as a related stream (for risks, hazards and accidents). */
export const relatedEntityStream = (entityId: string) => ({
  key: ENTITY_KEY,
  stream: entityStream(entityId),
  aggregate: entityAggregate,
});

export const createRiskAggregate = (
  config: RiskConfig = defaultRiskConfig,
): Aggregate<RiskCommand, RiskState, RiskEvent> => ({
  category: "risk",
  decider: createRiskDecider(config),
  events: riskEvents as EventRegistry<RiskEvent>,
  commands: riskCommandCodecs,
  streamOf: (command) => riskStream(command.data.riskId),
  related: (command) => [relatedEntityStream(command.data.entityId)],
});

export const riskAggregate = createRiskAggregate();

export const createHazardAggregate = (
  config: HazardConfig = defaultHazardConfig,
): Aggregate<HazardCommand, HazardState, HazardEvent> => {
  const aggregate: Aggregate<HazardCommand, HazardState, HazardEvent> = {
    category: "hazard",
    decider: createHazardDecider(config),
    events: hazardEvents as EventRegistry<HazardEvent>,
    commands: hazardCommandCodecs,
    streamOf: (command) => hazardStream(command.data.hazardId),
    related: (command) => [
      relatedEntityStream(command.data.entityId),
      ...(command.type === "RegisterHazard" && command.data.reopens !== undefined
        ? [{ key: REOPENS_KEY, stream: hazardStream(command.data.reopens), aggregate }]
        : []),
    ],
  };
  return aggregate;
};

export const hazardAggregate = createHazardAggregate();

export const supervisionAggregates = [entityAggregate, riskAggregate, hazardAggregate] as const;

export type SupervisionEvent = EntityEvent | RiskEvent | HazardEvent;
export type SupervisionCommand = EntityCommand | RiskCommand | HazardCommand;

/** One registry that decodes every event of the supervision context. */
export const supervisionEvents: EventRegistry<SupervisionEvent> = EventRegistry.merge(
  entityEvents,
  riskEvents,
  hazardEvents,
) as EventRegistry<SupervisionEvent>;
