/**
 * The phases of the scale benchmark (issue 8), each meant to run in a child process of its own
 * so that its peak RSS is its own: rebuild all projections, verify all hash chains, and the
 * bare floors they are measured against (a loop that only selects every row and parses its
 * JSON; the same loop that also hashes the canonical bytes).
 *
 *   node --import tsx bench/scale-phases.ts <phase> <store>
 *   phase: rebuild | rebuild-unchecked | verify | verify-ledger | floor-read | floor-verify
 *   store: sqlite:<path> | esdb:<connection string> | postgres:<connection string>
 * Prints one line of JSON: { phase, events, seconds, peakRssMb }.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  campaignLedgerProjection,
  type EventStore,
  lateEntriesProjection,
  ledgerEvents,
  readAllInPages,
  recomputeHash,
  runProjections,
  type StoredEvent,
  supervisionProjection,
  verifyLedger,
  verifyStore,
} from "@safety-ledger/core";
import { createSqliteStore } from "@safety-ledger/sqlite";
import pg from "pg";

/**
 * better-sqlite3 itself, taken from the SQLite adapter's dependencies (the bench does not
 * depend on it directly), with just the surface the floors use.
 */
interface RawStatement {
  raw(on: boolean): RawStatement;
  iterate(): IterableIterator<unknown[]>;
}
interface RawDatabase {
  prepare(sql: string): RawStatement;
  close(): void;
}
const Database = createRequire(fileURLToPath(import.meta.resolve("@safety-ledger/sqlite")))(
  "better-sqlite3",
) as new (
  path: string,
  options?: { readonly?: boolean },
) => RawDatabase;

/** Peak resident set of this process so far, in MB (Linux: VmHWM; elsewhere maxRSS). */
export const peakRssMb = (): number => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
};

/**
 * Every projection of the library: the campaign ledger, supervision and late entries. Reads
 * check the chain links of what they read; `checkLinks: false` measures the same rebuild
 * without (the cost of the check is a hash per event).
 */
export const rebuildAll = async (store: EventStore, checkLinks = true): Promise<number> => {
  const { stamp, models, brokenLinks } = await runProjections(
    store,
    ledgerEvents,
    [campaignLedgerProjection, supervisionProjection, lateEntriesProjection(7)] as const,
    { checkLinks },
  );
  if (models[1].hazards === undefined) throw new Error("no supervision model");
  if (brokenLinks.length > 0) throw new Error(`the rebuild met ${brokenLinks.length} broken links`);
  return stamp.events;
};

/** What `audit verify` does: every chain, every seal at its position, every event decoded. */
export const verifyWithSeals = async (store: EventStore): Promise<number> => {
  const report = await verifyLedger(store, { registry: ledgerEvents });
  if (!report.ok) throw new Error(`verification found ${report.problems.length} problems`);
  if (report.seals === 0) throw new Error("the store has no seal");
  return report.events;
};

export const verifyAll = async (store: EventStore): Promise<number> => {
  const report = await verifyStore(store);
  if (!report.ok) throw new Error(`verification found ${report.problems.length} problems`);
  return report.events;
};

/** The floor of a rebuild: select every row, JSON.parse data and metadata. Nothing else. */
export const floorRead = (path: string): number => {
  const db = new Database(path, { readonly: true });
  let n = 0;
  let check = 0;
  for (const row of db
    .prepare("SELECT data, metadata FROM events ORDER BY global_position")
    .raw(true)
    .iterate() as IterableIterator<[string, string]>) {
    const data = JSON.parse(row[0]);
    const metadata = JSON.parse(row[1]);
    if (data !== null && metadata !== null) check += 1;
    n += 1;
  }
  db.close();
  if (check !== n) throw new Error("floor lost rows");
  return n;
};

/**
 * The hash the floors compute: the kernel's own `recomputeHash` (its fastest RFC 8785 path and
 * SHA-256), the least any verification must do per event. A slower hand-rolled serialiser would
 * make a floor that verification could beat, which measures nothing.
 */
const floorHash = (event: Record<string, unknown>): string => recomputeHash(event as unknown as StoredEvent);

/**
 * The floor of verification: select every row, parse it, SHA-256 over its canonical bytes
 * (RFC 8785 of the event without its hash, as the chain defines them), compare with the
 * stored hash. No store logic, no link or revision checks.
 */
export const floorVerify = (path: string): number => {
  const db = new Database(path, { readonly: true });
  let n = 0;
  for (const row of db
    .prepare(
      "SELECT stream_name, stream_revision, event_id, event_type, schema_version, data, metadata FROM events ORDER BY global_position",
    )
    .raw(true)
    .iterate() as IterableIterator<[string, number, string, string, number, string, string]>) {
    const metadata = JSON.parse(row[6]) as Record<string, unknown>;
    const computed = floorHash({
      stream: row[0],
      revision: row[1],
      id: row[2],
      type: row[3],
      schemaVersion: row[4],
      data: JSON.parse(row[5]),
      metadata,
    });
    if (computed !== metadata.hash) throw new Error(`floor: hash mismatch at ${row[0]}@${row[1]}`);
    n += 1;
  }
  db.close();
  return n;
};

/** The EventStoreDB layout's metadata back to the envelope's (see the adapter's mapping). */
const ledgerMetadata = (m: Record<string, unknown>): Record<string, unknown> => {
  const { schemaVersion: _v, $correlationId, $causationId, ...rest } = m;
  return { ...rest, correlationId: $correlationId, causationId: $causationId };
};

/** The floors on EventStoreDB: the raw client's readAll (which parses the JSON), then hashing. */
const esdbFloor = async (url: string, hash: boolean): Promise<number> => {
  const { EventStoreDBClient, START } = await import("@eventstore/db-client");
  const client = EventStoreDBClient.connectionString(url);
  let n = 0;
  for await (const resolved of client.readAll({ fromPosition: START, maxCount: Number.MAX_SAFE_INTEGER })) {
    const e = resolved.event;
    if (e === undefined || e.type.startsWith("$")) continue;
    const metadata = e.metadata as Record<string, unknown>;
    if (hash) {
      const computed = floorHash({
        stream: e.streamId,
        revision: Number(e.revision),
        id: e.id,
        type: e.type,
        schemaVersion: metadata.schemaVersion,
        data: e.data,
        metadata: ledgerMetadata(metadata),
      });
      if (computed !== metadata.hash) throw new Error(`floor: hash mismatch at ${e.streamId}@${e.revision}`);
    } else if (e.data === undefined || metadata === undefined) throw new Error("floor lost data");
    n += 1;
  }
  await client.dispose();
  return n;
};

/**
 * The floors on PostgreSQL: bare `pg` keyset pages of the events table in position order (the
 * driver parses the \`json\` columns), then hashing; pages of the store's own default size.
 */
const postgresFloor = async (url: string, hash: boolean): Promise<number> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let n = 0;
  let after = "0";
  try {
    for (;;) {
      const { rows } = await client.query<{
        global_position: string;
        stream_name: string;
        stream_revision: number;
        event_id: string;
        event_type: string;
        schema_version: number;
        data: unknown;
        metadata: Record<string, unknown>;
      }>(
        "SELECT global_position, stream_name, stream_revision, event_id, event_type, schema_version, data, metadata FROM events WHERE global_position > $1 ORDER BY global_position LIMIT 500",
        [after],
      );
      if (rows.length === 0) return n;
      for (const row of rows) {
        if (hash) {
          const computed = floorHash({
            stream: row.stream_name,
            revision: row.stream_revision,
            id: row.event_id,
            type: row.event_type,
            schemaVersion: row.schema_version,
            data: row.data,
            metadata: row.metadata,
          });
          if (computed !== row.metadata.hash)
            throw new Error(`floor: hash mismatch at ${row.stream_name}@${row.stream_revision}`);
        } else if (row.data === undefined || row.metadata === undefined) throw new Error("floor lost data");
        n += 1;
      }
      after = rows[rows.length - 1]!.global_position;
    }
  } finally {
    await client.end();
  }
};

/** The floors on the memory store: its log as pages, touching data and metadata / hashing them. */
export const memoryFloor = async (store: EventStore, hash: boolean): Promise<number> => {
  let n = 0;
  for await (const page of readAllInPages(store))
    for (const e of page) {
      if (hash) {
        if (recomputeHash(e) !== e.metadata.hash) throw new Error("floor: mismatch");
      } else if (e.data === undefined || e.metadata === undefined) throw new Error("floor lost data");
      n += 1;
    }
  return n;
};

export const openStore = async (spec: string): Promise<EventStore> => {
  if (spec.startsWith("sqlite:")) return createSqliteStore({ path: spec.slice("sqlite:".length) });
  if (spec.startsWith("esdb:")) {
    const { createEventStoreDbStore } = await import("@safety-ledger/eventstoredb");
    return createEventStoreDbStore({ connectionString: spec.slice("esdb:".length) } as never);
  }
  if (spec.startsWith("postgres:")) {
    const { createPostgresStore } = await import("@safety-ledger/postgres");
    return createPostgresStore({ connectionString: spec.slice("postgres:".length) });
  }
  throw new Error(`unknown store ${spec}`);
};

export const runPhase = async (phase: string, spec: string): Promise<number> => {
  const path = spec.slice("sqlite:".length);
  const esdb = spec.startsWith("esdb:") ? spec.slice("esdb:".length) : undefined;
  const postgres = spec.startsWith("postgres:") ? spec.slice("postgres:".length) : undefined;
  switch (phase) {
    case "floor-read":
      if (postgres !== undefined) return postgresFloor(postgres, false);
      return esdb === undefined ? floorRead(path) : esdbFloor(esdb, false);
    case "floor-verify":
      if (postgres !== undefined) return postgresFloor(postgres, true);
      return esdb === undefined ? floorVerify(path) : esdbFloor(esdb, true);
    case "rebuild":
    case "rebuild-unchecked":
    case "verify":
    case "verify-ledger": {
      const store = await openStore(spec);
      try {
        if (phase === "rebuild") return await rebuildAll(store);
        if (phase === "rebuild-unchecked") return await rebuildAll(store, false);
        return phase === "verify" ? await verifyAll(store) : await verifyWithSeals(store);
      } finally {
        await store.close();
      }
    }
    default:
      throw new Error(`unknown phase ${phase}`);
  }
};

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ""));
if (isMain) {
  const [phase = "", spec = ""] = process.argv.slice(2);
  if (phase === "--serve-double") {
    // the EventStoreDB double in a process of its own; prints its URL, stops at end of input
    const { startEsdbDouble } = await import("@safety-ledger/esdb-double");
    const double = await startEsdbDouble({ batchAppend: true });
    console.log(double.url);
    process.stdin.resume();
    process.stdin.on("end", () => void double.stop().then(() => process.exit(0)));
  } else {
    const start = process.hrtime.bigint();
    const events = await runPhase(phase, spec);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(JSON.stringify({ phase, events, seconds, peakRssMb: peakRssMb() }));
  }
}
