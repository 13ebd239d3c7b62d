/**
 * A cheaper way to decode stored data that is already what its codec describes. For a codec
 * whose decoded form is its JSON form (io-ts `type`, `partial`, `array`, `readonly`,
 * `intersection`, `union`, refinements and primitives, and custom types whose `encode` is
 * `t.identity`), `decode(u)` of valid data returns `u` itself. `fastCheck` compiles, once per
 * codec, a test that answers `true` only when `decode(u)` would be `Right(u)` (same
 * reference), without building io-ts contexts and results for every field. When it answers
 * `false` the caller decodes as usual (which also gives the error with its paths).
 *
 * Primitives, literals and keyofs are tested with `is` (the same test their `validate` runs);
 * anything else that is not a known combinator (a custom `t.Type`, `exact`, records, tuples,
 * tagged unions) is tested with its own `validate` and the result compared with the input.
 */
import * as t from "io-ts";

/** `true`: decode returns Right of the very same value. `false`: decode as usual. */
export type FastCheck = (u: unknown) => boolean;

interface Compiled {
  readonly check: FastCheck;
  /** `check` false also means `validate` fails (needed to test a union's members in turn). */
  readonly exact: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: codecs of any type
type AnyCodec = t.Type<any, any, unknown>;

const CONTEXT: t.Context = [];
const hasOwn = Object.prototype.hasOwnProperty;
const isRecord = (u: unknown): u is Record<string, unknown> =>
  u !== null && typeof u === "object" && !Array.isArray(u);

/** Is the codec's encoded form its decoded form, all the way down? Decided from its structure. */
const isIdentity = (codec: AnyCodec): boolean => {
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType)
    return Object.values(codec.props as Record<string, AnyCodec>).every(isIdentity);
  if (codec instanceof t.IntersectionType || codec instanceof t.UnionType)
    return (codec.types as AnyCodec[]).every(isIdentity);
  if (
    codec instanceof t.ArrayType ||
    codec instanceof t.ReadonlyArrayType ||
    codec instanceof t.ReadonlyType ||
    codec instanceof t.RefinementType
  )
    return isIdentity(codec.type as AnyCodec);
  if (codec instanceof t.ExactType) return false;
  return codec.encode === t.identity;
};

/** The codec's own validate, compared with its input. Sound for any codec. */
const byValidate = (codec: AnyCodec): Compiled => ({
  check: (u) => {
    const r = codec.validate(u, CONTEXT);
    return r._tag === "Right" && r.right === u;
  },
  exact: false,
});

const compile = (codec: AnyCodec): Compiled => {
  if (
    codec instanceof t.StringType ||
    codec instanceof t.NumberType ||
    codec instanceof t.BooleanType ||
    codec instanceof t.NullType ||
    codec instanceof t.UndefinedType ||
    codec instanceof t.UnknownType ||
    codec instanceof t.LiteralType ||
    codec instanceof t.KeyofType
  )
    return { check: codec.is, exact: true };

  if (codec instanceof t.InterfaceType) {
    const props = codec.props as Record<string, AnyCodec>;
    const keys = Object.keys(props);
    const children = keys.map((k) => compile(props[k]!));
    const checks = children.map((c) => c.check);
    const n = keys.length;
    return {
      check: (u) => {
        if (!isRecord(u)) return false;
        for (let i = 0; i < n; i++) {
          const k = keys[i]!;
          const v = u[k];
          // A missing key is filled in by decode (a new object): not the same value. So is a
          // NaN field (decode compares fields with !==).
          if ((v === undefined && !hasOwn.call(u, k)) || Number.isNaN(v) || !checks[i]!(v)) return false;
        }
        return true;
      },
      exact: children.every((c) => c.exact && !c.check(undefined)),
    };
  }

  if (codec instanceof t.PartialType) {
    const props = codec.props as Record<string, AnyCodec>;
    const keys = Object.keys(props);
    const children = keys.map((k) => compile(props[k]!));
    const checks = children.map((c) => c.check);
    // An undefined field stays as it is when its codec rejects undefined or decodes it to undefined.
    const undefinedKept = keys.map((k) => {
      const r = props[k]!.validate(undefined, CONTEXT);
      return r._tag === "Left" || r.right === undefined;
    });
    const n = keys.length;
    return {
      check: (u) => {
        if (!isRecord(u)) return false;
        for (let i = 0; i < n; i++) {
          const v = u[keys[i]!];
          if (v === undefined ? !undefinedKept[i] : Number.isNaN(v) || !checks[i]!(v)) return false;
        }
        return true;
      },
      exact: children.every((c) => c.exact) && undefinedKept.every(Boolean),
    };
  }

  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) {
    const item = compile(codec.type as AnyCodec);
    const check = item.check;
    return {
      check: (u) => {
        if (!Array.isArray(u)) return false;
        for (let i = 0; i < u.length; i++) {
          const v = u[i];
          if (Number.isNaN(v) || !check(v)) return false;
        }
        return true;
      },
      exact: item.exact,
    };
  }

  if (codec instanceof t.ReadonlyType) return compile(codec.type as AnyCodec);

  if (codec instanceof t.RefinementType) {
    const inner = compile(codec.type as AnyCodec);
    const check = inner.check;
    const predicate = codec.predicate as (a: unknown) => boolean;
    return { check: (u) => check(u) && predicate(u), exact: inner.exact };
  }

  if (codec instanceof t.IntersectionType) {
    const members = (codec.types as AnyCodec[]).map(compile);
    if (members.length === 0) return byValidate(codec);
    const checks = members.map((m) => m.check);
    return {
      check: (u) => {
        for (const check of checks) if (!check(u)) return false;
        return true;
      },
      exact: members.every((m) => m.exact),
    };
  }

  // Untagged unions only: a tagged union tries one member chosen by its tag.
  if (codec instanceof t.UnionType && (codec as { tag?: string }).tag === undefined) {
    const members = (codec.types as AnyCodec[]).map(compile);
    return {
      check: (u) => {
        // The first member that validates decides; a member's `false` may only be passed
        // over when it means that member fails.
        for (const m of members) {
          if (m.check(u)) return true;
          if (!m.exact) return false;
        }
        return false;
      },
      exact: members.every((m) => m.exact),
    };
  }

  return byValidate(codec);
};

/**
 * The same test as `compile`'s, generated as the source of one function per codec. The closures
 * above share their call sites across every codec in the process (megamorphic calls, keyed
 * loads); a function of its own per codec reads each field by its name and tests primitives
 * inline: about three times faster on a fold. Where the source can name no test (a custom type,
 * a refinement's predicate, a keyof), it calls the closure from `externals`.
 */
const generate = (codec: AnyCodec): FastCheck => {
  const externals: unknown[] = [];
  let names = 0;
  const external = (f: unknown): string => {
    externals.push(f);
    return `x[${externals.length - 1}]`;
  };
  const fail = (condition: string) => `if (${condition}) return false;\n`;
  const record = (v: string) => fail(`${v} === null || typeof ${v} !== "object" || Array.isArray(${v})`);

  /** Statements that return false unless the value in variable `v` passes. */
  const statements = (c: AnyCodec, v: string): string => {
    if (c instanceof t.StringType) return fail(`typeof ${v} !== "string"`);
    if (c instanceof t.NumberType) return fail(`typeof ${v} !== "number"`);
    if (c instanceof t.BooleanType) return fail(`typeof ${v} !== "boolean"`);
    if (c instanceof t.NullType) return fail(`${v} !== null`);
    if (c instanceof t.UndefinedType) return fail(`${v} !== undefined`);
    if (c instanceof t.UnknownType) return "";
    if (c instanceof t.LiteralType && (typeof c.value !== "number" || Number.isFinite(c.value)))
      return fail(`${v} !== ${JSON.stringify(c.value)}`);
    if (c instanceof t.LiteralType || c instanceof t.KeyofType) return fail(`!${external(c.is)}(${v})`);

    if (c instanceof t.InterfaceType || c instanceof t.PartialType) {
      const props = c.props as Record<string, AnyCodec>;
      let out = record(v);
      for (const [k, prop] of Object.entries(props)) {
        const f = `v${names++}`;
        const key = JSON.stringify(k);
        const child = statements(prop, f);
        if (c instanceof t.InterfaceType)
          // A missing key is filled in by decode (a new object), so is a NaN field: see `compile`.
          out += `{ const ${f} = ${v}[${key}];\n${fail(`(${f} === undefined && !hasOwn.call(${v}, ${key})) || ${f} !== ${f}`)}${child}}\n`;
        else {
          const r = prop.validate(undefined, CONTEXT);
          const undefinedKept = r._tag === "Left" || r.right === undefined;
          out += `{ const ${f} = ${v}[${key}];\nif (${f} === undefined) { ${undefinedKept ? "" : "return false;"} } else {\n${fail(`${f} !== ${f}`)}${child}}}\n`;
        }
      }
      return out;
    }

    if (c instanceof t.ArrayType || c instanceof t.ReadonlyArrayType) {
      const i = `i${names++}`;
      const item = `v${names++}`;
      return `${fail(`!Array.isArray(${v})`)}for (let ${i} = 0; ${i} < ${v}.length; ${i}++) { const ${item} = ${v}[${i}];\n${fail(`${item} !== ${item}`)}${statements(c.type as AnyCodec, item)}}\n`;
    }

    if (c instanceof t.ReadonlyType) return statements(c.type as AnyCodec, v);

    if (c instanceof t.RefinementType)
      return `${statements(c.type as AnyCodec, v)}${fail(`!${external(c.predicate)}(${v})`)}`;

    if (c instanceof t.IntersectionType && (c.types as AnyCodec[]).length > 0)
      return (c.types as AnyCodec[]).map((m) => statements(m, v)).join("");

    if (c instanceof t.UnionType && (c as { tag?: string }).tag === undefined) {
      // As `compile`: members in turn, up to the first whose `false` does not mean it fails.
      const members = c.types as AnyCodec[];
      const tried: string[] = [];
      for (const m of members) {
        tried.push(`${external(generate(m))}(${v})`);
        if (!compile(m).exact) break;
      }
      return fail(`!(${tried.join(" || ")})`);
    }

    return fail(`!${external(byValidate(c).check)}(${v})`);
  };

  const body = `${statements(codec, "u")}return true;`;
  return new Function("x", "hasOwn", `"use strict"; return function fastCheck(u) {\n${body}\n};`)(
    externals,
    hasOwn,
  ) as FastCheck;
};

/** The generated test, or the closures where generating code is not allowed (a CSP, say). */
const generatedOrCompiled = (codec: AnyCodec): FastCheck => {
  try {
    return generate(codec);
  } catch {
    return compile(codec).check;
  }
};

/**
 * The fast test for a codec, or undefined when its decoded form is not its JSON form (then
 * there is nothing to gain: decode builds a new value anyway).
 */
export const fastCheck = (codec: AnyCodec): FastCheck | undefined =>
  isIdentity(codec) ? generatedOrCompiled(codec) : undefined;

/** Both tests, for the test that the generated one answers as the closures do. */
export const fastCheckVariants = (codec: AnyCodec) =>
  isIdentity(codec) ? { generated: generate(codec), compiled: compile(codec).check } : undefined;
