/**
 * What a ledger is created with, as a fact in the ledger itself: the first event of the
 * `ledger-settings` stream records the chain's hash algorithm, so exports and every store
 * carry it. A ledger without it is SHA-256 (every ledger written before SM3 existed).
 */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
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

export const LedgerCreated = defineEvent("LedgerCreated", t.type({ hashAlgorithm: HashAlgorithmCodec }));
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

export const hashAlgorithmMismatch = (ledger: HashAlgorithm, asked: HashAlgorithm): LedgerError =>
  kernelError("HASH_ALGORITHM_MISMATCH", { ledger, asked }, "hashAlgorithm");
