/**
 * The catalogue of everything the ledger knows: every aggregate (so a JSON command finds the
 * aggregate that handles it) and every event type (so any stored event can be decoded).
 */
import * as E from "fp-ts/lib/Either.js";
import { accidentAggregate } from "./accidents/aggregate";
import { accidentPermissions } from "./accidents/permissions";
import { sealAggregate } from "./audit/seal";
import { signingKeyAggregate } from "./audit/signing-keys";
import { campaignAggregates } from "./campaign/aggregates";
import { campaignPermissions } from "./campaign/permissions";
import { type Aggregate, type CommandEnvelope, CommandEnvelopeJson, decodeCommand } from "./kernel/aggregate";
import { EventRegistry } from "./kernel/codec-registry";
import type { DomainCommand } from "./kernel/decider";
import { inputIssue, type ValidationError, validationError } from "./kernel/errors";
import { unknownFields } from "./kernel/exact";
import { reason } from "./kernel/input-issue-texts";
import { issuesOf } from "./kernel/io";
import { ledgerSettingsEvents } from "./kernel/ledger-settings";
import { limitIssues, quote } from "./kernel/limits";
import type { PermissionRule } from "./kernel/permissions";
import { erasureEvents, erasurePermissions } from "./privacy/erasure";
import { masterKeyRotationEvents, masterKeyRotationPermissions } from "./privacy/master-key-rotation";
import { revealedExportEvents, revealedExportPermissions } from "./privacy/revealed-export";
import { supervisionAggregates } from "./supervision/aggregates";
import { supervisionPermissions } from "./supervision/permissions";

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of aggregates
export type AnyAggregate = Aggregate<any, any, any>;

export const ledgerAggregates: ReadonlyArray<AnyAggregate> = [
  ...campaignAggregates,
  ...supervisionAggregates,
  accidentAggregate,
  sealAggregate,
  signingKeyAggregate,
];

/** Who may issue each command, as data (printed in docs/commands.md). */
export const ledgerPermissions: ReadonlyArray<PermissionRule> = [
  ...campaignPermissions,
  ...supervisionPermissions,
  ...accidentPermissions,
  ...erasurePermissions,
  ...revealedExportPermissions,
  ...masterKeyRotationPermissions,
];

/** Every event type of every aggregate, and the ledger's settings. */
export const ledgerEvents = EventRegistry.merge(
  ...ledgerAggregates.map((a) => a.events),
  ledgerSettingsEvents,
  // erasure goes through `erasePersonalData` (it destroys the key), not through `submit`
  erasureEvents,
  // a revealed export is recorded by `audit export --reveal` before it writes the file
  revealedExportEvents,
  // a master-key rotation is recorded by `privacy rotate-master-key` after the rewrap
  masterKeyRotationEvents,
);

const byCommand = new Map<string, AnyAggregate>();
for (const aggregate of ledgerAggregates)
  for (const type of Object.keys(aggregate.commands)) {
    if (byCommand.has(type)) throw new Error(`command ${type} is handled by two aggregates`);
    byCommand.set(type, aggregate);
  }

export const commandTypes = (): ReadonlyArray<string> => [...byCommand.keys()].sort();

export const aggregateFor = (commandType: string): AnyAggregate | undefined => byCommand.get(commandType);

export interface DecodedCommand {
  readonly aggregate: AnyAggregate;
  readonly envelope: CommandEnvelope<DomainCommand>;
}

/** Decode a command in its JSON form (see docs/commands.md), naming every bad field. */
export const decodeCommandJson = (json: unknown): E.Either<ValidationError, DecodedCommand> => {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return E.left(validationError([inputIssue("", reason("INPUT_NOT_A_COMMAND", {}))], "command"));
  const tooBig = limitIssues(json);
  if (tooBig.length > 0) return E.left(validationError(tooBig, "command"));
  const outer = CommandEnvelopeJson.decode(json);
  if (E.isLeft(outer)) return E.left(validationError(issuesOf(outer.left), "command"));
  const unknown = unknownFields(CommandEnvelopeJson, json);
  if (unknown.length > 0) return E.left(validationError(unknown, "command"));
  const { type, data, commandId, actor, occurredAt, correlationId, causationId } = outer.right;
  const aggregate = aggregateFor(type);
  if (aggregate === undefined)
    return E.left(
      validationError(
        [inputIssue("type", reason("INPUT_UNKNOWN_COMMAND", { type: quote(type) }))],
        "command",
      ),
    );
  const command = decodeCommand(aggregate, type, data);
  if (E.isLeft(command)) return command;
  return E.right({
    aggregate,
    envelope: {
      command: command.right,
      commandId,
      actor,
      occurredAt,
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(causationId === undefined ? {} : { causationId }),
    },
  });
};
