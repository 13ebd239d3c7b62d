/**
 * The store port: everything the library needs from a place that keeps events. An adapter
 * implements it and proves it with the testkit's `eventStoreContract`.
 *
 * Guarantees every adapter gives:
 * - `append` is atomic: all of the batch or none of it; revisions follow on from the
 *   stream's last one with no gap; a mismatch of the expected version is a `Left`, never a throw.
 * - `readStream` yields a stream in revision order, `readAll` in global order; both stream
 *   their results (pages, cursors), so no whole history is ever held in memory.
 * - `subscribeToAll` yields every event after the given position exactly once, first the
 *   history (catch-up) and then new events as they are appended (live).
 * - A read that fails throws `LedgerFailure`; a missing stream reads as empty.
 */
import type { Either } from "fp-ts/lib/Either.js";
import type { EventToAppend, StoredEvent } from "./envelope";
import type { AppendError } from "./errors";
import type { ExpectedVersion } from "./expected-version";

export interface AppendResult {
  /** Revision of the last event written. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event written. */
  readonly position: bigint;
}

export type Direction = "forwards" | "backwards";

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive start; defaults to the first (forwards) or last (backwards) revision. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface EventFilter {
  /** Keep events whose stream name starts with one of these (e.g. `task-`). */
  readonly streamPrefixes?: ReadonlyArray<string>;
  /** Keep events of one of these types. */
  readonly eventTypes?: ReadonlyArray<string>;
}

export interface ReadAllOptions {
  readonly direction?: Direction;
  /** Forwards: only events after this position. Backwards: only events before it. */
  readonly after?: bigint;
  readonly before?: bigint;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Resume after this position (a checkpoint); omitted: from the very beginning. */
  readonly after?: bigint;
  readonly filter?: EventFilter;
}

/** A live feed: iterate it, and close it when done. Iteration never ends by itself. */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(
    stream: string,
    events: ReadonlyArray<EventToAppend>,
    expected: ExpectedVersion,
  ): Promise<Either<AppendError, AppendResult>>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Release connections and handles. The store is not usable afterwards. */
  close(): Promise<void>;
}

/** Does an event pass a filter? Adapters that cannot filter on the server use this. */
export const matchesFilter = (
  filter: EventFilter | undefined,
  event: { stream: string; type: string },
): boolean => {
  if (filter === undefined) return true;
  const { streamPrefixes, eventTypes } = filter;
  if (streamPrefixes !== undefined && !streamPrefixes.some((p) => event.stream.startsWith(p))) return false;
  if (eventTypes !== undefined && !eventTypes.includes(event.type)) return false;
  return true;
};
