import { describe, expect, it } from "vitest";
import { ACTORS, ctx, entityE1, eventsOf, given, rejectionOf } from "../testing";
import { createRiskDecider, ENTITY_KEY, riskDecider } from "./decider";
import type { RiskEvent } from "./events";
import { currentRiskLevel, evolveRisk, initialRiskState } from "./state";

const identified: RiskEvent = {
  type: "RiskIdentified",
  data: {
    riskId: "R1",
    entityId: "E1",
    name: "Chlorine storage tank",
    location: null,
    description: null,
    on: "2020-07-10",
    by: { ...ACTORS.enterprise },
  },
};
const ids = { riskId: "R1", entityId: "E1" };
const controls = { measures: ["gas detectors", "daily patrol"], responsiblePerson: { name: "Li Na" } };
const assess = (data: object) => ({
  type: "AssessRisk" as const,
  data: { ...ids, stage: "initial" as const, ...data },
});

describe("risk", () => {
  it("the enterprise identifies a risk at itself; another enterprise or department may not", () => {
    const cmd = { type: "IdentifyRisk" as const, data: { ...ids, name: "Chlorine storage tank" } };
    expect(eventsOf(given(riskDecider).when(cmd, ctx(ACTORS.enterprise)))[0]?.type).toBe("RiskIdentified");
    expect(rejectionOf(given(riskDecider).when(cmd, ctx(ACTORS.otherEnterprise))).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(given(riskDecider).when(cmd, ctx(ACTORS.otherDepartment))).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(given(riskDecider).when(cmd, ctx(ACTORS.agency))).code).toBe("PERMISSION_DENIED");
    expect(rejectionOf(given(riskDecider, [identified]).when(cmd, ctx(ACTORS.enterprise))).code).toBe(
      "RISK_ALREADY_IDENTIFIED",
    );
    expect(rejectionOf(given(riskDecider).when(cmd, ctx(ACTORS.enterprise, undefined, {}))).code).toBe(
      "ENTITY_NOT_REGISTERED",
    );
  });
  it("grades by LEC and records who assessed", () => {
    const [e] = eventsOf(
      given(riskDecider, [identified]).when(assess({ lec: { l: 1, e: 10, c: 7 } }), ctx(ACTORS.enterprise)),
    );
    expect(e).toMatchObject({
      type: "RiskAssessed",
      data: { level: "general", colour: "yellow", assessedBy: "enterprise", lec: { d: 70 } },
    });
    const [g] = eventsOf(
      given(riskDecider, [identified]).when(
        assess({ matrix: { likelihood: 1, severity: 2 } }),
        ctx(ACTORS.department),
      ),
    );
    expect(g).toMatchObject({ data: { level: "low", assessedBy: "government" } });
  });
  it("with both methods the stricter grade wins", () => {
    const r = given(riskDecider, [identified]).when(
      assess({ lec: { l: 1, e: 10, c: 7 }, matrix: { likelihood: 5, severity: 4 }, controls }),
      ctx(ACTORS.enterprise),
    );
    expect(eventsOf(r).find((e) => e.type === "RiskAssessed")).toMatchObject({
      data: { level: "major", colour: "red" },
    });
  });
  it("a major or larger risk needs control measures and a named responsible person", () => {
    const bare = assess({ lec: { l: 6, e: 6, c: 7 } });
    expect(rejectionOf(given(riskDecider, [identified]).when(bare, ctx(ACTORS.enterprise))).code).toBe(
      "CONTROLS_REQUIRED",
    );
    const events = eventsOf(
      given(riskDecider, [identified]).when(
        assess({ lec: { l: 6, e: 6, c: 7 }, controls }),
        ctx(ACTORS.enterprise),
      ),
    );
    expect(events.map((e) => e.type)).toEqual(["RiskControlsSet", "RiskAssessed"]);
  });
  it("rejects an assessment without a method, a residual before an initial, a cell off the matrix", () => {
    expect(rejectionOf(given(riskDecider, [identified]).when(assess({}), ctx(ACTORS.enterprise))).code).toBe(
      "METHOD_REQUIRED",
    );
    const residual = {
      type: "AssessRisk" as const,
      data: { ...ids, stage: "residual" as const, lec: { l: 1, e: 1, c: 1 } },
    };
    expect(rejectionOf(given(riskDecider, [identified]).when(residual, ctx(ACTORS.enterprise))).code).toBe(
      "INITIAL_ASSESSMENT_REQUIRED",
    );
    const small = createRiskDecider({
      lec: { bands: [], lowerBoundInclusive: true },
      matrix: { size: 3, bands: [], lowerBoundInclusive: true },
    });
    expect(
      rejectionOf(
        given(small, [identified]).when(
          assess({ matrix: { likelihood: 4, severity: 1 } }),
          ctx(ACTORS.enterprise),
        ),
      ).code,
    ).toBe("MATRIX_OUT_OF_RANGE");
  });
  it("keeps initial and residual assessments; a reassessment needs a reason and clears the residual", () => {
    const h1 = eventsOf(
      given(riskDecider, [identified]).when(
        assess({ lec: { l: 6, e: 6, c: 7 }, controls }),
        ctx(ACTORS.enterprise),
      ),
    );
    const residual = {
      type: "AssessRisk" as const,
      data: { ...ids, stage: "residual" as const, lec: { l: 1, e: 6, c: 7 } },
    };
    const h2 = eventsOf(given(riskDecider, [identified, ...h1]).when(residual, ctx(ACTORS.enterprise)));
    const s2 = [identified, ...h1, ...h2].reduce(evolveRisk, initialRiskState);
    expect(s2).toMatchObject({ initial: { level: "larger" }, residual: { level: "low" } });
    expect(currentRiskLevel(s2)).toBe("low");
    expect(
      rejectionOf(
        given(riskDecider, [identified, ...h1, ...h2]).when(
          assess({ lec: { l: 1, e: 1, c: 1 } }),
          ctx(ACTORS.enterprise),
        ),
      ).code,
    ).toBe("REASON_REQUIRED");
    const h3 = eventsOf(
      given(riskDecider, [identified, ...h1, ...h2]).when(
        assess({ lec: { l: 3, e: 6, c: 7 }, reason: "new process" }),
        ctx(ACTORS.department),
      ),
    );
    const s3 = [identified, ...h1, ...h2, ...h3].reduce(evolveRisk, initialRiskState);
    expect(s3).toMatchObject({ initial: { level: "general", reassessment: true }, residual: null });
    expect(s3.status !== "None" && s3.assessments.length).toBe(3);
  });
  it("retired is final; a closed entity takes no new risks", () => {
    const retired = eventsOf(
      given(riskDecider, [identified]).when(
        { type: "RetireRisk", data: { ...ids, reason: "tank removed" } },
        ctx(ACTORS.enterprise),
      ),
    );
    expect(
      rejectionOf(
        given(riskDecider, [identified, ...retired]).when(
          assess({ lec: { l: 1, e: 1, c: 1 } }),
          ctx(ACTORS.enterprise),
        ),
      ).code,
    ).toBe("RISK_RETIRED");
    const closedEntity = { ...(entityE1() as object), status: "Closed" };
    const cmd = { type: "IdentifyRisk" as const, data: { ...ids, name: "x" } };
    expect(
      rejectionOf(
        given(riskDecider).when(cmd, ctx(ACTORS.enterprise, undefined, { [ENTITY_KEY]: closedEntity })),
      ).code,
    ).toBe("ENTITY_CLOSED");
    expect(
      rejectionOf(
        given(riskDecider, [identified]).when(
          { type: "SetRiskControls", data: { riskId: "R1", entityId: "E2", ...controls } },
          ctx(ACTORS.office),
        ),
      ).code,
    ).toBe("ENTITY_NOT_REGISTERED");
  });
  it("rejects a risk command naming a different entity than the risk's", () => {
    const other = { ...(entityE1() as object), entityId: "E2" };
    const cmd = { type: "SetRiskControls" as const, data: { riskId: "R1", entityId: "E2", ...controls } };
    expect(
      rejectionOf(
        given(riskDecider, [identified]).when(cmd, ctx(ACTORS.office, undefined, { [ENTITY_KEY]: other })),
      ).code,
    ).toBe("WRONG_ENTITY");
  });
});
