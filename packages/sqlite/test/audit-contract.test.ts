/**
 * The audit conformance suite on SQLite files, tampered with the way a DBA with the file could:
 * plain SQL through a second connection while the store is closed, then the store reopened.
 */
import type { EventToAppend, StoredEvent } from "@safety-ledger/core";
import { auditContract, type Tampering } from "@safety-ledger/testkit";
import Database from "better-sqlite3";
import { afterAll } from "vitest";
import { createSqliteStore, type SqliteEventStore } from "../src/index";
import { tempDir } from "./helpers";

const temp = tempDir("audit");
afterAll(() => temp.cleanup());

const at = (event: StoredEvent) => [event.stream, event.revision] as const;

/** The same rows, without the UNIQUE constraints that keep a revision from appearing twice. */
const DROP_UNIQUENESS = `
  CREATE TABLE events_tampered (
    global_position INTEGER PRIMARY KEY, stream_name TEXT NOT NULL, stream_revision INTEGER NOT NULL,
    event_id TEXT NOT NULL, event_type TEXT NOT NULL, schema_version INTEGER NOT NULL,
    data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL);
  INSERT INTO events_tampered SELECT global_position, stream_name, stream_revision, event_id, event_type,
    schema_version, data, metadata, recorded_at FROM events;
  DROP TABLE events;
  ALTER TABLE events_tampered RENAME TO events;`;

/** Move every row before `position` one position down (two steps, so no key collides on the way). */
const shiftDownBefore = (db: Database.Database, position: bigint) => {
  db.prepare(
    "UPDATE events SET global_position = -global_position - 1000000000 WHERE global_position < ?",
  ).run(position);
  db.prepare(
    "UPDATE events SET global_position = -(global_position + 1000000000) - 1 WHERE global_position <= -1000000000",
  ).run();
};

/** Move every row from `position` on one position up (two steps, so no key collides on the way). */
const shiftUpFrom = (db: Database.Database, position: bigint) => {
  db.prepare("UPDATE events SET global_position = -global_position WHERE global_position >= ?").run(position);
  db.prepare("UPDATE events SET global_position = -global_position + 1 WHERE global_position < 0").run();
};

const insertRow = (db: Database.Database, position: bigint, target: StoredEvent, event: EventToAppend) =>
  db
    .prepare(
      "INSERT INTO events (global_position, stream_name, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      position,
      target.stream,
      target.revision,
      event.id,
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      event.metadata.recordedAt,
    );

const tamperFile = (db: Database.Database, tampering: Tampering) => {
  const where = "WHERE stream_name = ? AND stream_revision = ?";
  switch (tampering.kind) {
    case "change": {
      const { replacement } = tampering;
      db.prepare(`UPDATE events SET data = ?, metadata = ? ${where}`).run(
        JSON.stringify(replacement.data),
        JSON.stringify(replacement.metadata),
        ...at(tampering.target),
      );
      return;
    }
    case "delete":
      db.prepare(`DELETE FROM events ${where}`).run(...at(tampering.target));
      return;
    case "reorder": {
      const { target, next } = tampering;
      db.prepare("UPDATE events SET global_position = -1 WHERE global_position = ?").run(target.position);
      db.prepare("UPDATE events SET global_position = ? WHERE global_position = ?").run(
        target.position,
        next.position,
      );
      db.prepare("UPDATE events SET global_position = ? WHERE global_position = -1").run(next.position);
      return;
    }
    case "insert": {
      const { target, forged } = tampering;
      db.exec(DROP_UNIQUENESS);
      shiftDownBefore(db, target.position);
      const event: EventToAppend = forged;
      db.prepare(
        "INSERT INTO events (global_position, stream_name, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
        target.position - 1n,
        target.stream,
        target.revision,
        event.id,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        event.metadata.recordedAt,
      );
      return;
    }
    case "insert-shifting": {
      const { target, forged } = tampering;
      db.exec(DROP_UNIQUENESS);
      shiftUpFrom(db, target.position);
      insertRow(db, target.position, target, forged);
      return;
    }
    case "delete-stream":
      db.prepare("DELETE FROM events WHERE stream_name = ?").run(tampering.stream);
      return;
    case "truncate":
      db.prepare("DELETE FROM events WHERE stream_name = ? AND stream_revision >= ?").run(
        tampering.stream,
        tampering.fromRevision,
      );
      return;
  }
};

auditContract<SqliteEventStore>({
  name: "SQLite",
  makeStore: async () => createSqliteStore({ path: temp.file() }),
  tamper: async (store, tampering) => {
    await store.close();
    const db = new Database(store.path);
    try {
      db.transaction(() => tamperFile(db, tampering))();
    } finally {
      db.close();
    }
    return createSqliteStore({ path: store.path });
  },
});
