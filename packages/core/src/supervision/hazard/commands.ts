/** Commands of the hidden-hazard aggregate. Every command names the entity, so its scope can be checked. */
import * as t from "io-ts";
import type { DomainCommand } from "../../kernel/decider";
import { Code, DateString, NonEmptyString } from "../values";
import { EscalationMeasureCodec, HazardSourceCodec, ImplementationCodec } from "./events";

const Ids = { hazardId: Code, entityId: Code };

export const TreatmentPlanInputCodec = t.type({
  objectives: NonEmptyString,
  methods: NonEmptyString,
  fundsAndMaterials: NonEmptyString,
  organisationAndPeople: NonEmptyString,
  timeLimit: DateString,
  safetyAndEmergency: NonEmptyString,
});

export const hazardCommandCodecs = {
  RegisterHazard: t.intersection([
    t.type({
      ...Ids,
      source: HazardSourceCodec,
      grade: NonEmptyString,
      description: NonEmptyString,
      discoveredOn: DateString,
      deadline: DateString,
    }),
    t.partial({
      location: t.string,
      reopens: Code,
      /** 代录: a government clerk enters the enterprise's own self-inspection find for it (its entity id). */
      onBehalfOf: Code,
    }),
  ]),
  RegradeHazard: t.type({ ...Ids, grade: NonEmptyString, reason: NonEmptyString }),
  /** Put right what was found or where (give at least one), at any stage, closed included. */
  CorrectHazardDescription: t.intersection([
    t.type({ ...Ids, reason: NonEmptyString }),
    t.partial({ description: NonEmptyString, location: t.string }),
  ]),
  ReportMajorHazard: t.type(Ids),
  SubmitTreatmentPlan: t.type({ ...Ids, plan: TreatmentPlanInputCodec }),
  ConfirmImplementation: t.type({ ...Ids, element: ImplementationCodec, detail: NonEmptyString }),
  SuspendProductionForHazard: t.intersection([
    t.type({ ...Ids, scope: t.keyof({ full: null, partial: null }), workersWithdrawn: t.boolean }),
    t.partial({ note: t.string }),
  ]),
  StartRemediation: t.type(Ids),
  RecordRectification: t.type({ ...Ids, measures: NonEmptyString }),
  EvaluateHazardTreatment: t.type({
    ...Ids,
    evaluator: t.keyof({ "own-experts": null, agency: null }),
    evaluatorName: NonEmptyString,
    conclusion: t.keyof({ effective: null, ineffective: null }),
    reportRef: NonEmptyString,
  }),
  ApplyForHazardAcceptance: t.type({ ...Ids, applicationRef: NonEmptyString }),
  AcceptHazard: t.intersection([t.type(Ids), t.partial({ note: t.string })]),
  RejectHazardAcceptance: t.type({ ...Ids, reason: NonEmptyString }),
  ListHazardForSupervision: t.intersection([
    t.type({ ...Ids, documentRef: NonEmptyString }),
    t.partial({ deadline: DateString }),
  ]),
  SetHazardDeadline: t.type({ ...Ids, deadline: DateString }),
  RequestHazardDeadlineExtension: t.type({ ...Ids, requested: DateString, reason: NonEmptyString }),
  GrantHazardDeadlineExtension: t.intersection([t.type(Ids), t.partial({ deadline: DateString })]),
  DenyHazardDeadlineExtension: t.type({ ...Ids, reason: NonEmptyString }),
  EscalateHazard: t.intersection([
    t.type({ ...Ids, measure: EscalationMeasureCodec, documentRef: NonEmptyString }),
    t.partial({ note: t.string }),
  ]),
};

type Codecs = typeof hazardCommandCodecs;
export type HazardCommand = {
  [K in keyof Codecs]: DomainCommand<K, t.TypeOf<Codecs[K]>>;
}[keyof Codecs];
