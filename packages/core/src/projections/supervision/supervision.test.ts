import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AccidentEvent } from "../../accidents/events";
import type { StoredEvent } from "../../kernel/envelope";
import type { Envelope } from "../../kernel/projection";
import { ACTORS, entityRegisteredE1 } from "../../supervision/testing";
import { type SupervisionLedgerEvent, supervisionModelOf, supervisionProjection } from "./model";
import {
  accidentStats,
  dynamicSupervision,
  entityList,
  hazardList,
  riskDistribution,
  riskList,
  samePeriodLastYear,
  transformationIndicators,
  transformationTrend,
} from "./queries";

let position = 0n;
const envelope = (
  stream: string,
  event: SupervisionLedgerEvent,
  occurredAt: string,
): Envelope<SupervisionLedgerEvent> => ({
  event,
  meta: {
    stream,
    revision: 0,
    position: position++,
    id: `e${position}`,
    type: event.type,
    schemaVersion: 1,
    data: null,
    metadata: {
      occurredAt,
      recordedAt: occurredAt,
      actor: ACTORS.department,
    } as unknown as StoredEvent["metadata"],
  } as StoredEvent,
});

let n = 0;
const accident = (occurredAt: string, deaths: number, extra: Partial<AccidentEvent["data"]> = {}) => {
  const accidentId = `A${++n}`;
  const event: AccidentEvent = {
    type: "AccidentReported",
    data: {
      accidentId,
      entityId: null,
      supervisingDepartment: null,
      sector: "road-transport",
      district: "lizhou",
      kind: "other",
      description: "x",
      occurredAt,
      reportedAt: occurredAt,
      deaths,
      seriousInjuries: 0,
      directLossFen: 1000,
      accidentClass: deaths >= 3 ? "larger" : "general",
      lateReport: false,
      reportDelayMinutes: 0,
      lateReason: null,
      on: occurredAt.slice(0, 10),
      by: { ...ACTORS.department },
      ...extra,
    },
  };
  return envelope(`accident-${accidentId}`, event, occurredAt);
};
/** Spread over the eleven months, at mid-morning local time. */
const when = (year: number, i: number) =>
  `${year}-${String((i % 11) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}T10:00:00+08:00`;

describe("accident statistics", () => {
  const referenceData = () => [
    // Jan–Nov 2020: 31 general accidents, 30 deaths (30 with one death, one without).
    ...Array.from({ length: 31 }, (_, i) => accident(when(2020, i), i === 0 ? 0 : 1)),
    // Jan–Nov 2019: 53 accidents, 55 deaths (two with two deaths).
    ...Array.from({ length: 53 }, (_, i) => accident(when(2019, i), i < 2 ? 2 : 1)),
    // Outside both periods: a larger accident on 1 December 2020 (local date), and one on 2019-12-31.
    accident("2020-11-30T16:30:00Z", 3),
    accident("2019-12-31T10:00:00+08:00", 1),
  ];

  it("reproduces the reference figures: 31 and 30 vs 53 and 55, −41.5 % and −45.5 %, zero control held", () => {
    const stats = accidentStats(supervisionModelOf(referenceData()), {
      from: "2020-01-01",
      to: "2020-11-30",
    });
    expect(JSON.parse(JSON.stringify(stats))).toEqual({
      current: { accidents: 31, deaths: 30, seriousInjuries: 0, directLossFen: 31_000 },
      previous: { accidents: 53, deaths: 55, seriousInjuries: 0, directLossFen: 53_000 },
      decrease: { accidents: 22, deaths: 25 },
      changePercent: { accidents: -41.5, deaths: -45.5 },
      zeroControl: true,
      byClass: {
        "especially-serious": { accidents: 0, deaths: 0, seriousInjuries: 0, directLossFen: 0 },
        serious: { accidents: 0, deaths: 0, seriousInjuries: 0, directLossFen: 0 },
        larger: { accidents: 0, deaths: 0, seriousInjuries: 0, directLossFen: 0 },
        general: { accidents: 31, deaths: 30, seriousInjuries: 0, directLossFen: 31_000 },
      },
      bySector: {
        "road-transport": { accidents: 31, deaths: 30, seriousInjuries: 0, directLossFen: 31_000 },
      },
      byDistrict: { lizhou: { accidents: 31, deaths: 30, seriousInjuries: 0, directLossFen: 31_000 } },
      listed: { accidents: 0, counts: { dead: 0, "seriously-injured": 0, injured: 0, missing: 0 } },
    });
    expect(Object.keys(stats)).toEqual([
      "current",
      "previous",
      "decrease",
      "changePercent",
      "zeroControl",
      "byClass",
      "bySector",
      "byDistrict",
      "listed",
    ]);
  });
  it("the accident's local date decides its period; a larger accident breaks zero control", () => {
    const stats = accidentStats(supervisionModelOf(referenceData()), {
      from: "2020-01-01",
      to: "2020-12-31",
    });
    expect(stats.current.accidents).toBe(32);
    expect(stats.zeroControl).toBe(false);
    expect(stats.byClass.larger.accidents).toBe(1);
  });
  it("changePercent is null without a base, positive for an increase, rounded half-up", () => {
    const m = supervisionModelOf([accident("2021-03-01T10:00:00+08:00", 1)]);
    expect(accidentStats(m, { from: "2021-01-01", to: "2021-12-31" }).changePercent).toEqual({
      accidents: null,
      deaths: null,
    });
    // 3 vs 8: (3 − 8) / 8 = −62.5 %; 9 vs 8: +12.5 %; 1 vs 3: −66.666… → −66.7
    const mk = (a: number, b: number) =>
      supervisionModelOf([
        ...Array.from({ length: a }, (_, i) => accident(when(2021, i), 1)),
        ...Array.from({ length: b }, (_, i) => accident(when(2020, i), 1)),
      ]);
    const p = { from: "2021-01-01", to: "2021-11-30" };
    expect(accidentStats(mk(3, 8), p).changePercent.accidents).toBe(-62.5);
    expect(accidentStats(mk(9, 8), p).changePercent.accidents).toBe(12.5);
    expect(accidentStats(mk(1, 3), p).changePercent.accidents).toBe(-66.7);
    expect(accidentStats(mk(0, 3), p).decrease.accidents).toBe(3);
  });
  it("uses revised casualty figures", () => {
    const a = accident("2020-05-01T10:00:00+08:00", 1);
    const revised = envelope(
      a.meta.stream,
      {
        type: "AccidentCasualtiesRevised",
        data: {
          accidentId: (a.event.data as { accidentId: string }).accidentId,
          from: { deaths: 1, seriousInjuries: 0, directLossFen: 1000 },
          to: { deaths: 4, seriousInjuries: 0, directLossFen: 1000 },
          fromClass: "general",
          accidentClass: "larger",
          reason: "r",
          on: "2020-05-10",
          by: { ...ACTORS.department },
        },
      },
      "2020-05-10T10:00:00+08:00",
    );
    const stats = accidentStats(supervisionModelOf([a, revised]), { from: "2020-01-01", to: "2020-12-31" });
    expect(stats.current.deaths).toBe(4);
    expect(stats.zeroControl).toBe(false);
    // As of before the revision, the first figures stand.
    const early = accidentStats(supervisionModelOf([a, revised], { asOf: "2020-05-09" }), {
      from: "2020-01-01",
      to: "2020-12-31",
    });
    expect(early.current.deaths).toBe(1);
  });
});

describe("casualty lists in the accident statistics", () => {
  it("count the period's lists by outcome, within the figures; no list counts as none", () => {
    const person = (outcome: "dead" | "seriously-injured" | "injured" | "missing") => ({
      name: "x",
      outcome,
    });
    const listed = accident("2020-03-01T10:00:00+08:00", 2, {
      seriousInjuries: 1,
      casualties: [person("dead"), person("dead"), person("seriously-injured"), person("missing")],
    });
    const partial = accident("2020-06-01T10:00:00+08:00", 3, {
      casualties: [person("dead"), person("injured")],
    });
    const none = accident("2020-07-01T10:00:00+08:00", 1);
    const empty = accident("2020-08-01T10:00:00+08:00", 0, { casualties: [] });
    const lastYear = accident("2019-03-01T10:00:00+08:00", 1, { casualties: [person("dead")] });
    const model = supervisionModelOf([listed, partial, none, empty, lastYear]);
    const stats = accidentStats(model, { from: "2020-01-01", to: "2020-12-31" });
    expect(stats.listed).toEqual({
      accidents: 3,
      counts: { dead: 3, "seriously-injured": 1, injured: 1, missing: 1 },
    });
    // the lists agree with the figures: never more dead or seriously injured than counted
    expect(stats.listed.counts.dead).toBeLessThanOrEqual(stats.current.deaths);
    expect(stats.listed.counts["seriously-injured"]).toBeLessThanOrEqual(stats.current.seriousInjuries);
    expect(stats.current).toMatchObject({ accidents: 4, deaths: 6, seriousInjuries: 1 });
    // a withdrawn report counts nowhere, its list neither
    const withdrawn = envelope(
      listed.meta.stream,
      {
        type: "AccidentReportWithdrawn",
        data: {
          accidentId: (listed.event.data as { accidentId: string }).accidentId,
          duplicateOf: null,
          reason: "duplicate",
          on: "2020-03-02",
          by: { ...ACTORS.department },
        },
      } as never,
      "2020-03-02T10:00:00+08:00",
    );
    const after = accidentStats(supervisionModelOf([listed, partial, none, empty, withdrawn]), {
      from: "2020-01-01",
      to: "2020-12-31",
    });
    expect(after.listed).toEqual({
      accidents: 2,
      counts: { dead: 1, "seriously-injured": 0, injured: 1, missing: 0 },
    });
  });
});

describe("the same period last year", () => {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const next = (date: string) => day(new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000));

  it("compares month with month, the end of February included", () => {
    const cases: Array<[from: string, to: string, previousFrom: string, previousTo: string]> = [
      ["2020-01-01", "2020-11-30", "2019-01-01", "2019-11-30"],
      ["2021-01-01", "2021-02-28", "2020-01-01", "2020-02-29"],
      ["2020-02-29", "2020-03-31", "2019-03-01", "2019-03-31"],
      ["2020-01-01", "2020-02-28", "2019-01-01", "2019-02-28"],
      ["2024-03-15", "2024-06-14", "2023-03-15", "2023-06-14"],
    ];
    for (const [from, to, previousFrom, previousTo] of cases)
      expect(samePeriodLastYear({ from, to })).toEqual({ from: previousFrom, to: previousTo });
  });

  it("periods that follow each other map to periods that follow each other (no day twice, none left out)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1901-01-01"), max: new Date("2199-12-30"), noInvalidDate: true }),
        (d) => {
          const end = day(d);
          const before = samePeriodLastYear({ from: "1900-01-01", to: end });
          const after = samePeriodLastYear({ from: next(end), to: "2200-12-31" });
          expect(after.from).toBe(next(before.to));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("lists, distribution, dynamic supervision, indicators", () => {
  const dept = { ...ACTORS.department };
  const ent = { ...ACTORS.enterprise };
  const e2: SupervisionLedgerEvent = {
    type: "EntityRegistered",
    data: { ...entityRegisteredE1.data, entityId: "E2", sector: "coal-mine", district: "wangcang" },
  };
  const risk = (
    riskId: string,
    entityId: string,
    level: "major" | "larger" | "general" | "low",
    by: "enterprise" | "government",
    on: string,
  ) => [
    envelope(
      `risk-${riskId}`,
      {
        type: "RiskIdentified",
        data: { riskId, entityId, name: riskId, location: null, description: null, on, by: ent },
      },
      `${on}T09:00:00+08:00`,
    ),
    envelope(
      `risk-${riskId}`,
      {
        type: "RiskAssessed",
        data: {
          riskId,
          entityId,
          stage: "initial",
          lec: null,
          matrix: null,
          level,
          colour: ({ major: "red", larger: "orange", general: "yellow", low: "blue" } as const)[level],
          assessedBy: by,
          reassessment: false,
          reason: null,
          on,
          by: ent,
        },
      },
      `${on}T09:00:00+08:00`,
    ),
  ];
  const hazard = (
    hazardId: string,
    entityId: string,
    source: "self-inspection" | "government-inspection",
    procedure: "general" | "major",
    on: string,
    deadline: string,
  ) =>
    envelope(
      `hazard-${hazardId}`,
      {
        type: "HazardRegistered",
        data: {
          hazardId,
          entityId,
          source,
          grade: procedure,
          procedure,
          description: "d",
          location: null,
          discoveredOn: on,
          deadline,
          deadlineSetBy: "GY-EMB",
          reportedToDepartment: procedure === "major",
          reopens: null,
          on,
          by: dept,
        },
      },
      `${on}T09:00:00+08:00`,
    );
  const accepted = (
    hazardId: string,
    entityId: string,
    acceptedBy: "enterprise" | "government",
    on: string,
  ) =>
    envelope(
      `hazard-${hazardId}`,
      {
        type: "HazardAccepted",
        data: { hazardId, entityId, acceptedBy, decidedLate: false, note: "", on, by: dept },
      },
      `${on}T09:00:00+08:00`,
    );
  const data = [
    envelope("entity-E1", entityRegisteredE1, "2020-07-01T09:00:00+08:00"),
    envelope("entity-E2", e2, "2020-07-01T09:00:00+08:00"),
    ...risk("R1", "E1", "major", "enterprise", "2020-07-05"),
    ...risk("R2", "E1", "low", "government", "2020-07-05"),
    ...risk("R3", "E2", "larger", "enterprise", "2020-08-05"),
    hazard("H1", "E1", "self-inspection", "general", "2020-07-06", "2020-07-10"),
    hazard("H2", "E1", "government-inspection", "general", "2020-07-06", "2020-07-31"),
    hazard("H3", "E2", "self-inspection", "general", "2020-08-06", "2020-08-31"),
    accepted("H1", "E1", "enterprise", "2020-07-09"),
    accepted("H3", "E2", "government", "2020-08-20"),
  ];
  const model = supervisionModelOf(data);

  it("the rebuild's in-place path ends in the model of the pure path, prefix by prefix", () => {
    const fast = supervisionProjection.inPlace!;
    const inPlace = fast.copy(supervisionProjection.init);
    data.forEach((e, i) => {
      fast.apply(inPlace, e);
      expect(inPlace).toEqual(supervisionModelOf(data.slice(0, i + 1)));
    });
    // the copy is private: the initial model is untouched
    expect(supervisionProjection.init).toEqual({ entities: {}, risks: {}, hazards: {}, accidents: {} });
  });

  it("the three basic lists filter by sector, district, department and state", () => {
    expect(entityList(model, { sector: "coal-mine" }).map((e) => e.entityId)).toEqual(["E2"]);
    expect(entityList(model, { state: "Registered", supervisingDepartment: "GY-EMB" })).toHaveLength(2);
    expect(riskList(model, { district: "lizhou" }).map((r) => [r.riskId, r.colour])).toEqual([
      ["R1", "red"],
      ["R2", "blue"],
    ]);
    expect(hazardList(model, "2020-08-01", { overdue: true }).map((h) => h.hazardId)).toEqual(["H2"]);
    expect(hazardList(model, "2020-07-20", { state: "Closed" }).map((h) => h.hazardId)).toEqual(["H1", "H3"]);
  });
  it("four-colour distribution by sector and district", () => {
    const d = riskDistribution(model);
    expect(d.total).toEqual({ red: 1, orange: 1, yellow: 0, blue: 1 });
    expect(d.bySector["coal-mine"]).toEqual({ red: 0, orange: 1, yellow: 0, blue: 0 });
    expect(d.byDistrict.lizhou).toEqual({ red: 1, orange: 0, yellow: 0, blue: 1 });
  });
  it("dynamic supervision as of a date, with the priority rule", () => {
    const rows = dynamicSupervision(model, "2020-08-01");
    expect(
      rows.map((r) => [r.entityId, r.highestRiskLevel, r.openHazards, r.overdueHazards, r.priority]),
    ).toEqual([
      ["E1", "major", 1, 1, "high"],
      ["E2", "larger", 0, 0, "elevated"],
    ]);
    const asOfJuly = dynamicSupervision(supervisionModelOf(data, { asOf: "2020-07-07" }), "2020-07-07");
    expect(asOfJuly.map((r) => [r.entityId, r.highestRiskLevel, r.openHazards, r.overdueHazards])).toEqual([
      ["E1", "major", 2, 0],
      ["E2", null, 0, 0],
    ]);
  });
  it("three-transformation indicators per period, sector and district, and their change", () => {
    const july = transformationIndicators(model, { from: "2020-07-01", to: "2020-07-31" });
    expect(july.overall.selfInspection).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(july.overall.enterpriseAssessment).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(july.overall.enterpriseAcceptance).toEqual({ numerator: 1, denominator: 1, percent: 100 });
    expect(july.bySector["coal-mine"]?.selfInspection.percent).toBeNull();
    const trend = transformationTrend(model, [
      { from: "2020-07-01", to: "2020-07-31" },
      { from: "2020-08-01", to: "2020-08-31" },
    ]);
    expect(trend[1]?.change).toEqual({
      selfInspection: 50,
      enterpriseAssessment: 50,
      enterpriseAcceptance: -100,
    });
    expect(trend[0]?.change.selfInspection).toBeNull();
  });
});
