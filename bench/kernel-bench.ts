/**
 * Issue 2's workload: 100,000 commands over 1,000 streams. Each command loads and folds its
 * stream, decides one event and appends it with full metadata; then every stream is folded
 * back from the store (`foldStream`: read in pages, decoded, evolved). The same workload runs on
 * safety-ledger (memory store, hash chain included), on Castore with its in-memory adapter, and
 * on a hand-rolled Map of arrays. For safety-ledger a third phase hashes every stored event again
 * (`recomputeHash`: canonical bytes and SHA-256, checked against the stored hash): what the
 * chain alone costs.
 */
import { EventStore as CastoreEventStore, EventType } from "@castore/core";
import { InMemoryEventStorageAdapter } from "@castore/event-storage-adapter-in-memory";
import {
  chainCommandEvents,
  createCommandHandler,
  createMemoryStore,
  type EventMetadata,
  fold,
  foldStream,
  GENESIS_HASH,
  newId,
  recomputeHash,
  systemIsoClock,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import {
  actor,
  decideTally,
  evolveTally,
  initialTally,
  type Tally,
  type TallyEvent,
  tallyAggregate,
} from "./tally";

export interface PhaseTimes {
  readonly command: number;
  readonly foldBack: number;
  /** safety-ledger only: hashing the same events again, the hash chain's share of the command phase. */
  readonly chain?: number;
}

const COMMANDS = 100_000;
const STREAMS = 1_000;
const siteOf = (i: number) => `S${i % STREAMS}`;
const findingsOf = (i: number) => i % 7;
const occurredAt = "2021-03-01T10:00:00+08:00";

const time = async (work: () => Promise<void>): Promise<number> => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

const gc = (globalThis as { gc?: () => void }).gc;
/**
 * A phase after the first, timed from a collected heap (with `--expose-gc`, as `run.ts` starts
 * every variant): otherwise a major collection begun by the command phase's allocations lands,
 * or not, in the next phase's window (its marking steps and final pause ran 100-250 ms inside
 * safety-ledger's 20-30 ms fold-back in every traced run, `--trace-gc`, and in none of Castore's,
 * whose heap stays under the limit). The collection is timed in neither phase, for every variant.
 */
const timeNextPhase = (work: () => Promise<void>): Promise<number> => {
  gc?.();
  return time(work);
};

/**
 * The fold-back phase: `foldAll` folds every stream back and returns the inspections it counted.
 * With `BENCH_FOLD_TWICE=1` every variant folds back once untimed first, so the figure is of a
 * fold-back after a fold-back rather than the first one after the command phase (see
 * docs/benchmarks.md, "Steady state, and the first fold-back").
 */
const timeFoldBack = async (foldAll: () => Promise<number>): Promise<number> => {
  if (process.env.BENCH_FOLD_TWICE === "1") await foldAll();
  let seen = 0;
  const seconds = await timeNextPhase(async () => {
    seen = await foldAll();
  });
  if (seen !== COMMANDS) throw new Error(`fold-back saw ${seen} events`);
  return seconds;
};

export const safetyLedger = async (): Promise<PhaseTimes> => {
  const store = createMemoryStore();
  const handle = createCommandHandler(store);
  const command = await time(async () => {
    for (let i = 0; i < COMMANDS; i++) {
      const result = await handle(tallyAggregate, {
        command: { type: "RecordInspection", data: { site: siteOf(i), findings: findingsOf(i) } },
        commandId: newId(),
        actor,
        occurredAt,
      });
      if (E.isLeft(result)) throw new Error(result.left.message);
    }
  });
  const foldBack = await timeFoldBack(async () => {
    let check = 0;
    for (let s = 0; s < STREAMS; s++) {
      const folded = await foldStream(store, tallyAggregate, `site-S${s}`);
      if (E.isLeft(folded)) throw new Error(folded.left.message);
      check += folded.right.state.inspections;
    }
    return check;
  });
  const chain = await timeNextPhase(async () => {
    for await (const page of store.readAllPages())
      for (const stored of page)
        if (recomputeHash(stored) !== stored.metadata.hash)
          throw new Error(`chain alone gave another hash at ${stored.stream}@${stored.revision}`);
  });
  return { command, foldBack, chain };
};

const InspectionRecordedType = new EventType<
  "InspectionRecorded",
  { findings: number; total: number },
  unknown
>({
  type: "InspectionRecorded",
});

/** Record time for the peers "+ chain", from the same clock the command handler uses. */
const isoNow = systemIsoClock();

/** The metadata safety-ledger records, sealed onto the stream's chain, for the peers "+ chain". */
const sealed = (
  stream: string,
  revision: number,
  prevHash: string,
  data: TallyEvent["data"],
  commandId: string,
) =>
  chainCommandEvents(
    stream,
    revision,
    prevHash,
    {
      actor,
      commandId,
      commandType: "RecordInspection",
      correlationId: commandId,
      causationId: commandId,
      occurredAt,
      recordedAt: isoNow(),
      rulesVersion: "0.1.0",
    },
    [{ type: "InspectionRecorded", schemaVersion: 1, data }],
    newId,
  )[0]!;

const castoreRun = async (withChain: boolean): Promise<PhaseTimes> => {
  interface SiteAggregate {
    aggregateId: string;
    version: number;
    inspections: number;
    findings: number;
    lastHash: string;
  }
  const store = new CastoreEventStore({
    eventStoreId: "SITES",
    eventTypes: [InspectionRecordedType],
    reducer: (aggregate: SiteAggregate | undefined, event): SiteAggregate => ({
      aggregateId: event.aggregateId,
      version: event.version,
      inspections: (aggregate?.inspections ?? 0) + 1,
      findings: event.payload.total,
      lastHash: (event.metadata as { hash?: string }).hash ?? GENESIS_HASH,
    }),
    eventStorageAdapter: new InMemoryEventStorageAdapter(),
  });
  const command = await time(async () => {
    for (let i = 0; i < COMMANDS; i++) {
      const site = siteOf(i);
      const { aggregate } = await store.getAggregate(site);
      const findings = findingsOf(i);
      const version = (aggregate?.version ?? 0) + 1;
      const payload = { findings, total: (aggregate?.findings ?? 0) + findings };
      const commandId = newId();
      await store.pushEvent({
        aggregateId: site,
        version,
        type: "InspectionRecorded",
        payload,
        metadata: withChain
          ? sealed(`site-${site}`, version - 1, aggregate?.lastHash ?? GENESIS_HASH, payload, commandId)
              .metadata
          : { actor, commandId, occurredAt },
      });
    }
  });
  const foldBack = await timeFoldBack(async () => {
    let check = 0;
    for (let s = 0; s < STREAMS; s++)
      check += (await store.getAggregate(`S${s}`)).aggregate?.inspections ?? 0;
    return check;
  });
  return { command, foldBack };
};

const handRolledRun = async (withChain: boolean): Promise<PhaseTimes> => {
  interface Row {
    readonly event: TallyEvent;
    readonly metadata:
      | EventMetadata
      | {
          readonly actor: object;
          readonly commandId: string;
          readonly occurredAt: string;
          readonly hash?: undefined;
        };
  }
  const streams = new Map<string, Row[]>();
  const foldRows = (rows: Row[]): Tally => fold(evolveTally, initialTally)(rows.map((r) => r.event));
  const command = await time(async () => {
    for (let i = 0; i < COMMANDS; i++) {
      const stream = `site-${siteOf(i)}`;
      const rows = streams.get(stream) ?? [];
      const decided = decideTally(
        { type: "RecordInspection", data: { site: siteOf(i), findings: findingsOf(i) } },
        foldRows(rows),
      );
      if (E.isLeft(decided)) throw new Error(decided.left.message);
      for (const event of decided.right) {
        const commandId = newId();
        rows.push({
          event,
          metadata: withChain
            ? sealed(stream, rows.length, rows.at(-1)?.metadata.hash ?? GENESIS_HASH, event.data, commandId)
                .metadata
            : { actor, commandId, occurredAt },
        });
      }
      streams.set(stream, rows);
    }
  });
  const foldBack = await timeFoldBack(async () => {
    let check = 0;
    for (const rows of streams.values()) check += foldRows(rows).inspections;
    return check;
  });
  return { command, foldBack };
};

/**
 * The peers as the issue names them, and each again "+ chain": recording the same metadata,
 * sealed onto the same hash chain with safety-ledger's `chainCommandEvents`, so the comparison
 * can also be made with the cost of tamper evidence on both sides.
 */
export const kernelVariants = {
  "safety-ledger": safetyLedger,
  castore: () => castoreRun(false),
  "hand-rolled": () => handRolledRun(false),
  "castore + chain": () => castoreRun(true),
  "hand-rolled + chain": () => handRolledRun(true),
} as const;
export const KERNEL_EVENTS = COMMANDS;
