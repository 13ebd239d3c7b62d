/**
 * Seal signatures: SM2 (GM/T 0003 with SM3 and the standard's default user ID, through
 * sm-crypto-v2, since Node's crypto cannot set the ID) or Ed25519 (node:crypto). Private keys
 * stay with a `Signer`: one made from a PEM file here, or a deployment's own adapter to its
 * certified signing server. Verification needs only the public key, which the ledger records.
 *
 * Signatures are DER (SM2, as OpenSSL writes them) or the 64 raw bytes (Ed25519, RFC 8032).
 */
import * as crypto from "node:crypto";
import { sm2 } from "sm-crypto-v2";

export const SIGNATURE_ALGORITHMS = ["sm2", "ed25519"] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export const isSignatureAlgorithm = (value: unknown): value is SignatureAlgorithm =>
  value === "sm2" || value === "ed25519";

/** GM/T 0003.2's default signer ID, which OpenSSL needs as `-pkeyopt distid:1234567812345678`. */
export const SM2_DEFAULT_USER_ID = "1234567812345678";

/**
 * The port to whatever holds a private key. `sign` gets the exact bytes to sign (it hashes
 * them itself: SM3 with Z for SM2, none for Ed25519) and returns the signature.
 */
export interface Signer {
  readonly keyId: string;
  readonly algorithm: SignatureAlgorithm;
  readonly sign: (bytes: Uint8Array) => Promise<Uint8Array>;
}

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyFormatError";
  }
}

export interface KeyPairPem {
  readonly algorithm: SignatureAlgorithm;
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
}

/** A new key pair as PEM (SPKI public key, PKCS #8 private key), as OpenSSL reads them. */
export const generateSigningKeyPair = (algorithm: SignatureAlgorithm): KeyPairPem => {
  const { publicKey, privateKey } =
    algorithm === "sm2"
      ? crypto.generateKeyPairSync("ec", { namedCurve: "SM2" })
      : crypto.generateKeyPairSync("ed25519");
  return {
    algorithm,
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  };
};

/** Every uncompressed SM2 public key's SubjectPublicKeyInfo starts so (id-ecPublicKey, curve 1.2.156.10197.1.301). */
const SM2_SPKI_PREFIX = Buffer.from("3059301306072a8648ce3d020106082a811ccf5501822d03420004", "hex");

const spkiOf = (key: crypto.KeyObject): Buffer => key.export({ format: "der", type: "spki" });

/**
 * The key's algorithm, or undefined for a key that is neither SM2 nor Ed25519. Node reports no
 * type for an SM2 key read from PEM: its SPKI says what it is.
 */
const algorithmOf = (publicKey: crypto.KeyObject): SignatureAlgorithm | undefined => {
  if (publicKey.asymmetricKeyType === "ed25519") return "ed25519";
  const spki = spkiOf(publicKey);
  return spki.length === SM2_SPKI_PREFIX.length + 64 &&
    spki.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX)
    ? "sm2"
    : undefined;
};

/** The uncompressed public point (04 ‖ x ‖ y) of an SM2 key, in hex, as sm-crypto-v2 takes it. */
const sm2PublicHex = (publicKey: crypto.KeyObject): string =>
  spkiOf(publicKey)
    .subarray(SM2_SPKI_PREFIX.length - 1)
    .toString("hex");

/** ECPrivateKey (RFC 5915) opens with version 1 and a 32-byte OCTET STRING: the private scalar. */
const EC_PRIVATE_KEY_START = Buffer.from("020101" + "0420", "hex");

/**
 * The private scalar of an SM2 key in hex, as sm-crypto-v2 takes it. Node cannot export an SM2
 * key read from PEM as SEC1 (it aborts), so the scalar is found in the PKCS #8 bytes and proved
 * by the public key it yields.
 */
const sm2PrivateHex = (key: crypto.KeyObject, publicHex: string): string => {
  const pkcs8 = key.export({ format: "der", type: "pkcs8" });
  const at = pkcs8.indexOf(EC_PRIVATE_KEY_START);
  const scalar = at < 0 ? "" : pkcs8.subarray(at + 5, at + 37).toString("hex");
  if (scalar.length !== 64 || sm2.getPublicKeyFromPrivateKey(scalar) !== publicHex)
    throw new KeyFormatError("the SM2 private key could not be read");
  return scalar;
};

const publicKeyOf = (pem: string): crypto.KeyObject => {
  try {
    return crypto.createPublicKey(pem);
  } catch {
    throw new KeyFormatError("not a PEM public key or certificate");
  }
};

/** The algorithm of a PEM public key or certificate (SM2 or Ed25519), or a `KeyFormatError`. */
export const publicKeyAlgorithm = (publicKeyPem: string): SignatureAlgorithm => {
  const algorithm = algorithmOf(publicKeyOf(publicKeyPem));
  if (algorithm === undefined) throw new KeyFormatError("the key is neither SM2 nor Ed25519");
  return algorithm;
};

/** The public key (SPKI PEM) of a PEM private key. */
export const publicKeyPemOf = (privateKeyPem: string): string =>
  crypto.createPublicKey(privateKeyPem).export({ format: "pem", type: "spki" }).toString();

/** A signer over a PEM private key held in this process (read from a file, never logged). */
export const pemSigner = (keyId: string, privateKeyPem: string): Signer => {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(privateKeyPem);
  } catch {
    throw new KeyFormatError("not a PEM private key");
  }
  const publicKey = crypto.createPublicKey(key);
  const algorithm = algorithmOf(publicKey);
  if (algorithm === undefined) throw new KeyFormatError("the key is neither SM2 nor Ed25519");
  if (algorithm === "ed25519")
    return { keyId, algorithm, sign: async (bytes) => new Uint8Array(crypto.sign(null, bytes, key)) };
  const publicHex = sm2PublicHex(publicKey);
  const privateHex = sm2PrivateHex(key, publicHex);
  return {
    keyId,
    algorithm,
    sign: async (bytes) =>
      Buffer.from(
        sm2.doSignature(bytes, privateHex, {
          der: true,
          hash: true,
          publicKey: publicHex,
          userId: SM2_DEFAULT_USER_ID,
        }),
        "hex",
      ),
  };
};

/**
 * Does `signature` sign `bytes` under the PEM public key (or certificate)? False for a
 * signature of another algorithm than the key's, or one that cannot be parsed.
 */
export const verifySignature = (
  algorithm: SignatureAlgorithm,
  publicKeyPem: string,
  bytes: Uint8Array,
  signature: Uint8Array,
): boolean => {
  let key: crypto.KeyObject;
  try {
    key = publicKeyOf(publicKeyPem);
  } catch {
    return false;
  }
  if (algorithmOf(key) !== algorithm) return false;
  try {
    if (algorithm === "ed25519") return crypto.verify(null, bytes, key, signature);
    return sm2.doVerifySignature(bytes, Buffer.from(signature).toString("hex"), sm2PublicHex(key), {
      der: true,
      hash: true,
      userId: SM2_DEFAULT_USER_ID,
    });
  } catch {
    return false;
  }
};
