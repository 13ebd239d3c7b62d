import { memorySubjectKeyStore, type SubjectKeyRow } from "@safety-ledger/core";
import { subjectKeysContract } from "./subject-keys-contract";

subjectKeysContract({
  name: "in memory",
  fresh: async () => {
    const rows = new Map<string, SubjectKeyRow>();
    return { open: (master) => memorySubjectKeyStore(master, rows), close: async () => {} };
  },
});
