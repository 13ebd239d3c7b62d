/** An event store in memory, for tests, examples and benchmarks. Passes the full contract. */
import * as E from "fp-ts/lib/Either.js";
import type { EventToAppend, StoredEvent } from "./envelope";
import { type AppendError, wrongExpectedVersion } from "./errors";
import {
  type AppendResult,
  type BatchAppend,
  type BatchAppendingStore,
  matchesFilter,
  type PagedReadingStore,
  type PagedStreamReadingStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from "./event-store";
import { type ExpectedVersion, matchesExpected } from "./expected-version";
import { AppendSignal, catchUpSubscription } from "./subscription";

const PAGE = 1000;

/** Copies of `events` from `from` on, up to `max` of them, a page at a time. */
function* slices(
  events: ReadonlyArray<StoredEvent>,
  from: number,
  max = Number.POSITIVE_INFINITY,
): Generator<ReadonlyArray<StoredEvent>> {
  let i = from;
  let remaining = max;
  while (i < events.length && remaining > 0) {
    const page = events.slice(i, i + Math.min(PAGE, remaining));
    i += page.length;
    remaining -= page.length;
    yield page;
  }
}

/**
 * A stream's events from `options.fromRevision` on, a page at a time. Module-level, not a
 * closure of each store: every store's pages then come from one generator function, so code
 * optimized for reading one store's pages (a fold's loop) still fits the next store's once the
 * first is collected (a closure's generator objects have a map of their own, which dies with it).
 */
async function* streamPages(
  streams: ReadonlyMap<string, ReadonlyArray<StoredEvent>>,
  stream: string,
  options: Omit<ReadStreamOptions, "direction">,
): AsyncGenerator<ReadonlyArray<StoredEvent>> {
  const events = streams.get(stream);
  const from = Math.max(options.fromRevision ?? 0, 0);
  if (events === undefined || from >= events.length) return;
  for (const page of slices(events, from, options.maxCount)) yield page;
}

/** Slices of the log from `after` on, a page at a time (module-level for the reason above). */
async function* logPages(
  all: ReadonlyArray<StoredEvent>,
  after: number,
  max: number | undefined,
): AsyncGenerator<ReadonlyArray<StoredEvent>> {
  for (const page of slices(all, after, max)) yield page;
}

export const createMemoryStore = (): BatchAppendingStore &
  PagedReadingStore &
  PagedStreamReadingStore & { readonly size: number } => {
  const streams = new Map<string, StoredEvent[]>();
  const all: StoredEvent[] = [];
  const appended = new AppendSignal();
  let closed = false;

  const headOf = (stream: string): number | undefined => {
    const existing = streams.get(stream);
    return existing === undefined ? undefined : existing.length - 1;
  };

  const write = (
    stream: string,
    existing: StoredEvent[] | undefined,
    events: ReadonlyArray<EventToAppend>,
  ): AppendResult => {
    const target = existing ?? [];
    for (const event of events) {
      // A literal, not a spread of the event: the spread costs more than the rest of the write.
      const stored: StoredEvent = {
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
        stream,
        revision: target.length,
        position: BigInt(all.length + 1),
      };
      target.push(stored);
      all.push(stored);
    }
    if (existing === undefined && target.length > 0) streams.set(stream, target);
    return { nextExpectedRevision: target.length - 1, position: BigInt(all.length) };
  };

  const append = async (
    stream: string,
    events: ReadonlyArray<EventToAppend>,
    expected: ExpectedVersion,
  ): Promise<E.Either<AppendError, AppendResult>> => {
    const existing = streams.get(stream);
    const current = existing === undefined ? undefined : existing.length - 1;
    if (!matchesExpected(expected, current)) return E.left(wrongExpectedVersion(stream, expected, current));
    const result = write(stream, existing, events);
    if (events.length > 0) appended.notify();
    return E.right(result);
  };

  /** All streams' expected versions are checked before anything is written: all or nothing. */
  const appendBatch = async (
    batch: ReadonlyArray<BatchAppend>,
  ): Promise<E.Either<AppendError, ReadonlyArray<AppendResult>>> => {
    const heads = new Map<string, number | undefined>();
    for (const { stream, events, expected } of batch) {
      const current = heads.has(stream) ? heads.get(stream) : headOf(stream);
      if (!matchesExpected(expected, current)) return E.left(wrongExpectedVersion(stream, expected, current));
      heads.set(stream, events.length === 0 ? current : (current ?? -1) + events.length);
    }
    const results = batch.map(({ stream, events }) => write(stream, streams.get(stream), events));
    if (batch.some((b) => b.events.length > 0)) appended.notify();
    return E.right(results);
  };

  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    const events = streams.get(stream);
    if (events === undefined) return;
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    let count = 0;
    if (options.direction === "backwards") {
      for (
        let i = Math.min(options.fromRevision ?? events.length - 1, events.length - 1);
        i >= 0 && count < max;
        i--, count++
      )
        yield events[i]!;
    } else {
      for (let i = options.fromRevision ?? 0; i < events.length && count < max; i++, count++)
        yield events[i]!;
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    let count = 0;
    if (options.direction === "backwards") {
      // positions are index + 1, so "before p" starts at index p - 2
      const start =
        options.before === undefined ? all.length - 1 : Math.min(Number(options.before) - 2, all.length - 1);
      for (let i = start; i >= 0 && count < max; i--) {
        const event = all[i]!;
        if (!matchesFilter(options.filter, event)) continue;
        count++;
        yield event;
      }
    } else {
      for (
        let i = options.after === undefined ? 0 : Number(options.after);
        i < all.length && count < max;
        i++
      ) {
        const event = all[i]!;
        if (!matchesFilter(options.filter, event)) continue;
        count++;
        yield event;
      }
    }
  }

  /** Slices of the stream (the events themselves, not copies), up to 1,000 at a time. */
  const readStreamPages = (
    stream: string,
    options: Omit<ReadStreamOptions, "direction"> = {},
  ): AsyncGenerator<ReadonlyArray<StoredEvent>> => streamPages(streams, stream, options);

  /** Forwards and unfiltered: slices of the log; otherwise pages gathered from `readAll`. */
  const readAllPages = (options: ReadAllOptions = {}): AsyncGenerator<ReadonlyArray<StoredEvent>> =>
    options.direction !== "backwards" && options.filter === undefined
      ? logPages(all, options.after === undefined ? 0 : Number(options.after), options.maxCount)
      : gatheredPages(options);

  async function* gatheredPages(options: ReadAllOptions): AsyncGenerator<ReadonlyArray<StoredEvent>> {
    let page: StoredEvent[] = [];
    for await (const event of readAll(options)) {
      page.push(event);
      if (page.length >= PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  const subscribeToAll = (options: SubscribeOptions = {}): Subscription =>
    catchUpSubscription({ readAll, waitForAppend: (signal) => appended.wait(signal) }, options);

  return {
    append: (stream, events, expected) => {
      if (closed) throw new Error("the memory store is closed");
      return append(stream, events, expected);
    },
    appendBatch: (batch) => {
      if (closed) throw new Error("the memory store is closed");
      return appendBatch(batch);
    },
    readStream,
    readAll,
    readAllPages,
    readStreamPages,
    subscribeToAll,
    close: async () => {
      closed = true;
      appended.notify();
    },
    get size() {
      return all.length;
    },
  };
};
