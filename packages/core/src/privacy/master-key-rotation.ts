/**
 * A master-key rotation recorded in the ledger (docs/privacy.md): after `SubjectKeyStore.rewrap`
 * has rewrapped every live data key, `RecordMasterKeyRotation` appends `MasterKeyRotated` on the
 * stream `masterkey-rotations`: who, when, the old and new master key's ids, the new key's
 * fingerprint and how many keys were rewrapped (and stayed destroyed). No key material.
 */

import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { ActorRefCodec } from "../kernel/actor-ref";
import { type Aggregate, type CommandEnvelope, decodeCommand } from "../kernel/aggregate";
import { businessDate } from "../kernel/calendar";
import { defineEvent, EventRegistry } from "../kernel/codec-registry";
import type { CommandHandler, CommandOutcome } from "../kernel/command-handler";
import type { Decider } from "../kernel/decider";
import type { LedgerError } from "../kernel/errors";
import { checkRole, type PermissionRule } from "../kernel/permissions";
import { NonEmptyString } from "../kernel/values";
import { Count, Sha256Hex, StoredDigestCodec } from "./recorded-values";

/** The one stream every rotation of the ledger's master key is recorded on, in order. */
export const MASTER_KEY_ROTATION_STREAM = "masterkey-rotations";

const RecordCodec = t.type({
  /** The id of the master key the data keys were wrapped by. */
  fromKeyId: NonEmptyString,
  /** The id of the master key they are wrapped by now. */
  toKeyId: NonEmptyString,
  /** The new master key's fingerprint (`masterKeyFingerprint`): names it, gives nothing away. */
  fingerprint: t.type({ algorithm: t.literal("sha256"), hex: Sha256Hex }),
  /** Live data keys rewrapped. */
  rewrapped: Count,
  /** Destroyed keys (tombstones), which stay destroyed. */
  destroyed: Count,
});

const RotatedCodec = t.type({
  fromKeyId: t.string,
  toKeyId: t.string,
  fingerprint: StoredDigestCodec,
  rewrapped: t.number,
  destroyed: t.number,
  on: t.string,
  by: ActorRefCodec,
});

export const MasterKeyRotated = defineEvent("MasterKeyRotated", RotatedCodec);
export const masterKeyRotationEvents = EventRegistry.of(MasterKeyRotated);

export type MasterKeyRotationCommand = {
  readonly type: "RecordMasterKeyRotation";
  readonly data: t.TypeOf<typeof RecordCodec>;
};
export type MasterKeyRotationEvent = {
  readonly type: "MasterKeyRotated";
  readonly data: t.TypeOf<typeof RotatedCodec>;
};
export type MasterKeyRotationState = { readonly rotations: number };

export const masterKeyRotationPermissions: ReadonlyArray<PermissionRule> = [
  {
    command: "RecordMasterKeyRotation",
    roles: ["office", "lead-group"],
    condition: "after every live data key was rewrapped (`privacy rotate-master-key`); no key material",
  },
];

export const masterKeyRotationDecider: Decider<
  MasterKeyRotationCommand,
  MasterKeyRotationState,
  MasterKeyRotationEvent
> = {
  initialState: { rotations: 0 },
  decide: (command, _state, context) => {
    const allowed = checkRole(masterKeyRotationPermissions, command.type, context);
    if (E.isLeft(allowed)) return allowed;
    const d = command.data;
    return E.right([
      {
        type: "MasterKeyRotated",
        data: {
          fromKeyId: d.fromKeyId,
          toKeyId: d.toKeyId,
          fingerprint: { algorithm: d.fingerprint.algorithm, hex: d.fingerprint.hex },
          rewrapped: d.rewrapped,
          destroyed: d.destroyed,
          on: businessDate(context.occurredAt),
          by: { unit: context.actor.unit, role: context.actor.role, person: context.actor.person },
        },
      },
    ]);
  },
  evolve: (state) => ({ rotations: state.rotations + 1 }),
};

export const masterKeyRotationAggregate: Aggregate<
  MasterKeyRotationCommand,
  MasterKeyRotationState,
  MasterKeyRotationEvent
> = {
  category: "masterkey",
  decider: masterKeyRotationDecider,
  events: masterKeyRotationEvents as EventRegistry<MasterKeyRotationEvent>,
  commands: { RecordMasterKeyRotation: RecordCodec } as never,
  streamOf: () => MASTER_KEY_ROTATION_STREAM,
};

/** The command as its decoder takes it, without the handler: checked before the keys are rewrapped. */
export const decodeMasterKeyRotation = (
  data: MasterKeyRotationCommand["data"],
): E.Either<LedgerError, MasterKeyRotationCommand> =>
  decodeCommand(masterKeyRotationAggregate, "RecordMasterKeyRotation", data) as E.Either<
    LedgerError,
    MasterKeyRotationCommand
  >;

/** Record a rotation (decoded first: the handler does not decode). */
export const recordMasterKeyRotation = async (
  handle: CommandHandler,
  envelope: CommandEnvelope<MasterKeyRotationCommand>,
): Promise<E.Either<LedgerError, CommandOutcome<MasterKeyRotationEvent>>> => {
  const decoded = decodeMasterKeyRotation(envelope.command.data);
  if (E.isLeft(decoded)) return decoded;
  return handle(masterKeyRotationAggregate, { ...envelope, command: decoded.right });
};
