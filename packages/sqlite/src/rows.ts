/**
 * Rows of the `events` table to and from the port's envelopes. Stored JSON that does not parse
 * is reported as an `EventDecodeError` naming the stream and revision, never a bare SyntaxError.
 */
import {
  type EventDecodeError,
  type EventMetadata,
  type EventToAppend,
  type IssueReason,
  inputIssue,
  type Json,
  LedgerFailure,
  reason,
  type StoredEvent,
} from "@safety-ledger/core";

/** The columns, in the order every read selects them. */
export const EVENT_COLUMNS =
  "global_position, stream_name, stream_revision, event_id, event_type, schema_version, data, metadata";

/** A row as read with safe integers on (every INTEGER a bigint). */
export interface EventRow {
  readonly global_position: bigint;
  readonly stream_name: string;
  readonly stream_revision: bigint;
  readonly event_id: string;
  readonly event_type: string;
  readonly schema_version: bigint;
  readonly data: string;
  readonly metadata: string;
}

/**
 * A row as the readers fetch it: raw (an array, in `EVENT_COLUMNS` order) with plain numbers
 * (positions and revisions stay far below 2^53), which is cheaper than named objects of bigints.
 */
export type RawEventRow = [number, string, number, string, string, number, string, string];

/** A raw row as the named row the error messages describe. */
const named = (r: RawEventRow): EventRow => ({
  global_position: BigInt(r[0]),
  stream_name: r[1],
  stream_revision: BigInt(r[2]),
  event_id: r[3],
  event_type: r[4],
  schema_version: BigInt(r[5]),
  data: r[6],
  metadata: r[7],
});

/** A raw row to the port's envelope (JSON that does not parse is an `EventDecodeError`). */
export const fromRawRow = (r: RawEventRow): StoredEvent => {
  let data: Json;
  let metadata: Json;
  try {
    data = JSON.parse(r[6]) as Json;
    metadata = JSON.parse(r[7]) as Json;
  } catch {
    return fromRow(named(r));
  }
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return fromRow(named(r));
  return {
    stream: r[1],
    revision: r[2],
    position: BigInt(r[0]),
    id: r[3],
    type: r[4],
    schemaVersion: r[5],
    data,
    metadata: metadata as unknown as EventMetadata,
  };
};

/** The values bound to the insert, in column order after stream name and revision. */
export const toRowValues = (event: EventToAppend): [string, string, number, string, string, string] => [
  event.id,
  event.type,
  event.schemaVersion,
  JSON.stringify(event.data),
  JSON.stringify(event.metadata),
  event.metadata.recordedAt,
];

const undecodable = (row: EventRow, path: string, why: IssueReason): LedgerFailure => {
  const issue = inputIssue(path, why);
  const problem = issue.message;
  const revision = Number(row.stream_revision);
  const error: EventDecodeError = {
    _tag: "EventDecodeError",
    code: "UNDECODABLE_EVENT",
    message: `The stored event at revision ${revision} of stream ${row.stream_name} (position ${row.global_position}, type ${row.event_type}) cannot be read: its ${path} ${problem}. The ledger file was changed outside the library; restore it from a backup or repair the row.`,
    stream: row.stream_name,
    revision,
    eventType: row.event_type,
    issues: [issue],
  };
  return new LedgerFailure(error);
};

const parse = (row: EventRow, column: "data" | "metadata"): Json => {
  try {
    return JSON.parse(row[column]) as Json;
  } catch (error) {
    throw undecodable(row, column, reason("INPUT_NOT_JSON", { detail: (error as Error).message }));
  }
};

export const fromRow = (row: EventRow): StoredEvent => {
  const data = parse(row, "data");
  const metadata = parse(row, "metadata");
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
    throw undecodable(row, "metadata", reason("INPUT_NOT_AN_OBJECT", {}));
  return {
    stream: row.stream_name,
    revision: Number(row.stream_revision),
    position: row.global_position,
    id: row.event_id,
    type: row.event_type,
    schemaVersion: Number(row.schema_version),
    data,
    metadata: metadata as unknown as EventMetadata,
  };
};
