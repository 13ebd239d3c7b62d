/**
 * The hidden-hazard decider: the closed loop of §4 for general and major hazards, with listed
 * supervision, deadlines and extensions, escalations, and reopening as a new hazard.
 */

import * as E from "fp-ts/lib/Either.js";
import type { CommandContext, Decider, Rejection } from "../../kernel/decider";
import { errorsOf } from "../../kernel/error-texts";
import { because } from "../../kernel/permission-texts";
import type { RegisteredEntity } from "../entity/state";
import { denied, inScope, isGovernment, mayIssue } from "../permissions";
import { relatedEntity } from "../risk/decider";
import { type HazardStep, type MajorOnly, SUPERVISION_ERROR_TEXTS } from "../supervision-error-texts";
import { actorRef, addDays, businessDate, relatedState } from "../values";
import type { HazardCommand } from "./commands";
import { FIVE_IMPLEMENTATIONS, type HazardEvent } from "./events";
import { defaultHazardConfig, type HazardConfig, validateHazardConfig } from "./rules";
import {
  evolveHazard,
  type HazardState,
  type HazardStatus,
  initialHazardState,
  isHazardRegistered,
  type RegisteredHazard,
} from "./state";

const { error: supervisionError, reject: supervisionReject } = errorsOf(SUPERVISION_ERROR_TEXTS);

type Decision = E.Either<Rejection, ReadonlyArray<HazardEvent>>;

/** The closed hazard a `RegisterHazard` reopens, read through `related` under this key. */
export const REOPENS_KEY = "reopens";

const requireOpen = (
  state: HazardState,
  hazardId: string,
  entityId: string,
): E.Either<Rejection, RegisteredHazard> => {
  if (!isHazardRegistered(state))
    return E.left(supervisionError("HAZARD_NOT_REGISTERED", { hazardId }, "hazardId"));
  if (state.entityId !== entityId)
    return E.left(
      supervisionError("WRONG_ENTITY", { hazardId, entityId: state.entityId, given: entityId }, "entityId"),
    );
  if (state.status === "Closed")
    return E.left(
      supervisionError("HAZARD_CLOSED", { hazardId, closedOn: state.closedOn ?? "" }, "hazardId"),
    );
  return E.right(state);
};

const requireStatus = (
  h: RegisteredHazard,
  allowed: ReadonlyArray<HazardStatus>,
  step: HazardStep,
): Decision | undefined =>
  allowed.includes(h.status)
    ? undefined
    : supervisionReject(
        "HAZARD_WRONG_STATE",
        { hazardId: h.hazardId, status: h.status, step, allowed: allowed.join(",") },
        "hazardId",
      );

const requireMajor = (h: RegisteredHazard, what: MajorOnly): Decision | undefined =>
  h.procedure === "major"
    ? undefined
    : supervisionReject("NOT_A_MAJOR_HAZARD", { hazardId: h.hazardId, grade: h.grade, what }, "hazardId");

/**
 * Who may accept or reject an acceptance: never the rectifier; a listed hazard only its listing
 * authority; a major hazard, or one found by a government body or the public, only a government
 * body in scope; otherwise the entity itself (another person) or a government body in scope.
 */
const mayDecideAcceptance = (
  command: string,
  h: RegisteredHazard,
  entity: RegisteredEntity,
  context: CommandContext,
): E.Either<Rejection, void> => {
  const a = context.actor;
  if (h.rectifier !== null && h.rectifier.unit === a.unit && h.rectifier.person === a.person)
    return E.left(denied(command, context, because("RECTIFIER_CANNOT_ACCEPT", { rectifier: a.person })));
  if (h.listedBy !== null)
    return a.unit === h.listedBy && isGovernment(context)
      ? E.right(undefined)
      : E.left(
          denied(
            command,
            context,
            because("LISTED_SUPERVISION", { hazard: h.hazardId, listedBy: h.listedBy }),
          ),
        );
  if ((h.procedure === "major" || h.source !== "self-inspection") && !isGovernment(context))
    return E.left(
      denied(
        command,
        context,
        h.procedure === "major"
          ? because("MAJOR_ACCEPTED_BY_REGULATOR", {})
          : because("GOVERNMENT_ACCEPTS", { source: h.source }),
      ),
    );
  return inScope(command, context, entity);
};

export const createHazardDecider = (
  config: HazardConfig = defaultHazardConfig,
): Decider<HazardCommand, HazardState, HazardEvent> => {
  validateHazardConfig(config);
  const gradeOf = (key: string) => config.grades.find((g) => g.key === key);
  const unknownGrade = (key: string) =>
    supervisionReject(
      "UNKNOWN_HAZARD_GRADE",
      { key, grades: config.grades.map((g) => g.key).join(", ") },
      "grade",
    );

  return {
    initialState: initialHazardState,
    evolve: evolveHazard,
    decide: (command, state, context) => {
      const role = mayIssue(command.type, context);
      if (E.isLeft(role)) return role;
      const { hazardId, entityId } = command.data;
      const entityE = relatedEntity(context, entityId);
      if (E.isLeft(entityE)) return entityE;
      const entity = entityE.right;
      const on = businessDate(context.occurredAt);
      const by = actorRef(context);
      const base = { hazardId, entityId, on, by };
      const scoped = (): Decision | undefined => {
        const s = inScope(command.type, context, entity);
        return E.isLeft(s) ? s : undefined;
      };

      if (command.type === "RegisterHazard") {
        const d = command.data;
        const scope = scoped();
        if (scope) return scope;
        if (isHazardRegistered(state))
          return supervisionReject(
            "HAZARD_ALREADY_REGISTERED",
            { hazardId, registeredOn: state.registeredOn },
            "hazardId",
          );
        if (entity.status === "Closed")
          return supervisionReject("ENTITY_CLOSED", { entityId, of: "hazard" }, "entityId");
        if (context.actor.role === "enterprise" && d.source !== "self-inspection")
          return E.left(denied(command.type, context, because("OWN_SELF_INSPECTION_ONLY", {})));
        const onBehalf = d.onBehalfOf !== undefined;
        if (onBehalf && (d.onBehalfOf !== entityId || d.source !== "self-inspection"))
          return supervisionReject("NOT_ON_BEHALF", { entityId }, "onBehalfOf");
        if (onBehalf && context.actor.role === "enterprise")
          return E.left(denied(command.type, context, because("OWN_FINDS_ITSELF", {})));
        if (context.actor.role !== "enterprise" && d.source === "self-inspection" && !onBehalf)
          return E.left(denied(command.type, context, because("SELF_INSPECTION_BY_ENTERPRISE", {})));
        const grade = gradeOf(d.grade);
        if (grade === undefined) return unknownGrade(d.grade);
        if (d.discoveredOn > on)
          return supervisionReject(
            "DISCOVERED_IN_FUTURE",
            { discoveredOn: d.discoveredOn, on },
            "discoveredOn",
          );
        if (d.deadline < d.discoveredOn)
          return supervisionReject(
            "DEADLINE_BEFORE_DISCOVERY",
            { deadline: d.deadline, discoveredOn: d.discoveredOn },
            "deadline",
          );
        if (d.reopens !== undefined) {
          const old = relatedState(context, REOPENS_KEY, initialHazardState);
          if (!isHazardRegistered(old) || old.hazardId !== d.reopens)
            return supervisionReject("REOPENED_HAZARD_UNKNOWN", { reopens: d.reopens }, "reopens");
          if (old.status !== "Closed")
            return supervisionReject(
              "REOPENED_HAZARD_OPEN",
              { reopens: d.reopens, status: old.status },
              "reopens",
            );
          if (old.entityId !== entityId)
            return supervisionReject(
              "WRONG_ENTITY",
              { hazardId: d.reopens, entityId: old.entityId, given: entityId },
              "reopens",
            );
        }
        return E.right([
          {
            type: "HazardRegistered",
            data: {
              ...base,
              source: d.source,
              grade: grade.key,
              procedure: grade.procedure,
              description: d.description,
              location: d.location ?? null,
              discoveredOn: d.discoveredOn,
              deadline: d.deadline,
              // The enterprise set its own self-inspection deadline, even when a clerk typed it in.
              deadlineSetBy: onBehalf ? entityId : context.actor.unit,
              reportedToDepartment: isGovernment(context),
              reopens: d.reopens ?? null,
              ...(onBehalf ? { enteredOnBehalfOf: entityId } : {}),
            },
          },
        ]);
      }

      if (command.type === "CorrectHazardDescription") {
        const scope = scoped();
        if (scope) return scope;
        if (!isHazardRegistered(state) || state.entityId !== entityId)
          return supervisionReject("HAZARD_NOT_REGISTERED", { hazardId, entityId }, "hazardId");
        // The unit that entered it, or a government body above it (the entity's own finds by the entity).
        if (context.actor.role === "enterprise" && state.registeredBy.unit !== context.actor.unit)
          return E.left(
            denied(
              command.type,
              context,
              because("HAZARD_ENTERED_BY", { enteredBy: state.registeredBy.unit }),
            ),
          );
        const d = command.data;
        const from: { description?: string; location?: string | null } = {};
        const to: { description?: string; location?: string | null } = {};
        if (d.description !== undefined && d.description !== state.description)
          [from.description, to.description] = [state.description, d.description];
        if (d.location !== undefined && (d.location === "" ? null : d.location) !== state.location)
          [from.location, to.location] = [state.location, d.location === "" ? null : d.location];
        if (Object.keys(to).length === 0)
          return supervisionReject("NO_CHANGE", { of: "hazardRecord", hazardId }, "description");
        return E.right([
          { type: "HazardDescriptionCorrected", data: { ...base, from, to, reason: d.reason } },
        ]);
      }

      const open = requireOpen(state, hazardId, entityId);
      if (E.isLeft(open)) return open;
      const h = open.right;

      switch (command.type) {
        case "RegradeHazard": {
          const scope = scoped();
          if (scope) return scope;
          const bad = requireStatus(h, ["Registered", "Reported"], "regrade");
          if (bad) return bad;
          const grade = gradeOf(command.data.grade);
          if (grade === undefined) return unknownGrade(command.data.grade);
          if (grade.key === h.grade)
            return supervisionReject("NO_CHANGE", { of: "hazardGrade", hazardId, grade: h.grade }, "grade");
          if (h.listedBy !== null && grade.procedure !== "major")
            return supervisionReject("HAZARD_LISTED", { hazardId }, "grade");
          return E.right([
            {
              type: "HazardRegraded",
              data: {
                ...base,
                from: h.grade,
                to: grade.key,
                procedure: grade.procedure,
                reason: command.data.reason,
              },
            },
          ]);
        }
        case "ReportMajorHazard": {
          const scope = scoped();
          if (scope) return scope;
          const bad = requireMajor(h, "report") ?? requireStatus(h, ["Registered"], "report");
          if (bad) return bad;
          return E.right([
            { type: "MajorHazardReported", data: { ...base, department: entity.supervisingDepartment } },
          ]);
        }
        case "SubmitTreatmentPlan": {
          const scope = scoped();
          if (scope) return scope;
          const bad =
            requireMajor(h, "plan") ??
            (h.status === "Registered"
              ? supervisionReject(
                  "NOT_REPORTED",
                  { hazardId, supervisingDepartment: entity.supervisingDepartment },
                  "hazardId",
                )
              : requireStatus(h, ["Reported", "Planned"], "plan"));
          if (bad) return bad;
          return E.right([{ type: "TreatmentPlanSubmitted", data: { ...base, plan: command.data.plan } }]);
        }
        case "ConfirmImplementation": {
          const scope = scoped();
          if (scope) return scope;
          const bad = requireMajor(h, "implementations") ?? requireStatus(h, ["Planned"], "implementations");
          if (bad) return bad;
          if (h.implementations[command.data.element] !== undefined)
            return supervisionReject(
              "IMPLEMENTATION_ALREADY_CONFIRMED",
              { element: command.data.element, hazardId },
              "element",
            );
          return E.right([
            {
              type: "ImplementationConfirmed",
              data: { ...base, element: command.data.element, detail: command.data.detail },
            },
          ]);
        }
        case "SuspendProductionForHazard": {
          const scope = scoped();
          if (scope) return scope;
          if (h.productionSuspended)
            return supervisionReject("PRODUCTION_ALREADY_SUSPENDED", { hazardId }, "hazardId");
          const d = command.data;
          return E.right([
            {
              type: "ProductionSuspendedForHazard",
              data: { ...base, scope: d.scope, workersWithdrawn: d.workersWithdrawn, note: d.note ?? "" },
            },
          ]);
        }
        case "StartRemediation": {
          const scope = scoped();
          if (scope) return scope;
          const bad = requireMajor(h, "remediate") ?? requireStatus(h, ["Planned"], "remediate");
          if (bad) return bad;
          const missing = FIVE_IMPLEMENTATIONS.filter((e) => h.implementations[e] === undefined);
          if (missing.length > 0)
            return supervisionReject(
              "IMPLEMENTATIONS_MISSING",
              { hazardId, missing: missing.join(", ") },
              "hazardId",
            );
          return E.right([{ type: "RemediationStarted", data: base }]);
        }
        case "RecordRectification": {
          const scope = scoped();
          if (scope) return scope;
          const bad =
            h.procedure === "major"
              ? requireStatus(h, ["Remediating"], "rectifyMajor")
              : requireStatus(h, ["Registered"], "rectify");
          if (bad) return bad;
          return E.right([{ type: "HazardRectified", data: { ...base, measures: command.data.measures } }]);
        }
        case "EvaluateHazardTreatment": {
          const d = command.data;
          if (context.actor.role === "enterprise") {
            const scope = scoped();
            if (scope) return scope;
            if (d.evaluator !== "own-experts")
              return E.left(denied(command.type, context, because("OWN_EXPERTS_ONLY", {})));
          } else if (d.evaluator !== "agency")
            return E.left(denied(command.type, context, because("AGENCY_EVALUATION", {})));
          const bad = requireMajor(h, "evaluate") ?? requireStatus(h, ["Rectified"], "evaluate");
          if (bad) return bad;
          return E.right([
            {
              type: "HazardTreatmentEvaluated",
              data: {
                ...base,
                evaluator: d.evaluator,
                evaluatorName: d.evaluatorName,
                conclusion: d.conclusion,
                reportRef: d.reportRef,
              },
            },
          ]);
        }
        case "ApplyForHazardAcceptance": {
          const scope = scoped();
          if (scope) return scope;
          const bad =
            requireMajor(h, "applyAcceptance") ?? requireStatus(h, ["Evaluated"], "applyAcceptance");
          if (bad) return bad;
          return E.right([
            {
              type: "HazardAcceptanceApplied",
              data: {
                ...base,
                applicationRef: command.data.applicationRef,
                decisionDueOn: addDays(on, config.acceptanceDecisionDays),
              },
            },
          ]);
        }
        case "AcceptHazard":
        case "RejectHazardAcceptance": {
          const bad =
            h.procedure === "major"
              ? requireStatus(h, ["AcceptanceApplied"], "decideMajorAcceptance")
              : requireStatus(h, ["Rectified"], "decideAcceptance");
          if (bad) return bad;
          const may = mayDecideAcceptance(command.type, h, entity, context);
          if (E.isLeft(may)) return may;
          if (command.type === "RejectHazardAcceptance")
            return E.right([
              { type: "HazardAcceptanceRejected", data: { ...base, reason: command.data.reason } },
            ]);
          return E.right([
            {
              type: "HazardAccepted",
              data: {
                ...base,
                acceptedBy: isGovernment(context) ? "government" : "enterprise",
                decidedLate: h.decisionDueOn !== null && on > h.decisionDueOn,
                note: command.data.note ?? "",
              },
            },
          ]);
        }
        case "ListHazardForSupervision": {
          const scope = scoped();
          if (scope) return scope;
          const bad = requireMajor(h, "listing");
          if (bad) return bad;
          if (h.listedBy !== null)
            return supervisionReject("HAZARD_ALREADY_LISTED", { hazardId, listedBy: h.listedBy }, "hazardId");
          const deadline = command.data.deadline ?? null;
          if (deadline !== null && deadline < on)
            return supervisionReject("DEADLINE_IN_PAST", { deadline, on }, "deadline");
          return E.right([
            {
              type: "HazardListed",
              data: {
                ...base,
                authority: context.actor.unit,
                documentRef: command.data.documentRef,
                deadline,
              },
            },
          ]);
        }
        case "SetHazardDeadline": {
          if (h.listedBy !== null && context.actor.unit !== h.listedBy)
            return E.left(
              denied(
                command.type,
                context,
                because("LISTED_SETS_DEADLINE", { hazard: hazardId, listedBy: h.listedBy }),
              ),
            );
          if (h.listedBy === null) {
            const scope = scoped();
            if (scope) return scope;
          }
          const d = command.data.deadline;
          if (d === h.deadline)
            return supervisionReject(
              "NO_CHANGE",
              { of: "hazardDeadline", hazardId, deadline: d },
              "deadline",
            );
          if (d < on) return supervisionReject("DEADLINE_IN_PAST", { deadline: d, on }, "deadline");
          return E.right([
            {
              type: "HazardDeadlineSet",
              data: { ...base, from: h.deadline, to: d, setBy: context.actor.unit },
            },
          ]);
        }
        case "RequestHazardDeadlineExtension": {
          const scope = scoped();
          if (scope) return scope;
          if (h.pendingExtension !== null)
            return supervisionReject(
              "EXTENSION_PENDING",
              { requested: h.pendingExtension.requested, deadlineSetBy: h.deadlineSetBy },
              "hazardId",
            );
          if (on > h.deadline)
            return supervisionReject("DEADLINE_PASSED", { deadline: h.deadline }, "requested");
          if (command.data.requested <= h.deadline)
            return supervisionReject(
              "EXTENSION_NOT_LATER",
              { requested: command.data.requested, deadline: h.deadline },
              "requested",
            );
          return E.right([
            {
              type: "HazardDeadlineExtensionRequested",
              data: { ...base, requested: command.data.requested, reason: command.data.reason },
            },
          ]);
        }
        case "GrantHazardDeadlineExtension":
        case "DenyHazardDeadlineExtension": {
          if (context.actor.unit !== h.deadlineSetBy)
            return E.left(
              denied(
                command.type,
                context,
                because("DEADLINE_SETTER_DECIDES", { hazard: hazardId, setBy: h.deadlineSetBy }),
              ),
            );
          if (h.pendingExtension === null)
            return supervisionReject("NO_EXTENSION_REQUESTED", { hazardId }, "hazardId");
          if (command.type === "DenyHazardDeadlineExtension")
            return E.right([
              { type: "HazardDeadlineExtensionDenied", data: { ...base, reason: command.data.reason } },
            ]);
          const to = command.data.deadline ?? h.pendingExtension.requested;
          if (to <= h.deadline)
            return supervisionReject(
              "EXTENSION_NOT_LATER",
              { newDeadline: to, deadline: h.deadline },
              "deadline",
            );
          return E.right([
            { type: "HazardDeadlineExtensionGranted", data: { ...base, from: h.deadline, to } },
          ]);
        }
        case "EscalateHazard": {
          const scope = scoped();
          if (scope) return scope;
          return E.right([
            {
              type: "HazardEscalated",
              data: {
                ...base,
                measure: command.data.measure,
                documentRef: command.data.documentRef,
                note: command.data.note ?? "",
                overdue: on > h.deadline,
              },
            },
          ]);
        }
      }
    },
  };
};

export const hazardDecider = createHazardDecider();
