/**
 * `--encrypt ALGORITHM` and `--master-key FILE` (docs/privacy.md): a new ledger's personal
 * fields encrypted before the chain, and the master key that unwraps its subjects' data keys
 * (kept in a `subject_keys` table beside the events: the SQLite file, the PostgreSQL database). Without the master key an encrypted ledger
 * still reads, its personal fields shown as `[encrypted]`, and takes commands that hold no
 * personal value; audit commands read the bytes as stored and need no key.
 */
import {
  AEAD_ALGORITHMS,
  type AeadAlgorithm,
  createPrivacy,
  ERASED_TEXT,
  type EventStore,
  fileMasterKey,
  isAeadAlgorithm,
  keylessPrivacy,
  type MasterKey,
  memorySubjectKeyStore,
  readLedgerSettings,
  type StorePrivacy,
  type SubjectKeyStore,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { usage } from "./cli-error-texts";
import { CheckFailed } from "./errors";
import type { Lang } from "./messages";

export const MASTER_KEY_ENV = "SAFETY_LEDGER_MASTER_KEY";

export const parseEncryption = (value: string): AeadAlgorithm => {
  if (!isAeadAlgorithm(value))
    throw usage("UNKNOWN_ENCRYPTION", { value, choices: AEAD_ALGORITHMS.join(", ") });
  return value;
};

export const masterKeyOfFile = (file: string): MasterKey => {
  try {
    return fileMasterKey(file);
  } catch (error) {
    throw usage("MASTER_KEY_UNREADABLE", { reason: (error as Error).message });
  }
};

const keyStoreOf = async (opened: EventStore, url: string, master: MasterKey): Promise<SubjectKeyStore> => {
  const sqlite = opened as EventStore & { subjectKeys?: (master: MasterKey) => SubjectKeyStore };
  if (typeof sqlite.subjectKeys === "function") return sqlite.subjectKeys(master);
  if (url.startsWith("memory")) return memorySubjectKeyStore(master);
  const postgres = opened as EventStore & {
    pool?: Parameters<typeof import("@safety-ledger/postgres").postgresSubjectKeyStore>[0];
  };
  if (postgres.pool !== undefined && (url.startsWith("postgres://") || url.startsWith("postgresql://"))) {
    const { postgresSubjectKeyStore } = await import("@safety-ledger/postgres");
    return postgresSubjectKeyStore(postgres.pool, master);
  }
  throw usage("STORE_HAS_NO_KEY_STORE", { url });
};

/** The privacy the ledger asks for (undefined: it stores personal fields in clear). */
export const ledgerPrivacy = async (
  opened: EventStore,
  url: string,
  masterKeyFile: string | undefined,
  lang: Lang,
): Promise<StorePrivacy | undefined> => {
  const settings = await readLedgerSettings(opened);
  if (E.isLeft(settings)) throw CheckFailed.of(settings.left);
  const algorithm = settings.right.fieldEncryption;
  if (algorithm === undefined) return undefined;
  if (masterKeyFile === undefined) return keylessPrivacy(algorithm);
  return createPrivacy({
    keys: await keyStoreOf(opened, url, masterKeyOfFile(masterKeyFile)),
    algorithm,
    erasedText: lang === "en" ? ERASED_TEXT.en : ERASED_TEXT["zh-CN"],
  });
};
