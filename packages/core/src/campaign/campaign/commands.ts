/** Commands of the campaign aggregate, with the codecs of their data. */
import * as t from "io-ts";
import type { DomainCommand } from "../../kernel/decider";
import { Code, DateString, NonEmptyString } from "../values";
import { LeadGroupPositionCodec } from "./events";

export const StageInputCodec = t.intersection([
  t.type({ key: NonEmptyString, start: DateString, end: DateString }),
  /** Defaults to the name in `CAMPAIGN_STAGES`. */
  t.partial({ name: NonEmptyString }),
]);

export const campaignCommandCodecs = {
  LaunchCampaign: t.type({
    campaignId: Code,
    name: NonEmptyString,
    start: DateString,
    end: DateString,
    stages: t.array(StageInputCodec),
  }),
  AdvanceStage: t.type({ campaignId: Code, stage: NonEmptyString }),
  ConcludeCampaign: t.intersection([t.type({ campaignId: Code }), t.partial({ summary: t.string })]),
  AppointLeadGroupMember: t.intersection([
    t.type({
      campaignId: Code,
      position: LeadGroupPositionCodec,
      unit: NonEmptyString,
      person: NonEmptyString,
    }),
    t.partial({ title: t.string }),
  ]),
  RemoveLeadGroupMember: t.type({
    campaignId: Code,
    unit: NonEmptyString,
    person: NonEmptyString,
    reason: NonEmptyString,
  }),
};

type Codecs = typeof campaignCommandCodecs;
export type CampaignAggregateCommand = {
  [K in keyof Codecs]: DomainCommand<K, t.TypeOf<Codecs[K]>>;
}[keyof Codecs];
