/**
 * Authenticated encryption (AEAD) of bytes: SM4-GCM (GB/T 32907 in GCM, RFC 8998) from
 * sm-crypto-v2, since Node 20 has no SM4-GCM, and AES-256-GCM from node:crypto. 12-byte IVs and
 * 16-byte tags for both. No cipher is written here.
 */
import * as crypto from "node:crypto";
import { sm4 } from "sm-crypto-v2";

export const AEAD_ALGORITHMS = ["sm4-gcm", "aes-256-gcm"] as const;
export type AeadAlgorithm = (typeof AEAD_ALGORITHMS)[number];

export const isAeadAlgorithm = (value: unknown): value is AeadAlgorithm =>
  value === "sm4-gcm" || value === "aes-256-gcm";

/** Key length in bytes of each algorithm. */
export const AEAD_KEY_BYTES: Readonly<Record<AeadAlgorithm, number>> = { "sm4-gcm": 16, "aes-256-gcm": 32 };
export const AEAD_IV_BYTES = 12;
export const AEAD_TAG_BYTES = 16;

export interface Sealed {
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

const checkSizes = (algorithm: AeadAlgorithm, key: Uint8Array, iv: Uint8Array): void => {
  if (key.length !== AEAD_KEY_BYTES[algorithm])
    throw new RangeError(`${algorithm} takes a ${AEAD_KEY_BYTES[algorithm]}-byte key, not ${key.length}`);
  if (iv.length !== AEAD_IV_BYTES) throw new RangeError(`the IV is ${AEAD_IV_BYTES} bytes, not ${iv.length}`);
};

export const aeadEncrypt = (
  algorithm: AeadAlgorithm,
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
): Sealed => {
  checkSizes(algorithm, key, iv);
  if (algorithm === "sm4-gcm") {
    const { output, tag } = sm4.encrypt(plaintext, key, {
      mode: "gcm",
      iv,
      associatedData,
      output: "array",
      outputTag: true,
      padding: "none",
    });
    if (tag === undefined) throw new Error("sm4-gcm gave no tag");
    return { ciphertext: output, tag };
  }
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv, { authTagLength: AEAD_TAG_BYTES });
  cipher.setAAD(associatedData);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
};

/** The plaintext, or undefined when the tag does not authenticate ciphertext and associated data. */
export const aeadDecrypt = (
  algorithm: AeadAlgorithm,
  key: Uint8Array,
  iv: Uint8Array,
  sealed: Sealed,
  associatedData: Uint8Array,
): Uint8Array | undefined => {
  checkSizes(algorithm, key, iv);
  if (sealed.tag.length !== AEAD_TAG_BYTES) return undefined;
  try {
    if (algorithm === "sm4-gcm")
      return sm4.decrypt(sealed.ciphertext, key, {
        mode: "gcm",
        iv,
        associatedData,
        tag: sealed.tag,
        output: "array",
        padding: "none",
      });
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv, { authTagLength: AEAD_TAG_BYTES });
    decipher.setAAD(associatedData);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
};
