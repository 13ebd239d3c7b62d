import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { ledgerEvents } from "../catalog";
import { fastCheck, fastCheckVariants } from "./codec-fast-path";
import { type DomainEvent, defineEvent, EventRegistry } from "./codec-registry";
import type { Json } from "./envelope";
import { issuesOf } from "./io";
import { HazardFound, KERNEL_GOLDEN } from "./testing/hazard-found";
import { DateString } from "./values";

// biome-ignore lint/suspicious/noExplicitAny: codecs of any type
type AnyCodec = t.Type<any, any, unknown>;

/** What the registry answered before the fast path: always a full io-ts decode. */
const reference = (
  registry: EventRegistry<DomainEvent>,
  type: string,
  schemaVersion: number,
  data: unknown,
) => {
  const definition = registry.definitions().find((d) => d.type === type)!;
  let current = data as Json;
  for (let v = schemaVersion; v < definition.schemaVersion; v++)
    current = definition.upcasters[v - 1]!.up(current);
  const decoded = definition.codec.decode(current);
  return E.isRight(decoded)
    ? E.right({ type, data: decoded.right })
    : E.left(issuesOf(decoded.left).map((i) => ({ ...i, path: i.path ? `data.${i.path}` : "data" })));
};

/** Fast path and full decode agree: equal results, and a Right holds the very same data value. */
const agree = (registry: EventRegistry<DomainEvent>, type: string, schemaVersion: number, data: unknown) => {
  const fast = registry.decodeData(type, schemaVersion, data as Json);
  const full = reference(registry, type, schemaVersion, data);
  expect(fast).toStrictEqual(full);
  // Where decode returns the input itself, so does the fast path; where decode builds a new value, so must it.
  if (E.isRight(fast) && E.isRight(full))
    expect(Object.is(fast.right.data, data)).toBe(Object.is(full.right.data, data));
};

/**
 * Values of the custom and refined types, by name: a refinement whose inner values almost never
 * pass (a date-time from random strings) would otherwise make its filter loop for ever.
 */
const byName = (name: string): fc.Arbitrary<unknown> | undefined => {
  switch (name) {
    case "DateString":
      return fc
        .date({ min: new Date("2000-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case "DateTime":
    case "DateTimeString":
      return fc
        .date({ min: new Date("2000-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
        .map((d) => `${d.toISOString().slice(0, 19)}+08:00`);
    case "Base64":
      return fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString("base64"));
    case "PositionText":
      return fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);
    case "NonEmptyString":
      return fc.string({ minLength: 1, maxLength: 8 });
    case "Code":
      return fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/);
    default:
      return undefined;
  }
};

/** Values a codec accepts (mostly), built from its structure; custom types by name. */
const arbitraryOf = (codec: AnyCodec, depth = 0): fc.Arbitrary<unknown> => {
  if (depth > 6) return fc.jsonValue();
  const c = codec as AnyCodec & Record<string, unknown>;
  if (codec instanceof t.StringType) return fc.string({ maxLength: 8 });
  if (codec instanceof t.NumberType) return fc.oneof(fc.integer(), fc.double());
  if (codec instanceof t.BooleanType) return fc.boolean();
  if (codec instanceof t.NullType) return fc.constant(null);
  if (codec instanceof t.UndefinedType) return fc.constant(undefined);
  if (codec instanceof t.UnknownType) return fc.jsonValue();
  if (codec instanceof t.LiteralType) return fc.constant(c.value);
  if (codec instanceof t.KeyofType) return fc.constantFrom(...Object.keys(c.keys as object));
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    const props = c.props as Record<string, AnyCodec>;
    const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryOf(v, depth + 1)]));
    return codec instanceof t.InterfaceType ? fc.record(model) : fc.record(model, { requiredKeys: [] });
  }
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType)
    return fc.array(arbitraryOf(c.type as AnyCodec, depth + 1), { maxLength: 3 });
  if (codec instanceof t.ReadonlyType || codec instanceof t.ExactType)
    return arbitraryOf(c.type as AnyCodec, depth + 1);
  if (codec instanceof t.RefinementType) {
    const named = byName(codec.name);
    if (named !== undefined)
      return fc.oneof(
        { arbitrary: named, weight: 4 },
        { arbitrary: arbitraryOf(c.type as AnyCodec, depth + 1), weight: 1 },
      );
    const inner = arbitraryOf(c.type as AnyCodec, depth + 1);
    const predicate = c.predicate as (a: unknown) => boolean;
    // Mostly values that pass, sometimes ones that do not.
    return fc.oneof(
      { arbitrary: inner.filter((a) => codec.is(a) && predicate(a)), weight: 4 },
      { arbitrary: inner, weight: 1 },
    );
  }
  if (codec instanceof t.IntersectionType)
    return fc
      .tuple(...(c.types as AnyCodec[]).map((m) => arbitraryOf(m, depth + 1)))
      .map((parts) =>
        parts.every((p) => p !== null && typeof p === "object" && !Array.isArray(p))
          ? Object.assign({}, ...parts)
          : parts[0],
      );
  if (codec instanceof t.UnionType)
    return fc.oneof(...(c.types as AnyCodec[]).map((m) => arbitraryOf(m, depth + 1)));
  if (codec instanceof t.TupleType)
    return fc.tuple(...(c.types as AnyCodec[]).map((m) => arbitraryOf(m, depth + 1)));
  return byName(codec.name) ?? fc.oneof(fc.string(), fc.jsonValue());
};

/** A value with one field (at any depth) removed or replaced by anything. */
const mutated = (value: unknown): fc.Arbitrary<unknown> => {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    if (v === null || typeof v !== "object") return;
    for (const k of Object.keys(v)) {
      paths.push([...path, k]);
      walk((v as Record<string, unknown>)[k], [...path, k]);
    }
  };
  walk(value, []);
  if (paths.length === 0) return fc.anything();
  return fc
    .tuple(fc.constantFrom(...paths), fc.oneof(fc.constant(undefined), fc.anything()), fc.boolean())
    .map(([path, replacement, remove]) => {
      const copy = structuredClone(value) as Record<string, unknown>;
      let at = copy;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
      const last = path[path.length - 1]!;
      if (remove && !Array.isArray(at)) delete at[last];
      else at[last] = replacement;
      return copy;
    });
};

const withMutations = (codec: AnyCodec) =>
  arbitraryOf(codec).chain((valid) =>
    fc.oneof(fc.constant(valid), mutated(valid), fc.anything(), fc.jsonValue()),
  );

// Codecs where `is` and decode part ways, or decode builds a new value.
const Trimmed = new t.Type<string, string, unknown>(
  "Trimmed",
  (u): u is string => typeof u === "string",
  (u, c) => (typeof u === "string" ? t.success(u.trim()) : t.failure(u, c)),
  t.identity,
);
const tricky: Record<string, AnyCodec> = {
  weakIs: t.type({ day: DateString, at: t.string }),
  customIsTooWeak: t.type({
    d: new t.Type<string, string, unknown>(
      "LooseIs",
      (u): u is string => typeof u === "string",
      (u, c) => (u === "ok" ? t.success(u) : t.failure(u, c)),
      t.identity,
    ),
  }),
  trimmed: t.type({ name: Trimmed }),
  unionOfInexact: t.union([t.type({ a: Trimmed }), t.type({ a: t.string })]),
  unionOfExact: t.union([t.type({ a: t.number }), t.type({ a: t.string }), t.null]),
  tagged: t.union([
    t.type({ kind: t.literal("a"), x: t.number }),
    t.type({ kind: t.literal("a"), x: t.string }),
    t.type({ kind: t.literal("b") }),
  ]),
  optionalRequired: t.type({ a: t.union([t.string, t.undefined]) }),
  partial: t.partial({ a: t.string, b: t.union([t.number, t.undefined]), c: Trimmed }),
  intersection: t.intersection([t.type({ a: t.string }), t.partial({ b: t.number })]),
  exact: t.exact(t.type({ a: t.string })),
  arrays: t.readonlyArray(t.array(t.union([t.number, t.string]))),
  refined: t.refinement(t.array(t.number), (xs) => xs.length > 0, "NonEmpty"),
  int: t.type({ n: t.Int }),
  tuple: t.tuple([t.string, t.number]),
  record: t.record(t.string, t.number),
  unknown: t.unknown,
};

describe("decode fast path", () => {
  const ledger = ledgerEvents as unknown as EventRegistry<DomainEvent>;

  it.each(ledgerEvents.definitions().map((d) => [d.type, d] as const))(
    "%s: fast path and full decode agree on generated, mutated and arbitrary data",
    (type, definition) => {
      fc.assert(
        fc.property(withMutations(definition.codec), (data) =>
          agree(ledger, type, definition.schemaVersion, data),
        ),
        { numRuns: 60 },
      );
    },
  );

  it("generated data of the ledger's events mostly takes the fast path (the test exercises it)", () => {
    let fast = 0;
    let valid = 0;
    for (const d of ledgerEvents.definitions()) {
      const check = fastCheck(d.codec);
      for (const data of fc.sample(arbitraryOf(d.codec), { numRuns: 20, seed: 7 })) {
        if (E.isRight(d.codec.decode(data))) valid++;
        if (check?.(data)) fast++;
      }
    }
    expect(valid).toBeGreaterThan(0);
    expect(fast).toBeGreaterThan(valid / 2);
  });

  it("golden files of every version decode the same with and without the fast path", () => {
    const golden = KERNEL_GOLDEN;
    const registry = EventRegistry.of(HazardFound) as unknown as EventRegistry<DomainEvent>;
    const files = readdirSync(golden).filter((f) => f.startsWith("HazardFound."));
    expect(files).toHaveLength(3);
    for (const file of files) {
      const { type, schemaVersion, data } = JSON.parse(readFileSync(join(golden, file), "utf8"));
      agree(registry, type, schemaVersion, data);
      fc.assert(
        fc.property(mutated(data), (m) => agree(registry, type, schemaVersion, m)),
        { numRuns: 100 },
      );
    }
    const current = JSON.parse(readFileSync(join(golden, "HazardFound.v3.json"), "utf8"));
    const fast = registry.decodeData("HazardFound", 3, current.data);
    expect(E.isRight(fast) && fast.right.data).toBe(current.data);
  });

  it.each(Object.entries(tricky))("%s: true only when decode returns the very same value", (_, codec) => {
    const check = fastCheck(codec);
    const registry = EventRegistry.of(defineEvent("X", codec)) as unknown as EventRegistry<DomainEvent>;
    fc.assert(
      fc.property(withMutations(codec), (u) => {
        if (check?.(u)) {
          const decoded = codec.decode(u);
          // Object.is: NaN is "the very same value" as itself.
          expect(E.isRight(decoded) && Object.is(decoded.right, u)).toBe(true);
        }
        agree(registry, "X", 1, u);
      }),
      { numRuns: 300 },
    );
  });

  it("is decided per codec: transforming codecs get none", () => {
    expect(fastCheck(t.exact(t.type({ a: t.string })))).toBeUndefined();
    expect(fastCheck(t.type({ a: t.string }))).toBeDefined();
    expect(fastCheck(t.intersection([t.type({ a: t.string }), t.partial({ b: t.number })]))).toBeDefined();
  });
});

describe("generated fast check", () => {
  const codecs: ReadonlyArray<readonly [string, AnyCodec]> = [
    ...ledgerEvents.definitions().map((d) => [d.type, d.codec as AnyCodec] as const),
    ...Object.entries(tricky),
  ];

  it.each(codecs)("%s: answers as the closures do", (_, codec) => {
    const variants = fastCheckVariants(codec);
    if (variants === undefined) return;
    fc.assert(
      fc.property(withMutations(codec), (u) => {
        expect(variants.generated(u)).toBe(variants.compiled(u));
      }),
      { numRuns: 100 },
    );
  });
});
