/**
 * Hidden-hazard grades (§4). The national default has two: general and major. Each grade
 * follows one of the two closed-loop procedures; a place with more grades adds rows here (or
 * passes its own list to `createHazardAggregate`).
 */
export interface HazardGradeDefinition {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  /** Which closed loop the grade follows. */
  readonly procedure: "general" | "major";
}

export const DEFAULT_HAZARD_GRADES: ReadonlyArray<HazardGradeDefinition> = [
  { key: "general", zh: "一般事故隐患", en: "general hazard", procedure: "general" },
  { key: "major", zh: "重大事故隐患", en: "major hazard", procedure: "major" },
];

/** Days within which the regulator decides on a written acceptance application (default 10). */
export const DEFAULT_ACCEPTANCE_DECISION_DAYS = 10;
