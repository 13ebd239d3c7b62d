/**
 * Wake-ups for subscriptions: one pooled connection LISTENs on the append channel and wakes
 * every waiting subscription when a commit notifies it. A notification only carries a position
 * and only ever shortens a wait: subscriptions poll as well, so a dropped LISTEN connection (or
 * a pooler that breaks LISTEN) costs latency, never an event. A dropped connection is replaced
 * after `reconnectDelayMs`.
 */
import { AppendSignal } from "@safety-ledger/core";
import type { Notification, Pool, PoolClient } from "pg";
import { NOTIFY_CHANNEL } from "./schema";

export interface Listener {
  /** Resolves on a notification, after `pollMs`, or when `signal` aborts. */
  wait(signal: AbortSignal, pollMs: number): Promise<void>;
  /** Wake every waiter now (an append through this store). */
  wake(): void;
  /** Is a LISTEN connection up right now? */
  readonly listening: boolean;
  close(): Promise<void>;
}

export const createListener = (pool: Pool, reconnectDelayMs: number): Listener => {
  const signal = new AppendSignal();
  let client: PoolClient | undefined;
  let connecting: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const onNotification = (message: Notification) => {
    if (message.channel === NOTIFY_CHANNEL) signal.notify();
  };

  const drop = (lost: PoolClient, error?: Error) => {
    if (client !== lost) return;
    client = undefined;
    lost.removeListener("notification", onNotification);
    lost.release(error ?? true);
    // Whatever was committed while nobody listened is found by the next read: wake everyone.
    signal.notify();
    scheduleConnect();
  };

  const connect = async (): Promise<void> => {
    let next: PoolClient | undefined;
    try {
      next = await pool.connect();
      next.on("notification", onNotification);
      const candidate = next;
      next.on("error", (error: Error) => drop(candidate, error));
      next.on("end", () => drop(candidate));
      client = next;
      await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (closed) await release();
    } catch (error) {
      if (next !== undefined) drop(next, error instanceof Error ? error : new Error(String(error)));
      else scheduleConnect();
    }
  };

  const scheduleConnect = () => {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      connecting = connect().finally(() => {
        connecting = undefined;
      });
    }, reconnectDelayMs);
    timer.unref();
  };

  const release = async () => {
    const current = client;
    if (current === undefined) return;
    client = undefined;
    current.removeListener("notification", onNotification);
    try {
      await current.query(`UNLISTEN ${NOTIFY_CHANNEL}`);
      current.release();
    } catch (error) {
      current.release(error instanceof Error ? error : true);
    }
  };

  const ensure = () => {
    if (closed || client !== undefined || connecting !== undefined || timer !== undefined) return;
    connecting = connect().finally(() => {
      connecting = undefined;
    });
  };

  return {
    wait: (abort, pollMs) => {
      ensure();
      return signal.wait(abort, pollMs);
    },
    wake: () => signal.notify(),
    get listening() {
      return client !== undefined;
    },
    close: async () => {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await connecting;
      await release();
      signal.notify();
    },
  };
};
