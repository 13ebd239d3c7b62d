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

/**
 * The hazard and risk states a private in-place model may change in place: those made for it since its
 * last copy (a copy shares its states with the model it was copied from, so copying a model
 * forgets what it owned). Every other state is replaced, never changed.
 */
const ownership = new WeakMap<SupervisionModel, WeakSet<object>>();
const ownedBy = (model: SupervisionModel): WeakSet<object> => {
  let owned = ownership.get(model);
  if (owned === undefined) {
    owned = new WeakSet();
    ownership.set(model, owned);
  }
  return owned;
};

type MutableHazard = { -readonly [K in keyof RegisteredHazard]: RegisteredHazard[K] };

/**
 * `evolveHazard` for the events that only set fields, done on an owned state in place (the
 * fields and their order end the same). `false`: not done here, evolve as usual.
 */
const evolveHazardInPlace = (state: RegisteredHazard, event: HazardEvent): boolean => {
  const s = state as MutableHazard;
  switch (event.type) {
    case "MajorHazardReported":
      s.status = "Reported";
      s.reportedToDepartment = true;
      return true;
    case "TreatmentPlanSubmitted":
      s.status = "Planned";
      s.plan = event.data.plan;
      return true;
    case "ImplementationConfirmed":
      s.implementations = { ...s.implementations, [event.data.element]: event.data.detail };
      return true;
    case "ProductionSuspendedForHazard":
      s.productionSuspended = true;
      return true;
    case "RemediationStarted":
      s.status = "Remediating";
      return true;
    case "HazardRectified":
      s.status = "Rectified";
      s.rectifier = event.data.by;
      return true;
    case "HazardTreatmentEvaluated":
      s.status = event.data.conclusion === "effective" ? "Evaluated" : "Remediating";
      return true;
    case "HazardAcceptanceApplied":
      s.status = "AcceptanceApplied";
      s.decisionDueOn = event.data.decisionDueOn;
      return true;
    case "HazardAccepted":
      s.status = "Closed";
      s.closedOn = event.data.on;
      s.acceptedBy = event.data.acceptedBy;
      s.productionSuspended = false;
      s.pendingExtension = null;
      return true;
    case "HazardAcceptanceRejected":
      s.status = s.procedure === "major" ? "Remediating" : "Registered";
      s.decisionDueOn = null;
      return true;
    case "HazardDeadlineExtensionDenied":
      s.pendingExtension = null;
      return true;
    case "HazardRegraded":
      s.grade = event.data.to;
      s.procedure = event.data.procedure;
      s.status = event.data.procedure === "major" ? "Reported" : "Registered";
      s.reportedToDepartment = s.reportedToDepartment || event.data.procedure === "major";
      return true;
    case "HazardListed":
      s.listedBy = event.data.authority;
      if (event.data.deadline !== null)
        setDeadline(s, event.data.deadline, event.data.authority, event.data.on);
      return true;
    case "HazardDeadlineSet":
      setDeadline(s, event.data.to, event.data.setBy, event.data.on);
      return true;
    case "HazardDeadlineExtensionRequested":
      s.pendingExtension = { requested: event.data.requested, reason: event.data.reason, on: event.data.on };
      return true;
    case "HazardDeadlineExtensionGranted":
      s.pendingExtension = null;
      setDeadline(s, event.data.to, s.deadlineSetBy, event.data.on);
      return true;
    case "HazardEscalated":
      s.escalations = [
        ...s.escalations,
        { measure: event.data.measure, on: event.data.on, by: event.data.by.unit },
      ];
      return true;
    default:
      return false;
  }
};

const setDeadline = (s: MutableHazard, deadline: string, setBy: string, on: string): void => {
  s.deadline = deadline;
  s.deadlineSetBy = setBy;
  s.deadlines = [...s.deadlines, { deadline, setBy, on }];
};

type MutableRisk = { -readonly [K in keyof IdentifiedRisk]: IdentifiedRisk[K] };

/** `evolveRisk` on an owned state in place, for the events after `RiskIdentified`. */
const evolveRiskInPlace = (state: IdentifiedRisk, event: RiskEvent): boolean => {
  const s = state as MutableRisk;
  switch (event.type) {
    case "RiskAssessed": {
      const a = event.data;
      s.status = "Assessed";
      if (a.stage === "initial") s.initial = a;
      s.residual = a.stage === "residual" ? a : null;
      s.assessments = [...s.assessments, a];
      return true;
    }
    case "RiskControlsSet": {
      const controls = {
        measures: event.data.measures,
        responsiblePerson: event.data.responsiblePerson,
        on: event.data.on,
      };
      s.controls = controls;
      s.controlsHistory = [...s.controlsHistory, controls];
      return true;
    }
    case "RiskRetired":
      s.status = "Retired";
      return true;
    default:
      return false;
  }
};

type MutableModel = { -readonly [K in keyof SupervisionModel]: Record<string, SupervisionModel[K][string]> };

/** The same as `applySupervisionEvent`, on a private copy of the model changed in place. */
const applyInPlace = (model: SupervisionModel, event: SupervisionLedgerEvent, stream: string): void => {
  const record = recordOf.get(event.type);
  if (record === undefined) return;
  const m = model as MutableModel;
  const id = idOf(stream);
  switch (record) {
    case HAZARD: {
      const prev = m.hazards[id];
      const owned = ownedBy(model);
      if (prev !== undefined && owned.has(prev) && evolveHazardInPlace(prev, event as HazardEvent)) return;
      const next = evolveHazard(prev ?? initialHazardState, event as HazardEvent);
      if (isHazardRegistered(next)) {
        m.hazards[id] = next;
        if (next !== prev) owned.add(next);
      }
      return;
    }
    case RISK: {
      const prev = m.risks[id];
      const owned = ownedBy(model);
      if (prev !== undefined && owned.has(prev) && evolveRiskInPlace(prev, event as RiskEvent)) return;
      const next = evolveRisk(prev ?? initialRiskState, event as RiskEvent);
      if (isIdentified(next)) {
        m.risks[id] = next;
        if (next !== prev) owned.add(next);
      }
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
    copy: (model) => {
      // the copy shares the model's states: neither may change them in place from now on
      ownership.delete(model);
      return {
        entities: { ...model.entities },
        risks: { ...model.risks },
        hazards: { ...model.hazards },
        accidents: { ...model.accidents },
      };
    },
    apply: (model, { event, meta }) => applyInPlace(model, event, meta.stream),
  },
  filter: { streamPrefixes: ["entity-", "risk-", "hazard-", "accident-"] },
};

/** The read model from a sequence of envelopes, optionally as of a date (or a record time). */
export const supervisionModelOf = (
  envelopes: Iterable<Envelope<SupervisionLedgerEvent>>,
  slice?: TimeSlice,
): SupervisionModel => project(supervisionProjection, envelopes, slice);
