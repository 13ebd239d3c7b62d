/**
 * The read model of the campaign context. Each stream's events are kept with their business
 * time, so any query can be answered "as of" a date by folding only the events that occurred
 * by then, with the aggregates' own `evolve`: the view as of D is exactly what the projection
 * of the events up to D gives, even when events were entered late (backdated).
 */
import {
  type CampaignAggregateEvent,
  type CampaignEvent,
  type CampaignState,
  campaignDecider,
  type ResponsibilityListEvent,
  type ResponsibilityListState,
  responsibilityListDecider,
  type TaskElementEvent,
  type TaskState,
  taskElementDecider,
  type WorkstreamEvent,
  type WorkstreamState,
  workstreamDecider,
} from "../../campaign/index";
import { fold } from "../../kernel/decider";
import { endOf, type Projection } from "../../kernel/projection";

/** An event with the instant (UTC ms) it occurred. */
export interface Dated<Ev> {
  readonly at: number;
  readonly event: Ev;
}

type Timelines<Ev> = ReadonlyMap<string, ReadonlyArray<Dated<Ev>>>;

export interface CampaignLedgerModel {
  readonly campaigns: Timelines<CampaignAggregateEvent>;
  readonly workstreams: Timelines<WorkstreamEvent>;
  readonly tasks: Timelines<TaskElementEvent>;
  readonly responsibilityLists: Timelines<ResponsibilityListEvent>;
}

const empty: CampaignLedgerModel = {
  campaigns: new Map(),
  workstreams: new Map(),
  tasks: new Map(),
  responsibilityLists: new Map(),
};

const append = <Ev>(timelines: Timelines<Ev>, id: string, dated: Dated<Ev>): Timelines<Ev> => {
  const next = new Map(timelines);
  next.set(id, [...(timelines.get(id) ?? []), dated]);
  return next;
};

/** Which timeline of the model an event belongs to, and under which id. */
const placeOf = (event: CampaignEvent): [keyof CampaignLedgerModel, string] => {
  switch (event.type) {
    case "CampaignLaunched":
    case "StageAdvanced":
    case "CampaignConcluded":
    case "LeadGroupMemberAppointed":
    case "LeadGroupMemberRemoved":
      return ["campaigns", event.data.campaignId];
    case "WorkstreamDefined":
    case "WorkstreamUnitsChanged":
    case "WorkstreamElementsListed":
    case "WorkstreamElementDelisted":
    case "WorkstreamClosed":
      return ["workstreams", event.data.code];
    case "ResponsibilityListPublished":
    case "ResponsibilityListRevised":
    case "DutyPerformed":
      return ["responsibilityLists", event.data.listId];
    default:
      return ["tasks", event.data.code];
  }
};

/** Folds every event of the campaign context into per-stream timelines. Pure; rebuildable. */
export const campaignLedgerProjection: Projection<CampaignLedgerModel, CampaignEvent> = {
  name: "campaign-ledger",
  init: empty,
  filter: { streamPrefixes: ["campaign-", "workstream-", "task-", "resplist-"] },
  apply: (model, { event, meta }) => {
    const [key, id] = placeOf(event);
    const timelines = model[key] as Timelines<CampaignEvent>;
    return { ...model, [key]: append(timelines, id, { at: Date.parse(meta.metadata.occurredAt), event }) };
  },
  inPlace: {
    copy: (model) => ({
      campaigns: new Map([...model.campaigns].map(([id, t]) => [id, [...t]])),
      workstreams: new Map([...model.workstreams].map(([id, t]) => [id, [...t]])),
      tasks: new Map([...model.tasks].map(([id, t]) => [id, [...t]])),
      responsibilityLists: new Map([...model.responsibilityLists].map(([id, t]) => [id, [...t]])),
    }),
    apply: (model, { event, meta }) => {
      const [key, id] = placeOf(event);
      const timelines = model[key] as Map<string, Dated<CampaignEvent>[]>;
      const dated = { at: Date.parse(meta.metadata.occurredAt), event };
      const timeline = timelines.get(id);
      if (timeline === undefined) timelines.set(id, [dated]);
      else timeline.push(dated);
    },
  },
};

const statesAsOf = <S, Ev>(
  timelines: Timelines<Ev>,
  asOf: string,
  evolve: (s: S, e: Ev) => S,
  initial: S,
): Map<string, S> => {
  const cutoff = endOf(asOf);
  const out = new Map<string, S>();
  for (const [id, timeline] of [...timelines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const events = timeline.filter((d) => d.at <= cutoff).map((d) => d.event);
    if (events.length > 0) out.set(id, fold(evolve, initial)(events));
  }
  return out;
};

/** The state of every stream as of the end of a date (Guangyuan time), sorted by id. */
export const ledgerAsOf = (model: CampaignLedgerModel, asOf: string) => ({
  campaigns: statesAsOf<CampaignState, CampaignAggregateEvent>(
    model.campaigns,
    asOf,
    campaignDecider.evolve,
    campaignDecider.initialState,
  ),
  workstreams: statesAsOf<WorkstreamState, WorkstreamEvent>(
    model.workstreams,
    asOf,
    workstreamDecider.evolve,
    workstreamDecider.initialState,
  ),
  tasks: statesAsOf<TaskState, TaskElementEvent>(
    model.tasks,
    asOf,
    taskElementDecider.evolve,
    taskElementDecider.initialState,
  ),
  responsibilityLists: statesAsOf<ResponsibilityListState, ResponsibilityListEvent>(
    model.responsibilityLists,
    asOf,
    responsibilityListDecider.evolve,
    responsibilityListDecider.initialState,
  ),
});
