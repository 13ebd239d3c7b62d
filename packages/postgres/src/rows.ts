/**
 * Rows of `events` to and from the port's envelopes. Rows are fetched as arrays in
 * `EVENT_COLUMNS` order; node-postgres parses the `json` columns and returns `bigint`
 * positions as strings.
 */
import type { EventMetadata, EventToAppend, Json, StoredEvent } from "@safety-ledger/core";
import { type EventDecodeError, inputIssue, LedgerFailure, reason } from "@safety-ledger/core";

export const EVENT_COLUMNS =
  "global_position, stream_name, stream_revision, event_id, event_type, schema_version, data, metadata";

export type EventRow = [string, string, number, string, string, number, Json, Json];

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
  return {
    stream: row[1],
    revision: row[2],
    position: BigInt(row[0]),
    id: row[3],
    type: row[4],
    schemaVersion: row[5],
    data: row[6],
    metadata: metadata as unknown as EventMetadata,
  };
};

/** The JSON text stored for an event: exactly what `JSON.parse` gives back. */
export const dataText = (event: EventToAppend): string => JSON.stringify(event.data);
export const metadataText = (event: EventToAppend): string => JSON.stringify(event.metadata);
