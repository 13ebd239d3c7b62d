/**
 * What the contract does not cover: the stored bytes, migrations, checkpoints, error mapping,
 * and subscriptions when the LISTEN connection drops.
 */
import {
  ANY,
  exactly,
  LedgerFailure,
  NO_STREAM,
  ReadLinkCheck,
  STREAM_EXISTS,
  verifyStore,
} from "@safety-ledger/core";
import { collect, makeEvents, take } from "@safety-ledger/testkit";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { isRetryable, toStoreUnavailable } from "../src/errors";
import { createPostgresStore, SchemaTooNewError } from "../src/index";
import { APPEND_LOCK, MIGRATIONS } from "../src/schema";
import { freshDatabase, postgresServers } from "./databases";

const sql = async <T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
};

/** Wait until `check` holds (the server side of an asynchronous change); fails after 20 s. */
const eventually = async (check: () => Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition not reached in 20 s");
};

const lockWaiters = async (url: string): Promise<number[]> =>
  (
    await sql<{ pid: number }>(
      url,
      "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    )
  ).map((r) => r.pid);

const listeners = async (url: string): Promise<number[]> =>
  (
    await sql<{ pid: number }>(
      url,
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()",
    )
  ).map((r) => r.pid);

describe("errors", () => {
  it("connection, shutdown, serialisation, deadlock and lock-timeout failures are retryable; others are not", () => {
    for (const code of ["08000", "08006", "08P01", "57P01", "40001", "40P01", "55P03"])
      expect([code, isRetryable({ code })]).toEqual([code, true]);
    for (const code of ["23505", "42P01", "22P02", "XX000"])
      expect([code, isRetryable({ code })]).toEqual([code, false]);
    expect(isRetryable(new Error("Connection terminated unexpectedly"))).toBe(true);
    const mapped = toStoreUnavailable("db", "appending", Object.assign(new Error("boom"), { code: "42P01" }));
    expect(mapped).toMatchObject({ _tag: "StoreUnavailable", code: "STORE_FAILURE", retryable: false });
    expect(mapped.message).toContain("42P01");
  });

  it("a server that does not answer is a retryable StoreUnavailable when opening", async () => {
    const failure = await createPostgresStore({
      connectionString: "postgres://nobody:x@127.0.0.1:1/none",
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LedgerFailure);
    expect((failure as LedgerFailure).error).toMatchObject({ _tag: "StoreUnavailable", retryable: true });
  });
});

for (const server of postgresServers()) {
  describe(`PostgreSQL store (${server.name})`, () => {
    let url: string;
    beforeAll(async () => {
      url = await freshDatabase(server, "store");
    });

    it("stores data as json text in its canonical form (the bytes its hash covers), metadata as written", async () => {
      const store = await createPostgresStore({ connectionString: url });
      try {
        const stream = `bytes-${Date.now()}`;
        const data = { z: 1, a: [1.5, 1e21, -0.000001], nul: "\u0000", lone: "\ud800", dup: { b: 2, a: 1 } };
        const events = makeEvents(stream, 1, { data: () => data });
        expect(E.isRight(await store.append(stream, events, NO_STREAM))).toBe(true);
        const [row] = await sql<{ data: string; metadata: string; kind: string }>(
          url,
          "SELECT data::text AS data, metadata::text AS metadata, pg_typeof(data)::text AS kind FROM events WHERE stream_name = $1",
          [stream],
        );
        expect(row?.kind).toBe("json");
        // RFC 8785: keys sorted, ECMAScript number forms, control characters and lone surrogates escaped
        expect(row?.data).toBe(
          '{"a":[1.5,1e+21,-0.000001],"dup":{"a":1,"b":2},"lone":"\\ud800","nul":"\\u0000","z":1}',
        );
        expect(row?.metadata).toBe(JSON.stringify(events[0]!.metadata));
        const [read] = await collect(store.readStream(stream));
        expect(read?.data).toEqual(data);
        expect((await verifyStore(store, { stream })).problems).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("reads data kept in another form (a ledger written before: codec key order) as intact; a changed value in any form is reported", async () => {
      const store = await createPostgresStore({ connectionString: url });
      try {
        const stream = `older-${Date.now()}`;
        const data = (i: number) => ({ z: i, a: { y: "广元", b: [i, 0.5] } });
        expect(E.isRight(await store.append(stream, makeEvents(stream, 4, { data }), NO_STREAM))).toBe(true);
        const setData = (revision: number, text: string) =>
          sql(
            url,
            "UPDATE events SET data = $3::text::json WHERE stream_name = $1 AND stream_revision = $2",
            [stream, revision, text],
          );
        for (let i = 0; i < 4; i++) await setData(i, JSON.stringify(data(i)));
        const problems = async () => {
          const check = new ReadLinkCheck(false);
          for (const event of await collect(store.readStream(stream))) check.check(event);
          const verified = await verifyStore(store, { stream });
          expect(verified.problems).toEqual(check.problems);
          return check.problems.map((p) => [p.revision, p.kind]);
        };
        expect(await problems()).toEqual([]);
        expect((await collect(store.readStream(stream))).map((e) => e.data)).toEqual([0, 1, 2, 3].map(data));
        await setData(1, JSON.stringify({ ...data(1), z: 9 }));
        await setData(2, JSON.stringify({ a: data(2).a, z: 9 }, null, 1));
        await setData(3, '{"a":{"b":[3,0.5],"y":"广元"},"z":9}');
        expect(await problems()).toEqual([
          [1, "changed"],
          [2, "changed"],
          [3, "changed"],
        ]);
      } finally {
        await store.close();
      }
    });

    it("migrates once when several processes open a new database at once, and records the version", async () => {
      const fresh = await freshDatabase(server, "migrate");
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => createPostgresStore({ connectionString: fresh })),
      );
      await Promise.all(stores.map((s) => s.close()));
      const rows = await sql<{ version: number; applied_by: string }>(
        fresh,
        "SELECT version, applied_by FROM schema_migrations ORDER BY version",
      );
      expect(rows).toEqual([
        { version: 1, applied_by: "@safety-ledger/postgres" },
        { version: 2, applied_by: "@safety-ledger/postgres" },
      ]);
    });

    it("takes a database of schema version 1 (with its events) to version 2", async () => {
      const old = await freshDatabase(server, "upgrade");
      await sql(
        old,
        `CREATE TABLE schema_migrations (version integer PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL)`,
      );
      await sql(old, MIGRATIONS[0]!);
      await sql(old, "INSERT INTO schema_migrations (version, applied_by) VALUES (1, 'version 1')");
      await sql(
        old,
        `INSERT INTO events VALUES (1, 'old-1', 0, 'e1', 'T', 1, '{}', '{}', '2021-03-01T10:00:00+08:00')`,
      );
      const store = await createPostgresStore({ connectionString: old, releaseLockBeforeFlush: true });
      try {
        expect(store.schemaVersion).toBe(2);
        const versions = await sql<{ version: number }>(
          old,
          "SELECT version FROM schema_migrations ORDER BY 1",
        );
        expect(versions.map((v) => v.version)).toEqual([1, 2]);
        expect(await sql(old, "SELECT backend FROM append_flushes")).toEqual([]);
        expect((await collect(store.readStream("old-1"))).map((e) => e.id)).toEqual(["e1"]);
      } finally {
        await store.close();
      }
    });

    it("refuses a database migrated by a newer version", async () => {
      const fresh = await freshDatabase(server, "newer");
      await (await createPostgresStore({ connectionString: fresh })).close();
      await sql(fresh, "INSERT INTO schema_migrations (version, applied_by) VALUES (99, 'the future')");
      await expect(createPostgresStore({ connectionString: fresh })).rejects.toBeInstanceOf(
        SchemaTooNewError,
      );
    });

    it("keeps checkpoints beside the events: saved, overwritten, loaded, missing", async () => {
      const store = await createPostgresStore({
        connectionString: url,
        clock: () => new Date("2021-01-01T00:00:00Z"),
      });
      try {
        expect(await store.checkpoints.load("missing")).toBeUndefined();
        await store.checkpoints.save("stats", { position: 5n, state: { count: 1 } });
        await store.checkpoints.save("stats", {
          position: 9_007_199_254_740_993n,
          state: { count: 2, 名: "广元" },
        });
        expect(await store.checkpoints.load("stats")).toEqual({
          position: 9_007_199_254_740_993n,
          state: { count: 2, 名: "广元" },
        });
      } finally {
        await store.close();
      }
    });

    it("an append that times out waiting for the append lock is a retryable StoreUnavailable; retried, it succeeds", async () => {
      const pool = new pg.Pool({ connectionString: url, options: "-c lock_timeout=100" });
      pool.on("error", () => undefined);
      const store = await createPostgresStore({ pool });
      // Another session holds the append lock (a stuck writer).
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      try {
        const stream = `locked-${Date.now()}`;
        await blocker.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
        const failed = await store.append(stream, makeEvents(stream, 1), NO_STREAM);
        expect(E.isLeft(failed) && failed.left).toMatchObject({ _tag: "StoreUnavailable", retryable: true });
        expect(E.isLeft(failed) && failed.left.message).toContain("55P03");
        await blocker.query("ROLLBACK");
        expect(E.isRight(await store.append(stream, makeEvents(stream, 1), NO_STREAM))).toBe(true);
      } finally {
        await blocker.end();
        await store.close();
        await pool.end();
      }
    });

    it("appends that wait for the lock commit together in one transaction, in order; a wrong expected version fails only its own append", async () => {
      const store = await createPostgresStore({ connectionString: url });
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      let fillers = 0;
      /** Hold the lock, let one append take it (the group in flight waits on the server), queue `work`, release. */
      const behindTheLock = async (work: () => ReturnType<typeof store.append>[]) => {
        await blocker.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
        const stream = `filler-${tag}-${fillers++}`;
        const inFlight = store.append(stream, makeEvents(stream, 1), NO_STREAM);
        await eventually(async () => (await lockWaiters(url)).length === 1);
        const queued = work();
        await blocker.query("ROLLBACK");
        expect(E.isRight(await inFlight)).toBe(true);
        return Promise.all(queued);
      };
      const rows = async (...streams: string[]) =>
        sql<{ stream_name: string; stream_revision: number; position: string; tx: string }>(
          url,
          "SELECT stream_name, stream_revision, global_position::text AS position, xmin::text AS tx FROM events WHERE stream_name = ANY($1) ORDER BY global_position",
          [streams],
        );
      try {
        const [r, s, t, u] = ["r", "s", "t", "u"].map((name) => `group-${name}-${tag}`) as [
          string,
          string,
          string,
          string,
        ];
        expect(E.isRight(await store.append(s, makeEvents(s, 1), NO_STREAM))).toBe(true);
        const rEvents = makeEvents(r, 3);

        // A wrong exact revision among them: the one-round-trip check fails, the group is planned again.
        const [r0, wrong, r1] = await behindTheLock(() => [
          store.append(r, rEvents.slice(0, 1), NO_STREAM),
          store.append(s, makeEvents(s, 1, { firstRevision: 5 }), exactly(5)),
          store.append(r, rEvents.slice(1, 2), exactly(0)),
        ]);
        expect(E.isLeft(wrong!) && wrong.left).toMatchObject({ _tag: "WrongExpectedVersion", actual: 0 });
        const [first, second] = [r0!, r1!];
        expect(E.isRight(first) && E.isRight(second)).toBe(true);
        if (E.isLeft(first) || E.isLeft(second)) return;
        expect(second.right).toEqual({ nextExpectedRevision: 1, position: first.right.position + 1n });
        let written = await rows(r);
        expect(written.map((w) => w.stream_revision)).toEqual([0, 1]);
        expect(new Set(written.map((w) => w.tx)).size).toBe(1);

        // Every revision right: one round trip, one transaction, positions in the order asked.
        const [r2, s1, u0] = await behindTheLock(() => [
          store.append(r, rEvents.slice(2), exactly(1)),
          store.append(s, makeEvents(s, 1, { firstRevision: 1 }), exactly(0)),
          store.append(u, makeEvents(u, 2), NO_STREAM),
        ]);
        const positions = [r2, s1, u0].map((x) => (E.isRight(x!) ? x.right.position : undefined));
        expect(positions).toEqual([positions[0], positions[0]! + 1n, positions[0]! + 3n]);
        written = await rows(r, s, u);
        const last = written.filter((w) => BigInt(w.position) >= positions[0]!);
        expect(last.map((w) => `${w.stream_name}@${w.stream_revision}`)).toEqual([
          `${r}@2`,
          `${s}@1`,
          `${u}@0`,
          `${u}@1`,
        ]);
        expect(new Set(last.map((w) => w.tx)).size).toBe(1);

        // `any` and `stream_exists` cannot be checked ahead: the two-round-trip way, still one transaction.
        const [t0, s2, missing] = await behindTheLock(() => [
          store.append(t, makeEvents(t, 1), ANY),
          store.append(s, makeEvents(s, 1, { firstRevision: 2 }), STREAM_EXISTS),
          store.append(`${t}-none`, makeEvents(`${t}-none`, 1), STREAM_EXISTS),
        ]);
        expect(E.isRight(t0!) && E.isRight(s2!) && s2.right.nextExpectedRevision).toBe(2);
        expect(E.isLeft(missing!) && missing.left._tag).toBe("WrongExpectedVersion");
        written = await rows(t, s);
        expect(new Set(written.slice(-2).map((w) => w.tx)).size).toBe(1);
      } finally {
        await blocker.end();
        await store.close();
      }
    });

    it("with the lock released before the flush, groups wait for the lock side by side; all but a lone first command then flush in a second transaction", async () => {
      const store = await createPostgresStore({
        connectionString: url,
        releaseLockBeforeFlush: true,
        groupsInFlight: 3,
      });
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const streams = ["a", "b", "c", "d"].map((name) => `early-${name}-${tag}`);
      try {
        await blocker.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
        const appends: ReturnType<typeof store.append>[] = [];
        const waiters: number[] = [];
        for (const stream of streams.slice(0, 3)) {
          appends.push(store.append(stream, makeEvents(stream, 2), NO_STREAM));
          await eventually(async () => (await lockWaiters(url)).length === waiters.length + 1);
          waiters.push((await lockWaiters(url)).find((pid) => !waiters.includes(pid))!);
        }
        // every lane is busy: the fourth waits in the queue, not on the server
        appends.push(store.append(streams[3]!, makeEvents(streams[3]!, 1), NO_STREAM));
        expect((await lockWaiters(url)).length).toBe(3);
        await blocker.query("ROLLBACK");
        const results = await Promise.all(appends);
        expect(results.every(E.isRight)).toBe(true);

        const written = await sql<{ stream_name: string; position: string; tx: string }>(
          url,
          "SELECT stream_name, global_position::text AS position, xmin::text AS tx FROM events WHERE stream_name = ANY($1) ORDER BY global_position",
          [streams],
        );
        expect(written).toHaveLength(7);
        const positions = written.map((w) => BigInt(w.position));
        expect(positions).toEqual(positions.map((_, i) => positions[0]! + BigInt(i)));
        // the groups waited side by side, so they are separate transactions, in the order they were sent
        expect(written.slice(0, 6).map((w) => w.stream_name)).toEqual(
          streams.slice(0, 3).flatMap((stream) => [stream, stream]),
        );
        expect(new Set(written.map((w) => w.tx)).size).toBe(4);

        // The two sent while another group was in flight flushed in a transaction of their own.
        const flushed = await sql<{ backend: number }>(
          url,
          "SELECT backend FROM append_flushes WHERE backend = ANY($1)",
          [waiters.slice(1)],
        );
        expect(flushed.map((f) => f.backend).sort()).toEqual(waiters.slice(1).sort());
      } finally {
        await blocker.end();
        await store.close();
      }

      // A lone command with nothing else in flight holds the lock through its own flush: no second transaction.
      const lone = await createPostgresStore({
        connectionString: url,
        releaseLockBeforeFlush: true,
        maxConnections: 1,
      });
      try {
        const { rows } = await lone.pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        const pid = rows[0]!.pid;
        await sql(url, "DELETE FROM append_flushes WHERE backend = $1", [pid]);
        const stream = `early-lone-${tag}`;
        expect(E.isRight(await lone.append(stream, makeEvents(stream, 1), NO_STREAM))).toBe(true);
        expect(await sql(url, "SELECT backend FROM append_flushes WHERE backend = $1", [pid])).toEqual([]);
        // a command sent while another is in flight releases the lock first and flushes after
        const [x, y] = await Promise.all(
          ["x", "y"].map((name) => {
            const s = `early-lone-${name}-${tag}`;
            return lone.append(s, makeEvents(s, 1), NO_STREAM);
          }),
        );
        expect(E.isRight(x!) && E.isRight(y!)).toBe(true);
        expect(await sql(url, "SELECT backend FROM append_flushes WHERE backend = $1", [pid])).toEqual([
          { backend: pid },
        ]);
      } finally {
        await lone.close();
      }
    });

    it("an append whose connection the server terminates mid-transaction is a retryable StoreUnavailable", async () => {
      const pool = new pg.Pool({ connectionString: url });
      pool.on("error", () => undefined);
      const store = await createPostgresStore({ pool });
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      try {
        const stream = `terminated-${Date.now()}`;
        await blocker.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
        const pending = store.append(stream, makeEvents(stream, 1), NO_STREAM);
        // The append waits for the lock; an administrator terminates its backend.
        await eventually(async () => (await lockWaiters(url)).length === 1);
        await sql(url, "SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [
          await lockWaiters(url),
        ]);
        const failed = await pending;
        expect(E.isLeft(failed) && failed.left).toMatchObject({ _tag: "StoreUnavailable", retryable: true });
        await blocker.query("ROLLBACK");
        expect(E.isRight(await store.append(stream, makeEvents(stream, 1), NO_STREAM))).toBe(true);
      } finally {
        await blocker.end();
        await store.close();
        await pool.end();
      }
    });

    it("a subscription keeps receiving when its LISTEN connection is killed: the listener reconnects", async () => {
      // A poll interval far longer than the test: only a notification can wake the subscription.
      const store = await createPostgresStore({
        connectionString: url,
        pollIntervalMs: 600_000,
        reconnectDelayMs: 50,
      });
      const writer = await createPostgresStore({ connectionString: url });
      const prefix = `listen-${Date.now()}-`;
      const stream = `${prefix}1`;
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        const first = iterator.next();
        await eventually(async () => (await listeners(url)).length === 1);
        const [killed] = await listeners(url);
        await sql(url, "SELECT pg_terminate_backend($1)", [killed]);
        await eventually(async () => {
          const now = await listeners(url);
          return now.length === 1 && now[0] !== killed;
        });
        await writer.append(stream, makeEvents(stream, 2), NO_STREAM);
        const events = [(await first).value, ...(await take(iterator, 1))];
        expect(events.map((e) => e?.revision)).toEqual([0, 1]);
      } finally {
        await subscription.close();
        await writer.close();
        await store.close();
      }
    });

    it("without any LISTEN connection a subscription still gets every event, by polling", async () => {
      const store = await createPostgresStore({
        connectionString: url,
        pollIntervalMs: 20,
        reconnectDelayMs: 600_000,
      });
      const writer = await createPostgresStore({ connectionString: url });
      const prefix = `poll-${Date.now()}-`;
      const stream = `${prefix}1`;
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        const first = iterator.next();
        await eventually(async () => (await listeners(url)).length === 1);
        await sql(
          url,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = current_database()",
        );
        await eventually(async () => (await listeners(url)).length === 0);
        for (let i = 0; i < 3; i++)
          await writer.append(
            stream,
            makeEvents(stream, 1, { firstRevision: i }),
            i === 0 ? NO_STREAM : exactly(i - 1),
          );
        const events = [(await first).value, ...(await take(iterator, 2))];
        expect(events.map((e) => e?.revision)).toEqual([0, 1, 2]);
      } finally {
        await subscription.close();
        await writer.close();
        await store.close();
      }
    });
  });
}
