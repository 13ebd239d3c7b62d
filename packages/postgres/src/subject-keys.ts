/**
 * The `SubjectKeyStore` port beside PostgreSQL's events (docs/privacy.md): table `subject_keys`
 * in the ledger's database, one row a data subject, its data key wrapped by the deployment's
 * master key. Destroying a key keeps the row as a tombstone without key material. PostgreSQL
 * keeps the old row version until VACUUM reclaims it, and its WAL and base backups hold it
 * longer: the destruction is complete when VACUUM has run and older WAL and backups have
 * expired (docs/privacy.md, on backups).
 */
import {
  lookupOfRow,
  type MasterKey,
  newDataKey,
  rewrapRow,
  type SubjectKeyColumns,
  type SubjectKeyStore,
  subjectKeyRowOf,
} from "@safety-ledger/core";
import type pg from "pg";

export const POSTGRES_SUBJECT_KEYS_TABLE = `
  CREATE TABLE IF NOT EXISTS subject_keys (
    subject       text PRIMARY KEY,
    master_key_id text,
    algorithm     text,
    wrapped       bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    destroyed_at  text
  );
  CREATE TABLE IF NOT EXISTS subject_key_erasures (
    id    integer PRIMARY KEY CHECK (id = 1),
    epoch bigint  NOT NULL
  )
`;

/** The key store on the ledger's database (the store's `pool`). */
export const postgresSubjectKeyStore = (pool: pg.Pool, master: MasterKey): SubjectKeyStore => {
  let ready: Promise<unknown> | undefined;
  const table = () => {
    ready ??= pool.query(POSTGRES_SUBJECT_KEYS_TABLE);
    return ready;
  };
  const select = async (subject: string) => {
    await table();
    const { rows } = await pool.query<SubjectKeyColumns>(
      "SELECT subject, master_key_id, algorithm, wrapped, destroyed_at FROM subject_keys WHERE subject = $1",
      [subject],
    );
    return lookupOfRow(master, subjectKeyRowOf(rows[0]));
  };
  return {
    dataKeyFor: async (subject, algorithm) => {
      const found = await select(subject);
      if (found.status !== "none") return found;
      const key = newDataKey(subject, algorithm);
      const wrapped = master.wrap(subject, algorithm, key.key);
      await pool.query(
        "INSERT INTO subject_keys (subject, master_key_id, algorithm, wrapped) VALUES ($1, $2, $3, $4) ON CONFLICT (subject) DO NOTHING",
        [subject, wrapped.masterKeyId, algorithm, Buffer.from(wrapped.wrapped)],
      );
      // Another writer may have created it first: its key is the one.
      const now = await select(subject);
      if (now.status === "none") throw new Error(`subject_keys: ${subject} was not written`);
      return now;
    },
    lookup: select,
    destroy: async (subject, at) => {
      await table();
      // the tombstone and the erasure mark counted up in one statement (one transaction)
      await pool.query(
        `WITH tombstone AS (
           INSERT INTO subject_keys (subject, destroyed_at) VALUES ($1, $2)
           ON CONFLICT (subject) DO UPDATE SET master_key_id = NULL, algorithm = NULL, wrapped = NULL,
             destroyed_at = COALESCE(subject_keys.destroyed_at, EXCLUDED.destroyed_at)
         )
         INSERT INTO subject_key_erasures (id, epoch) VALUES (1, 1)
         ON CONFLICT (id) DO UPDATE SET epoch = subject_key_erasures.epoch + 1`,
        [subject, at],
      );
    },
    erasureMark: async () => {
      await table();
      const { rows } = await pool.query<{ epoch: string }>(
        "SELECT epoch::text AS epoch FROM subject_key_erasures WHERE id = 1",
      );
      return rows[0]?.epoch ?? "0";
    },
    rewrap: async (next) => {
      await table();
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        // no key created or destroyed meanwhile: the rotation sees and rewrites every row
        await client.query("LOCK TABLE subject_keys IN SHARE ROW EXCLUSIVE MODE");
        let rewrapped = 0;
        for (let after = ""; ; ) {
          const { rows } = await client.query<SubjectKeyColumns>(
            `SELECT subject, master_key_id, algorithm, wrapped, destroyed_at FROM subject_keys
             WHERE subject COLLATE "C" > $1 AND destroyed_at IS NULL AND wrapped IS NOT NULL
             ORDER BY subject COLLATE "C" LIMIT 500`,
            [after],
          );
          if (rows.length === 0) break;
          for (const columns of rows) {
            const row = rewrapRow(master, next, subjectKeyRowOf(columns)!);
            if (row.wrapped === undefined) continue;
            await client.query(
              "UPDATE subject_keys SET master_key_id = $1, algorithm = $2, wrapped = $3 WHERE subject = $4",
              [row.wrapped.masterKeyId, row.wrapped.algorithm, Buffer.from(row.wrapped.wrapped), row.subject],
            );
            rewrapped += 1;
          }
          after = rows[rows.length - 1]!.subject;
        }
        const destroyed = await client.query<{ n: string }>(
          "SELECT count(*) AS n FROM subject_keys WHERE destroyed_at IS NOT NULL OR wrapped IS NULL",
        );
        await client.query("COMMIT");
        return { rewrapped, destroyed: Number(destroyed.rows[0]!.n) };
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    subjects: async (prefix = "") => {
      await table();
      const { rows } = await pool.query<{ subject: string; destroyed: boolean }>(
        'SELECT subject, destroyed_at IS NOT NULL AS destroyed FROM subject_keys WHERE starts_with(subject, $1) ORDER BY subject COLLATE "C"',
        [prefix],
      );
      return rows.map((r) => ({ subject: r.subject, status: r.destroyed ? "destroyed" : "live" }));
    },
  };
};
