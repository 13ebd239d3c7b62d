/** Expected stream revisions, as the four oneof cases every write RPC carries. */

export type ExpectedRevision =
  | { readonly kind: "any" }
  | { readonly kind: "no_stream" }
  | { readonly kind: "stream_exists" }
  | { readonly kind: "revision"; readonly revision: bigint };

/** The oneof accessors shared by AppendReq/DeleteReq/TombstoneReq options. */
interface RevisionOneof {
  hasAny(): boolean;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

export function expectedFromRevisionOneof(
  options: RevisionOneof & { hasRevision(): boolean; getRevision(): string },
): ExpectedRevision {
  if (options.hasRevision()) return { kind: "revision", revision: BigInt(options.getRevision()) };
  return expectedFromFlags(options);
}

export function expectedFromStreamPositionOneof(
  options: RevisionOneof & { hasStreamPosition(): boolean; getStreamPosition(): string },
): ExpectedRevision {
  if (options.hasStreamPosition()) return { kind: "revision", revision: BigInt(options.getStreamPosition()) };
  return expectedFromFlags(options);
}

function expectedFromFlags(options: RevisionOneof): ExpectedRevision {
  if (options.hasNoStream()) return { kind: "no_stream" };
  if (options.hasStreamExists()) return { kind: "stream_exists" };
  // `any` set, or nothing set (the server default is any).
  return { kind: "any" };
}

/**
 * The .NET `ExpectedVersion` numbers used in the `expected-version` trailer:
 * -1 no stream, -2 any, -4 stream exists, otherwise the revision.
 */
export function expectedVersionNumber(expected: ExpectedRevision): bigint {
  switch (expected.kind) {
    case "no_stream":
      return -1n;
    case "any":
      return -2n;
    case "stream_exists":
      return -4n;
    case "revision":
      return expected.revision;
  }
}

export interface StreamFacts {
  /** Revision of the last event ever written to the stream, -1n if none. */
  readonly lastRevision: bigint;
  /** Events below this revision are hidden by a soft delete (`$tb`). */
  readonly truncateBefore: bigint;
}

/**
 * Optimistic concurrency check. A soft-deleted stream with no events past its `$tb` counts as
 * absent for `no_stream`/`stream_exists`, but its last revision still satisfies an exact
 * expected revision (a real server accepts both for the first write that recreates it).
 */
export function satisfies(facts: StreamFacts, expected: ExpectedRevision): boolean {
  const hasVisibleEvents = facts.lastRevision >= facts.truncateBefore && facts.lastRevision >= 0n;
  switch (expected.kind) {
    case "any":
      return true;
    case "no_stream":
      return !hasVisibleEvents;
    case "stream_exists":
      return hasVisibleEvents;
    case "revision":
      return facts.lastRevision >= 0n && expected.revision === facts.lastRevision;
  }
}
