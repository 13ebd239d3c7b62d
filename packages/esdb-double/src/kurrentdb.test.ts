/**
 * The double serving `@kurrent/kurrentdb-client`'s own generated definitions, and that client
 * over the wire (its reads go through its Rust bridge, its appends and subscriptions through
 * grpc-js). This file must not load `@eventstore/db-client` (proto.ts says why).
 */
import {
  ANY,
  DeadlineExceededError,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamDeletedError,
  streamNameFilter,
  WrongExpectedVersionError,
} from "@kurrent/kurrentdb-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EsdbDouble, startEsdbDouble } from "./index";
import { APPEND_PATHS, failure } from "./test-cases";

const event = (n: number) => jsonEvent({ id: crypto.randomUUID(), type: "ItemAdded", data: { n } });

let counter = 0;
const unique = (prefix = "order") => {
  counter += 1;
  return `${prefix}-k${counter}`;
};

describe.each(APPEND_PATHS)("the KurrentDB client over $path", ({ batchAppend }) => {
  let double: EsdbDouble;
  let client: KurrentDBClient;
  beforeAll(async () => {
    double = await startEsdbDouble({ batchAppend, client: "@kurrent/kurrentdb-client" });
    client = KurrentDBClient.connectionString(double.url);
  });
  afterAll(async () => {
    await client.dispose();
    await double.stop();
  });

  const read = async (stream: string) => {
    const ids: string[] = [];
    for await (const each of client.readStream(stream, { fromRevision: START, direction: FORWARDS }))
      if (each.event) ids.push(each.event.id);
    return ids;
  };

  it("is served on a kurrentdb:// URL and appends over the RPC ServerFeatures selects", async () => {
    expect(double.url).toMatch(/^kurrentdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
    const before = double.calls;
    const result = await client.appendToStream(unique(), [event(1), event(2)], { streamState: NO_STREAM });
    expect(result.nextExpectedRevision).toBe(1n);
    const after = double.calls;
    if (batchAppend) expect(after.batchAppend).toBeGreaterThanOrEqual(Math.max(1, before.batchAppend));
    else expect(after.append).toBe(before.append + 1);
  });

  it("reads a stream and a filtered $all through its Rust bridge", async () => {
    const stream = unique("bridge");
    const events = [event(1), event(2), event(3)];
    await client.appendToStream(stream, events);
    expect(await read(stream)).toEqual(events.map((each) => each.id));
    const streams: string[] = [];
    for await (const each of client.readAll({
      filter: streamNameFilter({ prefixes: [stream] }),
      maxCount: 10,
    }))
      if (each.event) streams.push(each.event.streamId);
    expect(streams).toEqual([stream, stream, stream]);
  });

  it("a repeated append of the same ids writes nothing and answers the first result", async () => {
    const stream = unique();
    const events = [event(1), event(2)];
    const first = await client.appendToStream(stream, events, { streamState: NO_STREAM });
    const again = await client.appendToStream(stream, events, { streamState: NO_STREAM });
    const withAny = await client.appendToStream(stream, events, { streamState: ANY });
    expect(again).toEqual(first);
    expect(withAny.nextExpectedRevision).toBe(1n);
    expect((await read(stream)).length).toBe(2);
    const conflict = await failure(client.appendToStream(stream, [event(3)], { streamState: NO_STREAM }));
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
  });

  it("the size limit, a passed deadline and a tombstone reach the client as their errors", async () => {
    const stream = unique();
    const big = "x".repeat(1_100_000);
    expect(
      await failure(client.appendToStream(stream, [jsonEvent({ type: "Big", data: { big } })])),
    ).toBeInstanceOf(MaxAppendSizeExceededError);
    double.advanceClock(60_000);
    try {
      expect(await failure(client.appendToStream(stream, [event(1)]))).toBeInstanceOf(DeadlineExceededError);
    } finally {
      double.advanceClock(-60_000);
    }
    await client.appendToStream(stream, [event(2)]);
    await client.tombstoneStream(stream);
    expect(await failure(read(stream))).toBeInstanceOf(StreamDeletedError);
  });
});
