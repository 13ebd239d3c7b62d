/**
 * Bitemporal state versions of one item (a task, an entity, a hazard…): the state "as of D,
 * known at T" is the fold, in stream order, of the item's events that occurred by D and were
 * recorded by T. A version holds one state from its business instant `validFrom` until the next
 * version's (the valid end is implied, so an in-order event adds one row), for the record
 * interval [recordedFrom, recordedTo). Versions are never changed: an event only ends record
 * intervals (or removes versions whose record interval it empties) and adds new versions.
 *
 * Instants are UTC milliseconds. Pure: a store keeps the versions, this module says how they
 * change when an event arrives.
 */
import { parseInstant } from "../../kernel/instant";
import { endOf } from "../../kernel/projection";

/** The open end of a record interval. */
export const FOREVER = Number.MAX_SAFE_INTEGER;
/** A bound that every instant is within (no `asOf` or no `knownAt`): still before `FOREVER`. */
export const UNBOUNDED = FOREVER - 1;

/**
 * An event's business instant. An unparsable one is only ever seen when no business date is
 * asked for (as `runProjections` without a slice sees every event).
 */
export const occurredInstant = (occurredAt: string): number => {
  const at = parseInstant(occurredAt);
  return Number.isNaN(at) ? UNBOUNDED : at;
};

/** An event's record instant. An unparsable one is kept by the as-known-at view: always known. */
export const recordedInstant = (recordedAt: string): number => {
  const at = parseInstant(recordedAt);
  return Number.isNaN(at) ? -FOREVER : at;
};

/** The instant a `asOf` or `knownAt` bound stands for (the end of a date), or `UNBOUNDED`. */
export const boundOf = (dateOrInstant: string | undefined): number => {
  if (dateOrInstant === undefined) return UNBOUNDED;
  const at = endOf(dateOrInstant);
  if (Number.isNaN(at)) throw new RangeError(`${dateOrInstant} is not a date or an instant`);
  return at;
};

/** A version as a store holds it; its state is read only when needed. */
export interface StoredVersion<S> {
  readonly id: number;
  readonly validFrom: number;
  readonly recordedFrom: number;
  readonly recordedTo: number;
  readonly state: () => S;
}

export interface NewVersion<S> {
  readonly validFrom: number;
  readonly recordedFrom: number;
  readonly recordedTo: number;
  readonly state: S;
}

/** What one event does to an item's versions. */
export interface Reversioning<S> {
  /** Versions whose record interval now ends earlier (at the event's record instant). */
  readonly ended: ReadonlyArray<{ readonly id: number; readonly recordedTo: number }>;
  /** Versions whose whole record interval the event supersedes (they never held). */
  readonly removed: ReadonlyArray<number>;
  readonly added: ReadonlyArray<NewVersion<S>>;
}

/** A version still open and wholly before an event (occurred and recorded earlier or then). */
const isBefore = (v: StoredVersion<unknown>, occurred: number, recorded: number): boolean =>
  v.recordedTo === FOREVER && v.recordedFrom <= recorded && v.validFrom < occurred;

/**
 * The common case, an event after every live version on both axes: the state of the latest
 * version, stepped, holds from the event on (what the general cut below gives, in one step).
 */
const appended = <S>(
  live: ReadonlyArray<StoredVersion<S>>,
  occurred: number,
  recorded: number,
  step: (state: S | undefined) => S | undefined,
): Reversioning<S> => {
  let latest: StoredVersion<S> | undefined;
  for (const v of live) if (latest === undefined || v.validFrom > latest.validFrom) latest = v;
  const state = step(latest?.state());
  const added =
    state === undefined ? [] : [{ validFrom: occurred, recordedFrom: recorded, recordedTo: FOREVER, state }];
  return { ended: [], removed: [], added };
};

/**
 * The change one event makes to an item's versions. `live` are the item's versions whose
 * record interval ends after the event's record instant (the others cannot change); `step`
 * folds the event into a state (`undefined`: the item has no state yet).
 *
 * The event comes last in stream order, so wherever it is seen (business instants from
 * `occurred` on, record instants from `recorded` on) the new state is the old one stepped.
 * The record axis is cut at every bound of the live versions after `recorded`, so events
 * recorded out of order (a record clock that went back) are exact too.
 */
export const reversion = <S>(
  live: ReadonlyArray<StoredVersion<S>>,
  occurred: number,
  recorded: number,
  step: (state: S | undefined) => S | undefined,
): Reversioning<S> => {
  if (live.every((v) => isBefore(v, occurred, recorded))) return appended(live, occurred, recorded, step);
  const cuts = new Set<number>([recorded]);
  for (const v of live) {
    if (v.recordedFrom > recorded) cuts.add(v.recordedFrom);
    if (v.recordedTo < FOREVER) cuts.add(v.recordedTo);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  bounds.push(FOREVER);

  const stepped = new Map<number | "none", S | undefined>();
  const stepOf = (key: number | "none", state: () => S | undefined) => {
    if (!stepped.has(key)) stepped.set(key, step(state()));
    return stepped.get(key);
  };
  const replaced = new Set<number>();
  const added: NewVersion<S>[] = [];
  // runs of segments where one derived version holds: key → [validFrom, from, state]
  let open = new Map<string, { validFrom: number; from: number; state: S }>();

  for (let j = 0; j + 1 < bounds.length; j++) {
    const from = bounds[j]!;
    const to = bounds[j + 1]!;
    const visible = live
      .filter((v) => v.recordedFrom <= from && v.recordedTo >= to)
      .sort((a, b) => a.validFrom - b.validFrom);
    const here = new Map<string, { validFrom: number; state: S }>();
    let covering: StoredVersion<S> | undefined;
    let exact = false;
    for (const v of visible) {
      if (v.validFrom < occurred) covering = v;
      else {
        exact ||= v.validFrom === occurred;
        replaced.add(v.id);
        here.set(`s${v.id}`, { validFrom: v.validFrom, state: stepOf(v.id, v.state) ?? v.state() });
      }
    }
    if (!exact) {
      const state =
        covering === undefined ? stepOf("none", () => undefined) : stepOf(covering.id, covering.state);
      if (state !== undefined) here.set(`i${covering?.id ?? "none"}`, { validFrom: occurred, state });
    }
    const next = new Map<string, { validFrom: number; from: number; state: S }>();
    for (const [key, run] of open)
      if (!here.has(key))
        added.push({ validFrom: run.validFrom, recordedFrom: run.from, recordedTo: from, state: run.state });
      else next.set(key, run);
    for (const [key, v] of here) if (!next.has(key)) next.set(key, { ...v, from });
    open = next;
  }
  for (const run of open.values())
    added.push({ validFrom: run.validFrom, recordedFrom: run.from, recordedTo: FOREVER, state: run.state });

  const ended: Array<{ id: number; recordedTo: number }> = [];
  const removed: number[] = [];
  for (const v of live)
    if (replaced.has(v.id)) {
      if (v.recordedFrom < recorded) ended.push({ id: v.id, recordedTo: recorded });
      else removed.push(v.id);
    }
  return { ended, removed, added };
};

/**
 * Of an item's versions, the one that holds as of `asOf` and known at `knownAt` (instants), or
 * undefined: the version with the latest `validFrom` by `asOf` among those recorded then.
 */
export const versionAt = <V extends Omit<StoredVersion<unknown>, "state" | "id">>(
  versions: Iterable<V>,
  asOf: number,
  knownAt: number,
): V | undefined => {
  let found: V | undefined;
  for (const v of versions)
    if (
      v.recordedFrom <= knownAt &&
      knownAt < v.recordedTo &&
      v.validFrom <= asOf &&
      (found === undefined || v.validFrom > found.validFrom)
    )
      found = v;
  return found;
};
