import { EventStoreDBClient, excludeSystemEvents, jsonEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { SEEDED_SYSTEM_EVENT_COUNT, startEsdbDouble } from "./index";
import {
  collect,
  confirmed,
  eventually,
  record,
  revisionsOf,
  startHarness,
  uniqueStream,
} from "./test-support";

const event = (n: number) => jsonEvent({ type: "ItemAdded", data: { n } });

describe("startEsdbDouble", () => {
  it("binds a free port on 127.0.0.1 and serves an esdb:// url without TLS", async () => {
    const [one, two] = await Promise.all([startEsdbDouble(), startEsdbDouble()]);
    try {
      expect(one!.port).toBeGreaterThan(0);
      expect(one!.port).not.toBe(two!.port);
      expect(one!.url).toBe(`esdb://127.0.0.1:${one!.port}?tls=false`);
      expect(one!.eventCount).toBe(SEEDED_SYSTEM_EVENT_COUNT);
    } finally {
      await Promise.all([one!.stop(), two!.stop()]);
    }
  });

  it("rejects a non-positive checkpointInterval", async () => {
    await expect(startEsdbDouble({ checkpointInterval: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it("reset() forgets every record, re-seeds, and ends open subscriptions", async () => {
    const h = await startHarness();
    try {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, [event(0), event(1)]);
      const subscription = h.client.subscribeToAll({ filter: excludeSystemEvents() });
      const received = record(subscription);
      const ended = new Promise<void>((resolve) => subscription.on("end", () => resolve()));
      await eventually(() => received.length === 2);
      h.double.reset();
      await ended;
      expect(h.double.eventCount).toBe(SEEDED_SYSTEM_EVENT_COUNT);
      expect(h.double.records()[0]?.position).toBeGreaterThan(0n);
      const again = await h.client.appendToStream(stream, event(0));
      expect(again.nextExpectedRevision).toBe(0n);
      expect(received).toHaveLength(2);
    } finally {
      await h.close();
    }
  });

  it("stop() ends the calls of a client that was never disposed", async () => {
    const double = await startEsdbDouble();
    const client = EventStoreDBClient.connectionString(double.url);
    const stream = uniqueStream();
    await client.appendToStream(stream, event(0));
    const subscription = client.subscribeToStream(stream);
    const ended = new Promise<void>((resolve) => subscription.on("end", () => resolve()));
    subscription.on("error", () => {});
    record(subscription);
    await confirmed(subscription);
    expect(double.openCallCount).toBe(2);
    await double.stop();
    await ended;
    expect(double.openCallCount).toBe(0);
    await client.dispose();
    expect(await collect(client.readAll({ maxCount: 1 })).catch((error: unknown) => error)).toBeInstanceOf(
      Error,
    );
  });

  it("tamper() rewrites the log as the reads then see it: records changed, removed, moved, added", async () => {
    const h = await startHarness();
    try {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, [event(0), event(1), event(2), event(3)]);
      const mine = () => h.double.records().filter((r) => r.streamId === stream);
      const [r0, r1, r2, r3] = mine();
      const forgedPosition = r3!.position - 1n;
      h.double.tamper((records) =>
        records.flatMap((r) => {
          if (r.id === r0!.id) return [{ ...r, data: new TextEncoder().encode('{"n":99}') }];
          if (r.id === r1!.id) return [{ ...r, position: r2!.position }];
          if (r.id === r2!.id) return [{ ...r, position: r1!.position }];
          if (r.id === r3!.id) return [{ ...r, id: crypto.randomUUID(), position: forgedPosition }, r];
          return [r];
        }),
      );
      // $all is in the new position order: revision 2 before 1, a second revision 3 before the first
      const all = (await collect(h.client.readAll())).filter((e) => e.event?.streamId === stream);
      expect(revisionsOf(all)).toEqual([0n, 2n, 1n, 3n, 3n]);
      expect(all[0]?.event?.data).toEqual({ n: 99 });
      // a stream read goes by revision, and its reads start where they are told
      const read = await collect(h.client.readStream(stream, { fromRevision: 2n }));
      expect(revisionsOf(read)).toEqual([2n, 3n, 3n]);
      // deleting a stream's records leaves it not found; the next append continues the log
      h.double.tamper((records) => records.filter((r) => r.streamId !== stream));
      await expect(collect(h.client.readStream(stream))).rejects.toThrow(/not found/i);
      const after = await h.client.appendToStream(uniqueStream(), event(0));
      expect(after.position!.commit).toBeGreaterThan(r3!.position);
    } finally {
      await h.close();
    }
  });
});
