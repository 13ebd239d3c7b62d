/**
 * The read-tables conformance suite (issue 16): every store that keeps the read models as
 * bitemporal tables (`ReadTables`, core) answers what the replay answers. On random histories
 * (a base history with random entries backdated in business time and recorded late or with a
 * record clock gone back), caught up in two random steps, every table answer (the supervision
 * model, its per-entity filter, the campaign states and the queries on them, the stamp) as of
 * a random date and known at a random date equals the in-process projections'. A rebuild
 * equals the catch-up; a row of the ledger changed through the store's own database makes the
 * next catch-up rebuild and report the broken link at every read; two handles catching up at
 * once apply every event once.
 *
 * Run it from a test file of the adapter:
 *
 * ```ts
 * readTablesContract({
 *   name: "SQLite",
 *   history: async () => base,           // e.g. bench/generate's history, read back
 *   makeStore: async () => createSqliteStore({ path: fresh() }),
 *   openAgain: async (store) => createSqliteStore({ path: store.path }),
 *   tamper: async (store, stream) => { …UPDATE events SET data = … WHERE stream_name = stream… },
 * });
 * ```
 */
import {
  appendBatch,
  campaignForBoardFromTables,
  campaignFromTables,
  campaignLedgerProjection,
  type EventStore,
  ledgerAsKnownAt,
  ledgerAsOf,
  ledgerEvents,
  overdueList,
  type ReadTables,
  runProjections,
  type StoredEvent,
  type SupervisionModel,
  supervisionFromTables,
  supervisionProjection,
  type TimeSlice,
  wallChart,
  wallChartFromTables,
} from "@safety-ledger/core";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";

/** A store with read tables. */
export type TablesStore = EventStore & { readonly readTables: ReadTables };

export interface ReadTablesContractOptions<S extends TablesStore> {
  /** The suite's name (the store). */
  readonly name: string;
  /**
   * The base history the properties perturb, as read back from a store (hash-chained events of
   * the ledger's types, e.g. `bench/generate`'s for a few hundred events).
   */
  readonly history: () => Promise<ReadonlyArray<StoredEvent>>;
  /** A new, empty ledger with read tables. */
  readonly makeStore: () => Promise<S>;
  /** A second handle on `store`'s ledger (as another process would open it). */
  readonly openAgain: (store: S) => Promise<S>;
  /**
   * Change the data of revision 0 of `stream` through the store's own database, as an
   * administrator could behind the library's back (SQL `UPDATE`).
   */
  readonly tamper: (store: S, stream: string) => Promise<void>;
  /** Random histories for the main property (default 25). */
  readonly numRuns?: number;
}

const DAY = 86_400_000;

interface Change {
  readonly index: number;
  /** Business time moved back by this many days (a backdated entry). */
  readonly backdays: number;
  /** Record time moved by this many hours (negative: a record clock gone back). */
  readonly recordHours: number;
}

const changeArb = fc.record({
  index: fc.nat(),
  backdays: fc.integer({ min: 0, max: 90 }),
  recordHours: fc.integer({ min: -24 * 60, max: 24 * 60 }),
});

const shifted = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** The base history with the changes made to its events' business and record times. */
const perturbed = (base: ReadonlyArray<StoredEvent>, changes: ReadonlyArray<Change>): StoredEvent[] => {
  const events = base.slice();
  for (const c of changes) {
    const i = c.index % events.length;
    const e = events[i]!;
    events[i] = {
      ...e,
      metadata: {
        ...e.metadata,
        occurredAt: shifted(e.metadata.occurredAt, -c.backdays * DAY),
        recordedAt: shifted(e.metadata.recordedAt, c.recordHours * 3_600_000),
      },
    };
  }
  return events;
};

/** Append the events in their order (batches of one-event appends), their metadata as it is. */
export const appendStoredEvents = async (
  store: EventStore,
  events: ReadonlyArray<StoredEvent>,
): Promise<void> => {
  for (let i = 0; i < events.length; i += 200) {
    const batch = events.slice(i, i + 200).map(({ stream, revision: _r, position: _p, ...event }) => ({
      stream,
      events: [event],
      expected: "any" as const,
    }));
    const result = await appendBatch(store, batch);
    if (E.isLeft(result)) throw new Error(result.left.message);
  }
};

const dateArb = fc
  .integer({ min: Date.parse("2020-03-01T00:00:00Z"), max: Date.parse("2023-02-01T00:00:00Z") })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));
const sliceArb = fc.record({
  asOf: fc.option(dateArb, { nil: undefined }),
  knownAt: fc.option(dateArb, { nil: undefined }),
});

const defined = (slice: TimeSlice): TimeSlice =>
  Object.fromEntries(Object.entries(slice).filter(([, v]) => v !== undefined)) as TimeSlice;

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
    campaign: campaign.models[0],
    campaignStamp: campaign.stamp,
  };
};

const ofEntity = (model: SupervisionModel, entity: string): SupervisionModel => {
  const keep = <T extends { entityId: string | null }>(r: Record<string, T>) =>
    Object.fromEntries(Object.entries(r).filter(([, v]) => v.entityId === entity));
  return {
    entities: Object.fromEntries(Object.entries(model.entities).filter(([id]) => id === entity)),
    risks: keep(model.risks),
    hazards: keep(model.hazards),
    accidents: keep(model.accidents),
  };
};

/** Every table answer at `slice` equals the replay's. */
const expectReplayed = async (store: TablesStore, slice: TimeSlice) => {
  const tables = store.readTables;
  const reference = await replay(store, slice);
  expect(await supervisionFromTables(tables, slice)).toEqual(reference.supervision);
  expect(await tables.stamp(slice)).toEqual(reference.supervisionStamp);
  const entity = Object.keys(reference.supervision.entities)[0];
  if (entity !== undefined)
    expect(await supervisionFromTables(tables, slice, entity)).toEqual(
      ofEntity(reference.supervision, entity),
    );
  const asOf = slice.asOf ?? "2022-12-31";
  const states = await campaignFromTables(tables, asOf, slice.knownAt);
  expect(states).toEqual(ledgerAsOf(reference.campaign, asOf));
  expect(wallChart(states, asOf)).toEqual(wallChart(reference.campaign, asOf));
  expect(overdueList(states, asOf)).toEqual(overdueList(reference.campaign, asOf));
  // the wall chart and the overdue list from the tasks' summaries, where a store keeps them
  const board = await campaignForBoardFromTables(tables, asOf, slice.knownAt);
  expect(board.tasks.size).toBe(states.tasks.size);
  expect(wallChart(board, asOf)).toEqual(wallChart(reference.campaign, asOf));
  expect(overdueList(board, asOf)).toEqual(overdueList(reference.campaign, asOf));
  // the wall chart counted by the store where it can (else from the summaries)
  expect(await wallChartFromTables(tables, asOf, slice.knownAt)).toEqual(wallChart(reference.campaign, asOf));
  // the overdue list from the overdue tasks' summaries alone
  const overdue = await campaignForBoardFromTables(tables, asOf, slice.knownAt, true);
  expect(overdueList(overdue, asOf)).toEqual(overdueList(reference.campaign, asOf));
  if (tables.taskSummaries !== undefined)
    expect(overdue.tasks.size).toBe(overdueList(reference.campaign, asOf).length);
  expect(await tables.stamp(defined({ knownAt: slice.knownAt }))).toEqual(reference.campaignStamp);
};

/** What the tables hold, every kind, as of and as known at a few fixed dates. */
const snapshot = async (tables: ReadTables) => {
  const out: unknown[] = [];
  for (const slice of [{}, { asOf: "2021-06-30" }, { asOf: "2021-06-30", knownAt: "2021-03-31" }]) {
    out.push(await supervisionFromTables(tables, slice), await tables.stamp(slice));
    out.push(await campaignFromTables(tables, slice.asOf ?? "2022-12-31", slice.knownAt));
  }
  return out;
};

export const readTablesContract = <S extends TablesStore>(options: ReadTablesContractOptions<S>): void => {
  describe(`read tables contract: ${options.name}`, () => {
    let base: ReadonlyArray<StoredEvent> = [];
    beforeAll(async () => {
      base = await options.history();
      expect(base.length).toBeGreaterThan(100);
    });

    const withStore = async (work: (store: S) => Promise<void>) => {
      const store = await options.makeStore();
      try {
        await work(store);
      } finally {
        await store.close();
      }
    };

    it("answers as the replay does, as of and as known at random dates, caught up in random steps", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(changeArb, { maxLength: 40 }),
          fc.nat(),
          fc.array(sliceArb, { minLength: 1, maxLength: 4 }),
          async (changes, cut, slices) => {
            const events = perturbed(base, changes);
            await withStore(async (store) => {
              const split = cut % (events.length + 1);
              await appendStoredEvents(store, events.slice(0, split));
              const first = await store.readTables.catchUp();
              expect(first.events).toBe(split);
              await appendStoredEvents(store, events.slice(split));
              const caught = await store.readTables.catchUp();
              expect(caught.events).toBe(events.length - split);
              expect((await store.readTables.catchUp()).events).toBe(0);
              for (const raw of [...slices, {}]) await expectReplayed(store, defined(raw));
            });
          },
        ),
        { numRuns: options.numRuns ?? 25 },
      );
    });

    it("a rebuild holds what the catch-up built, and reports the same position", async () => {
      await withStore(async (store) => {
        const events = perturbed(base, [
          { index: 50, backdays: 30, recordHours: 2 },
          { index: 120, backdays: 0, recordHours: -48 },
        ]);
        await appendStoredEvents(store, events.slice(0, 150));
        await store.readTables.catchUp();
        await appendStoredEvents(store, events.slice(150));
        const caught = await store.readTables.catchUp();
        const before = await snapshot(store.readTables);
        const seen: bigint[] = [];
        const rebuilt = await store.readTables.rebuild({ onEvent: (p) => seen.push(p) });
        expect(rebuilt.events).toBe(events.length);
        expect(rebuilt.position).toBe(caught.position);
        expect(seen.length).toBe(events.length);
        expect(seen[seen.length - 1]).toBe(caught.position);
        expect(await snapshot(store.readTables)).toEqual(before);
        await expectReplayed(store, { asOf: "2021-06-30" });
      });
    });

    it("a row of the ledger changed through the database: the next catch-up rebuilds, answers the replay's and reports the broken link at every read", async () => {
      await withStore(async (store) => {
        const events = base.slice(0, 200);
        await appendStoredEvents(store, events);
        expect((await store.readTables.catchUp()).brokenLinks).toEqual([]);
        const target =
          events.find((e) => e.stream.startsWith("accident-")) ??
          events.find((e) => e.stream.startsWith("entity-"))!;
        await options.tamper(store, target.stream);
        for (let read = 0; read < 2; read++) {
          const { brokenLinks } = await store.readTables.catchUp();
          expect(brokenLinks).toEqual([
            expect.objectContaining({ stream: target.stream, revision: 0, kind: "changed" }),
          ]);
        }
        await expectReplayed(store, {});
      });
    });

    it("two handles catching up at once apply every event once", async () => {
      await withStore(async (a) => {
        const b = await options.openAgain(a);
        try {
          await appendStoredEvents(a, base);
          const [one, two] = await Promise.all([a.readTables.catchUp(), b.readTables.catchUp()]);
          expect(one.events + two.events).toBe(base.length);
          expect(one.position).toBe(two.position);
          expect((await a.readTables.stamp({})).events).toBe(base.length);
          await expectReplayed(b, { asOf: "2021-06-30" });
          const before = await snapshot(b.readTables);
          await a.readTables.rebuild();
          expect(await snapshot(b.readTables)).toEqual(before);
        } finally {
          await b.close();
        }
      });
    });
  });
};
