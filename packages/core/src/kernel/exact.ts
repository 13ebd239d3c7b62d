/**
 * Exact shapes for outside input: io-ts object codecs let unknown keys through (and would carry
 * them into events and metadata). `unknownFields` walks a codec beside a value that it already
 * decoded and names every key the codec does not know, so a typo (`lateReson`) or a smuggled
 * key (`__proto__`) is a field error rather than silently stored or silently ignored.
 */
import type * as t from "io-ts";
import { type InputIssue, inputIssue } from "./errors";
import { reason } from "./input-issue-texts";

interface AnyCodec {
  readonly _tag?: string;
  readonly props?: Record<string, AnyCodec>;
  readonly types?: ReadonlyArray<AnyCodec>;
  readonly type?: AnyCodec;
  readonly codomain?: AnyCodec;
  is(u: unknown): boolean;
}

const WRAPPERS = new Set(["ReadonlyType", "RefinementType", "ExactType", "StrictType"]);

/** The known keys of an object codec (each with its codecs), or undefined when it is not one. */
const propsOf = (codec: AnyCodec): Map<string, AnyCodec[]> | undefined => {
  const tag = codec._tag ?? "";
  if (WRAPPERS.has(tag) && codec.type !== undefined) return propsOf(codec.type);
  if ((tag === "InterfaceType" || tag === "PartialType") && codec.props !== undefined)
    return new Map(Object.entries(codec.props).map(([k, c]) => [k, [c]]));
  if (tag === "IntersectionType" && codec.types !== undefined) {
    const merged = new Map<string, AnyCodec[]>();
    for (const member of codec.types) {
      const props = propsOf(member);
      if (props === undefined) return undefined; // an open member: any key may be its
      for (const [k, cs] of props) merged.set(k, [...(merged.get(k) ?? []), ...cs]);
    }
    return merged;
  }
  return undefined;
};

const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

const walk = (codec: AnyCodec, value: unknown, path: string, out: InputIssue[]): void => {
  const tag = codec._tag ?? "";
  if (WRAPPERS.has(tag) && codec.type !== undefined) {
    walk(codec.type, value, path, out);
    return;
  }
  if ((tag === "ArrayType" || tag === "ReadonlyArrayType") && codec.type !== undefined) {
    const item = codec.type;
    if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(item, v, join(path, String(i)), out);
    return;
  }
  if (tag === "UnionType" && codec.types !== undefined) {
    const branch = codec.types.find((member) => member.is(value));
    if (branch !== undefined) walk(branch, value, path, out);
    return;
  }
  if (tag === "DictionaryType" && codec.codomain !== undefined) {
    if (typeof value === "object" && value !== null)
      for (const [k, v] of Object.entries(value)) walk(codec.codomain, v, join(path, k), out);
    return;
  }
  const props = propsOf(codec);
  if (props === undefined || typeof value !== "object" || value === null || Array.isArray(value)) return;
  for (const key of Object.keys(value)) {
    const codecs = props.get(key);
    if (codecs === undefined) {
      const known = [...props.keys()];
      const names = `${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""}`;
      out.push(inputIssue(join(path, key), reason("INPUT_UNKNOWN_FIELD", { known: names })));
      continue;
    }
    for (const c of codecs) walk(c, (value as Record<string, unknown>)[key], join(path, key), out);
  }
};

/** The keys of `value` (at any depth) that `codec` has no field for; `value` must decode with it. */
export const unknownFields = (
  codec: t.Decoder<unknown, unknown>,
  value: unknown,
  path = "",
): InputIssue[] => {
  const out: InputIssue[] = [];
  walk(codec as unknown as AnyCodec, value, path, out);
  return out;
};
