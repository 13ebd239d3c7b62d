import { eventStoreContract } from "@safety-ledger/testkit";
import { createPostgresStore } from "../src/index";
import { freshDatabase, postgresServers } from "./databases";
import { openHeldWriter } from "./held-writer";

for (const server of postgresServers()) {
  // One database a suite; each test's streams are fresh names within it.
  const lazyDatabase = () => {
    let url: Promise<string> | undefined;
    return () => {
      url ??= freshDatabase(server, "contract");
      return url;
    };
  };
  const database = lazyDatabase();
  const smallPagesDatabase = lazyDatabase();
  const earlyReleaseDatabase = lazyDatabase();

  eventStoreContract(
    `PostgreSQL (${server.name})`,
    async () => createPostgresStore({ connectionString: await database() }),
    { openHeldWriter: async () => openHeldWriter(await database()) },
  );

  // Tiny pages and no group commit: every read crosses page boundaries, every append is its own transaction.
  eventStoreContract(
    `PostgreSQL (${server.name}), pages of 3, one transaction per append`,
    async () =>
      createPostgresStore({ connectionString: await smallPagesDatabase(), pageSize: 3, groupCommit: false }),
    { largeStreamSize: 2_000, openHeldWriter: async () => openHeldWriter(await smallPagesDatabase()) },
  );

  // The lock released before each group's flush, several groups in flight.
  eventStoreContract(
    `PostgreSQL (${server.name}), lock released before the flush`,
    async () =>
      createPostgresStore({
        connectionString: await earlyReleaseDatabase(),
        releaseLockBeforeFlush: true,
        groupsInFlight: 4,
      }),
    { openHeldWriter: async () => openHeldWriter(await earlyReleaseDatabase()) },
  );
}
