/**
 * The Decider (after Jérémie Chassaing): decide turns a command and the current state into
 * events, evolve folds an event into the state. Both are pure: whatever the decision needs to
 * know of the outside world (who acts, when) comes in the context.
 */
import * as E from "fp-ts/lib/Either.js";
import type { DomainEvent } from "./codec-registry";
import type { Actor } from "./envelope";
import { type DomainError, domainError, type PermissionDenied } from "./errors";

export interface CommandContext {
  readonly actor: Actor;
  /** Business time of the command (ISO 8601). */
  readonly occurredAt: string;
  readonly commandId: string;
  /**
   * Current states of other streams the aggregate declared it needs for this command (see
   * `Aggregate.related`), by key. Read just before deciding; not locked.
   */
  readonly related?: Readonly<Record<string, unknown>>;
  /** Record time: when the ledger is writing the command's events (ISO 8601 UTC), if known. */
  readonly recordedAt?: string;
  /** The deployment's policy; absent means every rule of it is off. */
  readonly policy?: LedgerPolicy;
}

/**
 * Rules a deployment may switch on in live use. Off by default, so a historical load (paper
 * records entered late, e.g. when a district starts using the ledger) goes in as it happened.
 */
export interface LedgerPolicy {
  /**
   * Refuse an entry whose legal window (e.g. the casualty-revision window of Decree 493 art. 13)
   * had already closed when it is recorded, even though the business time it claims is inside it.
   */
  readonly refuseEntriesAfterWindow?: boolean;
  /**
   * Refuse a command whose events carry a mainland mobile number or a resident ID number in
   * free text (a description, a reason) rather than in a registered personal field. Off, the
   * command goes in and its outcome carries the findings as warnings.
   */
  readonly refusePersonalNumbersInFreeText?: boolean;
}

export type Rejection = DomainError | PermissionDenied;

/** A decider's refusal: a rule of the domain, with the field it is about when there is one. */
export const reject = (code: string, message: string, field?: string): E.Either<DomainError, never> =>
  E.left(domainError(code, message, field));

export interface Decider<Command, State, Event> {
  readonly initialState: State;
  readonly decide: (
    command: Command,
    state: State,
    context: CommandContext,
  ) => E.Either<Rejection, ReadonlyArray<Event>>;
  readonly evolve: (state: State, event: Event) => State;
}

/** A command: a type tag and its data. */
export interface DomainCommand<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export const fold =
  <S, Ev>(evolve: (state: S, event: Ev) => S, initial: S) =>
  (events: Iterable<Ev>): S => {
    let state = initial;
    for (const event of events) state = evolve(state, event);
    return state;
  };

/** Decide against the state that a history folds to (given … when … then). */
export const decideFrom = <C, S, Ev extends DomainEvent>(
  decider: Decider<C, S, Ev>,
  history: Iterable<Ev>,
  command: C,
  context: CommandContext,
): E.Either<Rejection, ReadonlyArray<Ev>> =>
  decider.decide(command, fold(decider.evolve, decider.initialState)(history), context);
