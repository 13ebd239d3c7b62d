/**
 * Envelopes to EventStoreDB events and back. Layout of a stored event:
 *
 * - event id   = the envelope's id (UUID), so a retried append is idempotent on the server;
 * - event type = the envelope's type; content type `application/json`;
 * - data       = the envelope's data, as JSON;
 * - metadata   = the whole envelope metadata plus the schema version, as JSON, with the
 *   correlation and causation ids under EventStoreDB's own keys `$correlationId` and
 *   `$causationId` (so its `$by_correlation_id` projection and the UI follow them).
 *
 *   { "schemaVersion": 1, "actor": { "unit", "role", "person" }, "commandId", "commandType",
 *     "$correlationId", "$causationId", "occurredAt", "recordedAt", "rulesVersion",
 *     "prevHash", "hash" }
 */

import type { ExpectedVersion } from "@safety-ledger/core";
import {
  type EventMetadata,
  EventMetadataCodec,
  type EventToAppend,
  type InputIssue,
  inputIssue,
  issuesOf,
  type Json,
  reason,
  type StoredEvent,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import type { ClientExpected, JsonEventData, RecordedEvent } from "./client-port";

/** The metadata object as it is written to EventStoreDB. */
export interface StoredMetadataLayout {
  readonly schemaVersion: number;
  readonly actor: EventMetadata["actor"];
  readonly commandId: string;
  readonly commandType: string;
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly rulesVersion: string;
  readonly prevHash: string;
  readonly hash: string;
}

export const toEventData = (event: EventToAppend): JsonEventData => {
  const { correlationId, causationId, ...rest } = event.metadata;
  const metadata: StoredMetadataLayout = {
    schemaVersion: event.schemaVersion,
    actor: rest.actor,
    commandId: rest.commandId,
    commandType: rest.commandType,
    $correlationId: correlationId,
    $causationId: causationId,
    occurredAt: rest.occurredAt,
    recordedAt: rest.recordedAt,
    rulesVersion: rest.rulesVersion,
    prevHash: rest.prevHash,
    hash: rest.hash,
  };
  return { id: event.id, type: event.type, data: event.data, metadata: { ...metadata } };
};

const LayoutCodec = t.type({
  schemaVersion: t.number,
  $correlationId: t.string,
  $causationId: t.string,
});

/** Why a recorded event is not a ledger event, path by path. */
export type LayoutIssue = InputIssue;

export const fromRecorded = (event: RecordedEvent): E.Either<ReadonlyArray<LayoutIssue>, StoredEvent> => {
  if (!event.isJson) return E.left([inputIssue("", reason("INPUT_EVENT_NOT_JSON", {}))]);
  if (event.position === undefined) return E.left([inputIssue("position", reason("INPUT_NO_POSITION", {}))]);
  const raw = event.metadata;
  if (typeof raw !== "object" || raw === null || raw instanceof Uint8Array)
    return E.left([inputIssue("metadata", reason("INPUT_NOT_AN_OBJECT", {}))]);
  const record = raw as Record<string, unknown>;
  // Every key but the layout's own goes into the envelope's metadata as it is, extra keys
  // included (the hash covers them, so an added key shows as a change).
  const candidate: Record<string, unknown> = {};
  for (const key in record)
    if (key !== "$correlationId" && key !== "$causationId" && key !== "schemaVersion")
      candidate[key] = record[key];
  candidate.correlationId = record.$correlationId;
  candidate.causationId = record.$causationId;
  // The common case checked with `is` (no allocation); `decode` only to say what is wrong.
  if (LayoutCodec.is(record) && EventMetadataCodec.is(candidate))
    return E.right({
      id: event.id,
      type: event.type,
      schemaVersion: record.schemaVersion,
      data: event.data as Json,
      metadata: candidate,
      stream: event.stream,
      revision: Number(event.revision),
      position: event.position.commit,
    });
  const layout = LayoutCodec.decode(record);
  const metadata = EventMetadataCodec.decode(candidate);
  const errors = [...(E.isLeft(layout) ? layout.left : []), ...(E.isLeft(metadata) ? metadata.left : [])];
  if (E.isLeft(layout) || E.isLeft(metadata))
    return E.left(
      issuesOf(errors).map((i) => ({ ...i, path: i.path === "" ? "metadata" : `metadata.${i.path}` })),
    );
  return E.right({
    id: event.id,
    type: event.type,
    schemaVersion: layout.right.schemaVersion,
    data: event.data as Json,
    metadata: metadata.right,
    stream: event.stream,
    revision: Number(event.revision),
    position: event.position.commit,
  });
};

export const toClientExpected = (expected: ExpectedVersion): ClientExpected =>
  typeof expected === "string" ? expected : BigInt(expected.revision);

/** The port's positions are commit positions; for ordinary writes prepare equals commit. */
export const logPosition = (position: bigint) => ({ commit: position, prepare: position });
