/** The folded state of a campaign stream. */
import type { CampaignAggregateEvent, CampaignStage, LeadGroupPosition } from "./events";

export interface LeadGroupMembership {
  readonly position: LeadGroupPosition;
  readonly unit: string;
  readonly person: string;
  readonly title: string;
  readonly from: string;
  /** Set when the member was removed. */
  readonly to?: string;
  readonly removalReason?: string;
}

export type CampaignStatus = "NotLaunched" | "Running" | "Concluded";

export interface CampaignState {
  readonly status: CampaignStatus;
  readonly campaignId: string;
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly stages: ReadonlyArray<CampaignStage>;
  /** Index into `stages` of the current stage (-1 before launch). */
  readonly currentStage: number;
  /** When each stage was entered, in order. */
  readonly stageHistory: ReadonlyArray<{ readonly stage: string; readonly on: string }>;
  /** Every membership ever held, current ones without `to`. */
  readonly memberships: ReadonlyArray<LeadGroupMembership>;
  readonly concludedOn?: string;
}

export const initialCampaignState: CampaignState = {
  status: "NotLaunched",
  campaignId: "",
  name: "",
  start: "",
  end: "",
  stages: [],
  currentStage: -1,
  stageHistory: [],
  memberships: [],
};

export const currentMembers = (state: CampaignState): ReadonlyArray<LeadGroupMembership> =>
  state.memberships.filter((m) => m.to === undefined);

export const currentStageOf = (state: CampaignState): CampaignStage | undefined =>
  state.stages[state.currentStage];

export const evolveCampaign = (state: CampaignState, event: CampaignAggregateEvent): CampaignState => {
  switch (event.type) {
    case "CampaignLaunched": {
      const { campaignId, name, start, end, stages, on } = event.data;
      const first = stages[0]?.key;
      return {
        ...state,
        status: "Running",
        campaignId,
        name,
        start,
        end,
        stages,
        currentStage: 0,
        stageHistory: first === undefined ? [] : [{ stage: first, on }],
      };
    }
    case "StageAdvanced": {
      const index = state.stages.findIndex((s) => s.key === event.data.to);
      return {
        ...state,
        currentStage: index,
        stageHistory: [...state.stageHistory, { stage: event.data.to, on: event.data.on }],
      };
    }
    case "CampaignConcluded":
      return { ...state, status: "Concluded", concludedOn: event.data.on };
    case "LeadGroupMemberAppointed": {
      const { position, unit, person, title, on } = event.data;
      return { ...state, memberships: [...state.memberships, { position, unit, person, title, from: on }] };
    }
    case "LeadGroupMemberRemoved": {
      const { unit, person, reason, on } = event.data;
      return {
        ...state,
        memberships: state.memberships.map((m) =>
          m.to === undefined && m.unit === unit && m.person === person
            ? { ...m, to: on, removalReason: reason }
            : m,
        ),
      };
    }
  }
};
