/** The public entry: an `EventStore` on EventStoreDB from a connection string or a client. */
import type { EventStoreDBClient } from "@eventstore/db-client";
import { createDbClientPort } from "./db-client";
import { createStoreOnPort, type EventStoreDbStore, type StoreOptions } from "./store";

export type EventStoreDbSource =
  /**
   * A connection string exactly as the client takes it: `esdb://host:2113?tls=false`,
   * `esdb+discover://cluster.dns:2113`, `esdb://a:2113,b:2113,c:2113?nodePreference=leader`,
   * `tlsCAFile=…`, credentials `esdb://user:pass@host:2113`. The store creates the client once
   * and disposes of it in `close()`.
   */
  | { readonly connectionString: string }
  /** A client you own: the store uses it and `close()` leaves it open; dispose of it yourself. */
  | { readonly client: EventStoreDBClient };

export type EventStoreDbOptions = StoreOptions;

export const createEventStoreDbStore = (
  source: EventStoreDbSource,
  options: EventStoreDbOptions = {},
): EventStoreDbStore => {
  const port = createDbClientPort(source);
  return createStoreOnPort(port, port.owned, options);
};
