/**
 * A dry-run store: reads see the real store plus what was appended here; appends stay here.
 * `import` decides every row against it first, so a file with a bad row appends nothing; then
 * `pending()` is everything the rows appended, ready to be written to the real store in one
 * batch, each stream expected at the revision the dry run found it at.
 */
import {
  type BatchAppend,
  describeExpected,
  type EventStore,
  exactly,
  matchesExpected,
  NO_STREAM,
  type ReadStreamOptions,
  type StoredEvent,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";

export interface OverlayStore extends EventStore {
  /**
   * What was appended here, append by append in the order it happened (so the ledger's global
   * order is the dry run's), each expected at the revision it was appended after.
   */
  readonly pending: () => ReadonlyArray<BatchAppend>;
}

export const overlayStore = (base: EventStore): OverlayStore => {
  const added = new Map<string, StoredEvent[]>();
  const log: BatchAppend[] = [];
  let position = 0n;

  const baseHead = async (stream: string): Promise<number | undefined> => {
    for await (const e of base.readStream(stream, { direction: "backwards", maxCount: 1 })) return e.revision;
    return undefined;
  };

  async function* forwards(stream: string, from: number, max: number): AsyncGenerator<StoredEvent> {
    let n = 0;
    if (n >= max) return;
    for await (const e of base.readStream(stream, { fromRevision: from })) {
      yield e;
      if (++n >= max) return;
    }
    for (const e of added.get(stream) ?? [])
      if (e.revision >= from) {
        yield e;
        if (++n >= max) return;
      }
  }

  return {
    append: async (stream, events, expected) => {
      const mine = added.get(stream) ?? [];
      const current = mine.length > 0 ? mine[mine.length - 1]!.revision : await baseHead(stream);
      if (!matchesExpected(expected, current))
        return E.left({
          _tag: "WrongExpectedVersion",
          code: "WRONG_EXPECTED_VERSION",
          message: `Stream ${stream} is at ${current === undefined ? "no stream" : `revision ${current}`}, not ${describeExpected(expected)}.`,
          stream,
          expected,
          actual: current,
        });
      let revision = current ?? -1;
      const stored = events.map((e) => {
        position += 1n;
        revision += 1;
        return { ...e, stream, revision, position };
      });
      added.set(stream, [...mine, ...stored]);
      if (events.length > 0)
        log.push({ stream, expected: current === undefined ? NO_STREAM : exactly(current), events });
      return E.right({ nextExpectedRevision: revision, position });
    },
    readStream: (stream: string, options: ReadStreamOptions = {}) => {
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
    pending: () => log,
    readAll: (options) => base.readAll(options),
    subscribeToAll: (options) => base.subscribeToAll(options),
    close: async () => {},
  };
};
