/**
 * The supervision read model: the folded state of every entity, risk, hazard and accident,
 * kept by the same `evolve` functions the deciders use, so the lists can never disagree with
 * what the deciders decide on. Pure and rebuildable; "as of D" is `project(…, { asOf: D })`.
 */
import { type AccidentEvent, accidentEvents } from "../../accidents/events";
import {
  evolveAccident,
  initialAccidentState,
  isReported,
  type ReportedAccident,
} from "../../accidents/state";
import { EventRegistry } from "../../kernel/codec-registry";
import { type Envelope, type Projection, project, type TimeSlice } from "../../kernel/projection";
import { type SupervisionEvent, supervisionEvents } from "../../supervision/aggregates";
import type { EntityEvent } from "../../supervision/entity/events";
import { entityEvents } from "../../supervision/entity/events";
import {
  evolveEntity,
  initialEntityState,
  isRegistered,
  type RegisteredEntity,
} from "../../supervision/entity/state";
import type { HazardEvent } from "../../supervision/hazard/events";
import { hazardEvents } from "../../supervision/hazard/events";
import {
  evolveHazard,
  initialHazardState,
  isHazardRegistered,
  type RegisteredHazard,
} from "../../supervision/hazard/state";
import { type RiskEvent, riskEvents } from "../../supervision/risk/events";
import {
  evolveRisk,
  type IdentifiedRisk,
  initialRiskState,
  isIdentified,
} from "../../supervision/risk/state";

export interface SupervisionModel {
  readonly entities: Readonly<Record<string, RegisteredEntity>>;
  readonly risks: Readonly<Record<string, IdentifiedRisk>>;
  readonly hazards: Readonly<Record<string, RegisteredHazard>>;
  readonly accidents: Readonly<Record<string, ReportedAccident>>;
}

export type SupervisionLedgerEvent = SupervisionEvent | AccidentEvent;

/** Every event the supervision read model reads. */
export const supervisionLedgerEvents: EventRegistry<SupervisionLedgerEvent> = EventRegistry.merge(
  supervisionEvents,
  accidentEvents,
) as EventRegistry<SupervisionLedgerEvent>;

export const emptySupervisionModel: SupervisionModel = {
  entities: {},
  risks: {},
  hazards: {},
  accidents: {},
};

const idOf = (stream: string): string => stream.slice(stream.indexOf("-") + 1);

export const applySupervisionEvent = (
  model: SupervisionModel,
  event: SupervisionLedgerEvent,
  stream: string,
): SupervisionModel => {
  const id = idOf(stream);
  if (entityEvents.has(event.type)) {
    const next = evolveEntity(model.entities[id] ?? initialEntityState, event as EntityEvent);
    return isRegistered(next) ? { ...model, entities: { ...model.entities, [id]: next } } : model;
  }
  if (riskEvents.has(event.type)) {
    const next = evolveRisk(model.risks[id] ?? initialRiskState, event as RiskEvent);
    return isIdentified(next) ? { ...model, risks: { ...model.risks, [id]: next } } : model;
  }
  if (hazardEvents.has(event.type)) {
    const next = evolveHazard(model.hazards[id] ?? initialHazardState, event as HazardEvent);
    return isHazardRegistered(next) ? { ...model, hazards: { ...model.hazards, [id]: next } } : model;
  }
  if (accidentEvents.has(event.type)) {
    const next = evolveAccident(model.accidents[id] ?? initialAccidentState, event as AccidentEvent);
    return isReported(next) ? { ...model, accidents: { ...model.accidents, [id]: next } } : model;
  }
  return model;
};

/** Which record of the model each event type changes (one lookup instead of a test per registry). */
const ENTITY = 0;
const RISK = 1;
const HAZARD = 2;
const ACCIDENT = 3;
const recordOf = new Map<string, number>();
// the first registry that knows a type wins in `applySupervisionEvent`: set in reverse order
for (const [registry, record] of [
  [accidentEvents, ACCIDENT],
  [hazardEvents, HAZARD],
  [riskEvents, RISK],
  [entityEvents, ENTITY],
] as const)
  for (const type of registry.types()) recordOf.set(type, record);

type MutableModel = { -readonly [K in keyof SupervisionModel]: Record<string, SupervisionModel[K][string]> };

/** The same as `applySupervisionEvent`, on a private copy of the model changed in place. */
const applyInPlace = (model: SupervisionModel, event: SupervisionLedgerEvent, stream: string): void => {
  const record = recordOf.get(event.type);
  if (record === undefined) return;
  const m = model as MutableModel;
  const id = idOf(stream);
  switch (record) {
    case HAZARD: {
      const next = evolveHazard(m.hazards[id] ?? initialHazardState, event as HazardEvent);
      if (isHazardRegistered(next)) m.hazards[id] = next;
      return;
    }
    case RISK: {
      const next = evolveRisk(m.risks[id] ?? initialRiskState, event as RiskEvent);
      if (isIdentified(next)) m.risks[id] = next;
      return;
    }
    case ENTITY: {
      const next = evolveEntity(m.entities[id] ?? initialEntityState, event as EntityEvent);
      if (isRegistered(next)) m.entities[id] = next;
      return;
    }
    default: {
      const next = evolveAccident(m.accidents[id] ?? initialAccidentState, event as AccidentEvent);
      if (isReported(next)) m.accidents[id] = next;
    }
  }
};

export const supervisionProjection: Projection<SupervisionModel, SupervisionLedgerEvent> = {
  name: "supervision",
  init: emptySupervisionModel,
  apply: (model, { event, meta }) => applySupervisionEvent(model, event, meta.stream),
  inPlace: {
    copy: (model) => ({
      entities: { ...model.entities },
      risks: { ...model.risks },
      hazards: { ...model.hazards },
      accidents: { ...model.accidents },
    }),
    apply: (model, { event, meta }) => applyInPlace(model, event, meta.stream),
  },
  filter: { streamPrefixes: ["entity-", "risk-", "hazard-", "accident-"] },
};

/** The read model from a sequence of envelopes, optionally as of a date (or a record time). */
export const supervisionModelOf = (
  envelopes: Iterable<Envelope<SupervisionLedgerEvent>>,
  slice?: TimeSlice,
): SupervisionModel => project(supervisionProjection, envelopes, slice);
