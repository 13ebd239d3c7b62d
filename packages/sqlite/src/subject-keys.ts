/**
 * The `SubjectKeyStore` port in the ledger file (docs/privacy.md): table `subject_keys`, one row a
 * data subject, its data key wrapped by the deployment's master key. Destroying a key keeps the
 * row as a tombstone without key material; `secure_delete` is on for the connection so the
 * freed bytes are zeroed, and the WAL is checkpointed and truncated so no older copy of the page
 * stays in it. Copies made before (backups, `store.backup`) still hold the wrapped key: see
 * docs/privacy.md on backups and their expiry.
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
import type Database from "better-sqlite3";

export const SUBJECT_KEYS_TABLE = `
  CREATE TABLE IF NOT EXISTS subject_keys (
    subject       TEXT PRIMARY KEY,
    master_key_id TEXT,
    algorithm     TEXT,
    wrapped       BLOB,
    created_at    TEXT NOT NULL,
    destroyed_at  TEXT
  ) STRICT;
`;

/** One row, counted up in each destruction's transaction: what long-running readers compare. */
export const SUBJECT_KEY_ERASURES_TABLE = `
  CREATE TABLE IF NOT EXISTS subject_key_erasures (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    epoch INTEGER NOT NULL
  ) STRICT;
`;

/** The key store on an open ledger file (`SqliteEventStore.subjectKeys(master)`). */
export const sqliteSubjectKeyStore = (
  db: Database.Database,
  master: MasterKey,
  clock: () => Date = () => new Date(),
): SubjectKeyStore => {
  db.exec(SUBJECT_KEYS_TABLE);
  try {
    db.exec(SUBJECT_KEY_ERASURES_TABLE);
  } catch (error) {
    // a file opened read-only, written before the table was: no destruction through this handle
    if (!db.readonly) throw error;
  }
  db.pragma("secure_delete = ON");
  const select = db.prepare<[string], SubjectKeyColumns>(
    "SELECT subject, master_key_id, algorithm, wrapped, destroyed_at FROM subject_keys WHERE subject = ?",
  );
  const insert = db.prepare<[string, string, string, Buffer, string]>(
    "INSERT INTO subject_keys (subject, master_key_id, algorithm, wrapped, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject) DO NOTHING",
  );
  const destroy = db.prepare<[string, string]>(
    "UPDATE subject_keys SET master_key_id = NULL, algorithm = NULL, wrapped = NULL, destroyed_at = ? WHERE subject = ? AND destroyed_at IS NULL",
  );
  const tombstone = db.prepare<[string, string, string]>(
    "INSERT INTO subject_keys (subject, created_at, destroyed_at) VALUES (?, ?, ?) ON CONFLICT (subject) DO NOTHING",
  );
  const erasures = () =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'subject_key_erasures'").get() !==
    undefined;
  const erased = () =>
    db
      .prepare(
        "INSERT INTO subject_key_erasures (id, epoch) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET epoch = epoch + 1",
      )
      .run();
  let erasureMark: Database.Statement<[], { epoch: number }> | undefined;
  /** The mark ("0" while no process has made the table: no destruction since it exists). */
  const markOf = () => {
    if (erasureMark === undefined && !erasures()) return "0";
    erasureMark ??= db.prepare<[], { epoch: number }>("SELECT epoch FROM subject_key_erasures WHERE id = 1");
    return String(erasureMark.get()?.epoch ?? 0);
  };
  const list = db.prepare<[string], { subject: string; destroyed: number }>(
    "SELECT subject, destroyed_at IS NOT NULL AS destroyed FROM subject_keys WHERE instr(subject, ?) = 1 ORDER BY subject",
  );
  const lookup = (subject: string) => lookupOfRow(master, subjectKeyRowOf(select.get(subject)));
  /** Live rows in subject order, a page at a time (keys are rewrapped page by page). */
  const livePage = db.prepare<[string, number], SubjectKeyColumns>(
    "SELECT subject, master_key_id, algorithm, wrapped, destroyed_at FROM subject_keys WHERE subject > ? AND destroyed_at IS NULL AND wrapped IS NOT NULL ORDER BY subject LIMIT ?",
  );
  const rewrite = db.prepare<[string, string, Buffer, string]>(
    "UPDATE subject_keys SET master_key_id = ?, algorithm = ?, wrapped = ? WHERE subject = ?",
  );
  const countDestroyed = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM subject_keys WHERE destroyed_at IS NOT NULL OR wrapped IS NULL",
  );
  return {
    dataKeyFor: async (subject, algorithm) => {
      const found = lookup(subject);
      if (found.status !== "none") return found;
      const key = newDataKey(subject, algorithm);
      const wrapped = master.wrap(subject, algorithm, key.key);
      insert.run(
        subject,
        wrapped.masterKeyId,
        algorithm,
        Buffer.from(wrapped.wrapped),
        clock().toISOString(),
      );
      // Another process may have created it first: its key is the one.
      const now = lookup(subject);
      if (now.status === "none") throw new Error(`subject_keys: ${subject} was not written`);
      return now;
    },
    lookup: async (subject) => lookup(subject),
    destroy: async (subject, at) => {
      db.transaction(() => {
        if (destroy.run(at, subject).changes === 0) tombstone.run(subject, clock().toISOString(), at);
        erased();
      }).immediate();
      // No older copy of the page in the WAL (best effort: a reader in another process may hold it).
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    erasureMark: async () => markOf(),
    rewrap: async (next) => {
      const result = db
        .transaction(() => {
          let rewrapped = 0;
          for (let after = ""; ; ) {
            const page = livePage.all(after, 500);
            if (page.length === 0) break;
            for (const columns of page) {
              const row = rewrapRow(master, next, subjectKeyRowOf(columns)!);
              if (row.wrapped === undefined) continue;
              rewrite.run(
                row.wrapped.masterKeyId,
                row.wrapped.algorithm,
                Buffer.from(row.wrapped.wrapped),
                row.subject,
              );
              rewrapped += 1;
            }
            after = page[page.length - 1]!.subject;
          }
          return { rewrapped, destroyed: countDestroyed.get()!.n };
        })
        .immediate();
      // the keys wrapped by the old master key zeroed in the file (secure_delete) and out of the WAL
      db.pragma("wal_checkpoint(TRUNCATE)");
      return result;
    },
    subjects: async (prefix = "") =>
      list.all(prefix).map((r) => ({ subject: r.subject, status: r.destroyed ? "destroyed" : "live" })),
  };
};
