import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Json } from "./envelope";
import { canonicalBytes, canonicalSlow, chainEvents, type HashInput, sha256Hex } from "./hash-chain";

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

describe("chainEvents", () => {
  it("seals each event with prevHash and the SHA-256 of its canonical bytes, whatever the metadata's shape", () => {
    fc.assert(
      fc.property(
        fc.array(input, { minLength: 1, maxLength: 4 }),
        fc.option(text, { nil: undefined }),
        (inputs, extra) => {
          const stream = inputs[0]!.stream;
          const first = inputs[0]!.revision;
          const unsealed = inputs.map(({ id, type, schemaVersion, data, metadata }) => {
            const { prevHash: _prevHash, ...rest } = metadata;
            return {
              id,
              type,
              schemaVersion,
              data,
              metadata: extra === undefined ? rest : { ...rest, extra },
            };
          });
          const sealed = chainEvents(stream, first, "genesis", unsealed as never);
          let prevHash = "genesis";
          sealed.forEach((event, i) => {
            const u = unsealed[i]!;
            const metadata = { ...u.metadata, prevHash };
            const hash = sha256Hex(
              canonicalSlow({ stream, revision: first + i, ...u, metadata } as HashInput),
            );
            expect(event).toStrictEqual({ ...u, metadata: { ...metadata, hash } });
            prevHash = hash;
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
