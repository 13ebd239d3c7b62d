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
import * as E from "fp-ts/lib/Either.js";
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
  ): Promise<E.Either<AppendError, AppendResult>>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Release connections and handles. The store is not usable afterwards. */
  close(): Promise<void>;
  /**
   * How a command handler checks a cached stream unless told (`checkCachedStreams`): a store
   * whose every read is a round trip to a server says `"append"`; an in-process store leaves it
   * out (`"read"`: there the read is cheaper than deciding again after a conflict).
   */
  readonly cachedStreamCheck?: "append" | "read";
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

/** One stream's share of a batch append. */
export interface BatchAppend {
  readonly stream: string;
  readonly events: ReadonlyArray<EventToAppend>;
  readonly expected: ExpectedVersion;
}

/**
 * A store that appends to many streams in one call (an import, a generator). Where the store
 * can, the whole batch is one transaction: all of it or none of it, and the first expected
 * version that does not match is the `Left`.
 */
export interface BatchAppendingStore extends EventStore {
  appendBatch(batch: ReadonlyArray<BatchAppend>): Promise<E.Either<AppendError, ReadonlyArray<AppendResult>>>;
}

export const canAppendBatch = (store: EventStore): store is BatchAppendingStore =>
  typeof (store as Partial<BatchAppendingStore>).appendBatch === "function";

/**
 * Append to many streams: in one call (and, for SQLite, one transaction) when the store can;
 * otherwise stream by stream, stopping at the first failure (earlier streams stay written).
 */
export const appendBatch = async (
  store: EventStore,
  batch: ReadonlyArray<BatchAppend>,
): Promise<E.Either<AppendError, ReadonlyArray<AppendResult>>> => {
  if (canAppendBatch(store)) return store.appendBatch(batch);
  const results: AppendResult[] = [];
  for (const { stream, events, expected } of batch) {
    const result = await store.append(stream, events, expected);
    if (E.isLeft(result)) return result;
    results.push(result.right);
  }
  return E.right(results);
};

/** A store that can hand `readAll` over a page (an array) at a time: bulk readers iterate less. */
export interface PagedReadingStore extends EventStore {
  readAllPages(options?: ReadAllOptions): AsyncIterable<ReadonlyArray<StoredEvent>>;
}

export const canReadPages = (store: EventStore): store is PagedReadingStore =>
  typeof (store as Partial<PagedReadingStore>).readAllPages === "function";

/**
 * `readAll` in pages: the store's own pages where it has them, otherwise its events gathered
 * into arrays of up to `size`. Either way at most a page sits in memory.
 */
export async function* readAllInPages(
  store: EventStore,
  options: ReadAllOptions = {},
  size = 1000,
): AsyncGenerator<ReadonlyArray<StoredEvent>> {
  if (canReadPages(store)) {
    yield* store.readAllPages(options);
    return;
  }
  let page: StoredEvent[] = [];
  for await (const event of store.readAll(options)) {
    page.push(event);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/**
 * A store that can hand a stream over a page (an array) at a time, forwards: loading and
 * folding a stream iterates arrays, not one promise per event.
 */
export interface PagedStreamReadingStore extends EventStore {
  /** Forwards only; the same events as `readStream(stream, options)`, in pages. */
  readStreamPages(
    stream: string,
    options?: Omit<ReadStreamOptions, "direction">,
  ): AsyncIterable<ReadonlyArray<StoredEvent>>;
}

export const canReadStreamPages = (store: EventStore): store is PagedStreamReadingStore =>
  typeof (store as Partial<PagedStreamReadingStore>).readStreamPages === "function";

/**
 * `readStream` forwards in pages: the store's own where it has them, otherwise its events
 * gathered into arrays of up to `size`.
 */
export async function* readStreamInPages(
  store: EventStore,
  stream: string,
  options: Omit<ReadStreamOptions, "direction"> = {},
  size = 1000,
): AsyncGenerator<ReadonlyArray<StoredEvent>> {
  if (canReadStreamPages(store)) {
    yield* store.readStreamPages(stream, options);
    return;
  }
  let page: StoredEvent[] = [];
  for await (const event of store.readStream(stream, options)) {
    page.push(event);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
