/** The campaign decider: launch, stages one at a time, the lead group, conclusion. */
import * as E from "fp-ts/lib/Either.js";
import { type CommandContext, type Decider, type Rejection, reject } from "../../kernel/decider";
import { mayIssue } from "../permissions";
import { businessDate } from "../values";
import type { CampaignAggregateCommand } from "./commands";
import type { CampaignAggregateEvent } from "./events";
import { checkStages } from "./rules";
import { type CampaignState, currentMembers, evolveCampaign, initialCampaignState } from "./state";

type Decision = E.Either<Rejection, ReadonlyArray<CampaignAggregateEvent>>;

const requireRunning = (state: CampaignState, campaignId: string): Decision | undefined => {
  if (state.status === "NotLaunched")
    return reject("CAMPAIGN_NOT_LAUNCHED", `Campaign ${campaignId} has not been launched.`, "campaignId");
  if (state.status === "Concluded")
    return reject(
      "CAMPAIGN_CONCLUDED",
      `Campaign ${campaignId} was concluded on ${state.concludedOn}; it can no longer change.`,
      "campaignId",
    );
  return undefined;
};

const decideCampaign = (
  command: CampaignAggregateCommand,
  state: CampaignState,
  context: CommandContext,
): Decision => {
  const role = mayIssue(command.type, context);
  if (E.isLeft(role)) return role;
  const on = businessDate(context.occurredAt);
  switch (command.type) {
    case "LaunchCampaign": {
      const { campaignId, name, start, end, stages } = command.data;
      if (state.status !== "NotLaunched")
        return reject(
          "CAMPAIGN_ALREADY_LAUNCHED",
          `Campaign ${campaignId} was already launched.`,
          "campaignId",
        );
      const checked = checkStages({ start, end }, stages);
      if (E.isLeft(checked)) return checked;
      return E.right([
        { type: "CampaignLaunched", data: { campaignId, name, start, end, stages: [...checked.right], on } },
      ]);
    }
    case "AdvanceStage": {
      const { campaignId, stage } = command.data;
      const running = requireRunning(state, campaignId);
      if (running) return running;
      const target = state.stages.findIndex((s) => s.key === stage);
      const current = state.stages[state.currentStage]!;
      if (target < 0)
        return reject(
          "UNKNOWN_STAGE",
          `There is no stage "${stage}"; the stages are ${state.stages.map((s) => s.key).join(", ")}.`,
          "stage",
        );
      if (target === state.currentStage)
        return reject("STAGE_ALREADY_CURRENT", `The campaign is already in stage ${stage}.`, "stage");
      if (target < state.currentStage)
        return reject(
          "STAGE_BACKWARDS",
          `Stages only advance: the campaign is in ${current.key}, after ${stage}.`,
          "stage",
        );
      if (target > state.currentStage + 1)
        return reject(
          "STAGE_SKIPPED",
          `Stages advance one at a time: after ${current.key} comes ${state.stages[state.currentStage + 1]?.key}, not ${stage}.`,
          "stage",
        );
      if (on < state.start)
        return reject(
          "BEFORE_CAMPAIGN_START",
          `The campaign starts on ${state.start}; no stage can advance before then.`,
        );
      return E.right([{ type: "StageAdvanced", data: { campaignId, from: current.key, to: stage, on } }]);
    }
    case "ConcludeCampaign": {
      const { campaignId, summary } = command.data;
      const running = requireRunning(state, campaignId);
      if (running) return running;
      if (state.currentStage !== state.stages.length - 1)
        return reject(
          "CAMPAIGN_NOT_IN_LAST_STAGE",
          `A campaign concludes only in its last stage (${state.stages[state.stages.length - 1]?.key}); it is in ${state.stages[state.currentStage]?.key}.`,
        );
      return E.right([{ type: "CampaignConcluded", data: { campaignId, summary: summary ?? "", on } }]);
    }
    case "AppointLeadGroupMember": {
      const { campaignId, position, unit, person, title } = command.data;
      const running = requireRunning(state, campaignId);
      if (running) return running;
      const members = currentMembers(state);
      const same = members.find((m) => m.person === person && m.unit === unit);
      if (same !== undefined)
        return reject(
          "ALREADY_MEMBER",
          `${person} (${unit}) is already on the lead group as ${same.position}.`,
          "person",
        );
      const leader = members.find((m) => m.position === "leader");
      if (position === "leader" && leader !== undefined)
        return reject(
          "LEADER_ALREADY_APPOINTED",
          `The lead group already has a leader, ${leader.person} (${leader.unit}); remove them first.`,
          "position",
        );
      if (position === "member" && members.some((m) => m.position === "member" && m.unit === unit))
        return reject(
          "UNIT_ALREADY_MEMBER",
          `Unit ${unit} is already a member unit of the lead group.`,
          "unit",
        );
      return E.right([
        {
          type: "LeadGroupMemberAppointed",
          data: { campaignId, position, unit, person, title: title ?? "", on },
        },
      ]);
    }
    case "RemoveLeadGroupMember": {
      const { campaignId, unit, person, reason } = command.data;
      const running = requireRunning(state, campaignId);
      if (running) return running;
      const member = currentMembers(state).find((m) => m.person === person && m.unit === unit);
      if (member === undefined)
        return reject(
          "NOT_A_MEMBER",
          `${person} (${unit}) is not a current member of the lead group.`,
          "person",
        );
      return E.right([
        {
          type: "LeadGroupMemberRemoved",
          data: { campaignId, position: member.position, unit, person, reason, on },
        },
      ]);
    }
  }
};

export const campaignDecider: Decider<CampaignAggregateCommand, CampaignState, CampaignAggregateEvent> = {
  initialState: initialCampaignState,
  decide: decideCampaign,
  evolve: evolveCampaign,
};
