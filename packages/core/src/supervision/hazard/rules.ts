/** Configuration of the hazard closed loop: grades (data) and the acceptance decision period. */
import {
  DEFAULT_ACCEPTANCE_DECISION_DAYS,
  DEFAULT_HAZARD_GRADES,
  type HazardGradeDefinition,
} from "../../reference/hazard-grades";

export interface HazardConfig {
  /** The grades in use; each follows the general or the major procedure. */
  readonly grades: ReadonlyArray<HazardGradeDefinition>;
  /** Days within which the regulator decides on a written acceptance application (default 10). */
  readonly acceptanceDecisionDays: number;
}

export const defaultHazardConfig: HazardConfig = {
  grades: DEFAULT_HAZARD_GRADES,
  acceptanceDecisionDays: DEFAULT_ACCEPTANCE_DECISION_DAYS,
};

export const validateHazardConfig = (config: HazardConfig): HazardConfig => {
  if (config.grades.length === 0) throw new Error("hazard config: at least one grade is needed");
  if (new Set(config.grades.map((g) => g.key)).size !== config.grades.length)
    throw new Error("hazard config: grade keys must be unique");
  if (!Number.isInteger(config.acceptanceDecisionDays) || config.acceptanceDecisionDays < 1)
    throw new Error("hazard config: acceptanceDecisionDays must be a whole number of days, 1 or more");
  return config;
};
