/**
 * What only the double can stage, over the real client and the real gRPC wire: a lost
 * acknowledgement and the retry the adapter's error advises, an append over the server's size
 * limit, and a deadline that has passed on the server. (A real server cannot be made to lose an
 * acknowledgement on demand; these run against the double only.)
 */
import { exactly, NO_STREAM } from "@safety-ledger/core";
import { type EsdbDouble, startEsdbDouble } from "@safety-ledger/esdb-double";
import { collect, makeEvents } from "@safety-ledger/testkit";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEventStoreDbStore, type EventStoreDbStore } from "../../src/index";
import type { ClientPackage } from "../targets";

let streams = 0;
const fresh = (category: string) => {
  streams += 1;
  return `${category}-fault${streams}`;
};

export const wireFaultsSuite = (client: ClientPackage): void => {
  describe.each([
    { path: "BatchAppend", batchAppend: true },
    { path: "Append", batchAppend: false },
  ])(`faults over $path (double only, ${client})`, ({ batchAppend }) => {
    let double: EsdbDouble;
    let store: EventStoreDbStore;
    beforeAll(async () => {
      double = await startEsdbDouble({ batchAppend, client });
      store = createEventStoreDbStore({ connectionString: double.url });
    });
    afterAll(async () => {
      await store.close();
      await double.stop();
    });

    it("a lost acknowledgement is a retryable STORE_DEADLINE; the same append again succeeds and writes the events once", async () => {
      const stream = fresh("task");
      const events = makeEvents(stream, 3);
      double.loseAcknowledgements();
      const lost = await store.append(stream, events, NO_STREAM);
      expect(E.isLeft(lost) && lost.left).toMatchObject({
        _tag: "StoreUnavailable",
        code: "STORE_DEADLINE",
        retryable: true,
      });
      expect(E.isLeft(lost) && lost.left.message).toMatch(/idempotent/);
      const retried = await store.append(stream, events, NO_STREAM);
      expect(E.isRight(retried) && retried.right.nextExpectedRevision).toBe(2);
      const stored = await collect(store.readStream(stream));
      expect(stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
      // the answer is the one the first append would have had: the position of its last event
      expect(E.isRight(retried) && retried.right.position).toBe(stored.at(-1)?.position);
    });

    it("a retry at an exact revision after a lost acknowledgement succeeds too, and a different append there conflicts", async () => {
      const stream = fresh("hazard");
      await store.append(stream, makeEvents(stream, 1), NO_STREAM);
      const next = makeEvents(stream, 2, { firstRevision: 1 });
      double.loseAcknowledgements();
      expect(E.isLeft(await store.append(stream, next, exactly(0)))).toBe(true);
      const retried = await store.append(stream, next, exactly(0));
      expect(E.isRight(retried) && retried.right.nextExpectedRevision).toBe(2);
      const other = await store.append(stream, makeEvents(stream, 1, { firstRevision: 1 }), exactly(0));
      expect(E.isLeft(other) && other.left).toMatchObject({ _tag: "WrongExpectedVersion", actual: 2 });
      expect((await collect(store.readStream(stream))).length).toBe(3);
    });

    it("an append over the server's 1 MiB limit is a STORE_FAILURE that is not retryable, and writes nothing", async () => {
      const stream = fresh("entity");
      const big = "x".repeat(400_000);
      const events = makeEvents(stream, 3, { data: () => ({ big }) });
      const refused = await store.append(stream, events, NO_STREAM);
      expect(E.isLeft(refused) && refused.left).toMatchObject({
        _tag: "StoreUnavailable",
        code: "STORE_FAILURE",
        retryable: false,
      });
      expect(E.isLeft(refused) && refused.left.message).toMatch(/larger than EventStoreDB accepts/);
      expect(await collect(store.readStream(stream))).toEqual([]);
    });

    it("an append whose deadline has passed on the server is a retryable STORE_DEADLINE and writes nothing", async () => {
      const stream = fresh("accident");
      double.advanceClock(60_000);
      try {
        const late = await store.append(stream, makeEvents(stream, 1), NO_STREAM);
        expect(E.isLeft(late) && late.left).toMatchObject({ code: "STORE_DEADLINE", retryable: true });
      } finally {
        double.advanceClock(-60_000);
      }
      expect(await collect(store.readStream(stream))).toEqual([]);
    });
  });
};
