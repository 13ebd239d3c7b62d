/**
 * What the read tables on SQLite do beyond the testkit's read-tables contract
 * (read-tables-contract.test.ts: the answers, the wall chart and overdue list from the task
 * summaries included, equal the replay's on random bitemporal histories; rebuild; tampering; two
 * connections): a page that fails leaves the rows and the checkpoint together, the example
 * queries of docs/read-models.md run on the file, a new version is built beside the old one, large
 * states are kept as deltas, and each version's schema is pinned.
 */

import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  campaignForBoardFromTables,
  campaignFromTables,
  campaignLedgerProjection,
  createMemoryStore,
  type EventStore,
  LedgerFailure,
  ledgerAsKnownAt,
  ledgerAsOf,
  ledgerEvents,
  newEventId,
  overdueList,
  runProjections,
  type StoredEvent,
  supervisionFromTables,
  supervisionProjection,
  type TimeSlice,
  wallChart,
} from "@safety-ledger/core";
import {
  createSqliteReadTables,
  createSqliteStore,
  readTableNames,
  readTablesSchema,
  SQLITE_READ_TABLES_VERSION,
} from "@safety-ledger/sqlite";
import Database from "better-sqlite3";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHistory } from "../../../bench/generate";

const base: StoredEvent[] = [];

beforeAll(async () => {
  const memory = createMemoryStore();
  await generateHistory(memory, { events: 700, seed: 7 });
  for await (const e of memory.readAll()) base.push(e);
});

const dir = mkdtempSync(join(tmpdir(), "read-tables-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const appendAll = async (store: EventStore, events: ReadonlyArray<StoredEvent>) => {
  for (const { stream, revision: _r, position: _p, ...event } of events) {
    const result = await store.append(stream, [event], "any");
    if (E.isLeft(result)) throw new Error(result.left.message);
  }
};

/** The reference: the CLI's replay path (the as-known-at view, the projections sliced as of). */
const replay = async (store: EventStore, slice: TimeSlice) => {
  const view = slice.knownAt === undefined ? store : ledgerAsKnownAt(store, slice.knownAt);
  const supervision = await runProjections(view, ledgerEvents, [supervisionProjection] as const, {
    checkLinks: false,
    ...(slice.asOf === undefined ? {} : { slice: { asOf: slice.asOf } }),
  });
  const campaign = await runProjections(view, ledgerEvents, [campaignLedgerProjection] as const, {
    checkLinks: false,
  });
  return {
    supervision: supervision.models[0],
    supervisionStamp: supervision.stamp,
    campaign,
    campaignStamp: campaign.stamp,
  };
};

/** The names of the read tables' version tables in a file. */
const versionTablesIn = (look: Database.Database): string[] =>
  (
    look
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'read_versions_v*'")
      .all() as { name: string }[]
  ).map((r) => r.name);

describe("read tables on SQLite", () => {
  it("a handle keeps what it learnt of the items between catch-ups only while the tables are as it left them", async () => {
    const path = join(dir, "kept.db");
    const store = createSqliteStore({ path });
    await appendAll(store, base.slice(0, 300));
    const clock = () => new Date("2026-01-01T00:00:00Z");
    const version = store.readTables.version;
    const { versions } = readTableNames(version);
    const handle = () => createSqliteReadTables(new Database(path), path, store, clock, version);
    const mine = handle();
    await mine.catchUp();
    // another process rebuilds the tables to the same position, with other row ids
    const other = handle();
    await other.rebuild();
    const raw = new Database(path);
    raw.exec(`UPDATE ${versions} SET id = id + 100000, base = base + 100000`);
    raw.close();
    // events appended since: this handle's catch-up must not step the rows it knew by their old ids
    await appendAll(store, base.slice(300, 500));
    await mine.catchUp();
    for (const asOf of ["2021-06-30", "2022-12-31"]) {
      const reference = await replay(store, { asOf });
      expect(await supervisionFromTables(mine, { asOf })).toEqual(reference.supervision);
      expect(await campaignFromTables(mine, asOf)).toEqual(ledgerAsOf(reference.campaign.models[0], asOf));
    }
    // and the catch-ups in between, each after the one before in this handle, answer as the replay does
    for (const to of [550, 600, 700]) {
      await appendAll(store, base.slice(to - 50, to));
      await mine.catchUp();
      const reference = await replay(store, { asOf: "2022-12-31" });
      expect(await campaignFromTables(mine, "2022-12-31")).toEqual(
        ledgerAsOf(reference.campaign.models[0], "2022-12-31"),
      );
    }
    // the rows (their ids and delta bases aside) are the ones a rebuild from zero writes
    const look = new Database(path, { readonly: true });
    const rows = () =>
      look
        .prepare(
          `SELECT kind, item, valid_from, valid_to, recorded_from, recorded_to, position, summary
           FROM ${versions} ORDER BY kind, item, valid_from, recorded_from`,
        )
        .all();
    const caughtUp = rows();
    await other.rebuild();
    expect(caughtUp).toEqual(rows());
    look.close();
    await store.close();
  });

  it("a page that fails leaves the rows and the checkpoint together where they were", async () => {
    const path = join(dir, "crash.db");
    const store = createSqliteStore({ path });
    await appendAll(store, base.slice(0, 300));
    await store.readTables.catchUp();
    const names = readTableNames(store.readTables.version);
    const db = new Database(path, { readonly: true });
    const snapshot = () => ({
      checkpoint: db.prepare("SELECT position, state FROM checkpoints WHERE name = ?").get(names.checkpoint),
      versions: db.prepare(`SELECT count(*) AS n, max(position) AS last FROM ${names.versions}`).get(),
      times: db.prepare(`SELECT count(*) AS n, max(position) AS last FROM ${names.eventTimes}`).get(),
    });
    const before = snapshot();
    expect(before.checkpoint).toMatchObject({ position: 300 });
    expect(before.times).toEqual({ n: 300, last: 300 });
    // good events, then (in the same page) one whose data does not decode: nothing of the page applies
    const bad = base.find((e) => e.type === "EntityRegistered")!;
    await appendAll(store, base.slice(300, 320));
    await appendAll(store, [
      { ...bad, id: newEventId(), stream: "entity-broken", data: { ...(bad.data as object), sector: 42 } },
    ]);
    const failed = await store.readTables.catchUp().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(LedgerFailure);
    expect((failed as LedgerFailure).message).toMatch(/sector/);
    expect(snapshot()).toEqual(before);
    db.close();
    await store.close();
  });

  it("every example query of docs/read-models.md runs on the file and finds rows", async () => {
    const path = join(dir, "examples.db");
    const store = createSqliteStore({ path });
    await appendAll(store, base);
    await store.readTables.catchUp();
    await store.close();
    const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "read-models.md"), "utf8");
    const examples = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((q) => q.startsWith("SELECT"));
    expect(examples.length).toBeGreaterThanOrEqual(6);
    const db = new Database(path, { readonly: true });
    for (const query of examples) expect(db.prepare(query).all().length, query).toBeGreaterThan(0);
    db.close();
  });

  it("a new version is built beside the old one in steps, resumes after a crash, and replaces it once caught up", async () => {
    const path = join(dir, "blue-green.db");
    const store = createSqliteStore({ path });
    await appendAll(store, base.slice(0, 400));
    const clock = () => new Date("2026-01-01T00:00:00Z");
    const look = new Database(path, { readonly: true });
    const versionsIn = () =>
      (
        look
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'read_versions_v*'")
          .all() as { name: string }[]
      )
        .map((r) => r.name)
        .sort();
    const checkpoint = (version: number) =>
      look
        .prepare("SELECT position, state FROM checkpoints WHERE name = ?")
        .get(readTableNames(version).checkpoint) as { position: number; state: string } | undefined;
    // the indexes only the reads use: created once a version is built, not kept up while it is built
    const readIndexesOf = (version: number) =>
      (
        look
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name GLOB ? AND (name GLOB '*_entity' OR name GLOB '*_open' OR name GLOB '*_tasks_now' OR name GLOB '*_occurred' OR name GLOB '*_recorded')",
          )
          .all(`read_*_v${version}_*`) as { name: string }[]
      )
        .map((r) => r.name)
        .sort();
    const viewReads = () =>
      (look.prepare("SELECT sql FROM sqlite_master WHERE name = 'list_key_tasks'").get() as { sql: string })
        .sql;
    const expectReplayed = async (tables: { states: typeof store.readTables.states }, asOf: string) => {
      const reference = await replay(store, { asOf });
      const read = { ...store.readTables, states: tables.states } as typeof store.readTables;
      expect(await supervisionFromTables(read, { asOf })).toEqual(reference.supervision);
      expect(await campaignFromTables(read, asOf)).toEqual(ledgerAsOf(reference.campaign.models[0], asOf));
    };

    // the file as a release at version 1 leaves it: version 1's tables, caught up, its views on them
    const v1 = createSqliteReadTables(new Database(path), path, store, clock, 1);
    await v1.catchUp();
    expect(versionsIn()).toEqual(["read_versions_v1"]);
    expect(viewReads()).toContain("read_versions_v1");

    // code at version 2 opens it, 50 events appended since: it builds version 2 beside version 1,
    // 100 events at each read, and answers from version 1, caught up with the new events
    await appendAll(store, base.slice(400, 450));
    const open2 = (fail?: number) => {
      let calls = 0;
      const failing = () => {
        calls += 1;
        if (calls === fail) throw new Error("the process died here");
        return clock();
      };
      return createSqliteReadTables(new Database(path), path, store, failing, 2, {
        buildStep: 100,
        batchEvents: 50,
      });
    };
    const v2 = open2();
    const first = await v2.catchUp();
    expect(v2.reading()).toBe(1);
    expect(first.events).toBe(50);
    expect(versionsIn()).toEqual(["read_versions_v1", "read_versions_v2"]);
    expect(checkpoint(2)).toMatchObject({ position: 100 });
    expect(JSON.parse(checkpoint(2)!.state)).toMatchObject({ built: false });
    expect(readIndexesOf(2)).toEqual([]);
    expect(readIndexesOf(1)).toHaveLength(3);
    expect(checkpoint(1)).toMatchObject({ position: 450 });
    expect(viewReads()).toContain("read_versions_v1");
    await expectReplayed(v2, "2021-06-30");

    // a process that dies in the middle of its step: the first page of it (50 events) was
    // committed with the checkpoint, the second rolled back
    const crashing = open2(2);
    await expect(crashing.catchUp()).rejects.toThrow(/the process died here/);
    expect(checkpoint(2)).toMatchObject({ position: 150 });
    expect(versionsIn()).toEqual(["read_versions_v1", "read_versions_v2"]);

    // the next process goes on from there, and once version 2 has caught up the reads move to it
    const v2again = open2();
    const steps: number[] = [];
    for (let i = 0; i < 10 && v2again.reading() !== 2; i++) {
      await v2again.catchUp();
      steps.push(Number(checkpoint(2)?.position ?? 0));
    }
    // (the step that ends on the ledger's last event cannot tell; the next finds no more)
    expect(steps).toEqual([250, 350, 450, 450]);
    expect(v2again.reading()).toBe(2);
    expect(versionsIn()).toEqual(["read_versions_v2"]);
    expect(checkpoint(1)).toBeUndefined();
    expect(JSON.parse(checkpoint(2)!.state)).toMatchObject({ built: true, known: 450 });
    expect(viewReads()).toContain("read_versions_v2");
    expect(readIndexesOf(2)).toEqual([
      "read_event_times_v2_occurred",
      "read_event_times_v2_recorded",
      "read_versions_v2_entity",
      "read_versions_v2_open",
      "read_versions_v2_tasks_now",
    ]);
    expect(look.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name GLOB '*_v1*'").get()).toEqual({
      n: 0,
    });
    // every event applied once, across the steps and the crash
    expect(look.prepare(`SELECT count(*) AS n FROM ${readTableNames(2).eventTimes}`).get()).toEqual({
      n: 450,
    });
    await expectReplayed(v2again, "2021-06-30");
    await expectReplayed(v2again, "2022-12-31");
    expect(await v2again.stamp({})).toEqual((await replay(store, {})).campaignStamp);

    // a rebuild from zero drops the read indexes while it builds and creates them once built; a
    // handle that had read through them before reads through them again after
    const other = open2();
    await other.catchUp();
    await expectReplayed(other, "2021-06-30");
    await v2again.rebuild();
    expect(readIndexesOf(2)).toHaveLength(5);
    await expectReplayed(other, "2021-06-30");
    await expectReplayed(v2again, "2022-12-31");
    look.close();
    await store.close();
  });

  it("large states of growing items are kept as deltas and read back whole", async () => {
    const store = createSqliteStore({ path: ":memory:", readTables: { deltaMin: 1, listDeltaMin: 1 } });
    await appendAll(store, base);
    await store.readTables.catchUp();
    const reference = await replay(store, {});
    for (const asOf of ["2020-06-30", "2021-06-30", "2022-12-31"])
      expect(await campaignFromTables(store.readTables, asOf)).toEqual(
        ledgerAsOf(reference.campaign.models[0], asOf),
      );
    await store.close();
    // on a file: some versions are deltas (a workstream lists its elements event by event)
    const path = join(dir, "deltas.db");
    const onFile = createSqliteStore({ path, readTables: { deltaMin: 1, listDeltaMin: 1 } });
    await appendAll(onFile, base);
    await onFile.readTables.catchUp();
    const db = new Database(path, { readonly: true });
    const names = readTableNames(onFile.readTables.version);
    const deltas = db
      .prepare(`SELECT kind, count(*) AS n FROM ${names.versions} WHERE base IS NOT NULL GROUP BY kind`)
      .all() as { kind: string; n: number }[];
    expect(deltas.map((d) => d.kind)).toContain("workstreams");
    expect(deltas.every((d) => ["campaigns", "workstreams", "responsibilityLists"].includes(d.kind))).toBe(
      true,
    );
    // list deltas (version 5 on): a workstream's elements as a splice of its base's, not its text
    const delta = db
      .prepare(
        `SELECT state FROM ${names.versions} WHERE kind = 'workstreams' AND base IS NOT NULL ORDER BY id DESC LIMIT 1`,
      )
      .get() as { state: string };
    const elements = (JSON.parse(delta.state) as { elements: unknown[] }).elements;
    expect(typeof elements[0]).toBe("number");
    expect(typeof elements[1]).toBe("number");
    db.close();
    await onFile.close();
  });

  it("a file with version 2's tables is upgraded: the current version is built, the reads move to it, and the board and overdue list from its summaries equal the replay's", async () => {
    const path = join(dir, "upgrade-2-3.db");
    const store = createSqliteStore({ path });
    await appendAll(store, base);
    const clock = () => new Date("2026-01-01T00:00:00Z");
    const conn = new Database(path);
    conn.pragma("synchronous = FULL");
    const v2 = createSqliteReadTables(conn, path, store, clock, 2);
    await v2.catchUp();
    // the pages are committed without waiting for an fsync; the connection keeps its setting
    expect(conn.pragma("synchronous", { simple: true })).toBe(2);
    const look = new Database(path, { readonly: true });
    const tablesIn = () => versionTablesIn(look);
    expect(tablesIn()).toEqual(["read_versions_v2"]);
    // version 2 keeps no workstream summaries: they are read from the states
    expect(
      look
        .prepare(
          "SELECT count(*) AS n FROM read_versions_v2 WHERE kind = 'workstreams' AND summary IS NOT NULL",
        )
        .get(),
    ).toEqual({ n: 0 });

    const v3 = createSqliteReadTables(new Database(path), path, store, clock);
    expect(v3.version).toBe(SQLITE_READ_TABLES_VERSION);
    await v3.rebuild();
    expect(v3.reading()).toBe(SQLITE_READ_TABLES_VERSION);
    expect(tablesIn()).toEqual([readTableNames(SQLITE_READ_TABLES_VERSION).versions]);
    const spans = look
      .prepare(
        `SELECT count(*) AS n, sum(span IS NULL) AS missing,
                sum(span < 64 AND NOT (valid_to - valid_from < (1 << span) AND valid_to - valid_from >= (1 << (span - 1))))
                  AS wrong
           FROM ${readTableNames(SQLITE_READ_TABLES_VERSION).versions} WHERE recorded_to = 9007199254740991`,
      )
      .get() as { n: number; missing: number; wrong: number };
    expect(spans.n).toBeGreaterThan(100);
    expect(spans).toMatchObject({ missing: 0, wrong: 0 });
    for (const asOf of ["2020-06-30", "2021-01-15", "2021-06-30", "2022-12-31"]) {
      const reference = await replay(store, { asOf });
      const model = reference.campaign.models[0];
      const board = await campaignForBoardFromTables(v3, asOf);
      expect(wallChart(board, asOf)).toEqual(wallChart(model, asOf));
      expect([...board.workstreams.keys()]).toEqual([...ledgerAsOf(model, asOf).workstreams.keys()]);
      const overdue = await campaignForBoardFromTables(v3, asOf, undefined, true);
      expect(overdueList(overdue, asOf)).toEqual(overdueList(model, asOf));
    }
    look.close();
    await store.close();
  });

  it("a file with version 4's tables (text deltas) is upgraded by a build of version 5 beside them (list deltas): the reads answer the replay's before, during and after", async () => {
    const path = join(dir, "upgrade-4-5.db");
    const store = createSqliteStore({ path });
    await appendAll(store, base.slice(0, 600));
    const clock = () => new Date("2026-01-01T00:00:00Z");
    const v4 = createSqliteReadTables(new Database(path), path, store, clock, 4, { deltaMin: 1 });
    await v4.catchUp();
    const look = new Database(path, { readonly: true });
    const tablesIn = () => versionTablesIn(look);
    // version 4's deltas are of the text: "<prefix>:<suffix>:<middle>"
    const v4delta = look
      .prepare("SELECT state FROM read_versions_v4 WHERE base IS NOT NULL AND kind = 'workstreams' LIMIT 1")
      .get() as { state: string };
    expect(v4delta.state).toMatch(/^\d+:\d+:/);
    const expectReplayed = async (tables: typeof store.readTables) => {
      for (const slice of [{ asOf: "2021-06-30" }, { asOf: "2022-12-31", knownAt: "2021-09-30" }]) {
        const reference = await replay(store, slice);
        expect(await campaignFromTables(tables, slice.asOf, slice.knownAt)).toEqual(
          ledgerAsOf(reference.campaign.models[0], slice.asOf),
        );
        expect(await supervisionFromTables(tables, slice)).toEqual(reference.supervision);
      }
    };

    // the current code: version 5 built 100 events a read beside version 4, which answers meanwhile
    await appendAll(store, base.slice(600, 700));
    const v5 = createSqliteReadTables(new Database(path), path, store, clock, SQLITE_READ_TABLES_VERSION, {
      buildStep: 100,
      batchEvents: 50,
      listDeltaMin: 1,
    });
    expect(SQLITE_READ_TABLES_VERSION).toBe(5);
    await v5.catchUp();
    expect(v5.reading()).toBe(4);
    expect(tablesIn()).toEqual(["read_versions_v4", "read_versions_v5"]);
    await expectReplayed(v5);
    for (let i = 0; i < 20 && v5.reading() !== 5; i++) await v5.catchUp();
    expect(v5.reading()).toBe(5);
    expect(tablesIn()).toEqual(["read_versions_v5"]);
    await expectReplayed(v5);
    // version 5's deltas are of the lists: each list a splice [prefix, suffix, ...middle]
    const rows = look
      .prepare("SELECT state FROM read_versions_v5 WHERE base IS NOT NULL AND kind = 'workstreams'")
      .all() as { state: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const { elements } = JSON.parse(row.state) as { elements: unknown[] };
      expect(elements.slice(0, 2).every((n) => Number.isInteger(n))).toBe(true);
    }
    look.close();
    await store.close();
  });

  it("the schema of a version is pinned: a change to it comes with a new READ_TABLES_VERSION", () => {
    const fingerprint = (version: number) =>
      createHash("sha256").update(readTablesSchema(version)).digest("hex").slice(0, 16);
    // when this fails: bump READ_TABLES_VERSION in core, or the SQLite layout in
    // SQLITE_READ_TABLES_VERSION (the new tables are then built beside
    // the old ones) and pin the new version's fingerprint here, leaving the old ones as they are
    expect({
      1: fingerprint(1),
      2: fingerprint(2),
      3: fingerprint(3),
      4: fingerprint(4),
      5: fingerprint(5),
    }).toEqual({
      1: "240eff060cf96bad",
      2: "a0345ecf9922fd72",
      3: "7d9ad2e802b15148",
      4: "ff091c7b2dd31a9d",
      5: "d3f09a8bfcf19b3e",
    });
    expect(SQLITE_READ_TABLES_VERSION).toBe(5);
  });
});
