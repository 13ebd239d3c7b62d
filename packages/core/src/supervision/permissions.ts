/**
 * Who may issue each command of the supervision context, as data. `checkRole` enforces the
 * roles; the deciders enforce each condition (stated here in words) against the entity that
 * the command is about (read through `related`).
 */
import * as E from "fp-ts/lib/Either.js";
import type { CommandContext } from "../kernel/decider";
import type { PermissionDenied } from "../kernel/errors";
import { because, type PermissionReason } from "../kernel/permission-texts";
import { checkRole, deniedBecause, type PermissionRule } from "../kernel/permissions";

const GOVERNMENT = ["lead-group", "office", "department"] as const;
const OWN =
  "an enterprise only for itself (actor unit = entity id); a department only for an entity it supervises";
const SUPERVISING = "a department only for an entity it supervises";

export const supervisionPermissions: ReadonlyArray<PermissionRule> = [
  // supervised entity (real-name list)
  {
    command: "RegisterEntity",
    roles: ["office", "department"],
    condition: "a department only for an entity it will supervise",
  },
  { command: "ActivateEntity", roles: ["office", "department"], condition: SUPERVISING },
  { command: "SuspendEntity", roles: ["office", "department"], condition: SUPERVISING },
  { command: "ResumeEntity", roles: ["office", "department"], condition: SUPERVISING },
  { command: "CloseEntity", roles: ["office", "department"], condition: SUPERVISING },
  { command: "ChangeSafetyManager", roles: ["enterprise", "office", "department"], condition: OWN },
  { command: "ChangePrincipal", roles: ["enterprise", "office", "department"], condition: OWN },
  { command: "ReclassifyEntity", roles: ["office"] },
  { command: "TransferSupervision", roles: ["office"] },
  { command: "CorrectEntityDetails", roles: ["office", "department"], condition: SUPERVISING },
  // risk
  { command: "IdentifyRisk", roles: ["enterprise", "office", "department"], condition: OWN },
  { command: "AssessRisk", roles: ["enterprise", "office", "department"], condition: OWN },
  { command: "SetRiskControls", roles: ["enterprise", "office", "department"], condition: OWN },
  { command: "RetireRisk", roles: ["enterprise", "office", "department"], condition: OWN },
  // hazard
  {
    command: "RegisterHazard",
    roles: ["enterprise", "office", "department"],
    condition: `${OWN}; an enterprise registers only self-inspection finds, a government body only inspection finds and public reports, or an enterprise's self-inspection find on its behalf (代录, onBehalfOf)`,
  },
  { command: "RegradeHazard", roles: ["office", "department"], condition: SUPERVISING },
  {
    command: "CorrectHazardDescription",
    roles: ["enterprise", "office", "department"],
    condition: `${OWN}; an enterprise only what it entered itself`,
  },
  { command: "ReportMajorHazard", roles: ["enterprise"], condition: "the entity itself" },
  { command: "SubmitTreatmentPlan", roles: ["enterprise"], condition: "the entity itself" },
  { command: "ConfirmImplementation", roles: ["enterprise"], condition: "the entity itself" },
  { command: "SuspendProductionForHazard", roles: ["enterprise", "office", "department"], condition: OWN },
  { command: "StartRemediation", roles: ["enterprise"], condition: "the entity itself" },
  {
    command: "RecordRectification",
    roles: ["enterprise"],
    condition: "the entity itself (the unit rectifies)",
  },
  {
    command: "EvaluateHazardTreatment",
    roles: ["enterprise", "agency"],
    condition: "the entity's own experts, or a qualified agency",
  },
  { command: "ApplyForHazardAcceptance", roles: ["enterprise"], condition: "the entity itself, in writing" },
  {
    command: "AcceptHazard",
    roles: ["enterprise", "office", "department"],
    condition:
      "never the person who rectified; a listed hazard only by the listing authority; a major hazard only by a government body (the supervising department or the office); a general hazard found by a government body or a public report only by a government body; otherwise the entity itself or its supervising department",
  },
  {
    command: "RejectHazardAcceptance",
    roles: ["enterprise", "office", "department"],
    condition: "the same as AcceptHazard",
  },
  {
    command: "ListHazardForSupervision",
    roles: GOVERNMENT,
    condition: "major hazards only; the actor's unit becomes the listing authority",
  },
  {
    command: "SetHazardDeadline",
    roles: GOVERNMENT,
    condition: "the supervising department, the office, or the listing authority of a listed hazard",
  },
  {
    command: "RequestHazardDeadlineExtension",
    roles: ["enterprise"],
    condition: "the entity itself, before the deadline",
  },
  {
    command: "GrantHazardDeadlineExtension",
    roles: ["enterprise", ...GOVERNMENT],
    condition: "only the unit that set the current deadline",
  },
  {
    command: "DenyHazardDeadlineExtension",
    roles: ["enterprise", ...GOVERNMENT],
    condition: "only the unit that set the current deadline",
  },
  { command: "EscalateHazard", roles: GOVERNMENT, condition: SUPERVISING },
];

export const mayIssue = (command: string, context: CommandContext): E.Either<PermissionDenied, void> =>
  checkRole(supervisionPermissions, command, context);

/** A failed permission condition, naming the actor and the reason. */
export const denied = (command: string, context: CommandContext, why: PermissionReason): PermissionDenied =>
  deniedBecause(command, context, why);

export const isGovernment = (context: CommandContext): boolean =>
  (GOVERNMENT as ReadonlyArray<string>).includes(context.actor.role);

/**
 * The common scope condition: an enterprise acts only for itself, a department only for the
 * entities it supervises; the office and the lead group act for any entity.
 */
export const inScope = (
  command: string,
  context: CommandContext,
  entity: { readonly entityId: string; readonly supervisingDepartment: string },
): E.Either<PermissionDenied, void> => {
  switch (context.actor.role) {
    case "enterprise":
      return context.actor.unit === entity.entityId
        ? E.right(undefined)
        : E.left(
            denied(command, context, because("ENTERPRISE_ACTS_FOR_ITSELF", { entity: entity.entityId })),
          );
    case "department":
      return context.actor.unit === entity.supervisingDepartment
        ? E.right(undefined)
        : E.left(
            denied(
              command,
              context,
              because("NOT_SUPERVISING", {
                entity: entity.entityId,
                department: entity.supervisingDepartment,
                unit: context.actor.unit,
              }),
            ),
          );
    default:
      return E.right(undefined);
  }
};
