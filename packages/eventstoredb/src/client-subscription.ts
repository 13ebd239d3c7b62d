/**
 * A library's subscription to $all as the client port's `ClientSubscription`: the same for both
 * clients, so it imports neither (they cannot share a process).
 */
import { toClientFailure } from "./client-errors";
import type { ClientSubscription, RecordedEvent } from "./client-port";

/** What both clients' `subscribeToAll` returns, as far as the port needs it. */
export interface LibrarySubscription<Resolved> extends AsyncIterable<Resolved> {
  on(event: "error", listener: (error: Error) => void): unknown;
  unsubscribe(): Promise<unknown>;
}

export const portSubscription = <Resolved>(
  subscription: LibrarySubscription<Resolved>,
  toRecorded: (resolved: Resolved) => RecordedEvent | undefined,
): ClientSubscription => {
  let closed = false;
  // errors reach the iterator; this listener only keeps an error before the first next() from
  // becoming an uncaught 'error' event
  subscription.on("error", () => undefined);
  async function* run(): AsyncGenerator<RecordedEvent> {
    try {
      for await (const resolved of subscription) {
        const event = toRecorded(resolved);
        if (event !== undefined) yield event;
      }
    } catch (error) {
      if (closed) return;
      throw toClientFailure(error);
    }
  }
  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      if (closed) return;
      closed = true;
      await subscription.unsubscribe().catch(() => undefined);
    },
  };
};
