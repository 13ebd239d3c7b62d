/** The Guangyuan reference scenario as a list of JSON commands, in business-time order. */
import { accidentsCommands } from "./accident-commands";
import { campaignCommands } from "./campaign-commands";
import { type CommandJson, CommandLog, chronological } from "./command-log";
import { responsibilityCommands } from "./responsibility-commands";
import { supervisionCommands } from "./supervision-commands";

export { GUANGYUAN_CAMPAIGN_ID } from "./campaign-commands";

/** The date the scenario describes: everything up to the end of 2020. */
export const GUANGYUAN_AS_OF = "2020-12-31";

/** The period the city compared with the same months of 2019 (January to November 2020). */
export const GUANGYUAN_COMPARISON_PERIOD = { from: "2020-01-01", to: "2020-11-30" } as const;

/**
 * Every command of the scenario in its JSON form (docs/commands.md), oldest first: the 2019
 * accidents, the campaign launch in April 2020, … up to 2020-12-31. Deterministic: the same
 * commands with the same ids on every call.
 */
export const guangyuanCommands = (): ReadonlyArray<CommandJson> => {
  const log = new CommandLog();
  accidentsCommands(log);
  campaignCommands(log);
  responsibilityCommands(log);
  supervisionCommands(log);
  return chronological(log.all);
};
