/** Fixtures of the privacy tests: an encrypted ledger in memory with entity E1's principal on it. */
import * as crypto from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { createCommandHandler } from "../kernel/command-handler";
import { createLedger } from "../kernel/create-ledger";
import { createMemoryStore } from "../kernel/memory-store";
import { entityAggregate } from "../supervision/aggregates";
import { ACTORS, registerE1 } from "../supervision/testing";
import { createPrivacy, protectedStore } from "./protect";
import { masterKeyOf, memorySubjectKeyStore } from "./subject-keys";

/** A ledger created with AES-256-GCM field encryption, E1 registered with principal Wang Wei. */
export const encryptedLedgerWithE1 = async () => {
  const raw = createMemoryStore();
  await createLedger(raw, {
    hashAlgorithm: "sha256",
    fieldEncryption: "aes-256-gcm",
    actor: ACTORS.office,
    occurredAt: "2020-07-01",
  });
  const keys = memorySubjectKeyStore(masterKeyOf("mk", "aes-256-gcm", crypto.randomBytes(32)));
  const privacy = createPrivacy({ keys, algorithm: "aes-256-gcm", erasedText: "erased" });
  const store = protectedStore(raw, privacy);
  const handle = createCommandHandler(store);
  const registered = await handle(entityAggregate, {
    command: {
      ...registerE1,
      data: { ...registerE1.data, principal: { name: "Wang Wei", phone: "13912345678" } },
    } as never,
    actor: ACTORS.department,
    occurredAt: "2020-07-01T09:00:00+08:00",
    commandId: "reg",
  });
  if (E.isLeft(registered)) throw new Error(registered.left.message);
  return { raw, store, keys, privacy, handle };
};
