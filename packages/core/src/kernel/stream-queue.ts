/**
 * One queue per key: work for a key starts when the work taken before it for the same key has
 * finished; work for other keys runs meanwhile. The command handler queues commands by stream,
 * so callers in one process take turns on a stream instead of racing for its next revision.
 *
 * `take` and `release` rather than a wrapper around promises: a key nobody holds is taken at
 * once, with no promise made, which is every command of a caller that does not race itself.
 */
export class StreamQueue {
  /** The keys held, each with the callers waiting for it, in order. */
  private readonly held = new Map<string, Array<() => void>>();

  /**
   * Take the key: `undefined` when it was free (it is now yours), else a promise that resolves
   * when it is your turn. Every take is followed by exactly one `release` of the same key.
   */
  take(key: string): Promise<void> | undefined {
    const waiting = this.held.get(key);
    if (waiting === undefined) {
      this.held.set(key, []);
      return undefined;
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  }

  /** Give the key to the next caller waiting for it, or free it. */
  release(key: string): void {
    const next = this.held.get(key)?.shift();
    if (next === undefined) this.held.delete(key);
    else next();
  }

  /** How many keys are held (for tests). */
  get size(): number {
    return this.held.size;
  }
}
