/**
 * Verify every hash chain in a store (or one stream) in a single streaming pass over the
 * global order. Memory grows with the number of streams, never with the number of events.
 */

import type { StoredEvent } from "../kernel/envelope";
import { type EventStore, readAllInPages } from "../kernel/event-store";
import { type ChainProblem, ChainVerifier } from "../kernel/hash-chain";

export interface StreamHead {
  readonly stream: string;
  readonly revision: number;
  readonly hash: string;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly problems: ReadonlyArray<ChainProblem>;
  /** The last position read, so the report says which state of the store it covers. */
  readonly position: bigint | undefined;
}

/** Checks chains event by event; use it when you already stream events for another reason. */
export class LedgerVerifier {
  private readonly verifiers = new Map<string, ChainVerifier>();
  private readonly found: ChainProblem[] = [];
  private count = 0;
  private last: bigint | undefined;

  constructor(private readonly include: (stream: string) => boolean = () => true) {}

  check(event: StoredEvent): void {
    this.last = event.position;
    if (!this.include(event.stream)) return;
    let verifier = this.verifiers.get(event.stream);
    if (verifier === undefined) {
      verifier = new ChainVerifier(event.stream);
      this.verifiers.set(event.stream, verifier);
    }
    this.count += 1;
    for (const problem of verifier.check(event)) this.found.push(problem);
  }

  /** The head (last revision and hash) of every stream seen. */
  heads(): StreamHead[] {
    return [...this.verifiers.values()].flatMap((v) =>
      v.head === undefined ? [] : [{ stream: v.stream, ...v.head }],
    );
  }

  report(extra: ReadonlyArray<ChainProblem> = []): VerificationReport {
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
}

export const verifyStore = async (
  store: EventStore,
  options: VerifyOptions = {},
): Promise<VerificationReport> => {
  const verifier = new LedgerVerifier();
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
