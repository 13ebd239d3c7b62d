/**
 * Who may issue each command of the campaign context, as data. `checkRole` enforces the
 * roles; the deciders enforce each condition (stated here in words) against their state.
 */
import * as E from "fp-ts/lib/Either.js";
import type { CommandContext } from "../kernel/decider";
import type { PermissionDenied } from "../kernel/errors";
import type { PermissionReason } from "../kernel/permission-texts";
import { checkRole, deniedBecause, type PermissionRule } from "../kernel/permissions";

const LEADERSHIP = ["lead-group", "office"] as const;

export const campaignPermissions: ReadonlyArray<PermissionRule> = [
  // campaign
  { command: "LaunchCampaign", roles: LEADERSHIP },
  { command: "AdvanceStage", roles: LEADERSHIP },
  { command: "ConcludeCampaign", roles: LEADERSHIP },
  { command: "AppointLeadGroupMember", roles: LEADERSHIP },
  { command: "RemoveLeadGroupMember", roles: LEADERSHIP },
  // workstream
  { command: "DefineWorkstream", roles: LEADERSHIP },
  { command: "ChangeWorkstreamUnits", roles: LEADERSHIP },
  {
    command: "ListWorkstreamElements",
    roles: ["lead-group", "office", "department"],
    condition: "a department only for a workstream its unit leads",
  },
  {
    command: "DelistWorkstreamElement",
    roles: ["lead-group", "office", "department"],
    condition: "a department only for a workstream its unit leads",
  },
  { command: "CloseWorkstream", roles: LEADERSHIP },
  // task element
  {
    command: "AssignTaskElement",
    roles: ["lead-group", "office", "department"],
    condition: "a department only for a workstream its unit leads",
  },
  {
    command: "StartTaskElement",
    roles: ["department"],
    condition: "the actor's unit is the element's lead unit",
  },
  {
    command: "ReportTaskProgress",
    roles: ["department"],
    condition: "the actor's unit is the element's lead unit",
  },
  {
    command: "ReportTaskCompletion",
    roles: ["department"],
    condition: "the actor's unit is the element's lead unit",
  },
  {
    command: "VerifyTaskCompletion",
    roles: ["office", "department"],
    condition:
      "a department only when its unit leads the element's workstream; never the element's lead unit (no self-verification)",
  },
  {
    command: "RejectTaskCompletion",
    roles: ["office", "department"],
    condition:
      "a department only when its unit leads the element's workstream; never the element's lead unit (no self-verification)",
  },
  {
    command: "RequestDeadlineExtension",
    roles: ["department"],
    condition: "the actor's unit is the element's lead unit",
  },
  {
    command: "GrantDeadlineExtension",
    roles: ["lead-group", "office", "department"],
    condition: "the actor's unit is the unit that assigned the element",
  },
  {
    command: "DenyDeadlineExtension",
    roles: ["lead-group", "office", "department"],
    condition: "the actor's unit is the unit that assigned the element",
  },
  { command: "CancelTaskElement", roles: LEADERSHIP, condition: "the actor is recorded as the approver" },
  { command: "EscalateTaskElement", roles: LEADERSHIP },
  // responsibility list
  { command: "PublishResponsibilityList", roles: LEADERSHIP },
  { command: "ReviseResponsibilityList", roles: LEADERSHIP },
  {
    command: "RecordDutyPerformance",
    roles: ["lead-group", "office", "department", "enterprise"],
    condition: "the actor's unit is the subject unit of the duty",
  },
];

/** The role check of a command against `campaignPermissions`. */
export const mayIssue = (command: string, context: CommandContext): E.Either<PermissionDenied, void> =>
  checkRole(campaignPermissions, command, context);

/** A failed permission condition, naming the actor and the reason. */
export const denied = (command: string, context: CommandContext, why: PermissionReason): PermissionDenied =>
  deniedBecause(command, context, why);

export const deny = <A>(
  command: string,
  context: CommandContext,
  why: PermissionReason,
): E.Either<PermissionDenied, A> => E.left(denied(command, context, why));
