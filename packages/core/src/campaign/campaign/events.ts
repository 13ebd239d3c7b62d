/** Events of the campaign stream `campaign-<id>`. */
import * as t from "io-ts";
import { defineEvent, type EventOf, EventRegistry } from "../../kernel/codec-registry";
import { DateString } from "../values";

export const CampaignStageCodec = t.type({
  key: t.string,
  name: t.string,
  start: DateString,
  end: DateString,
});
export type CampaignStage = t.TypeOf<typeof CampaignStageCodec>;

export const LeadGroupPositionCodec = t.keyof({ leader: null, deputy: null, member: null });
export type LeadGroupPosition = t.TypeOf<typeof LeadGroupPositionCodec>;

export const CampaignLaunched = defineEvent(
  "CampaignLaunched",
  t.type({
    campaignId: t.string,
    name: t.string,
    start: DateString,
    end: DateString,
    stages: t.array(CampaignStageCodec),
    on: DateString,
  }),
);
export const StageAdvanced = defineEvent(
  "StageAdvanced",
  t.type({ campaignId: t.string, from: t.string, to: t.string, on: DateString }),
);
export const CampaignConcluded = defineEvent(
  "CampaignConcluded",
  t.type({ campaignId: t.string, summary: t.string, on: DateString }),
);
export const LeadGroupMemberAppointed = defineEvent(
  "LeadGroupMemberAppointed",
  t.type({
    campaignId: t.string,
    position: LeadGroupPositionCodec,
    unit: t.string,
    person: t.string,
    title: t.string,
    on: DateString,
  }),
);
export const LeadGroupMemberRemoved = defineEvent(
  "LeadGroupMemberRemoved",
  t.type({
    campaignId: t.string,
    position: LeadGroupPositionCodec,
    unit: t.string,
    person: t.string,
    reason: t.string,
    on: DateString,
  }),
);

export const campaignAggregateEvents = EventRegistry.of(
  CampaignLaunched,
  StageAdvanced,
  CampaignConcluded,
  LeadGroupMemberAppointed,
  LeadGroupMemberRemoved,
);

export type CampaignAggregateEvent =
  | EventOf<typeof CampaignLaunched>
  | EventOf<typeof StageAdvanced>
  | EventOf<typeof CampaignConcluded>
  | EventOf<typeof LeadGroupMemberAppointed>
  | EventOf<typeof LeadGroupMemberRemoved>;
