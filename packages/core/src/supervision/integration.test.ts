import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { accidentAggregate } from "../accidents/aggregate";
import { createCommandHandler } from "../kernel/command-handler";
import { createMemoryStore } from "../kernel/memory-store";
import { runProjections } from "../kernel/projection";
import { supervisionLedgerEvents, supervisionProjection } from "../projections/supervision/model";
import { accidentStats, dynamicSupervision } from "../projections/supervision/queries";
import { entityAggregate, hazardAggregate, riskAggregate } from "./aggregates";
import { ACTORS, registerE1 } from "./testing";

describe("supervision through the command handler and the memory store", () => {
  it("entity, risk, hazard and accident end up in dynamic supervision and statistics", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    let i = 0;
    const send = async (
      // biome-ignore lint/suspicious/noExplicitAny: any aggregate of the context
      aggregate: any,
      command: { type: string; data: unknown },
      actor: object,
      occurredAt: string,
    ) => handle(aggregate, { command, actor, occurredAt, commandId: `c${++i}` } as never);
    const ok = async (...args: Parameters<typeof send>) => {
      const r = await send(...args);
      if (E.isLeft(r)) throw new Error(`${args[1].type}: ${r.left.message}`);
      return r.right;
    };
    await ok(entityAggregate, registerE1, ACTORS.department, "2020-07-01T09:00:00+08:00");
    await ok(
      entityAggregate,
      { type: "ActivateEntity", data: { entityId: "E1" } },
      ACTORS.department,
      "2020-07-01T10:00:00+08:00",
    );
    await ok(
      riskAggregate,
      { type: "IdentifyRisk", data: { riskId: "R1", entityId: "E1", name: "Chlorine tank" } },
      ACTORS.enterprise,
      "2020-07-02T09:00:00+08:00",
    );
    const assessed = await ok(
      riskAggregate,
      {
        type: "AssessRisk",
        data: {
          riskId: "R1",
          entityId: "E1",
          stage: "initial",
          lec: { l: 3, e: 6, c: 40 },
          controls: { measures: ["detectors"], responsiblePerson: { name: "Li Na" } },
        },
      },
      ACTORS.enterprise,
      "2020-07-02T10:00:00+08:00",
    );
    expect(assessed.events.at(-1)).toMatchObject({ data: { level: "major", colour: "red" } });
    // A department that does not supervise E1 is refused, through `related`.
    const refused = await send(
      hazardAggregate,
      {
        type: "RegisterHazard",
        data: {
          hazardId: "H1",
          entityId: "E1",
          source: "government-inspection",
          grade: "major",
          description: "corroded pipe",
          discoveredOn: "2020-07-03",
          deadline: "2020-07-31",
        },
      },
      ACTORS.otherDepartment,
      "2020-07-03T09:00:00+08:00",
    );
    expect(E.isLeft(refused) && refused.left.code).toBe("PERMISSION_DENIED");
    await ok(
      hazardAggregate,
      {
        type: "RegisterHazard",
        data: {
          hazardId: "H1",
          entityId: "E1",
          source: "government-inspection",
          grade: "major",
          description: "corroded pipe",
          discoveredOn: "2020-07-03",
          deadline: "2020-07-31",
        },
      },
      ACTORS.department,
      "2020-07-03T09:00:00+08:00",
    );
    await ok(
      hazardAggregate,
      {
        type: "ListHazardForSupervision",
        data: { hazardId: "H1", entityId: "E1", documentRef: "GY-AB-2020-1" },
      },
      ACTORS.office,
      "2020-07-04T09:00:00+08:00",
    );
    await ok(
      accidentAggregate,
      {
        type: "ReportAccident",
        data: {
          accidentId: "A1",
          entityId: "E1",
          occurredAt: "2020-07-05T08:00:00+08:00",
          reportedAt: "2020-07-05T10:30:00+08:00",
          deaths: 1,
          seriousInjuries: 0,
          directLossFen: 120_000_00,
          description: "fall",
        },
      },
      ACTORS.enterprise,
      "2020-07-05T10:30:00+08:00",
    );
    // The same command id again appends nothing.
    const again = await handle(accidentAggregate, {
      command: {
        type: "ReportAccident",
        data: {
          accidentId: "A1",
          entityId: "E1",
          occurredAt: "2020-07-05T08:00:00+08:00",
          deaths: 1,
          seriousInjuries: 0,
          directLossFen: 0,
          description: "fall",
        },
      },
      actor: ACTORS.enterprise,
      occurredAt: "2020-07-05T10:30:00+08:00",
      commandId: `c${i}`,
    });
    expect(E.isRight(again) && again.right.duplicate).toBe(true);

    const { models } = await runProjections(store, supervisionLedgerEvents, [supervisionProjection] as const);
    const [row] = dynamicSupervision(models[0], "2020-08-01");
    expect(row).toMatchObject({
      entityId: "E1",
      highestRiskColour: "red",
      openHazards: 1,
      overdueHazards: 1,
      listedMajorHazards: 1,
      accidentsLast12Months: 1,
      priority: "high",
    });
    expect(models[0].accidents.A1).toMatchObject({ lateReport: true, sector: "hazardous-chemicals" });
    expect(accidentStats(models[0], { from: "2020-01-01", to: "2020-12-31" }).current).toEqual({
      accidents: 1,
      deaths: 1,
      seriousInjuries: 0,
      directLossFen: 120_000_00,
    });
  });
});
