/**
 * The four aggregates of the campaign context, in one module because they read each other's
 * streams (`related`): a task element reads its workstream and campaign; a workstream reads
 * its campaign and, to delist or close, its elements.
 */
import type { Aggregate } from "../kernel/aggregate";
import { EventRegistry } from "../kernel/codec-registry";
import { type CampaignAggregateCommand, campaignCommandCodecs } from "./campaign/commands";
import { campaignDecider } from "./campaign/decider";
import { type CampaignAggregateEvent, campaignAggregateEvents } from "./campaign/events";
import type { CampaignState } from "./campaign/state";
import { taskKey } from "./related";
import { type ResponsibilityListCommand, responsibilityListCommandCodecs } from "./resplist/commands";
import { responsibilityListDecider } from "./resplist/decider";
import { type ResponsibilityListEvent, responsibilityListEvents } from "./resplist/events";
import type { ResponsibilityListState } from "./resplist/state";
import { type TaskElementCommand, taskElementCommandCodecs } from "./task/commands";
import { taskElementDecider } from "./task/decider";
import { type TaskElementEvent, taskElementEvents } from "./task/events";
import type { TaskState } from "./task/state";
import { type WorkstreamCommand, workstreamCommandCodecs } from "./workstream/commands";
import { workstreamDecider } from "./workstream/decider";
import { type WorkstreamEvent, workstreamEvents } from "./workstream/events";
import type { WorkstreamState } from "./workstream/state";

export const campaignStream = (campaignId: string): string => `campaign-${campaignId}`;
export const workstreamStream = (code: string): string => `workstream-${code}`;
export const taskStream = (code: string): string => `task-${code}`;
export const responsibilityListStream = (listId: string): string => `resplist-${listId}`;

export const campaignAggregate: Aggregate<CampaignAggregateCommand, CampaignState, CampaignAggregateEvent> = {
  category: "campaign",
  decider: campaignDecider,
  events: campaignAggregateEvents as EventRegistry<CampaignAggregateEvent>,
  commands: campaignCommandCodecs,
  streamOf: (command) => campaignStream(command.data.campaignId),
};

export const workstreamAggregate: Aggregate<WorkstreamCommand, WorkstreamState, WorkstreamEvent> = {
  category: "workstream",
  decider: workstreamDecider,
  events: workstreamEvents as EventRegistry<WorkstreamEvent>,
  commands: workstreamCommandCodecs,
  streamOf: (command) => workstreamStream(command.data.code),
  related: (command) => {
    switch (command.type) {
      case "DefineWorkstream":
        return [
          { key: "campaign", stream: campaignStream(command.data.campaignId), aggregate: campaignAggregate },
        ];
      case "DelistWorkstreamElement":
        return [
          {
            key: taskKey(command.data.element),
            stream: taskStream(command.data.element),
            aggregate: taskElementAggregate,
          },
        ];
      case "CloseWorkstream":
        return command.data.elements.map((code) => ({
          key: taskKey(code),
          stream: taskStream(code),
          aggregate: taskElementAggregate,
        }));
      default:
        return [];
    }
  },
};

export const taskElementAggregate: Aggregate<TaskElementCommand, TaskState, TaskElementEvent> = {
  category: "task",
  decider: taskElementDecider,
  events: taskElementEvents as EventRegistry<TaskElementEvent>,
  commands: taskElementCommandCodecs,
  streamOf: (command) => taskStream(command.data.code),
  related: (command) => {
    switch (command.type) {
      case "AssignTaskElement":
        return [
          {
            key: "workstream",
            stream: workstreamStream(command.data.workstream),
            aggregate: workstreamAggregate,
          },
          { key: "campaign", stream: campaignStream(command.data.campaignId), aggregate: campaignAggregate },
        ];
      case "VerifyTaskCompletion":
      case "RejectTaskCompletion":
        return [
          {
            key: "workstream",
            stream: workstreamStream(command.data.workstream),
            aggregate: workstreamAggregate,
          },
        ];
      default:
        return [];
    }
  },
};

export const responsibilityListAggregate: Aggregate<
  ResponsibilityListCommand,
  ResponsibilityListState,
  ResponsibilityListEvent
> = {
  category: "resplist",
  decider: responsibilityListDecider,
  events: responsibilityListEvents as EventRegistry<ResponsibilityListEvent>,
  commands: responsibilityListCommandCodecs,
  streamOf: (command) => responsibilityListStream(command.data.listId),
};

/** Every aggregate of the campaign context (for a command catalogue). */
export const campaignAggregates = [
  campaignAggregate,
  workstreamAggregate,
  taskElementAggregate,
  responsibilityListAggregate,
] as const;

/** Every event of the campaign context. */
export type CampaignEvent =
  | CampaignAggregateEvent
  | WorkstreamEvent
  | TaskElementEvent
  | ResponsibilityListEvent;
/** Every command of the campaign context. */
export type CampaignCommand =
  | CampaignAggregateCommand
  | WorkstreamCommand
  | TaskElementCommand
  | ResponsibilityListCommand;

/** One registry that decodes every event of the campaign context. */
export const campaignEvents: EventRegistry<CampaignEvent> = EventRegistry.merge(
  campaignAggregateEvents,
  workstreamEvents,
  taskElementEvents,
  responsibilityListEvents,
) as EventRegistry<CampaignEvent>;
