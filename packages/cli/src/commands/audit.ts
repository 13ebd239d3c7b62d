/** `audit …`: verify, seal, export, prove, late-entries (`check-export`: revealed-export-check.ts). */

import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import {
  type Actor,
  type ChainProblemDetail,
  chainProblemText,
  type EventStore,
  type ExportSelection,
  exportLines,
  lateEntriesProjection,
  ledgerEvents,
  type ProofCheck,
  proofFromJson,
  proofToJson,
  proveEvent,
  runProjections,
  type SealSigner,
  type Signer,
  sealLedger,
  verifyExport,
  verifyLedger,
  verifyProof,
  verifyStore,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { noteBrokenLinks } from "../broken-links";
import { check as failedCheck, usage } from "../cli-error-texts";
import { CheckFailed } from "../errors";
import { headsIn, type Lang } from "../messages";
import { type Io, progress, table, toJson } from "../output";
import { findingKindIn, RESULT_TEXTS } from "../result-texts";

export const printReport = (
  io: Io,
  json: boolean,
  lang: Lang,
  report: {
    ok: boolean;
    streams: number;
    events: number;
    seals?: number;
    hashAlgorithm?: string;
    signers?: ReadonlyArray<SealSigner>;
    problems: ReadonlyArray<{
      stream: string;
      revision: number;
      kind: string;
      message?: string;
      field?: string;
      /** A broken chain's detail, coded (rendered in the reader's language). */
      detail?: ChainProblemDetail;
    }>;
  },
): number => {
  if (json)
    io.out(
      toJson({
        ok: report.ok,
        streams: report.streams,
        events: report.events,
        ...(report.seals === undefined ? {} : { seals: report.seals }),
        ...(report.hashAlgorithm === undefined ? {} : { hashAlgorithm: report.hashAlgorithm }),
        ...(report.signers === undefined ? {} : { signers: report.signers }),
        problems: report.problems.map(({ stream, revision, kind, message, field }) => ({
          stream,
          revision,
          kind,
          ...(field === undefined ? {} : { field }),
          message,
        })),
      }),
    );
  else {
    const say = RESULT_TEXTS[lang].audit;
    io.out(
      say.verified({
        ok: report.ok,
        events: report.events,
        streams: report.streams,
        ...(report.seals === undefined ? {} : { seals: report.seals }),
        ...(report.hashAlgorithm === undefined ? {} : { hashAlgorithm: report.hashAlgorithm }),
        problems: report.problems.length,
      }),
    );
    if (report.signers !== undefined && report.signers.length > 0)
      io.out(
        table(
          headsIn(lang, ["seal", "signed by key", "owner", "algorithm", "at", "signature"]),
          report.signers.map((s) => [
            s.seal,
            s.keyId,
            s.ownerUnit ?? say.unknownOwner,
            s.algorithm,
            s.time,
            s.ok ? say.signatureValid : say.signatureInvalid,
          ]),
        ),
      );
    if (report.problems.length > 0)
      io.out(
        table(
          headsIn(lang, ["stream", "revision", "kind", "what"]),
          report.problems.map((p) => [
            p.stream,
            p.revision,
            findingKindIn(lang, p.kind),
            p.message === undefined ? "" : chainProblemText({ message: p.message, detail: p.detail }, lang),
          ]),
        ),
      );
  }
  return report.ok ? 0 : 1;
};

export const auditVerify = async (
  store: EventStore,
  stream: string | undefined,
  io: Io,
  json: boolean,
  lang: Lang,
): Promise<number> => {
  const bar = progress(io, RESULT_TEXTS[lang].progress.verifying);
  try {
    const report =
      stream === undefined
        ? await verifyLedger(store, { registry: ledgerEvents, onEvent: () => bar.tick() })
        : await verifyStore(store, { stream, registry: ledgerEvents, onEvent: () => bar.tick() });
    bar.stop();
    return printReport(io, json, lang, report);
  } finally {
    bar.stop();
  }
};

const fileLines = (file: string) => () =>
  createInterface({
    input: createReadStream(file, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });

export const auditVerifyFile = async (file: string, io: Io, json: boolean, lang: Lang): Promise<number> => {
  if (!existsSync(file)) throw usage("NO_SUCH_FILE", { file });
  return printReport(io, json, lang, await verifyExport(fileLines(file)));
};

export const auditSeal = async (
  store: EventStore,
  actor: Actor,
  io: Io,
  json: boolean,
  lang: Lang,
  signer?: Signer,
): Promise<number> => {
  const bar = progress(io, RESULT_TEXTS[lang].progress.sealing);
  const sealed = await sealLedger(
    store,
    { actor, occurredAt: new Date().toISOString() },
    { onEvent: () => bar.tick(), ...(signer === undefined ? {} : { signer }) },
  );
  bar.stop();
  if (E.isLeft(sealed)) throw CheckFailed.of(sealed.left);
  const { root, position, streams, previousRoot, hashAlgorithm, signature } = sealed.right;
  const signedBy =
    signature === undefined ? null : { keyId: signature.keyId, algorithm: signature.algorithm };
  if (json) io.out(toJson({ root, position, streams, previousRoot, hashAlgorithm, signedBy }));
  else
    io.out(
      RESULT_TEXTS[lang].audit.sealed(
        streams,
        String(position),
        signature === undefined ? undefined : { algorithm: signature.algorithm, keyId: signature.keyId },
        hashAlgorithm ?? "sha256",
        root,
      ),
    );
  return 0;
};

export const auditExport = async (
  store: EventStore,
  file: string,
  selection: ExportSelection,
  io: Io,
  lang: Lang,
): Promise<number> => {
  const out = createWriteStream(file, { encoding: "utf8" });
  const bar = progress(io, RESULT_TEXTS[lang].progress.exporting);
  let n = -1;
  for await (const line of exportLines(store, selection)) {
    if (!out.write(`${line}\n`)) await once(out, "drain");
    n += 1;
    bar.tick();
  }
  bar.stop();
  out.end();
  await once(out, "finish");
  io.err(RESULT_TEXTS[lang].audit.exported(n, file));
  return 0;
};

export const auditProve = async (
  store: EventStore,
  stream: string,
  revision: number,
  io: Io,
  lang: Lang,
): Promise<number> => {
  const proof = await proveEvent(store, stream, revision);
  if (E.isLeft(proof)) throw CheckFailed.of(proof.left);
  io.out(proofToJson(proof.right, 2));
  const check = verifyProof(proof.right);
  const say = RESULT_TEXTS[lang].audit;
  io.err(check.ok ? say.proofVerifies(check.root ?? "") : say.proofFails(proofProblemsIn(check, lang)));
  return check.ok ? 0 : 1;
};

const proofProblemsIn = (check: ProofCheck, lang: Lang): string =>
  check.details.map((d) => chainProblemText(d, lang)).join(lang === "en" ? "; " : "；");

export const auditCheckProof = async (file: string, io: Io, json: boolean, lang: Lang): Promise<number> => {
  if (!existsSync(file)) throw usage("NO_SUCH_FILE", { file });
  const proof = proofFromJson(await readFile(file, "utf8"));
  if (E.isLeft(proof)) throw failedCheck("PROOF_UNREADABLE", { file, detail: proof.left });
  const check = verifyProof(proof.right);
  if (json) io.out(toJson(check));
  else
    io.out(
      check.ok
        ? RESULT_TEXTS[lang].audit.proven(check.root ?? "")
        : RESULT_TEXTS[lang].audit.notProven(proofProblemsIn(check, lang)),
    );
  return check.ok ? 0 : 1;
};

export const auditLateEntries = async (
  store: EventStore,
  days: number,
  io: Io,
  json: boolean,
  lang: Lang,
): Promise<number> => {
  const { models, stamp, brokenLinks } = await runProjections(store, ledgerEvents, [
    lateEntriesProjection(days),
  ]);
  noteBrokenLinks(store, brokenLinks);
  const [late] = models;
  const { entries, byUnit, byActor } = late;
  if (json)
    io.out(toJson({ days, entries, byUnit, byActor, position: stamp.position, lastHash: stamp.lastHash }));
  else {
    const afterWindow = entries.filter((e) => e.closedWindow !== null).length;
    io.out(RESULT_TEXTS[lang].audit.lateEntries(entries.length, days, afterWindow));
    if (entries.length > 0) {
      io.out(
        table(
          headsIn(lang, [
            "stream",
            "rev",
            "type",
            "entering unit",
            "person",
            "occurred",
            "recorded",
            "days late",
            "window closed",
          ]),
          late.entries.map((e) => [
            e.stream,
            e.revision,
            e.type,
            e.unit,
            e.person,
            e.occurredAt,
            e.recordedAt,
            e.lagDays,
            e.closedWindow === null ? "" : `${e.closedWindow.lastDay}: ${e.closedWindow.description}`,
          ]),
        ),
      );
      io.out(table(headsIn(lang, ["entering unit", "late entries"]), Object.entries(late.byUnit)));
    }
  }
  return 0;
};
