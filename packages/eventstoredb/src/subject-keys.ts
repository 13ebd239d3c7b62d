/**
 * The `SubjectKeyStore` port in EventStoreDB (docs/privacy.md, docs/adapters.md): one stream a
 * data subject, `subject-key-<subject>`, beside the ledger's streams and never yielded by the
 * ledger's reads (filters.ts). Its last event is the subject's state:
 *
 * - `SubjectKeyCreated` {masterKeyId, algorithm, wrapped (Base64)}: the data key wrapped by the
 *   master key; a later re-wrapping (master-key rotation) appends another event of this form;
 * - `SubjectKeyDestroyed` {destroyedAt}: the tombstone. Destroying appends it and then sets the
 *   stream's `$tb` (truncate before) to it, so every earlier event, the wrapped key with them,
 *   no longer reads.
 *
 * EventStoreDB never rewrites its log: a truncated event stays in the database's chunk files,
 * in `$all` reads and in every backup until a **scavenge** has run after the destruction (and
 * the chunk holding it is complete). So an erasure is complete there once a scavenge has run
 * and the backups older than it have expired; docs/privacy.md says so.
 */
import * as crypto from "node:crypto";
import {
  isAeadAlgorithm,
  lookupOfRow,
  type MasterKey,
  newDataKey,
  type SubjectKeyLookup,
  type SubjectKeyRow,
  type SubjectKeyStore,
} from "@safety-ledger/core";
import { ClientFailure, type ClientPort, type LogPosition, type RecordedEvent } from "./client-port";

export const SUBJECT_KEY_STREAM_PREFIX = "subject-key-";

/** Is this one of the key store's streams (kept out of the ledger's reads)? */
export const isSubjectKeyStream = (stream: string): boolean => stream.startsWith(SUBJECT_KEY_STREAM_PREFIX);

const CREATED = "SubjectKeyCreated";
const DESTROYED = "SubjectKeyDestroyed";
/** An event of the erasures stream, appended after each destruction (no subject, no key). */
const ERASURE = "SubjectKeyErasure";

/** The port's row of a key stream's last event. */
const rowOf = (subject: string, event: RecordedEvent | undefined): SubjectKeyRow | undefined => {
  if (event === undefined) return undefined;
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.type === DESTROYED)
    return { subject, destroyedAt: typeof data.destroyedAt === "string" ? data.destroyedAt : "" };
  if (event.type !== CREATED || typeof data.masterKeyId !== "string" || typeof data.wrapped !== "string")
    throw new Error(`${event.stream}@${event.revision}: ${event.type} is not a subject key event`);
  if (!isAeadAlgorithm(data.algorithm))
    throw new Error(`${event.stream}@${event.revision}: algorithm ${String(data.algorithm)}`);
  return {
    subject,
    wrapped: {
      masterKeyId: data.masterKeyId,
      algorithm: data.algorithm,
      wrapped: Buffer.from(data.wrapped, "base64"),
    },
  };
};

const isWrongVersion = (error: unknown) =>
  error instanceof ClientFailure && error.reason.kind === "wrong_expected_version";

export interface SubjectKeyStoreOptions {
  /** Events a listing asks the server for at a time (default 500). */
  readonly pageSize?: number;
  /** Put between the prefix and the subject: key stores of several ledgers (or test runs) on one server. */
  readonly namespace?: string;
}

export const eventStoreDbSubjectKeyStore = (
  port: ClientPort,
  master: MasterKey,
  options: SubjectKeyStoreOptions = {},
): SubjectKeyStore & { rewrap(next: MasterKey): Promise<{ rewrapped: number; destroyed: number }> } => {
  const pageSize = Math.max(2, options.pageSize ?? 500);
  const streamPrefix = `${SUBJECT_KEY_STREAM_PREFIX}${options.namespace ?? ""}`;
  const streamOf = (subject: string) => `${streamPrefix}${subject}`;
  /** One event after each destruction: its last revision is the erasure mark (no subject id is `$erasures`). */
  const erasuresStream = `${streamPrefix}$erasures`;

  const lastEvent = async (subject: string): Promise<RecordedEvent | undefined> => {
    for await (const event of port.readStream(streamOf(subject), {
      direction: "backwards",
      from: "end",
      maxCount: 1,
    }))
      return event;
    return undefined;
  };

  const lookup = async (subject: string): Promise<SubjectKeyLookup> =>
    lookupOfRow(master, rowOf(subject, await lastEvent(subject)));

  const event = (type: string, data: Record<string, unknown>) => ({
    id: crypto.randomUUID(),
    type,
    data,
    metadata: {},
  });

  /** The erasure mark moved on, after the tombstone is written (so a reader never sees it before). */
  const noteErasure = () => port.append(erasuresStream, [event(ERASURE, {})], "any");

  /** Hide every event before the tombstone (the wrapped keys) from reads; a scavenge removes them. */
  const truncateBefore = (subject: string, revision: bigint) =>
    port.append(`$$${streamOf(subject)}`, [event("$metadata", { $tb: Number(revision) })], "any");

  const created = (masterKeyId: string, algorithm: string, wrapped: Uint8Array) =>
    event(CREATED, { masterKeyId, algorithm, wrapped: Buffer.from(wrapped).toString("base64") });

  const store: SubjectKeyStore & {
    rewrap(next: MasterKey): Promise<{ rewrapped: number; destroyed: number }>;
  } = {
    dataKeyFor: async (subject, algorithm) => {
      const found = await lookup(subject);
      if (found.status !== "none") return found;
      const key = newDataKey(subject, algorithm);
      const wrapped = master.wrap(subject, algorithm, key.key);
      try {
        await port.append(
          streamOf(subject),
          [created(wrapped.masterKeyId, algorithm, wrapped.wrapped)],
          "no_stream",
        );
      } catch (error) {
        // Another process created (or destroyed) it first: its state is the one.
        if (!isWrongVersion(error)) throw error;
      }
      const now = await lookup(subject);
      if (now.status === "none") throw new Error(`${streamOf(subject)} was not written`);
      return now;
    },
    lookup,
    destroy: async (subject, at) => {
      for (;;) {
        const last = await lastEvent(subject);
        if (last?.type === DESTROYED) {
          // Destroyed before (perhaps by a run that stopped before truncating): truncate again.
          await noteErasure();
          await truncateBefore(subject, last.revision);
          return;
        }
        try {
          const written = await port.append(
            streamOf(subject),
            [event(DESTROYED, { destroyedAt: at })],
            last === undefined ? "no_stream" : last.revision,
          );
          await noteErasure();
          await truncateBefore(subject, written.nextExpectedRevision);
          return;
        } catch (error) {
          if (!isWrongVersion(error)) throw error;
        }
      }
    },
    erasureMark: async () => {
      for await (const e of port.readStream(erasuresStream, {
        direction: "backwards",
        from: "end",
        maxCount: 1,
      }))
        return e.revision.toString();
      return "none";
    },
    /**
     * Master-key rotation: each live key is appended again wrapped by `next` (a
     * `SubjectKeyCreated` of the new master key, expected revision the one read) and the stream
     * truncated before it. Every key is unwrapped first, so a wrong master key changes nothing;
     * EventStoreDB has no transaction over streams, so a run stopped part-way leaves some keys
     * under `next`: run it again (keys already under `next` are skipped). The old wrapped keys
     * stay in the log until a scavenge, as destroyed ones do.
     */
    rewrap: async (next) => {
      const listed = await store.subjects();
      const work: Array<{ subject: string; revision: bigint; algorithm: string; key: Uint8Array }> = [];
      let destroyed = 0;
      for (const { subject } of listed) {
        const last = await lastEvent(subject);
        const row = rowOf(subject, last);
        if (last === undefined || row?.wrapped === undefined) {
          destroyed += 1;
          continue;
        }
        if (row.wrapped.masterKeyId === next.id && next.unwrap(subject, row.wrapped) !== undefined) continue;
        const found = lookupOfRow(master, row);
        if (found.status !== "live") continue;
        work.push({ subject, revision: last.revision, algorithm: row.wrapped.algorithm, key: found.key.key });
      }
      for (const w of work) {
        const wrapped = next.wrap(w.subject, w.algorithm as never, w.key);
        const written = await port.append(
          streamOf(w.subject),
          [created(wrapped.masterKeyId, w.algorithm, wrapped.wrapped)],
          w.revision,
        );
        await truncateBefore(w.subject, written.nextExpectedRevision);
      }
      return { rewrapped: work.length, destroyed };
    },
    subjects: async (prefix = "") => {
      // The last event type of each key stream, from `$all` (truncated events still appear
      // there until a scavenge: only their types are looked at).
      const status = new Map<string, "live" | "destroyed">();
      let from: LogPosition | "start" = "start";
      let bound: bigint | undefined;
      for (;;) {
        let read = 0;
        let last: LogPosition | undefined;
        for await (const e of port.readAll({
          direction: "forwards",
          from,
          maxCount: pageSize,
          filter: { on: "stream", prefixes: [streamOf(prefix)] },
        })) {
          read += 1;
          if (e.position === undefined) continue;
          last = e.position;
          if (bound !== undefined && e.position.commit <= bound) continue;
          if (!e.stream.startsWith(streamPrefix) || (e.type !== CREATED && e.type !== DESTROYED)) continue;
          const subject = e.stream.slice(streamPrefix.length);
          if (status.get(subject) !== "destroyed")
            status.set(subject, e.type === DESTROYED ? "destroyed" : "live");
        }
        if (read < pageSize || last === undefined || last.commit === bound) break;
        bound = last.commit;
        from = last;
      }
      return [...status]
        .map(([subject, s]) => ({ subject, status: s }))
        .sort((a, b) => (a.subject < b.subject ? -1 : 1));
    },
  };
  return store;
};
