/**
 * `--store URL`: which store the CLI opens.
 *   sqlite:PATH                 the embedded default (sqlite:./safety-ledger.db)
 *   sqlite:PATH?mode=ro         the same file, opened for reading only
 *   memory:                     an empty in-memory store, gone when the command ends
 *   esdb://… / esdb+discover://… an EventStoreDB node or cluster, over @eventstore/db-client
 *   kurrentdb://… / kurrentdb+discover://… the same (or a KurrentDB server), over
 *                               @kurrent/kurrentdb-client
 *   postgres://… / postgresql://… a PostgreSQL database, as node-postgres takes it
 *   export:FILE                 an export (audit export), verified first, read-only
 *
 * A SQLite file is created only by commands that write (`create: true`) or when asked with
 * `--create`; a command that only reads a file that is not there is a usage error, so a
 * mistyped path does not become a new, empty ledger that verifies as "OK: 0 events".
 */
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { createMemoryStore, type EventStore, exportStore, verifyExport } from "@safety-ledger/core";
import { createSqliteStore, LedgerFileMissingError } from "@safety-ledger/sqlite";
import { check, usage } from "./cli-error-texts";

export const DEFAULT_STORE = "sqlite:./safety-ledger.db";

export type StoreLocation =
  | { readonly kind: "sqlite"; readonly path: string; readonly readonly?: boolean }
  | { readonly kind: "memory" }
  | { readonly kind: "eventstoredb"; readonly connectionString: string }
  | { readonly kind: "postgres"; readonly connectionString: string }
  | { readonly kind: "export"; readonly path: string };

export const parseStoreUrl = (url: string): StoreLocation => {
  if (url === "memory:" || url === "memory") return { kind: "memory" };
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (path.length === 0) throw usage("STORE_SQLITE_NO_PATH", { url });
    // sqlite:PATH?mode=ro opens the file for reading only
    if (path.endsWith("?mode=ro"))
      return { kind: "sqlite", path: path.slice(0, -"?mode=ro".length), readonly: true };
    return { kind: "sqlite", path };
  }
  // the scheme also chooses the client (@safety-ledger/eventstoredb's createEventStoreDbStore)
  if (/^(esdb|kurrentdb)(\+discover)?:\/\//.test(url)) return { kind: "eventstoredb", connectionString: url };
  if (url.startsWith("postgres://") || url.startsWith("postgresql://"))
    return { kind: "postgres", connectionString: url };
  if (url.startsWith("export:")) {
    const path = url.slice("export:".length);
    if (path.length === 0) throw usage("STORE_EXPORT_NO_PATH", { url });
    return { kind: "export", path };
  }
  throw usage("STORE_UNKNOWN", { url });
};

/**
 * What a command does with the store: reads; writes (and so may create a missing SQLite file);
 * plans a write it does not make (`import --dry-run`: a plan never creates or changes a SQLite
 * file, and plans against an empty ledger when there is none yet); or reads the events as
 * stored, personal fields still encrypted (`evidence`: audit verify, export, prove).
 */
export type StoreAccess = "reads" | "writes" | "plans" | "evidence";

export interface OpenOptions {
  /** Create a missing SQLite file (commands that write, or `--create`); default false. */
  readonly create?: boolean;
  /** A missing SQLite file is an empty ledger in memory, created nowhere (a dry run). */
  readonly missingAsEmpty?: boolean;
}

const exportLinesOf = (path: string) => () =>
  createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });

/** An export, verified first (chains, seals, signatures of what it holds): reads run on it only if it holds. */
const openExport = async (path: string): Promise<EventStore> => {
  if (!existsSync(path)) throw usage("STORE_EXPORT_MISSING", { path });
  const report = await verifyExport(exportLinesOf(path));
  if (!report.ok) throw check("STORE_EXPORT_UNVERIFIED", { path, problems: report.problems.length });
  return exportStore(exportLinesOf(path), `the export ${path}`);
};

export const openStore = async (url: string, options: OpenOptions = {}): Promise<EventStore> => {
  const location = parseStoreUrl(url);
  switch (location.kind) {
    case "memory":
      return createMemoryStore();
    case "sqlite":
      if (options.missingAsEmpty === true && !existsSync(location.path)) return createMemoryStore();
      try {
        return createSqliteStore({
          path: location.path,
          create: options.create === true && location.readonly !== true,
          ...(location.readonly === true ? { readonly: true } : {}),
        });
      } catch (error) {
        if (error instanceof LedgerFileMissingError)
          throw usage("STORE_NO_LEDGER_FILE", { url, path: location.path });
        throw error;
      }
    case "eventstoredb": {
      // Loaded only when asked for: the gRPC client takes a while to load.
      const { createEventStoreDbStore } = await import("@safety-ledger/eventstoredb");
      return createEventStoreDbStore({ connectionString: location.connectionString });
    }
    case "postgres": {
      const { createPostgresStore } = await import("@safety-ledger/postgres");
      return createPostgresStore({ connectionString: location.connectionString });
    }
    case "export":
      return openExport(location.path);
  }
};
