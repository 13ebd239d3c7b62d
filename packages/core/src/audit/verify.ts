/**
 * Verify every hash chain in a store (or one stream) in a single streaming pass over the
 * global order. Memory grows with the number of streams, never with the number of events.
 */

import * as E from "fp-ts/lib/Either.js";
import type { HashAlgorithm } from "../crypto/hash";
import type { DomainEvent, EventRegistry } from "../kernel/codec-registry";
import type { StoredEvent } from "../kernel/envelope";
import { type EventStore, readAllInPages } from "../kernel/event-store";
import { type ChainProblem, ChainVerifier } from "../kernel/hash-chain";
import { readLedgerHashAlgorithm } from "../kernel/ledger-settings";
import { maskEncryptedFields } from "../privacy/protect";

export interface StreamHead {
  readonly stream: string;
  readonly revision: number;
  readonly hash: string;
}

/**
 * A stored event of a type the registry knows that its codec cannot read (written by another
 * tool, or before a codec was tightened). Its hash may well be intact: the finding is that
 * reads cannot use it until an upcaster maps it (docs/audit.md).
 */
export interface UndecodableEvent {
  readonly stream: string;
  readonly revision: number;
  readonly kind: "undecodable";
  /** The first field the codec rejects, e.g. `data.on`. */
  readonly field: string;
  readonly message: string;
}

/** What verification finds about one event: a broken chain, or data no codec can read. */
export type EventProblem = ChainProblem | UndecodableEvent;

/** The event's decode failure as a finding, or undefined (decodable, or a type the registry does not know). */
export const undecodableEvent = (
  registry: EventRegistry<DomainEvent>,
  event: StoredEvent,
): UndecodableEvent | undefined => {
  if (!registry.has(event.type) || registry.asCurrent(event) !== undefined) return undefined;
  let decoded = registry.decode(event);
  if (E.isRight(decoded)) return undefined;
  // Personal fields encrypted before the chain: the rest of the event must still decode.
  const masked = maskEncryptedFields(event);
  if (masked !== event) {
    decoded = registry.decode(masked);
    if (E.isRight(decoded)) return undefined;
  }
  return {
    stream: event.stream,
    revision: event.revision,
    kind: "undecodable",
    field: decoded.left.issues[0]?.path ?? "data",
    message: `no codec can read it: ${decoded.left.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
  };
};

export interface VerificationReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly problems: ReadonlyArray<EventProblem>;
  /** The last position read, so the report says which state of the store it covers. */
  readonly position: bigint | undefined;
}

/** Checks chains event by event; use it when you already stream events for another reason. */
export class LedgerVerifier {
  private readonly verifiers = new Map<string, ChainVerifier>();
  private readonly found: EventProblem[] = [];
  private count = 0;
  private last: bigint | undefined;

  /**
   * `include`: the streams to check; `registry`: also decode every event of a type it knows,
   * reporting the ones its codecs cannot read; `algorithm`: the ledger's hash algorithm, which
   * every event must be hashed with (unchecked when not given).
   */
  constructor(
    private readonly include: (stream: string) => boolean = () => true,
    private readonly registry?: EventRegistry<DomainEvent>,
    private readonly algorithm?: HashAlgorithm,
  ) {}

  check(event: StoredEvent): void {
    this.last = event.position;
    if (!this.include(event.stream)) return;
    let verifier = this.verifiers.get(event.stream);
    if (verifier === undefined) {
      verifier = new ChainVerifier(event.stream, undefined, this.algorithm);
      this.verifiers.set(event.stream, verifier);
    }
    this.count += 1;
    for (const problem of verifier.check(event)) this.found.push(problem);
    if (this.registry !== undefined) {
      const undecodable = undecodableEvent(this.registry, event);
      if (undecodable !== undefined) this.found.push(undecodable);
    }
  }

  /** The head (last revision and hash) of one stream, if it was seen. */
  headOf(stream: string): { readonly revision: number; readonly hash: string } | undefined {
    return this.verifiers.get(stream)?.head;
  }

  /** Every stream seen so far. */
  streamNames(): IterableIterator<string> {
    return this.verifiers.keys();
  }

  /** The head (last revision and hash) of every stream seen. */
  heads(): StreamHead[] {
    return [...this.verifiers.values()].flatMap((v) =>
      v.head === undefined ? [] : [{ stream: v.stream, ...v.head }],
    );
  }

  report(extra: ReadonlyArray<EventProblem> = []): VerificationReport {
    const problems = [...this.found, ...extra];
    return {
      ok: problems.length === 0,
      streams: this.verifiers.size,
      events: this.count,
      problems,
      position: this.last,
    };
  }
}

export interface VerifyOptions {
  /** Verify this stream only. */
  readonly stream?: string;
  /** Called after every event read (for progress bars). */
  readonly onEvent?: (event: StoredEvent) => void;
  /** Also report events of a type this registry knows that its codecs cannot read. */
  readonly registry?: EventRegistry<DomainEvent>;
}

export const verifyStore = async (
  store: EventStore,
  options: VerifyOptions = {},
): Promise<VerificationReport> => {
  const algorithm = await readLedgerHashAlgorithm(store);
  const verifier = new LedgerVerifier(
    undefined,
    options.registry,
    E.isRight(algorithm) ? algorithm.right : undefined,
  );
  const onEvent = options.onEvent;
  if (options.stream === undefined)
    for await (const page of readAllInPages(store))
      for (const event of page) {
        verifier.check(event);
        onEvent?.(event);
      }
  else
    for await (const event of store.readStream(options.stream)) {
      verifier.check(event);
      onEvent?.(event);
    }
  return verifier.report();
};
