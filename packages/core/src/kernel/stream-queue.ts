/**
 * One queue per key: work for a key starts when the work queued before it for the same key has
 * settled (resolved or failed); work for other keys runs meanwhile. The command handler queues
 * commands by stream, so callers in one process take turns on a stream instead of racing for
 * its next revision.
 */
export class StreamQueue {
  /** The last work queued per key, settled or not; dropped once it settles with nothing behind it. */
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key);
    const result = before === undefined ? work() : before.then(work, work);
    const tail: Promise<void> = result.then(
      (): void => this.settled(key, tail),
      (): void => this.settled(key, tail),
    );
    this.tails.set(key, tail);
    return result;
  }

  /** How many keys have work queued or running (for tests). */
  get size(): number {
    return this.tails.size;
  }

  private settled(key: string, tail: Promise<unknown>): void {
    if (this.tails.get(key) === tail) this.tails.delete(key);
  }
}
