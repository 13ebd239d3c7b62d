/** Events of a hidden-hazard stream `hazard-<id>` (one row of the safety hazard list). */
import * as t from "io-ts";
import { defineEvent, type EventOf, EventRegistry } from "../../kernel/codec-registry";
import { ActorRefCodec, DateString } from "../values";

const on = { hazardId: t.string, entityId: t.string, on: DateString, by: ActorRefCodec };

export const HazardSourceCodec = t.keyof({
  "self-inspection": null,
  "government-inspection": null,
  "public-report": null,
});
export type HazardSource = t.TypeOf<typeof HazardSourceCodec>;
export const ProcedureCodec = t.keyof({ general: null, major: null });
/** The five implementations (五落实) of a major hazard's treatment. */
export const ImplementationCodec = t.keyof({
  measures: null,
  responsibility: null,
  funds: null,
  "time-limit": null,
  "contingency-plan": null,
});
export type Implementation = t.TypeOf<typeof ImplementationCodec>;
export const FIVE_IMPLEMENTATIONS: ReadonlyArray<Implementation> = [
  "measures",
  "responsibility",
  "funds",
  "time-limit",
  "contingency-plan",
];
export const EscalationMeasureCodec = t.keyof({
  "supervision-letter": null,
  "public-criticism": null,
  "licence-suspension": null,
});
export const AcceptorKindCodec = t.keyof({ enterprise: null, government: null });
/** The six elements of a major hazard's treatment plan. */
export const TreatmentPlanCodec = t.type({
  objectives: t.string,
  methods: t.string,
  fundsAndMaterials: t.string,
  organisationAndPeople: t.string,
  timeLimit: DateString,
  safetyAndEmergency: t.string,
});
export type TreatmentPlan = t.TypeOf<typeof TreatmentPlanCodec>;

export const HazardRegistered = defineEvent(
  "HazardRegistered",
  t.intersection([
    t.type({
      ...on,
      source: HazardSourceCodec,
      grade: t.string,
      procedure: ProcedureCodec,
      description: t.string,
      location: t.union([t.string, t.null]),
      discoveredOn: DateString,
      deadline: DateString,
      /** The unit that set the deadline (it decides extensions). */
      deadlineSetBy: t.string,
      reportedToDepartment: t.boolean,
      /** The closed hazard this one reopens, if any. */
      reopens: t.union([t.string, t.null]),
    }),
    t.partial({
      /** Entered on behalf of this entity (代录): `by` typed it, the find is the entity's own. */
      enteredOnBehalfOf: t.string,
    }),
  ]),
);
export const HazardRegraded = defineEvent(
  "HazardRegraded",
  t.type({ ...on, from: t.string, to: t.string, procedure: ProcedureCodec, reason: t.string }),
);
/** What was found, or where, put right (a mistake in the record, not a change of the hazard). */
const DescriptionCodec = t.partial({ description: t.string, location: t.union([t.string, t.null]) });
export const HazardDescriptionCorrected = defineEvent(
  "HazardDescriptionCorrected",
  t.type({ ...on, from: DescriptionCodec, to: DescriptionCodec, reason: t.string }),
);
export const MajorHazardReported = defineEvent(
  "MajorHazardReported",
  t.type({ ...on, department: t.string }),
);
export const TreatmentPlanSubmitted = defineEvent(
  "TreatmentPlanSubmitted",
  t.type({ ...on, plan: TreatmentPlanCodec }),
);
export const ImplementationConfirmed = defineEvent(
  "ImplementationConfirmed",
  t.type({ ...on, element: ImplementationCodec, detail: t.string }),
);
export const ProductionSuspendedForHazard = defineEvent(
  "ProductionSuspendedForHazard",
  t.type({
    ...on,
    scope: t.keyof({ full: null, partial: null }),
    workersWithdrawn: t.boolean,
    note: t.string,
  }),
);
export const RemediationStarted = defineEvent("RemediationStarted", t.type(on));
export const HazardRectified = defineEvent("HazardRectified", t.type({ ...on, measures: t.string }));
export const HazardTreatmentEvaluated = defineEvent(
  "HazardTreatmentEvaluated",
  t.type({
    ...on,
    evaluator: t.keyof({ "own-experts": null, agency: null }),
    evaluatorName: t.string,
    conclusion: t.keyof({ effective: null, ineffective: null }),
    reportRef: t.string,
  }),
);
export const HazardAcceptanceApplied = defineEvent(
  "HazardAcceptanceApplied",
  t.type({ ...on, applicationRef: t.string, decisionDueOn: DateString }),
);
/** Accepted and written off (验收销号): the hazard is closed, for good. */
export const HazardAccepted = defineEvent(
  "HazardAccepted",
  t.type({ ...on, acceptedBy: AcceptorKindCodec, decidedLate: t.boolean, note: t.string }),
);
export const HazardAcceptanceRejected = defineEvent(
  "HazardAcceptanceRejected",
  t.type({ ...on, reason: t.string }),
);
export const HazardListed = defineEvent(
  "HazardListed",
  t.type({ ...on, authority: t.string, documentRef: t.string, deadline: t.union([DateString, t.null]) }),
);
export const HazardDeadlineSet = defineEvent(
  "HazardDeadlineSet",
  t.type({ ...on, from: DateString, to: DateString, setBy: t.string }),
);
export const HazardDeadlineExtensionRequested = defineEvent(
  "HazardDeadlineExtensionRequested",
  t.type({ ...on, requested: DateString, reason: t.string }),
);
export const HazardDeadlineExtensionGranted = defineEvent(
  "HazardDeadlineExtensionGranted",
  t.type({ ...on, from: DateString, to: DateString }),
);
export const HazardDeadlineExtensionDenied = defineEvent(
  "HazardDeadlineExtensionDenied",
  t.type({ ...on, reason: t.string }),
);
export const HazardEscalated = defineEvent(
  "HazardEscalated",
  t.type({
    ...on,
    measure: EscalationMeasureCodec,
    documentRef: t.string,
    note: t.string,
    overdue: t.boolean,
  }),
);

export const hazardEvents = EventRegistry.of(
  HazardRegistered,
  HazardRegraded,
  HazardDescriptionCorrected,
  MajorHazardReported,
  TreatmentPlanSubmitted,
  ImplementationConfirmed,
  ProductionSuspendedForHazard,
  RemediationStarted,
  HazardRectified,
  HazardTreatmentEvaluated,
  HazardAcceptanceApplied,
  HazardAccepted,
  HazardAcceptanceRejected,
  HazardListed,
  HazardDeadlineSet,
  HazardDeadlineExtensionRequested,
  HazardDeadlineExtensionGranted,
  HazardDeadlineExtensionDenied,
  HazardEscalated,
);
export type HazardEvent =
  | EventOf<typeof HazardRegistered>
  | EventOf<typeof HazardDescriptionCorrected>
  | EventOf<typeof HazardRegraded>
  | EventOf<typeof MajorHazardReported>
  | EventOf<typeof TreatmentPlanSubmitted>
  | EventOf<typeof ImplementationConfirmed>
  | EventOf<typeof ProductionSuspendedForHazard>
  | EventOf<typeof RemediationStarted>
  | EventOf<typeof HazardRectified>
  | EventOf<typeof HazardTreatmentEvaluated>
  | EventOf<typeof HazardAcceptanceApplied>
  | EventOf<typeof HazardAccepted>
  | EventOf<typeof HazardAcceptanceRejected>
  | EventOf<typeof HazardListed>
  | EventOf<typeof HazardDeadlineSet>
  | EventOf<typeof HazardDeadlineExtensionRequested>
  | EventOf<typeof HazardDeadlineExtensionGranted>
  | EventOf<typeof HazardDeadlineExtensionDenied>
  | EventOf<typeof HazardEscalated>;
