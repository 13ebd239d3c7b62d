import {
  BACKWARDS,
  binaryEvent,
  END,
  FORWARDS,
  jsonEvent,
  START,
  StreamNotFoundError,
} from "@eventstore/db-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEEDED_SYSTEM_EVENT_COUNT } from "./index";
import { collect, type Harness, revisionsOf, startHarness, streamsOf, uniqueStream } from "./test-support";

const event = (n: number) => jsonEvent({ type: "ItemAdded", data: { n } });

describe("readStream", () => {
  let h: Harness;
  const stream = uniqueStream();
  beforeAll(async () => {
    h = await startHarness();
    await h.client.appendToStream(stream, [0, 1, 2, 3, 4].map(event));
  });
  afterAll(async () => {
    await h.close();
  });

  it("reads forwards from the start, inclusive of a given revision, with a count", async () => {
    expect(revisionsOf(await collect(h.client.readStream(stream)))).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(revisionsOf(await collect(h.client.readStream(stream, { fromRevision: 2n })))).toEqual([
      2n,
      3n,
      4n,
    ]);
    expect(
      revisionsOf(await collect(h.client.readStream(stream, { fromRevision: 1n, maxCount: 2 }))),
    ).toEqual([1n, 2n]);
    expect(await collect(h.client.readStream(stream, { fromRevision: END, direction: FORWARDS }))).toEqual(
      [],
    );
    expect(await collect(h.client.readStream(stream, { fromRevision: 9n }))).toEqual([]);
  });

  it("reads backwards from the end or inclusive of a given revision", async () => {
    expect(
      revisionsOf(await collect(h.client.readStream(stream, { direction: BACKWARDS, fromRevision: END }))),
    ).toEqual([4n, 3n, 2n, 1n, 0n]);
    expect(
      revisionsOf(
        await collect(h.client.readStream(stream, { direction: BACKWARDS, fromRevision: 3n, maxCount: 2 })),
      ),
    ).toEqual([3n, 2n]);
    expect(
      revisionsOf(await collect(h.client.readStream(stream, { direction: BACKWARDS, fromRevision: START }))),
    ).toEqual([0n]);
  });

  it("reports a missing stream as StreamNotFoundError", async () => {
    const missing = uniqueStream("missing");
    const error = await collect(h.client.readStream(missing)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect((error as StreamNotFoundError).streamName).toBe(missing);
  });

  it("keeps $$stream metadata as an ordinary stream, so it round-trips", async () => {
    const metaStream = uniqueStream("meta");
    await h.client.setStreamMetadata(metaStream, { maxCount: 5, custom: { team: "audit" } });
    const { metadata } = await h.client.getStreamMetadata(metaStream);
    expect(metadata).toMatchObject({ maxCount: 5, custom: { team: "audit" } });
  });

  it("returns binary data as bytes", async () => {
    const bytesStream = uniqueStream("bytes");
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await h.client.appendToStream(bytesStream, binaryEvent({ type: "Blob", data: bytes }));
    const [read] = await collect(h.client.readStream(bytesStream));
    expect(read?.event?.isJson).toBe(false);
    expect(read?.event?.data).toEqual(bytes);
  });
});

describe("readAll", () => {
  let h: Harness;
  const a = uniqueStream();
  const b = uniqueStream();
  beforeAll(async () => {
    h = await startHarness();
    await h.client.appendToStream(a, [event(0), event(1)]);
    await h.client.appendToStream(b, [event(0)]);
    await h.client.appendToStream(a, [event(2)]);
  });
  afterAll(async () => {
    await h.close();
  });

  it("includes the seeded system records before the user events", async () => {
    const all = await collect(h.client.readAll());
    expect(all).toHaveLength(SEEDED_SYSTEM_EVENT_COUNT + 4);
    const system = all.slice(0, SEEDED_SYSTEM_EVENT_COUNT);
    expect(system.every((each) => each.event?.type.startsWith("$"))).toBe(true);
    expect(
      system.some((each) => each.event?.type === "$metadata" && each.event.streamId.startsWith("$$")),
    ).toBe(true);
    expect(system.some((each) => each.event?.streamId === "$settings")).toBe(true);
    expect(streamsOf(all.slice(SEEDED_SYSTEM_EVENT_COUNT))).toEqual([a, a, b, a]);
  });

  it("reads forwards inclusive of a position and backwards exclusive of it", async () => {
    const all = await collect(h.client.readAll());
    const pivot = all[SEEDED_SYSTEM_EVENT_COUNT + 2]!.event!.position!;
    const forwards = await collect(h.client.readAll({ fromPosition: pivot }));
    expect(streamsOf(forwards)).toEqual([b, a]);
    expect(forwards[0]?.event?.position).toEqual(pivot);
    const backwards = await collect(
      h.client.readAll({ fromPosition: pivot, direction: BACKWARDS, maxCount: 2 }),
    );
    expect(streamsOf(backwards)).toEqual([a, a]);
    expect(revisionsOf(backwards)).toEqual([1n, 0n]);
  });

  it("reads backwards from the end and honours maxCount", async () => {
    const latest = await collect(h.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 3 }));
    expect(streamsOf(latest)).toEqual([a, b, a]);
    expect(revisionsOf(latest)).toEqual([2n, 0n, 1n]);
    expect(await collect(h.client.readAll({ fromPosition: END }))).toEqual([]);
  });

  it("can start without system records", async () => {
    const bare = await startHarness({ seedSystemEvents: false });
    try {
      expect(await collect(bare.client.readAll())).toEqual([]);
      const result = await bare.client.appendToStream(uniqueStream(), event(0));
      expect(result.position?.commit).toBeGreaterThan(0n);
    } finally {
      await bare.close();
    }
  });
});
