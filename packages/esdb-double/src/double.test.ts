import { EventStoreDBClient, excludeSystemEvents, jsonEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { SEEDED_SYSTEM_EVENT_COUNT, startEsdbDouble } from "./index";
import { collect, confirmed, eventually, record, startHarness, uniqueStream } from "./test-support";

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
});
