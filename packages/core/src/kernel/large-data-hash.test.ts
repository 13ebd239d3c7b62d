/** Data with a very long array (a seal's heads) is hashed in pieces: the same hash as whole. */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Json, StoredEvent } from "./envelope";
import { canonicalBytes, GENESIS_HASH, recomputeHash, sha256Hex } from "./hash-chain";

const eventWith = (data: Json): StoredEvent => ({
  stream: "ledger-seal",
  revision: 3,
  position: 1_000_004n,
  id: "0190c0de-0000-7000-8000-000000000009",
  type: "LedgerSealed",
  schemaVersion: 1,
  data,
  metadata: {
    actor: { unit: "GY-EMB", role: "office", person: "Auditor" },
    commandId: "c",
    commandType: "SealLedger",
    correlationId: "c",
    causationId: "c",
    occurredAt: "2023-01-01T00:00:00+08:00",
    recordedAt: "2023-01-01T00:00:00.000Z",
    rulesVersion: "test",
    prevHash: GENESIS_HASH,
    hash: "",
  },
});

const wholeHash = (event: StoredEvent): string => {
  const { hash: _hash, ...metadata } = event.metadata;
  return sha256Hex(canonicalBytes({ ...event, metadata }));
};

const heads = (n: number, tag: string): Json =>
  Array.from({ length: n }, (_, i) => [
    `hazard-H-${tag}-${i}`,
    i % 7,
    (i * 2654435761).toString(16).padStart(64, "0"),
  ]);

describe("hashing data that holds a very long array", () => {
  it("a seal's heads: the hash in pieces is the hash of the whole canonical text", () => {
    const data = {
      position: "1000000",
      streams: 30_000,
      root: "ab".repeat(32),
      heads: heads(30_000, 'é"\\'),
      previousRoot: null,
    };
    expect(recomputeHash(eventWith(data))).toBe(wholeHash(eventWith(data)));
  });

  it("any long array, at the top or under a key, next to any other values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 10_001, maxLength: 10_050 }),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
        fc.string(),
        (long, rest, key) => {
          for (const data of [long, { ...rest, [key]: long }] as Json[])
            expect(recomputeHash(eventWith(data))).toBe(wholeHash(eventWith(data)));
        },
      ),
      { numRuns: 4 },
    );
  });
});
