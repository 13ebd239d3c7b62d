import {
  jsonEvent,
  NO_STREAM,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TOMBSTONE_REVISION } from "./index";
import { APPEND_PATHS, failure } from "./test-cases";
import { collect, type Harness, revisionsOf, startHarness, uniqueStream } from "./test-support";

const event = (n: number) => jsonEvent({ type: "ItemAdded", data: { n } });

describe.each(APPEND_PATHS)("deletes, appending over $path", ({ batchAppend }) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ batchAppend });
  });
  afterEach(async () => {
    await h.close();
  });

  describe("soft delete", () => {
    it("makes reads report not found and writes $tb to the metastream", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, [event(0), event(1), event(2)]);
      const deleted = await h.client.deleteStream(stream, { expectedRevision: 2n });
      expect(deleted.position).toBeDefined();
      expect(await failure(collect(h.client.readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
      const meta = await collect(h.client.readStream(`$$${stream}`));
      expect(meta.map((each) => [each.event?.type, each.event?.data])).toEqual([["$metadata", { $tb: 3 }]]);
      expect(meta[0]?.event?.position?.commit).toBe(deleted.position?.commit);
      // $all keeps the deleted events and shows the metadata record.
      const all = await collect(h.client.readAll());
      expect(all.filter((each) => each.event?.streamId === stream)).toHaveLength(3);
    });

    it("lets a re-append continue at the next revision", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, [event(0), event(1)]);
      await h.client.deleteStream(stream);
      const recreated = await h.client.appendToStream(stream, [event(2)], { expectedRevision: NO_STREAM });
      expect(recreated.nextExpectedRevision).toBe(2n);
      expect(revisionsOf(await collect(h.client.readStream(stream)))).toEqual([2n]);
      await expect(
        h.client.appendToStream(stream, [event(3)], { expectedRevision: NO_STREAM }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    });

    it("fails with typed wrong-expected-version trailers", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, [event(0), event(1)]);
      const stale = await failure(h.client.deleteStream(stream, { expectedRevision: 0n }));
      expect(stale).toBeInstanceOf(WrongExpectedVersionError);
      expect(stale).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 1n });
      const noStream = await failure(h.client.deleteStream(stream, { expectedRevision: NO_STREAM }));
      expect(noStream).toMatchObject({ streamName: stream, expectedVersion: -1n, actualVersion: 1n });
      const missing = uniqueStream("missing");
      const onMissing = await failure(h.client.deleteStream(missing, { expectedRevision: 4n }));
      expect(onMissing).toBeInstanceOf(WrongExpectedVersionError);
      expect(onMissing).toMatchObject({ streamName: missing, expectedVersion: 4n, actualVersion: -1n });
    });

    it("rejects a stream never written with any or no_stream (servers since 21.x), writing nothing", async () => {
      const before = h.double.eventCount;
      const missing = uniqueStream("missing");
      const withAny = await failure(h.client.deleteStream(missing));
      expect(withAny).toBeInstanceOf(WrongExpectedVersionError);
      expect(withAny).toMatchObject({ streamName: missing, expectedVersion: -2n, actualVersion: -1n });
      const withNoStream = await failure(h.client.deleteStream(missing, { expectedRevision: NO_STREAM }));
      expect(withNoStream).toBeInstanceOf(WrongExpectedVersionError);
      expect(h.double.eventCount).toBe(before);
    });
  });

  describe("tombstone", () => {
    it("makes reads, appends and deletes fail with StreamDeletedError", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, [event(0)]);
      const tombstoned = await h.client.tombstoneStream(stream, { expectedRevision: 0n });
      expect(tombstoned.position).toBeDefined();

      const read = await failure(collect(h.client.readStream(stream)));
      expect(read).toBeInstanceOf(StreamDeletedError);
      expect((read as StreamDeletedError).streamName).toBe(stream);

      const append = await failure(h.client.appendToStream(stream, [event(1)]));
      expect(append).toBeInstanceOf(StreamDeletedError);
      expect((append as StreamDeletedError).streamName).toBe(stream);

      const soft = await failure(h.client.deleteStream(stream));
      expect(soft).toBeInstanceOf(StreamDeletedError);
      const again = await failure(h.client.tombstoneStream(stream));
      expect(again).toBeInstanceOf(StreamDeletedError);
      expect((again as StreamDeletedError).streamName).toBe(stream);
    });

    it("writes a $streamDeleted record to $all", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, [event(0)]);
      const tombstoned = await h.client.tombstoneStream(stream);
      const last = (await collect(h.client.readAll())).at(-1)?.event;
      expect(last?.type).toBe("$streamDeleted");
      expect(last?.streamId).toBe(stream);
      expect(last?.revision).toBe(TOMBSTONE_REVISION);
      expect(last?.position?.commit).toBe(tombstoned.position?.commit);
    });

    it("fails with typed wrong-expected-version trailers", async () => {
      const stream = uniqueStream();
      await h.client.appendToStream(stream, [event(0)]);
      const error = await failure(h.client.tombstoneStream(stream, { expectedRevision: NO_STREAM }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: stream, expectedVersion: -1n, actualVersion: 0n });
      const missing = uniqueStream("missing");
      const onMissing = await failure(h.client.tombstoneStream(missing, { expectedRevision: 3n }));
      expect(onMissing).toMatchObject({ streamName: missing, expectedVersion: 3n, actualVersion: -1n });
      expect(revisionsOf(await collect(h.client.readStream(stream)))).toEqual([0n]);
    });
  });
});
