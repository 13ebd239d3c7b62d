/**
 * The testkit's erasure-elsewhere suite on PostgreSQL: two handles (pools) on one database, each
 * with its own privacy; an erasure through one is noticed by every read of the other.
 */
import { erasureElsewhereContract } from "@safety-ledger/testkit";
import { createPostgresStore, type PostgresEventStore } from "../src/index";
import { postgresSubjectKeyStore } from "../src/subject-keys";
import { freshDatabase, postgresServers } from "./databases";

for (const server of postgresServers())
  erasureElsewhereContract<PostgresEventStore, string>({
    name: `PostgreSQL (${server.name})`,
    fresh: () => freshDatabase(server, "erasure_elsewhere"),
    open: (url) => createPostgresStore({ connectionString: url, maxConnections: 3 }),
    keys: (store, master) => postgresSubjectKeyStore(store.pool, master),
  });
