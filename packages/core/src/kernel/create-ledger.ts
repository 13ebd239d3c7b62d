/**
 * Create a ledger with a hash algorithm: write its `LedgerCreated` settings event, hashed with
 * that algorithm, before anything else. Only an empty store can become an SM3 ledger; a store
 * that already holds events keeps the algorithm it has.
 */
import * as E from "fp-ts/lib/Either.js";
import type { AeadAlgorithm } from "../crypto/aead";
import type { HashAlgorithm } from "../crypto/hash";
import { RULES_VERSION } from "./command-handler";
import type { Actor } from "./envelope";
import { errorsOf } from "./error-texts";
import type { LedgerError } from "./errors";
import type { EventStore } from "./event-store";
import { NO_STREAM } from "./expected-version";
import { chainEvents, chainHash, GENESIS_HASH } from "./hash-chain";
import { newEventId, newId } from "./ids";
import { KERNEL_ERROR_TEXTS } from "./kernel-error-texts";
import { LEDGER_SETTINGS_STREAM, ledgerSettingsEvents, readLedgerSettings } from "./ledger-settings";

export interface CreateLedgerOptions {
  readonly hashAlgorithm: HashAlgorithm;
  /** Encrypt every registered personal field before the chain with this algorithm (docs/privacy.md). */
  readonly fieldEncryption?: AeadAlgorithm;
  readonly actor: Actor;
  readonly occurredAt: string;
  /** Record time; defaults to the system clock. */
  readonly clock?: () => Date;
}

/** The ledger's algorithm once it is created (at once when it already was, with the same one). */
export const createLedger = async (
  store: EventStore,
  options: CreateLedgerOptions,
): Promise<E.Either<LedgerError, HashAlgorithm>> => {
  const asked = options.hashAlgorithm;
  let empty = true;
  for await (const _ of store.readAll({ maxCount: 1 })) empty = false;
  if (!empty) {
    const current = await readLedgerSettings(store);
    if (E.isLeft(current)) return current;
    if (current.right.hashAlgorithm !== asked)
      return E.left(
        errorsOf(KERNEL_ERROR_TEXTS).error(
          "LEDGER_NOT_EMPTY",
          { current: current.right.hashAlgorithm },
          "hashAlgorithm",
        ),
      );
    if (options.fieldEncryption !== undefined && current.right.fieldEncryption !== options.fieldEncryption)
      return E.left(
        errorsOf(KERNEL_ERROR_TEXTS).error(
          "PERSONAL_DATA_SETTING_FIXED",
          { current: current.right.fieldEncryption ?? "none" },
          "fieldEncryption",
        ),
      );
    return E.right(asked);
  }
  const commandId = newId();
  const [event] = chainEvents(
    LEDGER_SETTINGS_STREAM,
    0,
    GENESIS_HASH,
    [
      {
        id: newEventId(),
        ...ledgerSettingsEvents.encode({
          type: "LedgerCreated",
          data:
            options.fieldEncryption === undefined
              ? { hashAlgorithm: asked }
              : { hashAlgorithm: asked, fieldEncryption: options.fieldEncryption },
        }),
        metadata: {
          actor: options.actor,
          commandId,
          commandType: "CreateLedger",
          correlationId: commandId,
          causationId: commandId,
          occurredAt: options.occurredAt,
          recordedAt: (options.clock?.() ?? new Date()).toISOString(),
          rulesVersion: RULES_VERSION,
        },
      },
    ],
    chainHash(asked),
  );
  const appended = await store.append(LEDGER_SETTINGS_STREAM, [event!], NO_STREAM);
  return E.isLeft(appended) ? appended : E.right(asked);
};
