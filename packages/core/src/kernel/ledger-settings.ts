/**
 * What a ledger is created with, as a fact in the ledger itself: the first event of the
 * `ledger-settings` stream records the chain's hash algorithm, so exports and every store
 * carry it. A ledger without it is SHA-256 (every ledger written before SM3 existed).
 */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { AEAD_ALGORITHMS, type AeadAlgorithm } from "../crypto/aead";
import { DEFAULT_HASH_ALGORITHM, HASH_ALGORITHMS, type HashAlgorithm } from "../crypto/hash";
import { defineEvent, EventRegistry } from "./codec-registry";
import type { StoredEvent } from "./envelope";
import { errorsOf } from "./error-texts";
import type { LedgerError } from "./errors";
import type { EventStore } from "./event-store";
import { KERNEL_ERROR_TEXTS } from "./kernel-error-texts";

const { error: kernelError } = errorsOf(KERNEL_ERROR_TEXTS);

export const LEDGER_SETTINGS_STREAM = "ledger-settings";

export const HashAlgorithmCodec = t.keyof(
  Object.fromEntries(HASH_ALGORITHMS.map((a) => [a, null])) as Record<HashAlgorithm, null>,
  "HashAlgorithm",
);

export const FieldEncryptionCodec = t.keyof(
  Object.fromEntries(AEAD_ALGORITHMS.map((a) => [a, null])) as Record<AeadAlgorithm, null>,
  "FieldEncryption",
);

/**
 * The ledger's creation: its chain's hash algorithm and, when its personal fields are encrypted
 * before the chain (docs/privacy.md), their algorithm.
 */
export const LedgerCreated = defineEvent(
  "LedgerCreated",
  t.intersection([
    t.type({ hashAlgorithm: HashAlgorithmCodec }),
    t.partial({ fieldEncryption: FieldEncryptionCodec }),
  ]),
);
export const ledgerSettingsEvents = EventRegistry.of(LedgerCreated);

/** The algorithm a `ledger-settings` event declares, or undefined when it is not a readable LedgerCreated. */
export const declaredHashAlgorithm = (event: StoredEvent): HashAlgorithm | undefined => {
  const decoded = ledgerSettingsEvents.decode(event);
  return E.isRight(decoded) ? decoded.right.data.hashAlgorithm : undefined;
};

/** The ledger's hash algorithm, read from its settings (SHA-256 when it records none). */
export const readLedgerHashAlgorithm = async (
  store: EventStore,
): Promise<E.Either<LedgerError, HashAlgorithm>> => {
  for await (const event of store.readStream(LEDGER_SETTINGS_STREAM, { maxCount: 1 })) {
    const algorithm = declaredHashAlgorithm(event);
    return algorithm === undefined
      ? E.left(kernelError("LEDGER_SETTINGS_UNREADABLE", {}))
      : E.right(algorithm);
  }
  return E.right(DEFAULT_HASH_ALGORITHM);
};

export interface LedgerSettings {
  readonly hashAlgorithm: HashAlgorithm;
  /** The algorithm of personal fields encrypted before the chain; absent: stored in clear. */
  readonly fieldEncryption?: AeadAlgorithm;
}

/** The ledger's settings (SHA-256, no encryption, when it records none). */
export const readLedgerSettings = async (
  store: EventStore,
): Promise<E.Either<LedgerError, LedgerSettings>> => {
  for await (const event of store.readStream(LEDGER_SETTINGS_STREAM, { maxCount: 1 })) {
    const decoded = ledgerSettingsEvents.decode(event);
    return E.isRight(decoded)
      ? E.right(decoded.right.data)
      : E.left(kernelError("LEDGER_SETTINGS_UNREADABLE", {}));
  }
  return E.right({ hashAlgorithm: DEFAULT_HASH_ALGORITHM });
};

export const hashAlgorithmMismatch = (ledger: HashAlgorithm, asked: HashAlgorithm): LedgerError =>
  kernelError("HASH_ALGORITHM_MISMATCH", { ledger, asked }, "hashAlgorithm");
