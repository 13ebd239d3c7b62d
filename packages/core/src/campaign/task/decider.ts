/**
 * The task element decider: one row of the Key Task List from assignment to verification
 * (or cancellation), with progress, deadline extensions and escalations.
 */
import * as E from "fp-ts/lib/Either.js";
import { type CommandContext, type Decider, type Rejection, reject } from "../../kernel/decider";
import { domainError } from "../../kernel/errors";
import { initialCampaignState } from "../campaign/state";
import { deny, mayIssue } from "../permissions";
import { relatedState } from "../related";
import { checkUnits } from "../rules";
import { TASK_ESCALATION_LEVELS } from "../stages";
import { businessDate, daysBetween } from "../values";
import { initialWorkstreamState } from "../workstream/state";
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

type Decision = E.Either<Rejection, ReadonlyArray<TaskElementEvent>>;

const actorRef = (context: CommandContext) => ({
  unit: context.actor.unit,
  role: context.actor.role,
  person: context.actor.person,
});

/** The element must be assigned and neither Verified nor Cancelled. */
const requireOpen = (state: TaskState, code: string): E.Either<Rejection, AssignedTask> => {
  if (!isTaskAssigned(state))
    return E.left(domainError("TASK_NOT_ASSIGNED", `Task element ${code} has not been assigned.`, "code"));
  if (state.status === "Cancelled")
    return E.left(
      domainError("TASK_CANCELLED", `Task element ${code} was cancelled on ${state.closedOn}.`, "code"),
    );
  if (state.status === "Verified")
    return E.left(
      domainError(
        "TASK_VERIFIED",
        `Task element ${code} was verified on ${state.closedOn}; it is closed.`,
        "code",
      ),
    );
  return E.right(state);
};

const requireLeadUnit = (
  command: string,
  task: AssignedTask,
  context: CommandContext,
): Decision | undefined =>
  context.actor.unit === task.leadUnit
    ? undefined
    : deny(command, context, `only the element's lead unit (${task.leadUnit}) may`);

/**
 * The period a command is about: the one named, or else the earliest that fits (`want`).
 * A one-off element has the single period `once`.
 */
const pickPeriod = (
  task: AssignedTask,
  named: string | undefined,
  want: (p: TaskPeriodState) => boolean,
  what: string,
): E.Either<Rejection, TaskPeriodState> => {
  if (named !== undefined) {
    const period = task.periods.find((p) => p.key === named);
    return period === undefined
      ? E.left(
          domainError(
            "UNKNOWN_PERIOD",
            `Task element ${task.code} has no period ${named}; its periods are ${task.periods.map((p) => p.key).join(", ")}.`,
            "period",
          ),
        )
      : E.right(period);
  }
  const period = task.periods.length === 1 ? task.periods[0] : task.periods.find(want);
  return period === undefined
    ? E.left(domainError("NO_PERIOD", `Task element ${task.code} has no period ${what}.`, "period"))
    : E.right(period);
};

/** A new deadline must be later than the current one and inside the campaign. */
const checkNewDeadline = (
  task: AssignedTask,
  currentDue: string,
  newDeadline: string,
): Decision | undefined => {
  if (newDeadline <= currentDue)
    return reject(
      "NEW_DEADLINE_NOT_LATER",
      `The new deadline must be after the current one (${currentDue}).`,
      "newDeadline",
    );
  if (newDeadline > task.campaignEnd)
    return reject(
      "DEADLINE_AFTER_CAMPAIGN",
      `The new deadline ${newDeadline} is after the campaign ends (${task.campaignEnd}).`,
      "newDeadline",
    );
  return undefined;
};

const periodLabel = (task: AssignedTask, p: TaskPeriodState) =>
  p.key === ONE_OFF_PERIOD ? task.code : `${task.code} period ${p.key}`;

const decideAssign = (
  command: Extract<TaskElementCommand, { type: "AssignTaskElement" }>,
  state: TaskState,
  context: CommandContext,
  on: string,
): Decision => {
  const d = command.data;
  if (isTaskAssigned(state))
    return reject(
      "TASK_ALREADY_ASSIGNED",
      `Task element ${d.code} was already assigned on ${state.assignedOn}.`,
      "code",
    );
  const workstream = relatedState(context, "workstream", initialWorkstreamState);
  if (workstream.status === "Undefined")
    return reject("WORKSTREAM_NOT_DEFINED", `Workstream ${d.workstream} has not been defined.`, "workstream");
  if (workstream.status === "Closed")
    return reject(
      "WORKSTREAM_CLOSED",
      `Workstream ${d.workstream} is closed; nothing more can be assigned in it.`,
      "workstream",
    );
  if (workstream.campaignId !== d.campaignId)
    return reject(
      "WRONG_CAMPAIGN",
      `Workstream ${d.workstream} belongs to campaign ${workstream.campaignId}, not ${d.campaignId}.`,
      "campaignId",
    );
  if (context.actor.role === "department" && context.actor.unit !== workstream.leadUnit)
    return deny(
      command.type,
      context,
      `only the lead unit of workstream ${d.workstream} (${workstream.leadUnit}) or the office may`,
    );
  if (!workstream.elements.includes(d.code))
    return reject(
      "ELEMENT_NOT_LISTED",
      `Element ${d.code} is not on workstream ${d.workstream}'s list; list it first (ListWorkstreamElements).`,
      "code",
    );
  const campaign = relatedState(context, "campaign", initialCampaignState);
  if (campaign.status === "NotLaunched")
    return reject("CAMPAIGN_NOT_LAUNCHED", `Campaign ${d.campaignId} has not been launched.`, "campaignId");
  if (campaign.status === "Concluded")
    return reject(
      "CAMPAIGN_CONCLUDED",
      `Campaign ${d.campaignId} is concluded; nothing more can be assigned.`,
      "campaignId",
    );
  const stage = campaign.stages.find((s) => s.key === d.stage);
  if (stage === undefined)
    return reject(
      "UNKNOWN_STAGE",
      `There is no stage "${d.stage}"; the stages are ${campaign.stages.map((s) => s.key).join(", ")}.`,
      "stage",
    );
  if (d.deadline > campaign.end)
    return reject(
      "DEADLINE_AFTER_CAMPAIGN",
      `The deadline ${d.deadline} is after the campaign ends (${campaign.end}).`,
      "deadline",
    );
  if (d.deadline < on)
    return reject(
      "DEADLINE_PASSED",
      `The deadline ${d.deadline} has already passed (today is ${on}).`,
      "deadline",
    );
  if (d.deadline < stage.start)
    return reject(
      "DEADLINE_BEFORE_STAGE",
      `The deadline ${d.deadline} is before stage ${stage.key} starts (${stage.start}).`,
      "deadline",
    );
  const units = checkUnits(d.leadUnit, d.coUnits, "coUnits", "co-responsible units");
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
        return reject(
          "TASK_ALREADY_STARTED",
          `Task element ${code} was already started on ${task.startedOn}.`,
        );
      return E.right([{ type: "TaskElementStarted", data: { code, on } }]);
    }
    case "ReportTaskProgress": {
      const who = requireLeadUnit(command.type, task, context);
      if (who) return who;
      if (task.status === "Assigned")
        return reject("TASK_NOT_STARTED", `Task element ${code} has not been started; start it first.`);
      if (task.status !== "InProgress")
        return reject(
          "COMPLETION_ALREADY_REPORTED",
          `Completion of ${code} is reported and awaits verification.`,
        );
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
      if (task.status === "Assigned")
        return reject("TASK_NOT_STARTED", `Task element ${code} has not been started; start it first.`);
      const picked = pickPeriod(task, command.data.period, (p) => p.status === "Open", "left to report");
      if (E.isLeft(picked)) return picked;
      const period = picked.right;
      if (period.status === "Reported")
        return reject(
          "COMPLETION_ALREADY_REPORTED",
          `Completion of ${periodLabel(task, period)} is already reported.`,
          "period",
        );
      if (period.status === "Verified")
        return reject(
          "PERIOD_ALREADY_VERIFIED",
          `${periodLabel(task, period)} is already verified.`,
          "period",
        );
      if (on < period.start)
        return reject(
          "PERIOD_NOT_STARTED",
          `TaskPeriod ${period.key} of ${code} starts on ${period.start}; its completion cannot be reported before.`,
          "period",
        );
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
        return reject(
          "WRONG_WORKSTREAM",
          `Task element ${code} belongs to workstream ${task.workstream}.`,
          "workstream",
        );
      if (context.actor.unit === task.leadUnit)
        return deny(
          command.type,
          context,
          `${task.leadUnit} is the element's lead unit and cannot verify its own work`,
        );
      if (context.actor.role === "department" && context.actor.unit !== workstream.leadUnit)
        return deny(
          command.type,
          context,
          `only the lead unit of workstream ${task.workstream} (${workstream.leadUnit}) or the office may`,
        );
      const picked = pickPeriod(
        task,
        command.data.period,
        (p) => p.status === "Reported",
        "awaiting verification",
      );
      if (E.isLeft(picked)) return picked;
      const period = picked.right;
      if (period.status !== "Reported")
        return reject(
          "COMPLETION_NOT_REPORTED",
          `Completion of ${periodLabel(task, period)} has not been reported; there is nothing to verify.`,
          "period",
        );
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
      const picked = pickPeriod(task, command.data.period, (p) => p.status === "Open", "still open");
      if (E.isLeft(picked)) return picked;
      const period = picked.right;
      const { newDeadline, reason } = command.data;
      if (period.status !== "Open")
        return reject(
          "PERIOD_NOT_OPEN",
          `${periodLabel(task, period)} is already ${period.status.toLowerCase()}.`,
          "period",
        );
      if (on > period.due)
        return reject(
          "EXTENSION_TOO_LATE",
          `An extension must be requested by the deadline (${period.due}); it is now ${on}.`,
          "newDeadline",
        );
      if (period.pendingExtension !== undefined)
        return reject(
          "EXTENSION_ALREADY_PENDING",
          `An extension to ${period.pendingExtension.requestedDue} requested on ${period.pendingExtension.on} awaits a decision.`,
        );
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
          `only ${task.assignedBy.unit}, which assigned ${code}, decides its extensions`,
        );
      const picked = pickPeriod(
        task,
        command.data.period,
        (p) => p.pendingExtension !== undefined,
        "with a pending extension",
      );
      if (E.isLeft(picked)) return picked;
      const period = picked.right;
      const pending = period.pendingExtension;
      if (pending === undefined)
        return reject(
          "NO_PENDING_EXTENSION",
          `No extension of ${periodLabel(task, period)} has been requested.`,
          "period",
        );
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
      if (missed === undefined)
        return reject(
          "NOT_OVERDUE",
          `Task element ${code} is not overdue on ${on}; only overdue work is escalated.`,
        );
      const highest = Math.max(-1, ...task.escalations.map((e) => escalationRank(e.level)));
      const rank = escalationRank(level);
      if (rank > highest + 1)
        return reject(
          "ESCALATION_SKIPS_LEVEL",
          `Escalation goes ${TASK_ESCALATION_LEVELS.map((l) => l.key).join(" → ")}; ${code} must first receive a ${TASK_ESCALATION_LEVELS[highest + 1]?.key}.`,
          "level",
        );
      if (rank < highest)
        return reject(
          "ESCALATION_BELOW_CURRENT",
          `Task element ${code} has already been escalated to ${TASK_ESCALATION_LEVELS[highest]?.key}.`,
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
