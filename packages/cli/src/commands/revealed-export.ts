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
import { RESULT_TEXTS } from "../result-texts";
import { keyedPrivacy } from "./privacy";

export interface RevealOptions {
  readonly legalBasis: string;
  readonly as: Actor;
  /** The export's id (default: a fresh UUID). */
  readonly exportId?: string;
}

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
    const bar = progress(io, RESULT_TEXTS[lang].progress.exporting);
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
        RESULT_TEXTS[lang].audit.revealedExport({
          events,
          file,
          subjects: tally.subjects.size,
          erased: tally.erasedSubjects.size,
          stream,
          sha256: hex,
        }),
      );
    return 0;
  } finally {
    await rm(partial, { force: true });
  }
};
