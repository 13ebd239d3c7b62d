/**
 * A read-only store over a fixed list of events, positions as given. For audit tests: take a
 * real store's events, tamper with them as an administrator could, and verify the result.
 */
import {
  catchUpSubscription,
  type EventStore,
  matchesFilter,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  storeUnavailable,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";

export const fixedStore = (events: ReadonlyArray<StoredEvent>): EventStore => {
  const ordered = [...events].sort((a, b) =>
    a.position < b.position ? -1 : a.position > b.position ? 1 : 0,
  );
  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    const list = options.direction === "backwards" ? [...ordered].reverse() : ordered;
    let count = 0;
    for (const e of list) {
      if (options.after !== undefined && e.position <= options.after) continue;
      if (options.before !== undefined && e.position >= options.before) continue;
      if (!matchesFilter(options.filter, e)) continue;
      if (count++ >= (options.maxCount ?? Number.POSITIVE_INFINITY)) return;
      yield e;
    }
  }
  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    const mine = ordered.filter((e) => e.stream === stream);
    const list = options.direction === "backwards" ? mine.reverse() : mine;
    let count = 0;
    for (const e of list) {
      if (options.fromRevision !== undefined) {
        if (
          options.direction === "backwards"
            ? e.revision > options.fromRevision
            : e.revision < options.fromRevision
        )
          continue;
      }
      if (count++ >= (options.maxCount ?? Number.POSITIVE_INFINITY)) return;
      yield e;
    }
  }
  return {
    append: async () => E.left(storeUnavailable("this store is read-only", false)),
    readStream,
    readAll,
    subscribeToAll: (options = {}) =>
      catchUpSubscription({ readAll, waitForAppend: () => new Promise(() => {}) }, options),
    close: async () => {},
  };
};
