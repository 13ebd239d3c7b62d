/**
 * Seal-signing keys as ledger facts: a unit's public key (or certificate) is registered with
 * its validity, and retired when it is rotated or lost. Seals name the key that signed them, so
 * a seal signed years ago verifies from an export alone after its key was retired. Private keys
 * never enter the ledger: they stay with a `Signer`.
 */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import {
  KeyFormatError,
  publicKeyAlgorithm,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
} from "../crypto/signature";
import type { Aggregate } from "../kernel/aggregate";
import { isDateTime } from "../kernel/calendar";
import { chainProblemDetail } from "../kernel/chain-problem-texts";
import { defineEvent, EventRegistry } from "../kernel/codec-registry";
import type { Decider } from "../kernel/decider";
import { errorsOf } from "../kernel/error-texts";
import { Code, NonEmptyString } from "../kernel/values";
import { AUDIT_ERROR_TEXTS } from "./audit-error-texts";

const { error: auditError } = errorsOf(AUDIT_ERROR_TEXTS);

export const SIGNING_KEYS_STREAM = "ledger-keys";

export const SignatureAlgorithmCodec = t.keyof(
  Object.fromEntries(SIGNATURE_ALGORITHMS.map((a) => [a, null])) as Record<SignatureAlgorithm, null>,
  "SignatureAlgorithm",
);
const DateTimeText = t.refinement(t.string, isDateTime, "DateTime");

const RegisterCodec = t.intersection([
  t.type({
    keyId: Code,
    algorithm: SignatureAlgorithmCodec,
    /** The public key as PEM (SPKI), or an X.509 certificate as PEM. */
    publicKey: NonEmptyString,
    /** The unit that signs with it. */
    ownerUnit: Code,
    validFrom: DateTimeText,
  }),
  t.partial({ validUntil: DateTimeText }),
]);
const RetireCodec = t.type({ keyId: Code, reason: NonEmptyString });
const RetiredCodec = t.type({ keyId: Code, retiredAt: DateTimeText, reason: NonEmptyString });

export const SigningKeyRegistered = defineEvent("SigningKeyRegistered", RegisterCodec);
export const SigningKeyRetired = defineEvent("SigningKeyRetired", RetiredCodec);
export const signingKeyEvents = EventRegistry.of(SigningKeyRegistered, SigningKeyRetired);

export type RegisteredKey = t.TypeOf<typeof RegisterCodec>;
export type SigningKeyEvent =
  | { readonly type: "SigningKeyRegistered"; readonly data: RegisteredKey }
  | { readonly type: "SigningKeyRetired"; readonly data: t.TypeOf<typeof RetiredCodec> };
export type SigningKeyCommand =
  | { readonly type: "RegisterSigningKey"; readonly data: RegisteredKey }
  | { readonly type: "RetireSigningKey"; readonly data: t.TypeOf<typeof RetireCodec> };

export interface SigningKey extends RegisteredKey {
  readonly retiredAt?: string;
}

/** The ledger's signing keys by id. */
export type SigningKeys = ReadonlyMap<string, SigningKey>;

const instant = (s: string): number => Date.parse(s);

/** Why the key cannot have signed at `time`, or undefined when it could. */
/** Why a key could not have signed at `time`, coded; undefined when it could. */
export const keyInvalidity = (
  key: SigningKey,
  time: string,
): ReturnType<typeof chainProblemDetail> | undefined => {
  const at = instant(time);
  if (at < instant(key.validFrom))
    return chainProblemDetail("KEY_NOT_YET_VALID", { keyId: key.keyId, from: key.validFrom, time });
  if (key.validUntil !== undefined && at >= instant(key.validUntil))
    return chainProblemDetail("KEY_EXPIRED", { keyId: key.keyId, until: key.validUntil, time });
  if (key.retiredAt !== undefined && at >= instant(key.retiredAt))
    return chainProblemDetail("KEY_RETIRED", { keyId: key.keyId, retiredAt: key.retiredAt, time });
  return undefined;
};

/** Why a key could not have signed at `time`, in English; undefined when it could. */
export const keyInvalidAt = (key: SigningKey, time: string): string | undefined =>
  keyInvalidity(key, time)?.message;

export const evolveKeys = (keys: SigningKeys, event: SigningKeyEvent): SigningKeys => {
  const next = new Map(keys);
  if (event.type === "SigningKeyRegistered") next.set(event.data.keyId, event.data);
  else {
    const key = keys.get(event.data.keyId);
    if (key !== undefined) next.set(key.keyId, { ...key, retiredAt: event.data.retiredAt });
  }
  return next;
};

export const signingKeyDecider: Decider<SigningKeyCommand, SigningKeys, SigningKeyEvent> = {
  initialState: new Map(),
  decide: (command, keys, context) => {
    const { keyId } = command.data;
    const known = keys.get(keyId);
    if (command.type === "RetireSigningKey") {
      if (known === undefined) return E.left(auditError("KEY_UNKNOWN", { keyId }, "keyId"));
      if (known.retiredAt !== undefined)
        return E.left(auditError("KEY_RETIRED", { keyId, retiredAt: known.retiredAt }, "keyId"));
      // the seals a key may sign end at an instant, not on a day whose end depends on a zone
      if (!isDateTime(context.occurredAt))
        return E.left(
          auditError("KEY_RETIREMENT_NEEDS_TIME", { occurredAt: context.occurredAt }, "/occurredAt"),
        );
      return E.right([
        {
          type: "SigningKeyRetired",
          data: { keyId, retiredAt: context.occurredAt, reason: command.data.reason },
        },
      ]);
    }
    if (known !== undefined) return E.left(auditError("KEY_EXISTS", { keyId }, "keyId"));
    let algorithm: SignatureAlgorithm;
    try {
      algorithm = publicKeyAlgorithm(command.data.publicKey);
    } catch (error) {
      const why = error instanceof KeyFormatError ? error.message : "it cannot be read";
      return E.left(auditError("KEY_UNREADABLE", { why }, "publicKey"));
    }
    if (algorithm !== command.data.algorithm)
      return E.left(
        auditError("KEY_ALGORITHM", { algorithm, declared: command.data.algorithm }, "algorithm"),
      );
    const { validUntil, validFrom } = command.data;
    if (validUntil !== undefined && instant(validUntil) <= instant(validFrom))
      return E.left(auditError("KEY_VALIDITY", {}, "validUntil"));
    return E.right([{ type: "SigningKeyRegistered", data: command.data }]);
  },
  evolve: evolveKeys,
};

export const signingKeyAggregate: Aggregate<SigningKeyCommand, SigningKeys, SigningKeyEvent> = {
  category: "ledger",
  decider: signingKeyDecider,
  events: signingKeyEvents as EventRegistry<SigningKeyEvent>,
  commands: { RegisterSigningKey: RegisterCodec, RetireSigningKey: RetireCodec },
  streamOf: () => SIGNING_KEYS_STREAM,
};
