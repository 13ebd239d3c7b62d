/**
 * Issue 5's benchmark: 10,000 events appended in batches of 1, 10 and 100 and read back, through
 * the EventStoreDB adapter and through the raw `@eventstore/db-client` on the same in-repo
 * double (`startEsdbDouble`), in the same process run, with the same client instance (the
 * adapter is given it with `{ client }`). Medians over rounds; the target is an adapter overhead
 * of at most 10 % on each row.
 *
 * Workload: 100 streams of 100 events (`{ site, findings, total, note }`, full ledger metadata).
 * Each variant writes its own streams; in a round (per batch size) the double is reset, the
 * variants append a tenth of their events at a time in turn (the one going first rotates), then
 * the raw client and the adapter read back in turn, five times: every stream of their own
 * (`read-streams`), and the whole of `$all` (`read-all`: every variant's 30,000 events; system
 * events skipped, on the client by the raw variant since 6.2.1's `readAll` cannot filter, on the
 * server by the adapter).
 *
 * Variants (identical events: same ids, types, data and the same metadata JSON):
 * - `raw client`: `appendToStream` with `jsonEvent`s whose metadata object is the layout the
 *   adapter writes (built before the clock starts), exact expected revisions.
 * - `adapter`: `createEventStoreDbStore`, given envelopes hash-chained before the clock starts:
 *   the adapter's own cost (mapping to the EventStoreDB layout, `Either` results, paging with
 *   `maxCount`, checking and mapping the metadata back on reads).
 * - `adapter + hash chain`: the same, with the envelopes chained (RFC 8785 canonical JSON and
 *   SHA-256 per event, in core, as the command handler does) inside the timed append. The
 *   adapter itself never hashes; this row shows what the audit trail costs on top. Its reads
 *   are the adapter's and are not repeated.
 *
 * The double runs in a child process (this file, with `--serve-double`), so its work does not
 * share the client's event loop: the client side, where the adapter's cost lies, is measured on
 * its own thread, as against a server on another machine.
 *
 * Run alone: `node --expose-gc --import tsx bench/esdb-bench.ts` (BENCH_ROUNDS, default 5).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { EventStoreDBClient, jsonEvent, NO_STREAM, START } from "@eventstore/db-client";
import {
  type Actor,
  chainEvents,
  type EventToAppend,
  exactly,
  GENESIS_HASH,
  NO_STREAM as LEDGER_NO_STREAM,
  type ExpectedVersion as LedgerExpected,
  newEventId,
} from "@safety-ledger/core";
import { startEsdbDouble } from "@safety-ledger/esdb-double";
import { createEventStoreDbStore, toEventData } from "@safety-ledger/eventstoredb";
import Table from "cli-table3";
import * as E from "fp-ts/lib/Either.js";
import { median } from "./median";

/** The shape of `Result` in bench/run.ts (kept local so neither file imports the other). */
export interface EsdbResult {
  readonly workload: string;
  readonly variant: string;
  readonly phase: string;
  readonly eventsPerSec: number;
}

export const ESDB_EVENTS = 10_000;
const STREAMS = 100;
const PER_STREAM = ESDB_EVENTS / STREAMS;
export const ESDB_BATCHES = [1, 10, 100] as const;
export const RAW = "raw client";
export const ADAPTER = "adapter";
export const ADAPTER_HASHING = "adapter + hash chain";
const VARIANTS = [RAW, ADAPTER, ADAPTER_HASHING] as const;
type Variant = (typeof VARIANTS)[number];
const PHASES = ["append", "read-streams", "read-all"] as const;
type Phase = (typeof PHASES)[number];

const actor: Actor = { unit: "GY-EMB", role: "office", person: "Bench Clerk" };

type Unchained = Parameters<typeof chainEvents>[3][number];

/** The 10,000 events, per stream, before chaining (new ids each round: nothing is cached). */
const makeUnchained = (): Unchained[][] =>
  Array.from({ length: STREAMS }, (_, s) => {
    const commandId = newEventId();
    return Array.from({ length: PER_STREAM }, (_, i) => ({
      id: newEventId(),
      type: "InspectionRecorded",
      schemaVersion: 1,
      data: { site: `S${s}`, findings: i % 7, total: i, note: "routine inspection of the site" },
      metadata: {
        actor,
        commandId,
        commandType: "RecordInspection",
        correlationId: commandId,
        causationId: commandId,
        occurredAt: "2021-03-01T10:00:00+08:00",
        recordedAt: "2021-03-01T02:00:00.000Z",
        rulesVersion: "0.1.0",
      },
    }));
  });

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** One variant's way of writing and reading; each variant writes its own streams. */
interface Worker {
  /** Append streams [from, to) in batches; returns seconds. */
  append(from: number, to: number, batch: number): Promise<number>;
  /** Read this variant's 100 streams; returns seconds. */
  readStreams(): Promise<number>;
  /** Read all of `$all` (every variant's events; system events skipped); returns [seconds, events]. */
  readAll(): Promise<[number, number]>;
}

const tagOf: Record<Variant, string> = { [RAW]: "r", [ADAPTER]: "a", [ADAPTER_HASHING]: "h" };
const streamName = (variant: Variant, s: number) => `bench${tagOf[variant]}-site_${s}`;

/** Raw client: the same events, as a user of the client alone would write and read them. */
const rawWorker = (
  client: EventStoreDBClient,
  chained: ReadonlyArray<ReadonlyArray<EventToAppend>>,
): Worker => {
  // the metadata object the adapter writes, built before the clock starts: a user of the raw
  // client has their metadata at hand too
  const plain = chained.map((events) => events.map(toEventData));
  return {
    append: async (from, to, batch) => {
      const start = process.hrtime.bigint();
      for (let s = from; s < to; s++) {
        const events = plain[s]!;
        for (let i = 0; i < PER_STREAM; i += batch)
          await client.appendToStream(
            streamName(RAW, s),
            events.slice(i, i + batch).map((e) =>
              jsonEvent({
                id: e.id,
                type: e.type,
                // biome-ignore lint/suspicious/noExplicitAny: the events' data is JSON
                data: e.data as any,
                metadata: e.metadata,
              }),
            ),
            { expectedRevision: i === 0 ? NO_STREAM : BigInt(i - 1) },
          );
      }
      return seconds(start);
    },
    readStreams: async () => {
      const start = process.hrtime.bigint();
      let read = 0;
      for (let s = 0; s < STREAMS; s++)
        for await (const resolved of client.readStream(streamName(RAW, s)))
          if (resolved.event !== undefined) read += 1;
      const time = seconds(start);
      if (read !== ESDB_EVENTS) throw new Error(`raw readStream read ${read} events`);
      return time;
    },
    readAll: async () => {
      const start = process.hrtime.bigint();
      let read = 0;
      for await (const resolved of client.readAll({ fromPosition: START })) {
        const event = resolved.event;
        if (event === undefined || event.type.startsWith("$") || event.streamId.startsWith("$")) continue;
        read += 1;
      }
      return [seconds(start), read];
    },
  };
};

/** Through the adapter; `hashing` chains the envelopes inside the timed append. */
const adapterWorker = (
  client: EventStoreDBClient,
  variant: Variant,
  unchained: ReadonlyArray<ReadonlyArray<Unchained>>,
  chained: ReadonlyArray<ReadonlyArray<EventToAppend>>,
): Worker => {
  const store = createEventStoreDbStore({ client }); // borrowed client: close() leaves it open
  const hashing = variant === ADAPTER_HASHING;
  return {
    append: async (from, to, batch) => {
      const start = process.hrtime.bigint();
      for (let s = from; s < to; s++) {
        const stream = streamName(variant, s);
        const events = hashing ? chainEvents(stream, 0, GENESIS_HASH, unchained[s]!) : chained[s]!;
        for (let i = 0; i < PER_STREAM; i += batch) {
          const expected: LedgerExpected = i === 0 ? LEDGER_NO_STREAM : exactly(i - 1);
          const result = await store.append(stream, events.slice(i, i + batch), expected);
          if (E.isLeft(result)) throw new Error(result.left.message);
        }
      }
      return seconds(start);
    },
    readStreams: async () => {
      const start = process.hrtime.bigint();
      let read = 0;
      for (let s = 0; s < STREAMS; s++)
        for await (const _ of store.readStream(streamName(variant, s))) read += 1;
      const time = seconds(start);
      if (read !== ESDB_EVENTS) throw new Error(`adapter readStream read ${read} events`);
      return time;
    },
    readAll: async () => {
      const start = process.hrtime.bigint();
      let read = 0;
      for await (const _ of store.readAll()) read += 1;
      return [seconds(start), read];
    },
  };
};

interface DoubleProcess {
  readonly url: string;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** The double in a child process; `reset` empties its log (system events re-seeded). */
const startDoubleProcess = async (): Promise<DoubleProcess> => {
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "--serve-double"],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const url = await nextLine();
  return {
    url,
    reset: async () => {
      const done = nextLine();
      child.stdin!.write("reset\n");
      await done;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin!.end();
      await exited;
    },
  };
};

/** Child mode: serve a double, print its URL, reset on each `reset` line, stop at end of input. */
const serveDouble = async () => {
  const double = await startEsdbDouble({ batchAppend: true });
  console.log(double.url);
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (line === "reset") {
      double.reset();
      (globalThis as { gc?: () => void }).gc?.();
      console.log("ok");
    }
  });
  lines.on("close", () => void double.stop().then(() => process.exit(0)));
};

/** Rotate a list by `n` (so each variant goes first in turn). */
const rotate = <T>(xs: ReadonlyArray<T>, n: number): T[] => xs.map((_, i) => xs[(i + n) % xs.length]!);

const CHUNKS = 10;
const READ_REPEATS = 5;
const READERS = [RAW, ADAPTER] as const;

/**
 * Every batch size, `rounds` times (after one warm-up round); medians. In a round the double is
 * reset, then the variants append their 10,000 events a tenth at a time in turn (the variant
 * that goes first rotates), so drift and the log's size weigh on each alike; then the raw
 * client and the adapter read back in turn, five times.
 */
export const esdbBench = async (rounds: number): Promise<EsdbResult[]> => {
  const double = await startDoubleProcess();
  // One client for every variant (the adapter borrows it): separate clients to one target share
  // gRPC connections unevenly, and measured up to 15 % apart on identical work.
  const client = EventStoreDBClient.connectionString(double.url);
  const samples = new Map<string, number[]>();
  const key = (batch: number, variant: Variant, phase: Phase) => `${batch}|${variant}|${phase}`;
  const add = (batch: number, variant: Variant, phase: Phase, eventsPerSec: number) => {
    const k = key(batch, variant, phase);
    samples.set(k, [...(samples.get(k) ?? []), eventsPerSec]);
  };
  try {
    for (let round = -1; round < rounds; round++) {
      for (const batch of ESDB_BATCHES) {
        await double.reset();
        (globalThis as { gc?: () => void }).gc?.();
        const unchained = makeUnchained();
        const workers = Object.fromEntries(
          VARIANTS.map((v) => {
            const chained = unchained.map((events, s) =>
              chainEvents(streamName(v, s), 0, GENESIS_HASH, events),
            );
            return [v, v === RAW ? rawWorker(client, chained) : adapterWorker(client, v, unchained, chained)];
          }),
        ) as Record<Variant, Worker>;
        const appendTime: Record<string, number> = {};
        const per = STREAMS / CHUNKS;
        for (let c = 0; c < CHUNKS; c++)
          for (const variant of rotate(VARIANTS, c + round + 1))
            appendTime[variant] =
              (appendTime[variant] ?? 0) + (await workers[variant].append(c * per, (c + 1) * per, batch));
        const warm = round < 0;
        for (const variant of VARIANTS)
          if (!warm) add(batch, variant, "append", ESDB_EVENTS / appendTime[variant]!);
        for (let r = 0; r < READ_REPEATS; r++)
          for (const variant of rotate(READERS, r + round + 1)) {
            const t = await workers[variant].readStreams();
            const [tAll, events] = await workers[variant].readAll();
            if (events !== ESDB_EVENTS * VARIANTS.length)
              throw new Error(`${variant} read ${events} events from $all`);
            if (warm) continue;
            add(batch, variant, "read-streams", ESDB_EVENTS / t);
            add(batch, variant, "read-all", events / tAll);
          }
      }
    }
  } finally {
    await client.dispose();
    await double.stop();
  }
  return ESDB_BATCHES.flatMap((batch) =>
    VARIANTS.flatMap((variant) =>
      PHASES.flatMap((phase) => {
        const xs = samples.get(key(batch, variant, phase));
        return xs === undefined
          ? []
          : [{ workload: `esdb-10k-batch-${batch}`, variant, phase, eventsPerSec: Math.round(median(xs)) }];
      }),
    ),
  );
};

/** Overhead of a variant over the raw client on the same row: time ratio − 1. */
export const overhead = (results: ReadonlyArray<EsdbResult>, r: EsdbResult): number | undefined => {
  const raw = results.find((o) => o.workload === r.workload && o.phase === r.phase && o.variant === RAW);
  return raw === undefined || r.variant === RAW ? undefined : raw.eventsPerSec / r.eventsPerSec - 1;
};

export const printEsdbTable = (results: ReadonlyArray<EsdbResult>): void => {
  const table = new Table({ head: ["workload", "variant", "phase", "events/s", "overhead vs raw"] });
  for (const r of results) {
    const o = overhead(results, r);
    table.push([
      r.workload,
      r.variant,
      r.phase,
      r.eventsPerSec.toLocaleString("en"),
      o === undefined ? "" : `${o >= 0 ? "+" : ""}${(o * 100).toFixed(1)} %`,
    ]);
  }
  console.log(table.toString());
  const worst = Math.max(
    ...results.filter((r) => r.variant === ADAPTER).map((r) => overhead(results, r) ?? Number.NaN),
  );
  console.log(
    `Overhead = raw client's rate ÷ the row's rate − 1 (time the adapter adds). Worst adapter row: ${(worst * 100).toFixed(1)} % (target ≤ 10 %).`,
  );
};

if (process.argv.includes("--serve-double")) await serveDouble();
else if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  console.log(`EventStoreDB adapter vs raw client on the wire double, median of ${rounds} rounds`);
  printEsdbTable(await esdbBench(rounds));
}
