/**
 * PostgreSQL, durable command phase (issue 15): W concurrent writers (1 and 8) in one process,
 * each sending commands to streams of its own (load, fold, decide, append with the expected
 * version), against a real server with fsync on. Side by side:
 * - floor: bare `pg` inserts of the same bytes (data and sealed metadata JSON), one
 *   transaction each, no read, no check: what the server gives at most for one event a commit;
 * - safety-ledger, group commit on (the default) and off, with the append lock released
 *   before each group's WAL flush (`releaseLockBeforeFlush`, BENCH_PG_IN_FLIGHT groups in flight),
 *   and with the command handler reading a cached stream before deciding (`checkCachedStreams:
 *   "read"`, the default before; now the append's expected revision checks the cache);
 * - Emmett (`@event-driven-io/emmett-postgresql`): aggregateStream + appendToStream;
 * - Castore (`@castore/event-storage-adapter-postgres`): getAggregate + pushEvent.
 * Each variant on a fresh database; a warm-up round, then rounds interleaved, medians kept.
 *
 *   BENCH_ONLY=postgres pnpm bench        (or: node --import tsx bench/postgres-bench.ts)
 *   BENCH_PG_WRITERS=8 BENCH_PG_VARIANTS=safety-ledger,castore: fewer writers' counts and variants
 */
import { EventStore as CastoreEventStore, EventType } from "@castore/core";
import { PostgresEventStorageAdapter } from "@castore/event-storage-adapter-postgres";
import { getPostgreSQLEventStore } from "@event-driven-io/emmett-postgresql";
import {
  chainCommandEvents,
  createCommandHandler,
  GENESIS_HASH,
  newId,
  systemIsoClock,
} from "@safety-ledger/core";
import { createPostgresStore } from "@safety-ledger/postgres";
import Table from "cli-table3";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { type EmbeddedServer, startEmbeddedServer } from "../packages/postgres/test/embedded-server";
import { median } from "./median";
import { actor, tallyAggregate } from "./tally";

export interface PostgresResult {
  readonly workload: string;
  readonly variant: string;
  readonly phase: string;
  readonly eventsPerSec: number;
  /** events/s over the floor's with the same writers. */
  readonly ratioToFloor?: number;
}

const COMMANDS = Number(process.env.BENCH_PG_COMMANDS ?? 2_000);
/** `BENCH_PG_WRITERS`: the numbers of concurrent writers to run (default 1 and 8). */
const WRITERS = (process.env.BENCH_PG_WRITERS ?? "1,8").split(",").map(Number);
const STREAMS_PER_WRITER = 25;
const occurredAt = "2021-03-01T10:00:00+08:00";
const isoNow = systemIsoClock();

/** Command `i` of writer `w`: its stream and findings. */
const siteOf = (w: number, i: number) => `W${w}-${i % STREAMS_PER_WRITER}`;
const findingsOf = (i: number) => i % 7;

const time = async (work: () => Promise<void>): Promise<number> => {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  if (process.env.BENCH_PG_CPU)
    console.error(
      `cpu µs/command ${Math.round((used.user + used.system) / COMMANDS)} wall µs/command ${Math.round(Number(process.hrtime.bigint() - start) / 1e3 / COMMANDS)}`,
    );
  return Number(process.hrtime.bigint() - start) / 1e9;
};

/** `writers` loops sharing COMMANDS between them, all at once. */
const concurrently = (writers: number, loop: (w: number, count: number) => Promise<void>) =>
  time(async () => {
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        loop(w, Math.floor(COMMANDS / writers) + (w < COMMANDS % writers ? 1 : 0)),
      ),
    );
  });

type Variant = (url: string, writers: number) => Promise<number>;

const sealedMetadata = (stream: string, revision: number, data: object) => {
  const commandId = newId();
  return chainCommandEvents(
    stream,
    revision,
    GENESIS_HASH,
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
    [{ type: "InspectionRecorded", schemaVersion: 1, data: data as never }],
    newId,
  )[0]!;
};

const floor: Variant = async (url, writers) => {
  const pool = new pg.Pool({ connectionString: url, max: writers });
  await pool.query(`CREATE TABLE events (global_position bigserial PRIMARY KEY, stream_name text NOT NULL,
    stream_revision integer NOT NULL, event_id text NOT NULL, event_type text NOT NULL,
    schema_version integer NOT NULL, data json NOT NULL, metadata json NOT NULL, recorded_at text NOT NULL)`);
  // The same bytes safety-ledger stores, built before the clock starts.
  const rows = Array.from({ length: COMMANDS }, (_, i) => {
    const stream = `site-${siteOf(i % writers, i)}`;
    const data = { findings: findingsOf(i), total: findingsOf(i) };
    const event = sealedMetadata(stream, i, data);
    return [
      stream,
      i,
      event.id,
      event.type,
      1,
      JSON.stringify(data),
      JSON.stringify(event.metadata),
      event.metadata.recordedAt,
    ];
  });
  let next = 0;
  const seconds = await concurrently(writers, async (_w, count) => {
    const client = await pool.connect();
    for (let i = 0; i < count; i++) {
      const row = rows[next++]!;
      await client.query("BEGIN");
      await client.query(
        "INSERT INTO events (stream_name, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        row,
      );
      await client.query("COMMIT");
    }
    client.release();
  });
  await pool.end();
  return seconds;
};

const safetyLedger =
  (
    groupCommit: boolean,
    releaseLockBeforeFlush = false,
    groupsInFlight = 4,
    checkCachedStreams: "append" | "read" = "append",
  ): Variant =>
  async (url, writers) => {
    const store = await createPostgresStore({
      connectionString: url,
      groupCommit,
      releaseLockBeforeFlush,
      groupsInFlight,
      maxConnections: writers + groupsInFlight + 2,
    });
    const handle = createCommandHandler(store, { checkCachedStreams });
    const seconds = await concurrently(writers, async (w, count) => {
      for (let i = 0; i < count; i++) {
        const result = await handle(tallyAggregate, {
          command: { type: "RecordInspection", data: { site: siteOf(w, i), findings: findingsOf(i) } },
          commandId: newId(),
          actor,
          occurredAt,
        });
        if (E.isLeft(result)) throw new Error(result.left.message);
      }
    });
    await store.close();
    return seconds;
  };

type Recorded = { type: "InspectionRecorded"; data: { findings: number; total: number } };

const emmett: Variant = async (url, writers) => {
  const store = getPostgreSQLEventStore(url);
  await store.schema.migrate();
  const seconds = await concurrently(writers, async (w, count) => {
    for (let i = 0; i < count; i++) {
      const stream = `site-${siteOf(w, i)}`;
      const { state, currentStreamVersion } = await store.aggregateStream<{ findings: number }, Recorded>(
        stream,
        {
          evolve: (_s: { findings: number }, e: Recorded) => ({ findings: e.data.total }),
          initialState: () => ({ findings: 0 }),
        },
      );
      const findings = findingsOf(i);
      await store.appendToStream<Recorded>(
        stream,
        [{ type: "InspectionRecorded", data: { findings, total: state.findings + findings } }],
        { expectedStreamVersion: currentStreamVersion },
      );
    }
  });
  await store.close();
  return seconds;
};

const InspectionRecordedType = new EventType<
  "InspectionRecorded",
  { findings: number; total: number },
  unknown
>({
  type: "InspectionRecorded",
});

const castore: Variant = async (url, writers) => {
  await PostgresEventStorageAdapter.createEventTable({
    connectionString: url,
    aggregateId: { type: "VARCHAR", length: 64 },
  });
  const adapter = new PostgresEventStorageAdapter({ connectionString: url });
  interface Site {
    aggregateId: string;
    version: number;
    findings: number;
  }
  const store = new CastoreEventStore({
    eventStoreId: "SITES",
    eventTypes: [InspectionRecordedType],
    reducer: (_a: Site | undefined, event): Site => ({
      aggregateId: event.aggregateId,
      version: event.version,
      findings: event.payload.total,
    }),
    eventStorageAdapter: adapter,
  });
  const seconds = await concurrently(writers, async (w, count) => {
    for (let i = 0; i < count; i++) {
      const site = siteOf(w, i);
      const { aggregate } = await store.getAggregate(site);
      const findings = findingsOf(i);
      await store.pushEvent({
        aggregateId: site,
        version: (aggregate?.version ?? 0) + 1,
        type: "InspectionRecorded",
        payload: { findings, total: (aggregate?.findings ?? 0) + findings },
        metadata: { actor, commandId: newId(), occurredAt },
      });
    }
  });
  // Castore's adapter keeps its postgres.js client to itself; end it through the instance.
  await (adapter as unknown as { _sql?: { end: () => Promise<void> } })._sql?.end();
  return seconds;
};

const IN_FLIGHT = Number(process.env.BENCH_PG_IN_FLIGHT ?? 4);

const allVariants: Record<string, Variant> = {
  floor,
  "safety-ledger": safetyLedger(true),
  "safety-ledger, no group commit": safetyLedger(false),
  "safety-ledger, cached streams read before deciding": safetyLedger(true, false, 4, "read"),
  [`safety-ledger, lock released before flush (${IN_FLIGHT} groups in flight)`]: safetyLedger(
    true,
    true,
    IN_FLIGHT,
  ),
  emmett,
  castore,
};

/** `BENCH_PG_VARIANTS`: a comma-separated subset of the variants' names (the floor always runs). */
const chosen = process.env.BENCH_PG_VARIANTS?.split(",").map((name) => name.trim());
export const postgresVariants: Record<string, Variant> = Object.fromEntries(
  Object.entries(allVariants).filter(
    ([name]) => chosen === undefined || name === "floor" || chosen.some((c) => name.startsWith(c)),
  ),
);

let databases = 0;
const freshDatabase = async (server: EmbeddedServer): Promise<string> => {
  const name = `bench_${databases++}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return server.url.replace(/\/postgres$/, `/${name}`);
};

export const postgresBench = async (rounds: number): Promise<PostgresResult[]> => {
  // fsync on: an acknowledged command is on disk, as in production.
  const server = await startEmbeddedServer({ fsync: true, label: "bench" });
  const samples = new Map<string, number[]>();
  const failures = new Map<string, string>();
  try {
    // Round -1 warms the server up (its first WAL segments are created and fsynced then) and is
    // not recorded; each round starts the variants at a different one, so none is always first.
    const variants = Object.entries(postgresVariants);
    for (let round = -1; round < rounds; round++)
      for (const writers of WRITERS)
        for (let v = 0; v < variants.length; v++) {
          const [name, variant] = variants[(v + Math.max(round, 0)) % variants.length]!;
          const key = `${writers}|${name}`;
          if (failures.has(key)) continue;
          try {
            const seconds = await variant(await freshDatabase(server), writers);
            if (round >= 0) samples.set(key, [...(samples.get(key) ?? []), COMMANDS / seconds]);
          } catch (error) {
            failures.set(key, error instanceof Error ? error.message : String(error));
          }
        }
  } finally {
    await server.destroy();
  }
  const results: PostgresResult[] = [];
  for (const writers of WRITERS) {
    const floorRate = median(samples.get(`${writers}|floor`) ?? [Number.NaN]);
    for (const name of Object.keys(postgresVariants)) {
      const key = `${writers}|${name}`;
      const failure = failures.get(key);
      if (failure !== undefined)
        console.log(`postgres, ${writers} writer(s), ${name} did not run: ${failure}`);
      const rates = samples.get(key);
      if (rates === undefined) continue;
      const rate = median(rates);
      results.push({
        workload: `postgres-${COMMANDS}-commands-${writers}-writer${writers === 1 ? "" : "s"}`,
        variant: name,
        phase: "command (fsync on)",
        eventsPerSec: Math.round(rate),
        ratioToFloor: Math.round((rate / floorRate) * 100) / 100,
      });
    }
  }
  return results;
};

export const printPostgresTable = (results: ReadonlyArray<PostgresResult>): void => {
  const table = new Table({ head: ["workload", "variant", "phase", "events/s", "× floor"] });
  for (const r of results)
    table.push([
      r.workload,
      r.variant,
      r.phase,
      r.eventsPerSec.toLocaleString("en"),
      String(r.ratioToFloor ?? ""),
    ]);
  console.log(table.toString());
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await postgresBench(Number(process.env.BENCH_ROUNDS ?? 1));
  printPostgresTable(results);
}
