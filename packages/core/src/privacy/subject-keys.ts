/**
 * The data keys of data subjects: one key a subject, created on the subject's first encrypted
 * value, kept wrapped by a master key the deployment supplies, and destroyed to erase what it
 * encrypted. A destroyed subject keeps a tombstone (no key material), so it never gets a fresh
 * key and its values read as erased, not as missing.
 */
import * as crypto from "node:crypto";
import { readFileSync } from "node:fs";
import {
  AEAD_IV_BYTES,
  AEAD_KEY_BYTES,
  type AeadAlgorithm,
  aeadDecrypt,
  aeadEncrypt,
  isAeadAlgorithm,
} from "../crypto/aead";
import type { DataKey } from "../crypto/field-cipher";
import { errorsOf } from "../kernel/error-texts";
import { LedgerFailure } from "../kernel/errors";
import { PRIVACY_ERROR_TEXTS } from "./privacy-error-texts";

const { error: privacyError } = errorsOf(PRIVACY_ERROR_TEXTS);

/** A data key as kept: wrapped by the master key. */
export interface WrappedKey {
  readonly masterKeyId: string;
  readonly algorithm: AeadAlgorithm;
  /** iv ‖ ciphertext ‖ tag of the data key's bytes. */
  readonly wrapped: Uint8Array;
}

/** The deployment's master key (a file here; a certified crypto module behind the same port). */
export interface MasterKey {
  readonly id: string;
  /**
   * A fingerprint that names this key without giving it away (`masterKeyFingerprint`): what a
   * rotation records in the ledger. A module that cannot compute one leaves it out.
   */
  readonly fingerprint?: string;
  wrap(subject: string, algorithm: AeadAlgorithm, key: Uint8Array): WrappedKey;
  /** The data key's bytes, or undefined when the wrapped key does not authenticate. */
  unwrap(subject: string, wrapped: WrappedKey): Uint8Array | undefined;
}

export type SubjectKeyLookup =
  | { readonly status: "live"; readonly key: DataKey }
  | { readonly status: "destroyed"; readonly destroyedAt: string }
  | { readonly status: "none" };

/** The key store port: a subject's data key created or got, read, destroyed. */
export interface SubjectKeyStore {
  /** The subject's key, created under `algorithm` when it has none; the tombstone when destroyed. */
  dataKeyFor(
    subject: string,
    algorithm: AeadAlgorithm,
  ): Promise<Extract<SubjectKeyLookup, { status: "live" | "destroyed" }>>;
  lookup(subject: string): Promise<SubjectKeyLookup>;
  /** Destroy the subject's key (idempotent: the first destruction's time is kept). */
  destroy(subject: string, at: string): Promise<void>;
  /**
   * A mark that changes whenever a key of this storage is destroyed, by any handle or process
   * (changed with the destruction or after it, never before): a long-running reader compares
   * it before using keys it looked up earlier (`Privacy.noticeErasures`). One cheap read.
   */
  erasureMark(): Promise<string>;
  /** The subjects whose ids start with `prefix` and their status (for `privacy subjects`). */
  subjects(prefix?: string): Promise<ReadonlyArray<{ subject: string; status: "live" | "destroyed" }>>;
  /**
   * Master-key rotation: every live data key unwrapped by this store's master key and wrapped by
   * `next`, in one transaction (all or none: a key that does not unwrap changes nothing).
   * Tombstones stay as they are. Afterwards the store opens with `next` only.
   */
  rewrap(next: MasterKey): Promise<RewrapResult>;
}

/** What a master-key rotation did. */
export interface RewrapResult {
  /** Live data keys now wrapped by the new master key. */
  readonly rewrapped: number;
  /** Destroyed subjects, left without key material. */
  readonly destroyed: number;
}

/** A row's key rewrapped from `current` to `next` (a tombstone as it is); throws when it does not unwrap. */
export const rewrapRow = (current: MasterKey, next: MasterKey, row: SubjectKeyRow): SubjectKeyRow => {
  if (row.destroyedAt !== undefined || row.wrapped === undefined) return row;
  const found = lookupOfRow(current, row);
  if (found.status !== "live") return row;
  return { subject: row.subject, wrapped: next.wrap(row.subject, row.wrapped.algorithm, found.key.key) };
};

const wrapAad = (masterKeyId: string, subject: string, algorithm: AeadAlgorithm) =>
  Buffer.from(JSON.stringify(["safety-ledger/data-key/1", masterKeyId, subject, algorithm]), "utf8");

/** A master key from its bytes (SM4-GCM: 16, AES-256-GCM: 32). */
/**
 * SHA-256 over a fixed label, the algorithm and the key: names a master key (a key check value)
 * and, the key being 128 or 256 random bits, reveals nothing of it.
 */
export const masterKeyFingerprint = (algorithm: AeadAlgorithm, key: Uint8Array): string =>
  crypto
    .createHash("sha256")
    .update(`safety-ledger master key fingerprint v1\u0000${algorithm}\u0000`, "utf8")
    .update(key)
    .digest("hex");

export const masterKeyOf = (id: string, algorithm: AeadAlgorithm, key: Uint8Array): MasterKey => {
  if (key.length !== AEAD_KEY_BYTES[algorithm])
    throw new RangeError(
      `a ${algorithm} master key is ${AEAD_KEY_BYTES[algorithm]} bytes, not ${key.length}`,
    );
  return {
    id,
    fingerprint: masterKeyFingerprint(algorithm, key),
    wrap: (subject, dataAlgorithm, dataKey) => {
      const iv = crypto.randomBytes(AEAD_IV_BYTES);
      const sealed = aeadEncrypt(algorithm, key, iv, dataKey, wrapAad(id, subject, dataAlgorithm));
      return {
        masterKeyId: id,
        algorithm: dataAlgorithm,
        wrapped: Buffer.concat([iv, sealed.ciphertext, sealed.tag]),
      };
    },
    unwrap: (subject, w) => {
      if (w.masterKeyId !== id || w.wrapped.length < AEAD_IV_BYTES + 16) return undefined;
      const bytes = Buffer.from(w.wrapped);
      return aeadDecrypt(
        algorithm,
        key,
        bytes.subarray(0, AEAD_IV_BYTES),
        {
          ciphertext: bytes.subarray(AEAD_IV_BYTES, bytes.length - 16),
          tag: bytes.subarray(bytes.length - 16),
        },
        wrapAad(id, subject, w.algorithm),
      );
    },
  };
};

/** The text of a new master key file: `{"id","algorithm","key"}` with the key in hex. */
export const newMasterKeyFile = (id: string, algorithm: AeadAlgorithm): string =>
  `${JSON.stringify({ id, algorithm, key: crypto.randomBytes(AEAD_KEY_BYTES[algorithm]).toString("hex") })}\n`;

/** Read a master key file written by `newMasterKeyFile` (`privacy master-key`). */
export const fileMasterKey = (path: string): MasterKey => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`the master key file ${path} cannot be read: ${(error as Error).message}`);
  }
  const { id, algorithm, key } = (parsed ?? {}) as { id?: unknown; algorithm?: unknown; key?: unknown };
  if (typeof id !== "string" || id.length === 0 || !isAeadAlgorithm(algorithm) || typeof key !== "string")
    throw new Error(
      `the master key file ${path} must hold {"id": "…", "algorithm": "sm4-gcm" or "aes-256-gcm", "key": "<hex>"}`,
    );
  if (!/^[0-9a-fA-F]*$/.test(key) || key.length !== AEAD_KEY_BYTES[algorithm] * 2)
    throw new Error(
      `the master key file ${path}: a ${algorithm} key is ${AEAD_KEY_BYTES[algorithm] * 2} hex digits`,
    );
  return masterKeyOf(id, algorithm, Buffer.from(key, "hex"));
};

/** A fresh data key for a subject. */
export const newDataKey = (subject: string, algorithm: AeadAlgorithm): DataKey => ({
  id: subject,
  algorithm,
  key: crypto.randomBytes(AEAD_KEY_BYTES[algorithm]),
});

/** What a key row holds, for stores that keep rows (wrapped key, or the tombstone). */
export interface SubjectKeyRow {
  readonly subject: string;
  readonly wrapped?: WrappedKey;
  readonly destroyedAt?: string;
}

/** A `subject_keys` row as the SQLite and PostgreSQL tables hold it (one column each). */
export interface SubjectKeyColumns {
  readonly subject: string;
  readonly master_key_id: string | null;
  readonly algorithm: string | null;
  readonly wrapped: Uint8Array | null;
  readonly destroyed_at: string | null;
}

/** The port's row of a table row: a tombstone once destroyed (or without key material). */
export const subjectKeyRowOf = (row: SubjectKeyColumns | undefined): SubjectKeyRow | undefined => {
  if (row === undefined) return undefined;
  if (row.destroyed_at !== null || row.wrapped === null || row.master_key_id === null)
    return { subject: row.subject, destroyedAt: row.destroyed_at ?? "" };
  if (!isAeadAlgorithm(row.algorithm))
    throw new Error(`subject_keys: ${row.subject} has algorithm ${row.algorithm}`);
  return {
    subject: row.subject,
    wrapped: { masterKeyId: row.master_key_id, algorithm: row.algorithm, wrapped: row.wrapped },
  };
};

/** The lookup a row gives: the unwrapped key, the tombstone, or an error when the master key is wrong. */
export const lookupOfRow = (master: MasterKey, row: SubjectKeyRow | undefined): SubjectKeyLookup => {
  if (row === undefined) return { status: "none" };
  if (row.destroyedAt !== undefined || row.wrapped === undefined)
    return { status: "destroyed", destroyedAt: row.destroyedAt ?? "" };
  const key = master.unwrap(row.subject, row.wrapped);
  if (key === undefined)
    throw new LedgerFailure(
      privacyError("MASTER_KEY_DOES_NOT_UNWRAP", {
        subject: row.subject,
        masterKeyId: master.id,
        wrappedBy: row.wrapped.masterKeyId,
      }),
    );
  return { status: "live", key: { id: row.subject, algorithm: row.wrapped.algorithm, key } };
};

/** The erasure mark of each set of rows the memory key stores share. */
const memoryErasures = new WeakMap<Map<string, SubjectKeyRow>, number>();

/** A key store in memory (tests, `memory:` stores): the same rows as the SQLite one. */
export const memorySubjectKeyStore = (
  master: MasterKey,
  /** The rows, to share between handles (as two processes share a ledger's table). */
  rows: Map<string, SubjectKeyRow> = new Map(),
): SubjectKeyStore & { rows(): SubjectKeyRow[] } => {
  return {
    dataKeyFor: async (subject, algorithm) => {
      const found = lookupOfRow(master, rows.get(subject));
      if (found.status !== "none") return found;
      const key = newDataKey(subject, algorithm);
      rows.set(subject, { subject, wrapped: master.wrap(subject, algorithm, key.key) });
      return { status: "live", key };
    },
    lookup: async (subject) => lookupOfRow(master, rows.get(subject)),
    destroy: async (subject, at) => {
      const row = rows.get(subject);
      if (row?.destroyedAt !== undefined) return;
      rows.set(subject, { subject, destroyedAt: at });
      memoryErasures.set(rows, (memoryErasures.get(rows) ?? 0) + 1);
    },
    erasureMark: async () => String(memoryErasures.get(rows) ?? 0),
    subjects: async (prefix = "") =>
      [...rows.values()]
        .filter((r) => r.subject.startsWith(prefix))
        .map((r) => ({
          subject: r.subject,
          status: r.destroyedAt === undefined ? ("live" as const) : ("destroyed" as const),
        }))
        .sort((a, b) => (a.subject < b.subject ? -1 : 1)),
    rewrap: async (next) => {
      // every row computed first, then all replaced: a key that does not unwrap changes nothing
      const rewrapped = [...rows.values()].map((row) => rewrapRow(master, next, row));
      for (const row of rewrapped) rows.set(row.subject, row);
      const live = rewrapped.filter((r) => r.wrapped !== undefined).length;
      return { rewrapped: live, destroyed: rewrapped.length - live };
    },
    rows: () => [...rows.values()],
  };
};
