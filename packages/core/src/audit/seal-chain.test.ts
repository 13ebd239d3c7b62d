import { describe, expect, it } from "vitest";
import { createCommandHandler } from "../kernel/command-handler";
import type { StoredEvent } from "../kernel/envelope";
import { hashEvent } from "../kernel/hash-chain";
import { createMemoryStore } from "../kernel/memory-store";
import { counterAggregate } from "../kernel/testing/counter";
import { exportLines, verifyExport } from "./export";
import { SEAL_STREAM, type SealData, sealLedger, sealRoot } from "./seal";

const actor = { unit: "GY-AUDIT", role: "office", person: "Zhao" };
const at = "2021-01-01T00:00:00+08:00";

/** Two streams, sealed, one more event, sealed again: the export's lines. */
const twoSeals = async () => {
  const store = createMemoryStore();
  const handle = createCommandHandler(store);
  const inc = (id: string, n: number) =>
    handle(counterAggregate, {
      command: { type: "Increment", data: { id, by: 1 } },
      commandId: `inc-${id}-${n}`,
      actor,
      occurredAt: at,
    });
  await inc("a", 0);
  await inc("b", 0);
  await sealLedger(store, { actor, occurredAt: at });
  await inc("a", 1);
  await sealLedger(store, { actor, occurredAt: at });
  const lines: string[] = [];
  for await (const line of exportLines(store)) lines.push(line);
  return lines;
};

/** The second seal rewritten by `edit`, its root recomputed and the event rehashed (a forger's edit). */
const editSecondSeal = (lines: ReadonlyArray<string>, edit: (data: SealData) => SealData) =>
  lines.map((line) => {
    const { canonical: _c, ...event } = JSON.parse(line) as StoredEvent & { canonical?: string };
    if (event.stream !== SEAL_STREAM || event.revision !== 1) return line;
    const edited = edit(event.data as unknown as SealData);
    const data = { ...edited, root: sealRoot(edited.heads) } as never;
    const { hash: _h, ...metadata } = event.metadata;
    return JSON.stringify({
      ...event,
      data,
      metadata: { ...metadata, hash: hashEvent({ ...event, data, metadata }) },
    });
  });

const chainFindings = async (lines: ReadonlyArray<string>) =>
  (
    await verifyExport(async function* () {
      yield* lines;
    })
  ).problems.filter((p) => p.kind === "seal-chain");

describe("seals chain: each extends the one before", () => {
  it("two honest seals chain", async () => {
    expect(await chainFindings(await twoSeals())).toEqual([]);
  });

  it("a seal that drops a stream, or seals one shorter or rewritten, is found", async () => {
    const lines = await twoSeals();
    const dropped = editSecondSeal(lines, (d) => ({
      ...d,
      heads: d.heads.filter(([s]) => s !== "counter-b"),
    }));
    expect((await chainFindings(dropped)).map((p) => p.message)).toEqual([
      expect.stringContaining("counter-b, sealed at revision 0 by seal 0, is not in this seal"),
    ]);
    const shorter = editSecondSeal(lines, (d) => ({
      ...d,
      heads: d.heads.map(([s, r, h]) => (s === "counter-a" ? [s, -1, h] : [s, r, h])),
    }));
    expect((await chainFindings(shorter)).map((p) => p.message)).toEqual([
      expect.stringContaining("counter-a shrinks"),
    ]);
    const rewritten = editSecondSeal(lines, (d) => ({
      ...d,
      heads: d.heads.map(([s, r, h]) => (s === "counter-b" ? [s, r, "f".repeat(64)] : [s, r, h])),
    }));
    expect((await chainFindings(rewritten)).map((p) => p.message)).toEqual([
      expect.stringContaining("counter-b at revision 0 has another hash"),
    ]);
  });

  it("a seal whose previousRoot is not the root before it is found", async () => {
    const lines = await twoSeals();
    const relinked = editSecondSeal(lines, (d) => ({ ...d, previousRoot: "0".repeat(64) }));
    expect((await chainFindings(relinked)).map((p) => p.message)).toEqual([
      expect.stringContaining("previousRoot is not the root of the seal before it"),
    ]);
  });
});
