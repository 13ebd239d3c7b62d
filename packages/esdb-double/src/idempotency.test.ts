/** EventStoreDB's idempotency rule for a repeated append (log.ts, `findReplay`), over both append RPCs. */
import {
  ANY,
  type AppendExpectedRevision,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APPEND_PATHS, failure } from "./test-cases";
import { collect, type Harness, startHarness, uniqueStream } from "./test-support";

const event = (n: number) => jsonEvent({ id: crypto.randomUUID(), type: "ItemAdded", data: { n } });

describe.each(APPEND_PATHS)("a repeated append over $path", ({ batchAppend }) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ batchAppend });
  });
  afterEach(async () => {
    await h.close();
  });

  const idsOf = async (stream: string) =>
    (await collect(h.client.readStream(stream))).map((each) => each.event?.id);

  it.each<[string, AppendExpectedRevision]>([
    ["no_stream", NO_STREAM],
    ["any", ANY],
  ])(
    "of the same ids with %s on a new stream answers the first result and writes nothing",
    async (_, expected) => {
      const stream = uniqueStream();
      const events = [event(1), event(2), event(3)];
      const first = await h.client.appendToStream(stream, events, { expectedRevision: expected });
      const records = h.double.eventCount;
      const again = await h.client.appendToStream(stream, events, { expectedRevision: expected });
      expect(again).toEqual(first);
      expect(again.nextExpectedRevision).toBe(2n);
      expect(h.double.eventCount).toBe(records);
      expect(await idsOf(stream)).toEqual(events.map((each) => each.id));
    },
  );

  it("at a revision the stream has passed: the events written after it are these ids, so it succeeds", async () => {
    const stream = uniqueStream();
    const head = [event(1), event(2)];
    const tail = [event(3), event(4)];
    await h.client.appendToStream(stream, head, { expectedRevision: NO_STREAM });
    const first = await h.client.appendToStream(stream, tail, { expectedRevision: 1n });
    await h.client.appendToStream(stream, [event(5)], { expectedRevision: 3n });
    const again = await h.client.appendToStream(stream, tail, { expectedRevision: 1n });
    expect(again).toEqual(first);
    expect(again.nextExpectedRevision).toBe(3n);
    expect((await idsOf(stream)).length).toBe(5);
  });

  it("with any or stream_exists, ids already in the stream in order are not written again", async () => {
    const stream = uniqueStream();
    const events = [event(1), event(2)];
    await h.client.appendToStream(stream, [event(0)]);
    await h.client.appendToStream(stream, events, { expectedRevision: ANY });
    await h.client.appendToStream(stream, [event(3)]);
    const withAny = await h.client.appendToStream(stream, events, { expectedRevision: ANY });
    const withExists = await h.client.appendToStream(stream, events, { expectedRevision: STREAM_EXISTS });
    expect(withAny.nextExpectedRevision).toBe(2n);
    expect(withExists.nextExpectedRevision).toBe(2n);
    expect((await idsOf(stream)).length).toBe(4);
  });

  it("when only a leading part of the ids was written, it is a wrong expected version and writes nothing", async () => {
    const stream = uniqueStream();
    const [a, b, c] = [event(1), event(2), event(3)];
    await h.client.appendToStream(stream, [a, b], { expectedRevision: NO_STREAM });
    const records = h.double.eventCount;
    const exact = await failure(h.client.appendToStream(stream, [a, c], { expectedRevision: NO_STREAM }));
    expect(exact).toBeInstanceOf(WrongExpectedVersionError);
    const longer = await failure(h.client.appendToStream(stream, [a, b, c], { expectedRevision: NO_STREAM }));
    expect(longer).toBeInstanceOf(WrongExpectedVersionError);
    const withAny = await failure(h.client.appendToStream(stream, [b, c], { expectedRevision: ANY }));
    expect(withAny).toBeInstanceOf(WrongExpectedVersionError);
    expect(h.double.eventCount).toBe(records);
  });

  it("other ids at a revision the stream has passed are a wrong expected version", async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, [event(1), event(2)], { expectedRevision: NO_STREAM });
    const stale = await failure(h.client.appendToStream(stream, [event(3)], { expectedRevision: 0n }));
    expect(stale).toBeInstanceOf(WrongExpectedVersionError);
    expect(stale).toMatchObject({ actualVersion: 1n });
  });

  it("after a lost acknowledgement the client sees a timeout, the events are written, and the retry writes them once", async () => {
    const stream = uniqueStream();
    const events = [event(1), event(2)];
    h.double.loseAcknowledgements();
    const lost = await failure(h.client.appendToStream(stream, events, { expectedRevision: NO_STREAM }));
    expect(lost).toMatchObject({ type: "deadline-exceeded" });
    expect(await idsOf(stream)).toEqual(events.map((each) => each.id));
    const retried = await h.client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    expect(retried.nextExpectedRevision).toBe(1n);
    expect(await idsOf(stream)).toEqual(events.map((each) => each.id));
  });
});
