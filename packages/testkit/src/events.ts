/** Building well-formed, hash-chained events for tests. */
import {
  type Actor,
  chainEvents,
  type EventToAppend,
  GENESIS_HASH,
  type Json,
  newEventId,
} from "@safety-ledger/core";

export const testActor: Actor = { unit: "GY-EMB", role: "office", person: "Test Clerk" };

export interface TestEventSpec {
  readonly type?: string;
  readonly data?: Json;
}

/**
 * `count` events for `stream`, chained from `firstRevision` after `previousHash`, with full
 * metadata. Data defaults to `{ n: <revision> }`.
 */
export const makeEvents = (
  stream: string,
  count: number,
  options: {
    readonly firstRevision?: number;
    readonly previousHash?: string;
    readonly type?: string;
    readonly data?: (revision: number) => Json;
    readonly occurredAt?: (revision: number) => string;
  } = {},
): EventToAppend[] => {
  const first = options.firstRevision ?? 0;
  const commandId = newEventId();
  return chainEvents(
    stream,
    first,
    options.previousHash ?? GENESIS_HASH,
    Array.from({ length: count }, (_, i) => ({
      id: newEventId(),
      type: options.type ?? "TestHappened",
      schemaVersion: 1,
      data: options.data?.(first + i) ?? { n: first + i },
      metadata: {
        actor: testActor,
        commandId,
        commandType: "DoTest",
        correlationId: commandId,
        causationId: commandId,
        occurredAt: options.occurredAt?.(first + i) ?? "2020-07-14T09:00:00+08:00",
        recordedAt: "2020-07-14T01:00:00.000Z",
        rulesVersion: "test",
      },
    })),
  );
};

/** Collect an async iterable (for small reads in tests). */
export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

/** Take the next `n` items of an async iterator, failing after `timeoutMs`. */
export const take = async <T>(iterator: AsyncIterator<T>, n: number, timeoutMs = 10_000): Promise<T[]> => {
  const out: T[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < n) {
    const remaining = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      iterator.next(),
      new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), Math.max(remaining, 0));
      }),
    ]);
    clearTimeout(timer);
    if (next === "timeout") throw new Error(`timed out after ${out.length} of ${n} items`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
};
