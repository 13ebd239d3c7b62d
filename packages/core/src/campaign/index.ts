/**
 * The campaign context (三年行动): the campaign and its stages and lead group, workstreams
 * (special topics and projects), the Key Task List's elements, and responsibility lists.
 * See docs/domain/campaign.md.
 */
export * from "./aggregates";
export type { CampaignAggregateCommand } from "./campaign/commands";
export { campaignCommandCodecs } from "./campaign/commands";
export { campaignDecider } from "./campaign/decider";
export * from "./campaign/events";
export { checkStages, type StageInput } from "./campaign/rules";
export * from "./campaign/state";
export { campaignPermissions, mayIssue as mayIssueCampaignCommand } from "./permissions";
export type { ResponsibilityListCommand } from "./resplist/commands";
export { responsibilityListCommandCodecs } from "./resplist/commands";
export { responsibilityListDecider } from "./resplist/decider";
export * from "./resplist/events";
export * from "./resplist/rules";
export * from "./resplist/state";
export * from "./stages";
export type { TaskElementCommand } from "./task/commands";
export { taskElementCommandCodecs } from "./task/commands";
export { taskElementDecider } from "./task/decider";
export * from "./task/events";
export { ONE_OFF_PERIOD, taskPeriodsFor } from "./task/rules";
export * from "./task/state";
export * from "./transitions";
export { businessDate, DateString } from "./values";
export type { WorkstreamCommand } from "./workstream/commands";
export { workstreamCommandCodecs } from "./workstream/commands";
export { workstreamDecider } from "./workstream/decider";
export * from "./workstream/events";
export * from "./workstream/state";
