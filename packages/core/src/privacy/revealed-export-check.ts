/**
 * Reading a revealed export back (docs/privacy.md): an auditor holding a revealed export file
 * finds its `RevealedExportRecorded` in the ledger by the file's SHA-256. The clear values a
 * revealed export adds (`revealed`) are outside the hash chain, so the chain alone cannot tell
 * an altered file; the recorded digest can. A file whose digest no record holds is refused:
 * `altered` when its header names an export the ledger recorded with another digest,
 * `unrecorded` when the ledger recorded no such export at all.
 */
import * as E from "fp-ts/lib/Either.js";
import type { StoredEvent } from "../kernel/envelope";
import type { EventStore } from "../kernel/event-store";
import { type RevealedExportEvent, revealedExportEvents, revealedExportStream } from "./revealed-export";

/** A revealed export as the ledger recorded it. */
export interface RevealedExportRecord {
  readonly stream: string;
  readonly revision: number;
  /** When the store recorded it. */
  readonly recordedAt: string;
  readonly data: RevealedExportEvent["data"];
}

export type RevealedExportCheck =
  /** The file is the one the ledger recorded: same digest. */
  | { readonly status: "recorded"; readonly record: RevealedExportRecord }
  /** The header's export id was recorded, but with another digest: the file was changed. */
  | {
      readonly status: "altered";
      readonly exportId: string;
      readonly records: ReadonlyArray<RevealedExportRecord>;
    }
  /** No record holds this digest and the header names no recorded export. */
  | { readonly status: "unrecorded"; readonly exportId?: string };

export interface RevealedExportFile {
  /** The SHA-256 of the whole file, lowercase hex. */
  readonly sha256: string;
  /** The export id the file's header names, if it names one (a header can be altered too). */
  readonly exportId?: string;
}

const recordOf = (event: StoredEvent): RevealedExportRecord | undefined => {
  if (event.type !== "RevealedExportRecorded") return undefined;
  const decoded = revealedExportEvents.decodeData(event.type, event.schemaVersion, event.data);
  if (E.isLeft(decoded)) return undefined;
  return {
    stream: event.stream,
    revision: event.revision,
    recordedAt: event.metadata.recordedAt,
    data: decoded.right.data as RevealedExportEvent["data"],
  };
};

const matches = (record: RevealedExportRecord, sha256: string): boolean =>
  record.data.fileDigest.algorithm === "sha256" && record.data.fileDigest.hex === sha256.toLowerCase();

/**
 * Find a file's record: first on the stream its header names, then among every revealed export
 * the ledger recorded (streamed, one event at a time), by the digest alone.
 */
export const checkRevealedExport = async (
  store: EventStore,
  file: RevealedExportFile,
): Promise<RevealedExportCheck> => {
  const named: RevealedExportRecord[] = [];
  if (file.exportId !== undefined) {
    for await (const event of store.readStream(revealedExportStream(file.exportId))) {
      const record = recordOf(event);
      if (record === undefined) continue;
      if (matches(record, file.sha256)) return { status: "recorded", record };
      named.push(record);
    }
  }
  for await (const event of store.readAll({ filter: { eventTypes: ["RevealedExportRecorded"] } })) {
    const record = recordOf(event);
    if (record !== undefined && matches(record, file.sha256)) return { status: "recorded", record };
  }
  if (named.length > 0 && file.exportId !== undefined)
    return { status: "altered", exportId: file.exportId, records: named };
  return file.exportId === undefined
    ? { status: "unrecorded" }
    : { status: "unrecorded", exportId: file.exportId };
};
