/**
 * The links a read-table catch-up meets, checked as core's `ReadLinkCheck` checks them, with at
 * most `kept` chain verifiers in memory instead of one per stream for the whole read (218,670
 * streams at 1M events, about 450 bytes each: half the heap a rebuild keeps alive, which the
 * garbage collector lets grow about fourfold before it collects).
 *
 * A verifier of a stream whose events were all intact so far holds nothing but the stream's
 * last revision and hash, so when it is dropped (the least recently used first) and the stream
 * comes again, the verifier is made again from that last event's revision and hash, read back
 * from the file, and checks the new event as the dropped one would have. Verifiers that met a problem are never
 * dropped (they remember gaps and what they reported), nor are the others' problems lost.
 */
import { type ChainProblem, ChainVerifier, type StoredEvent } from "@safety-ledger/core";
import type Database from "better-sqlite3";

export class BoundedLinkCheck {
  private readonly verifiers = new Map<string, ChainVerifier>();
  /** The verifiers that met a problem: kept to the end of the read. */
  private readonly troubled = new Map<string, ChainVerifier>();
  private readonly found: ChainProblem[] = [];
  private readonly lastBefore: Database.Statement<
    [string, number, number],
    { readonly revision: number; readonly hash: string }
  >;

  /**
   * `fromStart`: the read starts at the beginning of the store (else a stream is taken up at
   * its first event met, as with `ReadLinkCheck(false)`); `after`: the position it starts after.
   */
  constructor(
    db: Database.Database,
    private readonly fromStart: boolean,
    private readonly after: bigint | undefined,
    private readonly kept: number,
  ) {
    // the stream's last event this read has met before `position` (revisions and positions
    // agree in a stream without problems)
    this.lastBefore = db.prepare(
      `SELECT stream_revision AS revision, json_extract(metadata, '$.hash') AS hash FROM events
       WHERE stream_name = ? AND global_position > ? AND global_position < ?
       ORDER BY stream_revision DESC LIMIT 1`,
    );
  }

  check(event: StoredEvent): void {
    const stream = event.stream;
    let verifier = this.troubled.get(stream) ?? this.verifiers.get(stream);
    if (verifier === undefined) verifier = this.again(event);
    else if (!this.troubled.has(stream)) this.verifiers.delete(stream);
    const problems = verifier.check(event);
    if (problems.length > 0 || this.troubled.has(stream)) {
      this.troubled.set(stream, verifier);
      for (const problem of problems) this.found.push(problem);
      return;
    }
    if (this.verifiers.size >= this.kept) this.verifiers.delete(this.verifiers.keys().next().value!);
    this.verifiers.set(stream, verifier);
  }

  get problems(): ReadonlyArray<ChainProblem> {
    return this.found;
  }

  /** A verifier for a stream not in memory: from its last event met, or as met for the first time. */
  private again(event: StoredEvent): ChainVerifier {
    const from = this.after === undefined ? -1 : Number(this.after);
    const row = this.lastBefore.get(event.stream, from, Number(event.position));
    if (row === undefined)
      return this.fromStart ? new ChainVerifier(event.stream) : new ChainVerifier(event.stream, event);
    // it met no problem: taken up at the revision after its last, whose link is the last's hash
    return new ChainVerifier(event.stream, {
      ...event,
      revision: row.revision + 1,
      metadata: { ...event.metadata, prevHash: row.hash },
    });
  }
}
