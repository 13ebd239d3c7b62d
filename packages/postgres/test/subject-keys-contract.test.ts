/** The key-store conformance suite (testkit) on each PostgreSQL server: a fresh database each case. */
import { subjectKeysContract } from "@safety-ledger/testkit";
import { createPostgresStore, type PostgresEventStore } from "../src/index";
import { postgresSubjectKeyStore } from "../src/subject-keys";
import { freshDatabase, postgresServers } from "./databases";

for (const server of postgresServers())
  subjectKeysContract({
    name: `PostgreSQL (${server.name})`,
    fresh: async () => {
      const url = await freshDatabase(server, "subject_keys_contract");
      const stores: PostgresEventStore[] = [];
      return {
        // each handle on a pool of its own, as another process would connect
        open: async (master) => {
          const store = await createPostgresStore({ connectionString: url });
          stores.push(store);
          return postgresSubjectKeyStore(store.pool, master);
        },
        close: async () => {
          for (const store of stores) await store.close();
        },
      };
    },
  });
