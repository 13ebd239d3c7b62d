/**
 * The public entry: an `EventStore` on EventStoreDB or KurrentDB, from a connection string or a
 * client. The connection string's scheme chooses the client: `esdb://` and `esdb+discover://`
 * → `@eventstore/db-client`; `kurrentdb://`, `kurrent://`, `kdb://` (each also `+discover`) →
 * `@kurrent/kurrentdb-client`. Both speak the same protocol to the same servers.
 */
import type { EventStoreDBClient } from "@eventstore/db-client";
import type { KurrentDBClient } from "@kurrent/kurrentdb-client";
import { lazyPort } from "./lazy-port";
import { createStoreOnPort, type EventStoreDbStore, type StoreOptions } from "./store";

export type EventStoreDbSource =
  /**
   * A connection string exactly as the client takes it: `esdb://host:2113?tls=false`,
   * `kurrentdb://host:2113?tls=false`, `esdb+discover://cluster.dns:2113`,
   * `esdb://a:2113,b:2113,c:2113?nodePreference=leader`, `tlsCAFile=…`, credentials
   * `esdb://user:pass@host:2113`. The store creates the client once and disposes of it in `close()`.
   */
  | { readonly connectionString: string }
  /** An `@eventstore/db-client` client you own: the store uses it and `close()` leaves it open. */
  | { readonly client: EventStoreDBClient }
  /** A `@kurrent/kurrentdb-client` client you own: the store uses it and `close()` leaves it open. */
  | { readonly kurrentdbClient: KurrentDBClient };

export type EventStoreDbOptions = StoreOptions;

/** Which client package a connection string's scheme asks for. */
export const clientPackageFor = (
  connectionString: string,
): "@eventstore/db-client" | "@kurrent/kurrentdb-client" =>
  /^(kurrentdb|kurrent|kdb)(\+discover)?:\/\//i.test(connectionString.trim())
    ? "@kurrent/kurrentdb-client"
    : "@eventstore/db-client";

type KurrentSource = Exclude<EventStoreDbSource, { readonly client: EventStoreDBClient }>;
type DbClientSource = Exclude<EventStoreDbSource, { readonly kurrentdbClient: KurrentDBClient }>;

const isKurrent = (source: EventStoreDbSource): source is KurrentSource =>
  "kurrentdbClient" in source ||
  ("connectionString" in source && clientPackageFor(source.connectionString) === "@kurrent/kurrentdb-client");

export const createEventStoreDbStore = (
  source: EventStoreDbSource,
  options: EventStoreDbOptions = {},
): EventStoreDbStore => {
  const owned = "connectionString" in source;
  const port = isKurrent(source)
    ? lazyPort(async () => (await import("./kurrent-client")).createKurrentClientPort(source))
    : lazyPort(async () => (await import("./db-client")).createDbClientPort(source as DbClientSource));
  return createStoreOnPort(port, owned, options);
};
