/**
 * The kernel workload's fold-back, safety-ledger against Castore, in one process and in steady
 * state: both stores built (100,000 commands each, round-robin over 1,000 streams; the order
 * given as `ours-first` or `castore-first`), one collection, then every stream folded back by
 * each in turn, 21 times; medians. The kernel benchmark times one fold-back per process, the
 * first after the command phase; this times the ones after it.
 * `node --expose-gc --import tsx bench/fold-steady.ts ours-first`
 */
import { EventStore as CastoreEventStore, EventType } from "@castore/core";
import { InMemoryEventStorageAdapter } from "@castore/event-storage-adapter-in-memory";
import { createCommandHandler, createMemoryStore, foldStream, newId } from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { median } from "./median";
import { actor, tallyAggregate } from "./tally";

const COMMANDS = 100_000;
const STREAMS = 1_000;
const PASSES = 21;
const occurredAt = "2021-03-01T10:00:00+08:00";
const order = process.argv[2] ?? "ours-first";
if (order !== "ours-first" && order !== "castore-first") throw new Error("ours-first or castore-first");

const store = createMemoryStore();
const handle = createCommandHandler(store);
const buildOurs = async () => {
  for (let i = 0; i < COMMANDS; i++) {
    const result = await handle(tallyAggregate, {
      command: { type: "RecordInspection", data: { site: `S${i % STREAMS}`, findings: i % 7 } },
      commandId: newId(),
      actor,
      occurredAt,
    });
    if (E.isLeft(result)) throw new Error(result.left.message);
  }
};

interface Site {
  aggregateId: string;
  version: number;
  inspections: number;
  findings: number;
}
const castore = new CastoreEventStore({
  eventStoreId: "SITES",
  eventTypes: [
    new EventType<"InspectionRecorded", { findings: number; total: number }, unknown>({
      type: "InspectionRecorded",
    }),
  ],
  reducer: (site: Site | undefined, event): Site => ({
    aggregateId: event.aggregateId,
    version: event.version,
    inspections: (site?.inspections ?? 0) + 1,
    findings: event.payload.total,
  }),
  eventStorageAdapter: new InMemoryEventStorageAdapter(),
});
const buildCastore = async () => {
  for (let i = 0; i < COMMANDS; i++) {
    const site = `S${i % STREAMS}`;
    const { aggregate } = await castore.getAggregate(site);
    const findings = i % 7;
    await castore.pushEvent({
      aggregateId: site,
      version: (aggregate?.version ?? 0) + 1,
      type: "InspectionRecorded",
      payload: { findings, total: (aggregate?.findings ?? 0) + findings },
      metadata: { actor, commandId: newId(), occurredAt },
    });
  }
};

if (order === "ours-first") {
  await buildOurs();
  await buildCastore();
} else {
  await buildCastore();
  await buildOurs();
}
(globalThis as { gc?: () => void }).gc?.();

const ms = async (work: () => Promise<number>): Promise<number> => {
  const start = process.hrtime.bigint();
  const seen = await work();
  if (seen !== COMMANDS) throw new Error(`a fold-back saw ${seen} events`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const ours: number[] = [];
const theirs: number[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  ours.push(
    await ms(async () => {
      let seen = 0;
      for (let s = 0; s < STREAMS; s++) {
        const folded = await foldStream(store, tallyAggregate, `site-S${s}`);
        if (E.isLeft(folded)) throw new Error(folded.left.message);
        seen += folded.right.state.inspections;
      }
      return seen;
    }),
  );
  theirs.push(
    await ms(async () => {
      let seen = 0;
      for (let s = 0; s < STREAMS; s++)
        seen += (await castore.getAggregate(`S${s}`)).aggregate?.inspections ?? 0;
      return seen;
    }),
  );
}
const a = median(ours);
const b = median(theirs);
console.log(
  `${order}: first fold-back safety-ledger ${ours[0]!.toFixed(2)} ms, Castore ${theirs[0]!.toFixed(2)} ms; ` +
    `medians ${a.toFixed(2)} and ${b.toFixed(2)} ms: safety-ledger ${(b / a).toFixed(2)}× Castore`,
);
