/** The key-store conformance suite (testkit) on SQLite: a fresh ledger file for each case. */
import { subjectKeysContract } from "@safety-ledger/testkit";
import { afterAll } from "vitest";
import { createSqliteStore, type SqliteEventStore } from "../src/store";
import { tempDir } from "./helpers";

const tmp = tempDir("subject-keys-contract");
afterAll(() => tmp.cleanup());

subjectKeysContract({
  name: "SQLite",
  fresh: async () => {
    const path = tmp.file();
    const stores: SqliteEventStore[] = [];
    return {
      // each handle on its own connection to the file, as another process would open it
      open: (master) => {
        const store = createSqliteStore({ path, create: true });
        stores.push(store);
        return store.subjectKeys(master);
      },
      close: async () => {
        for (const store of stores) await store.close();
      },
    };
  },
});
