/**
 * The audit conformance suite on the memory store. It has no files an administrator could
 * edit, so a tampering is carried out on the list of its events (`tamperEvents`) and the
 * result is verified as a read-only store over that list.
 */
import { createMemoryStore } from "@safety-ledger/core";
import { auditContract, tamperEvents } from "./audit-contract";
import { collect } from "./events";
import { fixedStore } from "./fixed-store";

auditContract({
  name: "memory",
  makeStore: async () => createMemoryStore(),
  tamper: async (store, tampering) => fixedStore(tamperEvents(await collect(store.readAll()), tampering)),
  intactRuns: 30,
  tamperRuns: 60,
});
