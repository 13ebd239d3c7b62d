/** Commands of the accident aggregate. */
import * as t from "io-ts";
import type { DomainCommand } from "../kernel/decider";
import { Code, Count, DateTimeString, Fen, NonEmptyString } from "../supervision/values";
import { AccidentKindCodec } from "./events";

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
    }),
  ]),
  ReviseAccidentCasualties: t.intersection([
    t.type({ accidentId: Code, deaths: Count, seriousInjuries: Count, reason: NonEmptyString }),
    t.partial({ directLossFen: Fen }),
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
