/** Stream metadata a user writes (`$tb`, `$maxCount`, `$maxAge`) hides events from stream reads, as on a real server. */
import { jsonEvent } from "@eventstore/db-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collect, type Harness, revisionsOf, startHarness, uniqueStream } from "./test-support";

const events = (count: number) =>
  Array.from({ length: count }, (_, n) => jsonEvent({ type: "ItemAdded", data: { n } }));

describe("stream metadata on reads", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const read = async (stream: string, direction?: "forwards" | "backwards") =>
    revisionsOf(
      await collect(
        h.client.readStream(
          stream,
          direction === "backwards" ? { direction: "backwards", fromRevision: "end" } : {},
        ),
      ),
    );

  it("$tb hides the revisions below it; $all still holds them", async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, events(5));
    await h.client.setStreamMetadata(stream, { truncateBefore: 3 });
    expect(await read(stream)).toEqual([3n, 4n]);
    expect(await read(stream, "backwards")).toEqual([4n, 3n]);
    expect(h.double.records().filter((r) => r.streamId === stream).length).toBe(5);
  });

  it("$maxCount keeps only the last n, and a later append moves the window", async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, events(5));
    await h.client.setStreamMetadata(stream, { maxCount: 2 });
    expect(await read(stream)).toEqual([3n, 4n]);
    await h.client.appendToStream(stream, events(1));
    expect(await read(stream)).toEqual([4n, 5n]);
  });

  it("$maxAge hides events older than it on the double's clock", async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, events(2));
    await h.client.setStreamMetadata(stream, { maxAge: 60 });
    expect(await read(stream)).toEqual([0n, 1n]);
    h.double.advanceClock(61_000);
    await expect(collect(h.client.readStream(stream))).rejects.toMatchObject({ type: "stream-not-found" });
  });
});
