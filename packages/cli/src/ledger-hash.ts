/** `--hash`: the chain's algorithm of a new ledger, chosen on its first write and kept. */
import { userInfo } from "node:os";
import { createLedger, type EventStore, HASH_ALGORITHMS, type HashAlgorithm } from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { usage } from "./cli-error-texts";
import { CheckFailed } from "./errors";

export const parseHashAlgorithm = (value: string): HashAlgorithm => {
  const algorithm = HASH_ALGORITHMS.find((a) => a === value);
  if (algorithm === undefined) throw usage("UNKNOWN_HASH", { value, choices: HASH_ALGORITHMS.join(", ") });
  return algorithm;
};

/**
 * Create the ledger with this algorithm if it is empty; a ledger that has one already must have
 * the same (a writer never mixes them).
 */
export const ensureLedgerHash = async (store: EventStore, hashAlgorithm: HashAlgorithm): Promise<void> => {
  const created = await createLedger(store, {
    hashAlgorithm,
    actor: { unit: "LEDGER", role: "office", person: userInfo().username },
    occurredAt: new Date().toISOString(),
  });
  if (E.isLeft(created)) throw CheckFailed.of(created.left);
};
