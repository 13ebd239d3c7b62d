/** Server-side limits: the maximum append size and deadlines, over both append RPCs; Cancelled on stop. */

import { DeadlineExceededError, jsonEvent, MaxAppendSizeExceededError } from "@eventstore/db-client";
import { credentials, type ServiceError, status } from "@grpc/grpc-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEsdbDouble } from "./index";
import { streamsGrpc } from "./proto";
import { APPEND_PATHS, failure } from "./test-cases";
import { collect, type Harness, startHarness, uniqueStream } from "./test-support";

describe.each(APPEND_PATHS)("limits over $path", ({ batchAppend }) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ batchAppend });
  });
  afterEach(async () => {
    await h.close();
  });

  it("an append over 1 MiB is refused with MaximumAppendSizeExceeded and writes nothing", async () => {
    const stream = uniqueStream();
    const records = h.double.eventCount;
    const big = "x".repeat(600_000);
    const refused = await failure(
      h.client.appendToStream(stream, [
        jsonEvent({ type: "Big", data: { big } }),
        jsonEvent({ type: "Big", data: { big } }),
      ]),
    );
    expect(refused).toBeInstanceOf(MaxAppendSizeExceededError);
    expect(refused).toMatchObject({ maxAppendSize: 1_048_576 });
    expect(h.double.eventCount).toBe(records);
    // just under the limit is written
    await h.client.appendToStream(stream, [jsonEvent({ type: "Big", data: { big } })]);
    expect((await collect(h.client.readStream(stream))).length).toBe(1);
  });

  it("an append whose deadline has passed on the server is refused with DeadlineExceeded and writes nothing", async () => {
    const stream = uniqueStream();
    await h.client.appendToStream(stream, [jsonEvent({ type: "Before", data: {} })]);
    const records = h.double.eventCount;
    // the client's default deadline is 10 s from the call
    h.double.advanceClock(60_000);
    const late = await failure(h.client.appendToStream(stream, [jsonEvent({ type: "Late", data: {} })]));
    expect(late).toBeInstanceOf(DeadlineExceededError);
    expect(h.double.eventCount).toBe(records);
  });
});

describe.each(APPEND_PATHS)("a 40,000-event append over $path", ({ batchAppend }) => {
  it("completes under a raised limit, with every event in order", async () => {
    const h = await startHarness({ batchAppend, maxAppendSize: 16 * 1_048_576 });
    try {
      const stream = uniqueStream("bulk");
      const events = Array.from({ length: 40_000 }, (_, n) => jsonEvent({ type: "Counted", data: { n } }));
      const result = await h.client.appendToStream(stream, events);
      expect(result.nextExpectedRevision).toBe(39_999n);
      const stored = h.double.records().filter((record) => record.streamId === stream);
      expect(stored.map((record) => record.id)).toEqual(events.map((each) => each.id));
    } finally {
      await h.close();
    }
  });
});

describe("stopping the double during an open BatchAppend", () => {
  it("ends the call with CANCELLED, as a client of a real server sees it", async () => {
    const double = await startEsdbDouble();
    const client = new streamsGrpc.StreamsClient(`127.0.0.1:${double.port}`, credentials.createInsecure());
    try {
      const call = client.batchAppend();
      const ended = new Promise<ServiceError>((resolve) => call.on("error", resolve));
      call.on("data", () => undefined);
      await eventuallyOpen(double);
      await double.stop();
      expect((await ended).code).toBe(status.CANCELLED);
    } finally {
      client.close();
    }
  });
});

async function eventuallyOpen(double: { readonly openCallCount: number }): Promise<void> {
  for (let turn = 0; turn < 10_000 && double.openCallCount === 0; turn += 1)
    await new Promise((resolve) => setTimeout(resolve, 1));
  expect(double.openCallCount).toBe(1);
}
