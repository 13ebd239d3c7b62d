/** Events of an accident stream `accident-<id>`. */
import * as t from "io-ts";
import { defineEvent, type EventOf, EventRegistry } from "../kernel/codec-registry";
import { ActorRefCodec, DateString } from "../supervision/values";

export const AccidentClassCodec = t.keyof({
  "especially-serious": null,
  serious: null,
  larger: null,
  general: null,
});
export const AccidentKindCodec = t.keyof({ "road-traffic": null, fire: null, other: null });
const CasualtiesCodec = t.type({ deaths: t.number, seriousInjuries: t.number, directLossFen: t.number });

export const AccidentReported = defineEvent(
  "AccidentReported",
  t.type({
    accidentId: t.string,
    entityId: t.union([t.string, t.null]),
    /** The entity's supervising department when reported (null without an entity). */
    supervisingDepartment: t.union([t.string, t.null]),
    sector: t.string,
    district: t.string,
    kind: AccidentKindCodec,
    description: t.string,
    occurredAt: t.string,
    reportedAt: t.string,
    deaths: t.number,
    seriousInjuries: t.number,
    directLossFen: t.number,
    accidentClass: AccidentClassCodec,
    lateReport: t.boolean,
    reportDelayMinutes: t.number,
    lateReason: t.union([t.string, t.null]),
    on: DateString,
    by: ActorRefCodec,
  }),
);
export const AccidentCasualtiesRevised = defineEvent(
  "AccidentCasualtiesRevised",
  t.type({
    accidentId: t.string,
    from: CasualtiesCodec,
    to: CasualtiesCodec,
    fromClass: AccidentClassCodec,
    accidentClass: AccidentClassCodec,
    reason: t.string,
    on: DateString,
    by: ActorRefCodec,
  }),
);
export const AccidentInvestigationConcluded = defineEvent(
  "AccidentInvestigationConcluded",
  t.type({
    accidentId: t.string,
    reportRef: t.string,
    cause: t.string,
    liability: t.boolean,
    on: DateString,
    by: ActorRefCodec,
  }),
);

export const accidentEvents = EventRegistry.of(
  AccidentReported,
  AccidentCasualtiesRevised,
  AccidentInvestigationConcluded,
);
export type AccidentEvent =
  | EventOf<typeof AccidentReported>
  | EventOf<typeof AccidentCasualtiesRevised>
  | EventOf<typeof AccidentInvestigationConcluded>;
