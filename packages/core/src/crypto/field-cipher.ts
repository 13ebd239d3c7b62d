/**
 * Encryption of one personal field of an event (see privacy/personal-fields.ts) under its data
 * subject's key, before the event is hashed into its chain. The algorithm and the key's id are
 * recorded with each value; the stream, the event id and the field path are bound as associated
 * data, so a ciphertext moved to another event or field does not decrypt. A deployment's
 * certified module can stand in for `softwareFieldCipher` behind the `FieldCipher` port.
 */
import * as crypto from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import type { Json } from "../kernel/envelope";
import { AEAD_ALGORITHMS, AEAD_IV_BYTES, type AeadAlgorithm, aeadDecrypt, aeadEncrypt } from "./aead";

/** A data subject's key: its id (recorded with each value), algorithm and bytes. */
export interface DataKey {
  readonly id: string;
  readonly algorithm: AeadAlgorithm;
  readonly key: Uint8Array;
}

/** Where a field's value belongs: the associated data of its encryption. */
export interface FieldBinding {
  readonly stream: string;
  readonly eventId: string;
  /** Data path of the field, as in the registry (`principal.phone`). */
  readonly path: string;
}

const Base64 = t.refinement(
  t.string,
  (s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0,
  "Base64",
);

/** An encrypted field's value as stored in an event's data. */
export const EncryptedFieldCodec = t.type({
  encrypted: t.literal(1),
  algorithm: t.keyof({ [AEAD_ALGORITHMS[0]]: null, [AEAD_ALGORITHMS[1]]: null }),
  keyId: t.string,
  iv: Base64,
  ciphertext: Base64,
  tag: Base64,
});
export type EncryptedField = t.TypeOf<typeof EncryptedFieldCodec>;

export interface FieldDecryptError {
  readonly _tag: "FieldDecryptError";
  readonly code: "WRONG_KEY" | "NOT_AUTHENTIC";
  readonly message: string;
}

export interface FieldCipher {
  readonly encrypt: (value: Json, key: DataKey, binding: FieldBinding) => EncryptedField;
  readonly decrypt: (
    field: EncryptedField,
    key: DataKey,
    binding: FieldBinding,
  ) => E.Either<FieldDecryptError, Json>;
}

/** The associated data: a versioned JSON array of what the value is bound to, UTF-8. */
export const fieldAssociatedData = (
  binding: FieldBinding,
  field: Pick<EncryptedField, "algorithm" | "keyId">,
) =>
  Buffer.from(
    JSON.stringify([
      "safety-ledger/field/1",
      binding.stream,
      binding.eventId,
      binding.path,
      field.algorithm,
      field.keyId,
    ]),
    "utf8",
  );

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const bytes = (base64: string) => Buffer.from(base64, "base64");

/** The field cipher on sm-crypto-v2 (SM4-GCM) and node:crypto (AES-256-GCM); random IVs by default. */
export const softwareFieldCipher = (
  randomIv: () => Uint8Array = () => crypto.randomBytes(AEAD_IV_BYTES),
): FieldCipher => ({
  encrypt: (value, key, binding) => {
    const iv = randomIv();
    const header = { algorithm: key.algorithm, keyId: key.id };
    const sealed = aeadEncrypt(
      key.algorithm,
      key.key,
      iv,
      Buffer.from(JSON.stringify(value), "utf8"),
      fieldAssociatedData(binding, header),
    );
    return {
      encrypted: 1,
      ...header,
      iv: b64(iv),
      ciphertext: b64(sealed.ciphertext),
      tag: b64(sealed.tag),
    };
  },
  decrypt: (field, key, binding) => {
    if (field.keyId !== key.id || field.algorithm !== key.algorithm)
      return E.left({
        _tag: "FieldDecryptError",
        code: "WRONG_KEY",
        message: `${binding.path} of ${binding.stream} is encrypted under ${field.algorithm} key ${field.keyId}, not ${key.algorithm} key ${key.id}`,
      });
    const plain = aeadDecrypt(
      field.algorithm,
      key.key,
      bytes(field.iv),
      { ciphertext: bytes(field.ciphertext), tag: bytes(field.tag) },
      fieldAssociatedData(binding, field),
    );
    return plain === undefined
      ? E.left({
          _tag: "FieldDecryptError",
          code: "NOT_AUTHENTIC",
          message: `${binding.path} of ${binding.stream} (event ${binding.eventId}) does not authenticate: altered, or moved from another event or field`,
        })
      : E.right(JSON.parse(Buffer.from(plain).toString("utf8")) as Json);
  },
});
