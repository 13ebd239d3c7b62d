/** Commands of the accident aggregate. */
import * as t from "io-ts";
import type { DomainCommand } from "../kernel/decider";
import { reason } from "../kernel/input-issue-texts";
import { issueFailure } from "../kernel/io";
import { isResidentIdNumber } from "../privacy/resident-id";
import { Code, Count, DateTimeString, Fen, NonEmptyString } from "../supervision/values";
import { AccidentKindCodec, CasualtyOutcomeCodec } from "./events";

/** An 18-digit resident ID number of GB 11643-1999: a real birth date and the check character. */
const ResidentIdNumber = new t.Type<string, string, unknown>(
  "ResidentIdNumber",
  (u): u is string => typeof u === "string" && isResidentIdNumber(u),
  (u, c) =>
    typeof u === "string" && isResidentIdNumber(u)
      ? t.success(u)
      : issueFailure(u, c, reason("INPUT_NOT_A_RESIDENT_ID", {})),
  t.identity,
);

/** One person killed, injured or missing, as a report gives them (name and ID number are personal). */
const CasualtyInput = t.intersection([
  t.type({ name: NonEmptyString, outcome: CasualtyOutcomeCodec }),
  t.partial({ idNumber: ResidentIdNumber }),
]);

export const accidentCommandCodecs = {
  ReportAccident: t.intersection([
    t.type({
      accidentId: Code,
      occurredAt: DateTimeString,
      deaths: Count,
      seriousInjuries: Count,
      directLossFen: Fen,
      description: NonEmptyString,
    }),
    t.partial({
      /** The entity, or leave out / null for an accident outside the real-name list. */
      entityId: t.union([Code, t.null]),
      /** Required without an entity; with one, taken from it (and must match if given). */
      sector: NonEmptyString,
      district: NonEmptyString,
      /** When the report reached the government; defaults to the command's time. */
      reportedAt: DateTimeString,
      kind: AccidentKindCodec,
      lateReason: NonEmptyString,
      /**
       * The persons killed, injured or missing, by name, so names need not go into the
       * description; it names at most `deaths` dead and `seriousInjuries` seriously injured.
       */
      casualties: t.array(CasualtyInput),
    }),
  ]),
  ReviseAccidentCasualties: t.intersection([
    t.type({ accidentId: Code, deaths: Count, seriousInjuries: Count, reason: NonEmptyString }),
    /** `casualties`: a new casualty list, replacing the report's (within the revised figures). */
    t.partial({ directLossFen: Fen, casualties: t.array(CasualtyInput) }),
  ]),
  ConcludeAccidentInvestigation: t.intersection([
    t.type({
      accidentId: Code,
      reportRef: NonEmptyString,
      cause: NonEmptyString,
      liability: t.boolean,
    }),
    t.partial({
      /** The figures the investigation established, if they differ from the reported ones. */
      casualties: t.intersection([
        t.type({ deaths: Count, seriousInjuries: Count }),
        t.partial({ directLossFen: Fen }),
      ]),
    }),
  ]),
  /** Put right a mistake in the report (give at least one field); casualties are revised, not corrected. */
  CorrectAccidentReport: t.intersection([
    t.type({ accidentId: Code, reason: NonEmptyString }),
    t.partial({
      occurredAt: DateTimeString,
      sector: NonEmptyString,
      district: NonEmptyString,
      kind: AccidentKindCodec,
      description: NonEmptyString,
    }),
  ]),
  /** Withdraw a report that should not have been made (a duplicate): it no longer counts. */
  WithdrawAccidentReport: t.intersection([
    t.type({ accidentId: Code, reason: NonEmptyString }),
    t.partial({ duplicateOf: Code }),
  ]),
};

type Codecs = typeof accidentCommandCodecs;
export type AccidentCommand = {
  [K in keyof Codecs]: DomainCommand<K, t.TypeOf<Codecs[K]>>;
}[keyof Codecs];
