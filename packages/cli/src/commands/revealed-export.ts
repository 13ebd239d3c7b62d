/**
 * `audit export FILE --reveal` (docs/privacy.md): an export with the personal fields also in
 * clear. It needs the master key; the file is written beside its place first, its SHA-256
 * taken, `RevealedExportRecorded` appended (who, when, why, which subjects, the digest), and
 * only then is the file moved to its place. Refused, nothing is left behind.
 */
import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import {
  type Actor,
  createCommandHandler,
  type EventStore,
  type ExportSelection,
  REVEALED_EXPORT_DIGEST,
  recordRevealedExport,
  revealedExportLines,
  unprotectedOf,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { CheckFailed } from "../errors";
import type { Lang } from "../messages";
import { type Io, progress, toJson } from "../output";
import { keyedPrivacy } from "./privacy";

export interface RevealOptions {
  readonly legalBasis: string;
  readonly as: Actor;
  /** The export's id (default: a fresh UUID). */
  readonly exportId?: string;
}

const say = (lang: Lang, en: string, zh: string) => (lang === "en" ? en : zh);

export const auditExportRevealed = async (
  store: EventStore,
  file: string,
  selection: ExportSelection,
  o: RevealOptions,
  io: Io,
  json: boolean,
  lang: Lang,
): Promise<number> => {
  const privacy = keyedPrivacy(store);
  const exportId = o.exportId ?? randomUUID();
  const { lines, tally } = revealedExportLines(unprotectedOf(store), privacy, selection, {
    exportId,
    legalBasis: o.legalBasis,
    by: { unit: o.as.unit, role: o.as.role, person: o.as.person },
  });
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    const out = createWriteStream(partial, { encoding: "utf8", mode: 0o600 });
    const digest = createHash(REVEALED_EXPORT_DIGEST);
    const bar = progress(io, "exporting");
    let events = -1;
    for await (const line of lines) {
      const text = `${line}\n`;
      digest.update(text, "utf8");
      if (!out.write(text)) await once(out, "drain");
      events += 1;
      bar.tick();
    }
    bar.stop();
    out.end();
    await once(out, "finish");
    const hex = digest.digest("hex");
    const outcome = await recordRevealedExport(createCommandHandler(store), {
      command: {
        type: "RecordRevealedExport",
        data: {
          exportId,
          legalBasis: o.legalBasis,
          selection,
          events,
          subjects: [...tally.subjects].sort(),
          erasedSubjects: [...tally.erasedSubjects].sort(),
          fileDigest: { algorithm: REVEALED_EXPORT_DIGEST, hex },
        },
      },
      actor: o.as,
      occurredAt: new Date().toISOString(),
      // a fresh command id: the same export id again is refused by the decider, never taken as a
      // duplicate whose file would then be written unrecorded
      commandId: `export:${exportId}:${randomUUID()}`,
    });
    if (E.isLeft(outcome)) throw CheckFailed.of(outcome.left);
    await rename(partial, file);
    const { stream } = outcome.right;
    if (json)
      io.out(
        toJson({
          file,
          exportId,
          stream,
          events,
          subjects: tally.subjects.size,
          erasedSubjects: tally.erasedSubjects.size,
          sha256: hex,
        }),
      );
    else
      io.out(
        say(
          lang,
          `Exported ${events} events to ${file} with the personal fields of ${tally.subjects.size} data subjects in clear (${tally.erasedSubjects.size} erased); recorded as RevealedExportRecorded → ${stream} (SHA-256 ${hex}). Keep the file as personal information: it is not protected by the ledger's keys.`,
          `已导出 ${events} 个事件至 ${file}，其中 ${tally.subjects.size} 个数据主体的个人信息字段为明文（${tally.erasedSubjects.size} 个已依法删除）；已记录 RevealedExportRecorded → ${stream}（SHA-256 ${hex}）。该文件含个人信息，不受账本密钥保护，请妥善保管。`,
        ),
      );
    return 0;
  } finally {
    await rm(partial, { force: true });
  }
};
