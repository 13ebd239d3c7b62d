/**
 * The risk decider: Identified → Assessed (reassessed any number of times) → Retired. Grading
 * is the pure function `gradeAssessment` of method, inputs and the configured bands.
 */
import * as E from "fp-ts/lib/Either.js";
import { type CommandContext, type Decider, type Rejection, reject } from "../../kernel/decider";
import { domainError } from "../../kernel/errors";
import { initialEntityState, isRegistered, type RegisteredEntity } from "../entity/state";
import { inScope, isGovernment, mayIssue } from "../permissions";
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
    : E.left(
        domainError(
          "ENTITY_NOT_REGISTERED",
          `Entity ${entityId} is not on the real-name list; register it first.`,
          "entityId",
        ),
      );
};

const requireRisk = (
  state: RiskState,
  riskId: string,
  entityId: string,
): E.Either<Rejection, IdentifiedRisk> => {
  if (!isIdentified(state))
    return E.left(domainError("RISK_NOT_IDENTIFIED", `Risk ${riskId} has not been identified.`, "riskId"));
  if (state.entityId !== entityId)
    return E.left(
      domainError(
        "WRONG_ENTITY",
        `Risk ${riskId} belongs to entity ${state.entityId}, not ${entityId}.`,
        "entityId",
      ),
    );
  if (state.status === "Retired")
    return E.left(
      domainError("RISK_RETIRED", `Risk ${riskId} has been retired; identify a new risk instead.`, "riskId"),
    );
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
    ? reject(
        "MATRIX_OUT_OF_RANGE",
        `Likelihood and severity must each be 1 to ${size} on this ${size} × ${size} matrix.`,
        "matrix",
      )
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
            return reject(
              "RISK_ALREADY_IDENTIFIED",
              `Risk ${riskId} was identified on ${state.identifiedOn}.`,
              "riskId",
            );
          if (entity.right.status === "Closed")
            return reject(
              "ENTITY_CLOSED",
              `Entity ${entityId} is closed; no new risks can be identified.`,
              "entityId",
            );
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
            return reject(
              "METHOD_REQUIRED",
              "Give the LEC factors (lec), the risk matrix (matrix), or both.",
              "lec",
            );
          const size = assessorMatrixSize(config, command);
          if (size) return size;
          if (d.stage === "residual" && risk.right.initial === null)
            return reject(
              "INITIAL_ASSESSMENT_REQUIRED",
              `Risk ${riskId} needs an initial assessment before a residual one.`,
              "stage",
            );
          const reassessment = d.stage === "initial" && risk.right.initial !== null;
          if (reassessment && d.reason === undefined)
            return reject(
              "REASON_REQUIRED",
              `Risk ${riskId} was already assessed; say why it is reassessed (reason).`,
              "reason",
            );
          const grade = gradeAssessment(
            { ...(d.lec ? { lec: d.lec } : {}), ...(d.matrix ? { matrix: d.matrix } : {}) },
            config,
          );
          if (needsControls(grade.level) && d.controls === undefined && risk.right.controls === null)
            return reject(
              "CONTROLS_REQUIRED",
              `Risk ${riskId} grades ${grade.level} (${grade.colour}): give its control measures and a named responsible person (controls).`,
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
