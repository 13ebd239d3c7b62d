/**
 * Issue 18's benchmark: reads of a ledger whose personal fields are encrypted before the chain,
 * against the same ledger in clear, in the same run. BENCH_PRIVACY_ENTITIES entities (default
 * 5,000), each registered with a principal and a safety manager (name and phone), then for each
 * a safety-manager change and three reclassifications (events without personal fields), are
 * written through the command handler into SQLite files: one clear, one SM4-GCM, one
 * AES-256-GCM. Measured, median of BENCH_PRIVACY_ROUNDS (default 5):
 *   - `write`: the commands through the handler (events/s);
 *   - `read`: a replay of the supervision projection over the whole ledger (events/s), as the
 *     CLI's `list entities --replay` does;
 *   - `read (keyless)`: the same without the master key (fields masked as [encrypted]);
 *   - `tables build`: the SQLite read tables built from zero (events/s): clear tables on the
 *     clear file, sealed ones (personal fields as sealed values) on the encrypted files;
 *   - `tables read`: every entity's state as of a date read from them, revealed through the key
 *     store on the encrypted files (states/s): what `list entities` does.
 *
 * Then a long-running reader (an embedding web server): one privacy kept for the whole run, its
 * keys looked up once, reads each entity's stream (events/s), once with the erasure check (each
 * read first reads the key store's erasure mark: `Privacy.noticeErasures`) and once without (the
 * same privacy with the check left out), alternately, on the SM4-GCM file and on a PostgreSQL
 * database (an embedded server, fsync on) holding BENCH_PRIVACY_PG_ENTITIES entities (default
 * 500) written the same way: `reader (check)` against `reader (no check)`.
 *
 *   node --expose-gc --import tsx bench/privacy-bench.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AeadAlgorithm,
  createCommandHandler,
  createLedger,
  createPrivacy,
  type EventStore,
  entityAggregate,
  keylessPrivacy,
  masterKeyOf,
  protectedStore,
  revealingReadTables,
  runProjections,
  sealedEvent,
  supervisionLedgerEvents,
  supervisionProjection,
} from "@safety-ledger/core";
import { createPostgresStore, postgresSubjectKeyStore } from "@safety-ledger/postgres";
import { createSqliteStore } from "@safety-ledger/sqlite";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { startEmbeddedServer } from "../packages/postgres/test/embedded-server";
import { median } from "./median";

const ENTITIES = Number(process.env.BENCH_PRIVACY_ENTITIES ?? 5_000);
const ROUNDS = Number(process.env.BENCH_PRIVACY_ROUNDS ?? 5);
const PG_ENTITIES = Number(process.env.BENCH_PRIVACY_PG_ENTITIES ?? 500);
const actor = { unit: "GY-EMB", role: "department", person: "Zhang Min" };
const office = { unit: "GY-SAFETY-OFFICE", role: "office", person: "Chen Jie" };
const dir = mkdtempSync(join(tmpdir(), "privacy-bench-"));

type Variant = "clear" | AeadAlgorithm;

const open = async (variant: Variant, file: string, keyed: boolean) => {
  const raw = createSqliteStore({ path: file });
  if (variant === "clear") return { raw, store: raw as EventStore };
  const master = masterKeyOf("bench", "aes-256-gcm", Buffer.alloc(32, 7));
  const privacy = keyed
    ? createPrivacy({ keys: raw.subjectKeys(master), algorithm: variant })
    : keylessPrivacy(variant);
  return { raw, store: protectedStore(raw, privacy) as EventStore };
};

const write = async (variant: Variant, file: string): Promise<{ events: number; seconds: number }> => {
  const raw = createSqliteStore({ path: file });
  await createLedger(raw, {
    hashAlgorithm: "sha256",
    ...(variant === "clear" ? {} : { fieldEncryption: variant }),
    actor,
    occurredAt: "2020-06-01",
  });
  await raw.close();
  const { store } = await open(variant, file, true);
  const written = await writeEntities(store, ENTITIES);
  await store.close();
  return written;
};

/** The entities' commands through the handler on `store` (protected when encrypted). */
const writeEntities = async (
  store: EventStore,
  entities: number,
): Promise<{ events: number; seconds: number }> => {
  const handle = createCommandHandler(store);
  let events = 0;
  const send = async (commandId: string, command: unknown, by = actor) => {
    const r = await handle(entityAggregate, {
      command: command as never,
      actor: by,
      occurredAt: "2020-07-01T09:00:00+08:00",
      commandId,
    });
    if (E.isLeft(r)) throw new Error(`${commandId}: ${r.left.message}`);
    events += r.right.events.length;
  };
  const started = process.hrtime.bigint();
  for (let i = 0; i < entities; i++) {
    const entityId = `E-${i}`;
    await send(`r${i}`, {
      type: "RegisterEntity",
      data: {
        entityId,
        name: `Example Co. ${i}`,
        sector: "non-coal-mine",
        district: "lizhou",
        supervisingDepartment: "GY-EMB",
        principal: { name: `Principal ${i}`, phone: `139${String(i).padStart(8, "0")}` },
        safetyManager: { name: `Manager ${i}`, phone: `137${String(i).padStart(8, "0")}` },
      },
    });
    await send(`m${i}`, {
      type: "ChangeSafetyManager",
      data: { entityId, safetyManager: { name: `Manager ${i}b` }, reason: "retired" },
    });
    for (const [n, district] of ["zhaohua", "lizhou", "cangxi"].entries())
      await send(
        `d${i}-${n}`,
        {
          type: "ReclassifyEntity",
          data: { entityId, sector: "non-coal-mine", district, reason: "boundary change" },
        },
        office,
      );
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events, seconds };
};

/**
 * A long-running reader: each entity's stream read through one kept privacy (keys cached after
 * the first pass), with the erasure check and without, alternately; events/s of each, medians.
 */
const longRunningReader = async (
  store: EventStore,
  privacy: ReturnType<typeof createPrivacy>,
  entities: number,
): Promise<{ check: number; noCheck: number }> => {
  const checked = protectedStore(store, privacy);
  const unchecked = protectedStore(store, { ...privacy, noticeErasures: undefined });
  const pass = async (reader: EventStore) => {
    let events = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < entities; i++) for await (const _ of reader.readStream(`entity-E-${i}`)) events += 1;
    return events / (Number(process.hrtime.bigint() - started) / 1e9);
  };
  await pass(checked); // the keys looked up once
  const check: number[] = [];
  const noCheck: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ([true, false] as const) : ([false, true] as const);
    for (const withCheck of order)
      (withCheck ? check : noCheck).push(await pass(withCheck ? checked : unchecked));
  }
  return { check: median(check), noCheck: median(noCheck) };
};

const read = async (variant: Variant, file: string, keyed: boolean): Promise<number> => {
  const { store } = await open(variant, file, keyed);
  globalThis.gc?.();
  const started = process.hrtime.bigint();
  const { stamp } = await runProjections(store, supervisionLedgerEvents, [supervisionProjection] as const);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return stamp.events / seconds;
};

/** The read tables built from zero, then every entity's state read (revealed on an encrypted file). */
const tables = async (variant: Variant, file: string): Promise<{ build: number; read: number }> => {
  const raw = createSqliteStore({ path: file });
  try {
    const master = masterKeyOf("bench", "aes-256-gcm", Buffer.alloc(32, 7));
    const t =
      variant === "clear"
        ? raw.readTables
        : revealingReadTables(
            raw.sealedReadTables(sealedEvent),
            createPrivacy({ keys: raw.subjectKeys(master), algorithm: variant }),
          );
    globalThis.gc?.();
    const started = process.hrtime.bigint();
    const built = await t.rebuild();
    const builtAt = process.hrtime.bigint();
    const states = await t.states("entities", { asOf: "2020-12-31" });
    const readAt = process.hrtime.bigint();
    if (states.size !== ENTITIES) throw new Error(`${variant}: ${states.size} entities`);
    return {
      build: built.events / (Number(builtAt - started) / 1e9),
      read: states.size / (Number(readAt - builtAt) / 1e9),
    };
  } finally {
    await raw.close();
  }
};

const rows: Array<{ variant: string; phase: string; eventsPerSecond: number }> = [];
const readers: Array<{ store: string; check: number; noCheck: number }> = [];
try {
  const variants: Variant[] = ["clear", "sm4-gcm", "aes-256-gcm"];
  const files = new Map<Variant, string>();
  for (const v of variants) {
    const file = join(dir, `${v}.db`);
    files.set(v, file);
    const { events, seconds } = await write(v, file);
    rows.push({ variant: v, phase: "write", eventsPerSecond: events / seconds });
  }
  const reads = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++)
    for (const v of variants)
      for (const keyed of v === "clear" ? [true] : [true, false]) {
        const key = `${v}|${keyed ? "read" : "read (keyless)"}`;
        reads.set(key, [...(reads.get(key) ?? []), await read(v, files.get(v)!, keyed)]);
      }
  for (let round = 0; round < ROUNDS; round++)
    for (const v of variants) {
      const { build, read: states } = await tables(v, files.get(v)!);
      reads.set(`${v}|tables build`, [...(reads.get(`${v}|tables build`) ?? []), build]);
      reads.set(`${v}|tables read`, [...(reads.get(`${v}|tables read`) ?? []), states]);
    }
  for (const [key, xs] of reads) {
    const [variant, phase] = key.split("|") as [string, string];
    rows.push({ variant, phase, eventsPerSecond: median(xs) });
  }
  const master = masterKeyOf("bench", "aes-256-gcm", Buffer.alloc(32, 7));
  {
    const raw = createSqliteStore({ path: files.get("sm4-gcm")! });
    const reader = await longRunningReader(
      raw,
      createPrivacy({ keys: raw.subjectKeys(master), algorithm: "sm4-gcm" }),
      ENTITIES,
    );
    await raw.close();
    readers.push({ store: `SQLite, ${ENTITIES} entities`, ...reader });
  }
  const server = await startEmbeddedServer({ fsync: true, label: "privacy-bench" });
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("CREATE DATABASE privacy_bench");
    await admin.end();
    const raw = await createPostgresStore({
      connectionString: server.url.replace(/\/postgres$/, "/privacy_bench"),
    });
    try {
      await createLedger(raw, {
        hashAlgorithm: "sha256",
        fieldEncryption: "sm4-gcm",
        actor,
        occurredAt: "2020-06-01",
      });
      const privacy = createPrivacy({
        keys: postgresSubjectKeyStore(raw.pool, master),
        algorithm: "sm4-gcm",
      });
      await writeEntities(protectedStore(raw, privacy), PG_ENTITIES);
      readers.push({
        store: `PostgreSQL, ${PG_ENTITIES} entities`,
        ...(await longRunningReader(raw, privacy, PG_ENTITIES)),
      });
    } finally {
      await raw.close();
    }
  } finally {
    await server.destroy();
  }
  const base = (phase: string) =>
    rows.find((r) => r.variant === "clear" && r.phase === phase)!.eventsPerSecond;
  console.log(`${ENTITIES} entities, ${ENTITIES * 5} events; reads: median of ${ROUNDS}`);
  console.log("variant       phase           events/s   slowdown vs clear");
  for (const r of rows)
    console.log(
      `${r.variant.padEnd(13)} ${r.phase.padEnd(15)} ${Math.round(r.eventsPerSecond).toLocaleString("en").padStart(9)}   ${(
        base(r.phase === "read (keyless)" ? "read" : r.phase) / r.eventsPerSecond
      ).toFixed(2)}`,
    );
  console.log(`long-running reader, sm4-gcm, each entity's stream read: median of ${ROUNDS}`);
  console.log("store                         reader (check)  reader (no check)  slowdown (events/s)");
  for (const r of readers)
    console.log(
      `${r.store.padEnd(29)} ${Math.round(r.check).toLocaleString("en").padStart(14)}  ${Math.round(r.noCheck)
        .toLocaleString("en")
        .padStart(17)}  ${(r.noCheck / r.check).toFixed(2)}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
