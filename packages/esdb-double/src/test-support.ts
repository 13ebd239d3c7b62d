/** Helpers for this package's tests (not exported from the package entry point). */
import { EventStoreDBClient, type ReadableSubscription, type ResolvedEvent } from "@eventstore/db-client";
import { type EsdbDouble, type EsdbDoubleOptions, startEsdbDouble } from "./index";

export interface Harness {
  readonly double: EsdbDouble;
  readonly client: EventStoreDBClient;
  /** Open another client on the same double (disposed by `close`). */
  connect(query?: string): EventStoreDBClient;
  close(): Promise<void>;
}

export async function startHarness(options: EsdbDoubleOptions = {}): Promise<Harness> {
  const double = await startEsdbDouble(options);
  const clients: EventStoreDBClient[] = [];
  const connect = (query = "") => {
    const client = EventStoreDBClient.connectionString(`${double.url}${query}`);
    clients.push(client);
    return client;
  };
  const client = connect();
  return {
    double,
    client,
    connect,
    close: async () => {
      await Promise.allSettled(clients.map((each) => each.dispose()));
      await double.stop();
    },
  };
}

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

/** Resolve once `condition` holds, checking after each turn of the event loop (bounded). */
export async function eventually(condition: () => boolean, turns = 10_000): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error("condition never held");
}

/** Collect events a subscription emits, as they arrive. */
export function record<E>(subscription: ReadableSubscription<E>): E[] {
  const received: E[] = [];
  subscription.on("data", (event) => received.push(event));
  return received;
}

/** Resolve once the server has confirmed the subscription (it is then registered for live events). */
export function confirmed<E>(subscription: ReadableSubscription<E>): Promise<void> {
  return new Promise((resolve) => subscription.once("confirmation", () => resolve()));
}

export const streamsOf = (events: readonly ResolvedEvent[]) => events.map((each) => each.event?.streamId);
export const typesOf = (events: readonly ResolvedEvent[]) => events.map((each) => each.event?.type);
export const revisionsOf = (events: readonly ResolvedEvent[]) => events.map((each) => each.event?.revision);

let counter = 0;
/** A stream name unique within the test run. */
export function uniqueStream(prefix = "order"): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
