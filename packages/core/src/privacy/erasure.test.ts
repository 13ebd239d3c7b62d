import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { verifyStore } from "../audit/verify";
import { ledgerEvents } from "../catalog";
import { decodeCommand } from "../kernel/aggregate";
import { foldStream } from "../kernel/command-handler";
import type { Actor } from "../kernel/envelope";
import { entityAggregate } from "../supervision/aggregates";
import { ACTORS } from "../supervision/testing";
import { erasePersonalData, erasureAggregate, RETENTION_RULES, retentionEndsOn } from "./erasure";
import { encryptedLedgerWithE1 } from "./testing";

const setup = async () => {
  const { raw, store, keys, privacy, handle } = await encryptedLedgerWithE1();
  // the principal's subject, assigned by the ledger in the registration
  const [principalSubject] = await keys.subjects("entity-E1/principal/");
  const principal = principalSubject!.subject;
  const erase = (
    occurredAt: string,
    data: Record<string, unknown> = {},
    actor: Actor = ACTORS.office,
    commandId = `erase-${occurredAt}`,
  ) =>
    erasePersonalData(
      store,
      keys,
      handle,
      {
        command: {
          type: "ErasePersonalData",
          data: {
            subject: principal,
            legalBasis: "PIPL art. 47(1)(2); retention schedule item 3",
            appraisalReference: "GY-ARCH-2031-007",
            approvingUnits: ["GY-ARCHIVES", "GY-EMB"],
            ...data,
          } as never,
        },
        actor,
        occurredAt,
        commandId,
      },
      { destroy: privacy.destroy },
    );
  return { raw, store, keys, erase, principal };
};

describe("erasure of a data subject", () => {
  it("counts retention from 1 January after the last entry", () => {
    expect(retentionEndsOn(RETENTION_RULES[0]!, "2020-07-01")).toBe("2031-01-01");
    expect(retentionEndsOn(RETENTION_RULES[1]!, "2020-12-31")).toBe("2051-01-01");
  });

  it("is refused before the record's retention ends, and for a role that may not erase", async () => {
    const { erase, keys, principal } = await setup();
    const early = await erase("2030-12-31T09:00:00+08:00");
    expect(E.isLeft(early) && early.left.code).toBe("RETENTION_NOT_ENDED");
    expect(E.isLeft(early) && early.left.message).toContain("2031-01-01");
    const clerk = await erase("2031-01-02T09:00:00+08:00", {}, ACTORS.department);
    expect(E.isLeft(clerk) && clerk.left._tag).toBe("PermissionDenied");
    expect((await keys.lookup(principal)).status).toBe("live");
  });

  it("destroys the key and records who, when and why with no personal information; the chain still verifies", async () => {
    const { erase, store, raw, keys, principal } = await setup();
    const done = await erase("2031-01-02T09:00:00+08:00");
    expect(E.isRight(done)).toBe(true);
    expect(E.isRight(done) && done.right.events[0]!.data).toEqual({
      subject: principal,
      recordClass: "supervision-file",
      legalBasis: "PIPL art. 47(1)(2); retention schedule item 3",
      appraisalReference: "GY-ARCH-2031-007",
      approvingUnits: ["GY-ARCHIVES", "GY-EMB"],
      retentionEndedOn: "2031-01-01",
      on: "2031-01-02",
      by: ACTORS.office,
    });
    expect((await keys.lookup(principal)).status).toBe("destroyed");
    const folded = await foldStream(store, entityAggregate, "entity-E1");
    expect(E.isRight(folded) && (folded.right.state as { principal?: unknown }).principal).toEqual({
      name: "erased",
      phone: "erased",
    });
    const report = await verifyStore(raw, { registry: ledgerEvents });
    expect(report.ok).toBe(true);
    const again = await erase("2031-01-03T09:00:00+08:00");
    expect(E.isLeft(again) && again.left.code).toBe("PERSONAL_DATA_ERASED");
  });

  it("wants two distinct approving units and a known subject", async () => {
    const { erase } = await setup();
    const unknown = await erase("2031-01-02T09:00:00+08:00", { subject: "entity-E9/principal" });
    expect(E.isLeft(unknown) && unknown.left.code).toBe("ERASURE_UNKNOWN_SUBJECT");
    const data = {
      subject: "entity-E1/principal",
      legalBasis: "PIPL art. 47",
      appraisalReference: "GY-ARCH-1",
      approvingUnits: ["GY-EMB", "GY-EMB"],
    };
    expect(E.isLeft(decodeCommand(erasureAggregate, "ErasePersonalData", data))).toBe(true);
    expect(
      E.isRight(
        decodeCommand(erasureAggregate, "ErasePersonalData", {
          ...data,
          approvingUnits: ["GY-EMB", "GY-ARCHIVES"],
        }),
      ),
    ).toBe(true);
  });

  it("accepted means readable: an erasure the decoder and decider accept leaves events the ledger reads", async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("", " ", "  x ", "档案鉴定", "\u0000"),
    );
    const at = fc.constantFrom(
      "2031-01-02T09:00:00+08:00",
      "2031-01-01T00:00:00+14:00",
      "2031-02-29T09:00:00+08:00",
      "2032-02-29T23:59:59-14:00",
      "2031-01-02",
      "2031-01-02T24:00:00+08:00",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          legalBasis: text,
          appraisalReference: text,
          approvingUnits: fc.array(text, { maxLength: 3 }),
        }),
        at,
        async (data, occurredAt) => {
          const { erase, raw } = await setup();
          const done = await erase(occurredAt, data);
          if (E.isLeft(done)) return;
          // the erasure's events as stored (they hold no personal field, so nothing to reveal)
          for await (const stored of raw.readStream(done.right.stream))
            expect(ledgerEvents.decode(stored)).toMatchObject({ _tag: "Right" });
          expect(
            E.isRight(
              decodeCommand(erasureAggregate, "ErasePersonalData", {
                subject: "entity-E1/principal",
                ...data,
              }),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
