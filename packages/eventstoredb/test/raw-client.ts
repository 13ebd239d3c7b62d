/**
 * A client of the package under test, made directly (not through the store), for what a test
 * does beside the adapter: write a system event, delete a stream, hand the store a client it
 * does not own. Loaded by dynamic import, so a process loads only the client it tests.
 */
import type { ClientPort } from "../src/client-port";
import type { EventStoreDbSource } from "../src/index";
import type { ClientPackage } from "./targets";

export interface RawClient {
  /** The client's port (the adapter's own wrapper of it). */
  readonly port: ClientPort;
  /** The client as a store source the store borrows. */
  readonly source: EventStoreDbSource;
  dispose(): Promise<void>;
}

export const openRawClient = async (client: ClientPackage, url: string): Promise<RawClient> => {
  if (client === "@kurrent/kurrentdb-client") {
    const { KurrentDBClient } = await import("@kurrent/kurrentdb-client");
    const { createKurrentClientPort } = await import("../src/kurrent-client");
    const kurrentdbClient = KurrentDBClient.connectionString(url);
    return {
      port: createKurrentClientPort({ kurrentdbClient }),
      source: { kurrentdbClient },
      dispose: () => kurrentdbClient.dispose(),
    };
  }
  const { EventStoreDBClient } = await import("@eventstore/db-client");
  const { createDbClientPort } = await import("../src/db-client");
  const raw = EventStoreDBClient.connectionString(url);
  return { port: createDbClientPort({ client: raw }), source: { client: raw }, dispose: () => raw.dispose() };
};

/** The scheme that chooses the client under test in a connection string. */
export const schemeOf = (client: ClientPackage): string =>
  client === "@kurrent/kurrentdb-client" ? "kurrentdb" : "esdb";
