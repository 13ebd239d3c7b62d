/**
 * Queries over the campaign read model, each "as of" a date: the wall chart (挂图作战), the Key
 * Task List, the overdue and escalation list, and responsibility performance. Pure: the date
 * is an argument, never the clock.
 */
import {
  type AssignedTask,
  type CampaignState,
  type DutyPeriodRow,
  dutyPeriods,
  isOverdue,
  isTaskAssigned,
  missedTaskPeriods,
  nextTaskDue,
  TASK_ESCALATION_LEVELS,
  TASK_STATUSES,
  type TaskEscalationLevel,
  type TaskStatus,
  taskDeadline,
  taskOverdueDays,
  type WorkstreamState,
} from "../../campaign/index";
import { type CampaignLedgerModel, type CampaignLedgerStates, ledgerAt } from "./model";

const assignedTasks = (model: CampaignLedgerModel | CampaignLedgerStates, asOf: string) => {
  const ledger = ledgerAt(model, asOf);
  const tasks = [...ledger.tasks.values()].filter(isTaskAssigned);
  return { ledger, tasks };
};

// ---------------------------------------------------------------- wall chart

export interface UpcomingDeadline {
  readonly code: string;
  readonly period: string;
  readonly due: string;
  readonly leadUnit: string;
}

export interface WallChartCell {
  readonly key: string;
  readonly label: string;
  readonly total: number;
  readonly byStatus: Readonly<Record<TaskStatus, number>>;
  /** (CompletionReported + Verified) / elements not cancelled; null when there are none. */
  readonly completionRate: number | null;
  /** Verified / elements not cancelled; null when there are none. */
  readonly verificationRate: number | null;
  readonly overdue: number;
  /** The five nearest due dates on or after the date, of periods not yet verified. */
  readonly nextDeadlines: ReadonlyArray<UpcomingDeadline>;
}

export interface WallChart {
  readonly asOf: string;
  readonly campaigns: ReadonlyArray<{
    readonly campaignId: string;
    readonly name: string;
    readonly status: string;
    readonly currentStage: string | null;
  }>;
  readonly total: WallChartCell;
  readonly byWorkstream: ReadonlyArray<WallChartCell>;
  readonly byStage: ReadonlyArray<WallChartCell>;
  readonly byUnit: ReadonlyArray<WallChartCell>;
}

/** The due dates a wall chart cell lists (`nextDeadlines`). */
export const NEXT_DEADLINES = 5;

const rate = (n: number, d: number): number | null =>
  d === 0 ? null : Math.round((n / d) * 10_000) / 10_000;

/**
 * Assigned tasks of one workstream, stage, lead unit and status: how many, how many of them are
 * overdue on the date, and the least task id among them (ids compared as strings, the order the
 * tasks are kept in). What a wall chart counts, so a store can count it in SQL (`wallChartOf`);
 * several tallies of the same group add up.
 */
export interface WallChartTally {
  readonly workstream: string;
  readonly stage: string;
  readonly leadUnit: string;
  readonly status: TaskStatus;
  readonly tasks: number;
  readonly overdue: number;
  /** The least task id of the group: where a stage no campaign lists goes in `byStage`. */
  readonly first: string;
}

/** What the wall chart reads of a task for a cell's next deadlines (a task summary will do). */
export type WallChartTask = Pick<AssignedTask, "code" | "status" | "workstream" | "stage" | "leadUnit"> & {
  readonly periods: ReadonlyArray<Pick<AssignedTask["periods"][number], "key" | "due" | "status">>;
};

/** The parts a wall chart is built from (`wallChartOf`). */
export interface WallChartParts {
  readonly campaigns: ReadonlyMap<string, CampaignState>;
  readonly workstreams: ReadonlyMap<string, Pick<WorkstreamState, "name">>;
  /** Every assigned task, counted (`tallyTasks`). */
  readonly tallies: ReadonlyArray<WallChartTally>;
  /**
   * In id order: assigned tasks among which are all those holding a cell's next deadlines
   * (every assigned task will do; a store may hand only the few that can).
   */
  readonly deadlineTasks: ReadonlyArray<WallChartTask>;
}

/** The assigned tasks counted by workstream, stage, lead unit and status, and overdue on `asOf`. */
export const tallyTasks = (
  tasks: Iterable<readonly [id: string, task: AssignedTask]>,
  asOf: string,
): WallChartTally[] => {
  const groups = new Map<string, { -readonly [K in keyof WallChartTally]: WallChartTally[K] }>();
  for (const [id, t] of tasks) {
    const overdue = isOverdue(t, asOf) ? 1 : 0;
    const key = JSON.stringify([t.workstream, t.stage, t.leadUnit, t.status]);
    const group = groups.get(key);
    if (group !== undefined) {
      group.tasks += 1;
      group.overdue += overdue;
      if (id < group.first) group.first = id;
    } else
      groups.set(key, {
        workstream: t.workstream,
        stage: t.stage,
        leadUnit: t.leadUnit,
        status: t.status,
        tasks: 1,
        overdue,
        first: id,
      });
  }
  return [...groups.values()];
};

/** The five first by (due, code) of the periods due on or after the date, not verified, of tasks not cancelled; ties in the tasks' order. */
const nextDeadlinesOf = (tasks: ReadonlyArray<WallChartTask>, asOf: string): UpcomingDeadline[] => {
  const upcoming: UpcomingDeadline[] = [];
  const before = (a: Pick<UpcomingDeadline, "due" | "code">, b: UpcomingDeadline) =>
    a.due !== b.due ? a.due < b.due : a.code < b.code;
  for (const t of tasks) {
    if (t.status === "Cancelled") continue;
    for (const p of t.periods) {
      if (p.status === "Verified" || p.due < asOf) continue;
      const last = upcoming[NEXT_DEADLINES - 1];
      if (last !== undefined && !before({ code: t.code, due: p.due }, last)) continue;
      const next = { code: t.code, period: p.key, due: p.due, leadUnit: t.leadUnit };
      let at = upcoming.length;
      while (at > 0 && before(next, upcoming[at - 1]!)) at--;
      upcoming.splice(at, 0, next);
      if (upcoming.length > NEXT_DEADLINES) upcoming.pop();
    }
  }
  return upcoming;
};

const cell = (
  key: string,
  label: string,
  tallies: ReadonlyArray<WallChartTally>,
  tasks: ReadonlyArray<WallChartTask>,
  asOf: string,
): WallChartCell => {
  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  let total = 0;
  let overdue = 0;
  for (const t of tallies) {
    byStatus[t.status] += t.tasks;
    total += t.tasks;
    overdue += t.overdue;
  }
  const active = total - byStatus.Cancelled;
  return {
    key,
    label,
    total,
    byStatus,
    completionRate: rate(byStatus.CompletionReported + byStatus.Verified, active),
    verificationRate: rate(byStatus.Verified, active),
    overdue,
    nextDeadlines: nextDeadlinesOf(tasks, asOf),
  };
};

const groupBy = <T>(items: ReadonlyArray<T>, key: (t: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [t]);
    else group.push(t);
  }
  return groups;
};

/** The wall chart (挂图作战) as of a date from its parts: the tasks counted, and those that may hold a next deadline. */
export const wallChartOf = (parts: WallChartParts, asOf: string): WallChart => {
  const { campaigns, workstreams, tallies, deadlineTasks } = parts;
  const workstreamKeys = new Set([...workstreams.keys(), ...tallies.map((t) => t.workstream)]);
  const stages = [...campaigns.values()].flatMap((c) => c.stages);
  // the stages no campaign lists, in the order of their first task (as the tasks are kept)
  const firstOfStage = new Map<string, string>();
  for (const t of tallies) {
    const first = firstOfStage.get(t.stage);
    if (first === undefined || t.first < first) firstOfStage.set(t.stage, t.first);
  }
  const listed = new Set(stages.map((s) => s.key));
  const unlisted = [...firstOfStage.keys()]
    .filter((k) => !listed.has(k))
    .sort((a, b) => (firstOfStage.get(a)! < firstOfStage.get(b)! ? -1 : 1));
  const stageKeys = [...listed, ...unlisted];
  const none: ReadonlyArray<never> = [];
  const talliesBy = (key: (t: WallChartTally) => string) => groupBy(tallies, key);
  const tasksBy = (key: (t: WallChartTask) => string) => groupBy(deadlineTasks, key);
  const [wsTallies, wsTasks] = [talliesBy((t) => t.workstream), tasksBy((t) => t.workstream)];
  const [stageTallies, stageTasks] = [talliesBy((t) => t.stage), tasksBy((t) => t.stage)];
  const [unitTallies, unitTasks] = [talliesBy((t) => t.leadUnit), tasksBy((t) => t.leadUnit)];
  return {
    asOf,
    campaigns: [...campaigns.values()].map((c) => ({
      campaignId: c.campaignId,
      name: c.name,
      status: c.status,
      currentStage: c.stages[c.currentStage]?.key ?? null,
    })),
    total: cell("*", "all", tallies, deadlineTasks, asOf),
    byWorkstream: [...workstreamKeys]
      .sort()
      .map((k) =>
        cell(k, workstreams.get(k)?.name ?? k, wsTallies.get(k) ?? none, wsTasks.get(k) ?? none, asOf),
      ),
    byStage: stageKeys.map((k) =>
      cell(
        k,
        stages.find((s) => s.key === k)?.name ?? k,
        stageTallies.get(k) ?? none,
        stageTasks.get(k) ?? none,
        asOf,
      ),
    ),
    byUnit: [...unitTallies.keys()]
      .sort()
      .map((k) => cell(k, k, unitTallies.get(k) ?? none, unitTasks.get(k) ?? none, asOf)),
  };
};

/** The wall chart (挂图作战) as of a date: per workstream, per stage, per lead unit. */
export const wallChart = (model: CampaignLedgerModel | CampaignLedgerStates, asOf: string): WallChart => {
  const ledger = ledgerAt(model, asOf);
  const assigned: Array<readonly [string, AssignedTask]> = [];
  for (const [id, t] of ledger.tasks) if (isTaskAssigned(t)) assigned.push([id, t]);
  return wallChartOf(
    {
      campaigns: ledger.campaigns,
      workstreams: ledger.workstreams,
      tallies: tallyTasks(assigned, asOf),
      deadlineTasks: assigned.map(([, t]) => t),
    },
    asOf,
  );
};

// ---------------------------------------------------------------- Key Task List

export interface KeyTaskRow {
  readonly code: string;
  readonly workstream: string;
  readonly workstreamName: string;
  readonly task: string;
  readonly element: string;
  readonly leadUnit: string;
  readonly coUnits: ReadonlyArray<string>;
  /** The current deadline (after any extensions). */
  readonly deadline: string;
  readonly recurrence: string;
  readonly stage: string;
  readonly stageName: string;
  readonly deliverable: string;
  readonly state: TaskStatus;
  readonly overdue: boolean;
  readonly overdueDays: number;
}

export interface KeyTaskFilter {
  /** Rows where this unit is the lead unit or a co-responsible unit. */
  readonly unit?: string;
  readonly workstream?: string;
  readonly stage?: string;
  readonly state?: TaskStatus;
  readonly overdue?: boolean;
}

/** The Key Task List (重点任务清单) as of a date, with its official columns, filtered. */
export const keyTaskList = (
  model: CampaignLedgerModel | CampaignLedgerStates,
  asOf: string,
  filter: KeyTaskFilter = {},
): ReadonlyArray<KeyTaskRow> => {
  const { ledger, tasks } = assignedTasks(model, asOf);
  const stages = [...ledger.campaigns.values()].flatMap((c) => c.stages);
  return tasks
    .map(
      (t): KeyTaskRow => ({
        code: t.code,
        workstream: t.workstream,
        workstreamName: ledger.workstreams.get(t.workstream)?.name ?? t.workstream,
        task: t.task,
        element: t.element,
        leadUnit: t.leadUnit,
        coUnits: t.coUnits,
        deadline: taskDeadline(t),
        recurrence: t.recurrence,
        stage: t.stage,
        stageName: stages.find((s) => s.key === t.stage)?.name ?? t.stage,
        deliverable: t.deliverable,
        state: t.status,
        overdue: isOverdue(t, asOf),
        overdueDays: taskOverdueDays(t, asOf),
      }),
    )
    .filter(
      (r) =>
        (filter.unit === undefined || r.leadUnit === filter.unit || r.coUnits.includes(filter.unit)) &&
        (filter.workstream === undefined || r.workstream === filter.workstream) &&
        (filter.stage === undefined || r.stage === filter.stage) &&
        (filter.state === undefined || r.state === filter.state) &&
        (filter.overdue === undefined || r.overdue === filter.overdue),
    )
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
};

// ---------------------------------------------------------------- overdue and escalations

export interface OverdueRow {
  readonly code: string;
  readonly workstream: string;
  readonly element: string;
  readonly leadUnit: string;
  readonly state: TaskStatus;
  /** The earliest missed due date, and the periods missed. */
  readonly due: string;
  readonly missedPeriods: ReadonlyArray<string>;
  readonly daysOverdue: number;
  readonly escalations: ReadonlyArray<{
    readonly level: TaskEscalationLevel;
    readonly on: string;
    readonly by: string;
    readonly note: string;
  }>;
  readonly highestEscalation: TaskEscalationLevel | null;
  /** The next rung of the ladder, or null at the top. */
  readonly nextEscalation: TaskEscalationLevel | null;
}

/** What is late as of a date, by how many days, and the escalations taken; most overdue first. */
export const overdueList = (
  model: CampaignLedgerModel | CampaignLedgerStates,
  asOf: string,
): ReadonlyArray<OverdueRow> =>
  assignedTasks(model, asOf)
    .tasks.filter((t) => isOverdue(t, asOf))
    .map((t): OverdueRow => {
      const missed = missedTaskPeriods(t, asOf);
      const ranks = t.escalations.map((e) => TASK_ESCALATION_LEVELS.findIndex((l) => l.key === e.level));
      const highest = Math.max(-1, ...ranks);
      return {
        code: t.code,
        workstream: t.workstream,
        element: t.element,
        leadUnit: t.leadUnit,
        state: t.status,
        due: missed[0]?.due ?? "",
        missedPeriods: missed.map((p) => p.key),
        daysOverdue: taskOverdueDays(t, asOf),
        escalations: t.escalations.map((e) => ({ level: e.level, on: e.on, by: e.by.unit, note: e.note })),
        highestEscalation: TASK_ESCALATION_LEVELS[highest]?.key ?? null,
        nextEscalation: TASK_ESCALATION_LEVELS[highest + 1]?.key ?? null,
      };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** Elements with a due date in the next `days` days after `asOf` (for reminders ahead of time). */
export const dueSoon = (
  model: CampaignLedgerModel | CampaignLedgerStates,
  asOf: string,
  days: number,
): ReadonlyArray<KeyTaskRow> => {
  const rows = keyTaskList(model, asOf, { overdue: false });
  const tasks = new Map<string, AssignedTask>();
  // the first task of each code, as a search from the front would find it
  for (const t of assignedTasks(model, asOf).tasks) if (!tasks.has(t.code)) tasks.set(t.code, t);
  const limit = new Date(Date.parse(`${asOf}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return rows.filter((r) => {
    const t = tasks.get(r.code);
    const next = t === undefined ? undefined : nextTaskDue(t, asOf);
    return next !== undefined && next.due <= limit;
  });
};

// ---------------------------------------------------------------- responsibility performance

export interface ResponsibilityFilter {
  readonly subjectUnit?: string;
  readonly listId?: string;
  /** Only rows of this status (e.g. "missed"). */
  readonly status?: DutyPeriodRow["status"];
}

/** Per subject and period: required vs performed, and whether the duty was missed, as of a date. */
export const responsibilityPerformance = (
  model: CampaignLedgerModel | CampaignLedgerStates,
  asOf: string,
  filter: ResponsibilityFilter = {},
): ReadonlyArray<DutyPeriodRow> =>
  [...ledgerAt(model, asOf).responsibilityLists.values()]
    .flatMap((list) => dutyPeriods(list, asOf))
    .filter(
      (r) =>
        (filter.subjectUnit === undefined || r.subjectUnit === filter.subjectUnit) &&
        (filter.listId === undefined || r.listId === filter.listId) &&
        (filter.status === undefined || r.status === filter.status),
    );
