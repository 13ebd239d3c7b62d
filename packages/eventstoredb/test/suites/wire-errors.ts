/** Error mapping and system-event hygiene over the real client and the real gRPC wire. */
import { createServer } from "node:net";
import { exactly, LedgerFailure, NO_STREAM, type StoredEvent } from "@safety-ledger/core";
import { collect, makeEvents, take } from "@safety-ledger/testkit";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedEvent } from "../../src/client-port";
import { EXCLUDE_SYSTEM_EVENTS } from "../../src/filters";
import { createEventStoreDbStore, toEventData } from "../../src/index";
import { openRawClient, type RawClient, schemeOf } from "../raw-client";
import { type ClientPackage, targetsFor } from "../targets";

const fresh = (category = "err") =>
  `${category}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

const readFailure = async (iterable: AsyncIterable<unknown>) => {
  try {
    await collect(iterable);
  } catch (error) {
    return error;
  }
  return undefined;
};

/** A port nobody listens on. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
};

export const wireErrorsSuite = (client: ClientPackage): void => {
  for (const target of targetsFor(client)) {
    describe(`error mapping and system events: ${target.name}`, () => {
      let url = "";
      let raw: RawClient;
      beforeAll(async () => {
        url = await target.start();
        raw = await openRawClient(client, url);
        // a system event in an ordinary stream, the way the server writes one (not via the adapter)
        await raw.port.append(
          fresh("noise"),
          [{ id: crypto.randomUUID(), type: "$noise", data: {}, metadata: {} }],
          "any",
        );
      });
      afterAll(async () => {
        await raw.dispose();
        await target.stop();
      });

      it("a conflict is a Left WrongExpectedVersion naming the actual revision", async () => {
        const store = createEventStoreDbStore({ connectionString: url });
        try {
          const stream = fresh("task");
          await store.append(stream, makeEvents(stream, 3), NO_STREAM);
          const result = await store.append(stream, makeEvents(stream, 1, { firstRevision: 3 }), exactly(0));
          expect(E.isLeft(result) && result.left).toMatchObject({
            _tag: "WrongExpectedVersion",
            code: "WRONG_EXPECTED_VERSION",
            stream,
            expected: exactly(0),
            actual: 2,
          });
        } finally {
          await store.close();
        }
      });

      it("a tombstoned stream: appends are Left StreamDeleted, reads throw StreamDeleted, $all shows nothing of it", async () => {
        const store = createEventStoreDbStore({ connectionString: url });
        try {
          const stream = fresh("hazard");
          await store.append(stream, makeEvents(stream, 2), NO_STREAM);
          await raw.port.tombstoneStream(stream, "any");
          const appended = await store.append(
            stream,
            makeEvents(stream, 1, { firstRevision: 2 }),
            exactly(1),
          );
          expect(E.isLeft(appended) && appended.left).toMatchObject({ _tag: "StreamDeleted", stream });
          const error = await readFailure(store.readStream(stream));
          expect(error).toBeInstanceOf(LedgerFailure);
          expect((error as LedgerFailure).error).toMatchObject({
            _tag: "StreamDeleted",
            code: "STREAM_DELETED",
          });
          const all = await collect(store.readAll({ filter: { streamPrefixes: [stream] } }));
          expect(all.every((e) => !e.type.startsWith("$"))).toBe(true);
        } finally {
          await store.close();
        }
      });

      it("a soft-deleted stream reads as empty and a new append continues after its last revision", async () => {
        const store = createEventStoreDbStore({ connectionString: url });
        try {
          const stream = fresh("task");
          await store.append(stream, makeEvents(stream, 2), NO_STREAM);
          await raw.port.deleteStream(stream, "any");
          expect(await collect(store.readStream(stream))).toEqual([]);
          const again = await store.append(stream, makeEvents(stream, 1, { firstRevision: 2 }), "any");
          expect(E.isRight(again) && again.right.nextExpectedRevision).toBe(2);
        } finally {
          await store.close();
        }
      });

      it("system events never surface: not in readAll (either way), not in a subscription", async () => {
        const store = createEventStoreDbStore({ connectionString: url });
        try {
          const stream = fresh("entity");
          await store.append(stream, makeEvents(stream, 2), NO_STREAM);
          const isSystem = (e: StoredEvent) => e.type.startsWith("$") || e.stream.startsWith("$");
          expect((await collect(store.readAll())).filter(isSystem)).toEqual([]);
          expect((await collect(store.readAll({ direction: "backwards" }))).filter(isSystem)).toEqual([]);
          expect((await collect(store.readAll({ filter: {} }))).filter(isSystem)).toEqual([]);
          const subscription = store.subscribeToAll();
          try {
            const iterator = subscription[Symbol.asyncIterator]();
            let seen: StoredEvent[] = [];
            while (!seen.some((e) => e.stream === stream && e.revision === 1))
              seen = [...seen, ...(await take(iterator, 1))];
            expect(seen.filter(isSystem)).toEqual([]);
          } finally {
            await subscription.close();
          }
        } finally {
          await store.close();
        }
      });

      it("the filter travels to the server: a filtered $all read over the wire returns no system record", async () => {
        const port = (await openRawClient(client, url)).port;
        try {
          const records: RecordedEvent[] = [];
          for await (const e of port.readAll({
            direction: "forwards",
            from: "start",
            maxCount: 10_000,
            filter: EXCLUDE_SYSTEM_EVENTS,
          }))
            records.push(e);
          expect(records.length).toBeGreaterThan(0);
          expect(records.filter((e) => e.type.startsWith("$"))).toEqual([]);
          const stream = fresh("prefix");
          // a well-formed ledger event, so later whole-$all reads on a shared real server still decode
          await port.append(stream, makeEvents(stream, 1).map(toEventData), "no_stream");
          const byPrefix: RecordedEvent[] = [];
          for await (const e of port.readAll({
            direction: "backwards",
            from: "end",
            maxCount: 10,
            filter: { on: "stream", prefixes: [stream] },
          }))
            byPrefix.push(e);
          expect(byPrefix.map((e) => e.stream)).toEqual([stream]);
        } finally {
          await port.dispose();
        }
      });

      it("a client passed in is used, and left open by close()", async () => {
        const store = createEventStoreDbStore(raw.source);
        expect(store.ownsClient).toBe(false);
        const stream = fresh("task");
        expect(E.isRight(await store.append(stream, makeEvents(stream, 1), NO_STREAM))).toBe(true);
        await store.close();
        expect(
          (await collect(raw.port.readStream(stream, { direction: "forwards", from: "start", maxCount: 10 })))
            .length,
        ).toBe(1);
      });
    });
  }

  describe("server unavailable", () => {
    it("an append is a Left StoreUnavailable (retryable), a read throws it", async () => {
      const port = await closedPort();
      const store = createEventStoreDbStore({
        connectionString: `${schemeOf(client)}://127.0.0.1:${port}?tls=false`,
      });
      try {
        const stream = fresh("task");
        const result = await store.append(stream, makeEvents(stream, 1), NO_STREAM);
        expect(E.isLeft(result) && result.left).toMatchObject({
          _tag: "StoreUnavailable",
          code: "STORE_UNAVAILABLE",
          retryable: true,
        });
        const error = await readFailure(store.readStream(stream));
        expect(error).toBeInstanceOf(LedgerFailure);
        expect((error as LedgerFailure).error).toMatchObject({ code: "STORE_UNAVAILABLE", retryable: true });
        const all = await readFailure(store.readAll());
        expect((all as LedgerFailure).error).toMatchObject({ code: "STORE_UNAVAILABLE", retryable: true });
      } finally {
        await store.close();
      }
    });
  });
};
