/**
 * The envelope of a stored event: where it sits (stream, revision, global position), what it
 * is (id, type, schema version, data) and who did what, when, why (metadata).
 */
import * as t from "io-ts";
import { reason } from "./input-issue-texts";
import { issueFailure } from "./io";

/** JSON values, the only thing data and metadata may hold. */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json };

/** Who issued a command: the unit (organisation), the role they act in, and the person. */
export interface Actor {
  readonly unit: string;
  readonly role: string;
  readonly person: string;
}

export const ActorCodec: t.Type<Actor> = t.readonly(
  t.type({ unit: NonEmpty("unit"), role: NonEmpty("role"), person: NonEmpty("person") }),
  "Actor",
);

function NonEmpty(name: string) {
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === "string" && u.trim().length > 0,
    (u, c) =>
      typeof u === "string" && u.trim().length > 0
        ? t.success(u)
        : issueFailure(u, c, reason("INPUT_NOT_A_NON_EMPTY_STRING", {})),
    t.identity,
  );
}

export interface EventMetadata {
  readonly actor: Actor;
  readonly commandId: string;
  readonly commandType: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** Business time: when the thing happened, ISO 8601 with offset. */
  readonly occurredAt: string;
  /** Record time: when the ledger learned of it, ISO 8601 UTC. */
  readonly recordedAt: string;
  /** Version of the rules (the core package) that decided the event. */
  readonly rulesVersion: string;
  /** Hash of the previous event in the stream, or the genesis hash for revision 0. */
  readonly prevHash: string;
  readonly hash: string;
}

/** An event as the writer hands it to a store: complete, hash included, position not yet known. */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Json;
  readonly metadata: EventMetadata;
}

/** An event as a store hands it back. */
export interface StoredEvent extends EventToAppend {
  readonly stream: string;
  /** 0-based revision inside the stream. */
  readonly revision: number;
  /** Opaque, strictly increasing position in the store's global order. */
  readonly position: bigint;
}

export const EventMetadataCodec = t.readonly(
  t.type({
    actor: ActorCodec,
    commandId: t.string,
    commandType: t.string,
    correlationId: t.string,
    causationId: t.string,
    occurredAt: t.string,
    recordedAt: t.string,
    rulesVersion: t.string,
    prevHash: t.string,
    hash: t.string,
  }),
  "EventMetadata",
);

/** The category of a stream named `<category>-<id>`. */
export const categoryOf = (stream: string): string => {
  const dash = stream.indexOf("-");
  return dash < 0 ? stream : stream.slice(0, dash);
};
