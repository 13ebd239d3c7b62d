/**
 * Where the kernel benchmark's fold-back spends its time, timed in one process over one store
 * (ms per 100,000 events, medians of 21 passes), behind docs/benchmarks.md's fold-back section:
 * `node --expose-gc --import tsx bench/fold-parts.ts`.
 *
 * The store is the kernel workload's: 100,000 commands through the command handler, round-robin
 * over 1,000 streams. Then, after a collection:
 * - `foldStream` of every stream, as the benchmark's fold-back;
 * - the same check and evolve (`asCurrent`, then the tally's `evolve`) over the store's own
 *   events, without the store's read, and over copies of them allocated stream by stream
 *   (fresh, adjacent in memory): the difference is the cost of reaching events that lie
 *   scattered in the heap, not of work done on them;
 * - the stream pages read alone (the store's async generators, no event touched).
 */
import {
  createCommandHandler,
  createMemoryStore,
  foldStream,
  newId,
  type StoredEvent,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { actor, evolveTally, initialTally, type TallyEvent, tallyAggregate } from "./tally";

const COMMANDS = 100_000;
const STREAMS = 1_000;
const PASSES = 21;

const store = createMemoryStore();
const handle = createCommandHandler(store);
for (let i = 0; i < COMMANDS; i++) {
  const result = await handle(tallyAggregate, {
    command: { type: "RecordInspection", data: { site: `S${i % STREAMS}`, findings: i % 7 } },
    commandId: newId(),
    actor,
    occurredAt: "2021-03-01T10:00:00+08:00",
  });
  if (E.isLeft(result)) throw new Error(result.left.message);
}

const stored: ReadonlyArray<StoredEvent>[] = [];
for (let s = 0; s < STREAMS; s++)
  for await (const page of store.readStreamPages(`site-S${s}`)) stored.push(page);
const fresh = stored.map((page) =>
  page.map((e) => ({ ...e, data: { ...(e.data as TallyEvent["data"]) } }) as StoredEvent),
);
(globalThis as { gc?: () => void }).gc?.();

let seen = 0;
const ms = async (work: () => unknown): Promise<number> => {
  const runs: number[] = [];
  for (let r = 0; r < PASSES; r++) {
    const start = process.hrtime.bigint();
    await work();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return runs.sort((a, b) => a - b)[Math.floor(PASSES / 2)]!;
};
const checkAndEvolve = (pages: ReadonlyArray<StoredEvent>[]) => () => {
  const registry = tallyAggregate.events;
  for (const page of pages) {
    let state = initialTally;
    for (const e of page) {
      const event = registry.asCurrent(e);
      if (event === undefined) throw new Error(`${e.stream}@${e.revision} is not current`);
      state = evolveTally(state, event);
    }
    seen += state.inspections;
  }
};

const rows: [string, number][] = [];
// Twice over, so a first pass's warm-up shows as a difference between the two.
for (let round = 1; round <= 2; round++) {
  rows.push([
    `foldStream of every stream (round ${round})`,
    await ms(async () => {
      for (let s = 0; s < STREAMS; s++) {
        const folded = await foldStream(store, tallyAggregate, `site-S${s}`);
        if (E.isLeft(folded)) throw new Error(folded.left.message);
        seen += folded.right.events;
      }
    }),
  ]);
  rows.push([`check and evolve, the store's events (round ${round})`, await ms(checkAndEvolve(stored))]);
  rows.push([`check and evolve, fresh copies (round ${round})`, await ms(checkAndEvolve(fresh))]);
  rows.push([
    `stream pages read alone (round ${round})`,
    await ms(async () => {
      for (let s = 0; s < STREAMS; s++)
        for await (const page of store.readStreamPages(`site-S${s}`)) seen += page.length;
    }),
  ]);
}
if (seen === 0) throw new Error("nothing was folded");
for (const [name, value] of rows) console.log(`${name.padEnd(52)} ${value.toFixed(2).padStart(8)} ms`);
