import canonicalize from "canonicalize";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Json, StoredEvent } from "./envelope";
import {
  ChainVerifier,
  canonicalBytes,
  canonicalSlow,
  chainCommandEvents,
  chainEvents,
  type HashInput,
  recomputeHash,
  SHA256_CHAIN,
  SM3_CHAIN,
  sha256Hex,
  storedDataText,
  withDataText,
} from "./hash-chain";

/** Any text, or (as most real metadata is) text with nothing to escape. */
const text = fc.oneof(fc.string({ unit: "binary" }), fc.stringMatching(/^[\w :.+-]*$/));
const anyInput: fc.Arbitrary<HashInput> = fc.record({
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

/** Correlation and causation ids are often the command id itself (the writer's shortcut for them). */
const input: fc.Arbitrary<HashInput> = fc
  .tuple(anyInput, fc.boolean(), fc.boolean())
  .map(([i, sameCorrelation, sameCausation]) => ({
    ...i,
    metadata: {
      ...i.metadata,
      ...(sameCorrelation ? { correlationId: i.metadata.commandId } : {}),
      ...(sameCausation ? { causationId: i.metadata.commandId } : {}),
    },
  }));

describe("canonical bytes", () => {
  it("the direct path writes exactly what the RFC 8785 canonicaliser writes", () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(canonicalBytes(i)).toBe(canonicalSlow(i));
      }),
      { numRuns: 2000 },
    );
  });

  it("data whose keys are already in sorted order (written by JSON.stringify) gives the canonicaliser's bytes", () => {
    const sorted = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sorted);
      if (typeof value !== "object" || value === null) return value;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) out[key] = sorted((value as Record<string, unknown>)[key]);
      return out;
    };
    const data = fc.oneof(
      fc.jsonValue().map(sorted),
      fc.record({
        a: fc.double({ noNaN: true, noDefaultInfinity: true }),
        b: fc.string({ unit: "binary" }),
        c: fc.array(fc.integer()),
      }),
      fc.constantFrom<unknown>(
        { "1": 0, "10": 1, "9": 2 },
        { a: -0, b: 1e21, c: 5e-7 },
        { a: undefined, b: 1 },
      ),
    );
    fc.assert(
      fc.property(input, data, (i, d) => {
        const withData = { ...i, data: d as Json };
        expect(canonicalBytes(withData)).toBe(canonicalSlow(withData));
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

  it("envelopes that repeat some fields of the one before (the writer remembers their quoted form) are written exactly", () => {
    fc.assert(
      fc.property(input, input, fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), (i, j, keep) => {
        const mixed: HashInput = {
          ...j,
          stream: keep[0] ? i.stream : j.stream,
          type: keep[1] ? i.type : j.type,
          metadata: {
            ...j.metadata,
            actor: {
              person: keep[2] ? i.metadata.actor.person : j.metadata.actor.person,
              role: keep[3] ? i.metadata.actor.role : j.metadata.actor.role,
              unit: keep[4] ? i.metadata.actor.unit : j.metadata.actor.unit,
            },
            commandType: keep[5] ? i.metadata.commandType : j.metadata.commandType,
            occurredAt: keep[6] ? i.metadata.occurredAt : j.metadata.occurredAt,
            recordedAt: keep[7] ? i.metadata.recordedAt : j.metadata.recordedAt,
            rulesVersion: keep[8] ? i.metadata.rulesVersion : j.metadata.rulesVersion,
          },
        };
        for (const event of [i, mixed, mixed, i, j]) expect(canonicalBytes(event)).toBe(canonicalSlow(event));
      }),
      { numRuns: 1000 },
    );
  });

  it("an actor object changed in place between two events is written as it is now", () => {
    fc.assert(
      fc.property(input, text, (i, person) => {
        const actor = { ...i.metadata.actor };
        const event = { ...i, metadata: { ...i.metadata, actor } };
        expect(canonicalBytes(event)).toBe(canonicalSlow(event));
        actor.person = person;
        expect(canonicalBytes(event)).toBe(canonicalSlow(event));
      }),
      { numRuns: 300 },
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

describe("chainCommandEvents", () => {
  it("seals one command's events exactly as chainEvents does, whatever the metadata's shape", () => {
    fc.assert(
      fc.property(
        input,
        fc.array(
          fc.record({ type: text, schemaVersion: fc.integer({ min: 1, max: 9 }), data: fc.jsonValue() }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.option(text, { nil: undefined }),
        (i, encoded, extra) => {
          const { prevHash: _prevHash, ...writer } = i.metadata;
          const metadata = (extra === undefined ? writer : { ...writer, extra }) as typeof writer;
          let n = 0;
          const ids = () => `${i.id}-${n++}`;
          const sealed = chainCommandEvents(i.stream, i.revision, "head", metadata, encoded as never, ids);
          const expected = chainEvents(
            i.stream,
            i.revision,
            "head",
            encoded.map((e, k) => ({
              ...(e as { type: string; schemaVersion: number; data: Json }),
              id: `${i.id}-${k}`,
              metadata,
            })),
          );
          expect(sealed).toStrictEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("recomputeHash", () => {
  it("gives the SHA-256 of the general canonicaliser's bytes of the event without its hash, whatever the metadata's shape", () => {
    fc.assert(
      fc.property(input, text, fc.option(text, { nil: undefined }), (i, hash, extra) => {
        const metadata = { ...i.metadata, hash, ...(extra === undefined ? {} : { extra }) };
        const event = { ...i, metadata, position: 1n } as unknown as StoredEvent;
        const { hash: _hash, ...withoutHash } = metadata;
        expect(recomputeHash(event)).toBe(
          sha256Hex(canonicalSlow({ ...i, metadata: withoutHash } as HashInput)),
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe("ChainVerifier", () => {
  it("holds no function of its own: a read keeps one per stream, so each stays small", () => {
    const verifier = new ChainVerifier("task-1");
    verifier.check({
      stream: "task-1",
      revision: 0,
      position: 1n,
      id: "e",
      type: "T",
      schemaVersion: 1,
      data: {},
      metadata: { prevHash: "x", hash: "y" },
    } as unknown as StoredEvent);
    expect(Object.values(verifier).filter((v) => typeof v === "function")).toStrictEqual([]);
  });
});

/** The writer's metadata of the usual shape, for chains built by hand. */
const WRITER_METADATA = {
  actor: { unit: "u", role: "r", person: "p" },
  causationId: "c",
  commandId: "c",
  commandType: "T",
  correlationId: "c",
  occurredAt: "2021-01-01T00:00:00+08:00",
  recordedAt: "2021-01-01T00:00:00+08:00",
  rulesVersion: "1",
};

describe("stored data text", () => {
  it("is the RFC 8785 canonicaliser's text of the data, and parses back to the data", () => {
    fc.assert(
      fc.property(fc.jsonValue() as fc.Arbitrary<Json>, (data) => {
        const stored = storedDataText(data);
        expect(`{"data":${stored}}`).toBe(canonicalize({ data }));
        expect(JSON.parse(stored)).toStrictEqual(JSON.parse(JSON.stringify(data)));
      }),
      { numRuns: 1000 },
    );
  });

  /** Unsorted keys, as a codec writes them: what a store kept before it kept the canonical text. */
  const shuffledKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(shuffledKeys);
    if (typeof value !== "object" || value === null) return value;
    const keys = Object.keys(value).reverse();
    return Object.fromEntries(keys.map((k) => [k, shuffledKeys((value as Record<string, unknown>)[k])]));
  };

  it("a check of an event read from any stored text gives the verdict of a check of its parsed data", () => {
    const sealedEvent = fc
      .tuple(input, fc.constantFrom(SHA256_CHAIN, SM3_CHAIN))
      .map(([{ stream, revision, id, type, schemaVersion, data, metadata }, chain]) => {
        const { prevHash: _p, ...writer } = metadata;
        const [sealed] = chainEvents(
          stream,
          revision,
          metadata.prevHash,
          [{ id, type, schemaVersion, data, metadata: writer }],
          chain,
        );
        return { ...sealed!, stream, revision, position: 1n } as StoredEvent;
      });
    // the text a store may hold: the hashed bytes, the old codec-order form, spaced, or another value
    const storedText = (event: StoredEvent) =>
      fc.oneof(
        fc.constant(storedDataText(event.data)),
        fc.constant(JSON.stringify(shuffledKeys(event.data))),
        fc.constant(JSON.stringify(event.data, null, 1)),
        (fc.jsonValue() as fc.Arbitrary<Json>).map(storedDataText),
        (fc.jsonValue() as fc.Arbitrary<Json>).map((other) => JSON.stringify(shuffledKeys(other))),
      );
    fc.assert(
      fc.property(
        sealedEvent.chain((event) => fc.tuple(fc.constant(event), storedText(event))),
        ([event, stored]) => {
          const from = new ChainVerifier(event.stream, event);
          const parsed = new ChainVerifier(event.stream, event);
          const viaText = from.check(withDataText({ ...event, data: JSON.parse(stored) as Json }, stored));
          const viaData = parsed.check({ ...event, data: JSON.parse(stored) as Json });
          expect(viaText).toStrictEqual(viaData);
          const sameValue = storedDataText(JSON.parse(stored) as Json) === storedDataText(event.data);
          expect(viaText.map((p) => p.kind)).toStrictEqual(sameValue ? [] : ["changed"]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("a ledger whose first rows are in the old form and later ones canonical verifies; a change among either is found", () => {
    const data = (i: number) => ({ z: i, a: { y: "广元", b: [i, 0.5] } });
    const count = 3_000;
    const sealed = chainEvents(
      "mixed-1",
      0,
      "0".repeat(64),
      Array.from({ length: count }, (_, i) => ({
        id: `e${i}`,
        type: "T",
        schemaVersion: 1,
        data: data(i),
        metadata: WRITER_METADATA,
      })),
    );
    // rows before 1,000 as written before (codec key order), later ones canonical; two changed
    const textOf = (i: number) => {
      const value = i === 700 || i === 2_500 ? { ...data(i), z: -1 } : data(i);
      return i < 1_000 ? JSON.stringify(value) : storedDataText(value);
    };
    const verifier = new ChainVerifier("mixed-1");
    const found: Array<[number, string]> = [];
    sealed.forEach((event, i) => {
      const text = textOf(i);
      const read = withDataText(
        { ...event, stream: "mixed-1", revision: i, position: BigInt(i + 1), data: JSON.parse(text) as Json },
        text,
      );
      for (const p of verifier.check(read)) found.push([p.revision, p.kind]);
    });
    expect(found).toStrictEqual([
      [700, "changed"],
      [2_500, "changed"],
    ]);
  });

  it("is not carried by a copy of the event with other data", () => {
    const data = { a: 1 };
    const text = storedDataText(data);
    const read = withDataText({ stream: "s-1", data } as unknown as StoredEvent, text);
    expect(Object.keys(read)).toStrictEqual(["stream", "data"]);
    const copy = { ...read, data: { a: 2 } };
    expect(Object.getOwnPropertySymbols(copy)).toStrictEqual([]);
  });

  it("a data text longer than a megabyte is hashed in pieces to the same hash", () => {
    const data = {
      rows: Array.from({ length: 40_000 }, (_, i) => ({ n: i, name: `行 ${i}`, z: "x".repeat(20) })),
    };
    const [sealed] = chainEvents("big-1", 0, "0".repeat(64), [
      { id: "e", type: "T", schemaVersion: 1, data, metadata: WRITER_METADATA },
    ]);
    const stored = storedDataText(data);
    expect(stored.length).toBeGreaterThan(1 << 20);
    const event = { ...sealed!, stream: "big-1", revision: 0, position: 1n } as StoredEvent;
    const read = (text: string) => withDataText({ ...event, data: JSON.parse(text) as Json }, text);
    expect(new ChainVerifier("big-1").check(read(stored))).toStrictEqual([]);
    const changed = stored.replace('"n":7,', '"n":8,');
    expect(new ChainVerifier("big-1").check(read(changed)).map((p) => p.kind)).toStrictEqual(["changed"]);
  });
});
