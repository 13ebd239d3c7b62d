/**
 * Projection checkpoints in the `checkpoints` table, in the same database as the events: where
 * a projection got to and its read model then, written in one statement so a checkpoint is
 * never half written.
 */
import { type Checkpoint, type CheckpointStore, type Json, LedgerFailure } from "@safety-ledger/core";
import type { Pool } from "pg";
import { toStoreUnavailable } from "./errors";

export class PostgresCheckpointStore implements CheckpointStore {
  readonly #pool: Pool;
  readonly #where: string;
  readonly #clock: () => Date;

  constructor(pool: Pool, where: string, clock: () => Date = () => new Date()) {
    this.#pool = pool;
    this.#where = where;
    this.#clock = clock;
  }

  async load(name: string): Promise<Checkpoint | undefined> {
    const { rows } = await this.#run(`loading checkpoint ${name}`, () =>
      this.#pool.query<{ position: string; state: Json }>(
        "SELECT position::text AS position, state FROM checkpoints WHERE name = $1",
        [name],
      ),
    );
    const row = rows[0];
    return row === undefined ? undefined : { position: BigInt(row.position), state: row.state };
  }

  async save(name: string, checkpoint: Checkpoint): Promise<void> {
    await this.#run(`saving checkpoint ${name}`, () =>
      this.#pool.query(
        `INSERT INTO checkpoints (name, position, state, updated_at) VALUES ($1, $2, $3::text::json, $4)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state,
                                          updated_at = excluded.updated_at`,
        [name, checkpoint.position.toString(), JSON.stringify(checkpoint.state), this.#clock()],
      ),
    );
  }

  async #run<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new LedgerFailure(toStoreUnavailable(this.#where, doing, error));
    }
  }
}
