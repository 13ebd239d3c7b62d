/**
 * @safety-ledger/esdb-double — a gRPC double of the EventStoreDB Streams API for tests.
 *
 * It serves the service definitions shipped inside `@eventstore/db-client` 6.2.1 from a
 * `@grpc/grpc-js` server, so the real client talks to it over real gRPC
 * (`EventStoreDBClient.connectionString(double.url)`). It models: Append and BatchAppend
 * (chosen by ServerFeatures), 0-based revisions, non-contiguous `$all` positions with
 * commit == prepare, seeded system events, the four expected-version kinds with each RPC's own
 * wrong-expected-version encoding, readStream/readAll in both directions, server-side `$all`
 * filters with checkpoints, catch-up-then-live subscriptions (confirmation, caught_up),
 * soft delete and tombstone, `created` as .NET ticks since the Unix epoch, cancellation on
 * `client.dispose()`, EventStoreDB's idempotency rule for a repeated append (log.ts,
 * `findReplay`, says which cases), the maximum append size (1 MiB by default), deadlines (the
 * Append call's and BatchAppend's, against a clock a test can move), soft delete of a stream
 * never written refused, stream metadata (`$tb`, `$maxCount`, `$maxAge`) honoured by stream
 * reads, and CANCELLED for BatchAppend streams open when the double stops.
 *
 * What the double does NOT model (README.md, "What the double does not prove", says more):
 * - the idempotency cache's bound: with `any`, a real server remembers only recent event ids;
 *   the double remembers every id of the stream;
 * - persistent subscriptions, projections, gossip/cluster discovery, users, operations,
 *   monitoring, the HTTP API;
 * - stream metadata beyond reads: ACLs, `$cacheControl` and scavenging have no effect, and
 *   subscriptions to `$all` see what metadata hides (as a real server before a scavenge);
 * - resolving `$>` link events: `resolve_links` is accepted and ignored;
 * - authentication, TLS, `requiresLeader`, NotLeader redirects, access-denied errors;
 * - backpressure and `fell_behind`: a subscription buffers everything and never falls behind;
 * - scavenging and durability: the log lives in memory; positions are byte-offset-like but not
 *   the offsets a real chunk file would produce;
 * - checkpoints only when the scanned count reaches window × multiplier (none on idle, none on
 *   unfiltered subscriptions);
 * - `actual-version` is "-1" for a missing stream (the client then reports -1n, not
 *   "no_stream"); expected versions on a soft-deleted stream (no_stream and the old last
 *   revision accepted, stream_exists rejected) are modelled from documentation, not observed;
 * - on stop(), subscriptions end gracefully rather than failing as on a real server shutdown;
 * - the exact texts of error messages.
 */
import { type DoubleContext, emptyCallCounts, type ResolvedOptions, type RpcName } from "./context";
import { EventLog, type LoggedEvent } from "./log";
import { type ClientPackage, loadProtocol } from "./proto";
import { seedSystemEvents } from "./seed";
import { closeOpenCalls, startServer } from "./server";

export type { RpcName } from "./context";
export { SERVER_VERSION } from "./features";
export { LOG_START_POSITION, type LoggedEvent, TOMBSTONE_REVISION } from "./log";
export type { ClientPackage } from "./proto";
export { SEEDED_SYSTEM_EVENT_COUNT } from "./seed";

export interface EsdbDouble {
  /** `esdb://127.0.0.1:PORT?tls=false`, or `kurrentdb://…` when serving the KurrentDB client's definitions. */
  readonly url: string;
  readonly port: number;
  /** Number of records in `$all`, seeded system records and `$metadata`/`$streamDeleted` included. */
  readonly eventCount: number;
  /** Every record in `$all` order (a snapshot). */
  records(): readonly LoggedEvent[];
  /** How many calls each RPC has received (e.g. to prove which append path the client took). */
  readonly calls: Readonly<Record<RpcName, number>>;
  /** Number of live subscriptions and BatchAppend streams currently open. */
  readonly openCallCount: number;
  /**
   * Test-only, for audit tests: rewrite the stored log as someone with access to the database
   * files could (change, delete, insert or reorder records, delete or truncate a stream). `edit`
   * gets a copy of every record in `$all` order and returns the new log; records are re-sorted
   * by position and streams rebuilt from them. Subscriptions are not told.
   */
  tamper(edit: (records: LoggedEvent[]) => readonly LoggedEvent[]): void;
  /**
   * Forget every record (re-seeding system events if enabled) and end open subscriptions.
   * BatchAppend streams stay open, so clients can keep appending.
   */
  reset(): void;
  /**
   * Test-only: the next `count` appends are written and then answered as timed out (Append:
   * DEADLINE_EXCEEDED; BatchAppend: a packed `Timeout`), as when a real server's commit timeout
   * passes or the answer is lost: the client cannot tell whether anything was written.
   */
  loseAcknowledgements(count?: number): void;
  /** Test-only: move the double's clock forward, so deadlines the clients sent have passed. */
  advanceClock(ms: number): void;
  stop(): Promise<void>;
}

export interface EsdbDoubleOptions {
  /** Default true: advertise BatchAppend in ServerFeatures. False: ServerFeatures UNIMPLEMENTED, client uses Append. */
  batchAppend?: boolean;
  /** Default true: seed a few system records (`$metadata` in `$$…` streams, `$settings`, a `$>` link…). */
  seedSystemEvents?: boolean;
  /**
   * Filter search window used when the client sets no `maxSearchWindow` (a real server uses 32).
   * A filtered `$all` subscription gets a checkpoint every window × (the client filter's
   * `checkpointInterval` multiplier) scanned records. Default 32.
   */
  checkpointInterval?: number;
  /** Default true: send `caught_up` after the catch-up phase of a subscription (servers ≥ 23.10 do). */
  caughtUp?: boolean;
  /** Largest append accepted, in bytes of events' data, metadata and type. Default 1 MiB, a real server's default. */
  maxAppendSize?: number;
  /**
   * Whose generated definitions to serve (default `@eventstore/db-client`): the package of the
   * client under test. Both speak the same v1 protocol, but their generated code shares one
   * global namespace, so one process can load only one of them (proto.ts); the first double
   * started fixes it, and a double asking for the other throws.
   */
  client?: ClientPackage;
}

/** Start a double on a free port of 127.0.0.1. */
export async function startEsdbDouble(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
  const resolved: ResolvedOptions = {
    batchAppend: options.batchAppend ?? true,
    seedSystemEvents: options.seedSystemEvents ?? true,
    checkpointInterval: options.checkpointInterval ?? 32,
    caughtUp: options.caughtUp ?? true,
    maxAppendSize: options.maxAppendSize ?? 1_048_576,
  };
  if (!Number.isInteger(resolved.checkpointInterval) || resolved.checkpointInterval <= 0) {
    throw new RangeError("checkpointInterval must be a positive integer");
  }
  const client = options.client ?? "@eventstore/db-client";
  loadProtocol(client);
  const ctx: DoubleContext = {
    log: new EventLog(),
    options: resolved,
    openCalls: new Set(),
    calls: emptyCallCounts(),
    faults: { lostAcknowledgements: 0 },
    clock: { offsetMs: 0 },
  };
  if (resolved.seedSystemEvents) seedSystemEvents(ctx.log);
  const server = await startServer(ctx);
  return {
    url: `${client === "@kurrent/kurrentdb-client" ? "kurrentdb" : "esdb"}://127.0.0.1:${server.port}?tls=false`,
    port: server.port,
    get eventCount() {
      return ctx.log.all.length;
    },
    records: () => [...ctx.log.all],
    get calls() {
      return { ...ctx.calls };
    },
    get openCallCount() {
      return ctx.openCalls.size;
    },
    tamper: (edit) => ctx.log.rewrite(edit([...ctx.log.all])),
    reset: () => {
      closeOpenCalls(ctx, "subscriptions");
      ctx.log.clear();
      if (resolved.seedSystemEvents) seedSystemEvents(ctx.log);
    },
    loseAcknowledgements: (count = 1) => {
      ctx.faults.lostAcknowledgements += count;
    },
    advanceClock: (ms) => {
      ctx.clock.offsetMs += ms;
    },
    stop: () => server.stop(),
  };
}
