/** Who may issue each accident command, as data; the decider checks the conditions. */
import type * as E from "fp-ts/lib/Either.js";
import type { CommandContext } from "../kernel/decider";
import type { PermissionDenied } from "../kernel/errors";
import { checkRole, type PermissionRule } from "../kernel/permissions";

export const accidentPermissions: ReadonlyArray<PermissionRule> = [
  {
    command: "ReportAccident",
    roles: ["enterprise", "lead-group", "office", "department"],
    condition:
      "an enterprise only for itself (actor unit = entity id); a department only for an entity it supervises (any department for an accident without an entity)",
  },
  {
    command: "ReviseAccidentCasualties",
    roles: ["enterprise", "lead-group", "office", "department"],
    condition:
      "the same scope as the report; within 30 days of the accident (7 for road traffic and fire); not after the investigation is concluded",
  },
  {
    command: "ConcludeAccidentInvestigation",
    roles: ["lead-group", "office", "department"],
    condition:
      "a department only for an entity it supervises; with `casualties`, the figures the investigation established (the only change of casualties after the revision window)",
  },
  {
    command: "CorrectAccidentReport",
    roles: ["enterprise", "lead-group", "office", "department"],
    condition:
      "the unit that entered the report, or a unit above it (its supervising department, office, lead group); not after the investigation is concluded",
  },
  {
    command: "WithdrawAccidentReport",
    roles: ["enterprise", "lead-group", "office", "department"],
    condition:
      "the unit that entered the report, or a unit above it; not after the investigation is concluded",
  },
];

export const mayIssueAccident = (
  command: string,
  context: CommandContext,
): E.Either<PermissionDenied, void> => checkRole(accidentPermissions, command, context);
