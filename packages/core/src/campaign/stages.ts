/**
 * The four stages of the three-year campaign, as data. A campaign is launched with exactly
 * these stages, in this order, each with its own dates.
 */
export interface StageDefinition {
  readonly key: string;
  /** The name on the forms. */
  readonly name: string;
  readonly english: string;
}

export const CAMPAIGN_STAGES: ReadonlyArray<StageDefinition> = [
  { key: "mobilisation", name: "动员部署", english: "mobilisation and deployment" },
  { key: "investigation", name: "排查整治", english: "investigation and remediation" },
  { key: "tackling", name: "集中攻坚", english: "centralised tackling" },
  { key: "consolidation", name: "巩固提升", english: "consolidation and upgrade" },
];

export const CAMPAIGN_STAGE_KEYS: ReadonlyArray<string> = CAMPAIGN_STAGES.map((s) => s.key);

/** The stages of the Guangyuan reference campaign (April 2020 to December 2022). */
export const REFERENCE_STAGE_DATES: ReadonlyArray<{
  readonly key: string;
  readonly start: string;
  readonly end: string;
}> = [
  { key: "mobilisation", start: "2020-04-01", end: "2020-05-31" },
  { key: "investigation", start: "2020-06-01", end: "2020-12-31" },
  { key: "tackling", start: "2021-01-01", end: "2021-12-31" },
  { key: "consolidation", start: "2022-01-01", end: "2022-12-31" },
];

export const REFERENCE_CAMPAIGN_SPAN = { start: "2020-04-01", end: "2022-12-31" } as const;

/** The escalation ladder for overdue task elements, lowest first. */
export const TASK_ESCALATION_LEVELS = [
  { key: "reminder", name: "提示单", english: "reminder" },
  { key: "supervision-notice", name: "督办单", english: "supervision notice" },
  { key: "accountability-interview", name: "约谈/问责", english: "interview and accountability" },
] as const;

export type TaskEscalationLevel = (typeof TASK_ESCALATION_LEVELS)[number]["key"];
