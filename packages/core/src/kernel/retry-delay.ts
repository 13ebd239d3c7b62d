/**
 * How long a writer waits before trying again after another process took the revision it read
 * (or the store was busy): exponential backoff with full jitter, a random share of
 * `min(maxMs, baseMs × 2^(retry-1))`. Writers that collided then spread out instead of retrying
 * in lock-step and colliding again. The random source is a parameter, so tests are deterministic.
 */
export interface RetryDelay {
  /** The cap of the first retry's delay (ms, default 5). */
  readonly baseMs?: number;
  /** The most any one delay may be (ms, default 500). */
  readonly maxMs?: number;
}

/** The delay before retry number `retry` (1 for the first), with `random()` in [0, 1). */
export const jitteredDelayMs = (retry: number, random: () => number, delay: RetryDelay = {}): number => {
  const base = delay.baseMs ?? 5;
  const max = delay.maxMs ?? 500;
  const cap = Math.min(max, base * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
};

export const sleepMs = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
