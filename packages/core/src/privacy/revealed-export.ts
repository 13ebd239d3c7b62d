/**
 * Revealed exports (docs/privacy.md): an export whose personal fields are also given in clear,
 * which needs the keys and is itself recorded in the ledger. `RecordRevealedExport` appends
 * `RevealedExportRecorded` on `export-<exportId>`: who, when, under what legal basis, which
 * selection, which data subjects were revealed and which read as erased, and the SHA-256 of
 * the file; no personal information. The file is written to its place only after the event is
 * recorded (`safety-ledger audit export --reveal`).
 *
 * A revealed export is an ordinary export (its stored events, ciphertext and hashes, so it
 * still verifies) whose lines of events with encrypted fields also carry `revealed`: the
 * event's data with those fields in clear, or the erased marker where the key is destroyed.
 */

import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { type ExportHeader, type ExportSelection, exportLines } from "../audit/export";
import { ActorRefCodec } from "../kernel/actor-ref";
import { type Aggregate, type CommandEnvelope, decodeCommand } from "../kernel/aggregate";
import { businessDate } from "../kernel/calendar";
import { defineEvent, EventRegistry } from "../kernel/codec-registry";
import type { CommandHandler, CommandOutcome } from "../kernel/command-handler";
import type { Decider } from "../kernel/decider";
import type { StoredEvent } from "../kernel/envelope";
import { errorsOf } from "../kernel/error-texts";
import type { LedgerError } from "../kernel/errors";
import type { EventStore } from "../kernel/event-store";
import { checkRole, type PermissionRule } from "../kernel/permissions";
import { Code, NonEmptyString } from "../kernel/values";
import { PRIVACY_ERROR_TEXTS } from "./privacy-error-texts";
import { encryptedSubjectsOf, type Privacy } from "./protect";
import { Count, Sha256Hex, StoredDigestCodec } from "./recorded-values";

const { error: privacyError } = errorsOf(PRIVACY_ERROR_TEXTS);

/** The digest recorded for a revealed export's file (`sha256sum FILE` checks it). */
export const REVEALED_EXPORT_DIGEST = "sha256";

const SelectionCodec = t.partial({ streamPrefix: t.string, knownAt: t.string });

const RecordCodec = t.type({
  /** The export's id, named in the file's header and in the stream `export-<exportId>`. */
  exportId: Code,
  /** Why the personal data is disclosed: the legal basis (e.g. a court's request and its number). */
  legalBasis: NonEmptyString,
  /** What was exported: the export's selection (stream prefix, known-at date). */
  selection: SelectionCodec,
  /** The number of events in the file. */
  events: Count,
  /** The data subjects whose values the file holds in clear. */
  subjects: t.array(NonEmptyString),
  /** The data subjects whose values the file shows as erased (their keys destroyed). */
  erasedSubjects: t.array(NonEmptyString),
  fileDigest: t.type({ algorithm: t.literal(REVEALED_EXPORT_DIGEST), hex: Sha256Hex }),
});

const RecordedCodec = t.type({
  exportId: t.string,
  legalBasis: t.string,
  selection: SelectionCodec,
  events: t.number,
  subjects: t.array(t.string),
  erasedSubjects: t.array(t.string),
  fileDigest: StoredDigestCodec,
  /** The day of the export. */
  on: t.string,
  by: ActorRefCodec,
});

export const RevealedExportRecorded = defineEvent("RevealedExportRecorded", RecordedCodec);
export const revealedExportEvents = EventRegistry.of(RevealedExportRecorded);

export type RevealedExportCommand = {
  readonly type: "RecordRevealedExport";
  readonly data: t.TypeOf<typeof RecordCodec>;
};
export type RevealedExportEvent = {
  readonly type: "RevealedExportRecorded";
  readonly data: t.TypeOf<typeof RecordedCodec>;
};
export type RevealedExportState =
  | { readonly recorded: false }
  | { readonly recorded: true; readonly on: string };

export const revealedExportPermissions: ReadonlyArray<PermissionRule> = [
  {
    command: "RecordRevealedExport",
    roles: ["office", "lead-group"],
    condition:
      "a legal basis; the master key; recorded before the file is written (`audit export --reveal`); once per export id",
  },
];

export const revealedExportDecider: Decider<RevealedExportCommand, RevealedExportState, RevealedExportEvent> =
  {
    initialState: { recorded: false },
    decide: (command, state, context) => {
      const allowed = checkRole(revealedExportPermissions, command.type, context);
      if (E.isLeft(allowed)) return allowed;
      const d = command.data;
      if (state.recorded)
        return E.left(
          privacyError("REVEALED_EXPORT_EXISTS", { exportId: d.exportId, on: state.on }, "exportId"),
        );
      return E.right([
        {
          type: "RevealedExportRecorded",
          data: {
            exportId: d.exportId,
            legalBasis: d.legalBasis,
            selection: {
              ...(d.selection.streamPrefix === undefined ? {} : { streamPrefix: d.selection.streamPrefix }),
              ...(d.selection.knownAt === undefined ? {} : { knownAt: d.selection.knownAt }),
            },
            events: d.events,
            subjects: [...d.subjects],
            erasedSubjects: [...d.erasedSubjects],
            fileDigest: { algorithm: d.fileDigest.algorithm, hex: d.fileDigest.hex },
            on: businessDate(context.occurredAt),
            by: { unit: context.actor.unit, role: context.actor.role, person: context.actor.person },
          },
        },
      ]);
    },
    evolve: (_state, event) => ({ recorded: true, on: event.data.on }),
  };

export const revealedExportStream = (exportId: string): string => `export-${exportId}`;

export const revealedExportAggregate: Aggregate<
  RevealedExportCommand,
  RevealedExportState,
  RevealedExportEvent
> = {
  category: "export",
  decider: revealedExportDecider,
  events: revealedExportEvents as EventRegistry<RevealedExportEvent>,
  commands: { RecordRevealedExport: RecordCodec } as never,
  streamOf: (command) => revealedExportStream(command.data.exportId),
};

/**
 * Record a revealed export: the command as its decoder takes it (an export id usable in a
 * stream name, a legal basis, a SHA-256 …), then through the handler. A typed command is not
 * trusted to hold the rules its codec holds: the handler does not decode.
 */
export const recordRevealedExport = async (
  handle: CommandHandler,
  envelope: CommandEnvelope<RevealedExportCommand>,
): Promise<E.Either<LedgerError, CommandOutcome<RevealedExportEvent>>> => {
  const decoded = decodeCommand(revealedExportAggregate, envelope.command.type, envelope.command.data);
  if (E.isLeft(decoded)) return decoded;
  return handle(revealedExportAggregate, { ...envelope, command: decoded.right as RevealedExportCommand });
};

/** What a revealed export's header says of it (beside the selection). */
export type RevealedExportHeader = NonNullable<ExportHeader["revealed"]>;

/** The subjects a revealed export showed, as it was written. */
export interface RevealedExportTally {
  /** Subjects whose values the file holds in clear. */
  readonly subjects: ReadonlySet<string>;
  /** Subjects whose values the file shows as erased. */
  readonly erasedSubjects: ReadonlySet<string>;
}

/**
 * The lines of a revealed export, streamed from the store as stored (`unprotectedOf`): each
 * event as in an ordinary export, and, for one with encrypted fields, `revealed` (its data
 * revealed by `privacy`). `tally` fills in as the lines are read.
 */
export const revealedExportLines = (
  store: EventStore,
  privacy: Privacy,
  selection: ExportSelection,
  header: RevealedExportHeader,
): { lines: AsyncGenerator<string>; tally: RevealedExportTally } => {
  const status = new Map<string, boolean>();
  const subjects = new Set<string>();
  const erasedSubjects = new Set<string>();
  const reveal = async (event: StoredEvent) => {
    const found = encryptedSubjectsOf(event);
    if (found.size === 0) return undefined;
    for (const subject of found) {
      let live = status.get(subject);
      if (live === undefined) {
        live = (await privacy.keys.lookup(subject)).status === "live";
        status.set(subject, live);
        (live ? subjects : erasedSubjects).add(subject);
      }
    }
    return { revealed: (await privacy.reveal(event)).data };
  };
  return {
    lines: exportLines(store, selection, { revealed: header, extend: reveal }),
    tally: { subjects, erasedSubjects },
  };
};
