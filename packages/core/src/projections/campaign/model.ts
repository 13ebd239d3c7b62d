/**
 * The read model of the campaign context. Each stream's events are kept with their business
 * time, so any query can be answered "as of" a date by folding only the events that occurred
 * by then, with the aggregates' own `evolve`: the view as of D is exactly what the projection
 * of the events up to D gives, even when events were entered late (backdated).
 *
 * A stream's history is compact: the instants (UTC ms, in a plain array of numbers), the event
 * types (shared strings) and the decoded data, side by side in stream order; no envelope, no
 * metadata, no object per event. A query rebuilds `{ type, data }` for the events it folds.
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
import { parseInstant } from "../../kernel/instant";
import { endOf, type Projection } from "../../kernel/projection";

/** One stream's events in stream order: when each occurred (UTC ms), its type and its data. */
export interface StreamHistory<Ev extends CampaignEvent> {
  readonly at: ReadonlyArray<number>;
  readonly types: ReadonlyArray<Ev["type"]>;
  readonly data: ReadonlyArray<Ev["data"]>;
  /**
   * The instants never decrease in stream order (nothing was backdated before an event already
   * in the stream), so the events up to any instant are a prefix of the stream.
   */
  readonly ordered: boolean;
}

type Histories<Ev extends CampaignEvent> = ReadonlyMap<string, StreamHistory<Ev>>;

export interface CampaignLedgerModel {
  readonly campaigns: Histories<CampaignAggregateEvent>;
  readonly workstreams: Histories<WorkstreamEvent>;
  readonly tasks: Histories<TaskElementEvent>;
  readonly responsibilityLists: Histories<ResponsibilityListEvent>;
}

type Mutable<Ev extends CampaignEvent> = {
  at: number[];
  types: Ev["type"][];
  data: Ev["data"][];
  ordered: boolean;
};

const empty: CampaignLedgerModel = {
  campaigns: new Map(),
  workstreams: new Map(),
  tasks: new Map(),
  responsibilityLists: new Map(),
};

/** Which histories of the model an event belongs to (its id is `idOf`); tasks otherwise. */
const KIND = new Map<string, keyof CampaignLedgerModel>([
  ["CampaignLaunched", "campaigns"],
  ["StageAdvanced", "campaigns"],
  ["CampaignConcluded", "campaigns"],
  ["LeadGroupMemberAppointed", "campaigns"],
  ["LeadGroupMemberRemoved", "campaigns"],
  ["WorkstreamDefined", "workstreams"],
  ["WorkstreamUnitsChanged", "workstreams"],
  ["WorkstreamElementsListed", "workstreams"],
  ["WorkstreamElementDelisted", "workstreams"],
  ["WorkstreamClosed", "workstreams"],
  ["ResponsibilityListPublished", "responsibilityLists"],
  ["ResponsibilityListRevised", "responsibilityLists"],
  ["DutyPerformed", "responsibilityLists"],
]);

const kindOf = (type: string): keyof CampaignLedgerModel => KIND.get(type) ?? "tasks";

/** One shared copy of each event type's name (the decoded events each carry their own). */
const typeNames = new Map<string, string>();
const shared = (type: string): string => {
  const known = typeNames.get(type);
  if (known !== undefined) return known;
  typeNames.set(type, type);
  return type;
};

const idOf = (event: CampaignEvent, kind: keyof CampaignLedgerModel): string => {
  switch (kind) {
    case "campaigns":
      return (event as CampaignAggregateEvent).data.campaignId;
    case "responsibilityLists":
      return (event as ResponsibilityListEvent).data.listId;
    default:
      return (event as WorkstreamEvent | TaskElementEvent).data.code;
  }
};

const push = (history: Mutable<CampaignEvent>, at: number, event: CampaignEvent): void => {
  const n = history.at.length;
  if (n > 0 && !(at >= history.at[n - 1]!)) history.ordered = false;
  history.at.push(at);
  history.types.push(shared(event.type) as CampaignEvent["type"]);
  history.data.push(event.data);
};

const start = (at: number, event: CampaignEvent): Mutable<CampaignEvent> => ({
  at: [at],
  types: [shared(event.type) as CampaignEvent["type"]],
  data: [event.data],
  // NaN (an unparsable instant) is never "as of" anything; it does not keep a prefix ordered
  ordered: !Number.isNaN(at),
});

const copyOf = <Ev extends CampaignEvent>(h: StreamHistory<Ev>): Mutable<Ev> => ({
  at: h.at.slice(),
  types: h.types.slice(),
  data: h.data.slice(),
  ordered: h.ordered,
});

const copyAll = <Ev extends CampaignEvent>(histories: Histories<Ev>): Map<string, StreamHistory<Ev>> => {
  const out = new Map<string, StreamHistory<Ev>>();
  for (const [id, h] of histories) out.set(id, copyOf(h));
  return out;
};

/** Folds every event of the campaign context into per-stream histories. Pure; rebuildable. */
export const campaignLedgerProjection: Projection<CampaignLedgerModel, CampaignEvent> = {
  name: "campaign-ledger",
  init: empty,
  filter: { streamPrefixes: ["campaign-", "workstream-", "task-", "resplist-"] },
  apply: (model, { event, meta }) => {
    const kind = kindOf(event.type);
    const id = idOf(event, kind);
    const at = parseInstant(meta.metadata.occurredAt);
    const histories = new Map(model[kind] as Histories<CampaignEvent>);
    const before = histories.get(id);
    let history: Mutable<CampaignEvent>;
    if (before === undefined) history = start(at, event);
    else {
      history = copyOf(before);
      push(history, at, event);
    }
    histories.set(id, history);
    return { ...model, [kind]: histories };
  },
  inPlace: {
    copy: (model) => ({
      campaigns: copyAll(model.campaigns),
      workstreams: copyAll(model.workstreams),
      tasks: copyAll(model.tasks),
      responsibilityLists: copyAll(model.responsibilityLists),
    }),
    apply: (model, { event, meta }) => {
      const kind = kindOf(event.type);
      const id = idOf(event, kind);
      const at = parseInstant(meta.metadata.occurredAt);
      const histories = model[kind] as Map<string, Mutable<CampaignEvent>>;
      const history = histories.get(id);
      if (history === undefined) histories.set(id, start(at, event));
      else push(history, at, event);
    },
  },
};

/** How many of the first events of an ordered history occurred by `cutoff` (binary search). */
const prefixUpTo = (at: ReadonlyArray<number>, cutoff: number): number => {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid]! <= cutoff) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The state of one stream folded from the events that occurred by `cutoff`, or undefined if none. */
const stateAsOf = <S, Ev extends CampaignEvent>(
  h: StreamHistory<Ev>,
  cutoff: number,
  evolve: (s: S, e: Ev) => S,
  initial: S,
): S | undefined => {
  let state = initial;
  let folded = 0;
  if (h.ordered) {
    const n = prefixUpTo(h.at, cutoff);
    for (let i = 0; i < n; i++) state = evolve(state, { type: h.types[i], data: h.data[i] } as Ev);
    folded = n;
  } else
    for (let i = 0; i < h.at.length; i++)
      if (h.at[i]! <= cutoff) {
        state = evolve(state, { type: h.types[i], data: h.data[i] } as Ev);
        folded += 1;
      }
  return folded === 0 ? undefined : state;
};

const statesAsOf = <S, Ev extends CampaignEvent>(
  histories: Histories<Ev>,
  asOf: string,
  evolve: (s: S, e: Ev) => S,
  initial: S,
): Map<string, S> => {
  const cutoff = endOf(asOf);
  const out = new Map<string, S>();
  for (const id of [...histories.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const state = stateAsOf(histories.get(id)!, cutoff, evolve, initial);
    if (state !== undefined) out.set(id, state);
  }
  return out;
};

/** The state of every stream as of a date, sorted by id: what the campaign queries read. */
export interface CampaignLedgerStates {
  /** The date (or instant) the states are as of. */
  readonly statesAsOf: string;
  readonly campaigns: ReadonlyMap<string, CampaignState>;
  readonly workstreams: ReadonlyMap<string, WorkstreamState>;
  readonly tasks: ReadonlyMap<string, TaskState>;
  readonly responsibilityLists: ReadonlyMap<string, ResponsibilityListState>;
}

/** Which history of the model an event belongs to, and the id it is kept under there. */
export const campaignHistoryOf = (event: CampaignEvent): { kind: keyof CampaignLedgerModel; id: string } => {
  const kind = kindOf(event.type);
  return { kind, id: idOf(event, kind) };
};

/**
 * The states the campaign queries read: the model folded as of `asOf`, or states already
 * folded as of that date (read from a store's read tables).
 */
export const ledgerAt = (
  model: CampaignLedgerModel | CampaignLedgerStates,
  asOf: string,
): CampaignLedgerStates => {
  if (!("statesAsOf" in model)) return ledgerAsOf(model, asOf);
  if (model.statesAsOf !== asOf)
    throw new RangeError(`states as of ${model.statesAsOf} were asked about ${asOf}`);
  return model;
};

/** The state of every stream as of the end of a date (Guangyuan time), sorted by id. */
export const ledgerAsOf = (model: CampaignLedgerModel, asOf: string): CampaignLedgerStates => ({
  statesAsOf: asOf,
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
