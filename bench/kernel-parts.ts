/**
 * The kernel's per-event parts, timed alone (ns per operation, medians of 5 rounds), behind the
 * breakdown in docs/benchmarks.md: `node --import tsx bench/kernel-parts.ts`.
 *
 * - ids: the kernel's UUID v7 against the `uuid` package's v7, each followed by the lookup a
 *   fresh id gets (a `Set` probe, which hashes the string);
 * - idempotency: 100 command ids per stream over 1,000 streams, remembered as a `Set` of strings
 *   or as the kernel's fingerprints (`CommandIdFingerprints` is internal: reached through the
 *   handler would measure the handler, so this times the same FNV-1a and table inline);
 * - the chain: the canonical bytes alone, SHA-256 of an already flat text of the same length,
 *   the call of `crypto.hash` on an empty text, and `recomputeHash` whole.
 */
import * as crypto from "node:crypto";
import {
  canonicalBytes,
  chainCommandEvents,
  createMemoryStore,
  GENESIS_HASH,
  type HashInput,
  newId,
  recomputeHash,
  type StoredEvent,
  sha256Hex,
} from "@safety-ledger/core";
import { v7 } from "uuid";
import { median } from "./median";

const ROUNDS = 5;
const N = 200_000;

const timeNs = (work: (i: number) => number): number => {
  const runs: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) sink += work(i);
    runs.push(Number(process.hrtime.bigint() - start) / N);
  }
  if (sink === Number.MIN_VALUE) console.log(sink);
  return median(runs);
};

/** 1,000 events as the memory store holds them (sealed by the kernel, one per stream). */
const store = createMemoryStore();
for (let i = 0; i < 1000; i++) {
  const commandId = newId();
  const sealed = chainCommandEvents(
    `site-S${i}`,
    0,
    GENESIS_HASH,
    {
      actor: { unit: "GY-EMB", role: "department", person: "Inspector Wang" },
      commandId,
      commandType: "RecordInspection",
      correlationId: commandId,
      causationId: commandId,
      occurredAt: "2021-03-01T10:00:00+08:00",
      recordedAt: new Date(1.8e12 + i).toISOString(),
      rulesVersion: "0.1.0",
    },
    [{ type: "InspectionRecorded", schemaVersion: 1, data: { findings: i % 7, total: i } }],
    newId,
  );
  await store.append(`site-S${i}`, sealed, "no_stream");
}
const events: StoredEvent[] = [];
for await (const e of store.readAll()) events.push(e);
/** The same events as hash inputs, metadata without the hash, built as literals. */
const inputs: HashInput[] = events.map((e) => {
  const m = e.metadata;
  return {
    stream: e.stream,
    revision: e.revision,
    id: e.id,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: {
      actor: m.actor,
      commandId: m.commandId,
      commandType: m.commandType,
      correlationId: m.correlationId,
      causationId: m.causationId,
      occurredAt: m.occurredAt,
      recordedAt: m.recordedAt,
      rulesVersion: m.rulesVersion,
      prevHash: m.prevHash,
    },
  };
});
const flat = canonicalBytes(inputs[0]!);
flat.charCodeAt(0);

const fnv = (id: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h === 0 ? 1 : h | 0;
};
/** 100 ids per stream, 1,000 streams: each probe then insert, as the handler does. */
const idempotency = (remember: (stream: number, id: string) => void) => {
  const ids = Array.from({ length: N }, () => newId());
  return (i: number) => {
    remember(i % 1000, ids[i]!);
    return 1;
  };
};
const sets = Array.from({ length: 1000 }, () => new Set<string>());
const tables = Array.from({ length: 1000 }, () => ({ slots: new Int32Array(8), count: 0 }));
const insert = (slots: Int32Array, f: number): boolean => {
  const mask = slots.length - 1;
  for (let i = (f ^ (f >>> 16)) & mask; ; i = (i + 1) & mask) {
    if (slots[i] === f) return false;
    if (slots[i] === 0) {
      slots[i] = f;
      return true;
    }
  }
};

const probe = new Set<string>();
const rows: Array<[string, number]> = [
  ["uuid v7 (the uuid package) + first lookup", timeNs(() => (probe.has(v7()) ? 1 : 0))],
  ["newId (the kernel) + first lookup", timeNs(() => (probe.has(newId()) ? 1 : 0))],
  [
    "command ids as Set<string>: probe + insert",
    timeNs(
      idempotency((s, id) => {
        const set = sets[s]!;
        if (!set.has(id)) set.add(id);
      }),
    ),
  ],
  [
    "command ids as fingerprints: probe + insert",
    timeNs(
      idempotency((s, id) => {
        const t = tables[s]!;
        if (insert(t.slots, fnv(id)) && ++t.count * 2 > t.slots.length) {
          const larger = new Int32Array(t.slots.length * 2);
          for (const f of t.slots) if (f !== 0) insert(larger, f);
          t.slots = larger;
        }
      }),
    ),
  ],
  ["canonical bytes of an event (not flattened)", timeNs((i) => canonicalBytes(inputs[i % 1000]!).length)],
  [`SHA-256 of a flat ${flat.length}-character text`, timeNs(() => sha256Hex(flat).length)],
  ["crypto.hash of an empty text (the call alone)", timeNs(() => crypto.hash("sha256", "", "hex").length)],
  ["recomputeHash (bytes, flattening, SHA-256)", timeNs((i) => recomputeHash(events[i % 1000]!).length)],
];
for (const [part, ns] of rows) console.log(`${part.padEnd(48)} ${ns.toFixed(0).padStart(6)} ns`);
