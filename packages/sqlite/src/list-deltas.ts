/**
 * A large state of a growing kind (a workstream lists every element, a responsibility list every
 * performance) written against another version's state, list by list: each top-level list of the
 * state as a splice of the base's same list (`[prefix, suffix, ...middle]`: the base's first
 * `prefix` items, then `middle`, then its last `suffix`), every other field as it is, in the
 * state's key order. So writing a version costs its lists' comparison and the JSON of what
 * changed, not the JSON of every element at every version (read tables version 5 on).
 *
 * Every top-level array of a delta is a splice (an array in the state is always written as one),
 * so the form is unambiguous; the read side (`fromListDelta`) and the write side (`listDeltaOf`)
 * are this module's two functions.
 */

type Fields = Readonly<Record<string, unknown>>;

const isFields = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Deep equality of JSON values (states are plain data); the same reference is equal at once. */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !same((a as Fields)[k], (b as Fields)[k])) return false;
  return true;
};

/** `list` as a splice of `base`: its common prefix and suffix with it left out. */
const spliceOf = (base: ReadonlyArray<unknown>, list: ReadonlyArray<unknown>): unknown[] => {
  const most = Math.min(base.length, list.length);
  let prefix = 0;
  while (prefix < most && same(base[prefix], list[prefix])) prefix++;
  let suffix = 0;
  while (suffix < most - prefix && same(base[base.length - 1 - suffix], list[list.length - 1 - suffix]))
    suffix++;
  return [prefix, suffix, ...list.slice(prefix, list.length - suffix)];
};

/**
 * `state` as a delta against `base` (a value to encode as JSON), or undefined when a delta would
 * not pay: either is not an object, its lists hold fewer than `least` items, or the splices
 * would carry half of them or more.
 */
export const listDeltaOf = (base: unknown, state: unknown, least: number): Fields | undefined => {
  if (!isFields(base) || !isFields(state)) return undefined;
  const delta: Record<string, unknown> = {};
  let items = 0;
  let carried = 0;
  for (const [key, value] of Object.entries(state)) {
    if (!Array.isArray(value)) {
      delta[key] = value;
      continue;
    }
    const from = base[key];
    const splice = spliceOf(Array.isArray(from) ? from : [], value);
    items += value.length;
    carried += splice.length - 2;
    delta[key] = splice;
  }
  return items < least || carried * 2 >= items ? undefined : delta;
};

/** The state a delta (`listDeltaOf`, decoded from its JSON) against `base` stands for. */
export const fromListDelta = (base: unknown, delta: unknown): unknown => {
  if (!isFields(delta)) throw new TypeError("a list delta is an object");
  const from = isFields(base) ? base : {};
  const state: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(delta)) {
    if (!Array.isArray(value)) {
      state[key] = value;
      continue;
    }
    const list = Array.isArray(from[key]) ? (from[key] as ReadonlyArray<unknown>) : [];
    const prefix = value[0] as number;
    const suffix = value[1] as number;
    const out = list.slice(0, prefix);
    for (let i = 2; i < value.length; i++) out.push(value[i]);
    for (let i = list.length - suffix; i < list.length; i++) out.push(list[i]);
    state[key] = out;
  }
  return state;
};

/** Items `from` to `to` of `list`: a piece of a list that a chain of splices keeps. */
interface Run {
  readonly list: ReadonlyArray<unknown>;
  readonly from: number;
  readonly to: number;
}

/** Items `start` to `end` of the list `runs` stand for, as runs (no item copied). */
const cut = (runs: ReadonlyArray<Run>, start: number, end: number): Run[] => {
  const out: Run[] = [];
  let at = 0;
  for (const run of runs) {
    const lo = Math.max(start, at);
    const hi = Math.min(end, at + run.to - run.from);
    if (lo < hi) out.push({ list: run.list, from: run.from + lo - at, to: run.from + hi - at });
    at += run.to - run.from;
    if (at >= end) break;
  }
  return out;
};

const lengthOf = (runs: ReadonlyArray<Run>): number => runs.reduce((n, r) => n + r.to - r.from, 0);

/**
 * The state a chain of deltas stands for, each against the state before it (the first against
 * `base`): what `fromListDelta` applied to each in turn gives, but each list is built once at
 * the end instead of at every link. A chain of 16 over a workstream's thousands of elements was
 * 16 copies of them (and their garbage) for one state read.
 */
export const fromListDeltas = (base: unknown, deltas: ReadonlyArray<unknown>): unknown => {
  if (deltas.length === 0) return base;
  if (deltas.length === 1) return fromListDelta(base, deltas[0]);
  // each key of the state so far: a list as runs, or another value as it is
  let fields = new Map<string, { readonly runs: ReadonlyArray<Run> } | { readonly value: unknown }>();
  if (isFields(base))
    for (const [key, value] of Object.entries(base))
      fields.set(
        key,
        Array.isArray(value) ? { runs: [{ list: value, from: 0, to: value.length }] } : { value },
      );
  for (const delta of deltas) {
    if (!isFields(delta)) throw new TypeError("a list delta is an object");
    const next = new Map<string, { readonly runs: ReadonlyArray<Run> } | { readonly value: unknown }>();
    for (const [key, value] of Object.entries(delta)) {
      if (!Array.isArray(value)) {
        next.set(key, { value });
        continue;
      }
      const before = fields.get(key);
      const runs = before !== undefined && "runs" in before ? before.runs : [];
      const length = lengthOf(runs);
      const prefix = value[0] as number;
      const suffix = value[1] as number;
      next.set(key, {
        runs: [
          ...cut(runs, 0, prefix),
          ...(value.length > 2 ? [{ list: value, from: 2, to: value.length }] : []),
          ...cut(runs, length - suffix, length),
        ],
      });
    }
    fields = next;
  }
  const state: Record<string, unknown> = {};
  for (const [key, field] of fields) {
    if (!("runs" in field)) {
      state[key] = field.value;
      continue;
    }
    const out: unknown[] = [];
    for (const run of field.runs) for (let i = run.from; i < run.to; i++) out.push(run.list[i]);
    state[key] = out;
  }
  return state;
};
