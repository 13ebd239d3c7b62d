/**
 * Merkle trees as RFC 6962 (Certificate Transparency) defines them: leaf = H(0x00 ‖ leaf),
 * node = H(0x01 ‖ left ‖ right), the tree of n leaves split at the largest power of two below
 * n. Audit paths prove that a leaf is in a tree with a given root without the other leaves.
 * H is the ledger's hash algorithm: SHA-256 (the default) or SM3.
 */
import { createHash } from "node:crypto";
import type { HashAlgorithm } from "../crypto/hash";

const hashWith = (algorithm: HashAlgorithm, ...parts: ReadonlyArray<Uint8Array>): Buffer => {
  const h = createHash(algorithm);
  for (const part of parts) h.update(part);
  return h.digest();
};

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

export const leafHash = (leaf: string, algorithm: HashAlgorithm = "sha256"): string =>
  hashWith(algorithm, LEAF, Buffer.from(leaf, "utf8")).toString("hex");

const nodeHash = (algorithm: HashAlgorithm, left: string, right: string): string =>
  hashWith(algorithm, NODE, Buffer.from(left, "hex"), Buffer.from(right, "hex")).toString("hex");

/** The largest power of two strictly below n (n ≥ 2). */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** Root over leaf hashes (hex); the empty tree's root is H(""). */
export const merkleRoot = (leaves: ReadonlyArray<string>, algorithm: HashAlgorithm = "sha256"): string =>
  leaves.length === 0 ? hashWith(algorithm).toString("hex") : rootOf(algorithm, leaves, 0, leaves.length);

/**
 * The same root as `merkleRoot(items.map(leafOf))`, with the leaves made one at a time and
 * folded on a stack of complete subtrees (at most log2 n of them): a seal's hundreds of
 * thousands of leaves are never held together. Two subtrees of one size merge as they form;
 * at the end the stack folds right to left, which is RFC 6962's split at the largest power of
 * two below n.
 */
export const merkleRootOf = <T>(
  items: Iterable<T>,
  leafOf: (item: T) => string,
  algorithm: HashAlgorithm = "sha256",
): string => {
  const stack: { hash: string; size: number }[] = [];
  for (const item of items) {
    let top = { hash: leafOf(item), size: 1 };
    for (let below = stack.at(-1); below !== undefined && below.size === top.size; below = stack.at(-1)) {
      stack.pop();
      top = { hash: nodeHash(algorithm, below.hash, top.hash), size: below.size * 2 };
    }
    stack.push(top);
  }
  let root = stack.pop();
  if (root === undefined) return hashWith(algorithm).toString("hex");
  for (let left = stack.pop(); left !== undefined; left = stack.pop())
    root = { hash: nodeHash(algorithm, left.hash, root.hash), size: left.size + root.size };
  return root.hash;
};

/** The root over leaves[from, to) (non-empty), without copying the leaves. */
const rootOf = (
  algorithm: HashAlgorithm,
  leaves: ReadonlyArray<string>,
  from: number,
  to: number,
): string => {
  if (to - from === 1) return leaves[from]!;
  const k = split(to - from);
  return nodeHash(
    algorithm,
    rootOf(algorithm, leaves, from, from + k),
    rootOf(algorithm, leaves, from + k, to),
  );
};

/** The audit path of leaf `index`: sibling hashes from the bottom up. */
export const auditPath = (
  leaves: ReadonlyArray<string>,
  index: number,
  algorithm: HashAlgorithm = "sha256",
): string[] => {
  if (index < 0 || index >= leaves.length)
    throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...auditPath(leaves.slice(0, k), index, algorithm), merkleRoot(leaves.slice(k), algorithm)]
    : [...auditPath(leaves.slice(k), index - k, algorithm), merkleRoot(leaves.slice(0, k), algorithm)];
};

/** Recompute the root from a leaf hash, its index, the tree size and its audit path. */
export const rootFromPath = (
  leaf: string,
  index: number,
  size: number,
  path: ReadonlyArray<string>,
  algorithm: HashAlgorithm = "sha256",
): string | undefined => {
  if (index < 0 || index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const sibling of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(algorithm, sibling, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = nodeHash(algorithm, r, sibling);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r : undefined;
};
