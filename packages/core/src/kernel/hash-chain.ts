/**
 * The tamper-evident chain: each event's hash is SHA-256 over the RFC 8785 canonical JSON of
 * the event (stream, revision, id, type, schema version, data and metadata without the hash,
 * so the previous hash is covered too). Changing, inserting, deleting or reordering any event
 * breaks the chain from that event on.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { EventMetadata, EventToAppend, Json, StoredEvent } from "./envelope";

/** The previous hash of a stream's first event. */
export const GENESIS_HASH = "0".repeat(64);

export interface HashInput {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Json;
  readonly metadata: Omit<EventMetadata, "hash">;
}

/** The exact bytes that are hashed (exposed so an auditor can recompute them elsewhere). */
export const canonicalBytes = (input: HashInput): string => {
  const text = canonicalize({
    stream: input.stream,
    revision: input.revision,
    id: input.id,
    type: input.type,
    schemaVersion: input.schemaVersion,
    data: input.data,
    metadata: input.metadata,
  });
  if (text === undefined) throw new TypeError("event is not canonicalisable JSON");
  return text;
};

export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

export const hashEvent = (input: HashInput): string => sha256Hex(canonicalBytes(input));

const withoutHash = ({ hash: _hash, ...rest }: EventMetadata): Omit<EventMetadata, "hash"> => rest;

/** Recompute an event's hash from its content. */
export const recomputeHash = (event: StoredEvent): string =>
  hashEvent({ ...event, metadata: withoutHash(event.metadata) });

/**
 * Seal a batch of events about to be appended after `previousHash` at `firstRevision`:
 * fills in prevHash and hash of each one.
 */
export const chainEvents = (
  stream: string,
  firstRevision: number,
  previousHash: string,
  events: ReadonlyArray<
    Omit<EventToAppend, "metadata"> & { metadata: Omit<EventMetadata, "hash" | "prevHash"> }
  >,
): EventToAppend[] => {
  let prevHash = previousHash;
  return events.map((event, i) => {
    const metadata = { ...event.metadata, prevHash };
    const hash = hashEvent({ ...event, stream, revision: firstRevision + i, metadata });
    prevHash = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
};

export type ChainProblemKind = "changed" | "broken-link" | "revision-gap" | "wrong-stream";

export interface ChainProblem {
  readonly stream: string;
  readonly revision: number;
  readonly kind: ChainProblemKind;
  readonly message: string;
}

/**
 * Checks one stream's chain event by event; feed it events in revision order. Keeps only the
 * last hash, so a stream of any length is checked in constant memory.
 */
export class ChainVerifier {
  private expectedRevision = 0;
  private previousHash = GENESIS_HASH;
  private count = 0;

  constructor(readonly stream: string) {}

  get events(): number {
    return this.count;
  }

  get head(): { readonly revision: number; readonly hash: string } | undefined {
    return this.count === 0 ? undefined : { revision: this.expectedRevision - 1, hash: this.previousHash };
  }

  check(event: StoredEvent): ChainProblem[] {
    const problems: ChainProblem[] = [];
    const at = (kind: ChainProblemKind, message: string) =>
      problems.push({ stream: this.stream, revision: event.revision, kind, message });
    if (event.stream !== this.stream) at("wrong-stream", `event belongs to ${event.stream}`);
    if (event.revision !== this.expectedRevision)
      at("revision-gap", `expected revision ${this.expectedRevision}, found ${event.revision}`);
    if (event.metadata.prevHash !== this.previousHash)
      at("broken-link", "prevHash does not match the hash of the event before it");
    if (recomputeHash(event) !== event.metadata.hash)
      at("changed", "content does not match its hash: the event was altered");
    this.count += 1;
    this.expectedRevision = event.revision + 1;
    this.previousHash = event.metadata.hash;
    return problems;
  }
}
