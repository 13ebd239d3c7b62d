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
/**
 * The fields a revision and a conclusion of the casualty figures both record, first and in this
 * order: the accident, the figures before and after, the class before and after.
 */
const casualtyFiguresChanged = {
  accidentId: t.string,
  from: CasualtiesCodec,
  to: CasualtiesCodec,
  fromClass: AccidentClassCodec,
  accidentClass: AccidentClassCodec,
};

/** What happened to a person in an accident (死亡, 重伤, 轻伤, 失踪). */
export const CasualtyOutcomeCodec = t.keyof({
  dead: null,
  "seriously-injured": null,
  injured: null,
  missing: null,
});
export type CasualtyOutcome = t.TypeOf<typeof CasualtyOutcomeCodec>;

/**
 * One person killed, injured or missing, as stored: the name and ID number are personal fields
 * (encrypted on an encrypted ledger, so their stored form is not a string there).
 */
export const CasualtyCodec = t.intersection([
  t.type({ name: t.string, outcome: CasualtyOutcomeCodec }),
  t.partial({ idNumber: t.string }),
]);

export const AccidentReported = defineEvent(
  "AccidentReported",
  t.intersection([
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
    t.partial({
      /** The persons killed, injured or missing, by name (absent in reports made before the list existed). */
      casualties: t.array(CasualtyCodec),
    }),
  ]),
);
export const AccidentCasualtiesRevised = defineEvent(
  "AccidentCasualtiesRevised",
  t.intersection([
    t.type({
      ...casualtyFiguresChanged,
      reason: t.string,
      on: DateString,
      by: ActorRefCodec,
    }),
    t.partial({
      /**
       * The revised casualty list, replacing the report's (absent: the list stays as it was, and
       * in revisions made before a list could be revised). Its persons are new data subjects.
       */
      casualties: t.array(CasualtyCodec),
    }),
  ]),
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

/** The report's own fields as a correction may change them (each present only if changed). */
const ReportFieldsCodec = t.partial({
  occurredAt: t.string,
  sector: t.string,
  district: t.string,
  kind: AccidentKindCodec,
  description: t.string,
});

/** A mistake in the report put right: what each corrected field was and is now. */
export const AccidentReportCorrected = defineEvent(
  "AccidentReportCorrected",
  t.type({
    accidentId: t.string,
    from: ReportFieldsCodec,
    to: ReportFieldsCodec,
    /** The 1-hour rule recomputed when the time of the accident changed. */
    lateReport: t.boolean,
    reportDelayMinutes: t.number,
    reason: t.string,
    on: DateString,
    by: ActorRefCodec,
  }),
);

/** A report that should not have been made (a duplicate, not a production-safety accident): it no longer counts. */
export const AccidentReportWithdrawn = defineEvent(
  "AccidentReportWithdrawn",
  t.type({
    accidentId: t.string,
    /** The accident this one duplicates, if that is why. */
    duplicateOf: t.union([t.string, t.null]),
    reason: t.string,
    on: DateString,
    by: ActorRefCodec,
  }),
);

/** Casualty figures set by the investigation's conclusion (after the revision window, the only way). */
export const AccidentCasualtiesConcluded = defineEvent(
  "AccidentCasualtiesConcluded",
  t.type({
    ...casualtyFiguresChanged,
    reportRef: t.string,
    on: DateString,
    by: ActorRefCodec,
  }),
);

export const accidentEvents = EventRegistry.of(
  AccidentReported,
  AccidentCasualtiesRevised,
  AccidentInvestigationConcluded,
  AccidentReportCorrected,
  AccidentReportWithdrawn,
  AccidentCasualtiesConcluded,
);
export type AccidentEvent =
  | EventOf<typeof AccidentReported>
  | EventOf<typeof AccidentCasualtiesRevised>
  | EventOf<typeof AccidentInvestigationConcluded>
  | EventOf<typeof AccidentReportCorrected>
  | EventOf<typeof AccidentReportWithdrawn>
  | EventOf<typeof AccidentCasualtiesConcluded>;
