/**
 * Test support for the campaign context (not part of the public API): actors, a reference
 * campaign, a synchronous in-memory ledger that decides with related states like the command
 * handler does, and a given/when/then helper.
 */
import * as E from "fp-ts/lib/Either.js";
import type { Aggregate } from "../kernel/aggregate";
import type { DomainEvent } from "../kernel/codec-registry";
import type { CommandContext, Decider, DomainCommand, Rejection } from "../kernel/decider";
import { fold } from "../kernel/decider";
import type { Actor, StoredEvent } from "../kernel/envelope";
import type { Envelope } from "../kernel/projection";
import {
  type CampaignEvent,
  campaignAggregate,
  taskElementAggregate,
  workstreamAggregate,
} from "./aggregates";
import { REFERENCE_CAMPAIGN_SPAN, REFERENCE_STAGE_DATES } from "./stages";
import type { TaskElementCommand } from "./task/commands";
import type { TaskState } from "./task/state";

export const OFFICE: Actor = { unit: "GY-EMB", role: "office", person: "Wang Office" };
export const LEAD_GROUP: Actor = { unit: "GY-GOV", role: "lead-group", person: "Mayor Zhang" };
export const dept = (unit: string, person = `${unit} clerk`): Actor => ({ unit, role: "department", person });
export const enterprise = (unit: string): Actor => ({ unit, role: "enterprise", person: `${unit} manager` });

/** Noon in Guangyuan on a date. */
export const at = (date: string): string => `${date}T12:00:00+08:00`;

export const context = (actor: Actor, date: string, related?: Record<string, unknown>): CommandContext => ({
  actor,
  occurredAt: at(date),
  commandId: `cmd-${date}-${actor.unit}`,
  ...(related === undefined ? {} : { related }),
});

export const referenceLaunch = {
  type: "LaunchCampaign" as const,
  data: {
    campaignId: "GY",
    name: "广元市安全生产专项整治三年行动",
    start: REFERENCE_CAMPAIGN_SPAN.start,
    end: REFERENCE_CAMPAIGN_SPAN.end,
    stages: REFERENCE_STAGE_DATES.map((s) => ({ ...s })),
  },
};

/** Given a history, when a command arrives, then … (the result of deciding). */
export const given =
  <C, S, Ev extends DomainEvent>(decider: Decider<C, S, Ev>) =>
  (history: ReadonlyArray<Ev>) => ({
    state: fold(decider.evolve, decider.initialState)(history),
    when: (command: C, ctx: CommandContext): E.Either<Rejection, ReadonlyArray<Ev>> =>
      decider.decide(command, fold(decider.evolve, decider.initialState)(history), ctx),
  });

/** The rejection code of a result, or "OK". */
export const codeOf = (result: E.Either<{ readonly code: string }, unknown>): string =>
  E.isLeft(result) ? result.left.code : "OK";

/**
 * A synchronous ledger: folds streams, passes related states, decides and records events with
 * envelopes, as `createCommandHandler` would (without hashing or concurrency).
 */
export const createLedger = () => {
  // biome-ignore lint/suspicious/noExplicitAny: events of any aggregate of the context
  const streams = new Map<string, any[]>();
  const envelopes: Envelope<CampaignEvent>[] = [];
  let commands = 0;
  // biome-ignore lint/suspicious/noExplicitAny: any aggregate
  const stateOf = (aggregate: Aggregate<any, any, any>, stream: string) =>
    fold(aggregate.decider.evolve, aggregate.decider.initialState)(streams.get(stream) ?? []);

  const submit = <C extends DomainCommand, S, Ev extends DomainEvent>(
    aggregate: Aggregate<C, S, Ev>,
    command: C,
    actor: Actor,
    occurredAt: string,
  ): E.Either<Rejection, ReadonlyArray<Ev>> => {
    const stream = aggregate.streamOf(command);
    const related: Record<string, unknown> = {};
    for (const r of aggregate.related?.(command) ?? []) related[r.key] = stateOf(r.aggregate, r.stream);
    commands += 1;
    const ctx: CommandContext = { actor, occurredAt, commandId: `c${commands}`, related };
    const result = aggregate.decider.decide(command, stateOf(aggregate, stream) as S, ctx);
    if (E.isRight(result)) {
      const events = streams.get(stream) ?? [];
      for (const event of result.right) {
        const meta: StoredEvent = {
          stream,
          revision: events.length,
          position: BigInt(envelopes.length + 1),
          id: `e${envelopes.length + 1}`,
          type: event.type,
          schemaVersion: 1,
          data: event.data as never,
          metadata: {
            actor,
            commandId: ctx.commandId,
            commandType: command.type,
            correlationId: ctx.commandId,
            causationId: ctx.commandId,
            occurredAt,
            recordedAt: new Date(Date.parse(occurredAt)).toISOString(),
            rulesVersion: "test",
            prevHash: "",
            hash: "",
          },
        };
        events.push(event);
        envelopes.push({ event: event as unknown as CampaignEvent, meta });
      }
      streams.set(stream, events);
    }
    return result;
  };

  /** Submit and throw on rejection (for setting up a scenario). */
  const ok = <C extends DomainCommand, S, Ev extends DomainEvent>(
    aggregate: Aggregate<C, S, Ev>,
    command: C,
    actor: Actor,
    occurredAt: string,
  ): ReadonlyArray<Ev> => {
    const result = submit(aggregate, command, actor, occurredAt);
    if (E.isLeft(result))
      throw new Error(`${command.type} rejected: ${result.left.code} ${result.left.message}`);
    return result.right;
  };

  return { submit, ok, stateOf, envelopes };
};

/** The workstream lead unit, an element's lead unit and a co-responsible unit in the scenarios. */
export const WS_LEAD = dept("GY-EMB", "Director Liu");
export const ELEMENT_LEAD = dept("GY-EIB", "Section chief Chen");
export const CO_UNIT = dept("GY-MPS", "Officer Zhou");

export const assignCommand = (code: string, overrides: Record<string, unknown> = {}) => ({
  type: "AssignTaskElement" as const,
  data: {
    code,
    campaignId: "GY",
    workstream: "HC",
    task: "危险化学品企业安全风险隐患排查治理",
    element: `要素 ${code}`,
    leadUnit: ELEMENT_LEAD.unit,
    coUnits: [CO_UNIT.unit],
    deadline: "2020-12-31",
    stage: "investigation",
    deliverable: "排查台账",
    ...overrides,
  },
});

/** A ledger with campaign GY (in stage investigation) and workstream HC (lead GY-EMB) listing HC-01..HC-04. */
export const taskLedger = () => {
  const ledger = createLedger();
  ledger.ok(campaignAggregate, referenceLaunch, LEAD_GROUP, at("2020-04-01"));
  ledger.ok(
    campaignAggregate,
    { type: "AdvanceStage", data: { campaignId: "GY", stage: "investigation" } },
    OFFICE,
    at("2020-06-01"),
  );
  ledger.ok(
    workstreamAggregate,
    {
      type: "DefineWorkstream",
      data: {
        code: "HC",
        campaignId: "GY",
        kind: "project",
        name: "危险化学品",
        leadUnit: WS_LEAD.unit,
        memberUnits: [ELEMENT_LEAD.unit, CO_UNIT.unit],
      },
    },
    OFFICE,
    at("2020-07-14"),
  );
  ledger.ok(
    workstreamAggregate,
    { type: "ListWorkstreamElements", data: { code: "HC", elements: ["HC-01", "HC-02", "HC-03", "HC-04"] } },
    OFFICE,
    at("2020-07-14"),
  );
  const submit = (command: TaskElementCommand, actor = ELEMENT_LEAD, date = "2020-08-01") =>
    ledger.submit(taskElementAggregate, command, actor, at(date));
  const ok = (command: TaskElementCommand, actor = ELEMENT_LEAD, date = "2020-08-01") =>
    ledger.ok(taskElementAggregate, command, actor, at(date));
  const state = (code = "HC-01") => ledger.stateOf(taskElementAggregate, `task-${code}`) as TaskState;
  return { ledger, submit, ok, state };
};
