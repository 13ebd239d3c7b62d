import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { entityAggregate } from "../supervision/aggregates";
import { ACTORS, AT, registerE1 } from "../supervision/testing";
import { createCommandHandler, readStreamEvents } from "./command-handler";
import { createMemoryStore } from "./memory-store";

const register = (principalPhone: string, address: string) => ({
  commandId: "c1",
  actor: ACTORS.department,
  occurredAt: AT,
  command: {
    ...registerE1,
    data: { ...registerE1.data, principal: { name: "Wang Wei", phone: principalPhone }, address },
  },
});

describe("free text screened by the command handler", () => {
  it("appends and warns, masked, when free text holds a mobile number", async () => {
    const store = createMemoryStore();
    const outcome = await createCommandHandler(store)(
      entityAggregate,
      register("13900001111", "利州区，联系13812345678"),
    );
    expect(E.isRight(outcome) && outcome.right.warnings).toEqual([
      expect.objectContaining({
        eventType: "EntityRegistered",
        path: "address",
        kind: "mobile-number",
        masked: "138****5678",
      }),
    ]);
    expect(await readStreamEvents(store, "entity-E1")).toHaveLength(1);
  });

  it("does not warn about a registered personal field (the principal's phone)", async () => {
    const outcome = await createCommandHandler(createMemoryStore())(
      entityAggregate,
      register("13900001111", "利州区"),
    );
    expect(E.isRight(outcome) && "warnings" in outcome.right).toBe(false);
  });

  it("refuses in a strict policy, appending nothing, without repeating the number", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store, { policy: { refusePersonalNumbersInFreeText: true } });
    const outcome = await handle(entityAggregate, register("13900001111", "身份证11010519491231002X"));
    expect(E.isLeft(outcome) && outcome.left.code).toBe("PERSONAL_NUMBER_IN_FREE_TEXT");
    expect(E.isLeft(outcome) && outcome.left.message).toContain("110105********002X");
    expect(E.isLeft(outcome) && outcome.left.message).not.toContain("11010519491231002X");
    expect(await readStreamEvents(store, "entity-E1")).toEqual([]);
  });
});
