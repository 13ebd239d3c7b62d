/**
 * Where the wire tests run: always against the in-repo double of EventStoreDB (once with
 * BatchAppend advertised, once without, so both append RPCs are exercised), and against a real
 * server when EVENTSTOREDB_URL is set.
 */
import { type EsdbDouble, startEsdbDouble } from "@safety-ledger/esdb-double";

export interface Target {
  readonly name: string;
  /** Starts what is needed and gives the connection string. */
  readonly start: () => Promise<string>;
  readonly stop: () => Promise<void>;
  readonly real: boolean;
}

const doubleTarget = (batchAppend: boolean): Target => {
  let double: EsdbDouble | undefined;
  return {
    name: `EventStoreDB (wire double, ${batchAppend ? "BatchAppend" : "Append"})`,
    real: false,
    start: async () => {
      double = await startEsdbDouble({ batchAppend });
      return double.url;
    },
    stop: async () => {
      await double?.stop();
      double = undefined;
    },
  };
};

export const REAL_URL = process.env.EVENTSTOREDB_URL;

export const targets: ReadonlyArray<Target> = [
  doubleTarget(true),
  doubleTarget(false),
  ...(REAL_URL === undefined || REAL_URL === ""
    ? []
    : [
        {
          name: "EventStoreDB (real server)",
          real: true,
          start: async () => REAL_URL,
          stop: async () => undefined,
        },
      ]),
];

let said = false;
/** Say once, plainly, that the real-server run did not happen. */
export const announceSkippedRealServer = (): void => {
  if (said || (REAL_URL !== undefined && REAL_URL !== "")) return;
  said = true;
  console.info(
    "EVENTSTOREDB_URL not set: the real-server run was skipped; the suite ran against the in-repo wire double",
  );
};
