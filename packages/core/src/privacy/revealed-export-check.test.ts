import { createHash } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { ACTORS } from "../supervision/testing";
import { recordRevealedExport, revealedExportLines } from "./revealed-export";
import { checkRevealedExport } from "./revealed-export-check";
import { encryptedLedgerWithE1 } from "./testing";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Write a revealed export as the CLI does (a line and "\n" each) and record its digest. */
const exported = async (exportId: string) => {
  const { raw, privacy, handle } = await encryptedLedgerWithE1();
  const header = { exportId, legalBasis: "court request 17", by: ACTORS.office };
  const { lines, tally } = revealedExportLines(raw, privacy, {}, header);
  let text = "";
  let events = -1;
  for await (const line of lines) {
    text += `${line}\n`;
    events += 1;
  }
  const recorded = await recordRevealedExport(handle, {
    command: {
      type: "RecordRevealedExport",
      data: {
        exportId,
        legalBasis: header.legalBasis,
        selection: {},
        events,
        subjects: [...tally.subjects].sort(),
        erasedSubjects: [],
        fileDigest: { algorithm: "sha256", hex: sha256(text) },
      },
    } as never,
    actor: ACTORS.office,
    occurredAt: "2031-03-01T10:00:00+08:00",
    commandId: `rec-${exportId}`,
  });
  if (E.isLeft(recorded)) throw new Error(recorded.left.message);
  return { raw, text, subjects: [...tally.subjects].sort() };
};

describe("reading a revealed export back", () => {
  it("finds the file's record by its digest: who, when, why, which subjects", async () => {
    const { raw, text, subjects } = await exported("court-17");
    const check = await checkRevealedExport(raw, { sha256: sha256(text), exportId: "court-17" });
    expect(check.status).toBe("recorded");
    if (check.status !== "recorded") return;
    expect(check.record.stream).toBe("export-court-17");
    expect(check.record.data).toMatchObject({
      exportId: "court-17",
      legalBasis: "court request 17",
      on: "2031-03-01",
      by: ACTORS.office,
      subjects,
    });
    expect(subjects.length).toBe(2);
    // the digest alone finds it, even when the header's id is missing or wrong
    const byDigest = await checkRevealedExport(raw, { sha256: sha256(text) });
    expect(byDigest.status === "recorded" && byDigest.record.stream).toBe("export-court-17");
    const wrongId = await checkRevealedExport(raw, { sha256: sha256(text), exportId: "court-18" });
    expect(wrongId.status === "recorded" && wrongId.record.stream).toBe("export-court-17");
  });

  it("refuses an altered file: its header names a recorded export whose digest differs", async () => {
    const { raw, text } = await exported("court-17");
    expect(text).toContain("Wang Wei");
    const altered = text.replace("Wang Wei", "Wang Wu");
    const check = await checkRevealedExport(raw, { sha256: sha256(altered), exportId: "court-17" });
    expect(check.status).toBe("altered");
    expect(check.status === "altered" && check.records.map((r) => r.data.fileDigest.hex)).toEqual([
      sha256(text),
    ]);
  });

  it("refuses a file the ledger never recorded", async () => {
    const { raw, text } = await exported("court-17");
    const other = `${text}{}\n`;
    expect(await checkRevealedExport(raw, { sha256: sha256(other) })).toEqual({ status: "unrecorded" });
    expect(await checkRevealedExport(raw, { sha256: sha256(other), exportId: "never" })).toEqual({
      status: "unrecorded",
      exportId: "never",
    });
  });
});
