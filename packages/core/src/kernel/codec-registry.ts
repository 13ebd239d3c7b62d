/**
 * Event types and their codecs. An event type has a current schema version and upcasters that
 * lift any older stored version, one step at a time (n → n+1), so every event ever written
 * stays readable.
 */
import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { type FastCheck, fastCheck } from "./codec-fast-path";
import type { Json, StoredEvent } from "./envelope";
import { type EventDecodeError, type InputIssue, inputIssue } from "./errors";
import { reason } from "./input-issue-texts";
import { issuesOf } from "./io";

/** A domain event: a type tag and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** Lifts stored data of version `from` to version `from + 1`. */
export interface Upcaster {
  readonly from: number;
  readonly up: (data: Json) => Json;
}

export interface EventDefinition<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly codec: t.Type<Data, unknown, unknown>;
  readonly upcasters: ReadonlyArray<Upcaster>;
}

/** The domain event a definition describes. */
export type EventOf<D> = D extends EventDefinition<infer Type, infer Data> ? DomainEvent<Type, Data> : never;

export const defineEvent = <Type extends string, Data>(
  type: Type,
  codec: t.Type<Data, unknown, unknown>,
  options: { readonly schemaVersion?: number; readonly upcasters?: ReadonlyArray<Upcaster> } = {},
): EventDefinition<Type, Data> => {
  const schemaVersion = options.schemaVersion ?? 1;
  const upcasters = [...(options.upcasters ?? [])].sort((a, b) => a.from - b.from);
  upcasters.forEach((u, i) => {
    if (u.from !== i + 1)
      throw new Error(`${type}: upcasters must cover versions 1..${schemaVersion - 1} in order`);
  });
  if (upcasters.length !== schemaVersion - 1)
    throw new Error(`${type}: schema version ${schemaVersion} needs ${schemaVersion - 1} upcasters`);
  return { type, schemaVersion, codec, upcasters };
};

export interface EncodedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Json;
}

/** An event type's current version and its test for data already in decoded form. */
interface CurrentForm {
  readonly schemaVersion: number;
  readonly isDecoded: FastCheck;
}

export class EventRegistry<Event extends DomainEvent> {
  private readonly byType: ReadonlyMap<string, EventDefinition>;
  /**
   * Per type whose codec allows it, the current version and a test that data at that version
   * is already its decoded form (see `codec-fast-path`), compiled once here.
   */
  private readonly current: ReadonlyMap<string, CurrentForm>;
  /** The last type `asCurrent` looked up, and what it found. */
  private lastType: string | undefined;
  private lastCurrent: CurrentForm | undefined;

  private constructor(definitions: ReadonlyArray<EventDefinition>) {
    const byType = new Map<string, EventDefinition>();
    const current = new Map<string, CurrentForm>();
    for (const d of definitions) {
      if (byType.has(d.type)) throw new Error(`event type ${d.type} is defined twice`);
      byType.set(d.type, d);
      const isDecoded = fastCheck(d.codec);
      if (isDecoded !== undefined) current.set(d.type, { schemaVersion: d.schemaVersion, isDecoded });
    }
    this.byType = byType;
    this.current = current;
  }

  static of<Defs extends ReadonlyArray<EventDefinition<string, any>>>(
    ...definitions: Defs
  ): EventRegistry<EventOf<Defs[number]>> {
    return new EventRegistry(definitions);
  }

  /** A registry that knows the event types of all the given ones. */
  static merge<Events extends ReadonlyArray<EventRegistry<any>>>(
    ...registries: Events
  ): EventRegistry<Events[number] extends EventRegistry<infer X> ? X : never> {
    return new EventRegistry(registries.flatMap((r) => r.definitions()));
  }

  definitions(): ReadonlyArray<EventDefinition> {
    return [...this.byType.values()];
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  types(): ReadonlyArray<string> {
    return [...this.byType.keys()];
  }

  encode(event: Event): EncodedEvent {
    const definition = this.byType.get(event.type);
    if (definition === undefined) throw new Error(`unknown event type ${event.type}`);
    return {
      type: event.type,
      schemaVersion: definition.schemaVersion,
      data: definition.codec.encode(event.data) as Json,
    };
  }

  /**
   * The event, without a decode, when the stored data is at the current version and already
   * its decoded form (the usual case); undefined otherwise, and then `decode` gives the event
   * or the error. For folds that read many events.
   */
  asCurrent(stored: Pick<StoredEvent, "type" | "schemaVersion" | "data">): Event | undefined {
    // Runs of one type are common in a stream: the last type's entry saves the lookup.
    let current = this.lastCurrent;
    if (stored.type !== this.lastType) {
      current = this.current.get(stored.type);
      this.lastType = stored.type;
      this.lastCurrent = current;
    }
    return current !== undefined &&
      stored.schemaVersion === current.schemaVersion &&
      current.isDecoded(stored.data)
      ? ({ type: stored.type, data: stored.data } as Event)
      : undefined;
  }

  /** Decode stored data of any known version into the current domain event. */
  decodeData(type: string, schemaVersion: number, data: Json): E.Either<ReadonlyArray<InputIssue>, Event> {
    const definition = this.byType.get(type);
    if (definition === undefined)
      return E.left([inputIssue("type", reason("INPUT_UNKNOWN_EVENT_TYPE", { type }))]);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > definition.schemaVersion)
      return E.left([
        inputIssue(
          "schemaVersion",
          reason("INPUT_UNKNOWN_SCHEMA_VERSION", {
            version: schemaVersion,
            type,
            current: definition.schemaVersion,
          }),
        ),
      ]);
    if (schemaVersion === definition.schemaVersion) {
      // Data at the current version that already is its decoded form: decode would return it as is.
      if (this.current.get(type)?.isDecoded(data)) return E.right({ type, data } as Event);
    }
    let current = data;
    for (let v = schemaVersion; v < definition.schemaVersion; v++)
      current = definition.upcasters[v - 1]!.up(current);
    const decoded = definition.codec.decode(current);
    return E.isRight(decoded)
      ? E.right({ type, data: decoded.right } as Event)
      : E.left(issuesOf(decoded.left).map((i) => ({ ...i, path: i.path ? `data.${i.path}` : "data" })));
  }

  decode(stored: StoredEvent): E.Either<EventDecodeError, Event> {
    const decoded = this.decodeData(stored.type, stored.schemaVersion, stored.data);
    return E.isRight(decoded) ? decoded : E.left(undecodable(stored, decoded.left));
  }
}

/** The error of a stored event that does not decode, for these issues of it. */
export const undecodable = (stored: StoredEvent, issues: ReadonlyArray<InputIssue>): EventDecodeError => ({
  _tag: "EventDecodeError",
  code: "UNDECODABLE_EVENT",
  stream: stored.stream,
  revision: stored.revision,
  eventType: stored.type,
  issues,
  message: `Stored event ${stored.stream}@${stored.revision} (${stored.type} v${stored.schemaVersion}) cannot be read: ${issues
    .map((i) => `${i.path}: ${i.message}`)
    .join("; ")}`,
});
