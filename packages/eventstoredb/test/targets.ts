/**
 * Where the wire tests run, for each client: always against the in-repo double of EventStoreDB
 * serving that client's own generated definitions, and against a real server when its URL is
 * set (`EVENTSTOREDB_URL` for `@eventstore/db-client`; `KURRENTDB_URL` for
 * `@kurrent/kurrentdb-client`, or else `EVENTSTOREDB_URL` with a `kurrentdb://` scheme, since
 * the same server speaks to both). The 6.x client runs on a double with BatchAppend advertised
 * and on one without, so both append RPCs are exercised; the KurrentDB client runs on the
 * BatchAppend double (its Append path is tested in esdb-double's kurrentdb.test.ts and in
 * wire-faults), to keep the suite's runtime modest.
 *
 * The two clients cannot share a process (proto.ts in esdb-double says why), so each suite runs
 * from one entry file per client: `x.test.ts` (6.x) and `x.kurrentdb.test.ts`.
 */
import { type ClientPackage, type EsdbDouble, startEsdbDouble } from "@safety-ledger/esdb-double";

export type { ClientPackage } from "@safety-ledger/esdb-double";

export interface Target {
  readonly name: string;
  /** Starts what is needed and gives the connection string. */
  readonly start: () => Promise<string>;
  readonly stop: () => Promise<void>;
  readonly real: boolean;
}

const label = (client: ClientPackage) =>
  client === "@kurrent/kurrentdb-client" ? "KurrentDB client" : "db-client 6.x";

const doubleTarget = (client: ClientPackage, batchAppend: boolean): Target => {
  let double: EsdbDouble | undefined;
  return {
    name: `EventStoreDB (wire double, ${batchAppend ? "BatchAppend" : "Append"}, ${label(client)})`,
    real: false,
    start: async () => {
      double = await startEsdbDouble({ batchAppend, client });
      return double.url;
    },
    stop: async () => {
      await double?.stop();
      double = undefined;
    },
  };
};

const set = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);

/** The real server's connection string for a client, if one is set. */
export const realUrl = (client: ClientPackage): string | undefined => {
  const esdb = set(process.env.EVENTSTOREDB_URL);
  if (client === "@eventstore/db-client") return esdb;
  return set(process.env.KURRENTDB_URL) ?? esdb?.replace(/^esdb(\+discover)?:\/\//, "kurrentdb$1://");
};

export const targetsFor = (client: ClientPackage): ReadonlyArray<Target> => {
  const url = realUrl(client);
  return [
    doubleTarget(client, true),
    ...(client === "@eventstore/db-client" ? [doubleTarget(client, false)] : []),
    ...(url === undefined
      ? []
      : [
          {
            name: `EventStoreDB (real server, ${label(client)})`,
            real: true,
            start: async () => url,
            stop: async () => undefined,
          },
        ]),
  ];
};

let said = false;
/** Say once, plainly, that the real-server run did not happen. */
export const announceSkippedRealServer = (client: ClientPackage): void => {
  if (said || realUrl(client) !== undefined) return;
  said = true;
  console.info(
    `${client === "@eventstore/db-client" ? "EVENTSTOREDB_URL" : "KURRENTDB_URL (or EVENTSTOREDB_URL)"} not set: the real-server run with ${client} was skipped; the suite ran against the in-repo wire double`,
  );
};
