/** Describing io-ts codecs in words, so the docs of events and commands are generated from them. */
import type * as t from "io-ts";

export interface FieldDoc {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
}

type AnyCodec = t.Type<unknown, unknown, unknown> & { readonly _tag?: string };

const inner = (codec: AnyCodec): Record<string, unknown> => codec as unknown as Record<string, unknown>;

/** A TypeScript-like rendering of a codec's type, e.g. `Array<string>` or `"general" | "major"`. */
export const describeType = (codec: AnyCodec): string => {
  const c = inner(codec);
  switch (codec._tag) {
    case "StringType":
      return "string";
    case "NumberType":
      return "number";
    case "BooleanType":
      return "boolean";
    case "NullType":
      return "null";
    case "UnknownType":
      return "any JSON";
    case "LiteralType":
      return JSON.stringify(c.value);
    case "KeyofType":
      return Object.keys(c.keys as object)
        .map((k) => JSON.stringify(k))
        .join(" | ");
    case "ArrayType":
    case "ReadonlyArrayType":
      return `Array<${describeType(c.type as AnyCodec)}>`;
    case "ReadonlyType":
    case "ExactType":
      return describeType(c.type as AnyCodec);
    case "RefinementType":
      return codec.name;
    case "UnionType":
      return (c.types as AnyCodec[]).map(describeType).join(" | ");
    case "TupleType":
      return `[${(c.types as AnyCodec[]).map(describeType).join(", ")}]`;
    case "InterfaceType":
    case "PartialType":
    case "IntersectionType":
      return `{ ${describeFields(codec)
        .map((f) => `${f.name}${f.required ? "" : "?"}: ${f.type}`)
        .join("; ")} }`;
    case "DictionaryType":
      return `Record<${describeType(c.domain as AnyCodec)}, ${describeType(c.codomain as AnyCodec)}>`;
    default:
      return codec.name;
  }
};

/** The fields of an object codec (type, partial, intersections of them, readonly/exact wrappers). */
export const describeFields = (codec: AnyCodec): FieldDoc[] => {
  const c = inner(codec);
  switch (codec._tag) {
    case "InterfaceType":
    case "PartialType":
      return Object.entries(c.props as Record<string, AnyCodec>).map(([name, type]) => ({
        name,
        type: describeType(type),
        required: codec._tag === "InterfaceType",
      }));
    case "IntersectionType":
      return (c.types as AnyCodec[]).flatMap(describeFields);
    case "ReadonlyType":
    case "ExactType":
    case "RefinementType":
      return describeFields(c.type as AnyCodec);
    default:
      return [];
  }
};

/** A leaf of a codec's data: its dotted path (`[]` for an array's items) and its type in words. */
export interface FieldPath {
  readonly path: string;
  readonly type: string;
}

/** The object codecs a field's codec may hold: itself, a union's members, an array's items. */
const objectParts = (
  codec: AnyCodec,
): ReadonlyArray<{ readonly suffix: string; readonly codec: AnyCodec }> => {
  const c = inner(codec);
  switch (codec._tag) {
    case "InterfaceType":
    case "PartialType":
    case "IntersectionType":
      return [{ suffix: "", codec }];
    case "ReadonlyType":
    case "ExactType":
    case "RefinementType":
      return objectParts(c.type as AnyCodec);
    case "UnionType":
      return (c.types as AnyCodec[]).flatMap(objectParts);
    case "ArrayType":
    case "ReadonlyArrayType":
      return objectParts(c.type as AnyCodec).map((p) => ({ ...p, suffix: `[]${p.suffix}` }));
    default:
      return [];
  }
};

/** The props of an object codec, by field name (type, partial, intersections, wrappers). */
const propsOf = (codec: AnyCodec): ReadonlyArray<readonly [string, AnyCodec]> => {
  const c = inner(codec);
  switch (codec._tag) {
    case "InterfaceType":
    case "PartialType":
      return Object.entries(c.props as Record<string, AnyCodec>);
    case "IntersectionType":
      return (c.types as AnyCodec[]).flatMap(propsOf);
    case "ReadonlyType":
    case "ExactType":
    case "RefinementType":
      return propsOf(c.type as AnyCodec);
    default:
      return [];
  }
};

/**
 * Every path of an object codec's data, nested objects and arrays of objects included
 * (`principal.name`, `casualties[].idNumber`), each object path as well as its leaves.
 */
export const fieldPaths = (codec: AnyCodec, prefix = ""): FieldPath[] => {
  const seen = new Set<string>();
  const paths: FieldPath[] = [];
  for (const [name, field] of propsOf(codec)) {
    const path = `${prefix}${name}`;
    if (!seen.has(path)) {
      seen.add(path);
      paths.push({ path, type: describeType(field) });
    }
    for (const part of objectParts(field))
      for (const nested of fieldPaths(part.codec, `${path}${part.suffix}.`))
        if (!seen.has(nested.path)) {
          seen.add(nested.path);
          paths.push(nested);
        }
  }
  return paths;
};
