/** Events of a task element stream `task-<code>` (one row of the Key Task List). */
import * as t from "io-ts";
import { ActorRefCodec } from "../../kernel/actor-ref";
import { defineEvent, type EventOf, EventRegistry } from "../../kernel/codec-registry";
import { DateString, EvidenceCodec } from "../values";

export const RecurrenceCodec = t.keyof({ none: null, quarterly: null, yearly: null });
export type Recurrence = t.TypeOf<typeof RecurrenceCodec>;

export const TaskEscalationLevelCodec = t.keyof({
  reminder: null,
  "supervision-notice": null,
  "accountability-interview": null,
});

/** A reporting period of an element: `once` for a one-off element, `2021-Q2` or `2021` when recurring. */
export const TaskPeriodCodec = t.type({ key: t.string, start: DateString, due: DateString });
export type TaskPeriod = t.TypeOf<typeof TaskPeriodCodec>;

/** Who acted on a task or a list: the kernel's one actor codec, under the name campaign events used first. */
export const CampaignActorCodec = ActorRefCodec;

export const TaskElementAssigned = defineEvent(
  "TaskElementAssigned",
  t.type({
    code: t.string,
    campaignId: t.string,
    workstream: t.string,
    task: t.string,
    element: t.string,
    leadUnit: t.string,
    coUnits: t.array(t.string),
    deadline: DateString,
    stage: t.string,
    deliverable: t.string,
    recurrence: RecurrenceCodec,
    periods: t.array(TaskPeriodCodec),
    /** The campaign's last day, copied at assignment (a campaign's span never changes). */
    campaignEnd: DateString,
    assignedBy: CampaignActorCodec,
    on: DateString,
  }),
);
export const TaskElementStarted = defineEvent(
  "TaskElementStarted",
  t.type({ code: t.string, on: DateString }),
);
export const TaskProgressReported = defineEvent(
  "TaskProgressReported",
  t.type({ code: t.string, note: t.string, percent: t.union([t.number, t.null]), on: DateString }),
);
export const TaskCompletionReported = defineEvent(
  "TaskCompletionReported",
  t.type({
    code: t.string,
    period: t.string,
    summary: t.string,
    evidence: t.array(EvidenceCodec),
    on: DateString,
  }),
);
export const TaskCompletionVerified = defineEvent(
  "TaskCompletionVerified",
  t.type({
    code: t.string,
    period: t.string,
    note: t.string,
    verifiedBy: CampaignActorCodec,
    on: DateString,
  }),
);
export const TaskCompletionRejected = defineEvent(
  "TaskCompletionRejected",
  t.type({
    code: t.string,
    period: t.string,
    reason: t.string,
    rejectedBy: CampaignActorCodec,
    on: DateString,
  }),
);
export const DeadlineExtensionRequested = defineEvent(
  "DeadlineExtensionRequested",
  t.type({
    code: t.string,
    period: t.string,
    currentDue: DateString,
    requestedDue: DateString,
    reason: t.string,
    on: DateString,
  }),
);
export const DeadlineExtensionGranted = defineEvent(
  "DeadlineExtensionGranted",
  t.type({
    code: t.string,
    period: t.string,
    previousDue: DateString,
    newDue: DateString,
    note: t.string,
    on: DateString,
  }),
);
export const DeadlineExtensionDenied = defineEvent(
  "DeadlineExtensionDenied",
  t.type({ code: t.string, period: t.string, requestedDue: DateString, reason: t.string, on: DateString }),
);
export const TaskElementCancelled = defineEvent(
  "TaskElementCancelled",
  t.type({
    code: t.string,
    reason: t.string,
    approvedBy: CampaignActorCodec,
    approvalDocument: t.string,
    on: DateString,
  }),
);
export const TaskElementEscalated = defineEvent(
  "TaskElementEscalated",
  t.type({
    code: t.string,
    level: TaskEscalationLevelCodec,
    note: t.string,
    /** The earliest missed due date the escalation is about, and by how many days it was missed. */
    due: DateString,
    overdueDays: t.number,
    by: CampaignActorCodec,
    on: DateString,
  }),
);

export const taskElementEvents = EventRegistry.of(
  TaskElementAssigned,
  TaskElementStarted,
  TaskProgressReported,
  TaskCompletionReported,
  TaskCompletionVerified,
  TaskCompletionRejected,
  DeadlineExtensionRequested,
  DeadlineExtensionGranted,
  DeadlineExtensionDenied,
  TaskElementCancelled,
  TaskElementEscalated,
);

export type TaskElementEvent =
  | EventOf<typeof TaskElementAssigned>
  | EventOf<typeof TaskElementStarted>
  | EventOf<typeof TaskProgressReported>
  | EventOf<typeof TaskCompletionReported>
  | EventOf<typeof TaskCompletionVerified>
  | EventOf<typeof TaskCompletionRejected>
  | EventOf<typeof DeadlineExtensionRequested>
  | EventOf<typeof DeadlineExtensionGranted>
  | EventOf<typeof DeadlineExtensionDenied>
  | EventOf<typeof TaskElementCancelled>
  | EventOf<typeof TaskElementEscalated>;
