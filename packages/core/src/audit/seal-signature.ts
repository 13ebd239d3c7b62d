/**
 * A seal's signature. The signed bytes (the seal's statement) are the RFC 8785 canonical JSON
 * of exactly these members, all strings but `previousRoot` (null for the first seal):
 *
 *   format            "safety-ledger-seal/1"
 *   hashAlgorithm     the ledger's ("sha256" or "sm3")
 *   keyId             the signing key, registered in `ledger-keys`
 *   position          the store position the seal covers
 *   previousRoot      the previous seal's Merkle root
 *   previousSeal      the previous seal event's hash (the genesis hash for the first)
 *   root              the seal's Merkle root
 *   signatureAlgorithm "sm2" or "ed25519"
 *   time              when it was sealed (ISO 8601), checked against the key's validity
 *
 * The seal stores the statement base64-encoded beside the signature, so an auditor can check it
 * with OpenSSL alone (docs/audit.md); verification holds it to the seal's own fields.
 */
import canonicalize from "canonicalize";
import * as t from "io-ts";
import type { HashAlgorithm } from "../crypto/hash";
import { type SignatureAlgorithm, type Signer, verifySignature } from "../crypto/signature";
import { isDateTime } from "../kernel/calendar";
import { type ChainProblemDetail, chainProblemDetail } from "../kernel/chain-problem-texts";
import { Code } from "../kernel/values";
import { keyInvalidity, SignatureAlgorithmCodec, type SigningKeys } from "./signing-keys";

export const SEAL_STATEMENT_FORMAT = "safety-ledger-seal/1";

const Base64 = t.refinement(
  t.string,
  (s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0,
  "Base64",
);

export const SealSignatureCodec = t.type({
  keyId: Code,
  algorithm: SignatureAlgorithmCodec,
  time: t.refinement(t.string, isDateTime, "DateTime"),
  previousSeal: t.string,
  /** The signed bytes, base64. */
  statement: Base64,
  /** The signature, base64: DER for SM2, 64 bytes for Ed25519. */
  value: Base64,
});
export type SealSignature = t.TypeOf<typeof SealSignatureCodec>;

export interface SealStatement {
  readonly hashAlgorithm: HashAlgorithm;
  readonly keyId: string;
  readonly position: string;
  readonly previousRoot: string | null;
  readonly previousSeal: string;
  readonly root: string;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly time: string;
}

export const sealStatementBytes = (statement: SealStatement): Buffer =>
  Buffer.from(canonicalize({ format: SEAL_STATEMENT_FORMAT, ...statement }) ?? "", "utf8");

/** Sign a seal's statement with the signer's key. */
export const signSeal = async (
  signer: Signer,
  statement: Omit<SealStatement, "keyId" | "signatureAlgorithm">,
): Promise<SealSignature> => {
  const bytes = sealStatementBytes({
    ...statement,
    keyId: signer.keyId,
    signatureAlgorithm: signer.algorithm,
  });
  const value = await signer.sign(bytes);
  return {
    keyId: signer.keyId,
    algorithm: signer.algorithm,
    time: statement.time,
    previousSeal: statement.previousSeal,
    statement: bytes.toString("base64"),
    value: Buffer.from(value).toString("base64"),
  };
};

export type SealSignatureProblem = "seal-signature" | "seal-key";

/**
 * What is wrong with a seal's signature, given the seal's fields and the keys the ledger had
 * registered when the seal was written; undefined when it is sound.
 */
export const sealSignatureProblem = (
  seal: {
    readonly root: string;
    readonly position: string;
    readonly previousRoot: string | null;
    readonly hashAlgorithm: HashAlgorithm;
  },
  signature: SealSignature,
  keys: SigningKeys,
):
  | { readonly kind: SealSignatureProblem; readonly message: string; readonly detail: ChainProblemDetail }
  | undefined => {
  const expected = sealStatementBytes({
    hashAlgorithm: seal.hashAlgorithm,
    keyId: signature.keyId,
    position: seal.position,
    previousRoot: seal.previousRoot,
    previousSeal: signature.previousSeal,
    root: seal.root,
    signatureAlgorithm: signature.algorithm,
    time: signature.time,
  });
  const statement = Buffer.from(signature.statement, "base64");
  const problem = (kind: SealSignatureProblem, found: ReturnType<typeof chainProblemDetail>) => ({
    kind,
    ...found,
  });
  if (!statement.equals(expected))
    return problem("seal-signature", chainProblemDetail("SEAL_STATEMENT_NOT_OWN", {}));
  const key = keys.get(signature.keyId);
  if (key === undefined)
    return problem("seal-key", chainProblemDetail("SEAL_KEY_UNKNOWN", { keyId: signature.keyId }));
  if (key.algorithm !== signature.algorithm)
    return problem(
      "seal-key",
      chainProblemDetail("SEAL_KEY_ALGORITHM", {
        keyId: key.keyId,
        keyAlgorithm: key.algorithm,
        signatureAlgorithm: signature.algorithm,
      }),
    );
  const invalid = keyInvalidity(key, signature.time);
  if (invalid !== undefined) return problem("seal-key", invalid);
  if (!verifySignature(key.algorithm, key.publicKey, statement, Buffer.from(signature.value, "base64")))
    return problem("seal-signature", chainProblemDetail("SEAL_SIGNATURE_INVALID", { keyId: key.keyId }));
  return undefined;
};
