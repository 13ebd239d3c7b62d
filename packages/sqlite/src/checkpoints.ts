/**
 * Projection checkpoints in the `checkpoints` table: where a projection got to and its read
 * model then, saved in one statement so a checkpoint is never half written.
 */
import {
  type Checkpoint,
  type CheckpointStore,
  inputIssue,
  type Json,
  LedgerFailure,
  reason,
  storeUnavailable,
  validationError,
} from "@safety-ledger/core";
import type Database from "better-sqlite3";
import { openDatabase } from "./connection";
import { toStoreUnavailable } from "./sqlite-errors";

interface CheckpointRow {
  readonly position: bigint;
  readonly state: string;
}

/** Options of `SqliteCheckpointStore.open`. */
export interface SqliteCheckpointStoreOptions {
  /** The SQLite file (created with the ledger schema when missing). */
  readonly path: string;
  /** How long a write waits for another process's lock (ms, default 5,000). */
  readonly busyTimeoutMs?: number;
  /** The clock for `updated_at` (default: the system clock). */
  readonly clock?: () => Date;
}

let attach: (db: Database.Database, clock: () => Date, owned: boolean) => SqliteCheckpointStore;

/**
 * The `CheckpointStore` port on SQLite. Every store from `createSqliteStore` has one as
 * `store.checkpoints`, in the same file as the events; `SqliteCheckpointStore.open` opens one
 * on a file of its own (read models kept apart from the ledger).
 */
export class SqliteCheckpointStore implements CheckpointStore {
  static {
    attach = (db, clock, owned) => new SqliteCheckpointStore(db, clock, owned);
  }

  /** Open (and create when missing) a checkpoint store on its own SQLite file. */
  static open(options: SqliteCheckpointStoreOptions): SqliteCheckpointStore {
    const db = openDatabase({ path: options.path, busyTimeoutMs: options.busyTimeoutMs ?? 5_000 });
    return new SqliteCheckpointStore(db, options.clock ?? (() => new Date()), true);
  }

  readonly #db: Database.Database;
  readonly #clock: () => Date;
  readonly #owned: boolean;
  readonly #select: Database.Statement<[string], CheckpointRow>;
  readonly #upsert: Database.Statement<[string, bigint, string, string]>;

  private constructor(db: Database.Database, clock: () => Date, owned: boolean) {
    this.#db = db;
    this.#clock = clock;
    this.#owned = owned;
    this.#select = db.prepare<[string], CheckpointRow>(
      "SELECT position, state FROM checkpoints WHERE name = ?",
    );
    this.#select.safeIntegers(true);
    this.#upsert = db.prepare<[string, bigint, string, string]>(
      `INSERT INTO checkpoints (name, position, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state,
                                        updated_at = excluded.updated_at`,
    );
  }

  async load(name: string): Promise<Checkpoint | undefined> {
    const row = this.#run(`loading checkpoint ${name}`, () => this.#select.get(name));
    if (row === undefined) return undefined;
    let state: Json;
    try {
      state = JSON.parse(row.state) as Json;
    } catch (error) {
      throw new LedgerFailure(
        validationError(
          [inputIssue("state", reason("INPUT_NOT_JSON", { detail: (error as Error).message }))],
          `checkpoint "${name}"`,
        ),
      );
    }
    return { position: row.position, state };
  }

  async save(name: string, checkpoint: Checkpoint): Promise<void> {
    const state = JSON.stringify(checkpoint.state);
    this.#run(`saving checkpoint ${name}`, () =>
      this.#upsert.run(name, checkpoint.position, state, this.#clock().toISOString()),
    );
  }

  /** Close the file, when this store opened it itself (`open`); a no-op for `store.checkpoints`. */
  async close(): Promise<void> {
    if (this.#owned && this.#db.open) this.#db.close();
  }

  #run<T>(doing: string, work: () => T): T {
    if (!this.#db.open)
      throw new LedgerFailure(storeUnavailable(`The SQLite file ${this.#db.name} is closed.`, false));
    try {
      return work();
    } catch (error) {
      throw new LedgerFailure(toStoreUnavailable(this.#db.name, doing, error));
    }
  }
}

/** The checkpoint store of an open ledger connection (internal: not exported from the package). */
export const checkpointsOn = (db: Database.Database, clock: () => Date): SqliteCheckpointStore =>
  attach(db, clock, false);
