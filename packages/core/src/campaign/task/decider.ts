/**
 * The task element decider: one row of the Key Task List from assignment to verification
 * (or cancellation), with progress, deadline extensions and escalations.
 */

import * as E from "fp-ts/lib/Either.js";
import type { CommandContext, Decider, Rejection } from "../../kernel/decider";
import { errorsOf } from "../../kernel/error-texts";
import { because } from "../../kernel/permission-texts";
import { SUPERVISION_ERROR_TEXTS } from "../../supervision/supervision-error-texts";
import { CAMPAIGN_ERROR_TEXTS } from "../campaign/campaign-error-texts";
import { initialCampaignState } from "../campaign/state";
import { deny, mayIssue } from "../permissions";
import { relatedState } from "../related";
import { checkUnits } from "../rules";
import { TASK_ESCALATION_LEVELS } from "../stages";
import { businessDate, daysBetween } from "../values";
import { initialWorkstreamState } from "../workstream/state";
import { WORKSTREAM_ERROR_TEXTS } from "../workstream/workstream-error-texts";
import type { TaskElementCommand } from "./commands";
import type { TaskElementEvent } from "./events";
import { escalationRank, ONE_OFF_PERIOD, taskPeriodsFor } from "./rules";
import {
  type AssignedTask,
  evolveTask,
  initialTaskState,
  isTaskAssigned,
  missedTaskPeriods,
  type TaskPeriodState,
  type TaskState,
} from "./state";
import { TASK_ERROR_TEXTS, type WantedPeriod } from "./task-error-texts";

const { error: taskError, reject } = errorsOf(TASK_ERROR_TEXTS);
const { reject: campaignReject } = errorsOf(CAMPAIGN_ERROR_TEXTS);
const { reject: workstreamReject } = errorsOf(WORKSTREAM_ERROR_TEXTS);
/** DEADLINE_PASSED is the hazards' code too: its sentence, with today's date, is in their texts. */
const { reject: supervisionReject } = errorsOf(SUPERVISION_ERROR_TEXTS);
const deadlinePassed = (deadline: string, on: string) =>
  supervisionReject("DEADLINE_PASSED", { deadline, on }, "deadline");

type Decision = E.Either<Rejection, ReadonlyArray<TaskElementEvent>>;

const actorRef = (context: CommandContext) => ({
  unit: context.actor.unit,
  role: context.actor.role,
  person: context.actor.person,
});

/** The element must be assigned and neither Verified nor Cancelled. */
const requireOpen = (state: TaskState, code: string): E.Either<Rejection, AssignedTask> => {
  if (!isTaskAssigned(state)) return E.left(taskError("TASK_NOT_ASSIGNED", { code }, "code"));
  if (state.status === "Cancelled")
    return E.left(taskError("TASK_CANCELLED", { code, closedOn: state.closedOn ?? "" }, "code"));
  if (state.status === "Verified")
    return E.left(taskError("TASK_VERIFIED", { code, closedOn: state.closedOn ?? "" }, "code"));
  return E.right(state);
};

const requireLeadUnit = (
  command: string,
  task: AssignedTask,
  context: CommandContext,
): Decision | undefined =>
  context.actor.unit === task.leadUnit
    ? undefined
    : deny(command, context, because("ELEMENT_LEAD_UNIT_ONLY", { leadUnit: task.leadUnit }));

/**
 * The period a command is about: the one named, or else the earliest that fits (`want`).
 * A one-off element has the single period `once`.
 */
const pickPeriod = (
  task: AssignedTask,
  named: string | undefined,
  want: (p: TaskPeriodState) => boolean,
  what: WantedPeriod,
): E.Either<Rejection, TaskPeriodState> => {
  if (named !== undefined) {
    const period = task.periods.find((p) => p.key === named);
    return period === undefined
      ? E.left(
          taskError(
            "UNKNOWN_PERIOD",
            { code: task.code, period: named, periods: task.periods.map((p) => p.key).join(", ") },
            "period",
          ),
        )
      : E.right(period);
  }
  const period = task.periods.length === 1 ? task.periods[0] : task.periods.find(want);
  return period === undefined
    ? E.left(taskError("NO_PERIOD", { code: task.code, want: what }, "period"))
    : E.right(period);
};

/** A new deadline must be later than the current one and inside the campaign. */
const checkNewDeadline = (
  task: AssignedTask,
  currentDue: string,
  newDeadline: string,
): Decision | undefined => {
  if (newDeadline <= currentDue) return reject("NEW_DEADLINE_NOT_LATER", { currentDue }, "newDeadline");
  if (newDeadline > task.campaignEnd)
    return reject(
      "DEADLINE_AFTER_CAMPAIGN",
      { deadline: newDeadline, campaignEnd: task.campaignEnd, isNew: "new" },
      "newDeadline",
    );
  return undefined;
};

/** The element and its period, for a sentence: a one-off element's single period is not named. */
const periodOf = (task: AssignedTask, p: TaskPeriodState): { code: string; period?: string } =>
  p.key === ONE_OFF_PERIOD ? { code: task.code } : { code: task.code, period: p.key };

const decideAssign = (
  command: Extract<TaskElementCommand, { type: "AssignTaskElement" }>,
  state: TaskState,
  context: CommandContext,
  on: string,
): Decision => {
  const d = command.data;
  if (isTaskAssigned(state))
    return reject("TASK_ALREADY_ASSIGNED", { code: d.code, assignedOn: state.assignedOn }, "code");
  const workstream = relatedState(context, "workstream", initialWorkstreamState);
  if (workstream.status === "Undefined")
    return workstreamReject("WORKSTREAM_NOT_DEFINED", { code: d.workstream }, "workstream");
  if (workstream.status === "Closed")
    return workstreamReject("WORKSTREAM_CLOSED", { code: d.workstream, blocks: "assign" }, "workstream");
  if (workstream.campaignId !== d.campaignId)
    return reject(
      "WRONG_CAMPAIGN",
      { workstream: d.workstream, campaignId: workstream.campaignId, given: d.campaignId },
      "campaignId",
    );
  if (context.actor.role === "department" && context.actor.unit !== workstream.leadUnit)
    return deny(
      command.type,
      context,
      because("WORKSTREAM_LEAD_OR_OFFICE", { workstream: d.workstream, leadUnit: workstream.leadUnit }),
    );
  if (!workstream.elements.includes(d.code))
    return workstreamReject(
      "ELEMENT_NOT_LISTED",
      { element: d.code, code: d.workstream, hint: "list" },
      "code",
    );
  const campaign = relatedState(context, "campaign", initialCampaignState);
  if (campaign.status === "NotLaunched")
    return campaignReject("CAMPAIGN_NOT_LAUNCHED", { campaignId: d.campaignId }, "campaignId");
  if (campaign.status === "Concluded")
    return campaignReject("CAMPAIGN_CONCLUDED", { campaignId: d.campaignId, blocks: "assign" }, "campaignId");
  const stage = campaign.stages.find((s) => s.key === d.stage);
  if (stage === undefined)
    return campaignReject(
      "UNKNOWN_STAGE",
      { stage: d.stage, stages: campaign.stages.map((s) => s.key).join(", ") },
      "stage",
    );
  if (d.deadline > campaign.end)
    return reject("DEADLINE_AFTER_CAMPAIGN", { deadline: d.deadline, campaignEnd: campaign.end }, "deadline");
  if (d.deadline < on) return deadlinePassed(d.deadline, on);
  if (d.deadline < stage.start)
    return reject(
      "DEADLINE_BEFORE_STAGE",
      { deadline: d.deadline, stage: stage.key, start: stage.start },
      "deadline",
    );
  const units = checkUnits(d.leadUnit, d.coUnits, "coUnits");
  if (units) return E.left(units);
  const recurrence = d.recurrence ?? "none";
  return E.right([
    {
      type: "TaskElementAssigned",
      data: {
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
        recurrence,
        periods: taskPeriodsFor(recurrence, on, stage.start, d.deadline),
        campaignEnd: campaign.end,
        assignedBy: actorRef(context),
        on,
      },
    },
  ]);
};

const decideTask = (command: TaskElementCommand, state: TaskState, context: CommandContext): Decision => {
  const role = mayIssue(command.type, context);
  if (E.isLeft(role)) return role;
  const on = businessDate(context.occurredAt);
  if (command.type === "AssignTaskElement") return decideAssign(command, state, context, on);
  const { code } = command.data;
  const open = requireOpen(state, code);
  if (E.isLeft(open)) return open;
  const task = open.right;
  switch (command.type) {
    case "StartTaskElement": {
      const who = requireLeadUnit(command.type, task, context);
      if (who) return who;
      if (task.status !== "Assigned")
        return reject("TASK_ALREADY_STARTED", { code, startedOn: task.startedOn ?? "" });
      return E.right([{ type: "TaskElementStarted", data: { code, on } }]);
    }
    case "ReportTaskProgress": {
      const who = requireLeadUnit(command.type, task, context);
      if (who) return who;
      if (task.status === "Assigned") return reject("TASK_NOT_STARTED", { code });
      if (task.status !== "InProgress")
        return reject("COMPLETION_ALREADY_REPORTED", { code, of: "progress" });
      return E.right([
        {
          type: "TaskProgressReported",
          data: { code, note: command.data.note, percent: command.data.percent ?? null, on },
        },
      ]);
    }
    case "ReportTaskCompletion": {
      const who = requireLeadUnit(command.type, task, context);
      if (who) return who;
      if (task.status === "Assigned") return reject("TASK_NOT_STARTED", { code });
      const picked = pickPeriod(task, command.data.period, (p) => p.status === "Open", "report");
      if (E.isLeft(picked)) return picked;
      const period = picked.right;
      if (period.status === "Reported")
        return reject("COMPLETION_ALREADY_REPORTED", periodOf(task, period), "period");
      if (period.status === "Verified")
        return reject("PERIOD_ALREADY_VERIFIED", periodOf(task, period), "period");
      if (on < period.start)
        return reject("PERIOD_NOT_STARTED", { code, period: period.key, start: period.start }, "period");
      return E.right([
        {
          type: "TaskCompletionReported",
          data: {
            code,
            period: period.key,
            summary: command.data.summary,
            evidence: command.data.evidence,
            on,
          },
        },
      ]);
    }
    case "VerifyTaskCompletion":
    case "RejectTaskCompletion": {
      const workstream = relatedState(context, "workstream", initialWorkstreamState);
      if (command.data.workstream !== task.workstream)
        return reject("WRONG_WORKSTREAM", { code, workstream: task.workstream }, "workstream");
      if (context.actor.unit === task.leadUnit)
        return deny(command.type, context, because("LEAD_UNIT_VERIFIES_OWN", { leadUnit: task.leadUnit }));
      if (context.actor.role === "department" && context.actor.unit !== workstream.leadUnit)
        return deny(
          command.type,
          context,
          because("WORKSTREAM_LEAD_OR_OFFICE", {
            workstream: task.workstream,
            leadUnit: workstream.leadUnit,
          }),
        );
      const picked = pickPeriod(task, command.data.period, (p) => p.status === "Reported", "verify");
      if (E.isLeft(picked)) return picked;
      const period = picked.right;
      if (period.status !== "Reported")
        return reject("COMPLETION_NOT_REPORTED", periodOf(task, period), "period");
      return command.type === "VerifyTaskCompletion"
        ? E.right([
            {
              type: "TaskCompletionVerified",
              data: {
                code,
                period: period.key,
                note: command.data.note ?? "",
                verifiedBy: actorRef(context),
                on,
              },
            },
          ])
        : E.right([
            {
              type: "TaskCompletionRejected",
              data: {
                code,
                period: period.key,
                reason: command.data.reason,
                rejectedBy: actorRef(context),
                on,
              },
            },
          ]);
    }
    case "RequestDeadlineExtension": {
      const who = requireLeadUnit(command.type, task, context);
      if (who) return who;
      const picked = pickPeriod(task, command.data.period, (p) => p.status === "Open", "open");
      if (E.isLeft(picked)) return picked;
      const period = picked.right;
      const { newDeadline, reason } = command.data;
      if (period.status !== "Open")
        return reject("PERIOD_NOT_OPEN", { ...periodOf(task, period), status: period.status }, "period");
      if (on > period.due) return reject("EXTENSION_TOO_LATE", { due: period.due, on }, "newDeadline");
      if (period.pendingExtension !== undefined)
        return reject("EXTENSION_ALREADY_PENDING", {
          requestedDue: period.pendingExtension.requestedDue,
          requestedOn: period.pendingExtension.on,
        });
      const unfit = checkNewDeadline(task, period.due, newDeadline);
      if (unfit !== undefined) return unfit;
      return E.right([
        {
          type: "DeadlineExtensionRequested",
          data: { code, period: period.key, currentDue: period.due, requestedDue: newDeadline, reason, on },
        },
      ]);
    }
    case "GrantDeadlineExtension":
    case "DenyDeadlineExtension": {
      if (context.actor.unit !== task.assignedBy.unit)
        return deny(
          command.type,
          context,
          because("ASSIGNER_DECIDES_EXTENSIONS", { assigner: task.assignedBy.unit, code }),
        );
      const picked = pickPeriod(
        task,
        command.data.period,
        (p) => p.pendingExtension !== undefined,
        "extension",
      );
      if (E.isLeft(picked)) return picked;
      const period = picked.right;
      const pending = period.pendingExtension;
      if (pending === undefined) return reject("NO_PENDING_EXTENSION", periodOf(task, period), "period");
      if (command.type === "DenyDeadlineExtension")
        return E.right([
          {
            type: "DeadlineExtensionDenied",
            data: {
              code,
              period: period.key,
              requestedDue: pending.requestedDue,
              reason: command.data.reason,
              on,
            },
          },
        ]);
      const newDue = command.data.newDeadline ?? pending.requestedDue;
      const unfit = checkNewDeadline(task, period.due, newDue);
      if (unfit !== undefined) return unfit;
      return E.right([
        {
          type: "DeadlineExtensionGranted",
          data: {
            code,
            period: period.key,
            previousDue: period.due,
            newDue,
            note: command.data.note ?? "",
            on,
          },
        },
      ]);
    }
    case "CancelTaskElement":
      return E.right([
        {
          type: "TaskElementCancelled",
          data: {
            code,
            reason: command.data.reason,
            approvedBy: actorRef(context),
            approvalDocument: command.data.approvalDocument ?? "",
            on,
          },
        },
      ]);
    case "EscalateTaskElement": {
      const { level, note } = command.data;
      const missed = missedTaskPeriods(task, on)[0];
      if (missed === undefined) return reject("NOT_OVERDUE", { code, on });
      const highest = Math.max(-1, ...task.escalations.map((e) => escalationRank(e.level)));
      const rank = escalationRank(level);
      if (rank > highest + 1)
        return reject(
          "ESCALATION_SKIPS_LEVEL",
          { code, next: TASK_ESCALATION_LEVELS[highest + 1]?.key ?? "" },
          "level",
        );
      if (rank < highest)
        return reject(
          "ESCALATION_BELOW_CURRENT",
          { code, level: TASK_ESCALATION_LEVELS[highest]?.key ?? "" },
          "level",
        );
      return E.right([
        {
          type: "TaskElementEscalated",
          data: {
            code,
            level,
            note: note ?? "",
            due: missed.due,
            overdueDays: daysBetween(missed.due, on),
            by: actorRef(context),
            on,
          },
        },
      ]);
    }
  }
};

export const taskElementDecider: Decider<TaskElementCommand, TaskState, TaskElementEvent> = {
  initialState: initialTaskState,
  decide: decideTask,
  evolve: evolveTask,
};
