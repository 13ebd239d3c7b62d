/**
 * The states of each list's rows, with their Chinese names: what a `--status` filter takes (the
 * key or the Chinese name) and what a list shows. `statuses.test.ts` keeps them in step with the
 * state types of the aggregates.
 */
export interface StatusDefinition {
  readonly key: string;
  readonly zh: string;
}

export const TASK_STATUS_NAMES: ReadonlyArray<StatusDefinition> = [
  { key: "Assigned", zh: "已交办" },
  { key: "InProgress", zh: "推进中" },
  { key: "CompletionReported", zh: "已报完成" },
  { key: "Verified", zh: "已核验" },
  { key: "Cancelled", zh: "已撤销" },
];

export const ENTITY_STATUSES: ReadonlyArray<StatusDefinition> = [
  { key: "Registered", zh: "已登记" },
  { key: "Active", zh: "正常生产经营" },
  { key: "Suspended", zh: "停产停业" },
  { key: "Closed", zh: "已关闭" },
];

export const RISK_STATUSES: ReadonlyArray<StatusDefinition> = [
  { key: "Identified", zh: "已辨识" },
  { key: "Assessed", zh: "已评估" },
  { key: "Retired", zh: "已销号" },
];

export const HAZARD_STATUSES: ReadonlyArray<StatusDefinition> = [
  { key: "Registered", zh: "已登记" },
  { key: "Reported", zh: "已上报" },
  { key: "Planned", zh: "已制定治理方案" },
  { key: "Remediating", zh: "整改中" },
  { key: "Rectified", zh: "已整改" },
  { key: "Evaluated", zh: "已评估" },
  { key: "AcceptanceApplied", zh: "已申请验收" },
  { key: "Closed", zh: "已销号" },
];

export const ACCIDENT_STATUSES: ReadonlyArray<StatusDefinition> = [
  { key: "Reported", zh: "已报告" },
  { key: "Concluded", zh: "已结案" },
  { key: "Withdrawn", zh: "已撤回" },
];
