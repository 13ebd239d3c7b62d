/** Model-based test of the task element lifecycle: random command sequences against a simple model. */
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { expect, it } from "vitest";
import type { Actor } from "../../kernel/envelope";
import { isOverdue, type TaskElementCommand, type TaskStatus } from "../index";
import { assignCommand, CO_UNIT, codeOf, ELEMENT_LEAD, OFFICE, taskLedger, WS_LEAD } from "../testing";
import { addDays } from "../values";

interface Model {
  status: TaskStatus;
  due: string;
  pending: string | undefined;
  escalation: number;
  date: string;
}
type Real = ReturnType<typeof taskLedger>;
const CAMPAIGN_END = "2022-12-31";
const LEVELS = ["reminder", "supervision-notice", "accountability-interview"] as const;
const code = "HC-01";

const closedCode = (m: Model): string | undefined =>
  m.status === "Verified" ? "TASK_VERIFIED" : m.status === "Cancelled" ? "TASK_CANCELLED" : undefined;

/** A command run against both; `expect` says what the model predicts and how it changes. */
const step = (
  label: string,
  command: TaskElementCommand,
  actor: Actor,
  predict: (m: Model) => string,
  update: (m: Model) => void = () => {},
): fc.Command<Model, Real> => ({
  check: () => true,
  run: (m, r) => {
    const expected = predict(m);
    const result = r.submit(command, actor, m.date);
    expect(codeOf(result), `${label} on ${m.date}`).toBe(expected);
    if (E.isRight(result)) update(m);
    const state = r.state();
    expect(state.status).toBe(m.status);
    expect(isOverdue(state, m.date)).toBe(closedCode(m) === undefined && m.date > m.due);
    if (state.status !== "Unassigned") expect(state.periods[0]?.due).toBe(m.due);
  },
  toString: () => `${label} by ${actor.unit}/${actor.role}`,
});

const tick = (days: number): fc.Command<Model, Real> => ({
  check: () => true,
  run: (m) => {
    m.date = addDays(m.date, days);
  },
  toString: () => `tick ${days}`,
});

/** Jump to the day before, of or after the current due date (boundaries are where bugs live). */
const toDue = (offset: number): fc.Command<Model, Real> => ({
  check: () => true,
  run: (m) => {
    const target = addDays(m.due, offset);
    if (target > m.date) m.date = target;
  },
  toString: () => `to due ${offset >= 0 ? "+" : ""}${offset}`,
});

const open = (m: Model, then: () => string) => closedCode(m) ?? then();

const commands = [
  fc.integer({ min: 0, max: 60 }).map(tick),
  fc.integer({ min: -1, max: 1 }).map(toDue),
  fc.constant(
    step(
      "start",
      { type: "StartTaskElement", data: { code } },
      ELEMENT_LEAD,
      (m) => open(m, () => (m.status === "Assigned" ? "OK" : "TASK_ALREADY_STARTED")),
      (m) => {
        m.status = "InProgress";
      },
    ),
  ),
  fc.constant(
    step("start", { type: "StartTaskElement", data: { code } }, CO_UNIT, (m) =>
      open(m, () => "PERMISSION_DENIED"),
    ),
  ),
  fc.constant(
    step(
      "report completion",
      {
        type: "ReportTaskCompletion",
        data: { code, summary: "done", evidence: [{ description: "d", reference: "r" }] },
      },
      ELEMENT_LEAD,
      (m) =>
        open(m, () =>
          m.status === "Assigned"
            ? "TASK_NOT_STARTED"
            : m.status === "CompletionReported"
              ? "COMPLETION_ALREADY_REPORTED"
              : "OK",
        ),
      (m) => {
        m.status = "CompletionReported";
      },
    ),
  ),
  fc.constantFrom(OFFICE, WS_LEAD, ELEMENT_LEAD).map((actor) =>
    step(
      "verify",
      { type: "VerifyTaskCompletion", data: { code, workstream: "HC" } },
      actor,
      (m) =>
        open(m, () =>
          actor === ELEMENT_LEAD
            ? "PERMISSION_DENIED"
            : m.status === "CompletionReported"
              ? "OK"
              : "COMPLETION_NOT_REPORTED",
        ),
      (m) => {
        m.status = "Verified";
      },
    ),
  ),
  fc.constant(
    step(
      "reject",
      { type: "RejectTaskCompletion", data: { code, workstream: "HC", reason: "incomplete" } },
      WS_LEAD,
      (m) => open(m, () => (m.status === "CompletionReported" ? "OK" : "COMPLETION_NOT_REPORTED")),
      (m) => {
        m.status = "InProgress";
      },
    ),
  ),
  fc.integer({ min: -10, max: 800 }).map(
    (days): fc.Command<Model, Real> => ({
      check: () => true,
      run: (m, r) => {
        const requested = addDays(m.due, days);
        const expected = open(m, () =>
          m.status === "CompletionReported"
            ? "PERIOD_NOT_OPEN"
            : m.date > m.due
              ? "EXTENSION_TOO_LATE"
              : m.pending !== undefined
                ? "EXTENSION_ALREADY_PENDING"
                : requested <= m.due
                  ? "NEW_DEADLINE_NOT_LATER"
                  : requested > CAMPAIGN_END
                    ? "DEADLINE_AFTER_CAMPAIGN"
                    : "OK",
        );
        const result = r.submit(
          { type: "RequestDeadlineExtension", data: { code, newDeadline: requested, reason: "late" } },
          ELEMENT_LEAD,
          m.date,
        );
        expect(codeOf(result), `request ${requested} on ${m.date}`).toBe(expected);
        if (E.isRight(result)) m.pending = requested;
      },
      toString: () => `request extension by ${days} days`,
    }),
  ),
  fc.constant(
    step(
      "grant",
      { type: "GrantDeadlineExtension", data: { code } },
      OFFICE,
      (m) => open(m, () => (m.pending === undefined ? "NO_PENDING_EXTENSION" : "OK")),
      (m) => {
        m.due = m.pending ?? m.due;
        m.pending = undefined;
      },
    ),
  ),
  fc.constant(
    step(
      "deny",
      { type: "DenyDeadlineExtension", data: { code, reason: "no" } },
      OFFICE,
      (m) => open(m, () => (m.pending === undefined ? "NO_PENDING_EXTENSION" : "OK")),
      (m) => {
        m.pending = undefined;
      },
    ),
  ),
  fc.constantFrom(...LEVELS).map((level) =>
    step(
      `escalate ${level}`,
      { type: "EscalateTaskElement", data: { code, level } },
      OFFICE,
      (m) =>
        open(m, () => {
          const rank = LEVELS.indexOf(level);
          if (m.date <= m.due) return "NOT_OVERDUE";
          if (rank > m.escalation + 1) return "ESCALATION_SKIPS_LEVEL";
          if (rank < m.escalation) return "ESCALATION_BELOW_CURRENT";
          return "OK";
        }),
      (m) => {
        m.escalation = Math.max(m.escalation, LEVELS.indexOf(level));
      },
    ),
  ),
  fc.constant(
    step(
      "cancel",
      { type: "CancelTaskElement", data: { code, reason: "merged" } },
      OFFICE,
      (m) => open(m, () => "OK"),
      (m) => {
        m.status = "Cancelled";
      },
    ),
  ),
];

it("the task element lifecycle follows its model under any command sequence", () => {
  fc.assert(
    fc.property(fc.commands(commands, { size: "+1" }), (cmds) => {
      const setup = () => {
        const real = taskLedger();
        real.ok(assignCommand(code), OFFICE, "2020-07-20");
        const model: Model = {
          status: "Assigned",
          due: "2020-12-31",
          pending: undefined,
          escalation: -1,
          date: "2020-07-20",
        };
        return { model, real };
      };
      fc.modelRun(setup, cmds);
    }),
    { numRuns: 200 },
  );
});
