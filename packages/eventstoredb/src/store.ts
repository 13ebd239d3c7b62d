/**
 * The store port on EventStoreDB. Reads page through the server with `maxCount`, so memory
 * stays bounded; `$all` reads and subscriptions are filtered on the server and never let a
 * system event through; positions are commit positions.
 */
import {
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  LedgerFailure,
  type MasterKey,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import type { ClientPort, LogPosition, RecordedEvent } from "./client-port";
import { readFailure, toLedgerError } from "./errors";
import { planFilter } from "./filters";
import { fromRecorded, logPosition, toClientExpected, toEventData } from "./mapping";
import { eventStoreDbSubjectKeyStore, type SubjectKeyStoreOptions } from "./subject-keys";

export interface StoreOptions {
  /** Events a read asks the server for at a time (default 500, at least 2). */
  readonly pageSize?: number;
}

export interface EventStoreDbStore extends EventStore {
  /** False when the client was passed in: `close()` then leaves it open for its owner. */
  readonly ownsClient: boolean;
  /** The subjects' data keys in this database (`subject-key-…` streams), wrapped by `master`. */
  subjectKeys(
    master: MasterKey,
    options?: SubjectKeyStoreOptions,
  ): ReturnType<typeof eventStoreDbSubjectKeyStore>;
}

/** The store on any `ClientPort`; `ownsClient` says whether `close()` disposes it. */
export const createStoreOnPort = (
  port: ClientPort,
  ownsClient: boolean,
  options: StoreOptions = {},
): EventStoreDbStore => {
  const pageSize = Math.max(2, Math.floor(options.pageSize ?? 500));
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const assertOpen = () => {
    if (closed) throw new LedgerFailure(toLedgerError(new Error("the EventStoreDB store is closed")));
  };

  const toStored = (event: RecordedEvent): StoredEvent => {
    const stored = fromRecorded(event);
    if (E.isRight(stored)) return stored.right;
    throw new LedgerFailure({
      _tag: "EventDecodeError",
      code: "UNDECODABLE_EVENT",
      stream: event.stream,
      revision: Number(event.revision),
      eventType: event.type,
      issues: stored.left,
      message: `Event ${event.stream}@${event.revision} (${event.type}) in EventStoreDB is not a ledger event: ${stored.left
        .map((i) => `${i.path || "(root)"}: ${i.message}`)
        .join("; ")}`,
    });
  };

  const lastPositionOf = async (stream: string): Promise<bigint> => {
    for await (const event of port.readStream(stream, { direction: "backwards", from: "end", maxCount: 1 }))
      if (event.position !== undefined) return event.position.commit;
    return 0n;
  };

  const append = async (
    stream: string,
    events: ReadonlyArray<EventToAppend>,
    expected: ExpectedVersion,
  ): Promise<E.Either<ReturnType<typeof toLedgerError>, AppendResult>> => {
    assertOpen();
    try {
      const result = await port.append(stream, events.map(toEventData), toClientExpected(expected));
      return E.right({
        nextExpectedRevision: Number(result.nextExpectedRevision),
        position: result.position?.commit ?? (await lastPositionOf(stream)),
      });
    } catch (error) {
      return E.left(toLedgerError(error, { stream, expected }));
    }
  };

  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    assertOpen();
    const backwards = options.direction === "backwards";
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from: bigint | "start" | "end" =
      options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? "end" : "start";
    try {
      while (remaining > 0) {
        const page = Math.min(pageSize, remaining);
        let read = 0;
        let last: bigint | undefined;
        for await (const event of port.readStream(stream, {
          direction: backwards ? "backwards" : "forwards",
          from,
          maxCount: page,
        })) {
          read += 1;
          remaining -= 1;
          last = event.revision;
          yield toStored(event);
        }
        if (read < page || last === undefined) return;
        if (backwards && last === 0n) return;
        from = backwards ? last - 1n : last + 1n;
      }
    } catch (error) {
      throw readFailure(error);
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    assertOpen();
    const plan = planFilter(options.filter);
    if (plan.nothing) return;
    const backwards = options.direction === "backwards";
    // The port's bounds are exclusive; the server's forwards start is inclusive, so the event
    // at the bound comes back and is skipped (backwards the server is exclusive already).
    let bound = backwards ? options.before : options.after;
    let from: LogPosition | "start" | "end" =
      bound === undefined ? (backwards ? "end" : "start") : logPosition(bound);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    try {
      while (remaining > 0) {
        const page = Math.min(pageSize, remaining + 1);
        let read = 0;
        let last: LogPosition | undefined;
        for await (const event of port.readAll({
          direction: backwards ? "backwards" : "forwards",
          from,
          maxCount: page,
          filter: plan.server,
        })) {
          read += 1;
          const position = event.position;
          if (position === undefined) {
            toStored(event); // throws: an event in $all without a position
            continue;
          }
          last = position;
          if (bound !== undefined && (backwards ? position.commit >= bound : position.commit <= bound))
            continue;
          if (!plan.keep(event)) continue;
          remaining -= 1;
          yield toStored(event);
          if (remaining <= 0) return;
        }
        if (read < page || last === undefined) return;
        if (bound !== undefined && last.commit === bound) return; // no progress: nothing beyond the bound
        bound = last.commit;
        from = last;
      }
    } catch (error) {
      throw readFailure(error);
    }
  }

  const subscribeToAll = (options: SubscribeOptions = {}): Subscription => {
    assertOpen();
    const plan = planFilter(options.filter);
    const after = options.after;
    let resolveClosed: () => void = () => undefined;
    const closedSignal = new Promise<void>((resolve) => {
      resolveClosed = resolve;
    });
    let isClosed = false;
    const inner = plan.nothing
      ? undefined
      : port.subscribeToAll({
          from: after === undefined ? "start" : logPosition(after),
          filter: plan.server,
        });
    const source = inner?.[Symbol.asyncIterator]();
    const done: IteratorReturnResult<undefined> = { done: true, value: undefined };

    const next = async (): Promise<IteratorResult<StoredEvent>> => {
      while (!isClosed) {
        if (source === undefined) {
          await closedSignal;
          return done;
        }
        let result: IteratorResult<RecordedEvent> | "closed";
        try {
          result = await Promise.race([source.next(), closedSignal.then(() => "closed" as const)]);
        } catch (error) {
          if (isClosed) return done;
          throw readFailure(error);
        }
        if (result === "closed" || result.done) return done;
        const event = result.value;
        // subscriptions start after the position on the server; this only guards a replay of it
        if (after !== undefined && event.position !== undefined && event.position.commit <= after) continue;
        if (plan.nothing || !plan.keep(event)) continue;
        try {
          return { done: false, value: toStored(event) };
        } catch (error) {
          throw readFailure(error);
        }
      }
      return done;
    };

    const close = async () => {
      if (isClosed) return;
      isClosed = true;
      subscriptions.delete(subscription);
      resolveClosed();
      await inner?.close();
    };
    const iterator: AsyncIterator<StoredEvent> = {
      next,
      return: async () => {
        await close();
        return done;
      },
    };
    const subscription: Subscription = {
      [Symbol.asyncIterator]: () => iterator,
      close,
    };
    subscriptions.add(subscription);
    return subscription;
  };

  return {
    ownsClient,
    subjectKeys: (master, keyOptions) => eventStoreDbSubjectKeyStore(port, master, keyOptions),
    append,
    readStream,
    readAll,
    subscribeToAll,
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((s) => s.close()));
      if (ownsClient) await port.dispose();
    },
  };
};
