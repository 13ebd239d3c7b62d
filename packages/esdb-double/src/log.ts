/**
 * The in-memory transaction log: one `$all` sequence of records with byte-offset-like positions,
 * per-stream revisions, soft-delete truncation and tombstones, and synchronous listeners for
 * subscriptions.
 */
import { type ExpectedRevision, type StreamFacts, satisfies } from "./expected";

/** An event as proposed by a client. */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** An event as stored: commit position equals prepare position for every record of the double. */
export interface LoggedEvent extends ProposedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch. */
  readonly created: bigint;
}

export type WriteOutcome =
  | {
      readonly ok: true;
      readonly events: readonly LoggedEvent[];
      /** Revision of the stream's last event after the write, -1n if it has none. */
      readonly currentRevision: bigint;
      /** Position of the last written record; undefined when nothing was written. */
      readonly position: bigint | undefined;
      /** True when the events had been written before and nothing was written again. */
      readonly idempotent?: boolean;
    }
  | { readonly ok: false; readonly error: "wrong_expected_version"; readonly currentRevision: bigint }
  | { readonly ok: false; readonly error: "stream_deleted" };

export type StreamRead =
  | { readonly kind: "ok"; readonly events: readonly LoggedEvent[] }
  | { readonly kind: "not_found" }
  | { readonly kind: "deleted" };

export type LogListener = (written: readonly LoggedEvent[]) => void;

interface StreamState extends StreamFacts {
  readonly events: LoggedEvent[];
  /** Event id → revision, for the idempotency check of `any` and `stream_exists`. */
  readonly revisionById: Map<string, bigint>;
  lastRevision: bigint;
  truncateBefore: bigint;
  tombstoned: boolean;
}

/** `EventNumber.DeletedStream` (long.MaxValue): the revision of a tombstone record. */
export const TOMBSTONE_REVISION = 9_223_372_036_854_775_807n;
/** Where the first record of a fresh log sits (a real chunk starts after its header). */
export const LOG_START_POSITION = 4_096n;

const RECORD_OVERHEAD = 96;
const encoder = new TextEncoder();

/** A byte-size-like advance per record, so positions are increasing but not contiguous. */
function recordSize(streamId: string, event: ProposedEvent): bigint {
  // byteLength counts UTF-8 bytes without encoding (a 40,000-event append calls this 40,000 times)
  const raw =
    RECORD_OVERHEAD +
    Buffer.byteLength(streamId) +
    Buffer.byteLength(event.type) +
    event.data.length +
    event.metadata.length;
  return BigInt(Math.ceil(raw / 8) * 8);
}

export function nowTicks(): bigint {
  return BigInt(Date.now()) * 10_000n;
}

export class EventLog {
  readonly #all: LoggedEvent[] = [];
  readonly #streams = new Map<string, StreamState>();
  readonly #listeners = new Set<LogListener>();
  #nextPosition = LOG_START_POSITION;

  /** Every record in `$all` order, system records included. */
  get all(): readonly LoggedEvent[] {
    return this.#all;
  }

  /** Position of the last record, or undefined for an empty log. */
  get lastPosition(): bigint | undefined {
    return this.#all.at(-1)?.position;
  }

  /**
   * Test-only: replace the log with `records` (what an administrator with access to the database
   * files could do). Records are put in position order; each stream is rebuilt from its records
   * in revision order, its last revision from the largest one; soft-delete truncations and
   * tombstones are kept. No listener is told: a tampering is not a write.
   */
  rewrite(records: readonly LoggedEvent[]): void {
    const sorted = [...records].sort((a, b) =>
      a.position < b.position ? -1 : a.position > b.position ? 1 : 0,
    );
    this.#all.length = 0;
    this.#all.push(...sorted);
    for (const state of this.#streams.values()) {
      state.events.length = 0;
      state.revisionById.clear();
      state.lastRevision = -1n;
    }
    for (const record of sorted) {
      if (record.revision === TOMBSTONE_REVISION) continue;
      const state = this.#state(record.streamId);
      state.events.push(record);
      state.revisionById.set(record.id, record.revision);
      if (record.revision > state.lastRevision) state.lastRevision = record.revision;
    }
    for (const state of this.#streams.values())
      state.events.sort((a, b) => (a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0));
    const last = sorted.at(-1);
    if (last !== undefined && last.position >= this.#nextPosition)
      this.#nextPosition = last.position + recordSize(last.streamId, last);
  }

  clear(): void {
    this.#all.length = 0;
    this.#streams.clear();
    this.#nextPosition = LOG_START_POSITION;
  }

  /** Register a listener called synchronously after every write; returns the unsubscribe. */
  listen(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  isTombstoned(streamId: string): boolean {
    return this.#streams.get(streamId)?.tombstoned ?? false;
  }

  append(streamId: string, expected: ExpectedRevision, proposed: readonly ProposedEvent[]): WriteOutcome {
    const state = this.#state(streamId);
    if (state.tombstoned) return { ok: false, error: "stream_deleted" };
    const replay = findReplay(state, expected, proposed);
    if (replay === "partial") {
      return { ok: false, error: "wrong_expected_version", currentRevision: state.lastRevision };
    }
    if (replay !== undefined) {
      return {
        ok: true,
        events: [],
        currentRevision: replay.revision,
        position: replay.position,
        idempotent: true,
      };
    }
    if (!satisfies(state, expected)) {
      return { ok: false, error: "wrong_expected_version", currentRevision: state.lastRevision };
    }
    if (proposed.length === 0) {
      return { ok: true, events: [], currentRevision: state.lastRevision, position: undefined };
    }
    const created = nowTicks();
    const written = proposed.map((event) => this.#writeToStream(state, streamId, event, created));
    this.#notify(written);
    return {
      ok: true,
      events: written,
      currentRevision: state.lastRevision,
      position: written.at(-1)?.position,
    };
  }

  /**
   * Soft delete: write `{"$tb": n}` to the metastream and hide revisions below n. A stream never
   * written is a wrong expected version whatever was expected (servers since 21.x).
   */
  softDelete(streamId: string, expected: ExpectedRevision): WriteOutcome {
    const state = this.#state(streamId);
    if (state.tombstoned) return { ok: false, error: "stream_deleted" };
    if (state.lastRevision < 0n || !satisfies(state, expected)) {
      return { ok: false, error: "wrong_expected_version", currentRevision: state.lastRevision };
    }
    const truncateBefore = state.lastRevision + 1n;
    const metastream = `$$${streamId}`;
    const metaState = this.#state(metastream);
    const record = this.#writeToStream(metaState, metastream, {
      id: crypto.randomUUID(),
      type: "$metadata",
      contentType: "application/json",
      data: encoder.encode(`{"$tb":${truncateBefore}}`),
      metadata: new Uint8Array(),
    });
    state.truncateBefore = truncateBefore;
    this.#notify([record]);
    return { ok: true, events: [record], currentRevision: state.lastRevision, position: record.position };
  }

  /** Hard delete: a `$streamDeleted` record in `$all`; the stream is gone for good. */
  tombstone(streamId: string, expected: ExpectedRevision): WriteOutcome {
    const state = this.#state(streamId);
    if (state.tombstoned) return { ok: false, error: "stream_deleted" };
    if (!satisfies(state, expected)) {
      return { ok: false, error: "wrong_expected_version", currentRevision: state.lastRevision };
    }
    const record = this.#record(streamId, TOMBSTONE_REVISION, {
      id: crypto.randomUUID(),
      type: "$streamDeleted",
      contentType: "application/octet-stream",
      data: new Uint8Array(),
      metadata: new Uint8Array(),
    });
    state.tombstoned = true;
    this.#notify([record]);
    return { ok: true, events: [record], currentRevision: state.lastRevision, position: record.position };
  }

  /**
   * The events a read of the stream can see: past a soft delete's truncation and what the
   * stream's metadata (the last `$metadata` in `$$stream`) hides, as a real server's reads do:
   * `$tb` (truncate before a revision), `$maxCount` (only the last n), `$maxAge` (seconds,
   * against `now`, in ms). `$all` still holds the hidden events, as on a server not yet scavenged.
   */
  readStream(streamId: string, now: number = Date.now()): StreamRead {
    const state = this.#streams.get(streamId);
    if (state?.tombstoned) return { kind: "deleted" };
    if (state === undefined) return { kind: "not_found" };
    const rules = metadataRules(this.#streams.get(`$$${streamId}`)?.events.at(-1));
    // whichever hides more: a soft delete's truncation or a `$tb` written since
    let truncateBefore = state.truncateBefore;
    if (rules.truncateBefore > truncateBefore) truncateBefore = rules.truncateBefore;
    const createdAfter =
      rules.maxAgeSeconds === undefined ? undefined : BigInt(now - rules.maxAgeSeconds * 1000) * 10_000n;
    let visible = state.events.filter(
      (event) =>
        event.revision >= truncateBefore && (createdAfter === undefined || event.created >= createdAfter),
    );
    if (rules.maxCount !== undefined && visible.length > rules.maxCount)
      visible = visible.slice(-rules.maxCount);
    return visible.length === 0 ? { kind: "not_found" } : { kind: "ok", events: visible };
  }

  #state(streamId: string): StreamState {
    let state = this.#streams.get(streamId);
    if (!state) {
      state = {
        events: [],
        revisionById: new Map(),
        lastRevision: -1n,
        truncateBefore: 0n,
        tombstoned: false,
      };
      this.#streams.set(streamId, state);
    }
    return state;
  }

  #writeToStream(
    state: StreamState,
    streamId: string,
    event: ProposedEvent,
    created: bigint = nowTicks(),
  ): LoggedEvent {
    const record = this.#record(streamId, state.lastRevision + 1n, event, created);
    state.events.push(record);
    state.revisionById.set(record.id, record.revision);
    state.lastRevision = record.revision;
    return record;
  }

  #record(
    streamId: string,
    revision: bigint,
    event: ProposedEvent,
    created: bigint = nowTicks(),
  ): LoggedEvent {
    const record: LoggedEvent = {
      id: event.id,
      type: event.type,
      contentType: event.contentType,
      data: event.data,
      metadata: event.metadata,
      streamId,
      revision,
      position: this.#nextPosition,
      created,
    };
    this.#nextPosition += recordSize(streamId, event);
    this.#all.push(record);
    return record;
  }

  #notify(written: readonly LoggedEvent[]): void {
    for (const listener of [...this.#listeners]) listener(written);
  }
}

/**
 * EventStoreDB's idempotency check (its `CheckCommit`), run before the expected-version check:
 *
 * - exact revision N, or `no_stream` (N = -1): when the stream already holds events past N and
 *   the proposed ids are exactly the ids at N+1, N+2, …, the append was written before: it
 *   succeeds without writing, answering the last of those events' revision and position. When
 *   only a leading part of them matches, it is a wrong expected version ("corrupted
 *   idempotency"); when the first does not match, the expected-version check decides.
 * - `any` and `stream_exists`: when the first proposed id is already in the stream, the ids must
 *   follow it revision by revision (then: written before, as above), else a wrong expected
 *   version; when it is not in the stream, the events are written. A real server looks the id
 *   up in a bounded cache of recently written ids (so an old duplicate may be written again,
 *   "best effort"); the double remembers every id of the stream.
 *
 * Returns the last replayed event, "partial", or undefined (not a replay: check and write).
 */
function findReplay(
  state: StreamState,
  expected: ExpectedRevision,
  proposed: readonly ProposedEvent[],
): LoggedEvent | "partial" | undefined {
  const first = proposed[0];
  if (first === undefined) return undefined;
  let from: bigint;
  if (expected.kind === "revision" || expected.kind === "no_stream") {
    from = (expected.kind === "revision" ? expected.revision : -1n) + 1n;
    if (from > state.lastRevision) return undefined;
    if (eventAt(state, from)?.id !== first.id) return undefined;
  } else {
    const found = state.revisionById.get(first.id);
    if (found === undefined) return undefined;
    from = found;
  }
  let last: LoggedEvent | undefined;
  for (const [offset, event] of proposed.entries()) {
    const stored = eventAt(state, from + BigInt(offset));
    if (stored?.id !== event.id) return "partial";
    last = stored;
  }
  return last;
}

/** The stream's event at a revision (events are kept in revision order, from revision 0 or `rewrite`). */
function eventAt(state: StreamState, revision: bigint): LoggedEvent | undefined {
  const guess = state.events[Number(revision)];
  if (guess?.revision === revision) return guess;
  return state.events.find((event) => event.revision === revision);
}

interface MetadataRules {
  readonly truncateBefore: bigint;
  readonly maxCount: number | undefined;
  readonly maxAgeSeconds: number | undefined;
}

const NO_RULES: MetadataRules = { truncateBefore: 0n, maxCount: undefined, maxAgeSeconds: undefined };
const metadataDecoder = new TextDecoder();

/** The read rules of a `$metadata` record; anything unreadable or absent hides nothing. */
function metadataRules(record: LoggedEvent | undefined): MetadataRules {
  if (record === undefined || record.type !== "$metadata") return NO_RULES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadataDecoder.decode(record.data));
  } catch {
    return NO_RULES;
  }
  if (typeof parsed !== "object" || parsed === null) return NO_RULES;
  const { $tb, $maxCount, $maxAge } = parsed as Record<string, unknown>;
  const whole = (value: unknown) =>
    Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
  return {
    truncateBefore: BigInt(whole($tb) ?? 0),
    maxCount: whole($maxCount),
    maxAgeSeconds: whole($maxAge),
  };
}
