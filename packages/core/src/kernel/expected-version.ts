/**
 * What a writer believes about a stream before it appends: the whole concurrency vocabulary.
 * Revisions are 0-based; a stream's revision is the revision of its last event.
 */
export type ExpectedVersion = "no_stream" | "stream_exists" | "any" | { readonly revision: number };

export const NO_STREAM = "no_stream" as const;
export const STREAM_EXISTS = "stream_exists" as const;
export const ANY = "any" as const;
export const exactly = (revision: number): ExpectedVersion => ({ revision });

/** The expected version that matches a stream whose last revision is `current` (undefined: no stream). */
export const expectedFromCurrent = (current: number | undefined): ExpectedVersion =>
  current === undefined ? NO_STREAM : exactly(current);

/** Does a stream whose last revision is `current` (undefined: none) satisfy `expected`? */
export const matchesExpected = (expected: ExpectedVersion, current: number | undefined): boolean => {
  if (expected === ANY) return true;
  if (expected === NO_STREAM) return current === undefined;
  if (expected === STREAM_EXISTS) return current !== undefined;
  return current === expected.revision;
};

export const describeExpected = (expected: ExpectedVersion): string =>
  typeof expected === "string" ? expected : `revision ${expected.revision}`;
