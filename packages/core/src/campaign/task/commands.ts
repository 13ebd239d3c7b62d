/** Commands of the task element aggregate, with the codecs of their data. */
import * as t from "io-ts";
import type { DomainCommand } from "../../kernel/decider";
import { Code, DateString, EvidenceCodec, NonEmptyString, nonEmptyArray } from "../values";
import { TaskEscalationLevelCodec } from "./events";

const Percent = t.refinement(t.number, (n) => n >= 0 && n <= 100, "Percent (0..100)");
/** `period` names a period of a recurring element (`2021-Q2`, `2021`); leave it out for the current one. */
const WithPeriod = t.partial({ period: t.string });

export const taskElementCommandCodecs = {
  AssignTaskElement: t.intersection([
    t.type({
      code: Code,
      campaignId: Code,
      workstream: Code,
      task: NonEmptyString,
      element: NonEmptyString,
      leadUnit: NonEmptyString,
      coUnits: t.array(NonEmptyString),
      deadline: DateString,
      stage: NonEmptyString,
      deliverable: NonEmptyString,
    }),
    t.partial({ recurrence: t.keyof({ quarterly: null, yearly: null }) }),
  ]),
  StartTaskElement: t.type({ code: Code }),
  ReportTaskProgress: t.intersection([
    t.type({ code: Code, note: NonEmptyString }),
    t.partial({ percent: Percent }),
  ]),
  ReportTaskCompletion: t.intersection([
    t.type({
      code: Code,
      summary: NonEmptyString,
      evidence: nonEmptyArray(EvidenceCodec, "evidence (at least one)"),
    }),
    WithPeriod,
  ]),
  VerifyTaskCompletion: t.intersection([
    t.type({ code: Code, workstream: Code }),
    WithPeriod,
    t.partial({ note: t.string }),
  ]),
  RejectTaskCompletion: t.intersection([
    t.type({ code: Code, workstream: Code, reason: NonEmptyString }),
    WithPeriod,
  ]),
  RequestDeadlineExtension: t.intersection([
    t.type({ code: Code, newDeadline: DateString, reason: NonEmptyString }),
    WithPeriod,
  ]),
  GrantDeadlineExtension: t.intersection([
    t.type({ code: Code }),
    WithPeriod,
    /** Grant a different (still later) deadline than the one asked for. */
    t.partial({ newDeadline: DateString, note: t.string }),
  ]),
  DenyDeadlineExtension: t.intersection([t.type({ code: Code, reason: NonEmptyString }), WithPeriod]),
  CancelTaskElement: t.intersection([
    t.type({ code: Code, reason: NonEmptyString }),
    t.partial({ approvalDocument: t.string }),
  ]),
  EscalateTaskElement: t.intersection([
    t.type({ code: Code, level: TaskEscalationLevelCodec }),
    t.partial({ note: t.string }),
  ]),
};

type Codecs = typeof taskElementCommandCodecs;
export type TaskElementCommand = {
  [K in keyof Codecs]: DomainCommand<K, t.TypeOf<Codecs[K]>>;
}[keyof Codecs];
