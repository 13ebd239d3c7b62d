/**
 * The hash functions a ledger's chain, seals and proofs can use: SHA-256 (the default) or SM3
 * (GB/T 32905). Both come from node:crypto. A ledger picks one when it is created; code that
 * hashes many events takes the `TextHash` once and calls its `hex` directly.
 */
import * as crypto from "node:crypto";

export const HASH_ALGORITHMS = ["sha256", "sm3"] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** The algorithm of a ledger that does not record one. */
export const DEFAULT_HASH_ALGORITHM: HashAlgorithm = "sha256";

export const isHashAlgorithm = (value: unknown): value is HashAlgorithm =>
  value === "sha256" || value === "sm3";

export interface TextHash {
  readonly algorithm: HashAlgorithm;
  /** The hex digest of a text's UTF-8 bytes. */
  readonly hex: (text: string) => string;
  /**
   * The hex digest of the UTF-8 bytes of `head + middle + tail`, without joining them: a text
   * joined from a short envelope and a long data text (two-byte, for Chinese) is copied whole
   * before it is encoded; here each part is encoded straight into one reused buffer.
   */
  readonly hexOfJoined: (head: string, middle: string, tail: string) => string;
  /** An incremental hash, for input handed in pieces. */
  readonly create: () => crypto.Hash;
}

/** The buffer `hexOfJoined` encodes into; texts that might not fit go through an incremental hash. */
const joined = Buffer.allocUnsafe(1 << 16);
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 for 2). */
const MAX_BYTES_PER_UNIT = 3;
/**
 * Below this many UTF-16 units in all, the parts are joined and hashed as one string: three
 * writes into the buffer cost more than the copy they save (`bench/hash-join.ts` before this
 * limit: the buffer took 1.4-1.6 times as long for events of 50-200 ASCII characters, broke even
 * near 1,000 of them or 200 Chinese ones, and was 8-16 % faster above).
 */
const SHORT_JOIN = 512;

const surrogateAt = (text: string, i: number): boolean => {
  const unit = text.charCodeAt(i);
  return unit >= 0xd800 && unit <= 0xdfff;
};

/** One-shot `crypto.hash` where Node has it (20.12+, about twice as fast for short texts). */
const oneShot = (
  crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: "hex") => string }
).hash;

const textHashOf = (algorithm: HashAlgorithm): TextHash => {
  const ofBytes =
    oneShot === undefined
      ? (bytes: Uint8Array) => crypto.createHash(algorithm).update(bytes).digest("hex")
      : (bytes: Uint8Array) => oneShot(algorithm, bytes, "hex");
  const hex: TextHash["hex"] =
    oneShot === undefined
      ? (text) => crypto.createHash(algorithm).update(text, "utf8").digest("hex")
      : (text) => oneShot(algorithm, text, "hex");
  return {
    algorithm,
    hex,
    hexOfJoined: (head, middle, tail) => {
      // short texts joined (faster), and a surrogate pair split across a join (one character
      // joined, two apart)
      if (
        head.length + middle.length + tail.length < SHORT_JOIN ||
        surrogateAt(head, head.length - 1) ||
        surrogateAt(middle, 0) ||
        surrogateAt(middle, middle.length - 1) ||
        surrogateAt(tail, 0)
      )
        return hex(head + middle + tail);
      if ((head.length + middle.length + tail.length) * MAX_BYTES_PER_UNIT > joined.length)
        return crypto
          .createHash(algorithm)
          .update(head, "utf8")
          .update(middle, "utf8")
          .update(tail, "utf8")
          .digest("hex");
      let end = joined.write(head, 0, "utf8");
      end += joined.write(middle, end, "utf8");
      end += joined.write(tail, end, "utf8");
      return ofBytes(joined.subarray(0, end));
    },
    create: () => crypto.createHash(algorithm),
  };
};

export const SHA256: TextHash = textHashOf("sha256");
export const SM3: TextHash = textHashOf("sm3");

export const textHash = (algorithm: HashAlgorithm): TextHash => (algorithm === "sm3" ? SM3 : SHA256);
