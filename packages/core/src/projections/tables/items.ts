/**
 * The items the read tables keep versions of: each campaign, workstream, task element and
 * responsibility list (as the campaign ledger keeps their histories), each entity, risk, hazard
 * and accident (as the supervision model keeps their states). An item's state is the fold of
 * its events with the very functions the in-process projections use, so a state read from the
 * tables is the state the replay gives.
 */
import { type AccidentEvent, accidentEvents } from "../../accidents/events";
import { evolveAccident, initialAccidentState, isReported } from "../../accidents/state";
import {
  type CampaignAggregateEvent,
  type CampaignEvent,
  campaignDecider,
  type ResponsibilityListEvent,
  responsibilityListDecider,
  type TaskElementEvent,
  taskElementDecider,
  type WorkstreamEvent,
  workstreamDecider,
} from "../../campaign/index";
import type { AssignedTask, TaskPeriodState, TaskState } from "../../campaign/task/state";
import type { WorkstreamState } from "../../campaign/workstream/state";
import type { DomainEvent } from "../../kernel/codec-registry";
import type { StoredEvent } from "../../kernel/envelope";
import { inputIssue, LedgerFailure, validationError } from "../../kernel/errors";
import { reason } from "../../kernel/input-issue-texts";
import { type EntityEvent, entityEvents } from "../../supervision/entity/events";
import { evolveEntity, initialEntityState, isRegistered } from "../../supervision/entity/state";
import { type HazardEvent, hazardEvents } from "../../supervision/hazard/events";
import { evolveHazard, initialHazardState, isHazardRegistered } from "../../supervision/hazard/state";
import { type RiskEvent, riskEvents } from "../../supervision/risk/events";
import { evolveRisk, initialRiskState, isIdentified } from "../../supervision/risk/state";
import { campaignHistoryOf, campaignLedgerProjection } from "../campaign/model";
import { supervisionProjection } from "../supervision/model";

/** The kinds of item, each named for the read model's record it is kept in. */
export const ITEM_KINDS = [
  "campaigns",
  "workstreams",
  "tasks",
  "responsibilityLists",
  "entities",
  "risks",
  "hazards",
  "accidents",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface LedgerItem {
  readonly kind: ItemKind;
  readonly id: string;
}

type Step = (state: unknown, event: DomainEvent) => unknown;

/** A campaign-side item folds every event from its initial state (as `ledgerAsOf` does). */
const fold =
  <S, Ev>(evolve: (s: S, e: Ev) => S, initial: S): Step =>
  (state, event) =>
    evolve((state as S | undefined) ?? initial, event as Ev);

/** A supervision item keeps its state only once it exists (as `applySupervisionEvent` does). */
const keep =
  <S, R extends S, Ev>(evolve: (s: S, e: Ev) => S, initial: S, exists: (s: S) => s is R): Step =>
  (state, event) => {
    const next = evolve((state as S | undefined) ?? initial, event as Ev);
    return exists(next) ? next : state;
  };

const STEPS: Readonly<Record<ItemKind, Step>> = {
  campaigns: fold<unknown, CampaignAggregateEvent>(
    campaignDecider.evolve as (s: unknown, e: CampaignAggregateEvent) => unknown,
    campaignDecider.initialState,
  ),
  workstreams: fold<unknown, WorkstreamEvent>(
    workstreamDecider.evolve as (s: unknown, e: WorkstreamEvent) => unknown,
    workstreamDecider.initialState,
  ),
  tasks: fold<unknown, TaskElementEvent>(
    taskElementDecider.evolve as (s: unknown, e: TaskElementEvent) => unknown,
    taskElementDecider.initialState,
  ),
  responsibilityLists: fold<unknown, ResponsibilityListEvent>(
    responsibilityListDecider.evolve as (s: unknown, e: ResponsibilityListEvent) => unknown,
    responsibilityListDecider.initialState,
  ),
  entities: keep<unknown, unknown, EntityEvent>(
    evolveEntity as (s: unknown, e: EntityEvent) => unknown,
    initialEntityState,
    isRegistered as (s: unknown) => s is unknown,
  ),
  risks: keep<unknown, unknown, RiskEvent>(
    evolveRisk as (s: unknown, e: RiskEvent) => unknown,
    initialRiskState,
    isIdentified as (s: unknown) => s is unknown,
  ),
  hazards: keep<unknown, unknown, HazardEvent>(
    evolveHazard as (s: unknown, e: HazardEvent) => unknown,
    initialHazardState,
    isHazardRegistered as (s: unknown) => s is unknown,
  ),
  accidents: keep<unknown, unknown, AccidentEvent>(
    evolveAccident as (s: unknown, e: AccidentEvent) => unknown,
    initialAccidentState,
    isReported as (s: unknown) => s is unknown,
  ),
};

/** Fold one event into an item's state (`undefined`: the item has no state yet). */
export const stepItem = (kind: ItemKind, state: unknown, event: DomainEvent): unknown =>
  STEPS[kind](state, event);

const fedBy = (prefixes: ReadonlyArray<string> | undefined, stream: string) =>
  prefixes === undefined || prefixes.some((p) => stream.startsWith(p));

/** The supervision record an event type changes (the first registry that knows it wins). */
const supervisionKindOf = (type: string): ItemKind | undefined =>
  entityEvents.has(type)
    ? "entities"
    : riskEvents.has(type)
      ? "risks"
      : hazardEvents.has(type)
        ? "hazards"
        : accidentEvents.has(type)
          ? "accidents"
          : undefined;

/**
 * The items a decoded event changes: the ones the in-process projections would feed it to
 * (by the projections' own stream filters), in the same records and under the same ids.
 */
export const itemsOf = (event: DomainEvent, meta: StoredEvent): ReadonlyArray<LedgerItem> => {
  const items: LedgerItem[] = [];
  if (fedBy(campaignLedgerProjection.filter?.streamPrefixes, meta.stream))
    items.push(campaignHistoryOf(event as CampaignEvent));
  if (fedBy(supervisionProjection.filter?.streamPrefixes, meta.stream)) {
    const kind = supervisionKindOf(event.type);
    if (kind !== undefined) items.push({ kind, id: meta.stream.slice(meta.stream.indexOf("-") + 1) });
  }
  return items;
};

/** The entity an item's state belongs to (risks, hazards, accidents, entities), for filtering. */
export const entityOfState = (kind: ItemKind, state: unknown): string | null => {
  if (kind !== "entities" && kind !== "risks" && kind !== "hazards" && kind !== "accidents") return null;
  const id = (state as { readonly entityId?: unknown }).entityId;
  return typeof id === "string" ? id : null;
};

/**
 * An item's state in a table: its JSON text (states are plain data folded from decoded
 * events). The one encoding both the writing and the reading side use.
 */
export const itemStateJson = {
  encode: (state: unknown): string => JSON.stringify(state),
  decode: (kind: ItemKind, id: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new LedgerFailure(
        validationError(
          [inputIssue("state", reason("INPUT_NOT_JSON", { detail: (error as Error).message }))],
          `the read-table version of ${kind} ${id}`,
        ),
      );
    }
  },
};

/**
 * What the wall chart (`board`) and the overdue list read of a task: its status, code,
 * workstream, element, stage and lead unit, each period's key, due date and status, and the
 * escalations. A store may keep it beside the task's state (`ReadTables.taskSummaries`), so
 * those two answers decode a few fields per task instead of its whole history.
 */
export type TaskSummary =
  | { readonly status: "Unassigned" }
  | (Pick<AssignedTask, "status" | "code" | "workstream" | "element" | "stage" | "leadUnit"> & {
      readonly periods: ReadonlyArray<Pick<TaskPeriodState, "key" | "due" | "status">>;
      readonly escalations: ReadonlyArray<
        Pick<AssignedTask["escalations"][number], "level" | "on" | "note"> & {
          readonly by: { readonly unit: string };
        }
      >;
    });

/**
 * The date from which a task is overdue (`isOverdue(task, date)` exactly when `date` is after
 * it, compared as strings): the earliest due date of a period not yet verified, of an assigned
 * task neither verified nor cancelled; undefined when no date makes it overdue.
 */
export const taskOverdueFrom = (state: TaskState | TaskSummary): string | undefined => {
  if (state.status === "Unassigned" || state.status === "Verified" || state.status === "Cancelled")
    return undefined;
  let earliest: string | undefined;
  for (const p of state.periods)
    if (p.status !== "Verified" && (earliest === undefined || p.due < earliest)) earliest = p.due;
  return earliest;
};

/**
 * What the wall chart reads of a workstream: its name (the overdue list reads none of it). A
 * store may keep it beside the workstream's state (`ReadTables.workstreamSummaries`): the state
 * lists every element and grows with the campaign.
 */
export type WorkstreamSummary = Pick<WorkstreamState, "name">;

/** A workstream's summary (see `WorkstreamSummary`). */
export const workstreamSummaryOf = (state: WorkstreamState): WorkstreamSummary => ({ name: state.name });

/** A task's summary (see `TaskSummary`); the fields in the order the state has them. */
export const taskSummaryOf = (state: TaskState): TaskSummary =>
  state.status === "Unassigned"
    ? { status: state.status }
    : {
        status: state.status,
        code: state.code,
        workstream: state.workstream,
        element: state.element,
        stage: state.stage,
        leadUnit: state.leadUnit,
        periods: state.periods.map((p) => ({ key: p.key, due: p.due, status: p.status })),
        escalations: state.escalations.map((e) => ({
          level: e.level,
          on: e.on,
          note: e.note,
          by: { unit: e.by.unit },
        })),
      };

/**
 * What the wall chart counts an assigned task by, as columns a store can group on
 * (`ReadTables.boardTasks`): its status, workstream, stage and lead unit, and the earliest and
 * latest due dates of its periods not verified (both undefined for a cancelled task, or when
 * every period is verified). A period due on or after a date D can be a next deadline only if
 * `dueLast >= D`; when `dueFirst >= D` every such period of the task is due on or after `dueFirst`.
 */
export interface TaskBoardColumns {
  readonly status: AssignedTask["status"];
  readonly workstream: string;
  readonly stage: string;
  readonly leadUnit: string;
  readonly dueFirst: string | undefined;
  readonly dueLast: string | undefined;
}

/** A task's board columns (see `TaskBoardColumns`); undefined for a task not assigned. */
export const taskBoardColumnsOf = (state: TaskState | TaskSummary): TaskBoardColumns | undefined => {
  if (state.status === "Unassigned") return undefined;
  let dueFirst: string | undefined;
  let dueLast: string | undefined;
  if (state.status !== "Cancelled")
    for (const p of state.periods) {
      if (p.status === "Verified") continue;
      if (dueFirst === undefined || p.due < dueFirst) dueFirst = p.due;
      if (dueLast === undefined || p.due > dueLast) dueLast = p.due;
    }
  return {
    status: state.status,
    workstream: state.workstream,
    stage: state.stage,
    leadUnit: state.leadUnit,
    dueFirst,
    dueLast,
  };
};
