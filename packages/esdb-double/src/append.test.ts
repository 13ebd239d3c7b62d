import {
  ANY,
  type AppendExpectedRevision,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOG_START_POSITION, SEEDED_SYSTEM_EVENT_COUNT } from "./index";
import { APPEND_PATHS } from "./test-cases";
import { collect, type Harness, startHarness, uniqueStream } from "./test-support";

const event = (n: number) => jsonEvent({ type: "ItemAdded", data: { n } });

describe.each(APPEND_PATHS)("appends over $path", ({ batchAppend }) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ batchAppend });
  });
  afterEach(async () => {
    await h.close();
  });

  it("takes the path ServerFeatures selects", async () => {
    await h.client.appendToStream(uniqueStream(), [event(1)]);
    await h.client.appendToStream(uniqueStream(), [event(2)]);
    expect(h.double.calls.getSupportedMethods).toBe(1);
    if (batchAppend) {
      expect(h.double.calls.batchAppend).toBe(1);
      expect(h.double.calls.append).toBe(0);
    } else {
      expect(h.double.calls.append).toBe(2);
      expect(h.double.calls.batchAppend).toBe(0);
    }
  });

  it("numbers revisions from 0 per stream and reports the last one", async () => {
    const a = uniqueStream();
    const b = uniqueStream();
    const first = await h.client.appendToStream(a, [event(1), event(2), event(3)], {
      expectedRevision: NO_STREAM,
    });
    expect(first.success).toBe(true);
    expect(first.nextExpectedRevision).toBe(2n);
    const other = await h.client.appendToStream(b, [event(1)], { expectedRevision: NO_STREAM });
    expect(other.nextExpectedRevision).toBe(0n);
    const second = await h.client.appendToStream(a, [event(4)], { expectedRevision: 2n });
    expect(second.nextExpectedRevision).toBe(3n);
    const revisions = (await collect(h.client.readStream(a))).map((each) => each.event?.revision);
    expect(revisions).toEqual([0n, 1n, 2n, 3n]);
  });

  it("gives $all positions that increase, skip, start after the system records, and have commit == prepare", async () => {
    const stream = uniqueStream();
    const first = await h.client.appendToStream(stream, [event(1), event(2)]);
    const second = await h.client.appendToStream(stream, [event(3)]);
    expect(first.position).toBeDefined();
    expect(second.position).toBeDefined();
    const p1 = first.position!;
    const p2 = second.position!;
    expect(p1.commit).toBe(p1.prepare);
    expect(p2.commit).toBe(p2.prepare);
    expect(p2.commit).toBeGreaterThan(p1.commit + 1n);
    const all = h.double.records();
    expect(all[0]?.position).toBe(LOG_START_POSITION);
    expect(LOG_START_POSITION).toBeGreaterThan(0n);
    const userRecords = all.slice(SEEDED_SYSTEM_EVENT_COUNT);
    expect(userRecords.map((each) => each.position)).toEqual([
      userRecords[0]!.position,
      p1.commit,
      p2.commit,
    ]);
    const read = await collect(h.client.readStream(stream));
    expect(read.map((each) => each.event?.position?.commit)).toEqual(
      userRecords.map((each) => each.position),
    );
  });

  it("keeps one append's events contiguous in $all when appends race", async () => {
    const streams = [uniqueStream(), uniqueStream(), uniqueStream(), uniqueStream()];
    const clients = [h.client, h.connect(), h.connect()];
    await Promise.all(
      streams.map((stream, i) =>
        clients[i % clients.length]!.appendToStream(stream, [event(1), event(2), event(3)]),
      ),
    );
    const order = (await collect(h.client.readAll()))
      .map((each) => each.event?.streamId)
      .filter((id) => id !== undefined && streams.includes(id));
    expect(order).toHaveLength(12);
    for (let i = 0; i < 12; i += 3) {
      expect(new Set(order.slice(i, i + 3)).size).toBe(1);
    }
  });

  it("round-trips data, metadata, type, content type and created (ticks since the Unix epoch)", async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, [
      jsonEvent({ type: "Signed", data: { who: "李" }, metadata: { by: "inspector" } }),
    ]);
    const [read] = await collect(h.client.readStream(stream));
    const stored = h.double.records().at(-1)!;
    expect(read?.event?.type).toBe("Signed");
    expect(read?.event?.isJson).toBe(true);
    expect(read?.event?.data).toEqual({ who: "李" });
    expect(read?.event?.metadata).toEqual({ by: "inspector" });
    expect(read?.event?.id).toBe(stored.id);
    expect(stored.contentType).toBe("application/json");
    expect(read?.event?.created.getTime()).toBe(Number(stored.created / 10_000n));
  });

  describe("expected revisions", () => {
    const cases: {
      name: string;
      existing: number;
      expected: AppendExpectedRevision;
      ok: boolean;
      actual: bigint | "no_stream";
    }[] = [
      { name: "no_stream on a new stream", existing: 0, expected: NO_STREAM, ok: true, actual: "no_stream" },
      { name: "no_stream on an existing stream", existing: 2, expected: NO_STREAM, ok: false, actual: 1n },
      {
        name: "stream_exists on a new stream",
        existing: 0,
        expected: STREAM_EXISTS,
        ok: false,
        actual: "no_stream",
      },
      {
        name: "stream_exists on an existing stream",
        existing: 1,
        expected: STREAM_EXISTS,
        ok: true,
        actual: 0n,
      },
      { name: "any on a new stream", existing: 0, expected: ANY, ok: true, actual: "no_stream" },
      { name: "any on an existing stream", existing: 3, expected: ANY, ok: true, actual: 2n },
      { name: "the exact last revision", existing: 3, expected: 2n, ok: true, actual: 2n },
      { name: "a stale revision", existing: 3, expected: 1n, ok: false, actual: 2n },
      { name: "a revision on a new stream", existing: 0, expected: 0n, ok: false, actual: "no_stream" },
    ];
    it.each(cases)("$name", async ({ existing, expected, ok, actual }) => {
      const stream = uniqueStream();
      if (existing > 0) {
        await h.client.appendToStream(
          stream,
          Array.from({ length: existing }, (_, i) => event(i)),
        );
      }
      const append = h.client.appendToStream(stream, [event(99)], { expectedRevision: expected });
      if (ok) {
        await expect(append).resolves.toMatchObject({ success: true });
        return;
      }
      const error = await append.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      const wrong = error as WrongExpectedVersionError;
      expect(wrong.streamName).toBe(stream);
      expect(wrong.expectedVersion).toBe(expected);
      expect(wrong.actualVersion).toBe(actual);
      const stored = await collect(h.client.readStream(stream)).catch(() => []);
      expect(stored).toHaveLength(existing);
    });
  });

  it("reports a failed append in the result when throwOnAppendFailure is off", async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, [event(1)]);
    const lenient = h.connect("&throwOnAppendFailure=false");
    const result = await lenient.appendToStream(stream, [event(2)], { expectedRevision: NO_STREAM });
    expect(result.success).toBe(false);
    expect(result.position).toBeUndefined();
  });

  it("accepts an empty append that satisfies the expected revision", async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, [event(1)]);
    const before = h.double.eventCount;
    const result = await h.client.appendToStream(stream, [], { expectedRevision: 0n });
    expect(result.success).toBe(true);
    expect(result.nextExpectedRevision).toBe(0n);
    expect(h.double.eventCount).toBe(before);
  });
});
