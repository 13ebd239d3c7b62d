/**
 * Catch-up-then-live subscriptions for any store that can read all events after a position
 * and tell (or be polled) when something new was appended. Tracking the last position seen
 * is what makes the hand-over from history to live free of gaps and duplicates.
 */
import type { StoredEvent } from "./envelope";
import type { EventFilter, ReadAllOptions, Subscription } from "./event-store";

export interface CatchUpSource {
  readonly readAll: (options: ReadAllOptions) => AsyncIterable<StoredEvent>;
  /** Resolves when new events may be there (an append happened, or a poll interval passed). */
  readonly waitForAppend: (signal: AbortSignal) => Promise<void>;
}

export const catchUpSubscription = (
  source: CatchUpSource,
  options: { readonly after?: bigint; readonly filter?: EventFilter; readonly pageSize?: number } = {},
): Subscription => {
  const controller = new AbortController();
  const pageSize = options.pageSize ?? 1000;
  let last = options.after;

  async function* run(): AsyncGenerator<StoredEvent> {
    while (!controller.signal.aborted) {
      // Arm the wake-up before reading, so an append during the read is not missed.
      const woken = source.waitForAppend(controller.signal);
      let read = 0;
      for await (const event of source.readAll({
        ...(last === undefined ? {} : { after: last }),
        ...(options.filter === undefined ? {} : { filter: options.filter }),
        maxCount: pageSize,
      })) {
        if (controller.signal.aborted) return;
        last = event.position;
        read += 1;
        yield event;
      }
      if (read < pageSize) await woken;
    }
  }

  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      controller.abort();
      await iterator.return(undefined);
    },
  };
};

/**
 * A store's open subscriptions: each one it hands out ends (rather than fails) once the store is
 * closed, and `closeAll` ends them all when the store closes.
 */
export class StoreSubscriptions {
  private readonly open = new Set<Subscription>();

  constructor(private readonly isClosed: () => boolean) {}

  /** Hand out `inner` so that it ends with the store. */
  track(inner: Subscription): Subscription {
    const iterator = inner[Symbol.asyncIterator]();
    const subscription: Subscription = {
      [Symbol.asyncIterator]: (): AsyncIterator<StoredEvent> => ({
        next: async () => (this.isClosed() ? { done: true, value: undefined } : iterator.next()),
        return: async () => {
          await subscription.close();
          return { done: true, value: undefined };
        },
      }),
      close: async () => {
        this.open.delete(subscription);
        await inner.close();
      },
    };
    this.open.add(subscription);
    return subscription;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((s) => s.close()));
  }
}

/** A wake-up signal for in-process appends. */
export class AppendSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    if (this.waiters.size === 0) return;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  wait(signal: AbortSignal, pollMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener("abort", done);
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
      const timer = pollMs === undefined ? undefined : setTimeout(done, pollMs);
      this.waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
