/**
 * Projections: pure folds of events into read models. A runner feeds them from the store and
 * keeps a checkpoint, so it can stop, resume, and rebuild from zero to the same result.
 */
import * as E from "fp-ts/lib/Either.js";
import type { DomainEvent, EventRegistry } from "./codec-registry";
import type { Json, StoredEvent } from "./envelope";
import { LedgerFailure } from "./errors";
import { type EventFilter, type EventStore, readAllInPages } from "./event-store";
import { type ChainProblem, ReadLinkCheck } from "./hash-chain";
import { parseInstant } from "./instant";

/** A decoded event together with its envelope. */
export interface Envelope<Event> {
  readonly event: Event;
  readonly meta: StoredEvent;
}

export interface Projection<ReadModel, Event extends DomainEvent = DomainEvent> {
  readonly name: string;
  readonly init: ReadModel;
  readonly apply: (model: ReadModel, envelope: Envelope<Event>) => ReadModel;
  /** Only these events are fed (by the store, where it can filter). */
  readonly filter?: EventFilter;
  /**
   * An optional fast path for runners that own the model while they fold (a rebuild): `copy`
   * makes a private copy of a model, and `apply` then changes that copy in place instead of
   * returning a new model per event (which costs a copy of a growing model per event). It must
   * end in a model equal to what the pure `apply` gives; nobody else sees the copy meanwhile.
   */
  readonly inPlace?: InPlace<ReadModel, Event>;
}

export interface InPlace<ReadModel, Event extends DomainEvent = DomainEvent> {
  readonly copy: (model: ReadModel) => ReadModel;
  readonly apply: (model: ReadModel, envelope: Envelope<Event>) => void;
}

/** Points in time a read model can be asked about (bitemporal). */
export interface TimeSlice {
  /** Business time: only events that occurred on or before this instant or date. */
  readonly asOf?: string;
  /** Record time: only events the ledger had recorded on or before this instant or date. */
  readonly knownAt?: string;
}

/** The end of a day given as `YYYY-MM-DD`, or the instant itself. Compared as UTC milliseconds. */
export const endOf = (dateOrInstant: string): number =>
  /^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant)
    ? Date.parse(`${dateOrInstant}T23:59:59.999+08:00`)
    : parseInstant(dateOrInstant);

/** Does an event fall inside the time slice? */
export const inSlice = (slice: TimeSlice | undefined) => {
  if (slice === undefined || (slice.asOf === undefined && slice.knownAt === undefined)) return () => true;
  const asOf = slice.asOf === undefined ? Number.POSITIVE_INFINITY : endOf(slice.asOf);
  const knownAt = slice.knownAt === undefined ? Number.POSITIVE_INFINITY : endOf(slice.knownAt);
  return (meta: StoredEvent) =>
    parseInstant(meta.metadata.occurredAt) <= asOf && parseInstant(meta.metadata.recordedAt) <= knownAt;
};

/** Fold a sequence of envelopes through a projection (pure). */
export const project = <R, Ev extends DomainEvent>(
  projection: Projection<R, Ev>,
  envelopes: Iterable<Envelope<Ev>>,
  slice?: TimeSlice,
): R => {
  const keep = inSlice(slice);
  const fast = projection.inPlace;
  if (fast !== undefined) {
    const model = fast.copy(projection.init);
    for (const envelope of envelopes) if (keep(envelope.meta)) fast.apply(model, envelope);
    return model;
  }
  let model = projection.init;
  for (const envelope of envelopes) if (keep(envelope.meta)) model = projection.apply(model, envelope);
  return model;
};

/** What a read model reflects: where in the store it stopped, so a report can be reproduced. */
export interface ReadModelStamp {
  /** The last store position read. */
  readonly position: bigint | undefined;
  /** The hash of the last event read: with the position, it pins the exact ledger state. */
  readonly lastHash: string | undefined;
  /** Events fed to the projections. */
  readonly events: number;
}

/** Saving a rebuild's progress, so that a rebuild stopped half way (a crash) resumes there. */
export interface RebuildCheckpoint<Ps extends ReadonlyArray<Projection<any, any>>> {
  readonly store: CheckpointStore;
  /** The checkpoint's name (default: the projections' names joined with `+`). */
  readonly name?: string;
  /** Save after every this many events read (default 100,000), and at the end. */
  readonly every?: number;
  /** Each projection's read model to and from JSON, in the order of the projections. */
  readonly codecs: { readonly [K in keyof Ps]: Codec<Ps[K] extends Projection<infer R, any> ? R : never> };
}

/**
 * Which projections an event is fed to, by its stream and type (`undefined`: the registry does
 * not know the type, and nothing is fed). When every projection filters (if at all) on
 * `<category>-` prefixes only, the answer depends on the category and the type, and is cached
 * per type (with the registry's answer) and category, so a rebuild routes each event with one
 * map lookup and no key built.
 */
const router = (projections: ReadonlyArray<Projection<any, any>>, known: (type: string) => boolean) => {
  const simple = projections.every(
    (p) =>
      p.filter?.streamPrefixes === undefined ||
      p.filter.streamPrefixes.every((prefix) => prefix.indexOf("-") === prefix.length - 1),
  );
  const all = projections.map((_, i) => i);
  const route = (meta: StoredEvent): number[] =>
    all.filter((i) => {
      const filter = projections[i]!.filter;
      return filter === undefined || matches(filter, meta);
    });
  if (!simple)
    return (meta: StoredEvent): number[] | undefined => (known(meta.type) ? route(meta) : undefined);
  // per type: is it known, and the (category prefix, targets) pairs seen so far
  const cache = new Map<
    string,
    {
      readonly known: boolean;
      readonly entries: Array<{ readonly prefix: string; readonly targets: number[] }>;
    }
  >();
  return (meta: StoredEvent): number[] | undefined => {
    let byType = cache.get(meta.type);
    if (byType === undefined) {
      byType = { known: known(meta.type), entries: [] };
      cache.set(meta.type, byType);
    }
    if (!byType.known) return undefined;
    const entries = byType.entries;
    const stream = meta.stream;
    const dash = stream.indexOf("-");
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.prefix.length === dash + 1 && stream.startsWith(entry.prefix)) return entry.targets;
    }
    const targets = route(meta);
    entries.push({ prefix: dash < 0 ? "" : stream.slice(0, dash + 1), targets });
    return targets;
  };
};

/**
 * Run projections over the whole store (or a time slice of it), decoding each event once and
 * feeding every projection. Streams the store; memory is the read models only. Projections
 * with an `inPlace` path are folded in place on a private copy (the result is the same).
 * With `checkpoint`, progress is saved every so many events and a later run with the same
 * checkpoint resumes from the last save instead of from zero.
 */
export const runProjections = async <
  Ev extends DomainEvent,
  const Ps extends ReadonlyArray<Projection<any, Ev>>,
>(
  store: EventStore,
  registry: EventRegistry<Ev>,
  projections: Ps,
  options: {
    readonly slice?: TimeSlice;
    readonly after?: bigint;
    readonly states?: { -readonly [K in keyof Ps]?: unknown };
    readonly onEvent?: (position: bigint) => void;
    readonly checkpoint?: RebuildCheckpoint<Ps>;
    /** Check the chain links of every event read (default true; a hash per event). */
    readonly checkLinks?: boolean;
  } = {},
): Promise<{
  readonly models: { -readonly [K in keyof Ps]: Ps[K] extends Projection<infer R, any> ? R : never };
  readonly stamp: ReadModelStamp;
  /** Broken chain links among the events read (tampering): the read models may be wrong. */
  readonly brokenLinks: ReadonlyArray<ChainProblem>;
}> => {
  const keep = options.slice === undefined ? undefined : inSlice(options.slice);
  const checkpoint = options.checkpoint;
  const checkpointName = checkpoint?.name ?? projections.map((p) => p.name).join("+");
  let after = options.after;
  let states: ReadonlyArray<unknown> | undefined = options.states;
  if (checkpoint !== undefined) {
    const saved = await checkpoint.store.load(checkpointName);
    if (saved !== undefined && (after === undefined || saved.position > after)) {
      const json = saved.state as ReadonlyArray<Json>;
      states = projections.map((_, i) => checkpoint.codecs[i]!.fromJson(json[i]!));
      after = saved.position;
    }
  }
  const fast = projections.map((p) => p.inPlace);
  const models = projections.map((p, i) => {
    const start = states?.[i] !== undefined ? states[i] : p.init;
    return fast[i] === undefined ? start : fast[i].copy(start);
  });
  const targetsOf = router(projections, (type) => registry.has(type));
  const every = checkpoint?.every ?? 100_000;
  let sinceSave = 0;
  let position = after;
  let lastHash: string | undefined;
  let events = 0;
  const links = options.checkLinks === false ? undefined : new ReadLinkCheck(after === undefined);
  const save = async () => {
    if (checkpoint === undefined || position === undefined) return;
    await checkpoint.store.save(checkpointName, {
      position,
      // an in-place model goes on changing: what is saved is a copy of it
      state: models.map((m, i) => checkpoint.codecs[i]!.toJson(fast[i] === undefined ? m : fast[i].copy(m))),
    });
    sinceSave = 0;
  };
  for await (const page of readAllInPages(store, after === undefined ? {} : { after }))
    for (const meta of page) {
      // saved before this event is applied: the checkpoint holds everything up to `position`
      if (checkpoint !== undefined && sinceSave >= every) await save();
      position = meta.position;
      lastHash = meta.metadata.hash;
      links?.check(meta);
      sinceSave += 1;
      options.onEvent?.(meta.position);
      const targets = targetsOf(meta);
      if (targets === undefined || (keep !== undefined && !keep(meta))) continue;
      events += 1;
      if (targets.length === 0) continue;
      let event = registry.asCurrent(meta);
      if (event === undefined) {
        const decoded = registry.decode(meta);
        if (E.isLeft(decoded)) throw new LedgerFailure(decoded.left);
        event = decoded.right;
      }
      const envelope = { event, meta };
      for (const i of targets) {
        const f = fast[i];
        if (f === undefined) models[i] = projections[i]!.apply(models[i], envelope);
        else f.apply(models[i], envelope);
      }
    }
  if (checkpoint !== undefined && sinceSave > 0) await save();
  return {
    models: models as never,
    stamp: { position, lastHash, events },
    brokenLinks: links?.problems ?? [],
  };
};

const matches = (filter: EventFilter, meta: StoredEvent) =>
  (filter.streamPrefixes === undefined || filter.streamPrefixes.some((p) => meta.stream.startsWith(p))) &&
  (filter.eventTypes === undefined || filter.eventTypes.includes(meta.type));

/** Where a projection got to, and its read model then. */
export interface Checkpoint {
  readonly position: bigint;
  readonly state: Json;
}

/** The checkpoint port; stores that persist read models implement it beside their events. */
export interface CheckpointStore {
  load(name: string): Promise<Checkpoint | undefined>;
  save(name: string, checkpoint: Checkpoint): Promise<void>;
}

export const createMemoryCheckpointStore = (): CheckpointStore => {
  const saved = new Map<string, Checkpoint>();
  return {
    load: async (name) => saved.get(name),
    save: async (name, checkpoint) => {
      saved.set(name, checkpoint);
    },
  };
};

export interface Codec<R> {
  readonly toJson: (model: R) => Json;
  readonly fromJson: (json: Json) => R;
}

/**
 * Keeps one projection up to date from a live subscription, saving a checkpoint (position and
 * read model) every `every` events, so that a restart resumes where it stopped.
 */
export const startProjectionRunner = <R, Ev extends DomainEvent>(
  store: EventStore,
  registry: EventRegistry<Ev>,
  projection: Projection<R, Ev>,
  checkpoints: CheckpointStore,
  codec: Codec<R>,
  options: { readonly every?: number; readonly onUpdate?: (model: R, position: bigint) => void } = {},
) => {
  const every = options.every ?? 100;
  let model = projection.init;
  let position: bigint | undefined;
  let stopped = false;
  let subscription: ReturnType<EventStore["subscribeToAll"]> | undefined;

  const done = (async () => {
    const saved = await checkpoints.load(projection.name);
    if (saved !== undefined) {
      model = codec.fromJson(saved.state);
      position = saved.position;
    }
    if (stopped) return;
    subscription = store.subscribeToAll({
      ...(position === undefined ? {} : { after: position }),
      ...(projection.filter === undefined ? {} : { filter: projection.filter }),
    });
    let sinceSave = 0;
    for await (const meta of subscription) {
      position = meta.position;
      if (registry.has(meta.type)) {
        const decoded = registry.decode(meta);
        if (E.isLeft(decoded)) throw new LedgerFailure(decoded.left);
        model = projection.apply(model, { event: decoded.right, meta });
      }
      options.onUpdate?.(model, meta.position);
      if (++sinceSave >= every) {
        await checkpoints.save(projection.name, { position, state: codec.toJson(model) });
        sinceSave = 0;
      }
    }
  })();

  return {
    get model() {
      return model;
    },
    get position() {
      return position;
    },
    /** Stop, saving a final checkpoint. */
    stop: async () => {
      stopped = true;
      await subscription?.close();
      await done;
      if (position !== undefined)
        await checkpoints.save(projection.name, { position, state: codec.toJson(model) });
    },
  };
};
