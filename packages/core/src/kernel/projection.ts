/**
 * Projections: pure folds of events into read models. A runner feeds them from the store and
 * keeps a checkpoint, so it can stop, resume, and rebuild from zero to the same result.
 */
import * as E from "fp-ts/lib/Either.js";
import type { DomainEvent, EventRegistry } from "./codec-registry";
import type { Json, StoredEvent } from "./envelope";
import { LedgerFailure } from "./errors";
import type { EventFilter, EventStore } from "./event-store";

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
    : Date.parse(dateOrInstant);

/** Does an event fall inside the time slice? */
export const inSlice = (slice: TimeSlice | undefined) => {
  if (slice === undefined || (slice.asOf === undefined && slice.knownAt === undefined)) return () => true;
  const asOf = slice.asOf === undefined ? Number.POSITIVE_INFINITY : endOf(slice.asOf);
  const knownAt = slice.knownAt === undefined ? Number.POSITIVE_INFINITY : endOf(slice.knownAt);
  return (meta: StoredEvent) =>
    Date.parse(meta.metadata.occurredAt) <= asOf && Date.parse(meta.metadata.recordedAt) <= knownAt;
};

/** Fold a sequence of envelopes through a projection (pure). */
export const project = <R, Ev extends DomainEvent>(
  projection: Projection<R, Ev>,
  envelopes: Iterable<Envelope<Ev>>,
  slice?: TimeSlice,
): R => {
  const keep = inSlice(slice);
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

/**
 * Run projections over the whole store (or a time slice of it), decoding each event once and
 * feeding every projection. Streams the store; memory is the read models only.
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
  } = {},
): Promise<{
  readonly models: { -readonly [K in keyof Ps]: Ps[K] extends Projection<infer R, any> ? R : never };
  readonly stamp: ReadModelStamp;
}> => {
  const keep = inSlice(options.slice);
  const models = projections.map((p, i) => (options.states?.[i] !== undefined ? options.states[i] : p.init));
  let position = options.after;
  let lastHash: string | undefined;
  let events = 0;
  for await (const meta of store.readAll(options.after === undefined ? {} : { after: options.after })) {
    position = meta.position;
    lastHash = meta.metadata.hash;
    options.onEvent?.(meta.position);
    if (!registry.has(meta.type) || !keep(meta)) continue;
    const decoded = registry.decode(meta);
    if (E.isLeft(decoded)) throw new LedgerFailure(decoded.left);
    const envelope = { event: decoded.right, meta };
    events += 1;
    for (let i = 0; i < projections.length; i++) {
      const p = projections[i]!;
      if (p.filter === undefined || matches(p.filter, meta)) models[i] = p.apply(models[i], envelope);
    }
  }
  return { models: models as never, stamp: { position, lastHash, events } };
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
