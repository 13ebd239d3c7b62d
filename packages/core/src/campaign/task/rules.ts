/** Rules of task elements: their periods and the escalation ladder. */
import { TASK_ESCALATION_LEVELS, type TaskEscalationLevel } from "../stages";
import { maxDate, minDate, periodsBetween } from "../values";
import type { Recurrence, TaskPeriod } from "./events";

/** The key of the single period of a one-off element. */
export const ONE_OFF_PERIOD = "once";

/**
 * The periods of an element. A one-off element has one period, `once`, from the assignment
 * date to the deadline. A recurring element has one period per calendar quarter or year from
 * the later of the assignment date and its stage's start, to the deadline; each is due at its
 * period's end (the last at the deadline), and is reported and verified on its own.
 */
export const taskPeriodsFor = (
  recurrence: Recurrence,
  assignedOn: string,
  stageStart: string,
  deadline: string,
): TaskPeriod[] => {
  if (recurrence === "none") return [{ key: ONE_OFF_PERIOD, start: assignedOn, due: deadline }];
  const from = maxDate(assignedOn, stageStart);
  return periodsBetween(recurrence === "quarterly" ? "quarter" : "year", from, deadline).map((p) => ({
    key: p.key,
    start: p.start,
    due: minDate(p.end, deadline),
  }));
};

export const escalationRank = (level: TaskEscalationLevel): number =>
  TASK_ESCALATION_LEVELS.findIndex((l) => l.key === level);
