/**
 * Erasure of a data subject's personal information (docs/privacy.md): a lawful destruction at
 * the end of a record's retention, approved with an archive appraisal by two units. The
 * `ErasePersonalData` command appends `PersonalDataErased` (who, when, why: no personal
 * information) on the stream `erasure-<subject>`, and `erasePersonalData` then destroys the
 * subject's key, so every value encrypted under it reads as erased while chains, seals and
 * proofs still verify. Retention rules per record class are data (`RETENTION_RULES`).
 */

import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { ActorRefCodec } from "../kernel/actor-ref";
import { type Aggregate, type CommandEnvelope, decodeCommand } from "../kernel/aggregate";
import { businessDate } from "../kernel/calendar";
import { defineEvent, EventRegistry } from "../kernel/codec-registry";
import type { CommandHandler, CommandOutcome } from "../kernel/command-handler";
import type { Decider } from "../kernel/decider";
import { categoryOf } from "../kernel/envelope";
import { errorsOf } from "../kernel/error-texts";
import type { LedgerError } from "../kernel/errors";
import type { EventStore } from "../kernel/event-store";
import { checkRole, type PermissionRule } from "../kernel/permissions";
import { NonEmptyString } from "../kernel/values";
import { PRIVACY_ERROR_TEXTS } from "./privacy-error-texts";
import { streamOfSubject } from "./subject-ids";
import type { SubjectKeyStore } from "./subject-keys";

const { error: privacyError } = errorsOf(PRIVACY_ERROR_TEXTS);

/**
 * How long each class of record is kept before its personal information may be destroyed, in
 * whole years counted from 1 January of the year after the record's last entry (the way
 * retention terms of archives are counted). Configurable defaults, not legal advice: the terms
 * of the State Archives Administration's Order No. 8 (2006) are permanent, 30 years and 10
 * years; a deployment's archives office sets its own per its retention schedule.
 */
export interface RetentionRule {
  readonly recordClass: string;
  /** Stream categories whose records are of this class. */
  readonly categories: ReadonlyArray<string>;
  readonly years: number;
  readonly description: string;
}

export const RETENTION_RULES: ReadonlyArray<RetentionRule> = [
  {
    recordClass: "supervision-file",
    categories: ["entity", "risk", "hazard"],
    years: 10,
    description: "supervision files (监管档案): entities, risks, hazards — 定期 10 年",
  },
  {
    recordClass: "accident-file",
    categories: ["accident"],
    years: 30,
    description: "accident files (事故档案) — 定期 30 年",
  },
];

/** The rule of the record (stream) a subject belongs to. */
export const retentionRuleOf = (
  stream: string,
  rules: ReadonlyArray<RetentionRule> = RETENTION_RULES,
): RetentionRule | undefined => rules.find((r) => r.categories.includes(categoryOf(stream)));

/** The day retention ends: 1 January of the year after the last entry, plus the rule's years. */
export const retentionEndsOn = (rule: RetentionRule, lastEntryOn: string): string =>
  `${String(Number(lastEntryOn.slice(0, 4)) + 1 + rule.years).padStart(4, "0")}-01-01`;

const UnitsCodec = t.refinement(
  t.tuple([NonEmptyString, NonEmptyString]),
  ([a, b]) => a.trim() !== b.trim(),
  "TwoDistinctUnits",
);

const EraseCodec = t.type({
  /** The subject id, `<stream>/<kind>` (`privacy subjects` lists them). */
  subject: NonEmptyString,
  /** The legal basis, e.g. PIPL art. 47(1)(2) and the retention schedule's item. */
  legalBasis: NonEmptyString,
  /** The archive appraisal's reference (档案鉴定意见书 number). */
  appraisalReference: NonEmptyString,
  /** The two units that approved the destruction (distinct). */
  approvingUnits: UnitsCodec,
});

const ErasedCodec = t.type({
  subject: t.string,
  recordClass: t.string,
  legalBasis: t.string,
  appraisalReference: t.string,
  approvingUnits: t.tuple([t.string, t.string]),
  retentionEndedOn: t.string,
  /** The day of the erasure. */
  on: t.string,
  by: ActorRefCodec,
});

export const PersonalDataErased = defineEvent("PersonalDataErased", ErasedCodec);
export const erasureEvents = EventRegistry.of(PersonalDataErased);

export type ErasureCommand = {
  readonly type: "ErasePersonalData";
  readonly data: t.TypeOf<typeof EraseCodec> & {
    /** Filled by `erasePersonalData` from the record's last entry and the retention rule. */
    readonly recordClass?: string;
    readonly retentionEndedOn?: string;
  };
};
export type ErasureEvent = {
  readonly type: "PersonalDataErased";
  readonly data: t.TypeOf<typeof ErasedCodec>;
};
export type ErasureState = { readonly erased: false } | { readonly erased: true; readonly on: string };

export const erasurePermissions: ReadonlyArray<PermissionRule> = [
  {
    command: "ErasePersonalData",
    roles: ["office", "lead-group"],
    condition:
      "two distinct approving units and an archive appraisal; only after the retention of the record's class has ended (RETENTION_RULES); once per subject",
  },
];

export const erasureDecider: Decider<ErasureCommand, ErasureState, ErasureEvent> = {
  initialState: { erased: false },
  decide: (command, state, context) => {
    const allowed = checkRole(erasurePermissions, command.type, context);
    if (E.isLeft(allowed)) return allowed;
    const { subject, legalBasis, appraisalReference, approvingUnits, recordClass, retentionEndedOn } =
      command.data;
    if (state.erased)
      return E.left(privacyError("PERSONAL_DATA_ERASED", { subject, on: state.on }, "subject"));
    if (recordClass === undefined || retentionEndedOn === undefined)
      return E.left(privacyError("ERASURE_NEEDS_RETENTION", { subject }, "subject"));
    return E.right([
      {
        type: "PersonalDataErased",
        data: {
          subject,
          recordClass,
          legalBasis,
          appraisalReference,
          approvingUnits: [approvingUnits[0], approvingUnits[1]],
          retentionEndedOn,
          on: businessDate(context.occurredAt),
          by: { unit: context.actor.unit, role: context.actor.role, person: context.actor.person },
        },
      },
    ]);
  },
  evolve: (_state, event) => ({ erased: true, on: event.data.on }),
};

export const erasureStream = (subject: string): string => `erasure-${subject}`;

export const erasureAggregate: Aggregate<ErasureCommand, ErasureState, ErasureEvent> = {
  category: "erasure",
  decider: erasureDecider,
  events: erasureEvents as EventRegistry<ErasureEvent>,
  commands: { ErasePersonalData: EraseCodec } as never,
  streamOf: (command) => erasureStream(command.data.subject),
};

export interface ErasureOptions {
  readonly rules?: ReadonlyArray<RetentionRule>;
  /** Destroys the key (a `Privacy`'s `destroy`, which also forgets it in that process). */
  readonly destroy?: (subject: string, at: string) => Promise<void>;
}

/**
 * Erase a subject: check that the key store knows it and that its record's retention has ended
 * (by the command's date), append `PersonalDataErased`, then destroy the key. Run again after a
 * failure between the two, it destroys the key of a subject already recorded as erased.
 */
export const erasePersonalData = async (
  store: EventStore,
  keys: SubjectKeyStore,
  handle: CommandHandler,
  envelope: CommandEnvelope<ErasureCommand>,
  options: ErasureOptions = {},
): Promise<E.Either<LedgerError, CommandOutcome<ErasureEvent>>> => {
  // The command as its decoder would take it (two distinct approving units, a legal basis …):
  // a caller's typed command is not trusted to hold the rules its codec holds.
  const decoded = decodeCommand(erasureAggregate, envelope.command.type, envelope.command.data);
  if (E.isLeft(decoded)) return decoded;
  const { subject } = envelope.command.data;
  const status = await keys.lookup(subject);
  if (status.status === "none")
    return E.left(privacyError("ERASURE_UNKNOWN_SUBJECT", { subject }, "subject"));
  const stream = streamOfSubject(subject);
  const rule = retentionRuleOf(stream, options.rules);
  if (rule === undefined)
    return E.left(privacyError("ERASURE_NO_RETENTION_RULE", { subject, stream }, "subject"));
  let lastEntryOn: string | undefined;
  for await (const event of store.readStream(stream, { direction: "backwards", maxCount: 1 }))
    lastEntryOn = businessDate(event.metadata.occurredAt);
  if (lastEntryOn === undefined)
    return E.left(privacyError("ERASURE_UNKNOWN_SUBJECT", { subject }, "subject"));
  const endsOn = retentionEndsOn(rule, lastEntryOn);
  if (businessDate(envelope.occurredAt) < endsOn)
    return E.left(
      privacyError(
        "RETENTION_NOT_ENDED",
        { subject, recordClass: rule.recordClass, years: rule.years, lastEntryOn, endsOn },
        "subject",
      ),
    );
  const outcome = await handle(erasureAggregate, {
    ...envelope,
    command: {
      ...envelope.command,
      data: { ...envelope.command.data, recordClass: rule.recordClass, retentionEndedOn: endsOn },
    },
  });
  if (E.isLeft(outcome)) {
    // Recorded before, the key left behind (a failure after the event): destroy it now.
    if (outcome.left.code === "PERSONAL_DATA_ERASED" && status.status === "live")
      await (options.destroy ?? keys.destroy)(subject, envelope.occurredAt);
    return outcome;
  }
  if (status.status === "live") await (options.destroy ?? keys.destroy)(subject, envelope.occurredAt);
  return outcome;
};
