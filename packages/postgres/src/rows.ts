/**
 * Rows of `events` to and from the port's envelopes. Rows are fetched as arrays in
 * `EVENT_COLUMNS` order; node-postgres parses the `metadata` column and returns `bigint`
 * positions as strings. `data` is written as the canonical text its hash covers and fetched
 * as text, which the event carries (core's `withDataText`): a read's link check hashes it as it is.
 */
import type { EventMetadata, EventToAppend, Json, StoredEvent } from "@safety-ledger/core";
import {
  type EventDecodeError,
  inputIssue,
  LedgerFailure,
  reason,
  storedDataText,
  withDataText,
} from "@safety-ledger/core";

export const EVENT_COLUMNS =
  "global_position, stream_name, stream_revision, event_id, event_type, schema_version, data::text, metadata";

export type EventRow = [string, string, number, string, string, number, string, Json];

const notAnObject = (row: EventRow): LedgerFailure => {
  const error: EventDecodeError = {
    _tag: "EventDecodeError",
    code: "UNDECODABLE_EVENT",
    message: `The stored event at revision ${row[2]} of stream ${row[1]} (position ${row[0]}, type ${row[4]}) cannot be read: its metadata is not a JSON object. The database was changed outside the library; restore it from a backup or repair the row.`,
    stream: row[1],
    revision: row[2],
    eventType: row[4],
    issues: [inputIssue("metadata", reason("INPUT_NOT_AN_OBJECT", {}))],
  };
  return new LedgerFailure(error);
};

export const fromRow = (row: EventRow): StoredEvent => {
  const metadata = row[7];
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) throw notAnObject(row);
  const text = row[6];
  const event: StoredEvent = {
    stream: row[1],
    revision: row[2],
    position: BigInt(row[0]),
    id: row[3],
    type: row[4],
    schemaVersion: row[5],
    data: JSON.parse(text) as Json,
    metadata: metadata as unknown as EventMetadata,
  };
  return withDataText(event, text);
};

/** The JSON text stored for an event's data: the canonical bytes its hash covers. */
export const dataText = (event: EventToAppend): string => storedDataText(event.data);
export const metadataText = (event: EventToAppend): string => JSON.stringify(event.metadata);
