/**
 * An export as a read-only store: an auditor who receives an export, not the database, runs
 * every read (lists, statistics, history, the report, "as of" and "as known at") on it. Each
 * read streams the file from the start (`open` gives its lines anew), so nothing of it is held;
 * a read backwards keeps only the events it will return. Writing is refused.
 */
import * as E from "fp-ts/lib/Either.js";
import type { StoredEvent } from "../kernel/envelope";
import { storeUnavailable } from "../kernel/errors";
import {
  type EventStore,
  matchesFilter,
  type ReadAllOptions,
  type ReadStreamOptions,
  type Subscription,
} from "../kernel/event-store";
import { parseExportLines } from "./export";

/** The last `n` items of a stream of them, newest first. */
const lastOf = async <T>(items: AsyncIterable<T>, n: number): Promise<T[]> => {
  const kept: T[] = [];
  for await (const item of items) {
    kept.push(item);
    if (kept.length > n) kept.shift();
  }
  return kept.reverse();
};

export const exportStore = (open: () => AsyncIterable<string>, name = "the export"): EventStore => {
  async function* events(): AsyncGenerator<StoredEvent> {
    for await (const item of parseExportLines(open())) if (!("format" in item)) yield item;
  }
  async function* limited(items: AsyncIterable<StoredEvent>, maxCount = Number.POSITIVE_INFINITY) {
    let left = maxCount;
    if (left <= 0) return;
    for await (const item of items) {
      yield item;
      if (--left <= 0) return;
    }
  }
  async function* forwards(keep: (e: StoredEvent) => boolean) {
    for await (const event of events()) if (keep(event)) yield event;
  }
  const backwards = async function* (keep: (e: StoredEvent) => boolean, maxCount?: number) {
    // An export is written forwards: the newest events are its end.
    yield* await lastOf(forwards(keep), maxCount ?? Number.POSITIVE_INFINITY);
  };
  return {
    append: async () =>
      E.left(
        storeUnavailable(`${name} is read-only: an export is evidence, not a ledger to write to.`, false),
      ),
    readStream: (stream: string, options: ReadStreamOptions = {}) => {
      const from = options.fromRevision;
      if (options.direction === "backwards")
        return backwards(
          (e) => e.stream === stream && (from === undefined || e.revision <= from),
          options.maxCount,
        );
      return limited(
        forwards((e) => e.stream === stream && (from === undefined || e.revision >= from)),
        options.maxCount,
      );
    },
    readAll: (options: ReadAllOptions = {}) => {
      const { after, before, filter } = options;
      const keep = (e: StoredEvent) =>
        (after === undefined || e.position > after) &&
        (before === undefined || e.position < before) &&
        matchesFilter(filter, e);
      return options.direction === "backwards"
        ? backwards(keep, options.maxCount)
        : limited(forwards(keep), options.maxCount);
    },
    subscribeToAll: (): Subscription => {
      throw new Error(`${name} is a closed history: it has no live events to subscribe to.`);
    },
    close: async () => {},
  };
};
