/** The folded state of a risk. */
import type { RiskLevel } from "../../reference/risk-bands";
import type { Person } from "../values";
import type { RiskAssessment, RiskEvent } from "./events";

export type RiskStatus = "Identified" | "Assessed" | "Retired";

export interface RiskControls {
  readonly measures: ReadonlyArray<string>;
  readonly responsiblePerson: Person;
  readonly on: string;
}

export interface IdentifiedRisk {
  readonly status: RiskStatus;
  readonly riskId: string;
  readonly entityId: string;
  readonly name: string;
  readonly location: string | null;
  readonly description: string | null;
  readonly identifiedOn: string;
  /** The current initial (inherent) assessment. */
  readonly initial: RiskAssessment | null;
  /** The current residual assessment (after controls); cleared by a new initial assessment. */
  readonly residual: RiskAssessment | null;
  readonly controls: RiskControls | null;
  /** Every assessment ever made, in order. */
  readonly assessments: ReadonlyArray<RiskAssessment>;
  readonly controlsHistory: ReadonlyArray<RiskControls>;
}

export type RiskState = { readonly status: "None" } | IdentifiedRisk;

export const initialRiskState: RiskState = { status: "None" };

export const isIdentified = (s: RiskState): s is IdentifiedRisk => s.status !== "None";

/** The current level: the residual assessment's when there is one, else the initial one's. */
export const currentRiskLevel = (s: RiskState): RiskLevel | null =>
  isIdentified(s) ? (s.residual?.level ?? s.initial?.level ?? null) : null;

export const evolveRisk = (state: RiskState, event: RiskEvent): RiskState => {
  if (event.type === "RiskIdentified")
    return {
      status: "Identified",
      riskId: event.data.riskId,
      entityId: event.data.entityId,
      name: event.data.name,
      location: event.data.location,
      description: event.data.description,
      identifiedOn: event.data.on,
      initial: null,
      residual: null,
      controls: null,
      assessments: [],
      controlsHistory: [],
    };
  if (!isIdentified(state)) return state;
  switch (event.type) {
    case "RiskAssessed": {
      const a = event.data;
      return {
        ...state,
        status: "Assessed",
        initial: a.stage === "initial" ? a : state.initial,
        residual: a.stage === "residual" ? a : null,
        assessments: [...state.assessments, a],
      };
    }
    case "RiskControlsSet": {
      const controls = {
        measures: event.data.measures,
        responsiblePerson: event.data.responsiblePerson,
        on: event.data.on,
      };
      return { ...state, controls, controlsHistory: [...state.controlsHistory, controls] };
    }
    case "RiskRetired":
      return { ...state, status: "Retired" };
  }
};
