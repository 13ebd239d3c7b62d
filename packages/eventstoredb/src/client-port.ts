/**
 * The little the adapter needs from an EventStoreDB client, in the adapter's own words.
 * `db-client.ts` implements it with `@eventstore/db-client` 6.x, `kurrent-client.ts` with
 * `@kurrent/kurrentdb-client` 1.x; the connection string's scheme chooses (create.ts).
 *
 * Implementations throw `ClientFailure` (below) and nothing else, so the error mapping does not
 * depend on any client's error classes.
 */

/** A place in the log: commit and prepare byte offsets. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** An event as the client hands it back, before it becomes a `StoredEvent`. */
export interface RecordedEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  /** Parsed JSON for JSON events, bytes otherwise. */
  readonly data: unknown;
  /** Parsed JSON metadata, bytes when it is not JSON, undefined when there is none. */
  readonly metadata: unknown;
  readonly position: LogPosition | undefined;
}

/** An event as the adapter hands it to the client: always JSON. */
export interface JsonEventData {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export type ClientExpected = "no_stream" | "stream_exists" | "any" | bigint;

/** A server-side filter on `$all`: EventStoreDB takes one, on stream names or on event types. */
export type ServerFilter =
  | { readonly on: "stream"; readonly prefixes: ReadonlyArray<string> }
  | { readonly on: "type"; readonly prefixes: ReadonlyArray<string> }
  | { readonly on: "type"; readonly regex: string };

export interface ClientReadStreamOptions {
  readonly direction: "forwards" | "backwards";
  readonly from: "start" | "end" | bigint;
  readonly maxCount: number;
}

export interface ClientReadAllOptions {
  readonly direction: "forwards" | "backwards";
  /** Forwards: inclusive on the server. Backwards: exclusive. */
  readonly from: "start" | "end" | LogPosition;
  readonly maxCount: number;
  readonly filter: ServerFilter;
}

export interface ClientSubscribeOptions {
  /** Exclusive on the server: the first event delivered comes after it. */
  readonly from: "start" | LogPosition;
  readonly filter: ServerFilter;
}

/** A running catch-up subscription. Iteration ends when it is closed. */
export interface ClientSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface ClientAppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: LogPosition | undefined;
}

export interface ClientPort {
  append(
    stream: string,
    events: ReadonlyArray<JsonEventData>,
    expected: ClientExpected,
  ): Promise<ClientAppendResult>;
  /** A missing stream reads as empty (the implementation swallows "stream not found"). */
  readStream(stream: string, options: ClientReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options: ClientReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options: ClientSubscribeOptions): ClientSubscription;
  /** Soft delete: the stream reads as missing and may be written again. */
  deleteStream(stream: string, expected: Exclude<ClientExpected, "stream_exists">): Promise<void>;
  /** Hard delete: the stream can never be read or written again. */
  tombstoneStream(stream: string, expected: Exclude<ClientExpected, "stream_exists">): Promise<void>;
  /** Close the client (only when the adapter owns it). */
  dispose(): Promise<void>;
}

/** Everything that can go wrong, in terms the port's errors are made of. */
export type ClientFailureReason =
  | {
      readonly kind: "wrong_expected_version";
      readonly stream: string;
      /** The stream's last revision, or undefined when it has none. */
      readonly actual: bigint | undefined;
    }
  | { readonly kind: "stream_deleted"; readonly stream: string }
  | { readonly kind: "unavailable" }
  | { readonly kind: "deadline" }
  | { readonly kind: "not_leader" }
  | { readonly kind: "access_denied" }
  | { readonly kind: "too_large" }
  | { readonly kind: "other" };

export class ClientFailure extends Error {
  constructor(
    readonly reason: ClientFailureReason,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "ClientFailure";
  }
}
