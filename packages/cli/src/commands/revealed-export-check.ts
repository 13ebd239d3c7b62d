/**
 * `audit check-export FILE` (docs/privacy.md): check a revealed export against the ledger. The
 * file's SHA-256 must be the one a `RevealedExportRecorded` holds (its clear values lie outside
 * the hash chain: only the digest shows them unchanged); then it says who made the export, when,
 * under what legal basis and for which subjects, and verifies the file's chain as
 * `audit verify --file` does. A plain export has no record to find: only its chain is checked.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import {
  checkRevealedExport,
  type EventStore,
  type ExportHeader,
  parseExportLines,
  REVEALED_EXPORT_DIGEST,
  verifyExport,
} from "@safety-ledger/core";
import { check, usage } from "../cli-error-texts";
import type { Lang } from "../messages";
import { type Io, toJson } from "../output";
import { RESULT_TEXTS } from "../result-texts";
import { printReport } from "./audit";

const fileLines = (file: string) => () =>
  createInterface({
    input: createReadStream(file, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });

const digestOf = async (file: string): Promise<string> => {
  const digest = createHash(REVEALED_EXPORT_DIGEST);
  for await (const chunk of createReadStream(file)) digest.update(chunk as Buffer);
  return digest.digest("hex");
};

const headerOf = async (file: string): Promise<ExportHeader | undefined> => {
  for await (const item of parseExportLines(fileLines(file)())) return "format" in item ? item : undefined;
  return undefined;
};

export const auditCheckExport = async (
  store: EventStore,
  file: string,
  io: Io,
  json: boolean,
  lang: Lang,
): Promise<number> => {
  if (!existsSync(file)) throw usage("NO_SUCH_FILE", { file });
  const header = await headerOf(file);
  const sha256 = await digestOf(file);
  const exportId = header?.revealed?.exportId;
  const found = await checkRevealedExport(store, exportId === undefined ? { sha256 } : { sha256, exportId });
  const plain = header?.revealed === undefined && found.status === "unrecorded";
  if (!plain && found.status !== "recorded") {
    if (json)
      io.out(
        toJson({
          ok: false,
          file,
          sha256,
          status: found.status,
          ...(exportId === undefined ? {} : { exportId }),
        }),
      );
    if (found.status === "altered")
      throw check("REVEALED_EXPORT_ALTERED", {
        file,
        exportId: found.exportId,
        recorded: found.records.map((r) => r.data.fileDigest.hex).join(", "),
        sha256,
      });
    throw check("REVEALED_EXPORT_UNRECORDED", { file, sha256 });
  }
  const chain = await verifyExport(fileLines(file));
  if (json) {
    const record = found.status === "recorded" ? found.record : undefined;
    io.out(
      toJson({
        ok: chain.ok,
        file,
        sha256,
        status: record === undefined ? "plain" : "recorded",
        ...(record === undefined
          ? {}
          : {
              record: {
                stream: record.stream,
                revision: record.revision,
                recordedAt: record.recordedAt,
                ...record.data,
              },
            }),
        chain: {
          ok: chain.ok,
          events: chain.events,
          streams: chain.streams,
          problems: chain.problems.length,
        },
      }),
    );
    return chain.ok ? 0 : 1;
  }
  const say = RESULT_TEXTS[lang].audit;
  if (found.status === "recorded") {
    const { stream, recordedAt, data } = found.record;
    io.out(
      say.exportRecorded({
        file,
        stream,
        sha256,
        by: `${data.by.unit}/${data.by.role}/${data.by.person}`,
        on: data.on,
        recordedAt,
        legalBasis: data.legalBasis,
        events: data.events,
        subjects: data.subjects.length,
        subjectList: data.subjects.length === 0 ? say.noSubjects : data.subjects.join(", "),
        erased: data.erasedSubjects.length,
        erasedList: data.erasedSubjects.length === 0 ? say.noSubjects : data.erasedSubjects.join(", "),
      }),
    );
  } else io.out(say.exportPlain(file));
  return printReport(io, false, lang, chain);
};
