/** The campaign decider: launch, stages one at a time, the lead group, conclusion. */
import * as E from "fp-ts/lib/Either.js";
import type { CommandContext, Decider, Rejection } from "../../kernel/decider";
import { errorsOf } from "../../kernel/error-texts";
import { mayIssue } from "../permissions";
import { businessDate } from "../values";
import { CAMPAIGN_ERROR_TEXTS } from "./campaign-error-texts";
import type { CampaignAggregateCommand } from "./commands";
import type { CampaignAggregateEvent } from "./events";
import { checkStages } from "./rules";
import { type CampaignState, currentMembers, evolveCampaign, initialCampaignState } from "./state";

const { reject: campaignReject } = errorsOf(CAMPAIGN_ERROR_TEXTS);

type Decision = E.Either<Rejection, ReadonlyArray<CampaignAggregateEvent>>;

const requireRunning = (state: CampaignState, campaignId: string): Decision | undefined => {
  if (state.status === "NotLaunched")
    return campaignReject("CAMPAIGN_NOT_LAUNCHED", { campaignId }, "campaignId");
  if (state.status === "Concluded")
    return campaignReject("CAMPAIGN_CONCLUDED", { campaignId, concludedOn: state.concludedOn }, "campaignId");
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
        return campaignReject("CAMPAIGN_ALREADY_LAUNCHED", { campaignId }, "campaignId");
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
        return campaignReject(
          "UNKNOWN_STAGE",
          { stage, stages: state.stages.map((s) => s.key).join(", ") },
          "stage",
        );
      if (target === state.currentStage) return campaignReject("STAGE_ALREADY_CURRENT", { stage }, "stage");
      if (target < state.currentStage)
        return campaignReject("STAGE_BACKWARDS", { current: current.key, stage }, "stage");
      if (target > state.currentStage + 1)
        return campaignReject(
          "STAGE_SKIPPED",
          { current: current.key, next: state.stages[state.currentStage + 1]?.key, stage },
          "stage",
        );
      if (on < state.start) return campaignReject("BEFORE_CAMPAIGN_START", { start: state.start });
      return E.right([{ type: "StageAdvanced", data: { campaignId, from: current.key, to: stage, on } }]);
    }
    case "ConcludeCampaign": {
      const { campaignId, summary } = command.data;
      const running = requireRunning(state, campaignId);
      if (running) return running;
      if (state.currentStage !== state.stages.length - 1)
        return campaignReject("CAMPAIGN_NOT_IN_LAST_STAGE", {
          last: state.stages[state.stages.length - 1]?.key,
          current: state.stages[state.currentStage]?.key,
        });
      return E.right([{ type: "CampaignConcluded", data: { campaignId, summary: summary ?? "", on } }]);
    }
    case "AppointLeadGroupMember": {
      const { campaignId, position, unit, person, title } = command.data;
      const running = requireRunning(state, campaignId);
      if (running) return running;
      const members = currentMembers(state);
      const same = members.find((m) => m.person === person && m.unit === unit);
      if (same !== undefined)
        return campaignReject("ALREADY_MEMBER", { person, unit, position: same.position }, "person");
      const leader = members.find((m) => m.position === "leader");
      if (position === "leader" && leader !== undefined)
        return campaignReject(
          "LEADER_ALREADY_APPOINTED",
          { person: leader.person, unit: leader.unit },
          "position",
        );
      if (position === "member" && members.some((m) => m.position === "member" && m.unit === unit))
        return campaignReject("UNIT_ALREADY_MEMBER", { unit }, "unit");
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
      if (member === undefined) return campaignReject("NOT_A_MEMBER", { person, unit }, "person");
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
