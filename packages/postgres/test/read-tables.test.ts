/**
 * What the read tables on PostgreSQL do beyond the testkit's read-tables contract
 * (read-tables-contract.test.ts): a batch that fails part-way leaves the rows and the
 * checkpoint together; DELETE and TRUNCATE on `events` force a rebuild too; the views carry
 * their Chinese comments; and every PostgreSQL example query of docs/read-models.md runs and
 * finds rows.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  campaignLedgerProjection,
  createMemoryStore,
  LedgerFailure,
  ledgerEvents,
  newEventId,
  runProjections,
  type StoredEvent,
  supervisionFromTables,
  supervisionProjection,
  wallChart,
  wallChartFromTables,
} from "@safety-ledger/core";
import { appendStoredEvents } from "@safety-ledger/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { generateHistory } from "../../../bench/generate";
import {
  createPostgresStore,
  LIST_VIEWS,
  POSTGRES_READ_TABLES_VERSION,
  postgresReadTableNames,
} from "../src/index";
import { createPostgresReadTables } from "../src/read-tables";
import { readTablesBeside } from "../src/read-tables-beside";
import { freshDatabase, postgresServers, runSql } from "./databases";

const base: StoredEvent[] = [];
beforeAll(async () => {
  const memory = createMemoryStore();
  await generateHistory(memory, { events: 700, seed: 7 });
  for await (const e of memory.readAll()) base.push(e);
});

const names = postgresReadTableNames(POSTGRES_READ_TABLES_VERSION);

for (const server of postgresServers()) {
  describe(`read tables on PostgreSQL (${server.name})`, () => {
    const open = async (label: string) => {
      const url = await freshDatabase(server, label);
      return { url, store: await createPostgresStore({ connectionString: url, maxConnections: 4 }) };
    };
    const snapshot = async (url: string) => ({
      checkpoint: await runSql(url, "SELECT position::text, state::text FROM checkpoints WHERE name = $1", [
        names.checkpoint,
      ]),
      versions: await runSql(
        url,
        `SELECT count(*)::int AS n, max(position)::text AS last FROM ${names.versions}`,
      ),
      times: await runSql(
        url,
        `SELECT count(*)::int AS n, max(position)::text AS last FROM ${names.eventTimes}`,
      ),
    });

    it("an event that does not decode, or a write that fails part-way, leaves the rows and the checkpoint where they were", async () => {
      const { url, store } = await open("rt_crash");
      try {
        await appendStoredEvents(store, base.slice(0, 300));
        await store.readTables.catchUp();
        const before = await snapshot(url);
        expect(before.checkpoint).toEqual([{ position: "300", state: JSON.stringify({ known: 300 }) }]);
        expect(before.times).toEqual([{ n: 300, last: "300" }]);
        // good events, then (in the same batch) one whose data does not decode
        const bad = base.find((e) => e.type === "EntityRegistered")!;
        await appendStoredEvents(store, base.slice(300, 320));
        await appendStoredEvents(store, [
          {
            ...bad,
            id: newEventId(),
            stream: "entity-broken",
            data: { ...(bad.data as object), sector: 42 },
          },
        ]);
        const failed = await store.readTables.catchUp().then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failed).toBeInstanceOf(LedgerFailure);
        expect((failed as LedgerFailure).message).toMatch(/sector/);
        expect(await snapshot(url)).toEqual(before);
        // a batch whose versions are written and whose event instants then fail: nothing of it stays
        await runSql(url, "DELETE FROM events WHERE stream_name = 'entity-broken'");
        await runSql(url, `TRUNCATE ${names.changes}`); // (that DELETE is not the tampering under test)
        await runSql(
          url,
          `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
           CREATE TRIGGER refuse BEFORE INSERT ON ${names.eventTimes} FOR EACH STATEMENT EXECUTE PROCEDURE refuse();`,
        );
        const full = await store.readTables.catchUp().then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(full).toBeInstanceOf(LedgerFailure);
        expect((full as LedgerFailure).message).toMatch(/disk full/);
        expect(await snapshot(url)).toEqual(before);
        await runSql(url, `DROP TRIGGER refuse ON ${names.eventTimes}`);
        expect((await store.readTables.catchUp()).events).toBe(20);
        expect((await snapshot(url)).checkpoint[0]).toMatchObject({ position: "320" });
      } finally {
        await store.close();
      }
    });

    it("a DELETE and a TRUNCATE of events force a rebuild: the tables then hold what the ledger holds", async () => {
      const { url, store } = await open("rt_truncate");
      try {
        await appendStoredEvents(store, base.slice(0, 200));
        await store.readTables.catchUp();
        const last = base[199]!;
        await runSql(url, "DELETE FROM events WHERE global_position = 200");
        const afterDelete = await store.readTables.catchUp();
        expect(afterDelete.events).toBe(199);
        expect((await store.readTables.stamp({})).position).toBe(199n);
        expect(last.stream).toBeDefined();
        await runSql(url, "TRUNCATE events");
        const emptied = await store.readTables.catchUp();
        expect(emptied).toMatchObject({ events: 0, position: undefined, versions: 0 });
        expect(await store.readTables.stamp({})).toEqual({
          position: undefined,
          lastHash: undefined,
          events: 0,
        });
        expect(await supervisionFromTables(store.readTables, {})).toEqual({
          entities: {},
          risks: {},
          hazards: {},
          accidents: {},
        });
        await appendStoredEvents(store, base.slice(0, 50));
        expect((await store.readTables.catchUp()).events).toBe(50);
        expect((await store.readTables.stamp({})).events).toBe(50);
      } finally {
        await store.close();
      }
    });

    it("tables of this version laid out before valid_to are built again, and then answer from the open versions' business intervals", async () => {
      const { url, store } = await open("rt_layout");
      try {
        await appendStoredEvents(store, base.slice(0, 200));
        await store.readTables.catchUp();
        const expected = await supervisionFromTables(store.readTables, { asOf: "2021-06-30" });
        // the layout before valid_to: the column gone, as a database built by an earlier release holds it
        await runSql(url, `ALTER TABLE ${names.versions} DROP COLUMN valid_to CASCADE`);
        const again = await createPostgresStore({ connectionString: url, maxConnections: 2 });
        try {
          expect(await again.readTables.catchUp()).toMatchObject({ events: 200, position: 200n });
          expect(await supervisionFromTables(again.readTables, { asOf: "2021-06-30" })).toEqual(expected);
          // every open version but each item's last ends where the item's next open version begins
          const [wrong] = await runSql<{ n: number }>(
            url,
            `SELECT count(*)::int AS n FROM ${names.versions} v
              WHERE v.recorded_to = ${Number.MAX_SAFE_INTEGER}
                AND v.valid_to <> coalesce((SELECT min(w.valid_from) FROM ${names.versions} w
                                             WHERE w.kind = v.kind AND w.item = v.item
                                               AND w.recorded_to = v.recorded_to AND w.valid_from > v.valid_from),
                                           ${Number.MAX_SAFE_INTEGER})`,
          );
          expect(wrong).toEqual({ n: 0 });
          const [tasks] = await runSql<{ n: number; summaries: number }>(
            url,
            `SELECT count(*)::int AS n, count(summary)::int AS summaries FROM ${names.versions} WHERE kind = 'tasks'`,
          );
          expect(tasks!.n).toBeGreaterThan(0);
          expect(tasks!.summaries).toBe(tasks!.n);
        } finally {
          await again.close();
        }
      } finally {
        await store.close();
      }
    });

    it("a batch commits without waiting for its WAL flush; the ledger's appends still wait", async () => {
      const { url, store: first } = await open("rt_async_commit");
      await first.close();
      // (the test server commits asynchronously throughout; this database waits for the flush)
      await runSql(url, `ALTER DATABASE ${new URL(url).pathname.slice(1)} SET synchronous_commit = on`);
      const store = await createPostgresStore({ connectionString: url, maxConnections: 4 });
      try {
        await store.readTables.stamp({}); // (creates the schema)
        await runSql(
          url,
          `CREATE TABLE seen (what text, setting text);
           CREATE FUNCTION note_setting() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN INSERT INTO seen VALUES (TG_TABLE_NAME, current_setting('synchronous_commit')); RETURN NULL; END $$;
           CREATE TRIGGER note AFTER INSERT ON ${names.eventTimes} FOR EACH STATEMENT EXECUTE PROCEDURE note_setting();
           CREATE TRIGGER note AFTER INSERT ON events FOR EACH STATEMENT EXECUTE PROCEDURE note_setting();`,
        );
        await appendStoredEvents(store, base.slice(0, 50));
        await store.readTables.catchUp();
        const seen = await runSql<{ what: string; setting: string }>(
          url,
          "SELECT DISTINCT what, setting FROM seen",
        );
        expect(seen).toEqual(
          expect.arrayContaining([
            { what: names.eventTimes, setting: "off" },
            { what: "events", setting: "on" },
          ]),
        );
        expect(seen).toHaveLength(2);
        // and the setting stays with its transaction: the connection's next use waits again
        await runSql(url, "TRUNCATE seen");
        await appendStoredEvents(store, base.slice(50, 60));
        expect(await runSql(url, "SELECT DISTINCT what, setting FROM seen")).toEqual([
          { what: "events", setting: "on" },
        ]);
      } finally {
        await store.close();
      }
    });

    // the upgrade by rebuild: a database whose tables the release before built
    it("version 4 is built beside version 3's tables, which keep the views until it has caught up, then go", async () => {
      const { url, store } = await open("rt_upgrade");
      const old = postgresReadTableNames(POSTGRES_READ_TABLES_VERSION - 1);
      const viewsOn = async () =>
        (
          await runSql<{ on: string }>(
            url,
            `SELECT DISTINCT substring(definition FROM 'read_versions_v[0-9]+') AS on FROM pg_views
              WHERE viewname = ANY ($1::text[])`,
            [LIST_VIEWS],
          )
        ).map((row) => row.on);
      const present = async (relation: string) =>
        (await runSql<{ there: boolean }>(url, "SELECT to_regclass($1) IS NOT NULL AS there", [relation]))[0]!
          .there;
      try {
        await appendStoredEvents(store, base.slice(0, 300));
        // a database read by the release before: version 3's tables, views and triggers
        const v3 = createPostgresReadTables(store.pool, "test", store, () => new Date(), 3);
        await v3.catchUp();
        expect(v3.boardTasks).toBeUndefined();
        expect(await viewsOn()).toEqual([old.versions]);
        const { models } = await runProjections(store, ledgerEvents, [supervisionProjection] as const, {
          slice: { asOf: "2021-06-30" },
        });
        expect(await supervisionFromTables(v3, { asOf: "2021-06-30" })).toEqual(models[0]);
        // version 4's build, interrupted part-way: version 3 keeps its tables and the views
        const v4 = createPostgresReadTables(store.pool, "test", store, () => new Date(), 4, {
          batchEvents: 100,
        });
        await v4.stamp({}); // (creates version 4's schema beside version 3's)
        expect(await viewsOn()).toEqual([old.versions]);
        await runSql(
          url,
          `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN IF NEW.position > 200 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
           CREATE TRIGGER refuse BEFORE INSERT ON ${names.eventTimes} FOR EACH ROW EXECUTE PROCEDURE refuse();`,
        );
        await expect(v4.catchUp()).rejects.toThrow(/disk full/);
        expect(await present(old.versions)).toBe(true);
        expect(await viewsOn()).toEqual([old.versions]);
        expect((await runSql(url, "SELECT count(*)::int AS n FROM list_hazards"))[0]).not.toEqual({ n: 0 });
        // it goes on from its checkpoint; caught up, it takes the views and version 3 is dropped
        await runSql(url, `DROP TRIGGER refuse ON ${names.eventTimes}`);
        expect(await v4.catchUp()).toMatchObject({ events: 100, position: 300n });
        expect(await viewsOn()).toEqual([names.versions]);
        for (const relation of [old.versions, old.eventTimes, old.changes, old.problems])
          expect(await present(relation), relation).toBe(false);
        expect(
          await runSql(
            url,
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'events'::regclass AND tgname LIKE $1",
            ["read\\_changes\\_v3%"],
          ),
        ).toEqual([]);
        expect(await runSql(url, "SELECT name FROM checkpoints WHERE name = $1", [old.checkpoint])).toEqual(
          [],
        );
        expect(await supervisionFromTables(v4, { asOf: "2021-06-30" })).toEqual(models[0]);
        expect(await wallChartFromTables(v4, "2021-06-30")).toEqual(
          wallChart(
            (await runProjections(store, ledgerEvents, [campaignLedgerProjection] as const)).models[0],
            "2021-06-30",
          ),
        );
        // the open versions' span is the class of their business interval; the others have none
        const [wrong] = await runSql<{ n: number; open: number }>(
          url,
          `SELECT count(*) FILTER (WHERE CASE WHEN recorded_to = ${Number.MAX_SAFE_INTEGER}
                    THEN span IS DISTINCT FROM (CASE WHEN valid_to = ${Number.MAX_SAFE_INTEGER} THEN 64
                      ELSE length(ltrim(greatest(1, valid_to - valid_from)::bit(64)::text, '0')) END)
                    ELSE span IS NOT NULL END)::int AS n,
                  count(*) FILTER (WHERE recorded_to = ${Number.MAX_SAFE_INTEGER} AND valid_to < ${Number.MAX_SAFE_INTEGER})::int AS open
             FROM ${names.versions}`,
        );
        expect(wrong!.n).toBe(0);
        expect(wrong!.open).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });

    it("beside version 3's tables, each read builds version 4 a bounded step further and answers from version 3 until version 4 has caught up", async () => {
      const { url, store } = await open("rt_beside");
      const old = postgresReadTableNames(3);
      const position = async (checkpoint: string) =>
        (
          await runSql<{ at: string }>(url, "SELECT position::text AS at FROM checkpoints WHERE name = $1", [
            checkpoint,
          ])
        )[0]?.at;
      const present = async (relation: string) =>
        (await runSql<{ there: boolean }>(url, "SELECT to_regclass($1) IS NOT NULL AS there", [relation]))[0]!
          .there;
      const replayed = async (asOf: string) => {
        const { models } = await runProjections(store, ledgerEvents, [
          campaignLedgerProjection,
          supervisionProjection,
        ] as const);
        return { chart: wallChart(models[0], asOf), supervision: models[1] };
      };
      try {
        await appendStoredEvents(store, base.slice(0, 300));
        await createPostgresReadTables(store.pool, "test", store, () => new Date(), 3).catchUp();
        await appendStoredEvents(store, base.slice(300, 320));
        const tables = readTablesBeside(
          store.pool,
          "test",
          createPostgresReadTables(store.pool, "test", store, () => new Date(), 4, { batchEvents: 50 }),
          (version) =>
            createPostgresReadTables(store.pool, "test", store, () => new Date(), version, {
              existing: true,
            }),
          { buildStep: 100 },
        );
        const asOf = "2021-06-30";
        const supervisionAsOf = async () =>
          (await runProjections(store, ledgerEvents, [supervisionProjection] as const, { slice: { asOf } }))
            .models[0];
        // three reads: version 4 advances 100 events each, version 3 (caught up) answers
        for (const step of [100, 200, 300]) {
          expect(await tables.catchUp()).toMatchObject({ position: 320n });
          expect(await tables.reading()).toBe(3);
          expect(await position(names.checkpoint)).toBe(String(step));
          expect(await position(old.checkpoint)).toBe("320");
          expect(await tables.boardTasks!({ asOf })).toBeUndefined();
          expect(await wallChartFromTables(tables, asOf)).toEqual((await replayed(asOf)).chart);
          expect(await supervisionFromTables(tables, { asOf })).toEqual(await supervisionAsOf());
          expect(await tables.stamp({})).toMatchObject({ position: 320n, events: 320 });
        }
        const stale = readTablesBeside(
          store.pool,
          "test",
          createPostgresReadTables(store.pool, "test", store, () => new Date(), 4),
          (version) =>
            createPostgresReadTables(store.pool, "test", store, () => new Date(), version, {
              existing: true,
            }),
        );
        expect(await stale.reading()).toBe(3);
        expect(await stale.states("entities", { asOf })).toEqual(await tables.states("entities", { asOf }));
        // the fourth finds it caught up: the reads, the views and the tables move to version 4
        expect(await tables.catchUp()).toMatchObject({ position: 320n, events: 20 });
        expect(await tables.reading()).toBe(4);
        expect(await present(old.versions)).toBe(false);
        expect(await position(old.checkpoint)).toBeUndefined();
        expect(await tables.boardTasks!({ asOf })).toBeDefined();
        expect(await wallChartFromTables(tables, asOf)).toEqual((await replayed(asOf)).chart);
        expect(await supervisionFromTables(tables, { asOf })).toEqual(await supervisionAsOf());
        // a handle that read version 3 before the swap reads version 4 when it finds version 3 gone
        expect(await supervisionFromTables(stale, { asOf })).toEqual(await supervisionAsOf());
        expect(await stale.reading()).toBe(4);
      } finally {
        await store.close();
      }
    });

    it("a build from zero leaves out the read indexes until it has caught up, also when interrupted part-way", async () => {
      const { url, store } = await open("rt_build");
      const readIndexes = async () =>
        (
          await runSql<{ name: string }>(
            url,
            "SELECT indexname AS name FROM pg_indexes WHERE tablename = $1 ORDER BY indexname",
            [names.versions],
          )
        ).map((row) => row.name);
      try {
        await appendStoredEvents(store, base.slice(0, 300));
        const tables = createPostgresReadTables(
          store.pool,
          "test",
          store,
          () => new Date(),
          POSTGRES_READ_TABLES_VERSION,
          {
            batchEvents: 100,
          },
        );
        const all = [
          `${names.versions}_board`,
          `${names.versions}_entity`,
          `${names.versions}_open`,
          `${names.versions}_pkey`,
          `${names.versions}_times`,
        ];
        // the third batch fails: the first two stay, marked as a build not yet caught up
        await tables.stamp({}); // (creates the schema, with every index)
        expect(await readIndexes()).toEqual(all);
        await runSql(
          url,
          `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN IF NEW.position > 200 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
           CREATE TRIGGER refuse BEFORE INSERT ON ${names.eventTimes} FOR EACH ROW EXECUTE PROCEDURE refuse();`,
        );
        await expect(tables.catchUp()).rejects.toThrow(/disk full/);
        const [halfway] = await runSql<{ position: string; state: string }>(
          url,
          "SELECT position::text, state::text FROM checkpoints WHERE name = $1",
          [names.checkpoint],
        );
        expect(halfway).toEqual({ position: "200", state: JSON.stringify({ known: 200, building: true }) });
        expect(await readIndexes()).toEqual([`${names.versions}_pkey`, `${names.versions}_times`]);
        // the next catch-up goes on from there, then indexes the tables and says so
        await runSql(url, `DROP TRIGGER refuse ON ${names.eventTimes}`);
        expect(await tables.catchUp()).toMatchObject({ events: 100, position: 300n });
        expect(await readIndexes()).toEqual(all);
        const [done] = await runSql<{ state: string }>(
          url,
          "SELECT state::text FROM checkpoints WHERE name = $1",
          [names.checkpoint],
        );
        expect(done).toEqual({ state: JSON.stringify({ known: 300 }) });
        const { models } = await runProjections(store, ledgerEvents, [supervisionProjection] as const, {
          slice: { asOf: "2021-06-30" },
        });
        expect(await supervisionFromTables(tables, { asOf: "2021-06-30" })).toEqual(models[0]);
        // a catch-up with nothing new, or with new events after the build, drops nothing
        await appendStoredEvents(store, base.slice(300, 320));
        expect(await tables.catchUp()).toMatchObject({ events: 20 });
        expect(await readIndexes()).toEqual(all);
      } finally {
        await store.close();
      }
    });

    it("the views and tables carry Chinese comments; every PostgreSQL example query of docs/read-models.md finds rows", async () => {
      const { url, store } = await open("rt_examples");
      try {
        await appendStoredEvents(store, base);
        await store.readTables.catchUp();
      } finally {
        await store.close();
      }
      for (const view of LIST_VIEWS) {
        const comments = await runSql<{ column: string; comment: string | null }>(
          url,
          `SELECT a.attname AS column, col_description(a.attrelid, a.attnum) AS comment
             FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 ORDER BY a.attnum`,
          [view],
        );
        expect(comments.length, view).toBeGreaterThan(5);
        for (const { column, comment } of comments)
          expect([view, column, comment]).toEqual([view, column, expect.stringMatching(/[\u4e00-\u9fff]/)]);
        const [about] = await runSql<{ comment: string }>(
          url,
          "SELECT obj_description($1::regclass, 'pg_class') AS comment",
          [view],
        );
        expect(about?.comment).toMatch(/清单/);
      }
      const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "read-models.md"), "utf8");
      const examples = [...doc.matchAll(/```sql postgres\n([\s\S]*?)```/g)]
        .map((m) => m[1]!)
        .filter((q) => q.startsWith("SELECT"));
      expect(examples.length).toBeGreaterThanOrEqual(8);
      for (const query of examples) expect((await runSql(url, query)).length, query).toBeGreaterThan(0);
      // the views are read-only to a role granted SELECT, as the docs tell a BI tool's role
      const role = `bi_${Date.now().toString(36)}`;
      await runSql(url, `CREATE ROLE ${role} LOGIN PASSWORD 'read-only'`);
      await runSql(url, `GRANT SELECT ON ${LIST_VIEWS.join(", ")}, ${names.versions} TO ${role}`);
      const asBi = new URL(url);
      asBi.username = role;
      asBi.password = "read-only";
      expect(
        (await runSql(asBi.toString(), "SELECT count(*)::int AS n FROM list_key_tasks"))[0],
      ).toMatchObject({
        n: expect.any(Number),
      });
      await expect(runSql(asBi.toString(), `DELETE FROM ${names.versions}`)).rejects.toThrow(
        /permission denied/,
      );
      await runSql(url, `REVOKE ALL ON ${LIST_VIEWS.join(", ")}, ${names.versions} FROM ${role}`);
      await runSql(url, `DROP ROLE ${role}`);
    });
  });
}
