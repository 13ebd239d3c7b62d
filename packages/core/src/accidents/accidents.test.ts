import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorTextIn } from "../kernel/error-texts";
import { accidentClassRank, DECREE_493_THRESHOLDS } from "../reference/accident-thresholds";
import { ENTITY_KEY } from "../supervision/risk/decider";
import { ACTORS, ctx, entityE1, eventsOf, given, rejectionOf } from "../supervision/testing";
import { ACCIDENT_ERROR_TEXTS } from "./accident-error-texts";
import { type AccidentCommand, accidentCommandCodecs } from "./commands";
import { accidentDecider } from "./decider";
import { AccidentCasualtiesRevised, AccidentReported } from "./events";
import { classifyAccident, isLateReport, revisionWindowLastDay, withinRevisionWindow } from "./rules";
import { evolveAccident, initialAccidentState } from "./state";

const MILLION = 100_000_000; // fen in ¥1m
const casualties = fc.record({
  deaths: fc.integer({ min: 0, max: 60 }),
  seriousInjuries: fc.integer({ min: 0, max: 200 }),
  directLossFen: fc.integer({ min: 0, max: 200 * MILLION }),
});

describe("Decree 493 classification", () => {
  it("boundaries are exact and inclusive for every criterion", () => {
    for (const t of DECREE_493_THRESHOLDS) {
      expect(classifyAccident({ deaths: t.deaths, seriousInjuries: 0, directLossFen: 0 })).toBe(t.class);
      expect(classifyAccident({ deaths: 0, seriousInjuries: t.seriousInjuries, directLossFen: 0 })).toBe(
        t.class,
      );
      expect(classifyAccident({ deaths: 0, seriousInjuries: 0, directLossFen: t.directLossFen })).toBe(
        t.class,
      );
      expect(
        accidentClassRank(classifyAccident({ deaths: t.deaths - 1, seriousInjuries: 0, directLossFen: 0 })),
      ).toBeLessThan(accidentClassRank(t.class));
      expect(
        accidentClassRank(
          classifyAccident({ deaths: 0, seriousInjuries: 0, directLossFen: t.directLossFen - 1 }),
        ),
      ).toBeLessThan(accidentClassRank(t.class));
    }
    expect(classifyAccident({ deaths: 2, seriousInjuries: 9, directLossFen: 10 * MILLION - 1 })).toBe(
      "general",
    );
    expect(classifyAccident({ deaths: 1, seriousInjuries: 50, directLossFen: 0 })).toBe("serious");
  });
  it("property: the class is the highest any criterion reaches", () => {
    fc.assert(
      fc.property(casualties, (c) => {
        const one = (x: Partial<typeof c>) =>
          accidentClassRank(classifyAccident({ deaths: 0, seriousInjuries: 0, directLossFen: 0, ...x }));
        expect(accidentClassRank(classifyAccident(c))).toBe(
          Math.max(
            one({ deaths: c.deaths }),
            one({ seriousInjuries: c.seriousInjuries }),
            one({ directLossFen: c.directLossFen }),
          ),
        );
      }),
    );
  });
  it("property: monotone in each criterion", () => {
    fc.assert(
      fc.property(casualties, fc.nat(40), fc.nat(100), fc.nat(100 * MILLION), (c, dd, di, dl) => {
        const base = accidentClassRank(classifyAccident(c));
        expect(accidentClassRank(classifyAccident({ ...c, deaths: c.deaths + dd }))).toBeGreaterThanOrEqual(
          base,
        );
        expect(
          accidentClassRank(classifyAccident({ ...c, seriousInjuries: c.seriousInjuries + di })),
        ).toBeGreaterThanOrEqual(base);
        expect(
          accidentClassRank(classifyAccident({ ...c, directLossFen: c.directLossFen + dl })),
        ).toBeGreaterThanOrEqual(base);
      }),
    );
  });
  it("late report: more than one hour after the accident", () => {
    expect(isLateReport("2020-03-05T09:00:00+08:00", "2020-03-05T10:00:00+08:00")).toBe(false);
    expect(isLateReport("2020-03-05T09:00:00+08:00", "2020-03-05T10:00:01+08:00")).toBe(true);
    expect(isLateReport("2020-03-05T09:00:00+08:00", "2020-03-05T02:30:00Z")).toBe(true);
  });
  it("revision window: 30 calendar days, 7 for road traffic and fire, ending at 24:00 China time", () => {
    const t0 = "2020-03-05T09:00:00+08:00";
    expect(withinRevisionWindow(t0, "2020-04-04T23:59:59+08:00", "other")).toBe(true);
    expect(withinRevisionWindow(t0, "2020-04-05T00:00:00+08:00", "other")).toBe(false);
    expect(withinRevisionWindow(t0, "2020-03-12T23:59:59+08:00", "fire")).toBe(true);
    expect(withinRevisionWindow(t0, "2020-03-13T00:00:00+08:00", "road-traffic")).toBe(false);
    expect(withinRevisionWindow(t0, "2020-03-05T08:59:59+08:00", "other")).toBe(false);
    expect(withinRevisionWindow(t0, "2020-03-05", "other")).toBe(true);
  });

  it("counts as the Civil Code does: a fire at 22:00 on 25 February 2021 is revisable until 24:00 on 4 March", () => {
    const fire = "2021-02-25T22:00:00+08:00";
    expect(revisionWindowLastDay(fire, "fire")).toBe("2021-03-04");
    expect(withinRevisionWindow(fire, "2021-03-04T23:59:59+08:00", "fire")).toBe(true);
    expect(withinRevisionWindow(fire, "2021-03-04", "fire")).toBe(true);
    // 16:00 UTC on 4 March is 00:00 on 5 March in China: closed.
    expect(withinRevisionWindow(fire, "2021-03-04T16:00:00Z", "fire")).toBe(false);
    expect(withinRevisionWindow(fire, "2021-03-05T00:00:00+08:00", "fire")).toBe(false);
    // 30 × 24 hours from 22:00 would end at 22:00 on 27 March; the law's day ends at 24:00.
    expect(withinRevisionWindow(fire, "2021-03-27T23:00:00+08:00", "other")).toBe(true);
  });
});

const report = (
  data: Partial<Extract<AccidentCommand, { type: "ReportAccident" }>["data"]> = {},
): AccidentCommand => ({
  type: "ReportAccident",
  data: {
    accidentId: "A1",
    entityId: "E1",
    occurredAt: "2020-03-05T09:00:00+08:00",
    reportedAt: "2020-03-05T09:40:00+08:00",
    deaths: 1,
    seriousInjuries: 2,
    directLossFen: 500_000_00,
    description: "fall from height",
    ...data,
  },
});
const at = (t: string) => ctx(ACTORS.department, t);

describe("accident decider", () => {
  it("the enterprise reports its own accident; class, sector and district come with it", () => {
    const [e] = eventsOf(given(accidentDecider).when(report(), ctx(ACTORS.enterprise)));
    expect(e).toMatchObject({
      type: "AccidentReported",
      data: {
        accidentClass: "general",
        sector: "hazardous-chemicals",
        district: "lizhou",
        lateReport: false,
        reportDelayMinutes: 40,
      },
    });
  });
  it("permissions: not for another enterprise, not by a department outside its supervision", () => {
    expect(rejectionOf(given(accidentDecider).when(report(), ctx(ACTORS.otherEnterprise))).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(given(accidentDecider).when(report(), ctx(ACTORS.otherDepartment))).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(given(accidentDecider).when(report(), ctx(ACTORS.agency))).code).toBe(
      "PERMISSION_DENIED",
    );
    const noEntity = report({ entityId: null, sector: "road-transport", district: "cangxi" });
    expect(
      eventsOf(given(accidentDecider).when(noEntity, ctx(ACTORS.otherDepartment, undefined, {}))),
    ).toHaveLength(1);
    expect(
      rejectionOf(given(accidentDecider).when(noEntity, ctx(ACTORS.enterprise, undefined, {}))).code,
    ).toBe("PERMISSION_DENIED");
  });
  it("rejects: duplicate, unknown entity, mismatched sector, missing sector, report before occurrence", () => {
    const h = eventsOf(given(accidentDecider).when(report(), ctx(ACTORS.enterprise)));
    expect(rejectionOf(given(accidentDecider, h).when(report(), ctx(ACTORS.enterprise))).code).toBe(
      "ACCIDENT_ALREADY_REPORTED",
    );
    expect(rejectionOf(given(accidentDecider).when(report(), ctx(ACTORS.office, undefined, {}))).code).toBe(
      "ENTITY_NOT_REGISTERED",
    );
    expect(
      rejectionOf(given(accidentDecider).when(report({ sector: "coal-mine" }), ctx(ACTORS.office))).code,
    ).toBe("SECTOR_MISMATCH");
    expect(
      rejectionOf(given(accidentDecider).when(report({ district: "cangxi" }), ctx(ACTORS.office))).code,
    ).toBe("DISTRICT_MISMATCH");
    expect(
      rejectionOf(given(accidentDecider).when(report({ entityId: null }), ctx(ACTORS.office, undefined, {})))
        .code,
    ).toBe("SECTOR_REQUIRED");
    expect(
      rejectionOf(
        given(accidentDecider).when(
          report({ entityId: null, sector: "coal-mine" }),
          ctx(ACTORS.office, undefined, {}),
        ),
      ).code,
    ).toBe("DISTRICT_REQUIRED");
    expect(
      rejectionOf(
        given(accidentDecider).when(
          report({ entityId: null, sector: "x", district: "lizhou" }),
          ctx(ACTORS.office, undefined, {}),
        ),
      ).code,
    ).toBe("UNKNOWN_SECTOR");
    expect(
      rejectionOf(
        given(accidentDecider).when(report({ reportedAt: "2020-03-05T08:00:00+08:00" }), ctx(ACTORS.office)),
      ).code,
    ).toBe("REPORTED_BEFORE_OCCURRED");
  });
  it("a report more than an hour late is flagged", () => {
    const [e] = eventsOf(
      given(accidentDecider).when(
        report({ reportedAt: "2020-03-05T11:00:00+08:00", lateReason: "no signal" }),
        ctx(ACTORS.enterprise),
      ),
    );
    expect(e).toMatchObject({ data: { lateReport: true, reportDelayMinutes: 120, lateReason: "no signal" } });
  });
  it("a revision claimed inside the window but recorded after it: accepted, unless the policy refuses it", () => {
    const h = eventsOf(given(accidentDecider).when(report(), ctx(ACTORS.enterprise)));
    const revise = {
      type: "ReviseAccidentCasualties" as const,
      data: { accidentId: "A1", deaths: 2, seriousInjuries: 2, reason: "paper record from the township" },
    };
    // Claimed on day 27 (1 April), recorded on day 37 (11 April).
    const late = { ...at("2020-04-01T09:00:00+08:00"), recordedAt: "2020-04-11T02:00:00.000Z" };
    expect(eventsOf(given(accidentDecider, h).when(revise, late))).toHaveLength(1);
    const strict = { ...late, policy: { refuseEntriesAfterWindow: true } };
    expect(rejectionOf(given(accidentDecider, h).when(revise, strict)).code).toBe("RECORDED_AFTER_WINDOW");
    // Recorded at 23:30 on the last day, China time: still inside.
    const lastEvening = { ...strict, recordedAt: "2020-04-04T15:30:00.000Z" };
    expect(eventsOf(given(accidentDecider, h).when(revise, lastEvening))).toHaveLength(1);
  });

  it("casualties revised within 30 days may raise the class; not after the window or the conclusion", () => {
    const h = eventsOf(given(accidentDecider).when(report(), ctx(ACTORS.enterprise)));
    const revise = {
      type: "ReviseAccidentCasualties" as const,
      data: { accidentId: "A1", deaths: 3, seriousInjuries: 2, reason: "two died in hospital" },
    };
    const [e] = eventsOf(given(accidentDecider, h).when(revise, at("2020-03-20T09:00:00+08:00")));
    expect(e).toMatchObject({ data: { fromClass: "general", accidentClass: "larger" } });
    expect(rejectionOf(given(accidentDecider, h).when(revise, at("2020-04-05T09:00:00+08:00"))).code).toBe(
      "REVISION_WINDOW_CLOSED",
    );
    expect(
      rejectionOf(
        given(accidentDecider, h).when(
          { ...revise, data: { ...revise.data, deaths: 1 } },
          at("2020-03-06T09:00:00+08:00"),
        ),
      ).code,
    ).toBe("NO_CHANGE");
    const road = eventsOf(
      given(accidentDecider).when(report({ kind: "road-traffic" }), ctx(ACTORS.enterprise)),
    );
    expect(rejectionOf(given(accidentDecider, road).when(revise, at("2020-03-13T09:00:00+08:00"))).code).toBe(
      "REVISION_WINDOW_CLOSED",
    );
    expect(
      rejectionOf(
        given(accidentDecider, h).when(revise, ctx(ACTORS.otherDepartment, "2020-03-06T09:00:00+08:00")),
      ).code,
    ).toBe("PERMISSION_DENIED");
    const concluded = [
      ...h,
      ...eventsOf(
        given(accidentDecider, h).when(
          {
            type: "ConcludeAccidentInvestigation",
            data: { accidentId: "A1", reportRef: "INV-1", cause: "no harness", liability: true },
          },
          at("2020-03-10T09:00:00+08:00"),
        ),
      ),
    ];
    expect(
      rejectionOf(given(accidentDecider, concluded).when(revise, at("2020-03-11T09:00:00+08:00"))).code,
    ).toBe("INVESTIGATION_CONCLUDED");
    expect(rejectionOf(given(accidentDecider).when(revise, at("2020-03-11T09:00:00+08:00"))).code).toBe(
      "ACCIDENT_NOT_REPORTED",
    );
  });
  it("only a government body concludes the investigation", () => {
    const h = eventsOf(given(accidentDecider).when(report(), ctx(ACTORS.enterprise)));
    const c = {
      type: "ConcludeAccidentInvestigation" as const,
      data: { accidentId: "A1", reportRef: "R", cause: "c", liability: false },
    };
    expect(rejectionOf(given(accidentDecider, h).when(c, ctx(ACTORS.enterprise))).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(
      eventsOf(
        given(accidentDecider, h).when(c, ctx(ACTORS.office, undefined, { [ENTITY_KEY]: entityE1() })),
      ),
    ).toHaveLength(1);
  });
});

describe("correcting and withdrawing a report", () => {
  const reported = () =>
    eventsOf(
      given(accidentDecider).when(
        report({ entityId: null, sector: "construction", district: "lizhou" } as never),
        at("2020-03-05T10:00:00+08:00"),
      ),
    );
  const correct = (data: Record<string, unknown>) => ({
    type: "CorrectAccidentReport" as const,
    data: { accidentId: "A1", reason: "typed wrong", ...data },
  });

  it("records what each corrected field was and is, and moves the accident", () => {
    const h = reported();
    const [e] = eventsOf(
      given(accidentDecider, h).when(
        correct({ district: "cangxi", kind: "fire" }),
        at("2020-03-06T09:00:00+08:00"),
      ),
    );
    expect(e).toMatchObject({
      type: "AccidentReportCorrected",
      data: { from: { district: "lizhou", kind: "other" }, to: { district: "cangxi", kind: "fire" } },
    });
    const state = [...h, ...(e === undefined ? [] : [e])].reduce(
      accidentDecider.evolve,
      accidentDecider.initialState,
    );
    expect(state).toMatchObject({ district: "cangxi", kind: "fire" });
  });

  it("checks a correction by the rules: dates, keys, no change", () => {
    const h = reported();
    const when = (data: Record<string, unknown>) =>
      given(accidentDecider, h).when(correct(data), at("2020-03-06T09:00:00+08:00"));
    expect(rejectionOf(when({ occurredAt: "2020-03-06T09:00:00+08:00" })).code).toBe(
      "REPORTED_BEFORE_OCCURRED",
    );
    expect(rejectionOf(when({ district: "atlantis" })).code).toBe("UNKNOWN_DISTRICT");
    expect(rejectionOf(when({ district: "lizhou" })).code).toBe("NO_CHANGE");
    // A later time recomputes the 1-hour rule: reported at 09:40 for 09:00 is on time, for 08:00 late.
    const [late] = eventsOf(when({ occurredAt: "2020-03-05T08:00:00+08:00" }));
    expect(late).toMatchObject({ data: { lateReport: true, reportDelayMinutes: 100 } });
  });

  it("is for the entering unit or a unit above it", () => {
    const h = eventsOf(given(accidentDecider).when(report(), ctx(ACTORS.enterprise)));
    const fix = correct({ description: "fall from a scaffold" });
    expect(
      eventsOf(
        given(accidentDecider, h).when(fix, ctx(ACTORS.enterpriseColleague, "2020-03-06T09:00:00+08:00")),
      ),
    ).toHaveLength(1);
    expect(eventsOf(given(accidentDecider, h).when(fix, at("2020-03-06T09:00:00+08:00")))).toHaveLength(1);
    expect(
      rejectionOf(
        given(accidentDecider, h).when(fix, ctx(ACTORS.otherDepartment, "2020-03-06T09:00:00+08:00")),
      ).code,
    ).toBe("PERMISSION_DENIED");
    expect(
      rejectionOf(
        given(accidentDecider, h).when(correct({ sector: "fireworks" }), at("2020-03-06T09:00:00+08:00")),
      ).code,
    ).toBe("CORRECT_THE_ENTITY");
  });

  it("a withdrawn duplicate changes no more", () => {
    const h = reported();
    const withdraw = {
      type: "WithdrawAccidentReport" as const,
      data: { accidentId: "A1", reason: "reported twice", duplicateOf: "A0" },
    };
    const withdrawn = eventsOf(given(accidentDecider, h).when(withdraw, at("2020-03-06T09:00:00+08:00")));
    const [w] = withdrawn;
    expect(w).toMatchObject({ type: "AccidentReportWithdrawn", data: { duplicateOf: "A0" } });
    expect(
      rejectionOf(
        given(accidentDecider, [...h, ...withdrawn]).when(
          correct({ kind: "fire" }),
          at("2020-03-07T09:00:00+08:00"),
        ),
      ).code,
    ).toBe("ACCIDENT_WITHDRAWN");
  });

  it("after the window, casualties change only with the investigation's conclusion", () => {
    const h = reported();
    const revise = {
      type: "ReviseAccidentCasualties" as const,
      data: { accidentId: "A1", deaths: 3, seriousInjuries: 2, reason: "late" },
    };
    expect(rejectionOf(given(accidentDecider, h).when(revise, at("2020-06-01T09:00:00+08:00"))).code).toBe(
      "REVISION_WINDOW_CLOSED",
    );
    const conclude = {
      type: "ConcludeAccidentInvestigation" as const,
      data: {
        accidentId: "A1",
        reportRef: "GY-INV-2020-7",
        cause: "no harness",
        liability: true,
        casualties: { deaths: 3, seriousInjuries: 2 },
      },
    };
    const events = eventsOf(given(accidentDecider, h).when(conclude, at("2020-06-01T09:00:00+08:00")));
    expect(events.map((e) => e.type)).toEqual([
      "AccidentCasualtiesConcluded",
      "AccidentInvestigationConcluded",
    ]);
    expect(events[0]).toMatchObject({
      data: { fromClass: "general", accidentClass: "larger", reportRef: "GY-INV-2020-7" },
    });
  });
});

describe("the casualty list of a report", () => {
  const list = [
    { name: "Li Si", outcome: "dead" as const, idNumber: "11010519491231002X" },
    { name: "Wang Wu", outcome: "seriously-injured" as const },
    { name: "Zhao Liu", outcome: "injured" as const },
    { name: "Sun Qi", outcome: "missing" as const },
  ];

  it("is kept on the report, with at most as many dead and seriously injured as the figures", () => {
    const [e] = eventsOf(given(accidentDecider).when(report({ casualties: list }), ctx(ACTORS.enterprise)));
    expect(e).toMatchObject({
      type: "AccidentReported",
      data: { deaths: 1, seriousInjuries: 2, casualties: list },
    });
    // fewer names than the figures: names may not all be known when the figures are
    const partial = eventsOf(
      given(accidentDecider).when(report({ casualties: list.slice(2) }), ctx(ACTORS.enterprise)),
    );
    expect(partial).toHaveLength(1);
    const tooMany = rejectionOf(
      given(accidentDecider).when(
        report({ casualties: [...list, { name: "Zhou Ba", outcome: "dead" }] }),
        ctx(ACTORS.enterprise),
      ),
    );
    expect(tooMany).toMatchObject({ code: "CASUALTY_LIST_EXCEEDS", field: "casualties" });
    expect(tooMany.message).toContain("names 2 dead, more than its 1 deaths");
    expect(errorTextIn(ACCIDENT_ERROR_TEXTS, tooMany as never, "zh-CN")).toContain(
      "列出死亡 2 人，多于死亡人数 1",
    );
    const injured = rejectionOf(
      given(accidentDecider).when(report({ seriousInjuries: 0, casualties: list }), ctx(ACTORS.enterprise)),
    );
    expect(injured.message).toContain("names 1 seriously injured, more than its 0 serious injuries");
  });

  it("holds revised and concluded figures to it", () => {
    const h = eventsOf(given(accidentDecider).when(report({ casualties: list }), ctx(ACTORS.enterprise)));
    const revise = (deaths: number, seriousInjuries: number) => ({
      type: "ReviseAccidentCasualties" as const,
      data: { accidentId: "A1", deaths, seriousInjuries, reason: "recounted" },
    });
    const down = rejectionOf(given(accidentDecider, h).when(revise(0, 2), at("2020-03-06T09:00:00+08:00")));
    expect(down).toMatchObject({ code: "CASUALTY_LIST_EXCEEDS", field: "deaths" });
    expect(
      eventsOf(given(accidentDecider, h).when(revise(2, 1), at("2020-03-06T09:00:00+08:00"))),
    ).toHaveLength(1);
    const conclude = rejectionOf(
      given(accidentDecider, h).when(
        {
          type: "ConcludeAccidentInvestigation",
          data: {
            accidentId: "A1",
            reportRef: "INV-1",
            cause: "no harness",
            liability: true,
            casualties: { deaths: 1, seriousInjuries: 0 },
          },
        },
        at("2020-03-10T09:00:00+08:00"),
      ),
    );
    expect(conclude).toMatchObject({ code: "CASUALTY_LIST_EXCEEDS", field: "casualties.seriousInjuries" });
  });

  it("is replaced by a revision's new list, held to the revised figures; old revisions still decode", () => {
    const h = eventsOf(given(accidentDecider).when(report({ casualties: list }), ctx(ACTORS.enterprise)));
    const when = at("2020-03-06T09:00:00+08:00");
    const revise = (deaths: number, seriousInjuries: number, casualties?: Array<(typeof list)[number]>) => ({
      type: "ReviseAccidentCasualties" as const,
      data: {
        accidentId: "A1",
        deaths,
        seriousInjuries,
        reason: "the missing person was found dead",
        ...(casualties === undefined ? {} : { casualties }),
      },
    });
    const found = [
      list[0]!,
      list[1]!,
      list[2]!,
      { name: "Sun Qi", outcome: "dead" as const, idNumber: "11010519491231002X" },
    ];
    // the new list names 2 dead: within the revised figure of 2, not the old one of 1
    const [revised] = eventsOf(given(accidentDecider, h).when(revise(2, 2, found), when));
    expect(revised).toMatchObject({
      type: "AccidentCasualtiesRevised",
      data: { to: { deaths: 2 }, casualties: found },
    });
    const state = [...h, revised!].reduce(evolveAccident, initialAccidentState);
    expect(state).toMatchObject({ listed: { dead: 2, "seriously-injured": 1, injured: 1, missing: 0 } });
    // a list over the revised figures is refused, naming the list
    const over = rejectionOf(given(accidentDecider, h).when(revise(1, 2, found), when));
    expect(over).toMatchObject({ code: "CASUALTY_LIST_EXCEEDS", field: "casualties" });
    expect(over.message).toContain("names 2 dead, more than its 1 deaths");
    // the same figures with a new list is a change; the same figures alone is not
    expect(eventsOf(given(accidentDecider, h).when(revise(1, 2, list.slice(1)), when))).toHaveLength(1);
    expect(rejectionOf(given(accidentDecider, h).when(revise(1, 2), when))).toMatchObject({
      code: "NO_CHANGE",
    });
    // a revision without a list keeps the report's: its counts stay
    const [figuresOnly] = eventsOf(given(accidentDecider, h).when(revise(3, 2), when));
    expect(figuresOnly!.data).not.toHaveProperty("casualties");
    expect([...h, figuresOnly!].reduce(evolveAccident, initialAccidentState)).toMatchObject({
      listed: { dead: 1, "seriously-injured": 1, injured: 1, missing: 1 },
    });
    expect(AccidentCasualtiesRevised.codec.is(figuresOnly!.data)).toBe(true);
    // a malformed ID number in the new list is refused by the command's decoder
    const decodeRevision = (casualties: unknown) =>
      accidentCommandCodecs.ReviseAccidentCasualties.is({ ...revise(2, 2).data, casualties });
    expect(decodeRevision(found)).toBe(true);
    expect(decodeRevision([{ name: "Li Si", outcome: "dead", idNumber: "110105194912310021" }])).toBe(false);
  });

  it("wants a name and a well-formed ID number; reports stored before the list still decode", () => {
    const decode = (casualties: unknown) =>
      accidentCommandCodecs.ReportAccident.is({ ...report().data, casualties });
    expect(decode(list)).toBe(true);
    expect(decode([{ name: " ", outcome: "dead" }])).toBe(false);
    expect(decode([{ name: "Li Si", outcome: "burnt" }])).toBe(false);
    expect(decode([{ name: "Li Si", outcome: "dead", idNumber: "110105194912310021" }])).toBe(false);
    const [e] = eventsOf(given(accidentDecider).when(report(), ctx(ACTORS.enterprise)));
    expect(e!.data).not.toHaveProperty("casualties");
    expect(AccidentReported.codec.is(e!.data)).toBe(true);
  });
});
