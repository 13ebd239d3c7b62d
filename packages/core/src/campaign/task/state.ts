/** The folded state of a task element, and what is derived from it (deadline, overdue). */
import type { TaskEscalationLevel } from "../stages";
import type { Evidence } from "../values";
import { daysBetween } from "../values";
import type { Recurrence, TaskElementEvent } from "./events";

export type TaskStatus = "Assigned" | "InProgress" | "CompletionReported" | "Verified" | "Cancelled";
export const TASK_STATUSES: ReadonlyArray<TaskStatus> = [
  "Assigned",
  "InProgress",
  "CompletionReported",
  "Verified",
  "Cancelled",
];

export type TaskPeriodStatus = "Open" | "Reported" | "Verified";

export interface TaskActor {
  readonly unit: string;
  readonly role: string;
  readonly person: string;
}

export interface TaskPeriodState {
  readonly key: string;
  readonly start: string;
  /** The current due date. */
  readonly due: string;
  readonly status: TaskPeriodStatus;
  /** Every due date this period has had, first the assigned one. */
  readonly dueHistory: ReadonlyArray<{ readonly due: string; readonly on: string; readonly reason: string }>;
  readonly pendingExtension?: { readonly requestedDue: string; readonly reason: string; readonly on: string };
  readonly reportedOn?: string;
  readonly evidence?: ReadonlyArray<Evidence>;
  readonly verifiedOn?: string;
  readonly rejections: ReadonlyArray<{ readonly on: string; readonly reason: string; readonly by: string }>;
}

export interface AssignedTask {
  readonly status: TaskStatus;
  readonly code: string;
  readonly campaignId: string;
  readonly workstream: string;
  readonly task: string;
  readonly element: string;
  readonly leadUnit: string;
  readonly coUnits: ReadonlyArray<string>;
  /** The deadline given at assignment (each period's current one is in `periods`). */
  readonly deadline: string;
  readonly stage: string;
  readonly deliverable: string;
  readonly recurrence: Recurrence;
  readonly campaignEnd: string;
  readonly assignedBy: TaskActor;
  readonly assignedOn: string;
  readonly periods: ReadonlyArray<TaskPeriodState>;
  readonly progress: ReadonlyArray<{
    readonly on: string;
    readonly note: string;
    readonly percent: number | null;
  }>;
  readonly escalations: ReadonlyArray<{
    readonly level: TaskEscalationLevel;
    readonly on: string;
    readonly due: string;
    readonly overdueDays: number;
    readonly by: TaskActor;
    readonly note: string;
  }>;
  readonly startedOn?: string;
  readonly closedOn?: string;
  readonly cancellation?: {
    readonly reason: string;
    readonly approvedBy: TaskActor;
    readonly approvalDocument: string;
  };
}

export type TaskState = { readonly status: "Unassigned" } | AssignedTask;

export const initialTaskState: TaskState = { status: "Unassigned" };

export const isTaskAssigned = (state: TaskState): state is AssignedTask => state.status !== "Unassigned";

/** The element's deadline: the due date of its last period. */
export const taskDeadline = (task: AssignedTask): string => task.periods[task.periods.length - 1]?.due ?? "";

/** Is the element finished (Verified) or dropped (Cancelled)? */
export const isTaskClosed = (task: TaskState): boolean =>
  task.status === "Verified" || task.status === "Cancelled";

/** Periods not yet verified whose due date is before `date`. */
export const missedTaskPeriods = (task: TaskState, date: string): ReadonlyArray<TaskPeriodState> =>
  !isTaskAssigned(task) || isTaskClosed(task)
    ? []
    : task.periods.filter((p) => p.status !== "Verified" && p.due < date);

/**
 * Overdue is derived, never stored: as of `date`, an element is overdue when `date` is past
 * the current due date of a period not yet verified, and the element is not Cancelled.
 */
export const isOverdue = (task: TaskState, date: string): boolean => missedTaskPeriods(task, date).length > 0;

/** Days past the earliest missed due date (0 when not overdue). */
export const taskOverdueDays = (task: TaskState, date: string): number => {
  const first = missedTaskPeriods(task, date)[0];
  return first === undefined ? 0 : daysBetween(first.due, date);
};

/** The next due date on or after `date` of a period not yet verified. */
export const nextTaskDue = (task: TaskState, date: string): TaskPeriodState | undefined =>
  !isTaskAssigned(task) || isTaskClosed(task)
    ? undefined
    : task.periods
        .filter((p) => p.status !== "Verified" && p.due >= date)
        .sort((a, b) => (a.due < b.due ? -1 : 1))[0];

const statusAfterPeriods = (task: AssignedTask, periods: ReadonlyArray<TaskPeriodState>): TaskStatus => {
  if (task.status === "Cancelled" || task.status === "Assigned") return task.status;
  if (periods.every((p) => p.status === "Verified")) return "Verified";
  if (periods.every((p) => p.status !== "Open")) return "CompletionReported";
  return "InProgress";
};

const withPeriod = (
  task: AssignedTask,
  key: string,
  change: (p: TaskPeriodState) => TaskPeriodState,
  on: string,
): AssignedTask => {
  const periods = task.periods.map((p) => (p.key === key ? change(p) : p));
  const status = statusAfterPeriods(task, periods);
  return { ...task, periods, status, ...(status === "Verified" ? { closedOn: on } : {}) };
};

export const evolveTask = (state: TaskState, event: TaskElementEvent): TaskState => {
  if (event.type === "TaskElementAssigned") {
    const d = event.data;
    return {
      status: "Assigned",
      code: d.code,
      campaignId: d.campaignId,
      workstream: d.workstream,
      task: d.task,
      element: d.element,
      leadUnit: d.leadUnit,
      coUnits: d.coUnits,
      deadline: d.deadline,
      stage: d.stage,
      deliverable: d.deliverable,
      recurrence: d.recurrence,
      campaignEnd: d.campaignEnd,
      assignedBy: d.assignedBy,
      assignedOn: d.on,
      periods: d.periods.map((p) => ({
        ...p,
        status: "Open",
        dueHistory: [{ due: p.due, on: d.on, reason: "assigned" }],
        rejections: [],
      })),
      progress: [],
      escalations: [],
    };
  }
  if (!isTaskAssigned(state)) return state;
  switch (event.type) {
    case "TaskElementStarted":
      return { ...state, status: "InProgress", startedOn: event.data.on };
    case "TaskProgressReported":
      return {
        ...state,
        progress: [
          ...state.progress,
          { on: event.data.on, note: event.data.note, percent: event.data.percent },
        ],
      };
    case "TaskCompletionReported": {
      const { period, on, evidence } = event.data;
      return withPeriod(state, period, (p) => ({ ...p, status: "Reported", reportedOn: on, evidence }), on);
    }
    case "TaskCompletionVerified": {
      const { period, on } = event.data;
      return withPeriod(state, period, (p) => ({ ...p, status: "Verified", verifiedOn: on }), on);
    }
    case "TaskCompletionRejected": {
      const { period, on, reason, rejectedBy } = event.data;
      return withPeriod(
        state,
        period,
        (p) => ({ ...p, status: "Open", rejections: [...p.rejections, { on, reason, by: rejectedBy.unit }] }),
        on,
      );
    }
    case "DeadlineExtensionRequested": {
      const { period, requestedDue, reason, on } = event.data;
      return withPeriod(state, period, (p) => ({ ...p, pendingExtension: { requestedDue, reason, on } }), on);
    }
    case "DeadlineExtensionGranted": {
      const { period, newDue, on } = event.data;
      return withPeriod(
        state,
        period,
        ({ pendingExtension, ...p }) => ({
          ...p,
          due: newDue,
          dueHistory: [...p.dueHistory, { due: newDue, on, reason: pendingExtension?.reason ?? "" }],
        }),
        on,
      );
    }
    case "DeadlineExtensionDenied":
      return withPeriod(state, event.data.period, ({ pendingExtension: _, ...p }) => p, event.data.on);
    case "TaskElementCancelled": {
      const { reason, approvedBy, approvalDocument, on } = event.data;
      return {
        ...state,
        status: "Cancelled",
        closedOn: on,
        cancellation: { reason, approvedBy, approvalDocument },
      };
    }
    case "TaskElementEscalated": {
      const { level, on, due, overdueDays, by, note } = event.data;
      return { ...state, escalations: [...state.escalations, { level, on, due, overdueDays, by, note }] };
    }
  }
};
