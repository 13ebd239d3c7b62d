import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Json } from "./envelope";
import { canonicalBytes, canonicalSlow, type HashInput } from "./hash-chain";

const text = fc.string({ unit: "binary" });
const input: fc.Arbitrary<HashInput> = fc.record({
  stream: text,
  revision: fc.nat(),
  id: text,
  type: text,
  schemaVersion: fc.integer({ min: 1, max: 9 }),
  data: fc.jsonValue() as fc.Arbitrary<Json>,
  metadata: fc.record({
    actor: fc.record({ unit: text, role: text, person: text }),
    commandId: text,
    commandType: text,
    correlationId: text,
    causationId: text,
    occurredAt: text,
    recordedAt: text,
    rulesVersion: text,
    prevHash: text,
  }),
});

describe("canonical bytes", () => {
  it("the direct path writes exactly what the RFC 8785 canonicaliser writes", () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(canonicalBytes(i)).toBe(canonicalSlow(i));
      }),
      { numRuns: 2000 },
    );
  });

  it("an envelope of another shape takes the general path", () => {
    fc.assert(
      fc.property(input, text, (i, extra) => {
        const odd = { ...i, metadata: { ...i.metadata, extra } } as HashInput;
        expect(canonicalBytes(odd)).toBe(canonicalSlow(odd));
        expect(canonicalBytes(odd)).toContain('"extra":');
      }),
      { numRuns: 200 },
    );
  });
});
