/**
 * Self-verifying exports: the events (all, a stream prefix, or the ledger as it was known on a
 * date) with the seals, as JSON lines. `verifyExport` checks such a file with no store at all.
 *
 * Line 1 is a header; each further line is one stored event, its position as a decimal string.
 */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { DEFAULT_HASH_ALGORITHM, type HashAlgorithm } from "../crypto/hash";
import { ActorRefCodec } from "../kernel/actor-ref";
import type { Json, StoredEvent } from "../kernel/envelope";
import type { EventStore } from "../kernel/event-store";
import { canonicalBytes, recomputeHash } from "../kernel/hash-chain";
import { parseInstant } from "../kernel/instant";
import { HashAlgorithmCodec, readLedgerHashAlgorithm } from "../kernel/ledger-settings";
import { endOf } from "../kernel/projection";
import { storedEventFromJson, storedEventToJson } from "./event-json";
import { SEAL_STREAM } from "./seal";
import { type LedgerReport, verifySource } from "./verify-ledger";

export const EXPORT_FORMAT = "safety-ledger-export";

export interface ExportSelection {
  /** Only streams starting with this (seals are always included). */
  readonly streamPrefix?: string;
  /** Only what the ledger had recorded by the end of this date (YYYY-MM-DD) or instant. */
  readonly knownAt?: string;
}

export interface ExportHeader {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: 1;
  readonly selection: ExportSelection;
  /** The ledger's hash algorithm (absent in exports written before SM3: SHA-256). */
  readonly hashAlgorithm?: HashAlgorithm;
  /**
   * A revealed export (`audit export --reveal`): its id (the stream `export-<exportId>` records
   * it), the legal basis and who made it; its event lines may carry `revealed`, the clear data.
   */
  readonly revealed?: {
    readonly exportId: string;
    readonly legalBasis: string;
    readonly by: { readonly unit: string; readonly role: string; readonly person: string };
  };
}

export interface ExportOptions {
  /** Marks the export as revealed (its header). */
  readonly revealed?: ExportHeader["revealed"];
  /** Fields added to an event's line (a revealed export's `revealed`); undefined: none. */
  readonly extend?: (event: StoredEvent) => Promise<Record<string, Json> | undefined>;
}

/** The exact bytes a stored event's hash covers (its canonical JSON without the hash). */
const hashedBytes = (event: StoredEvent): string => {
  const { hash: _hash, ...metadata } = event.metadata;
  const { stream, revision, id, type, schemaVersion, data } = event;
  return canonicalBytes({ stream, revision, id, type, schemaVersion, data, metadata });
};

/**
 * An event as an export line. A seal also carries `canonical`: the bytes its hash covers,
 * base64, so an auditor recomputes the seal's hash with OpenSSL alone (docs/audit.md).
 */
const toLine = (event: StoredEvent, extra?: Record<string, Json>): string =>
  JSON.stringify(
    event.stream === SEAL_STREAM
      ? { ...storedEventToJson(event), canonical: Buffer.from(hashedBytes(event), "utf8").toString("base64") }
      : extra === undefined
        ? storedEventToJson(event)
        : { ...storedEventToJson(event), ...extra },
  );

/** The lines of an export, streamed from the store. */
export async function* exportLines(
  store: EventStore,
  selection: ExportSelection = {},
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const algorithm = await readLedgerHashAlgorithm(store);
  if (E.isLeft(algorithm)) throw new Error(algorithm.left.message);
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: 1,
    selection,
    hashAlgorithm: algorithm.right,
    ...(options.revealed === undefined ? {} : { revealed: options.revealed }),
  };
  yield JSON.stringify(header);
  const { extend } = options;
  const knownAt = selection.knownAt === undefined ? undefined : endOf(selection.knownAt);
  for await (const event of store.readAll()) {
    if (knownAt !== undefined && parseInstant(event.metadata.recordedAt) > knownAt) continue;
    if (
      selection.streamPrefix !== undefined &&
      event.stream !== SEAL_STREAM &&
      !event.stream.startsWith(selection.streamPrefix)
    )
      continue;
    const extra = extend === undefined ? undefined : await extend(event);
    yield toLine(event, extra);
  }
}

const Header = t.intersection([
  t.type({
    format: t.literal(EXPORT_FORMAT),
    version: t.literal(1),
    selection: t.partial({ streamPrefix: t.string, knownAt: t.string }),
  }),
  t.partial({
    hashAlgorithm: HashAlgorithmCodec,
    revealed: t.type({
      exportId: t.string,
      legalBasis: t.string,
      by: ActorRefCodec,
    }),
  }),
]);

export class ExportFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "ExportFormatError";
  }
}

/** An export's header, then its events, as the file holds them; a bad line throws `ExportFormatError`. */
export async function* parseExportLines(
  lines: AsyncIterable<string>,
): AsyncGenerator<StoredEvent | ExportHeader> {
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (line.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new ExportFormatError(n, "not JSON");
    }
    if (n === 1) {
      const header = Header.decode(json);
      if (E.isLeft(header)) throw new ExportFormatError(n, `not a ${EXPORT_FORMAT} header`);
      yield header.right;
      continue;
    }
    const event = storedEventFromJson(json);
    if (E.isLeft(event)) throw new ExportFormatError(n, event.left);
    const { canonical } = json as { canonical?: unknown };
    // Bytes beside an intact event that are not its own would mislead an auditor's own check:
    // refused. Beside an altered event they differ anyway, and the alteration is the finding
    // (verification reports the line as changed).
    if (
      canonical !== undefined &&
      canonical !== Buffer.from(hashedBytes(event.right), "utf8").toString("base64") &&
      recomputeHash(event.right) === event.right.metadata.hash
    )
      throw new ExportFormatError(n, "its canonical bytes are not the event's own");
    yield event.right;
  }
}

/**
 * Verify an export: `open` is called twice (the seals are read first), each time giving the
 * file's lines from the start.
 */
export const verifyExport = async (
  open: () => AsyncIterable<string>,
): Promise<LedgerReport & { readonly selection: ExportSelection }> => {
  let selection: ExportSelection = {};
  let hashAlgorithm: HashAlgorithm = DEFAULT_HASH_ALGORITHM;
  for await (const item of parseExportLines(open())) {
    if ("format" in item) hashAlgorithm = item.hashAlgorithm ?? DEFAULT_HASH_ALGORITHM;
    break;
  }
  const events = async function* (onlySeals: boolean): AsyncGenerator<StoredEvent> {
    for await (const item of parseExportLines(open())) {
      if ("format" in item) {
        selection = item.selection;
        continue;
      }
      if (!onlySeals || item.stream === SEAL_STREAM) yield item;
    }
  };
  const report = await verifySource({
    hashAlgorithm,
    seals: () => events(true),
    all: () => events(false),
    covers: (stream) => selection.streamPrefix === undefined || stream.startsWith(selection.streamPrefix),
  });
  return { ...report, selection };
};
