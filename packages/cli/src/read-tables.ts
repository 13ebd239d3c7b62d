/**
 * Which path a read command takes: a store with read tables (SQLite, PostgreSQL) answers from them, caught
 * up first; every other store, and any store with `--replay` (or `SAFETY_LEDGER_REPLAY=1`),
 * replays the ledger through the in-process projections, the reference the tables are tested
 * against.
 */
import {
  type EventStore,
  type ReadTables,
  revealingReadTables,
  type StorePrivacy,
  sealedEvent,
} from "@safety-ledger/core";
import { ReadTablesBehind } from "@safety-ledger/sqlite";
import { noteBrokenLinks } from "./broken-links";

export interface TablesPath {
  readonly tables: ReadTables;
  /** The `--known-at` date of the view the command reads, if any. */
  readonly knownAt: string | undefined;
}

const paths = new WeakMap<EventStore, TablesPath>();

const hasTables = (store: EventStore): store is EventStore & { readonly readTables: ReadTables } =>
  "readTables" in store && (store as { readonly readTables?: unknown }).readTables !== undefined;

/** The replay was asked for (`--replay` or the environment). */
export const replayForced = (flag: boolean | undefined): boolean =>
  flag === true || process.env.SAFETY_LEDGER_REPLAY === "1";

/** Let the reads of `view` (the store, or its `--known-at` view) answer from `opened`'s tables. */
export const useReadTables = (view: EventStore, opened: EventStore, knownAt: string | undefined): void => {
  if (hasTables(opened)) paths.set(view, { tables: opened.readTables, knownAt });
};

/**
 * The same for an encrypted ledger, where the store can keep sealed tables (SQLite, PostgreSQL):
 * they hold the stored ciphertext (never a clear personal value) and the reads reveal it through
 * `privacy`. Other stores replay.
 */
export const useSealedReadTables = (
  view: EventStore,
  opened: EventStore,
  privacy: StorePrivacy,
  knownAt: string | undefined,
): void => {
  const sealing = opened as EventStore & {
    readonly sealedReadTables?: (foldAs: typeof sealedEvent) => ReadTables;
  };
  if (typeof sealing.sealedReadTables !== "function") return;
  paths.set(view, { tables: revealingReadTables(sealing.sealedReadTables(sealedEvent), privacy), knownAt });
};

/** The tables a read of `store` answers from, caught up with the ledger; undefined: replay. */
export const caughtUpTables = async (store: EventStore): Promise<TablesPath | undefined> => {
  const path = paths.get(store);
  if (path === undefined) return undefined;
  try {
    const { brokenLinks } = await path.tables.catchUp();
    noteBrokenLinks(store, brokenLinks);
    return path;
  } catch (error) {
    // a file this process may not write, whose tables are behind: the replay answers
    if (!(error instanceof ReadTablesBehind)) throw error;
    paths.delete(store);
    process.stderr.write(`note: ${error.message}; replaying the ledger instead.\n`);
    return undefined;
  }
};

/** The tables a read of `store` would answer from (not caught up); undefined: replay. */
export const readTablesOf = (store: EventStore): TablesPath | undefined => paths.get(store);
