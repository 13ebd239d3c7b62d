/** Events of a supervised entity stream `entity-<id>` (one row of the real-name list). */
import * as t from "io-ts";
import { defineEvent, type EventOf, EventRegistry } from "../../kernel/codec-registry";
import { ActorRefCodec, DateString, PersonCodec } from "../values";

const on = { on: DateString, by: ActorRefCodec };

export const EntityRegistered = defineEvent(
  "EntityRegistered",
  t.type({
    entityId: t.string,
    name: t.string,
    sector: t.string,
    district: t.string,
    supervisingDepartment: t.string,
    principal: PersonCodec,
    safetyManager: PersonCodec,
    address: t.union([t.string, t.null]),
    creditCode: t.union([t.string, t.null]),
    ...on,
  }),
);
export const EntityActivated = defineEvent("EntityActivated", t.type({ entityId: t.string, ...on }));
export const EntitySuspended = defineEvent(
  "EntitySuspended",
  t.type({ entityId: t.string, reason: t.string, ...on }),
);
export const EntityResumed = defineEvent("EntityResumed", t.type({ entityId: t.string, ...on }));
export const EntityClosed = defineEvent(
  "EntityClosed",
  t.type({ entityId: t.string, reason: t.string, ...on }),
);
export const SafetyManagerChanged = defineEvent(
  "SafetyManagerChanged",
  t.type({ entityId: t.string, from: PersonCodec, to: PersonCodec, reason: t.string, ...on }),
);
export const PrincipalChanged = defineEvent(
  "PrincipalChanged",
  t.type({ entityId: t.string, from: PersonCodec, to: PersonCodec, reason: t.string, ...on }),
);
export const EntityReclassified = defineEvent(
  "EntityReclassified",
  t.type({
    entityId: t.string,
    from: t.type({ sector: t.string, district: t.string }),
    to: t.type({ sector: t.string, district: t.string }),
    reason: t.string,
    ...on,
  }),
);
export const SupervisionTransferred = defineEvent(
  "SupervisionTransferred",
  t.type({ entityId: t.string, from: t.string, to: t.string, reason: t.string, ...on }),
);

/** The entity's own details put right (a misspelt name, a wrong address or credit code). */
const DetailsCodec = t.partial({
  name: t.string,
  address: t.union([t.string, t.null]),
  creditCode: t.union([t.string, t.null]),
});
export const EntityDetailsCorrected = defineEvent(
  "EntityDetailsCorrected",
  t.type({ entityId: t.string, from: DetailsCodec, to: DetailsCodec, reason: t.string, ...on }),
);

export const entityEvents = EventRegistry.of(
  EntityRegistered,
  EntityActivated,
  EntitySuspended,
  EntityResumed,
  EntityClosed,
  SafetyManagerChanged,
  PrincipalChanged,
  EntityReclassified,
  SupervisionTransferred,
  EntityDetailsCorrected,
);
export type EntityEvent =
  | EventOf<typeof EntityDetailsCorrected>
  | EventOf<typeof EntityRegistered>
  | EventOf<typeof EntityActivated>
  | EventOf<typeof EntitySuspended>
  | EventOf<typeof EntityResumed>
  | EventOf<typeof EntityClosed>
  | EventOf<typeof SafetyManagerChanged>
  | EventOf<typeof PrincipalChanged>
  | EventOf<typeof EntityReclassified>
  | EventOf<typeof SupervisionTransferred>;
