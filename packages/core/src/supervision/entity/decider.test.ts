import { describe, expect, it } from "vitest";
import { ACTORS, AT, ctx, entityRegisteredE1, eventsOf, given, registerE1, rejectionOf } from "../testing";
import { entityDecider } from "./decider";
import type { EntityEvent } from "./events";
import { evolveEntity, initialEntityState } from "./state";

const noRelated = (actor: (typeof ACTORS)[keyof typeof ACTORS]) => ctx(actor, AT, {});
const activated: EntityEvent = {
  type: "EntityActivated",
  data: { entityId: "E1", on: "2020-07-02", by: { ...ACTORS.department } },
};
const suspended: EntityEvent = {
  type: "EntitySuspended",
  data: { entityId: "E1", reason: "rectification order", on: "2020-07-03", by: { ...ACTORS.department } },
};

describe("supervised entity", () => {
  it("the supervising department registers an entity with one sector, district and department", () => {
    const [e] = eventsOf(given(entityDecider).when(registerE1, noRelated(ACTORS.department)));
    expect(e).toMatchObject({
      type: "EntityRegistered",
      data: { sector: "hazardous-chemicals", district: "lizhou", on: "2020-07-14" },
    });
  });
  it("rejects a second registration, an unknown sector and an unknown district", () => {
    expect(
      rejectionOf(given(entityDecider, [entityRegisteredE1]).when(registerE1, noRelated(ACTORS.office))).code,
    ).toBe("ENTITY_ALREADY_REGISTERED");
    const bad = (data: object) =>
      given(entityDecider).when(
        { ...registerE1, data: { ...registerE1.data, ...data } },
        noRelated(ACTORS.office),
      );
    expect(rejectionOf(bad({ sector: "banking" })).code).toBe("UNKNOWN_SECTOR");
    expect(rejectionOf(bad({ district: "chengdu" })).code).toBe("UNKNOWN_DISTRICT");
  });
  it("a department may not register an entity for another department; an enterprise may not register", () => {
    expect(rejectionOf(given(entityDecider).when(registerE1, noRelated(ACTORS.otherDepartment))).code).toBe(
      "PERMISSION_DENIED",
    );
    expect(rejectionOf(given(entityDecider).when(registerE1, noRelated(ACTORS.enterprise))).code).toBe(
      "PERMISSION_DENIED",
    );
  });
  it("Registered → Active ⇄ Suspended → Closed", () => {
    const c = ctx(ACTORS.department);
    expect(
      eventsOf(
        given(entityDecider, [entityRegisteredE1]).when(
          { type: "ActivateEntity", data: { entityId: "E1" } },
          c,
        ),
      )[0]?.type,
    ).toBe("EntityActivated");
    const h = [entityRegisteredE1, activated];
    expect(
      eventsOf(
        given(entityDecider, h).when({ type: "SuspendEntity", data: { entityId: "E1", reason: "r" } }, c),
      )[0]?.type,
    ).toBe("EntitySuspended");
    expect(
      eventsOf(
        given(entityDecider, [...h, suspended]).when({ type: "ResumeEntity", data: { entityId: "E1" } }, c),
      )[0]?.type,
    ).toBe("EntityResumed");
    const closed = eventsOf(
      given(entityDecider, [...h, suspended]).when(
        { type: "CloseEntity", data: { entityId: "E1", reason: "r" } },
        c,
      ),
    );
    expect(closed[0]?.type).toBe("EntityClosed");
    const after = [...h, suspended, ...closed];
    expect(
      rejectionOf(given(entityDecider, after).when({ type: "ResumeEntity", data: { entityId: "E1" } }, c))
        .code,
    ).toBe("ENTITY_CLOSED");
  });
  it("rejects transitions from the wrong state and commands on an unregistered entity", () => {
    const c = ctx(ACTORS.department);
    expect(
      rejectionOf(
        given(entityDecider, [entityRegisteredE1]).when(
          { type: "SuspendEntity", data: { entityId: "E1", reason: "r" } },
          c,
        ),
      ).code,
    ).toBe("ENTITY_WRONG_STATE");
    expect(
      rejectionOf(
        given(entityDecider, [entityRegisteredE1, activated]).when(
          { type: "ResumeEntity", data: { entityId: "E1" } },
          c,
        ),
      ).code,
    ).toBe("ENTITY_WRONG_STATE");
    expect(
      rejectionOf(given(entityDecider).when({ type: "ActivateEntity", data: { entityId: "E1" } }, c)).code,
    ).toBe("ENTITY_NOT_REGISTERED");
  });
  it("only the supervising department (or the office) changes the entity's state", () => {
    const r = given(entityDecider, [entityRegisteredE1]).when(
      { type: "ActivateEntity", data: { entityId: "E1" } },
      ctx(ACTORS.otherDepartment),
    );
    expect(rejectionOf(r).code).toBe("PERMISSION_DENIED");
    const ok = given(entityDecider, [entityRegisteredE1]).when(
      { type: "ActivateEntity", data: { entityId: "E1" } },
      ctx(ACTORS.office),
    );
    expect(eventsOf(ok)).toHaveLength(1);
  });
  it("the enterprise changes its own safety manager; the change is kept with history", () => {
    const cmd = {
      type: "ChangeSafetyManager" as const,
      data: { entityId: "E1", safetyManager: { name: "Zhou Qiang" }, reason: "Li Na retired" },
    };
    const events = eventsOf(
      given(entityDecider, [entityRegisteredE1, activated]).when(cmd, ctx(ACTORS.enterprise)),
    );
    const state = [entityRegisteredE1, activated, ...events].reduce(evolveEntity, initialEntityState);
    expect(state).toMatchObject({
      safetyManager: { name: "Zhou Qiang" },
      history: [{ field: "safetyManager", from: "Li Na", to: "Zhou Qiang" }],
    });
    expect(
      rejectionOf(given(entityDecider, [entityRegisteredE1]).when(cmd, ctx(ACTORS.otherEnterprise))).code,
    ).toBe("PERMISSION_DENIED");
    const same = { ...cmd, data: { ...cmd.data, safetyManager: { name: "Li Na" } } };
    expect(
      rejectionOf(given(entityDecider, [entityRegisteredE1]).when(same, ctx(ACTORS.enterprise))).code,
    ).toBe("NO_CHANGE");
  });
  it("the principal person changes with history", () => {
    const cmd = {
      type: "ChangePrincipal" as const,
      data: { entityId: "E1", principal: { name: "Ma Jun" }, reason: "new chairman" },
    };
    const events = eventsOf(given(entityDecider, [entityRegisteredE1]).when(cmd, ctx(ACTORS.department)));
    expect(events[0]).toMatchObject({
      type: "PrincipalChanged",
      data: { from: { name: "Wang Wei" }, to: { name: "Ma Jun" } },
    });
  });
  it("the office reclassifies and transfers supervision; a department may not", () => {
    const re = {
      type: "ReclassifyEntity" as const,
      data: { entityId: "E1", district: "zhaohua", reason: "moved" },
    };
    expect(
      eventsOf(given(entityDecider, [entityRegisteredE1]).when(re, ctx(ACTORS.office)))[0],
    ).toMatchObject({
      data: { to: { sector: "hazardous-chemicals", district: "zhaohua" } },
    });
    expect(
      rejectionOf(given(entityDecider, [entityRegisteredE1]).when(re, ctx(ACTORS.department))).code,
    ).toBe("PERMISSION_DENIED");
    expect(
      rejectionOf(
        given(entityDecider, [entityRegisteredE1]).when(
          { ...re, data: { ...re.data, district: "mars" } },
          ctx(ACTORS.office),
        ),
      ).code,
    ).toBe("UNKNOWN_DISTRICT");
    const tr = {
      type: "TransferSupervision" as const,
      data: { entityId: "E1", supervisingDepartment: "GY-HOUSING", reason: "reorg" },
    };
    const ev = eventsOf(given(entityDecider, [entityRegisteredE1]).when(tr, ctx(ACTORS.office)));
    const state = [entityRegisteredE1, ...ev].reduce(evolveEntity, initialEntityState);
    expect(state).toMatchObject({
      supervisingDepartment: "GY-HOUSING",
      history: [{ field: "supervisingDepartment" }],
    });
  });
});

describe("correcting an entity's details", () => {
  const correct = (data: Record<string, unknown>) => ({
    type: "CorrectEntityDetails" as const,
    data: { entityId: "E1", reason: "misspelt on registration", ...data },
  });

  it("records each corrected field, and the list shows the new name", () => {
    const events = eventsOf(
      given(entityDecider, [entityRegisteredE1]).when(
        correct({ name: "利州化工有限公司", address: "东坝 1 号" }),
        ctx(ACTORS.department),
      ),
    );
    expect(events[0]).toMatchObject({
      type: "EntityDetailsCorrected",
      data: { to: { name: "利州化工有限公司", address: "东坝 1 号" } },
    });
    const state = [entityRegisteredE1, ...events].reduce(evolveEntity, initialEntityState);
    expect(state).toMatchObject({ name: "利州化工有限公司", address: "东坝 1 号" });
    expect(state.status !== "Unregistered" && state.history.map((h) => h.field)).toEqual(["name", "address"]);
  });

  it("is refused without a change, and to a department that does not supervise the entity", () => {
    expect(
      rejectionOf(given(entityDecider, [entityRegisteredE1]).when(correct({}), ctx(ACTORS.department))).code,
    ).toBe("NO_CHANGE");
    expect(
      rejectionOf(
        given(entityDecider, [entityRegisteredE1]).when(correct({ name: "X" }), ctx(ACTORS.otherDepartment)),
      ).code,
    ).toBe("PERMISSION_DENIED");
  });
});
