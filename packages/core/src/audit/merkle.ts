/**
 * Merkle trees as RFC 6962 (Certificate Transparency) defines them: leaf = H(0x00 ‖ leaf),
 * node = H(0x01 ‖ left ‖ right), the tree of n leaves split at the largest power of two below
 * n. Audit paths prove that a leaf is in a tree with a given root without the other leaves.
 */
import { createHash } from "node:crypto";

const hash = (...parts: ReadonlyArray<Uint8Array>): Buffer => {
  const h = createHash("sha256");
  for (const part of parts) h.update(part);
  return h.digest();
};

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

export const leafHash = (leaf: string): string => hash(LEAF, Buffer.from(leaf, "utf8")).toString("hex");

const nodeHash = (left: string, right: string): string =>
  hash(NODE, Buffer.from(left, "hex"), Buffer.from(right, "hex")).toString("hex");

/** The largest power of two strictly below n (n ≥ 2). */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** Root over leaf hashes (hex); the empty tree's root is H(""). */
export const merkleRoot = (leaves: ReadonlyArray<string>): string =>
  leaves.length === 0 ? hash().toString("hex") : rootOf(leaves, 0, leaves.length);

/**
 * The same root as `merkleRoot(items.map(leafOf))`, with the leaves made one at a time and
 * folded on a stack of complete subtrees (at most log2 n of them): a seal's hundreds of
 * thousands of leaves are never held together. Two subtrees of one size merge as they form;
 * at the end the stack folds right to left, which is RFC 6962's split at the largest power of
 * two below n.
 */
export const merkleRootOf = <T>(items: Iterable<T>, leafOf: (item: T) => string): string => {
  const stack: { hash: string; size: number }[] = [];
  for (const item of items) {
    let top = { hash: leafOf(item), size: 1 };
    for (let below = stack.at(-1); below !== undefined && below.size === top.size; below = stack.at(-1)) {
      stack.pop();
      top = { hash: nodeHash(below.hash, top.hash), size: below.size * 2 };
    }
    stack.push(top);
  }
  let root = stack.pop();
  if (root === undefined) return hash().toString("hex");
  for (let left = stack.pop(); left !== undefined; left = stack.pop())
    root = { hash: nodeHash(left.hash, root.hash), size: left.size + root.size };
  return root.hash;
};

/** The root over leaves[from, to) (non-empty), without copying the leaves. */
const rootOf = (leaves: ReadonlyArray<string>, from: number, to: number): string => {
  if (to - from === 1) return leaves[from]!;
  const k = split(to - from);
  return nodeHash(rootOf(leaves, from, from + k), rootOf(leaves, from + k, to));
};

/** The audit path of leaf `index`: sibling hashes from the bottom up. */
export const auditPath = (leaves: ReadonlyArray<string>, index: number): string[] => {
  if (index < 0 || index >= leaves.length)
    throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...auditPath(leaves.slice(0, k), index), merkleRoot(leaves.slice(k))]
    : [...auditPath(leaves.slice(k), index - k), merkleRoot(leaves.slice(0, k))];
};

/** Recompute the root from a leaf hash, its index, the tree size and its audit path. */
export const rootFromPath = (
  leaf: string,
  index: number,
  size: number,
  path: ReadonlyArray<string>,
): string | undefined => {
  if (index < 0 || index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const sibling of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(sibling, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = nodeHash(r, sibling);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r : undefined;
};
