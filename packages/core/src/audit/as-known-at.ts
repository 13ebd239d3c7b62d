/**
 * The ledger as it was known at a date: a read-only view of a store that shows only the events
 * recorded (`recordedAt`) by the end of that date. Any projection, list, statistic or check run
 * on the view answers "what did the ledger say then?", even about a business date in the past
 * that later, back-dated entries changed. Writing through the view is refused.
 */
import * as E from "fp-ts/lib/Either.js";
import { storeUnavailable } from "../kernel/errors";
import type { EventStore, ReadAllOptions, ReadStreamOptions, Subscription } from "../kernel/event-store";
import { parseInstant } from "../kernel/instant";
import { endOf } from "../kernel/projection";

async function* recordedBy<T extends { readonly metadata: { readonly recordedAt: string } }>(
  events: AsyncIterable<T>,
  limit: number,
  maxCount: number | undefined,
): AsyncIterable<T> {
  let left = maxCount ?? Number.POSITIVE_INFINITY;
  if (left <= 0) return;
  for await (const event of events) {
    if (parseInstant(event.metadata.recordedAt) > limit) continue;
    yield event;
    if (--left <= 0) return;
  }
}

/** `knownAt`: a date `YYYY-MM-DD` (its end, +08:00) or an instant with an offset. */
export const ledgerAsKnownAt = (store: EventStore, knownAt: string): EventStore => {
  const limit = endOf(knownAt);
  if (Number.isNaN(limit)) throw new RangeError(`knownAt ${knownAt} is not a date or an instant`);
  const withoutCount = <O extends { readonly maxCount?: number }>(options: O | undefined): O =>
    ({ ...options, maxCount: undefined }) as O;
  return {
    append: async () =>
      E.left(
        storeUnavailable(
          `This is the ledger as known at ${knownAt}, a read-only view: write to the store itself.`,
          false,
        ),
      ),
    readStream: (stream: string, options?: ReadStreamOptions) =>
      recordedBy(store.readStream(stream, withoutCount(options)), limit, options?.maxCount),
    readAll: (options?: ReadAllOptions) =>
      recordedBy(store.readAll(withoutCount(options)), limit, options?.maxCount),
    subscribeToAll: (): Subscription => {
      throw new Error(`The ledger as known at ${knownAt} is history: it has no live events to subscribe to.`);
    },
    close: () => store.close(),
  };
};
