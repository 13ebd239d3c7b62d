/**
 * What a command costs the server in round trips through the command handler: a cached stream
 * is decided on the cache and sent as its group's one query (no read before it), and a stream
 * another writer moved behind the cache is still decided on what the stream holds.
 */
import {
  type Aggregate,
  ChainVerifier,
  createCommandHandler,
  defineEvent,
  EventRegistry,
  type StoredEvent,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createPostgresStore } from "../src";
import { freshDatabase, postgresServers } from "./databases";

type Added = { readonly type: "Added"; readonly data: { readonly by: number; readonly total: number } };
type Add = { readonly type: "Add"; readonly data: { readonly id: string; readonly by: number } };
const adder: Aggregate<Add, number, Added> = {
  category: "adder",
  decider: {
    initialState: 0,
    decide: (c, total) => E.right([{ type: "Added", data: { by: c.data.by, total: total + c.data.by } }]),
    evolve: (_total, e) => e.data.total,
  },
  events: EventRegistry.of(
    defineEvent("Added", t.type({ by: t.number, total: t.number })),
  ) as EventRegistry<Added>,
  commands: { Add: t.type({ id: t.string, by: t.number }) },
  streamOf: (c) => `adder-${c.data.id}`,
};
const add = (commandId: string, by: number) => ({
  command: { type: "Add" as const, data: { id: "a", by } },
  commandId,
  actor: { unit: "GY-EMB", role: "office", person: "Li" },
  occurredAt: "2021-03-01T10:00:00+08:00",
});

/** A pool counting the queries its connections send (each is one round trip). */
const countingPool = (url: string) => {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const sent = { queries: 0 };
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: typeof query }).query = (...args) => {
      sent.queries++;
      return query(...args);
    };
  });
  return { pool, sent };
};

const eventsOf = async (store: { readStream: (s: string) => AsyncIterable<StoredEvent> }) => {
  const out: StoredEvent[] = [];
  for await (const e of store.readStream("adder-a")) out.push(e);
  return out;
};

for (const server of postgresServers())
  describe(`round trips a command (${server.name})`, () => {
    it("a command on a cached stream is one query; reading before deciding makes it two", async () => {
      for (const [check, perCommand] of [
        ["append", 1],
        ["read", 2],
        [undefined, 1], // the store's own default: `cachedStreamCheck: "append"`
      ] as const) {
        const { pool, sent } = countingPool(await freshDatabase(server, "round_trips"));
        const store = await createPostgresStore({ pool });
        try {
          const handle = createCommandHandler(
            store,
            check === undefined ? {} : { checkCachedStreams: check },
          );
          expect(E.isRight(await handle(adder, add("first", 1)))).toBe(true);
          sent.queries = 0;
          for (let i = 0; i < 5; i++) {
            const outcome = await handle(adder, add(`c${i}`, 1));
            expect(E.isRight(outcome) && outcome.right).toMatchObject({ revision: i + 1, attempts: 1 });
          }
          expect(sent.queries).toBe(5 * perCommand);
          expect((await eventsOf(store)).map((e) => (e.data as { total: number }).total)).toEqual([
            1, 2, 3, 4, 5, 6,
          ]);
        } finally {
          await store.close();
          await pool.end();
        }
      }
    });

    it("a stream another process moved behind the cache: decided again on what the stream holds", async () => {
      const url = await freshDatabase(server, "round_trips_stale");
      const mine = await createPostgresStore({ connectionString: url });
      const theirs = await createPostgresStore({ connectionString: url });
      try {
        const handle = createCommandHandler(mine);
        const other = createCommandHandler(theirs);
        await handle(adder, add("m1", 2));
        await other(adder, add("o1", 3));
        const outcome = await handle(adder, add("m2", 1));
        expect(E.isRight(outcome) && outcome.right).toMatchObject({
          revision: 2,
          attempts: 1,
          duplicate: false,
        });
        const events = await eventsOf(mine);
        expect(events.map((e) => e.data)).toEqual([
          { by: 2, total: 2 },
          { by: 3, total: 5 },
          { by: 1, total: 6 },
        ]);
        const verifier = new ChainVerifier("adder-a");
        expect(events.flatMap((e) => verifier.check(e))).toEqual([]);
      } finally {
        await mine.close();
        await theirs.close();
      }
    });
  });
