/**
 * The read-tables port: read models kept as bitemporal state versions in a store's own
 * database, caught up incrementally from a checkpoint, and read as of a business date and as
 * known at a record date by a query instead of a replay. A store implements it beside its
 * events (SQLite: `store.readTables`); the readers below turn what it returns into the read
 * models the existing queries take, so an answer from the tables is the replay's answer.
 */
import type { ChainProblem } from "../../kernel/hash-chain";
import type { ReadModelStamp, TimeSlice } from "../../kernel/projection";
import type { CampaignLedgerStates } from "../campaign/model";
import {
  type WallChart,
  type WallChartTally,
  type WallChartTask,
  wallChart,
  wallChartOf,
} from "../campaign/queries";
import type { SupervisionModel } from "../supervision/model";
import type { ItemKind, TaskSummary, WorkstreamSummary } from "./items";

/**
 * The version of the tables' content: bump it whenever what a version holds changes (an
 * evolve function, the items, the state encoding), so stores build the new tables beside the
 * old ones and swap to them once caught up.
 */
export const READ_TABLES_VERSION = 2;

export interface CatchUpReport {
  /** Events read from the store in this catch-up. */
  readonly events: number;
  /** The store position the tables reflect now (undefined: an empty store). */
  readonly position: bigint | undefined;
  /** Versions written (added) in this catch-up. */
  readonly versions: number;
  /**
   * The broken chain links (tampering) met by this catch-up and the ones before, reported
   * again each time as a replay would. A store that can tell its rows were changed rebuilds
   * from zero; `audit verify` checks the whole ledger in any case.
   */
  readonly brokenLinks: ReadonlyArray<ChainProblem>;
}

export interface CatchUpOptions {
  /** Called for every event read, with its position (progress). */
  readonly onEvent?: (position: bigint) => void;
}

export interface ReadTables {
  /**
   * Apply every event appended since the checkpoint. Each page of events is applied in one
   * transaction with the checkpoint, so the tables are never ahead of or behind it.
   */
  catchUp(options?: CatchUpOptions): Promise<CatchUpReport>;
  /** Drop the tables and build them again from the first event. */
  rebuild(options?: CatchUpOptions): Promise<CatchUpReport>;
  /**
   * The states of the items of one kind as of `slice.asOf` and known at `slice.knownAt` (no
   * bound: every event), by id in ascending order; `entity` keeps only those of one entity.
   * Reads what the tables hold: catch up first.
   */
  states(
    kind: ItemKind,
    slice: TimeSlice,
    filter?: { readonly entity?: string },
  ): Promise<ReadonlyMap<string, unknown>>;
  /** The stamp a replay of the store (as known at `slice.knownAt`, as of `slice.asOf`) reports. */
  stamp(slice: TimeSlice): Promise<ReadModelStamp>;
  /**
   * Optional: the summaries (`taskSummaryOf`) of the tasks' states as of `slice.asOf` and known
   * at `slice.knownAt`, by id in ascending order: what `states("tasks", slice)` returns, each
   * state summarised. A store that keeps them beside the states answers the wall chart and the
   * overdue list without decoding every task's history; without it they read the states.
   */
  taskSummaries?(
    slice: TimeSlice,
    /** `overdueOn`: only the tasks overdue on that date (`isOverdue`, i.e. `taskOverdueFrom` before it). */
    filter?: { readonly overdueOn?: string },
  ): Promise<ReadonlyMap<string, TaskSummary>>;
  /**
   * Optional: the summaries (`workstreamSummaryOf`) of the workstreams' states as of
   * `slice.asOf` and known at `slice.knownAt`, by id in ascending order, for the wall chart
   * (a workstream's state lists all its elements); without it the wall chart reads the states.
   */
  workstreamSummaries?(slice: TimeSlice): Promise<ReadonlyMap<string, WorkstreamSummary>>;
  /**
   * Optional: the wall chart's tasks as of `slice.asOf` (a date) and known at `slice.knownAt`,
   * counted in the store (`WallChartTally`, overdue on `slice.asOf`), with the summaries of the
   * assigned tasks that may hold a cell's next deadlines, so the board reads a few rows instead
   * of every task. Undefined: not for this slice (the board then reads the summaries).
   */
  boardTasks?(slice: TimeSlice & { readonly asOf: string }): Promise<BoardTasks | undefined>;
}

/** The wall chart's tasks as a store counts them (`ReadTables.boardTasks`). */
export interface BoardTasks {
  readonly tallies: ReadonlyArray<WallChartTally>;
  /**
   * By id in ascending order: assigned tasks' summaries among which are all those holding a
   * cell's next deadlines (five per cell; ties on a due date all kept).
   */
  readonly deadlineTasks: ReadonlyMap<string, TaskSummary>;
}

const record = <T>(states: ReadonlyMap<string, unknown>): Record<string, T> => {
  const out: Record<string, T> = {};
  for (const [id, state] of states) out[id] = state as T;
  return out;
};

/**
 * The supervision model as of a date and known at a date, from the tables (`entity`: only that
 * entity and its risks, hazards and accidents, what `supervision <entity>` reads).
 */
export const supervisionFromTables = async (
  tables: ReadTables,
  slice: TimeSlice,
  entity?: string,
  /** Only these records are read (the others are left empty), e.g. `["accidents"]` for the statistics. */
  records: ReadonlyArray<keyof SupervisionModel> = ["entities", "risks", "hazards", "accidents"],
): Promise<SupervisionModel> => {
  const filter = entity === undefined ? {} : { entity };
  const none: ReadonlyMap<string, unknown> = new Map();
  const read = (kind: keyof SupervisionModel) =>
    records.includes(kind) ? tables.states(kind, slice, filter) : Promise.resolve(none);
  const [entities, risks, hazards, accidents] = await Promise.all([
    read("entities"),
    read("risks"),
    read("hazards"),
    read("accidents"),
  ]);
  return {
    entities: record(entities),
    risks: record(risks),
    hazards: record(hazards),
    accidents: record(accidents),
  };
};

/** The campaign states as of `asOf` (known at `knownAt`), from the tables. */
export const campaignFromTables = async (
  tables: ReadTables,
  asOf: string,
  knownAt?: string,
): Promise<CampaignLedgerStates> => {
  const slice = knownAt === undefined ? { asOf } : { asOf, knownAt };
  const [campaigns, workstreams, tasks, responsibilityLists] = await Promise.all([
    tables.states("campaigns", slice),
    tables.states("workstreams", slice),
    tables.states("tasks", slice),
    tables.states("responsibilityLists", slice),
  ]);
  return {
    statesAsOf: asOf,
    campaigns: campaigns as CampaignLedgerStates["campaigns"],
    workstreams: workstreams as CampaignLedgerStates["workstreams"],
    tasks: tasks as CampaignLedgerStates["tasks"],
    responsibilityLists: responsibilityLists as CampaignLedgerStates["responsibilityLists"],
  };
};

/**
 * The campaign states the wall chart (`wallChart`) and the overdue list (`overdueList`) read,
 * as of `asOf` (known at `knownAt`): the tasks as their summaries where the tables keep them
 * (`ReadTables.taskSummaries`), which hold every field those two queries read, so their answers
 * are the ones the full states give (the property tests check it). Only for those two queries:
 * the other campaign queries read fields a summary leaves out.
 */
export const campaignForBoardFromTables = async (
  tables: ReadTables,
  asOf: string,
  knownAt?: string,
  /** Only the tasks overdue as of `asOf`: all the overdue list reads (not the wall chart). */
  overdueOnly = false,
): Promise<CampaignLedgerStates> => {
  if (tables.taskSummaries === undefined) return campaignFromTables(tables, asOf, knownAt);
  const slice = knownAt === undefined ? { asOf } : { asOf, knownAt };
  const [campaigns, workstreams, tasks] = await Promise.all([
    tables.states("campaigns", slice),
    tables.workstreamSummaries?.(slice) ?? tables.states("workstreams", slice),
    tables.taskSummaries(slice, overdueOnly ? { overdueOn: asOf } : {}),
  ]);
  return {
    statesAsOf: asOf,
    campaigns: campaigns as CampaignLedgerStates["campaigns"],
    // a summary has every field of a task (a workstream) state the two queries read
    workstreams: workstreams as unknown as CampaignLedgerStates["workstreams"],
    tasks: tasks as unknown as CampaignLedgerStates["tasks"],
    responsibilityLists: new Map(),
  };
};

/**
 * The wall chart (`wallChart`) as of `asOf` (known at `knownAt`), from the tables: counted by
 * the store where it can (`ReadTables.boardTasks`), else from the tasks' summaries
 * (`campaignForBoardFromTables`); the same chart either way (the property tests check it).
 */
export const wallChartFromTables = async (
  tables: ReadTables,
  asOf: string,
  knownAt?: string,
): Promise<WallChart> => {
  const slice = knownAt === undefined ? { asOf } : { asOf, knownAt };
  const counted = await tables.boardTasks?.(slice);
  if (counted === undefined) return wallChart(await campaignForBoardFromTables(tables, asOf, knownAt), asOf);
  const [campaigns, workstreams] = await Promise.all([
    tables.states("campaigns", slice),
    tables.workstreamSummaries?.(slice) ?? tables.states("workstreams", slice),
  ]);
  const deadlineTasks: WallChartTask[] = [];
  for (const t of counted.deadlineTasks.values()) if (t.status !== "Unassigned") deadlineTasks.push(t);
  return wallChartOf(
    {
      campaigns: campaigns as CampaignLedgerStates["campaigns"],
      workstreams: workstreams as ReadonlyMap<string, WorkstreamSummary>,
      tallies: counted.tallies,
      deadlineTasks,
    },
    asOf,
  );
};
