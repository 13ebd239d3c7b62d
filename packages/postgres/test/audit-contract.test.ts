/**
 * The audit conformance suite on PostgreSQL, tampered with the way a DBA with access to the
 * database could: plain SQL through a connection of its own, then the store reopened.
 */
import type { StoredEvent } from "@safety-ledger/core";
import { auditContract, type Tampering } from "@safety-ledger/testkit";
import pg from "pg";
import { createPostgresStore, type PostgresEventStore } from "../src/index";
import { freshDatabase, postgresServers } from "./databases";

const at = (event: StoredEvent) => [event.stream, event.revision] as const;

/** A forged row at `position`, claiming the target's stream and revision. */
const insertForged = (
  db: pg.Client,
  position: bigint,
  target: StoredEvent,
  forged: StoredEvent | Omit<StoredEvent, "stream" | "revision" | "position">,
) =>
  db.query(
    `INSERT INTO events (global_position, stream_name, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text::json, $8::text::json, $9)`,
    [
      position.toString(),
      target.stream,
      target.revision,
      forged.id,
      forged.type,
      forged.schemaVersion,
      JSON.stringify(forged.data),
      JSON.stringify(forged.metadata),
      forged.metadata.recordedAt,
    ],
  );

const tamperDatabase = async (db: pg.Client, tampering: Tampering): Promise<void> => {
  const where = "WHERE stream_name = $1 AND stream_revision = $2";
  switch (tampering.kind) {
    case "change": {
      const { replacement } = tampering;
      await db.query(`UPDATE events SET data = $3::text::json, metadata = $4::text::json ${where}`, [
        ...at(tampering.target),
        JSON.stringify(replacement.data),
        JSON.stringify(replacement.metadata),
      ]);
      return;
    }
    case "delete":
      await db.query(`DELETE FROM events ${where}`, [...at(tampering.target)]);
      return;
    case "reorder": {
      const { target, next } = tampering;
      const swap = "UPDATE events SET global_position = $1 WHERE global_position = $2";
      await db.query(swap, ["-1", target.position.toString()]);
      await db.query(swap, [target.position.toString(), next.position.toString()]);
      await db.query(swap, [next.position.toString(), "-1"]);
      return;
    }
    case "insert": {
      const { target, forged } = tampering;
      await db.query("ALTER TABLE events DROP CONSTRAINT events_stream_revision_key");
      // Every row before the target one position down (two steps, so no key collides on the way).
      await db.query(
        "UPDATE events SET global_position = -global_position - 1000000000 WHERE global_position < $1",
        [target.position.toString()],
      );
      await db.query(
        "UPDATE events SET global_position = -(global_position + 1000000000) - 1 WHERE global_position <= -1000000000",
      );
      await insertForged(db, target.position - 1n, target, forged);
      return;
    }
    case "insert-shifting": {
      const { target, forged } = tampering;
      await db.query("ALTER TABLE events DROP CONSTRAINT events_stream_revision_key");
      // Every row from the target on one position up (two steps), the forged row in the gap.
      await db.query(
        "UPDATE events SET global_position = -global_position - 1000000000 WHERE global_position >= $1",
        [target.position.toString()],
      );
      await db.query(
        "UPDATE events SET global_position = -(global_position + 1000000000) + 1 WHERE global_position <= -1000000000",
      );
      await insertForged(db, target.position, target, forged);
      return;
    }
    case "delete-stream":
      await db.query("DELETE FROM events WHERE stream_name = $1", [tampering.stream]);
      return;
    case "truncate":
      await db.query("DELETE FROM events WHERE stream_name = $1 AND stream_revision >= $2", [
        tampering.stream,
        tampering.fromRevision,
      ]);
      return;
  }
};

const withClient = async (url: string, work: (db: pg.Client) => Promise<void>): Promise<void> => {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await work(db);
  } finally {
    await db.end();
  }
};

for (const server of postgresServers()) {
  let url: Promise<string> | undefined;
  const database = () => {
    url ??= freshDatabase(server, "audit");
    return url;
  };

  auditContract<PostgresEventStore>({
    name: `PostgreSQL (${server.name})`,
    // An empty store: the tables of the previous run (perhaps tampered with) dropped, then migrated afresh.
    makeStore: async () => {
      const connectionString = await database();
      await withClient(connectionString, (db) =>
        db.query("DROP TABLE IF EXISTS events, checkpoints, schema_migrations").then(() => undefined),
      );
      return createPostgresStore({ connectionString });
    },
    tamper: async (store, tampering) => {
      await store.close();
      const connectionString = await database();
      await withClient(connectionString, async (db) => {
        await db.query("BEGIN");
        await tamperDatabase(db, tampering);
        await db.query("COMMIT");
      });
      return createPostgresStore({ connectionString });
    },
  });
}
