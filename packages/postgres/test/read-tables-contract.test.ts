/**
 * The read-tables conformance suite (testkit) on PostgreSQL: a fresh database for each ledger,
 * tampering by SQL `UPDATE` as a DBA could.
 */
import { createMemoryStore, type StoredEvent } from "@safety-ledger/core";
import { readTablesContract } from "@safety-ledger/testkit";
import { generateHistory } from "../../../bench/generate";
import { createPostgresStore, type PostgresEventStore } from "../src/index";
import { freshDatabase, postgresServers, runSql } from "./databases";

const history = async (): Promise<StoredEvent[]> => {
  const memory = createMemoryStore();
  await generateHistory(memory, { events: 700, seed: 7 });
  const events: StoredEvent[] = [];
  for await (const e of memory.readAll()) events.push(e);
  return events;
};

for (const server of postgresServers()) {
  const urls = new WeakMap<PostgresEventStore, string>();
  readTablesContract<PostgresEventStore>({
    name: `PostgreSQL (${server.name})`,
    history,
    makeStore: async () => {
      const url = await freshDatabase(server, "read_tables");
      const store = await createPostgresStore({ connectionString: url, maxConnections: 4 });
      urls.set(store, url);
      return store;
    },
    openAgain: async (store) => {
      const again = await createPostgresStore({ connectionString: urls.get(store)!, maxConnections: 4 });
      urls.set(again, urls.get(store)!);
      return again;
    },
    tamper: async (store, stream) => {
      const rows = await runSql(
        urls.get(store)!,
        `UPDATE events SET data = (data::jsonb || '{"changed": 1}')::json
          WHERE stream_name = $1 AND stream_revision = 0 RETURNING global_position`,
        [stream],
      );
      if (rows.length !== 1) throw new Error(`no revision 0 of ${stream}`);
    },
    numRuns: 12,
  });
}
