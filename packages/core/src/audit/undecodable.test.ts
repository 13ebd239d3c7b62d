/**
 * An event no codec can read is a finding of verification, and the repair docs/audit.md
 * describes (an upcaster for that event type's stored version that maps the bad value) makes
 * it readable without touching the stored bytes or the hash chain.
 */
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { AccidentReported } from "../accidents/events";
import { ledgerEvents } from "../catalog";
import { defineEvent, EventRegistry } from "../kernel/codec-registry";
import type { Json, StoredEvent } from "../kernel/envelope";
import { chainEvents, GENESIS_HASH } from "../kernel/hash-chain";
import { createMemoryStore } from "../kernel/memory-store";
import { businessDate, DateString } from "../kernel/values";
import { verifyLedger } from "./verify-ledger";

const reported = {
  accidentId: "A-2020-07",
  entityId: null,
  supervisingDepartment: null,
  sector: "construction",
  district: "lizhou",
  kind: "other",
  description: "Fall from height",
  occurredAt: "2020-02-28T09:30:00+08:00",
  reportedAt: "2020-02-28T10:00:00+08:00",
  deaths: 1,
  seriousInjuries: 0,
  directLossFen: 500_000,
  accidentClass: "general",
  lateReport: false,
  reportDelayMinutes: 30,
  lateReason: null,
  // another tool wrote a date that does not exist
  on: "2020-02-30",
  by: { unit: "GY-EMB", role: "office", person: "Li Clerk" },
};

/** The event as another tool would have written it: well chained, with the impossible date. */
const writtenByAnotherTool = async () => {
  const store = createMemoryStore();
  const events = chainEvents("accident-A-2020-07", 0, GENESIS_HASH, [
    {
      id: "0190c0de-0000-7000-8000-000000000001",
      type: "AccidentReported",
      schemaVersion: 1,
      data: reported as Json,
      metadata: {
        actor: { unit: "GY-EMB", role: "office", person: "Li Clerk" },
        commandId: "import-1",
        commandType: "ReportAccident",
        correlationId: "import-1",
        causationId: "import-1",
        occurredAt: "2020-02-28T09:30:00+08:00",
        recordedAt: "2020-03-01T02:00:00.000Z",
        rulesVersion: "other-tool",
      },
    },
  ]);
  const written = await store.append("accident-A-2020-07", events, "no_stream");
  if (E.isLeft(written)) throw new Error(written.left.message);
  let stored: StoredEvent | undefined;
  for await (const e of store.readAll()) stored = e;
  return { store, stored: stored! };
};

describe("an event no codec can read", () => {
  it("is a finding of verification with its stream, revision and field; its chain is intact", async () => {
    const { store } = await writtenByAnotherTool();
    const report = await verifyLedger(store, { registry: ledgerEvents });
    expect(report.problems).toEqual([
      expect.objectContaining({
        stream: "accident-A-2020-07",
        revision: 0,
        kind: "undecodable",
        field: "data.on",
      }),
    ]);
    // without a registry only the chain is checked, and it holds
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it("is read through an upcaster from its stored version that maps the bad value (the repair in docs/audit.md)", async () => {
    const { store, stored } = await writtenByAnotherTool();
    const repaired = defineEvent("AccidentReported", AccidentReported.codec, {
      schemaVersion: 2,
      upcasters: [
        {
          from: 1,
          // an impossible business date is replaced by the day the accident occurred (UTC+08:00)
          up: (data) => {
            const d = data as { readonly on: unknown; readonly occurredAt: string };
            return DateString.is(d.on) ? data : { ...(data as object), on: businessDate(d.occurredAt) };
          },
        },
      ],
    });
    const registry = EventRegistry.of(repaired);
    const decoded = registry.decode(stored);
    expect(decoded).toEqual(E.right({ type: "AccidentReported", data: { ...reported, on: "2020-02-28" } }));
    expect(await verifyLedger(store, { registry })).toMatchObject({ ok: true, problems: [] });
  });
});
