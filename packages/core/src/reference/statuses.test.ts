import { describe, expect, it } from "vitest";
import type { AccidentState } from "../accidents/state";
import { TASK_STATUSES, type TaskStatus } from "../campaign/task/state";
import type { EntityStatus } from "../supervision/entity/state";
import type { HazardStatus } from "../supervision/hazard/state";
import type { RiskStatus } from "../supervision/risk/state";
import {
  ACCIDENT_STATUSES,
  ENTITY_STATUSES,
  HAZARD_STATUSES,
  RISK_STATUSES,
  type StatusDefinition,
  TASK_STATUS_NAMES,
} from "./statuses";

/** Every member of a state union, once: the compiler refuses a missing or an extra key. */
const all = <S extends string>(members: Record<S, true>): string[] => Object.keys(members).sort();
const keys = (list: ReadonlyArray<StatusDefinition>) => list.map((s) => s.key).sort();

describe("status names", () => {
  it("name every state of every list, and nothing else", () => {
    expect(keys(TASK_STATUS_NAMES)).toEqual(
      all<TaskStatus>({
        Assigned: true,
        InProgress: true,
        CompletionReported: true,
        Verified: true,
        Cancelled: true,
      }),
    );
    expect(keys(TASK_STATUS_NAMES)).toEqual([...TASK_STATUSES].sort());
    expect(keys(ENTITY_STATUSES)).toEqual(
      all<EntityStatus>({ Registered: true, Active: true, Suspended: true, Closed: true }),
    );
    expect(keys(RISK_STATUSES)).toEqual(all<RiskStatus>({ Identified: true, Assessed: true, Retired: true }));
    expect(keys(HAZARD_STATUSES)).toEqual(
      all<HazardStatus>({
        Registered: true,
        Reported: true,
        Planned: true,
        Remediating: true,
        Rectified: true,
        Evaluated: true,
        AcceptanceApplied: true,
        Closed: true,
      }),
    );
    type AccidentStatus = Exclude<AccidentState["status"], "None">;
    expect(keys(ACCIDENT_STATUSES)).toEqual(
      all<AccidentStatus>({ Reported: true, Concluded: true, Withdrawn: true }),
    );
  });
});
