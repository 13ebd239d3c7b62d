import { describe, expect, it } from "vitest";
import { type CampaignAggregateEvent, campaignDecider, currentMembers } from "../index";
import { codeOf, context, dept, given, LEAD_GROUP, OFFICE, referenceLaunch } from "../testing";

const launched: CampaignAggregateEvent = {
  type: "CampaignLaunched",
  data: {
    campaignId: "GY",
    name: referenceLaunch.data.name,
    start: "2020-04-01",
    end: "2022-12-31",
    stages: [
      { key: "mobilisation", name: "动员部署", start: "2020-04-01", end: "2020-05-31" },
      { key: "investigation", name: "排查整治", start: "2020-06-01", end: "2020-12-31" },
      { key: "tackling", name: "集中攻坚", start: "2021-01-01", end: "2021-12-31" },
      { key: "consolidation", name: "巩固提升", start: "2022-01-01", end: "2022-12-31" },
    ],
    on: "2020-04-01",
  },
};
const advanced = (from: string, to: string, on: string): CampaignAggregateEvent => ({
  type: "StageAdvanced",
  data: { campaignId: "GY", from, to, on },
});
const allStages = [
  launched,
  advanced("mobilisation", "investigation", "2020-06-01"),
  advanced("investigation", "tackling", "2021-01-01"),
  advanced("tackling", "consolidation", "2022-01-01"),
];
const spec = given(campaignDecider);
const withStages = (stages: ReadonlyArray<{ key: string; start: string; end: string }>) => ({
  ...referenceLaunch,
  data: { ...referenceLaunch.data, stages: stages.map((s) => ({ ...s })) },
});
const stages = referenceLaunch.data.stages;

describe("LaunchCampaign", () => {
  it("launches the reference campaign in its first stage, with the stage names as data", () => {
    const result = spec([]).when(referenceLaunch, context(LEAD_GROUP, "2020-04-01"));
    expect(result).toEqual({ _tag: "Right", right: [launched] });
    expect(spec([launched]).state).toMatchObject({ status: "Running", currentStage: 0 });
  });
  it("is for the lead group or its office only", () => {
    expect(codeOf(spec([]).when(referenceLaunch, context(dept("GY-EIB"), "2020-04-01")))).toBe(
      "PERMISSION_DENIED",
    );
    expect(codeOf(spec([]).when(referenceLaunch, context(OFFICE, "2020-04-01")))).toBe("OK");
  });
  it("happens once", () => {
    expect(codeOf(spec([launched]).when(referenceLaunch, context(OFFICE, "2020-04-02")))).toBe(
      "CAMPAIGN_ALREADY_LAUNCHED",
    );
  });
  it("needs a span that ends after it starts", () => {
    const bad = { ...referenceLaunch, data: { ...referenceLaunch.data, end: "2020-03-01" } };
    expect(codeOf(spec([]).when(bad, context(OFFICE, "2020-04-01")))).toBe("CAMPAIGN_SPAN_INVALID");
  });
  it("needs exactly four stages", () => {
    expect(codeOf(spec([]).when(withStages(stages.slice(0, 3)), context(OFFICE, "2020-04-01")))).toBe(
      "STAGE_COUNT",
    );
  });
  it("needs the stages in their fixed order", () => {
    const swapped = [stages[1]!, stages[0]!, stages[2]!, stages[3]!];
    expect(codeOf(spec([]).when(withStages(swapped), context(OFFICE, "2020-04-01")))).toBe("STAGE_ORDER");
  });
  it("needs each stage to end on or after it starts", () => {
    const bad = stages.map((s, i) => (i === 0 ? { ...s, end: "2020-03-31" } : s));
    expect(codeOf(spec([]).when(withStages(bad), context(OFFICE, "2020-04-01")))).toBe("STAGE_DATES_INVALID");
  });
  it("needs the stages inside the span", () => {
    const bad = stages.map((s, i) => (i === 3 ? { ...s, end: "2023-01-31" } : s));
    expect(codeOf(spec([]).when(withStages(bad), context(OFFICE, "2020-04-01")))).toBe("STAGE_OUTSIDE_SPAN");
  });
  it("needs contiguous stages, without gaps or overlaps", () => {
    const gap = stages.map((s, i) => (i === 1 ? { ...s, start: "2020-06-02" } : s));
    const overlap = stages.map((s, i) => (i === 1 ? { ...s, start: "2020-05-31" } : s));
    expect(codeOf(spec([]).when(withStages(gap), context(OFFICE, "2020-04-01")))).toBe(
      "STAGES_NOT_CONTIGUOUS",
    );
    expect(codeOf(spec([]).when(withStages(overlap), context(OFFICE, "2020-04-01")))).toBe("STAGES_OVERLAP");
  });
});

describe("AdvanceStage", () => {
  const advance = (stage: string) => ({ type: "AdvanceStage" as const, data: { campaignId: "GY", stage } });
  it("advances to the next stage", () => {
    expect(spec([launched]).when(advance("investigation"), context(OFFICE, "2020-06-01"))).toEqual({
      _tag: "Right",
      right: [advanced("mobilisation", "investigation", "2020-06-01")],
    });
  });
  it("never skips, repeats or goes back", () => {
    expect(codeOf(spec([launched]).when(advance("tackling"), context(OFFICE, "2020-06-01")))).toBe(
      "STAGE_SKIPPED",
    );
    expect(codeOf(spec([launched]).when(advance("mobilisation"), context(OFFICE, "2020-06-01")))).toBe(
      "STAGE_ALREADY_CURRENT",
    );
    expect(codeOf(spec(allStages).when(advance("investigation"), context(OFFICE, "2022-06-01")))).toBe(
      "STAGE_BACKWARDS",
    );
    expect(codeOf(spec([launched]).when(advance("harvest"), context(OFFICE, "2020-06-01")))).toBe(
      "UNKNOWN_STAGE",
    );
  });
  it("needs a launched, running campaign", () => {
    expect(codeOf(spec([]).when(advance("investigation"), context(OFFICE, "2020-06-01")))).toBe(
      "CAMPAIGN_NOT_LAUNCHED",
    );
    const concluded = [
      ...allStages,
      { type: "CampaignConcluded", data: { campaignId: "GY", summary: "", on: "2022-12-31" } } as const,
    ];
    expect(codeOf(spec(concluded).when(advance("investigation"), context(OFFICE, "2023-01-01")))).toBe(
      "CAMPAIGN_CONCLUDED",
    );
  });
  it("cannot happen before the campaign starts", () => {
    expect(codeOf(spec([launched]).when(advance("investigation"), context(OFFICE, "2020-03-01")))).toBe(
      "BEFORE_CAMPAIGN_START",
    );
  });
  it("is not for departments", () => {
    expect(
      codeOf(spec([launched]).when(advance("investigation"), context(dept("GY-EIB"), "2020-06-01"))),
    ).toBe("PERMISSION_DENIED");
  });
});

describe("ConcludeCampaign", () => {
  const conclude = { type: "ConcludeCampaign" as const, data: { campaignId: "GY", summary: "done" } };
  it("concludes from the last stage", () => {
    expect(spec(allStages).when(conclude, context(LEAD_GROUP, "2022-12-31"))).toEqual({
      _tag: "Right",
      right: [{ type: "CampaignConcluded", data: { campaignId: "GY", summary: "done", on: "2022-12-31" } }],
    });
  });
  it("only from the last stage", () => {
    expect(codeOf(spec([launched]).when(conclude, context(LEAD_GROUP, "2020-05-01")))).toBe(
      "CAMPAIGN_NOT_IN_LAST_STAGE",
    );
  });
  it("only by the lead group or office", () => {
    expect(codeOf(spec(allStages).when(conclude, context(dept("GY-EIB"), "2022-12-31")))).toBe(
      "PERMISSION_DENIED",
    );
  });
});

describe("lead group membership", () => {
  const appoint = (position: "leader" | "deputy" | "member", unit: string, person: string) => ({
    type: "AppointLeadGroupMember" as const,
    data: { campaignId: "GY", position, unit, person, title: "" },
  });
  const remove = (unit: string, person: string) => ({
    type: "RemoveLeadGroupMember" as const,
    data: { campaignId: "GY", unit, person, reason: "transferred" },
  });
  const run = (commands: ReadonlyArray<Parameters<typeof campaignDecider.decide>[0]>) => {
    const history: CampaignAggregateEvent[] = [launched];
    for (const c of commands) {
      const r = campaignDecider.decide(c, spec(history).state, context(OFFICE, "2020-07-14"));
      if (r._tag === "Left") throw new Error(r.left.code);
      history.push(...r.right);
    }
    return history;
  };
  it("records appointments and removals with their dates, keeping history", () => {
    const history = run([
      appoint("leader", "GY-GOV", "Mayor Zhang"),
      appoint("deputy", "GY-GOV", "Deputy Li"),
      appoint("member", "GY-EIB", "Director Chen"),
      remove("GY-GOV", "Mayor Zhang"),
      appoint("leader", "GY-GOV", "Mayor Zhao"),
    ]);
    const state = spec(history).state;
    expect(state.memberships).toHaveLength(4);
    expect(state.memberships[0]).toMatchObject({
      person: "Mayor Zhang",
      from: "2020-07-14",
      to: "2020-07-14",
    });
    expect(currentMembers(state).map((m) => m.person)).toEqual(["Deputy Li", "Director Chen", "Mayor Zhao"]);
  });
  it("has one leader at a time", () => {
    const history = run([appoint("leader", "GY-GOV", "Mayor Zhang")]);
    expect(
      codeOf(spec(history).when(appoint("leader", "GY-GOV", "Mayor Zhao"), context(OFFICE, "2020-07-15"))),
    ).toBe("LEADER_ALREADY_APPOINTED");
  });
  it("does not appoint a current member twice, nor a member unit twice", () => {
    const history = run([
      appoint("deputy", "GY-GOV", "Deputy Li"),
      appoint("member", "GY-EIB", "Director Chen"),
    ]);
    expect(
      codeOf(spec(history).when(appoint("member", "GY-GOV", "Deputy Li"), context(OFFICE, "2020-07-15"))),
    ).toBe("ALREADY_MEMBER");
    expect(
      codeOf(spec(history).when(appoint("member", "GY-EIB", "Deputy Chen"), context(OFFICE, "2020-07-15"))),
    ).toBe("UNIT_ALREADY_MEMBER");
  });
  it("removes only current members", () => {
    expect(codeOf(spec([launched]).when(remove("GY-GOV", "Nobody"), context(OFFICE, "2020-07-15")))).toBe(
      "NOT_A_MEMBER",
    );
  });
  it("needs a launched campaign and the lead group or office", () => {
    expect(
      codeOf(spec([]).when(appoint("leader", "GY-GOV", "Mayor Zhang"), context(OFFICE, "2020-07-15"))),
    ).toBe("CAMPAIGN_NOT_LAUNCHED");
    expect(
      codeOf(
        spec([launched]).when(
          appoint("leader", "GY-GOV", "Mayor Zhang"),
          context(dept("GY-EIB"), "2020-07-15"),
        ),
      ),
    ).toBe("PERMISSION_DENIED");
  });
});
