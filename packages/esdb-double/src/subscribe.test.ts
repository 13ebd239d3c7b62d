import {
  END,
  EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  type Position,
  type ResolvedEvent,
  START,
  StreamDeletedError,
  streamNameFilter,
} from "@eventstore/db-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SEEDED_SYSTEM_EVENT_COUNT } from "./index";
import { APPEND_PATHS } from "./test-cases";
import {
  confirmed,
  eventually,
  type Harness,
  record,
  revisionsOf,
  startHarness,
  streamsOf,
  typesOf,
  uniqueStream,
} from "./test-support";

const event = (n: number, type = "ItemAdded") => jsonEvent({ type, data: { n } });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe.each(APPEND_PATHS)("subscriptions, appending over $path", ({ batchAppend }) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ batchAppend });
  });
  afterEach(async () => {
    await h.close();
  });

  /** Append a sentinel and wait for it, so that anything sent before it has arrived too. */
  async function settle(received: ResolvedEvent[], stream: string): Promise<void> {
    await h.client.appendToStream(stream, jsonEvent({ type: "Sentinel", data: {} }));
    await eventually(() => received.some((each) => each.event?.type === "Sentinel"));
  }

  describe("to a stream", () => {
    it("sends confirmation, catch-up, caught_up, then live events with no gap or duplicate", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(
        stream,
        range(0, 3).map((n) => event(n)),
      );
      const subscription = h.client.subscribeToStream(stream);
      const signals: string[] = [];
      subscription.on("confirmation", () => signals.push("confirmation"));
      subscription.on("caughtUp", () => signals.push("caughtUp"));
      const received = record(subscription);
      subscription.on("data", (each: ResolvedEvent) => signals.push(`event ${each.event?.revision}`));
      await eventually(() => received.length === 3);
      const writer = h.connect();
      await Promise.all([
        writer.appendToStream(stream, [event(3), event(4)]),
        h.client.appendToStream(uniqueStream("other"), event(0)),
      ]);
      await writer.appendToStream(stream, event(5));
      await settle(received, stream);
      expect(revisionsOf(received)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
      expect(signals.slice(0, 5)).toEqual(["confirmation", "event 0", "event 1", "event 2", "caughtUp"]);
      expect(typeof subscription.id).toBe("string");
    });

    it("starts after the given revision, or at the end", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(
        stream,
        range(0, 4).map((n) => event(n)),
      );
      const fromRevision = record(h.client.subscribeToStream(stream, { fromRevision: 1n }));
      const endSubscription = h.client.subscribeToStream(stream, { fromRevision: END });
      const fromEnd = record(endSubscription);
      await confirmed(endSubscription);
      await eventually(() => fromRevision.length === 2);
      await h.client.appendToStream(stream, event(4));
      await settle(fromRevision, stream);
      await eventually(() => fromEnd.length === 2);
      expect(revisionsOf(fromRevision)).toEqual([2n, 3n, 4n, 5n]);
      expect(revisionsOf(fromEnd)).toEqual([4n, 5n]);
    });

    it("waits on a stream that does not exist yet", async () => {
      const stream = uniqueStream();
      const received = record(h.client.subscribeToStream(stream));
      await h.client.appendToStream(stream, [event(0), event(1)]);
      await settle(received, stream);
      expect(revisionsOf(received)).toEqual([0n, 1n, 2n]);
    });

    it("fails with StreamDeletedError when the stream is tombstoned", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, event(0));
      const subscription = h.client.subscribeToStream(stream);
      const received = record(subscription);
      const failed = new Promise<unknown>((resolve) => subscription.on("error", resolve));
      await eventually(() => received.length === 1);
      await h.client.tombstoneStream(stream);
      const error = await failed;
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect((error as StreamDeletedError).streamName).toBe(stream);
      await eventually(() => h.double.openCallCount === (batchAppend ? 1 : 0));
    });
  });

  describe("to $all", () => {
    it("delivers system records unless a filter excludes them", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, [event(0), event(1)]);
      const unfiltered = record(h.client.subscribeToAll());
      const filtered = record(h.client.subscribeToAll({ filter: excludeSystemEvents() }));
      await settle(unfiltered, stream);
      await eventually(() => filtered.some((each) => each.event?.type === "Sentinel"));
      expect(unfiltered).toHaveLength(SEEDED_SYSTEM_EVENT_COUNT + 3);
      expect(
        unfiltered.slice(0, SEEDED_SYSTEM_EVENT_COUNT).every((each) => each.event?.type.startsWith("$")),
      ).toBe(true);
      expect(streamsOf(filtered)).toEqual([stream, stream, stream]);
    });

    it("switches from catch-up to live with no gap or duplicate while writers race", async () => {
      const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
      const writers = [h.connect(), h.connect(), h.connect()];
      await Promise.all(streams.map((stream, i) => writers[i]!.appendToStream(stream, [event(0), event(1)])));
      const received = record(h.client.subscribeToAll({ filter: excludeSystemEvents() }));
      await Promise.all(
        streams.flatMap((stream, i) => range(2, 6).map((n) => writers[i]!.appendToStream(stream, event(n)))),
      );
      await settle(received, uniqueStream("sentinel"));
      const positions = received.map((each) => each.event!.position!.commit);
      expect(new Set(positions).size).toBe(positions.length);
      expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
      for (const stream of streams) {
        expect(revisionsOf(received.filter((each) => each.event?.streamId === stream))).toEqual(
          range(0, 6).map(BigInt),
        );
      }
      expect(received).toHaveLength(streams.length * 6 + 1);
    });

    it("resumes strictly after a given position", async () => {
      const stream = uniqueStream();
      const first = await h.client.appendToStream(stream, [event(0), event(1)]);
      await h.client.appendToStream(stream, [event(2), event(3)]);
      const resumed = record(
        h.client.subscribeToAll({ fromPosition: first.position!, filter: excludeSystemEvents() }),
      );
      const endSubscription = h.client.subscribeToAll({ fromPosition: END });
      const fromEnd = record(endSubscription);
      await confirmed(endSubscription);
      await h.client.appendToStream(stream, event(4));
      await settle(resumed, stream);
      await eventually(() => fromEnd.length === 2);
      expect(revisionsOf(resumed)).toEqual([2n, 3n, 4n, 5n]);
      expect(revisionsOf(fromEnd)).toEqual([4n, 5n]);
    });

    it("filters by stream name and event type, by prefix and by regex", async () => {
      const order = uniqueStream("order");
      const invoice = uniqueStream("invoice");
      await h.client.appendToStream(order, [event(0, "OrderPlaced"), event(1, "OrderShipped")]);
      await h.client.appendToStream(invoice, [event(0, "InvoiceIssued")]);
      const byStreamPrefix = record(
        h.client.subscribeToAll({
          fromPosition: START,
          filter: streamNameFilter({ prefixes: ["invoice-"] }),
        }),
      );
      const byStreamRegex = record(
        h.client.subscribeToAll({ filter: streamNameFilter({ regex: "^order-\\d+$" }) }),
      );
      const byTypePrefix = record(
        h.client.subscribeToAll({ filter: eventTypeFilter({ prefixes: ["OrderS", "Invoice"] }) }),
      );
      const byTypeRegex = record(h.client.subscribeToAll({ filter: eventTypeFilter({ regex: "Placed$" }) }));
      await h.client.appendToStream(invoice, event(1, "InvoicePaid"));
      await h.client.appendToStream(order, event(2, "OrderPlaced"));
      await eventually(() => byStreamRegex.length === 3 && byTypeRegex.length === 2);
      await eventually(() => byStreamPrefix.length === 2 && byTypePrefix.length === 3);
      expect(typesOf(byStreamPrefix)).toEqual(["InvoiceIssued", "InvoicePaid"]);
      expect(typesOf(byStreamRegex)).toEqual(["OrderPlaced", "OrderShipped", "OrderPlaced"]);
      expect(typesOf(byTypePrefix)).toEqual(["OrderShipped", "InvoiceIssued", "InvoicePaid"]);
      expect(typesOf(byTypeRegex)).toEqual(["OrderPlaced", "OrderPlaced"]);
    });
  });

  it("ends subscriptions and BatchAppend streams when the client is disposed", async () => {
    const client = h.connect();
    const stream = uniqueStream();
    await client.appendToStream(stream, event(0));
    const subscription = client.subscribeToAll();
    const streamSubscription = client.subscribeToStream(stream);
    await Promise.all([confirmed(subscription), confirmed(streamSubscription)]);
    expect(h.double.openCallCount).toBe(batchAppend ? 3 : 2);
    await client.dispose();
    await eventually(() => h.double.openCallCount === 0);
    // The double keeps serving, and writes after the cancellation reach no dropped listener.
    const next = EventStoreDBClient.connectionString(h.double.url);
    try {
      await next.appendToStream(stream, event(1));
      await next.appendToStream(stream, event(2));
      expect(h.double.records().filter((each) => each.streamId === stream)).toHaveLength(3);
    } finally {
      await next.dispose();
    }
  });
});

describe("checkpoints on filtered $all subscriptions", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("reach checkpointReached every window × multiplier scanned records, and resume from them", async () => {
    h = await startHarness({ checkpointInterval: 4 });
    const stream = uniqueStream();
    await h.client.appendToStream(
      stream,
      range(0, 10).map((n) => event(n)),
    );
    const checkpoints: Position[] = [];
    const received = record(
      h.client.subscribeToAll({
        filter: excludeSystemEvents({
          checkpointInterval: 2,
          checkpointReached: (_subscription, position) => {
            checkpoints.push(position);
          },
        }),
      }),
    );
    await eventually(() => checkpoints.length === 2);
    await h.client.appendToStream(
      stream,
      range(10, 17).map((n) => event(n)),
    );
    await eventually(() => checkpoints.length === 3);
    const records = h.double.records();
    expect(records).toHaveLength(SEEDED_SYSTEM_EVENT_COUNT + 17);
    // Window 4 (the double's default) × multiplier 2 = every 8th scanned record, system ones included.
    expect(checkpoints.map((each) => each.commit)).toEqual(
      [7, 15, 23].map((index) => records[index]!.position),
    );
    expect(checkpoints.every((each) => each.commit === each.prepare)).toBe(true);
    await eventually(() => received.length === 17);

    const resumed = record(
      h.client.subscribeToAll({ fromPosition: checkpoints[0]!, filter: excludeSystemEvents() }),
    );
    await eventually(() => resumed.length === 16);
    expect(revisionsOf(resumed)).toEqual(range(1, 17).map(BigInt));
  });

  it("use the client's maxSearchWindow when it sets one", async () => {
    h = await startHarness({ seedSystemEvents: false });
    const stream = uniqueStream();
    await h.client.appendToStream(
      stream,
      range(0, 7).map((n) => event(n, n % 2 === 0 ? "Even" : "Odd")),
    );
    const checkpoints: Position[] = [];
    const received = record(
      h.client.subscribeToAll({
        filter: eventTypeFilter({
          prefixes: ["Even"],
          maxSearchWindow: 3,
          checkpointInterval: 1,
          checkpointReached: (_subscription, position) => {
            checkpoints.push(position);
          },
        }),
      }),
    );
    await eventually(() => checkpoints.length === 2 && received.length === 4);
    const records = h.double.records();
    expect(checkpoints.map((each) => each.commit)).toEqual([records[2]!.position, records[5]!.position]);
    expect(revisionsOf(received)).toEqual([0n, 2n, 4n, 6n]);
  });
});
