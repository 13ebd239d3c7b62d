/**
 * Span classes of the business intervals of the versions known now (docs/read-models.md, "As
 * known now"): a version holding on D has valid_from <= D < valid_to, and among those of class n
 * (its length below 2^n) it also ends before D + 2^n, so the versions holding on D are found
 * class by class in short ranges of `valid_to` instead of every version ending after D.
 */
import { FOREVER, UNBOUNDED } from "./versions";

/** The span class of the business intervals open to the end (`valid_to` = FOREVER). */
export const OPEN_SPAN = 64;
/** The span classes of the bounded intervals: every length of one (at most 2^53) is below 2^53. */
export const BOUNDED_SPANS = 53;

/**
 * The span class of a business interval [from, to): the least n with `to - from < 2^n` (kept
 * exact, not trusting a floating log), `OPEN_SPAN` for one open to the end.
 */
export const spanOf = (from: number, to: number): number => {
  if (to === FOREVER) return OPEN_SPAN;
  const length = Math.max(1, to - from);
  let n = Math.max(1, Math.floor(Math.log2(length)));
  while (2 ** n <= length) n++;
  return n;
};

/**
 * The (span, after, before) bounds that find the versions holding at `asOf`: those of class
 * `span` with `after < valid_to < before` (and `valid_from <= asOf`).
 */
export const spanRanges = (asOf: number): ReadonlyArray<readonly [number, number, number]> => {
  const open: readonly [number, number, number] = [OPEN_SPAN, asOf, FOREVER + 1];
  if (asOf >= UNBOUNDED) return [open];
  const out: Array<readonly [number, number, number]> = [];
  for (let n = 1; n <= BOUNDED_SPANS; n++) out.push([n, asOf, Math.min(asOf + 2 ** n, FOREVER + 1)]);
  out.push(open);
  return out;
};
