import { createHash } from "node:crypto";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditPath, leafHash, merkleRoot, merkleRootOf, rootFromPath } from "./merkle";

describe("RFC 6962 Merkle tree", () => {
  it("matches the RFC's definition on small trees", () => {
    const [a, b, c] = ["a", "b", "c"].map((leaf) => leafHash(leaf)) as [string, string, string];
    expect(merkleRoot([a])).toBe(a);
    // empty tree: SHA-256 of the empty string
    expect(merkleRoot([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const node = (l: string, r: string) =>
      createHash("sha256")
        .update(Uint8Array.of(1))
        .update(Buffer.from(l, "hex"))
        .update(Buffer.from(r, "hex"))
        .digest("hex");
    expect(merkleRoot([a, b, c])).toBe(node(node(a, b), c));
    expect(a).toBe(createHash("sha256").update(Uint8Array.of(0)).update("a").digest("hex"));
    expect(merkleRoot([a, b])).not.toBe(merkleRoot([b, a]));
  });

  it("every leaf's audit path leads to the root, and no other leaf's does", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 70 }), fc.nat(), (items, n) => {
        const leaves = items.map((s, i) => leafHash(`${i}:${s}`));
        const root = merkleRoot(leaves);
        const index = n % leaves.length;
        const path = auditPath(leaves, index);
        expect(rootFromPath(leaves[index]!, index, leaves.length, path)).toBe(root);
        expect(rootFromPath(leafHash("forged"), index, leaves.length, path)).not.toBe(root);
        if (leaves.length > 1) {
          const other = (index + 1) % leaves.length;
          expect(rootFromPath(leaves[index]!, other, leaves.length, path)).not.toBe(root);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the streaming root equals the recursive one for every tree size, SHA-256 and SM3", () => {
    for (const algorithm of ["sha256", "sm3"] as const) {
      const leaf = (item: string) => leafHash(item, algorithm);
      for (let n = 0; n <= 130; n++) {
        const items = Array.from({ length: n }, (_, i) => `item ${i}`);
        expect(merkleRootOf(items, leaf, algorithm)).toBe(merkleRoot(items.map(leaf), algorithm));
      }
      fc.assert(
        fc.property(fc.array(fc.string(), { maxLength: 600 }), (items) => {
          expect(merkleRootOf(items, leaf, algorithm)).toBe(merkleRoot(items.map(leaf), algorithm));
        }),
        { numRuns: 50 },
      );
    }
    expect(merkleRootOf(["a", "b", "c"], (i) => leafHash(i, "sm3"), "sm3")).not.toBe(
      merkleRootOf(["a", "b", "c"], (i) => leafHash(i)),
    );
  });
});
