/**
 * The risk decider: Identified → Assessed (reassessed any number of times) → Retired. Grading
 * is the pure function `gradeAssessment` of method, inputs and the configured bands.
 */
import * as E from "fp-ts/lib/Either.js";
import type { CommandContext, Decider, Rejection } from "../../kernel/decider";
import { errorsOf } from "../../kernel/error-texts";
import { initialEntityState, isRegistered, type RegisteredEntity } from "../entity/state";
import { inScope, isGovernment, mayIssue } from "../permissions";
import { SUPERVISION_ERROR_TEXTS } from "../supervision-error-texts";
import { actorRef, businessDate, relatedState } from "../values";
import type { RiskCommand } from "./commands";
import type { RiskEvent } from "./events";
import {
  defaultRiskConfig,
  gradeAssessment,
  needsControls,
  type RiskConfig,
  validateRiskConfig,
} from "./rules";
import { evolveRisk, type IdentifiedRisk, initialRiskState, isIdentified, type RiskState } from "./state";

const { error: supervisionError, reject: supervisionReject } = errorsOf(SUPERVISION_ERROR_TEXTS);

type Decision = E.Either<Rejection, ReadonlyArray<RiskEvent>>;

/** The entity a command names, read through `related` under this key. */
export const ENTITY_KEY = "entity";

export const relatedEntity = (
  context: CommandContext,
  entityId: string,
): E.Either<Rejection, RegisteredEntity> => {
  const entity = relatedState(context, ENTITY_KEY, initialEntityState);
  return isRegistered(entity) && entity.entityId === entityId
    ? E.right(entity)
    : E.left(supervisionError("ENTITY_NOT_REGISTERED", { entityId }, "entityId"));
};

const requireRisk = (
  state: RiskState,
  riskId: string,
  entityId: string,
): E.Either<Rejection, IdentifiedRisk> => {
  if (!isIdentified(state)) return E.left(supervisionError("RISK_NOT_IDENTIFIED", { riskId }, "riskId"));
  if (state.entityId !== entityId)
    return E.left(
      supervisionError("WRONG_ENTITY", { riskId, entityId: state.entityId, given: entityId }, "entityId"),
    );
  if (state.status === "Retired") return E.left(supervisionError("RISK_RETIRED", { riskId }, "riskId"));
  return E.right(state);
};

const assessorMatrixSize = (
  config: RiskConfig,
  command: Extract<RiskCommand, { type: "AssessRisk" }>,
): Decision | undefined => {
  const m = command.data.matrix;
  if (m === undefined) return undefined;
  const size = config.matrix.size;
  return m.likelihood > size || m.severity > size
    ? supervisionReject("MATRIX_OUT_OF_RANGE", { size }, "matrix")
    : undefined;
};

export const createRiskDecider = (
  config: RiskConfig = defaultRiskConfig,
): Decider<RiskCommand, RiskState, RiskEvent> => {
  validateRiskConfig(config);
  return {
    initialState: initialRiskState,
    evolve: evolveRisk,
    decide: (command, state, context) => {
      const role = mayIssue(command.type, context);
      if (E.isLeft(role)) return role;
      const { riskId, entityId } = command.data;
      const entity = relatedEntity(context, entityId);
      if (E.isLeft(entity)) return entity;
      const scope = inScope(command.type, context, entity.right);
      if (E.isLeft(scope)) return scope;
      const on = businessDate(context.occurredAt);
      const by = actorRef(context);
      switch (command.type) {
        case "IdentifyRisk": {
          if (isIdentified(state))
            return supervisionReject(
              "RISK_ALREADY_IDENTIFIED",
              { riskId, identifiedOn: state.identifiedOn },
              "riskId",
            );
          if (entity.right.status === "Closed")
            return supervisionReject("ENTITY_CLOSED", { entityId, of: "risk" }, "entityId");
          const d = command.data;
          return E.right([
            {
              type: "RiskIdentified",
              data: {
                riskId,
                entityId,
                name: d.name,
                location: d.location ?? null,
                description: d.description ?? null,
                on,
                by,
              },
            },
          ]);
        }
        case "AssessRisk": {
          const risk = requireRisk(state, riskId, entityId);
          if (E.isLeft(risk)) return risk;
          const d = command.data;
          if (d.lec === undefined && d.matrix === undefined)
            return supervisionReject("METHOD_REQUIRED", {}, "lec");
          const size = assessorMatrixSize(config, command);
          if (size) return size;
          if (d.stage === "residual" && risk.right.initial === null)
            return supervisionReject("INITIAL_ASSESSMENT_REQUIRED", { riskId }, "stage");
          const reassessment = d.stage === "initial" && risk.right.initial !== null;
          if (reassessment && d.reason === undefined)
            return supervisionReject("REASON_REQUIRED", { riskId }, "reason");
          const grade = gradeAssessment(
            { ...(d.lec ? { lec: d.lec } : {}), ...(d.matrix ? { matrix: d.matrix } : {}) },
            config,
          );
          if (needsControls(grade.level) && d.controls === undefined && risk.right.controls === null)
            return supervisionReject(
              "CONTROLS_REQUIRED",
              { riskId, level: grade.level, colour: grade.colour },
              "controls",
            );
          const events: RiskEvent[] = [];
          if (d.controls !== undefined)
            events.push({
              type: "RiskControlsSet",
              data: {
                riskId,
                entityId,
                measures: d.controls.measures,
                responsiblePerson: d.controls.responsiblePerson,
                on,
                by,
              },
            });
          events.push({
            type: "RiskAssessed",
            data: {
              riskId,
              entityId,
              stage: d.stage,
              lec: grade.lec,
              matrix: grade.matrix,
              level: grade.level,
              colour: grade.colour,
              assessedBy: isGovernment(context) ? "government" : "enterprise",
              reassessment,
              reason: d.reason ?? null,
              on,
              by,
            },
          });
          return E.right(events);
        }
        case "SetRiskControls": {
          const risk = requireRisk(state, riskId, entityId);
          if (E.isLeft(risk)) return risk;
          return E.right([
            {
              type: "RiskControlsSet",
              data: {
                riskId,
                entityId,
                measures: command.data.measures,
                responsiblePerson: command.data.responsiblePerson,
                on,
                by,
              },
            },
          ]);
        }
        case "RetireRisk": {
          const risk = requireRisk(state, riskId, entityId);
          if (E.isLeft(risk)) return risk;
          return E.right([
            { type: "RiskRetired", data: { riskId, entityId, reason: command.data.reason, on, by } },
          ]);
        }
      }
    },
  };
};

export const riskDecider = createRiskDecider();
