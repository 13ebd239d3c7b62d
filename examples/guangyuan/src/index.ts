/**
 * The Guangyuan reference scenario. ILLUSTRATIVE data that keeps every published count and
 * figure of the domain reference (see README.md).
 */

export { CITY_GOVERNMENT } from "./campaign-commands";
export type { ActorJson, CommandJson } from "./command-log";
export { COUNTIES, LEAD_GROUP, OFFICE, UNITS, WORKSTREAMS } from "./organisation";
export { RESPONSIBILITY_LIST_ID } from "./responsibility-commands";
export { type RunOptions, type RunResult, runGuangyuan } from "./run";
export {
  GUANGYUAN_AS_OF,
  GUANGYUAN_CAMPAIGN_ID,
  GUANGYUAN_COMPARISON_PERIOD,
  guangyuanCommands,
} from "./scenario";
