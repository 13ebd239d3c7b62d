/**
 * The server restarted under a running subscriber (a server of its own, so no other test file
 * sees the outage): the subscriber rides out the outage and goes on from where it was, and a
 * subscriber restarted from its saved checkpoint goes on from there; nothing skipped, nothing
 * repeated. Writers see the outage as a retryable `StoreUnavailable`.
 */
import { NO_STREAM, type StoredEvent } from "@safety-ledger/core";
import { makeEvents } from "@safety-ledger/testkit";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStore, type PostgresEventStore } from "../src/index";
import { type EmbeddedServer, startEmbeddedServer } from "./embedded-server";

let server: EmbeddedServer;
let url: string;
beforeAll(async () => {
  server = await startEmbeddedServer({ fsync: false, label: "restart" });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("CREATE DATABASE ledger");
  await admin.end();
  url = server.url.replace(/\/postgres$/, "/ledger");
});
afterAll(async () => {
  await server?.destroy();
});

/** Append one event a stream, retrying while the server is away; returns the event ids in order. */
const write = async (store: PostgresEventStore, prefix: string, count: number, outages: { n: number }) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const stream = `${prefix}${i}`;
    const events = makeEvents(stream, 1);
    for (;;) {
      const result = await store.append(stream, events, NO_STREAM);
      if (E.isRight(result)) break;
      if (result.left._tag === "StoreUnavailable" && result.left.retryable) {
        outages.n += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      // The append may have committed before the connection dropped: the retry finds the stream.
      if (result.left._tag === "WrongExpectedVersion") break;
      throw new Error(result.left.message);
    }
    ids.push(events[0]!.id);
  }
  return ids;
};

describe("a PostgreSQL restart under a running subscriber", () => {
  it("the subscriber goes on from where it was, and one restarted from its checkpoint too; nothing skipped or repeated", async () => {
    const reader = await createPostgresStore({
      connectionString: url,
      pollIntervalMs: 50,
      reconnectDelayMs: 50,
    });
    const writer = await createPostgresStore({ connectionString: url });
    const prefix = "restart-";
    const seen: StoredEvent[] = [];
    const subscription = reader.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
    const consume = (async () => {
      for await (const event of subscription) {
        seen.push(event);
        // A projection's checkpoint, saved after each event (it may fail while the server is away).
        await reader.checkpoints
          .save("restart-test", { position: event.position, state: seen.length })
          .catch(() => undefined);
        if (seen.length === 60) return;
      }
    })();
    try {
      const outages = { n: 0 };
      const before = await write(writer, prefix, 20, outages);
      await server.stop();
      const during = write(writer, `${prefix}b`, 20, outages);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.start();
      const ids = [...before, ...(await during), ...(await write(writer, `${prefix}c`, 20, outages))];
      expect(outages.n).toBeGreaterThan(0);
      await consume;
      expect(seen.map((e) => e.id)).toEqual(ids);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.position > seen[i - 1]!.position).toBe(true);

      // A subscriber started afresh from the saved checkpoint picks up exactly what came after it.
      const checkpoint = await reader.checkpoints.load("restart-test");
      expect(checkpoint?.position).toBe(seen.at(-1)!.position);
      const more = await write(writer, `${prefix}d`, 5, outages);
      const resumed = reader.subscribeToAll({
        after: checkpoint!.position,
        filter: { streamPrefixes: [prefix] },
      });
      const rest: StoredEvent[] = [];
      for await (const event of resumed) {
        rest.push(event);
        if (rest.length === 5) break;
      }
      expect(rest.map((e) => e.id)).toEqual(more);
    } finally {
      await subscription.close();
      await writer.close();
      await reader.close();
    }
  }, 120_000);
});
