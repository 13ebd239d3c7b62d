/**
 * A dry-run store for `import`: reads see the real store plus what was appended here; appends
 * stay here. What is appended goes to the import's spool file, not memory: per stream the store
 * keeps where the ledger had it, where the dry run left it and where its appends are in the
 * spool (`StreamHeads`), and reads them back from there when a stream's events are asked for again (the
 * command handler's cache usually spares that). So a 100k-row file costs a few numbers per
 * stream, and the spool is, append by append in the order it happened, the batch to write.
 */
import {
  type EventStore,
  exactly,
  matchesExpected,
  NO_STREAM,
  type ReadStreamOptions,
  type StoredEvent,
  wrongExpectedVersion,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import type { Spool } from "./spool";
import { StreamHeads } from "./stream-heads";

export const overlayStore = (base: EventStore, spool: Pick<Spool, "add" | "readAt">): EventStore => {
  const heads = new StreamHeads();
  let position = 0n;

  const ledgerHead = async (stream: string): Promise<number | undefined> => {
    for await (const e of base.readStream(stream, { direction: "backwards", maxCount: 1 })) return e.revision;
    return undefined;
  };

  /** The dry run's events on a stream, read back from the spool. */
  function* appended(stream: string): Generator<StoredEvent> {
    let revision = heads.inLedgerOf(stream) ?? -1;
    for (const ref of heads.appendsOf(stream))
      for (const event of spool.readAt(ref).events) {
        revision += 1;
        yield { ...event, stream, revision, position: 0n };
      }
  }

  async function* forwards(stream: string, from: number, max: number): AsyncGenerator<StoredEvent> {
    let n = 0;
    if (n >= max) return;
    const inLedger = heads.inLedgerOf(stream) ?? -1;
    if (from <= inLedger)
      for await (const e of base.readStream(stream, { fromRevision: from, maxCount: inLedger - from + 1 })) {
        yield e;
        if (++n >= max) return;
      }
    if (from > (heads.revisionOf(stream) ?? -1)) return;
    for (const e of appended(stream))
      if (e.revision >= from) {
        yield e;
        if (++n >= max) return;
      }
  }

  return {
    append: async (stream, events, expected) => {
      const current = heads.has(stream) ? heads.revisionOf(stream) : await ledgerHead(stream);
      if (!matchesExpected(expected, current)) return E.left(wrongExpectedVersion(stream, expected, current));
      if (events.length === 0) return E.right({ nextExpectedRevision: current ?? -1, position });
      const revision = (current ?? -1) + events.length;
      const ref = spool.add({
        stream,
        expected: current === undefined ? NO_STREAM : exactly(current),
        events,
      });
      heads.appended(stream, current, revision, ref);
      position += BigInt(events.length);
      return E.right({ nextExpectedRevision: revision, position });
    },
    readStream: (stream: string, options: ReadStreamOptions = {}) => {
      if (!heads.has(stream)) return base.readStream(stream, options);
      const max = options.maxCount ?? Number.POSITIVE_INFINITY;
      if (options.direction !== "backwards") return forwards(stream, options.fromRevision ?? 0, max);
      return (async function* () {
        const all: StoredEvent[] = [];
        for await (const e of forwards(stream, 0, Number.POSITIVE_INFINITY)) all.push(e);
        const from = options.fromRevision ?? Number.POSITIVE_INFINITY;
        let n = 0;
        for (const e of all.reverse())
          if (e.revision <= from) {
            if (n++ >= max) return;
            yield e;
          }
      })();
    },
    readAll: (options) => base.readAll(options),
    subscribeToAll: (options) => base.subscribeToAll(options),
    close: async () => {},
  };
};
