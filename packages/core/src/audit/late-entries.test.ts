import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { decodeCommandJson, ledgerEvents } from "../catalog";
import { createCommandHandler } from "../kernel/command-handler";
import { createMemoryStore } from "../kernel/memory-store";
import { runProjections } from "../kernel/projection";
import { lateEntriesProjection } from "./late-entries";

const actor = { unit: "GY-EMB", role: "department", person: "Zhang Min" };

const run = async (store: ReturnType<typeof createMemoryStore>, recordedAt: string, json: object) => {
  const handle = createCommandHandler(store, { clock: () => new Date(recordedAt) });
  const decoded = decodeCommandJson(json);
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  const outcome = await handle(decoded.right.aggregate, decoded.right.envelope);
  if (E.isLeft(outcome)) throw new Error(outcome.left.message);
};

describe("late entries", () => {
  it("names the rule whose window had closed when an entry was recorded, and counts calendar days", async () => {
    const store = createMemoryStore();
    await run(store, "2020-03-05T02:00:00Z", {
      type: "ReportAccident",
      commandId: "report-A1",
      actor,
      occurredAt: "2020-03-05T10:00:00+08:00",
      data: {
        accidentId: "A1",
        occurredAt: "2020-03-05T09:00:00+08:00",
        deaths: 1,
        seriousInjuries: 0,
        directLossFen: 0,
        description: "fall from height",
        entityId: null,
        sector: "construction",
        district: "lizhou",
      },
    });
    // Claimed on day 27, recorded on day 37: 10 days late, under the 30-day lag threshold.
    await run(store, "2020-04-11T02:00:00Z", {
      type: "ReviseAccidentCasualties",
      commandId: "revise-A1",
      actor,
      occurredAt: "2020-04-01T09:00:00+08:00",
      data: { accidentId: "A1", deaths: 2, seriousInjuries: 0, reason: "paper record" },
    });
    const { models } = await runProjections(store, ledgerEvents, [lateEntriesProjection(30)]);
    const [late] = models;
    expect(late.entries).toEqual([
      expect.objectContaining({
        stream: "accident-A1",
        revision: 1,
        lagDays: 10,
        closedWindow: expect.objectContaining({ rule: "accident-casualty-revision", lastDay: "2020-04-04" }),
      }),
    ]);
    // The in-place rebuild gives the same model as the pure one.
    const pure = await runProjections(store, ledgerEvents, [
      { ...lateEntriesProjection(30), inPlace: undefined },
    ]);
    expect(pure.models[0]).toEqual(late);
  });

  it("counts lag in calendar days of China time, not in 24-hour spans", async () => {
    const store = createMemoryStore();
    // Occurred at 23:00 on 1 July, recorded at 01:00 on 3 July (China): 2 calendar days, 26 hours.
    await run(store, "2020-07-02T17:00:00Z", {
      type: "LaunchCampaign",
      commandId: "launch",
      actor: { unit: "GY-SAFETY-OFFICE", role: "office", person: "Li" },
      occurredAt: "2020-07-01T23:00:00+08:00",
      data: {
        campaignId: "GY",
        name: "Campaign",
        start: "2020-04-01",
        end: "2022-12-31",
        stages: [
          { key: "mobilisation", start: "2020-04-01", end: "2020-05-31" },
          { key: "investigation", start: "2020-06-01", end: "2020-12-31" },
          { key: "tackling", start: "2021-01-01", end: "2021-12-31" },
          { key: "consolidation", start: "2022-01-01", end: "2022-12-31" },
        ],
      },
    });
    const { models } = await runProjections(store, ledgerEvents, [lateEntriesProjection(1)]);
    expect(models[0].entries.map((e) => e.lagDays)).toEqual([2]);
  });
});
