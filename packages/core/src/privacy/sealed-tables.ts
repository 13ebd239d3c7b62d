/**
 * Read tables for an encrypted ledger (docs/privacy.md): the tables fold the events with each
 * encrypted personal field as a *sealed value*, a string holding the stored ciphertext and what
 * it is bound to (stream, event, type, path), so no clear personal value is ever written to the
 * tables; a read reveals the sealed values of the states it returns through the ledger's
 * privacy (its key store): the clear value, or the erased text once the subject's key is
 * destroyed, or `[encrypted]` without the master key.
 */
import { undecodable } from "../kernel/codec-registry";
import type { Json, StoredEvent } from "../kernel/envelope";
import { type EventDecodeError, inputIssue } from "../kernel/errors";
import { markRevealed, storedFormOf } from "../kernel/field-protection";
import { reason } from "../kernel/input-issue-texts";
import type { ReadTables } from "../projections/tables/port";
import { isErasedField } from "./erased-field";
import { personalFieldsOf } from "./personal-fields";
import type { StorePrivacy } from "./protect";

/** The mark a sealed value starts with (a control character: never typed in a field). */
const SEALED = "\u0001sealed:";

interface Sealed {
  readonly stream: string;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly path: string;
  readonly stored: Json;
}

const isStoredForm = (v: Json): boolean =>
  v !== null &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  ((v as { encrypted?: unknown }).encrypted === 1 || isErasedField(v));

const segmentsOf = (path: string) =>
  path
    .split(".")
    .map((s) => (s.endsWith("[]") ? { key: s.slice(0, -2), each: true } : { key: s, each: false }));

/** `leaf` applied at every value of a registered path (`casualties[].name` → each element's). */
const mapPath = (
  value: Json,
  segments: ReturnType<typeof segmentsOf>,
  leaf: (v: Json, path: string) => Json,
  path = "",
): Json => {
  if (segments.length === 0) return leaf(value, path.slice(0, -1));
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const [{ key, each }, ...rest] = segments as [{ key: string; each: boolean }, ...typeof segments];
  const record = value as { readonly [k: string]: Json };
  const inner = record[key];
  if (inner === undefined) return value;
  const next = each
    ? Array.isArray(inner)
      ? inner.map((v, n) => mapPath(v, rest, leaf, `${path}${key}[${n}].`))
      : inner
    : mapPath(inner, rest, leaf, `${path}${key}.`);
  return next === inner ? value : { ...record, [key]: next };
};

/**
 * The event as the tables fold it: each encrypted (or erased) personal field a sealed value.
 * It remembers its stored form, so a check of its chain link hashes the bytes as stored.
 */
export const sealedEvent = (event: StoredEvent): StoredEvent => {
  const fields = personalFieldsOf(event.type, event.schemaVersion);
  if (fields.length === 0) return event;
  const stored = storedFormOf(event);
  let data = stored.data;
  for (const field of fields)
    data = mapPath(data, segmentsOf(field.path), (v, path) =>
      isStoredForm(v)
        ? `${SEALED}${JSON.stringify([stored.stream, stored.id, stored.type, stored.schemaVersion, path, v])}`
        : v,
    );
  return data === stored.data ? event : markRevealed({ ...stored, data }, stored);
};

/**
 * The error of a read table that folds events as stored (a store's plain `readTables`) and
 * meets one it cannot decode: if that event's personal fields are stored encrypted or erased,
 * each of them named, with what folds an encrypted ledger's events (`sealedReadTables`);
 * otherwise `error` itself.
 */
export const withEncryptedFields = (stored: StoredEvent, error: EventDecodeError): EventDecodeError => {
  const paths: string[] = [];
  for (const field of personalFieldsOf(stored.type, stored.schemaVersion))
    mapPath(stored.data, segmentsOf(field.path), (v, path) => {
      if (isStoredForm(v)) paths.push(`data.${path}`);
      return v;
    });
  if (paths.length === 0) return error;
  return undecodable(
    stored,
    paths.map((path) => inputIssue(path, reason("INPUT_FIELD_ENCRYPTED", {}))),
  );
};

const unseal = (text: string): Sealed | undefined => {
  try {
    const [stream, id, type, schemaVersion, path, stored] = JSON.parse(text.slice(SEALED.length));
    return { stream, id, type, schemaVersion, path, stored };
  } catch {
    return undefined;
  }
};

/** The value of one sealed field, revealed by the privacy as a read of its event would. */
const revealSealed = async (sealed: Sealed, privacy: StorePrivacy): Promise<Json> => {
  // the event as far as this field: the privacy reveals it with its binding (stream, id, path)
  const data: Record<string, Json> = {};
  let at: Record<string, Json> | Json[] = data;
  const segments = sealed.path.split(".");
  const place = (key: string, value: Json) => {
    const m = /^(.*)\[(\d+)\]$/.exec(key);
    if (m === null) {
      (at as Record<string, Json>)[key] = value;
      return value;
    }
    const list: Json[] = [];
    (at as Record<string, Json>)[m[1]!] = list;
    list[Number(m[2])] = value;
    return value;
  };
  for (let i = 0; i < segments.length - 1; i++) at = place(segments[i]!, {}) as Record<string, Json>;
  place(segments.at(-1)!, sealed.stored);
  const event = {
    stream: sealed.stream,
    id: sealed.id,
    type: sealed.type,
    schemaVersion: sealed.schemaVersion,
    revision: 0,
    position: 0n,
    data,
    metadata: {},
  } as unknown as StoredEvent;
  const revealed = privacy.revealNow?.(event) ?? (await privacy.reveal(event));
  let value: Json = revealed.data;
  for (const segment of segments) {
    const m = /^(.*)\[(\d+)\]$/.exec(segment);
    value =
      m === null
        ? (value as Record<string, Json>)[segment]!
        : (value as Record<string, Json[]>)[m[1]!]![Number(m[2])]!;
  }
  return value;
};

/** A state from the tables with every sealed value revealed (the state itself when it holds none). */
export const revealSealedValues = async (value: unknown, privacy: StorePrivacy): Promise<unknown> => {
  if (typeof value === "string") {
    if (!value.startsWith(SEALED)) return value;
    const sealed = unseal(value);
    return sealed === undefined ? value : revealSealed(sealed, privacy);
  }
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = await revealSealedValues(value[i], privacy);
      if (v === value[i]) continue;
      out ??= [...value];
      out[i] = v;
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const r = await revealSealedValues(v, privacy);
    if (r === v) continue;
    out ??= { ...(value as Record<string, unknown>) };
    out[k] = r;
  }
  return out ?? value;
};

/** Does a text (a value, or JSON holding values) hold a sealed value, what the tables keep in place of a personal value? */
export const holdsSealedValue = (text: string): boolean =>
  text.includes(SEALED) || text.includes(JSON.stringify(SEALED).slice(1, -1));

/**
 * Read tables whose states are revealed on the way out (the tables keep sealed values). The
 * summaries and the board's counts pass through as they are: no task or workstream event has a
 * personal field (unrevealed-summaries.test.ts holds it).
 */
export const revealingReadTables = <T extends ReadTables>(tables: T, privacy: StorePrivacy): T => {
  const out = Object.create(tables) as T;
  Object.defineProperty(out, "states", {
    value: async (...args: Parameters<ReadTables["states"]>) => {
      // keys looked up before an erasure in another process are not used (one read of its mark)
      const [states] = await Promise.all([tables.states(...args), privacy.noticeErasures?.()]);
      const revealed = new Map<string, unknown>();
      for (const [id, state] of states) revealed.set(id, await revealSealedValues(state, privacy));
      return revealed;
    },
  });
  return out;
};
