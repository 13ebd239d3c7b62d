/** Events of a risk stream `risk-<id>` (one row of the safety risk list). */
import * as t from "io-ts";
import { defineEvent, type EventOf, EventRegistry } from "../../kernel/codec-registry";
import { ActorRefCodec, DateString, PersonCodec } from "../values";

const on = { on: DateString, by: ActorRefCodec };
export const RiskLevelCodec = t.keyof({ major: null, larger: null, general: null, low: null });
export const RiskColourCodec = t.keyof({ red: null, orange: null, yellow: null, blue: null });
export const AssessmentStageCodec = t.keyof({ initial: null, residual: null });
/** Who assessed: the enterprise itself, or a government body. */
export const AssessorKindCodec = t.keyof({ enterprise: null, government: null });

export const RiskIdentified = defineEvent(
  "RiskIdentified",
  t.type({
    riskId: t.string,
    entityId: t.string,
    name: t.string,
    location: t.union([t.string, t.null]),
    description: t.union([t.string, t.null]),
    ...on,
  }),
);
export const RiskAssessed = defineEvent(
  "RiskAssessed",
  t.type({
    riskId: t.string,
    entityId: t.string,
    stage: AssessmentStageCodec,
    lec: t.union([
      t.type({ l: t.number, e: t.number, c: t.number, d: t.number, level: RiskLevelCodec }),
      t.null,
    ]),
    matrix: t.union([
      t.type({ likelihood: t.number, severity: t.number, r: t.number, level: RiskLevelCodec }),
      t.null,
    ]),
    level: RiskLevelCodec,
    colour: RiskColourCodec,
    assessedBy: AssessorKindCodec,
    reassessment: t.boolean,
    reason: t.union([t.string, t.null]),
    ...on,
  }),
);
export const RiskControlsSet = defineEvent(
  "RiskControlsSet",
  t.type({
    riskId: t.string,
    entityId: t.string,
    measures: t.array(t.string),
    responsiblePerson: PersonCodec,
    ...on,
  }),
);
export const RiskRetired = defineEvent(
  "RiskRetired",
  t.type({ riskId: t.string, entityId: t.string, reason: t.string, ...on }),
);

export const riskEvents = EventRegistry.of(RiskIdentified, RiskAssessed, RiskControlsSet, RiskRetired);
export type RiskEvent =
  | EventOf<typeof RiskIdentified>
  | EventOf<typeof RiskAssessed>
  | EventOf<typeof RiskControlsSet>
  | EventOf<typeof RiskRetired>;
export type RiskAssessment = EventOf<typeof RiskAssessed>["data"];
