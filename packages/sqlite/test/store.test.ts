/** What the conformance suite does not cover: the physical schema, SQLite specifics, failures. */
import { existsSync } from "node:fs";
import {
  createMemoryStore,
  type EventStore,
  exactly,
  LedgerFailure,
  NO_STREAM,
  type StoredEvent,
} from "@safety-ledger/core";
import { collect, makeEvents, take } from "@safety-ledger/testkit";
import Database from "better-sqlite3";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, WAL_AUTOCHECKPOINT_PAGES } from "../src/connection";
import { filterConditions, globPrefix } from "../src/filter-sql";
import { createSqliteStore, LedgerFileMissingError, SCHEMA_VERSION, SchemaTooNewError } from "../src/index";
import { readAllQuery } from "../src/reads";
import { tempDir, verifyStream } from "./helpers";

const temp = tempDir("store");
afterAll(() => temp.cleanup());

const raw = (path: string) => new Database(path);

describe("the physical schema", () => {
  it("is exactly the documented one", async () => {
    const path = temp.file();
    await createSqliteStore({ path }).close();
    const db = raw(path);
    try {
      const columns = (table: string) =>
        (
          db.pragma(`table_info(${table})`) as Array<{
            name: string;
            type: string;
            notnull: number;
            pk: number;
          }>
        ).map((c) => `${c.name} ${c.type}${c.notnull ? " NOT NULL" : ""}${c.pk ? " PK" : ""}`);
      expect(columns("events")).toEqual([
        "global_position INTEGER PK",
        "stream_name TEXT NOT NULL",
        "stream_revision INTEGER NOT NULL",
        "event_id TEXT NOT NULL",
        "event_type TEXT NOT NULL",
        "schema_version INTEGER NOT NULL",
        "data TEXT NOT NULL",
        "metadata TEXT NOT NULL",
        "recorded_at TEXT NOT NULL",
      ]);
      expect(columns("checkpoints")).toEqual([
        "name TEXT PK",
        "position INTEGER NOT NULL",
        "state TEXT NOT NULL",
        "updated_at TEXT NOT NULL",
      ]);
      const unique = (db.pragma("index_list(events)") as Array<{ name: string; unique: number }>)
        .filter((i) => i.unique)
        .map((i) =>
          (db.pragma(`index_info(${i.name})`) as Array<{ name: string }>).map((c) => c.name).join(", "),
        )
        .sort();
      expect(unique).toEqual(["event_id", "stream_name, stream_revision"]);
      expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare("SELECT value FROM schema_meta WHERE key = 'schema_version'").pluck().get()).toBe(
        String(SCHEMA_VERSION),
      );
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.close();
    }
  });

  it("opens connections with synchronous = FULL and a busy timeout", () => {
    const db = openDatabase({ path: temp.file(), busyTimeoutMs: 1234 });
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(1234);
    db.close();
  });

  it("checkpoints the WAL after 10,000 frames, not SQLite's default 1,000 (docs/benchmarks.md)", () => {
    const db = openDatabase({ path: temp.file(), busyTimeoutMs: 0 });
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    expect(WAL_AUTOCHECKPOINT_PAGES).toBe(10_000);
    // a commit of fewer frames leaves them in the WAL for a later checkpoint
    db.exec("CREATE TABLE filler (x BLOB)");
    const insert = db.prepare("INSERT INTO filler (x) VALUES (randomblob(3000))");
    db.transaction(() => {
      for (let i = 0; i < 1_500; i++) insert.run();
    })();
    const [frames] = db.pragma("wal_checkpoint(NOOP)") as Array<{ log: number; checkpointed: number }>;
    expect(frames!.log).toBeGreaterThan(1_000);
    expect(frames!.checkpointed).toBe(0);
    db.close();
  });

  it("stores data and metadata as JSON text, and recorded_at from the metadata", async () => {
    const path = temp.file();
    const store = createSqliteStore({ path });
    const [event] = makeEvents("task-1", 1);
    const result = await store.append("task-1", [event!], NO_STREAM);
    expect(E.isRight(result) && result.right.position).toBe(1n);
    await store.close();
    const db = raw(path);
    const row = db.prepare("SELECT * FROM events").get() as Record<string, unknown>;
    db.close();
    expect(row).toEqual({
      global_position: 1,
      stream_name: "task-1",
      stream_revision: 0,
      event_id: event!.id,
      event_type: event!.type,
      schema_version: 1,
      data: JSON.stringify(event!.data),
      metadata: JSON.stringify(event!.metadata),
      recorded_at: event!.metadata.recordedAt,
    });
  });

  it("refuses a file written by a newer schema version", async () => {
    const path = temp.file();
    await createSqliteStore({ path }).close();
    const db = raw(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(SchemaTooNewError);
  });
});

describe("decoding stored rows", () => {
  const withBadRow = async (column: "data" | "metadata") => {
    const path = temp.file();
    const store = createSqliteStore({ path });
    await store.append("hazard-7", makeEvents("hazard-7", 2), NO_STREAM);
    const db = raw(path);
    db.prepare(`UPDATE events SET ${column} = ? WHERE stream_revision = 1`).run('{"actor": {"unit": ');
    db.close();
    return store;
  };

  it.each(["metadata", "data"] as const)(
    "a row whose %s is not JSON fails the read with an EventDecodeError naming stream and revision",
    async (column) => {
      const store = await withBadRow(column);
      for (const read of [store.readStream("hazard-7"), store.readAll()]) {
        const seen: StoredEvent[] = [];
        const failure = await (async () => {
          for await (const event of read) seen.push(event);
        })().catch((e: unknown) => e);
        expect(seen.map((e) => e.revision)).toEqual([0]);
        expect(failure).toBeInstanceOf(LedgerFailure);
        const error = (failure as LedgerFailure).error;
        expect(error).toMatchObject({
          _tag: "EventDecodeError",
          code: "UNDECODABLE_EVENT",
          stream: "hazard-7",
          revision: 1,
          eventType: "TestHappened",
        });
        expect(error.message).toContain("revision 1 of stream hazard-7");
        expect(error.message).toContain(`its ${column} is not valid JSON`);
      }
      await store.close();
    },
  );

  it("metadata that is JSON but not an object is an EventDecodeError too", async () => {
    const path = temp.file();
    const store = createSqliteStore({ path });
    await store.append("risk-1", makeEvents("risk-1", 1), NO_STREAM);
    const db = raw(path);
    db.prepare("UPDATE events SET metadata = '[1, 2]'").run();
    db.close();
    const failure = await collect(store.readStream("risk-1")).catch((e: unknown) => e);
    expect((failure as LedgerFailure).error).toMatchObject({ _tag: "EventDecodeError", revision: 0 });
    await store.close();
  });
});

describe("filters in SQL", () => {
  it("escapes GLOB's special characters in stream prefixes", () => {
    expect(globPrefix("task-")).toBe("task-*");
    expect(globPrefix("a*b?c[d]_%")).toBe("a[*]b[?]c[[]d]_%*");
  });

  it("match exactly what the port's matchesFilter matches, whatever the stream names", async () => {
    const alphabet = fc.constantFrom("a", "A", "b", "_", "%", "*", "?", "[", "]", "-", "\\", "重", "😀");
    const name = fc.string({ unit: alphabet, minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(name, { minLength: 1, maxLength: 8 }),
        fc.array(fc.string({ unit: alphabet, maxLength: 3 }), { maxLength: 3 }),
        fc.option(fc.array(fc.constantFrom("T1", "T2", "T3"), { maxLength: 3 }), { nil: undefined }),
        async (streams, prefixes, eventTypes) => {
          const sqlite = createSqliteStore({ path: ":memory:", pageSize: 2 });
          const memory = createMemoryStore();
          try {
            for (const [i, stream] of streams.entries()) {
              const events = makeEvents(stream, 2, { type: `T${(i % 3) + 1}` });
              await sqlite.append(stream, events, NO_STREAM);
              await memory.append(stream, events, NO_STREAM);
            }
            const filter = { streamPrefixes: prefixes, ...(eventTypes === undefined ? {} : { eventTypes }) };
            const ids = async (s: EventStore) => (await collect(s.readAll({ filter }))).map((e) => e.id);
            expect(await ids(sqlite)).toEqual(await ids(memory));
          } finally {
            await sqlite.close();
            await memory.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("never make SQLite sort: every read walks positions in order", () => {
    const db = openDatabase({ path: ":memory:", busyTimeoutMs: 0 });
    const filters = [
      undefined,
      { streamPrefixes: ["task-"] },
      { streamPrefixes: ["task-", "hazard-"] },
      { eventTypes: ["HazardRegistered"] },
      { eventTypes: ["HazardRegistered", "HazardRectified"] },
      { streamPrefixes: ["task-"], eventTypes: ["TaskElementAssigned"] },
    ];
    for (const filter of filters)
      for (const backwards of [false, true]) {
        const { sql, params } = readAllQuery({
          filter: filterConditions(filter),
          after: 10n,
          before: backwards ? 100n : undefined,
          backwards,
          limit: 500,
        });
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
          .map((r) => r.detail)
          .join("; ");
        expect(plan, `${sql}: ${plan}`).not.toMatch(/TEMP B-TREE/);
      }
    db.close();
  });
});

describe("SQLite specifics", () => {
  it("a reader holds no statement open between events, so the same store can append meanwhile", async () => {
    const store = createSqliteStore({ path: temp.file(), pageSize: 2 });
    await store.append("task-1", makeEvents("task-1", 5), NO_STREAM);
    let n = 0;
    for await (const event of store.readAll()) {
      n += 1;
      if (event.stream === "task-1")
        expect(E.isRight(await store.append(`other-${n}`, makeEvents(`other-${n}`, 1), NO_STREAM))).toBe(
          true,
        );
    }
    expect(n).toBe(10);
    await store.close();
  });

  it("an empty batch checks the expected version and writes nothing", async () => {
    const store = createSqliteStore({ path: temp.file() });
    await store.append("task-1", makeEvents("task-1", 2), NO_STREAM);
    const ok = await store.append("task-1", [], exactly(1));
    expect(ok).toEqual(E.right({ nextExpectedRevision: 1, position: 2n }));
    const stale = await store.append("task-1", [], exactly(0));
    expect(E.isLeft(stale) && stale.left._tag).toBe("WrongExpectedVersion");
    expect(await collect(store.readAll())).toHaveLength(2);
    await store.close();
  });

  it("an event id already stored rejects the whole batch", async () => {
    const store = createSqliteStore({ path: temp.file() });
    const events = makeEvents("task-1", 2);
    await store.append("task-1", events, NO_STREAM);
    const again = await store.append("task-2", events, NO_STREAM);
    expect(E.isLeft(again) && again.left).toMatchObject({ _tag: "StoreUnavailable", code: "STORE_FAILURE" });
    expect(await collect(store.readStream("task-2"))).toEqual([]);
    await store.close();
  });

  it("a write lock held past the busy timeout is StoreUnavailable, retryable, and nothing is written", async () => {
    const path = temp.file();
    const store = createSqliteStore({ path, busyTimeoutMs: 50 });
    const other = raw(path);
    other.exec("BEGIN IMMEDIATE");
    const blocked = await store.append("task-1", makeEvents("task-1", 1), NO_STREAM);
    expect(E.isLeft(blocked) && blocked.left).toMatchObject({
      _tag: "StoreUnavailable",
      code: "STORE_UNAVAILABLE",
      retryable: true,
    });
    other.exec("COMMIT");
    other.close();
    expect(await collect(store.readStream("task-1"))).toEqual([]);
    expect(E.isRight(await store.append("task-1", makeEvents("task-1", 1), NO_STREAM))).toBe(true);
    await store.close();
  });

  it("a subscription sees appends made through another connection within the poll interval", async () => {
    const path = temp.file();
    const reader = createSqliteStore({ path, pollIntervalMs: 20 });
    const writer = createSqliteStore({ path });
    const subscription = reader.subscribeToAll({ filter: { streamPrefixes: ["entity-"] } });
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      const first = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await writer.append("entity-1", makeEvents("entity-1", 3), NO_STREAM);
      const seen = [(await first).value as StoredEvent, ...(await take(iterator, 2, 2_000))];
      expect(seen.map((e) => e.revision)).toEqual([0, 1, 2]);
    } finally {
      await subscription.close();
      await reader.close();
      await writer.close();
    }
  });

  it("closing the store ends its subscriptions and fails later calls as StoreUnavailable", async () => {
    const store = createSqliteStore({ path: temp.file() });
    const subscription = store.subscribeToAll();
    const pending = subscription[Symbol.asyncIterator]().next();
    await store.close();
    expect((await pending).done).toBe(true);
    const append = await store.append("task-1", makeEvents("task-1", 1), NO_STREAM);
    expect(E.isLeft(append) && append.left).toMatchObject({ _tag: "StoreUnavailable", retryable: false });
    const read = await collect(store.readStream("task-1")).catch((e: unknown) => e);
    expect((read as LedgerFailure).error._tag).toBe("StoreUnavailable");
  });

  it("backs up the whole file online", async () => {
    const store = createSqliteStore({ path: temp.file() });
    await store.append("accident-1", makeEvents("accident-1", 20), NO_STREAM);
    await store.checkpoints.save("stats", { position: 20n, state: { n: 20 } });
    const copyPath = temp.file("backup.db");
    await store.backup(copyPath);
    await store.close();
    const copy = createSqliteStore({ path: copyPath });
    const { problems, revisions } = await verifyStream(copy, "accident-1");
    expect(problems).toEqual([]);
    expect(revisions).toHaveLength(20);
    expect(await copy.checkpoints.load("stats")).toEqual({ position: 20n, state: { n: 20 } });
    await copy.close();
  });

  it("rejects a nonsensical page size or poll interval", () => {
    expect(() => createSqliteStore({ path: ":memory:", pageSize: 0 })).toThrow(RangeError);
    expect(() => createSqliteStore({ path: ":memory:", pollIntervalMs: -1 })).toThrow(RangeError);
  });
});

describe("opening a file that is not there", () => {
  it("create: false throws LedgerFileMissingError and creates nothing; the default creates it", async () => {
    const path = temp.file();
    expect(() => createSqliteStore({ path, create: false })).toThrow(LedgerFileMissingError);
    expect(existsSync(path)).toBe(false);
    await createSqliteStore({ path }).close();
    expect(existsSync(path)).toBe(true);
    // Once it is there, create: false opens it.
    await createSqliteStore({ path, create: false }).close();
    await createSqliteStore({ path: ":memory:", create: false }).close();
  });
});
