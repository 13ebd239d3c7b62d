/**
 * The tamper-evident chain: each event's hash is SHA-256 (or SM3, in a ledger created so) over
 * the RFC 8785 canonical JSON of the event (stream, revision, id, type, schema version, data
 * and metadata without the hash, so the previous hash is covered too). Changing, inserting,
 * deleting or reordering any event breaks the chain from that event on.
 *
 * A hash names its algorithm: SHA-256 hashes are 64 hex digits as they always were, SM3 hashes
 * `sm3:` and 64 hex digits. So every event is checked with the algorithm it was written with,
 * and verification holds that to the ledger's algorithm (`ledger-settings`).
 */

import canonicalize from "canonicalize";
import { type HashAlgorithm, SHA256, SM3, type TextHash } from "../crypto/hash";
import { type ChainProblemCode, type ChainProblemDetail, chainProblemText } from "./chain-problem-texts";
import type { EncodedEvent } from "./codec-registry";
import type { Actor, EventMetadata, EventToAppend, Json, StoredEvent } from "./envelope";
import { storedFormOf } from "./field-protection";

/** The previous hash of a stream's first event. */
export const GENESIS_HASH = "0".repeat(64);

export interface HashInput {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Json;
  readonly metadata: Omit<EventMetadata, "hash">;
}

const METADATA_KEYS = [
  "actor",
  "causationId",
  "commandId",
  "commandType",
  "correlationId",
  "occurredAt",
  "prevHash",
  "recordedAt",
  "rulesVersion",
] as const;
const ACTOR_KEYS = ["person", "role", "unit"] as const;

const canonical = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("event is not canonicalisable JSON");
  return text;
};

/** Characters JSON.stringify would escape (quote, backslash, controls, lone surrogates). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it; strings with nothing to escape are only wrapped in quotes. */
const quote = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/** Quoted object keys: a codec's few property names come back on every event. Bounded. */
const quotedKeys = new Map<string, string>();
const quoteKey = (key: string): string => {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = quote(key);
    if (quotedKeys.size < 4096) quotedKeys.set(key, quoted);
  }
  return quoted;
};

/**
 * RFC 8785 for JSON values (what `data` holds), written directly: keys sorted by UTF-16 code
 * units (the default sort), strings and numbers as ECMAScript's JSON.stringify writes them,
 * which is what RFC 8785 prescribes. Anything that is not plain JSON goes to the library.
 */
const canonicalJson = (value: unknown): string => {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      // For finite numbers JSON.stringify and String agree (RFC 8785 takes ECMAScript's form).
      return Number.isFinite(value) ? `${value}` : canonical(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          const v = value[i];
          out +=
            (i === 0 ? "" : ",") + (v === undefined || typeof v === "symbol" ? "null" : canonicalJson(v));
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      if (Object.getPrototypeOf(value) !== Object.prototype || typeof record.toJSON === "function")
        return canonical(value);
      const keys = Object.keys(record);
      // Codecs often list keys in order already; sort only when they are not.
      for (let i = 1; i < keys.length; i++)
        if (keys[i - 1]! > keys[i]!) {
          keys.sort();
          break;
        }
      let out = "{";
      let first = true;
      for (const key of keys) {
        const v = record[key];
        if (v === undefined || typeof v === "symbol") continue;
        if (typeof v === "function") return canonical(value);
        out += `${first ? "" : ","}${quoteKey(key)}:${canonicalJson(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return canonical(value);
  }
};

/**
 * Would `JSON.stringify` write exactly the canonical form? It does for plain objects and arrays,
 * strings, booleans, null and finite numbers when every object's keys are already in sorted
 * order: its numbers and string escapes are RFC 8785's (that is where RFC 8785 took them from),
 * and it writes keys in the order `for…in` lists them. Anything else (an unsorted or integer-like
 * key order, undefined, a class instance, `toJSON`) says no, and the general writer runs.
 */
const stringifiesCanonically = (value: unknown): boolean => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object": {
      if (value === null) return true;
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Array.prototype) {
        const array = value as unknown[];
        for (let i = 0; i < array.length; i++) if (!stringifiesCanonically(array[i])) return false;
        return true;
      }
      if (prototype !== Object.prototype) return false;
      let previous: string | undefined;
      for (const key in value) {
        if (previous !== undefined && previous >= key) return false;
        previous = key;
        if (!stringifiesCanonically((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
};

/** Event data as RFC 8785 writes it: by the native `JSON.stringify` when that gives the same bytes. */
const canonicalData = (data: unknown): string =>
  stringifiesCanonically(data) ? JSON.stringify(data) : canonicalJson(data);

/**
 * How many keys `Object.keys` would list, counted without building the list; -1 for anything
 * but a plain object (whose prototype could add keys to the count).
 */
const keyCount = (value: object): number => {
  if (Object.getPrototypeOf(value) !== Object.prototype) return -1;
  let n = 0;
  for (const _ in value) n++;
  return n;
};

/** Does the object have exactly these (string-valued) keys? Then it can be written directly. */
const hasExactly = (value: object, keys: ReadonlyArray<string>): boolean => {
  if (keyCount(value) !== keys.length) return false;
  for (const key of keys) if (typeof (value as Record<string, unknown>)[key] !== "string") return false;
  return true;
};

/** Metadata as a writer fills it in, before the chain adds prevHash and hash. */
export type WriterMetadata = Omit<EventMetadata, "hash" | "prevHash">;

/** An event ready to be chained: everything but prevHash and hash. */
export type UnsealedEvent = Omit<EventToAppend, "metadata"> & { readonly metadata: WriterMetadata };

/** Is the metadata (prevHash apart) of the usual shape: exactly the writer's fields, all strings? */
const isUsualShape = (m: WriterMetadata, keys: number): boolean => {
  const a = m.actor as Actor | undefined | null;
  return (
    typeof a === "object" &&
    a !== null &&
    hasExactly(a, ACTOR_KEYS) &&
    typeof m.causationId === "string" &&
    typeof m.commandId === "string" &&
    typeof m.commandType === "string" &&
    typeof m.correlationId === "string" &&
    typeof m.occurredAt === "string" &&
    typeof m.recordedAt === "string" &&
    typeof m.rulesVersion === "string" &&
    keyCount(m) === keys
  );
};

/**
 * A field's last value and its quoted form. Most envelope fields (actor, command type, times,
 * rules version, event type) repeat from one event to the next: a repeat costs one comparison
 * instead of an escape scan and a new string.
 */
class LastQuoted {
  private value = "";
  private quoted = '""';

  of(value: string): string {
    if (value !== this.value) {
      this.value = value;
      this.quoted = quote(value);
    }
    return this.quoted;
  }
}

const person = new LastQuoted();
const role = new LastQuoted();
const unit = new LastQuoted();
const commandType = new LastQuoted();
const occurredAt = new LastQuoted();
const recordedAt = new LastQuoted();
const rulesVersion = new LastQuoted();
const streamName = new LastQuoted();
const eventType = new LastQuoted();

/** The canonical bytes of every event start so, and its data's canonical text follows. */
const DATA_HEAD = '{"data":';

/**
 * The canonical bytes of an envelope of the usual shape (checked by the caller), in sorted key
 * order, that follow its data's canonical text (`DATA_HEAD` goes before that text).
 */
const usualTail = (
  stream: string,
  revision: number,
  id: string,
  type: string,
  schemaVersion: number,
  m: WriterMetadata,
  prevHash: string,
): string => {
  const commandId = quote(m.commandId);
  // Correlation and causation ids are usually the command id itself: quote it once.
  const correlationId = m.correlationId === m.commandId ? commandId : quote(m.correlationId);
  const causationId = m.causationId === m.commandId ? commandId : quote(m.causationId);
  const a = m.actor;
  return (
    `,"id":${quote(id)},"metadata":{"actor":{"person":${person.of(a.person)},"role":${role.of(a.role)},"unit":${unit.of(a.unit)}}` +
    `,"causationId":${causationId},"commandId":${commandId},"commandType":${commandType.of(m.commandType)}` +
    `,"correlationId":${correlationId},"occurredAt":${occurredAt.of(m.occurredAt)},"prevHash":${quote(prevHash)}` +
    `,"recordedAt":${recordedAt.of(m.recordedAt)},"rulesVersion":${rulesVersion.of(m.rulesVersion)}}` +
    `,"revision":${revision},"schemaVersion":${schemaVersion},"stream":${streamName.of(stream)},"type":${eventType.of(type)}}`
  );
};

/** The canonical bytes of an envelope of the usual shape around `dataText`, the canonical form of its data. */
const usualBytes = (
  stream: string,
  revision: number,
  id: string,
  type: string,
  schemaVersion: number,
  dataText: string,
  m: WriterMetadata,
  prevHash: string,
): string => DATA_HEAD + dataText + usualTail(stream, revision, id, type, schemaVersion, m, prevHash);

/**
 * The exact bytes that are hashed: RFC 8785 canonical JSON of the event without its hash
 * (exposed so an auditor can recompute them elsewhere). The envelope's known shape is written
 * in sorted key order directly, and only `data` goes through the general canonicaliser; any
 * other shape goes through it whole. A property test holds both paths to the same bytes.
 */
export const canonicalBytes = (input: HashInput): string => {
  const { metadata } = input;
  if (
    typeof metadata.prevHash !== "string" ||
    !isUsualShape(metadata, METADATA_KEYS.length) ||
    !Number.isSafeInteger(input.revision) ||
    !Number.isSafeInteger(input.schemaVersion) ||
    typeof input.id !== "string" ||
    typeof input.stream !== "string" ||
    typeof input.type !== "string"
  )
    return canonicalSlow(input);
  return usualBytes(
    input.stream,
    input.revision,
    input.id,
    input.type,
    input.schemaVersion,
    canonicalData(input.data),
    metadata,
    metadata.prevHash,
  );
};

/** The same bytes through the general canonicaliser only. */
export const canonicalSlow = (input: HashInput): string =>
  canonical({
    stream: input.stream,
    revision: input.revision,
    id: input.id,
    type: input.type,
    schemaVersion: input.schemaVersion,
    data: input.data,
    metadata: input.metadata,
  });

export const sha256Hex: (text: string) => string = SHA256.hex;

/** How a chain hashes an event's canonical bytes and writes the hash it stores. */
export interface ChainHash {
  readonly algorithm: HashAlgorithm;
  /** The stored hash of canonical bytes: bare hex for SHA-256, `sm3:` and hex for SM3. */
  readonly digest: (text: string) => string;
  /** `digest` of `head + middle + tail`, without joining them (`TextHash.hexOfJoined`). */
  readonly digestJoined: (head: string, middle: string, tail: string) => string;
  readonly hash: TextHash;
}

const SM3_TAG = "sm3:";

export const SHA256_CHAIN: ChainHash = {
  algorithm: "sha256",
  digest: SHA256.hex,
  digestJoined: SHA256.hexOfJoined,
  hash: SHA256,
};
export const SM3_CHAIN: ChainHash = {
  algorithm: "sm3",
  digest: (text) => SM3_TAG + SM3.hex(text),
  digestJoined: (head, middle, tail) => SM3_TAG + SM3.hexOfJoined(head, middle, tail),
  hash: SM3,
};

export const chainHash = (algorithm: HashAlgorithm): ChainHash =>
  algorithm === "sm3" ? SM3_CHAIN : SHA256_CHAIN;

/** The algorithm a stored hash names (undefined: neither form). */
export const hashAlgorithmOf = (hash: string): HashAlgorithm | undefined =>
  hash.length === 64 ? "sha256" : hash.length === 68 && hash.startsWith(SM3_TAG) ? "sm3" : undefined;

/** The hex digest a stored hash holds, without its algorithm's name. */
export const hashHex = (hash: string): string =>
  hash.startsWith(SM3_TAG) ? hash.slice(SM3_TAG.length) : hash;

/** The chain an event was hashed with, read off its stored hash (SHA-256 for anything unknown). */
const chainOf = (hash: unknown): ChainHash =>
  typeof hash === "string" && hash.length === 68 && hash.startsWith(SM3_TAG) ? SM3_CHAIN : SHA256_CHAIN;

export const hashEvent = (input: HashInput, chain: ChainHash = SHA256_CHAIN): string =>
  chain.digest(canonicalBytes(input));

const withoutHash = ({ hash: _hash, ...rest }: EventMetadata): Omit<EventMetadata, "hash"> => rest;

/**
 * Recompute an event's hash from its content, with the algorithm its stored hash names.
 * Metadata of the usual shape (the writer's fields, prevHash and hash, all strings) is written
 * straight from the event; anything else goes through `canonicalBytes` without its hash.
 */
export const recomputeHash = (event: StoredEvent): string => {
  const m = event.metadata;
  const chain = chainOf(m.hash);
  if (holdsLargeArray(event.data)) return hashInPieces(event, chain);
  if (isUsualEvent(event))
    return chain.digestJoined(DATA_HEAD, canonicalData(event.data), storedEventTail(event));
  return chain.digest(
    canonicalBytes({
      stream: event.stream,
      revision: event.revision,
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: withoutHash(m),
    }),
  );
};

/** The bytes hashed for a stored event of the usual shape (`isUsualEvent`) after its data's text. */
const storedEventTail = (event: StoredEvent): string =>
  usualTail(
    event.stream,
    event.revision,
    event.id,
    event.type,
    event.schemaVersion,
    event.metadata,
    event.metadata.prevHash as string,
  );

/** Is a stored event's envelope of the usual shape (the writer's metadata, prevHash and hash, all strings)? */
const isUsualEvent = (event: StoredEvent): boolean => {
  const m = event.metadata;
  return (
    typeof m.prevHash === "string" &&
    typeof m.hash === "string" &&
    isUsualShape(m, METADATA_KEYS.length + 1) &&
    Number.isSafeInteger(event.revision) &&
    Number.isSafeInteger(event.schemaVersion) &&
    typeof event.id === "string" &&
    typeof event.stream === "string" &&
    typeof event.type === "string"
  );
};

/**
 * Stored data texts. A store that keeps each event's data as the canonical text its hash covers
 * (`storedDataText`) hands the text it read back along with the event (`withDataText`): the
 * link check then hashes that text as it is instead of writing the canonical form of the data
 * again. A text that is not those bytes (a ledger written before the store kept them, or a row
 * changed outside the library) fails that hash and is checked as before, from the parsed data
 * (`contentMatches`): the verdict is the same either way.
 */
const DATA_TEXT = Symbol("dataText");

/** Event data as a store keeps it: the canonical bytes its hash covers (RFC 8785). */
export const storedDataText = (data: Json): string => canonicalData(data);

/**
 * The event, which a store read with `data` parsed from `text` (`JSON.parse(text)`), carrying
 * that text for its link check. Not enumerable: a copy of the event (a spread with other data)
 * does not carry it, nor does it show in comparisons or JSON.
 */
export const withDataText = <E extends StoredEvent>(event: E, text: string): E =>
  Object.defineProperty(event, DATA_TEXT, { value: text });

const dataTextOf = (event: StoredEvent): string | undefined =>
  (event as { readonly [DATA_TEXT]?: string })[DATA_TEXT];

/**
 * Whether the stored texts are worth hashing first. The rows of a ledger written before the store
 * kept the hashed bytes never match, and each would be hashed twice: after misses, a text is tried
 * only every 64th event, until tries match again. Only the cost depends on it: an event whose text
 * is not tried is checked from its data, with the same verdict.
 */
class TextTries {
  private score = 0;
  private skipped = 0;

  worthTrying(): boolean {
    return this.score >= 0 || (++this.skipped & 63) === 0;
  }

  record(matched: boolean): void {
    this.score = matched ? Math.min(16, this.score + 1) : Math.max(-16, this.score - 1);
  }
}

const textTries = new TextTries();

/** The hash of an event of the usual shape with `text` as the canonical text of its data. */
const hashWithDataText = (event: StoredEvent, text: string): string =>
  chainOf(event.metadata.hash).digestJoined(DATA_HEAD, text, storedEventTail(event));

/**
 * Does the event's content hash to `hash`? From its data's stored text when the store kept it
 * (`withDataText`), else, or when that text is not the hashed bytes, from the data itself.
 */
const contentMatches = (event: StoredEvent, hash: string): boolean => {
  const text = dataTextOf(event);
  if (text !== undefined && textTries.worthTrying() && isUsualEvent(event)) {
    const matched = hashWithDataText(event, text) === hash;
    textTries.record(matched);
    if (matched) return true;
  }
  return recomputeHash(event) === hash;
};

/** Arrays longer than this are hashed element by element (see `hashInPieces`). */
const LARGE_ARRAY = 10_000;

/** Is the data, or one of its top-level values, an array longer than LARGE_ARRAY? */
const holdsLargeArray = (data: Json): boolean => {
  if (typeof data !== "object" || data === null) return false;
  if (Array.isArray(data)) return data.length > LARGE_ARRAY;
  for (const key in data) {
    const value = (data as Record<string, unknown>)[key];
    if (Array.isArray(value) && value.length > LARGE_ARRAY) return true;
  }
  return false;
};

/** Text handed to the hash in pieces of about this many characters. */
const PIECE = 1 << 16;

/**
 * The same hash as `chain.digest(canonicalBytes(…))`, for data holding a very long array (a
 * seal lists every stream's head: some 20 MB at a million events): the canonical text is handed
 * to the hash a piece at a time instead of being built whole, so hashing it holds no copy of it.
 */
const hashInPieces = (event: StoredEvent, chain: ChainHash): string => {
  const envelope = canonicalBytes({
    stream: event.stream,
    revision: event.revision,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: null,
    metadata: withoutHash(event.metadata),
  });
  const hash = chain.hash.create();
  let piece = '{"data":';
  const write = (text: string) => {
    piece += text;
    if (piece.length >= PIECE) {
      hash.update(piece, "utf8");
      piece = "";
    }
  };
  const writeArray = (array: ReadonlyArray<unknown>) => {
    write("[");
    for (let i = 0; i < array.length; i++) {
      const v = array[i];
      write((i === 0 ? "" : ",") + (v === undefined || typeof v === "symbol" ? "null" : canonicalJson(v)));
    }
    write("]");
  };
  const data = event.data as unknown;
  const plain =
    typeof data === "object" &&
    data !== null &&
    !Array.isArray(data) &&
    Object.getPrototypeOf(data) === Object.prototype &&
    typeof (data as { toJSON?: unknown }).toJSON !== "function";
  if (Array.isArray(data)) writeArray(data);
  else if (!plain) write(canonicalJson(data));
  else {
    const record = data as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    write("{");
    let first = true;
    for (const key of keys) {
      const v = record[key];
      if (v === undefined || typeof v === "symbol") continue;
      write(`${first ? "" : ","}${quoteKey(key)}:`);
      first = false;
      if (Array.isArray(v) && v.length > LARGE_ARRAY) writeArray(v);
      else write(canonicalJson(v));
    }
    write("}");
  }
  // the envelope without data starts `{"data":null`: the rest follows the data
  write(envelope.slice('{"data":null'.length));
  hash.update(piece, "utf8");
  const hex = hash.digest("hex");
  return chain === SM3_CHAIN ? SM3_TAG + hex : hex;
};

/**
 * One event of the usual shape (checked by the caller) sealed after `prevHash`: bytes written
 * straight from the fields, metadata built as a literal (a spread costs more than the hash).
 */
const sealUsual = (
  stream: string,
  revision: number,
  id: string,
  type: string,
  schemaVersion: number,
  data: Json,
  m: WriterMetadata,
  prevHash: string,
  digestJoined: ChainHash["digestJoined"],
): EventToAppend => ({
  id,
  type,
  schemaVersion,
  data,
  metadata: {
    actor: m.actor,
    commandId: m.commandId,
    commandType: m.commandType,
    correlationId: m.correlationId,
    causationId: m.causationId,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    rulesVersion: m.rulesVersion,
    prevHash,
    hash: digestJoined(
      DATA_HEAD,
      canonicalData(data),
      usualTail(stream, revision, id, type, schemaVersion, m, prevHash),
    ),
  },
});

/**
 * Seal a batch of events about to be appended after `previousHash` at `firstRevision`:
 * fills in prevHash and hash of each one, hashed with `chain` (the ledger's algorithm).
 */
export const chainEvents = (
  stream: string,
  firstRevision: number,
  previousHash: string,
  events: ReadonlyArray<UnsealedEvent>,
  chain: ChainHash = SHA256_CHAIN,
): EventToAppend[] => {
  const digest = chain.digest;
  let prevHash = previousHash;
  const out: EventToAppend[] = new Array(events.length);
  const usualEnvelope =
    typeof stream === "string" && typeof prevHash === "string" && Number.isSafeInteger(firstRevision);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const m = event.metadata;
    const { id, type, schemaVersion, data } = event;
    if (
      usualEnvelope &&
      typeof id === "string" &&
      typeof type === "string" &&
      Number.isSafeInteger(schemaVersion) &&
      isUsualShape(m, METADATA_KEYS.length - 1)
    ) {
      out[i] = sealUsual(
        stream,
        firstRevision + i,
        id,
        type,
        schemaVersion,
        data,
        m,
        prevHash,
        chain.digestJoined,
      );
      prevHash = out[i]!.metadata.hash;
      continue;
    }
    const base = { ...m, prevHash };
    const hash = digest(
      canonicalBytes({ stream, revision: firstRevision + i, id, type, schemaVersion, data, metadata: base }),
    );
    prevHash = hash;
    out[i] = { id, type, schemaVersion, data, metadata: { ...base, hash } };
  }
  return out;
};

/**
 * Seal one command's events, which share the writer's metadata: each gets an id from `newId`,
 * prevHash and hash. The same result as `chainEvents` on those events, built with one check of
 * the metadata's shape for the whole command.
 */
export const chainCommandEvents = (
  stream: string,
  firstRevision: number,
  previousHash: string,
  metadata: WriterMetadata,
  events: ReadonlyArray<EncodedEvent>,
  newId: () => string,
  chain: ChainHash = SHA256_CHAIN,
): EventToAppend[] => {
  if (
    typeof stream !== "string" ||
    typeof previousHash !== "string" ||
    !Number.isSafeInteger(firstRevision) ||
    !isUsualShape(metadata, METADATA_KEYS.length - 1)
  )
    return chainEvents(
      stream,
      firstRevision,
      previousHash,
      events.map((e) => ({
        id: newId(),
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata,
      })),
      chain,
    );
  const m = metadata;
  let prevHash = previousHash;
  const out: EventToAppend[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const { type, schemaVersion, data } = events[i]!;
    const id = newId();
    if (typeof id !== "string" || typeof type !== "string" || !Number.isSafeInteger(schemaVersion)) {
      out[i] = chainEvents(
        stream,
        firstRevision + i,
        prevHash,
        [{ id, type, schemaVersion, data, metadata }],
        chain,
      )[0]!;
    } else {
      out[i] = sealUsual(
        stream,
        firstRevision + i,
        id,
        type,
        schemaVersion,
        data,
        m,
        prevHash,
        chain.digestJoined,
      );
    }
    prevHash = out[i]!.metadata.hash;
  }
  return out;
};

export type ChainProblemKind =
  /** The event's content no longer matches its hash. */
  | "changed"
  /** Revisions are absent from the stream (a deletion). */
  | "missing"
  /** An earlier revision turned up after a later one. */
  | "reordered"
  /** A revision turned up twice (an insertion). */
  | "inserted"
  /** The event's prevHash is not the hash of the event before it. */
  | "broken-link"
  /** The event claims another stream. */
  | "wrong-stream"
  /** The event is hashed with another algorithm than the ledger's. */
  | "wrong-algorithm";

export interface ChainProblem {
  readonly stream: string;
  readonly revision: number;
  readonly kind: ChainProblemKind;
  /** In English; `detail` is the same, coded, for other languages (`chainProblemText`). */
  readonly message: string;
  readonly detail: ChainProblemDetail;
}

/**
 * Checks one stream's chain event by event; feed it events in the order the store returns
 * them. Keeps only the last hash (and any revisions found missing), so a stream of any length
 * is checked in constant memory. Each tampering is reported once, where it happened.
 */
const NO_PROBLEMS: ReadonlyArray<ChainProblem> = Object.freeze([]);

export class ChainVerifier {
  // Every field is assigned in the constructor and no closure is made per instance: a read keeps
  // a verifier per stream (hundreds of thousands in a city's history), so each one is kept small.
  readonly stream: string;
  private readonly algorithm: HashAlgorithm | undefined;
  private expectedRevision: number;
  private previousHash: string;
  private count: number;
  /** Created on the first gap: most streams never have one. */
  private missing: Set<number> | undefined;
  /** The problems of the event being checked; created on the first (most events have none). */
  private problems: ChainProblem[] | undefined;

  /**
   * `from`: start part-way through the stream, at this event, taking its link on trust (a read
   * that resumes after a position cannot check what it does not read). `algorithm`: the
   * ledger's, which every event's hash must name (unchecked when not given).
   */
  constructor(stream: string, from?: StoredEvent, algorithm?: HashAlgorithm) {
    this.stream = stream;
    this.algorithm = algorithm;
    this.expectedRevision = from === undefined ? 0 : from.revision;
    this.previousHash = from === undefined ? GENESIS_HASH : from.metadata.prevHash;
    this.count = 0;
    this.missing = undefined;
    this.problems = undefined;
  }

  get events(): number {
    return this.count;
  }

  /** The last revision and hash seen, the stream's head as this verifier knows it. */
  get head(): { readonly revision: number; readonly hash: string } | undefined {
    return this.count === 0 ? undefined : { revision: this.expectedRevision - 1, hash: this.previousHash };
  }

  /** The problems this event shows; the same empty array for an intact event (most of them). */
  check(event: StoredEvent): ReadonlyArray<ChainProblem> {
    this.problems = undefined;
    this.count += 1;
    const revision = event.revision;
    const hash = event.metadata.hash;
    if (event.stream !== this.stream)
      this.at(revision, "wrong-stream", "CHAIN_WRONG_STREAM", { stream: event.stream });
    if (this.algorithm !== undefined && hashAlgorithmOf(hash) !== this.algorithm)
      this.at(revision, "wrong-algorithm", "CHAIN_WRONG_ALGORITHM", { algorithm: this.algorithm });
    const contentIntact = contentMatches(storedFormOf(event), hash);
    if (!contentIntact) this.at(revision, "changed", "CHAIN_CHANGED", {});

    if (revision < this.expectedRevision) {
      if (this.missing?.delete(revision) === true)
        this.at(revision, "reordered", "CHAIN_REORDERED", { revision, after: this.expectedRevision - 1 });
      else this.at(revision, "inserted", "CHAIN_INSERTED", { revision });
      return this.problems ?? NO_PROBLEMS;
    }
    if (revision > this.expectedRevision) {
      this.missing ??= new Set();
      for (let r = this.expectedRevision; r < revision; r++) this.missing.add(r);
      this.at(this.expectedRevision, "missing", "CHAIN_MISSING", {
        from: this.expectedRevision,
        to: revision - 1,
      });
    } else if (contentIntact && event.metadata.prevHash !== this.previousHash) {
      this.at(revision, "broken-link", "CHAIN_BROKEN_LINK", {});
    }
    this.expectedRevision = revision + 1;
    this.previousHash = hash;
    return this.problems ?? NO_PROBLEMS;
  }

  private at(
    revision: number,
    kind: ChainProblemKind,
    code: ChainProblemCode,
    params: ChainProblemDetail["params"],
  ): void {
    this.problems ??= [];
    const detail = { code, params };
    this.problems.push({
      stream: this.stream,
      revision,
      kind,
      message: chainProblemText(detail, "en"),
      detail,
    });
  }
}

/**
 * The links of what a read meets, stream by stream: each event's content against its hash and
 * its prevHash against the event before it (a hash per event). For reads that stream the store
 * for another purpose (projections), so that they notice tampering; `audit verify` does more.
 */
export class ReadLinkCheck {
  private readonly verifiers = new Map<string, ChainVerifier>();
  private readonly found: ChainProblem[] = [];

  /** `fromStart`: the read starts at the beginning of the store (else each stream is taken up where it is met). */
  constructor(private readonly fromStart: boolean) {}

  check(event: StoredEvent): void {
    let verifier = this.verifiers.get(event.stream);
    if (verifier === undefined) {
      verifier = this.fromStart ? new ChainVerifier(event.stream) : new ChainVerifier(event.stream, event);
      this.verifiers.set(event.stream, verifier);
    }
    const problems = verifier.check(event);
    for (let i = 0; i < problems.length; i++) this.found.push(problems[i]!);
  }

  get problems(): ReadonlyArray<ChainProblem> {
    return this.found;
  }
}
