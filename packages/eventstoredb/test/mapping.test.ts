/** Unit level: envelopes ↔ EventStoreDB events, filters, error mapping. No server. */
import {
  DeadlineExceededError,
  StreamDeletedError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import { exactly, NO_STREAM } from "@safety-ledger/core";
import { makeEvents } from "@safety-ledger/testkit";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { toClientFailure } from "../src/client-errors";
import { ClientFailure, type RecordedEvent } from "../src/client-port";
import { toLedgerError } from "../src/errors";
import { EXCLUDE_SYSTEM_EVENTS, planFilter } from "../src/filters";
import { fromRecorded, toClientExpected, toEventData } from "../src/mapping";

const recorded = (overrides: Partial<RecordedEvent> = {}): RecordedEvent => {
  const [event] = makeEvents("task-1", 1);
  const data = toEventData(event!);
  return {
    stream: "task-1",
    revision: 0n,
    id: data.id,
    type: data.type,
    isJson: true,
    data: data.data,
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    position: { commit: 1234n, prepare: 1234n },
    ...overrides,
  };
};

describe("event layout", () => {
  it("writes id, type, data and the whole envelope metadata with $correlationId/$causationId", () => {
    const [event] = makeEvents("hazard-7", 1, { type: "HazardRegistered", data: () => ({ level: "major" }) });
    const data = toEventData(event!);
    expect(data.id).toBe(event!.id);
    expect(data.type).toBe("HazardRegistered");
    expect(data.data).toEqual({ level: "major" });
    const m = event!.metadata;
    expect(data.metadata).toEqual({
      schemaVersion: 1,
      actor: m.actor,
      commandId: m.commandId,
      commandType: m.commandType,
      $correlationId: m.correlationId,
      $causationId: m.causationId,
      occurredAt: m.occurredAt,
      recordedAt: m.recordedAt,
      rulesVersion: m.rulesVersion,
      prevHash: m.prevHash,
      hash: m.hash,
    });
  });

  it("reads back exactly the envelope that was written, position = commit position", () => {
    const [event] = makeEvents("task-1", 1);
    const read = fromRecorded(recorded({ id: event!.id, metadata: toEventData(event!).metadata }));
    expect(E.isRight(read)).toBe(true);
    if (E.isRight(read)) {
      expect(read.right.metadata).toEqual(event!.metadata);
      expect(read.right.schemaVersion).toBe(1);
      expect(read.right.position).toBe(1234n);
      expect(read.right.revision).toBe(0);
      expect(read.right.stream).toBe("task-1");
    }
  });

  it("names the bad fields of an event that is not a ledger event", () => {
    const metadata = { ...(recorded().metadata as Record<string, unknown>) };
    delete metadata.hash;
    delete metadata.$correlationId;
    const read = fromRecorded(recorded({ metadata }));
    expect(E.isLeft(read) && read.left.map((i) => i.path).sort()).toEqual([
      "metadata.$correlationId",
      "metadata.correlationId",
      "metadata.hash",
    ]);
    expect(E.isLeft(fromRecorded(recorded({ isJson: false, data: new Uint8Array() })))).toBe(true);
    expect(E.isLeft(fromRecorded(recorded({ metadata: undefined })))).toBe(true);
    expect(E.isLeft(fromRecorded(recorded({ position: undefined })))).toBe(true);
  });

  it("maps expected versions to the client's", () => {
    expect(toClientExpected(NO_STREAM)).toBe("no_stream");
    expect(toClientExpected("stream_exists")).toBe("stream_exists");
    expect(toClientExpected("any")).toBe("any");
    expect(toClientExpected(exactly(41))).toBe(41n);
  });
});

describe("filters", () => {
  it("always excludes system events on the server when nothing else is asked", () => {
    const plan = planFilter(undefined);
    expect(plan.nothing === false && plan.server).toEqual(EXCLUDE_SYSTEM_EVENTS);
  });

  it("sends stream prefixes to the server and checks event types and system names itself", () => {
    const plan = planFilter({ streamPrefixes: ["task-", "hazard-"], eventTypes: ["HazardRegistered"] });
    if (plan.nothing) throw new Error("expected a plan");
    expect(plan.server).toEqual({ on: "stream", prefixes: ["task-", "hazard-"] });
    expect(plan.keep({ stream: "hazard-1", type: "HazardRegistered" })).toBe(true);
    expect(plan.keep({ stream: "hazard-1", type: "HazardRegisteredLate" })).toBe(false);
    expect(plan.keep({ stream: "hazard-1", type: "$streamDeleted" })).toBe(false);
  });

  it("sends event types to the server when there are no prefixes, and keeps exact types only", () => {
    const plan = planFilter({ eventTypes: ["TaskAssigned"] });
    if (plan.nothing) throw new Error("expected a plan");
    expect(plan.server).toEqual({ on: "type", prefixes: ["TaskAssigned"] });
    expect(plan.keep({ stream: "task-1", type: "TaskAssignedAgain" })).toBe(false);
    expect(plan.keep({ stream: "$et-TaskAssigned", type: "TaskAssigned" })).toBe(false);
  });

  it("an empty list, or only system names, matches nothing", () => {
    expect(planFilter({ streamPrefixes: [] }).nothing).toBe(true);
    expect(planFilter({ eventTypes: ["$metadata"] }).nothing).toBe(true);
  });
});

describe("error mapping", () => {
  const context = { stream: "task-1", expected: exactly(3) };

  it("wrong expected version → WrongExpectedVersion with the actual revision", () => {
    const error = toLedgerError(
      toClientFailure(
        new WrongExpectedVersionError(undefined, { streamName: "task-1", expected: 3n, current: 5n }),
      ),
      context,
    );
    expect(error).toMatchObject({
      _tag: "WrongExpectedVersion",
      stream: "task-1",
      actual: 5,
      expected: exactly(3),
    });
    const none = toLedgerError(
      toClientFailure(
        new WrongExpectedVersionError(undefined, {
          streamName: "task-1",
          expected: 3n,
          current: "no_stream",
        }),
      ),
      context,
    );
    expect(none).toMatchObject({ _tag: "WrongExpectedVersion", actual: undefined });
  });

  it("stream deleted → StreamDeleted", () => {
    expect(
      toLedgerError(toClientFailure(StreamDeletedError.fromStreamName("task-1")), context),
    ).toMatchObject({
      _tag: "StreamDeleted",
      code: "STREAM_DELETED",
      stream: "task-1",
    });
  });

  it("unavailable → STORE_UNAVAILABLE retryable; deadline → STORE_DEADLINE retryable; others STORE_FAILURE", () => {
    expect(toLedgerError(toClientFailure(new UnavailableError()))).toMatchObject({
      _tag: "StoreUnavailable",
      code: "STORE_UNAVAILABLE",
      retryable: true,
    });
    expect(toLedgerError(toClientFailure(new DeadlineExceededError()))).toMatchObject({
      code: "STORE_DEADLINE",
      retryable: true,
    });
    expect(toLedgerError(toClientFailure(new UnknownError()))).toMatchObject({
      code: "STORE_FAILURE",
      retryable: false,
    });
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(toLedgerError(toClientFailure(refused))).toMatchObject({
      code: "STORE_UNAVAILABLE",
      retryable: true,
    });
    expect(toLedgerError(new ClientFailure({ kind: "too_large" }, "1 MiB"))).toMatchObject({
      code: "STORE_FAILURE",
      retryable: false,
    });
  });
});
