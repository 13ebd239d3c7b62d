/** Test helpers of the supervision and accidents contexts (actors, contexts, given/when/then). */
import * as E from "fp-ts/lib/Either.js";
import type { CommandContext, Decider, Rejection } from "../kernel/decider";
import { fold } from "../kernel/decider";
import type { Actor } from "../kernel/envelope";
import { entityDecider } from "./entity/decider";
import type { EntityEvent } from "./entity/events";
import type { EntityState } from "./entity/state";
import { ENTITY_KEY } from "./risk/decider";

export const AT = "2020-07-14T09:00:00+08:00";

export const ACTORS = {
  enterprise: { unit: "E1", role: "enterprise", person: "Wang Wei" },
  enterpriseColleague: { unit: "E1", role: "enterprise", person: "Li Na" },
  otherEnterprise: { unit: "E2", role: "enterprise", person: "Zhao Lei" },
  department: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
  departmentColleague: { unit: "GY-EMB", role: "department", person: "Sun Hao" },
  otherDepartment: { unit: "GY-HOUSING", role: "department", person: "Liu Yang" },
  office: { unit: "GY-SAFETY-OFFICE", role: "office", person: "Chen Jie" },
  leadGroup: { unit: "GY-LEAD", role: "lead-group", person: "Mayor" },
  agency: { unit: "AG-SC-01", role: "agency", person: "Expert Hu" },
} as const satisfies Record<string, Actor>;

export const registerE1 = {
  type: "RegisterEntity" as const,
  data: {
    entityId: "E1",
    name: "Guangyuan Example Chemical Co. (illustrative)",
    sector: "hazardous-chemicals",
    district: "lizhou",
    supervisingDepartment: "GY-EMB",
    principal: { name: "Wang Wei" },
    safetyManager: { name: "Li Na" },
  },
};

export const entityRegisteredE1: Extract<EntityEvent, { type: "EntityRegistered" }> = {
  type: "EntityRegistered",
  data: {
    ...registerE1.data,
    address: null,
    creditCode: null,
    on: "2020-07-01",
    by: { ...ACTORS.department },
  },
};

/** The folded state of entity E1 (registered, then activated unless told otherwise). */
export const entityE1 = (active = true): EntityState =>
  fold(
    entityDecider.evolve,
    entityDecider.initialState,
  )([
    entityRegisteredE1,
    ...(active
      ? [
          {
            type: "EntityActivated",
            data: { entityId: "E1", on: "2020-07-02", by: { ...ACTORS.department } },
          } as EntityEvent,
        ]
      : []),
  ]);

export const ctx = (
  actor: Actor,
  occurredAt: string = AT,
  related: Record<string, unknown> = { [ENTITY_KEY]: entityE1() },
): CommandContext => ({ actor, occurredAt, commandId: `cmd-${occurredAt}`, related });

/** Given a history, when a command, then events or a rejection. */
export const given = <C, S, Ev>(decider: Decider<C, S, Ev>, history: ReadonlyArray<Ev> = []) => ({
  when: (command: C, context: CommandContext) => {
    const state = fold(decider.evolve, decider.initialState)(history);
    return decider.decide(command, state, context);
  },
});

export const eventsOf = <Ev>(result: E.Either<Rejection, ReadonlyArray<Ev>>): ReadonlyArray<Ev> => {
  if (E.isLeft(result)) throw new Error(`expected events, got ${result.left.code}: ${result.left.message}`);
  return result.right;
};

export const rejectionOf = <Ev>(result: E.Either<Rejection, ReadonlyArray<Ev>>): Rejection => {
  if (E.isRight(result))
    throw new Error(
      `expected a rejection, got ${result.right.map((e) => (e as { type: string }).type).join(", ")}`,
    );
  return result.left;
};
