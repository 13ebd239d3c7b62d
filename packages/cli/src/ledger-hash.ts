/** `--hash`: the chain's algorithm of a new ledger, chosen on its first write and kept. */
import { userInfo } from "node:os";
import {
  type AeadAlgorithm,
  createLedger,
  type EventStore,
  HASH_ALGORITHMS,
  type HashAlgorithm,
  readLedgerSettings,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { usage } from "./cli-error-texts";
import { CheckFailed } from "./errors";

export const parseHashAlgorithm = (value: string): HashAlgorithm => {
  const algorithm = HASH_ALGORITHMS.find((a) => a === value);
  if (algorithm === undefined) throw usage("UNKNOWN_HASH", { value, choices: HASH_ALGORITHMS.join(", ") });
  return algorithm;
};

/**
 * Create the ledger with this algorithm (and personal-field encryption) if it is empty; a ledger that has one already must have
 * the same (a writer never mixes them).
 */
export const ensureLedgerHash = async (
  store: EventStore,
  hash: HashAlgorithm | undefined,
  fieldEncryption?: AeadAlgorithm,
): Promise<void> => {
  let hashAlgorithm = hash;
  if (hashAlgorithm === undefined) {
    const current = await readLedgerSettings(store);
    if (E.isLeft(current)) throw CheckFailed.of(current.left);
    hashAlgorithm = current.right.hashAlgorithm;
  }
  const created = await createLedger(store, {
    hashAlgorithm,
    ...(fieldEncryption === undefined ? {} : { fieldEncryption }),
    actor: { unit: "LEDGER", role: "office", person: userInfo().username },
    occurredAt: new Date().toISOString(),
  });
  if (E.isLeft(created)) throw CheckFailed.of(created.left);
};
