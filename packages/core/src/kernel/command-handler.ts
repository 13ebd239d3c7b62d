/**
 * The command handler: load the stream, fold it, decide, chain the new events onto the
 * stream's hash chain and append them with the revision that was read. When another writer got
 * there first, reload and decide again, a bounded number of times. A command id already seen
 * on the stream appends nothing and returns what that command produced the first time.
 */
import * as E from "fp-ts/Either";
import type { Aggregate, CommandEnvelope } from "./aggregate";
import type { DomainEvent } from "./codec-registry";
import type { DomainCommand } from "./decider";
import type { EventToAppend, StoredEvent } from "./envelope";
import type { LedgerError } from "./errors";
import type { EventStore } from "./event-store";
import { expectedFromCurrent } from "./expected-version";
import { chainEvents, GENESIS_HASH } from "./hash-chain";
import { newEventId } from "./ids";

export interface CommandHandlerOptions {
  /** Record time; defaults to the system clock. */
  readonly clock?: () => Date;
  /** How many times to reload and retry after a concurrency conflict (default 5). */
  readonly maxRetries?: number;
  /** Version of the rules recorded on every event (default: this package's version). */
  readonly rulesVersion?: string;
  /** Event ids; defaults to UUID v7. */
  readonly newEventId?: () => string;
}

export interface CommandOutcome<Event> {
  readonly stream: string;
  /** The events the command produced (or, for a repeated command id, produced the first time). */
  readonly events: ReadonlyArray<Event>;
  /** Stream revision after the command (undefined: the stream is still empty). */
  readonly revision: number | undefined;
  /** True when the command id had been handled before and nothing was appended now. */
  readonly duplicate: boolean;
  readonly attempts: number;
}

interface Loaded<S, Ev> {
  readonly state: S;
  readonly revision: number | undefined;
  readonly lastHash: string;
  readonly earlier: Ev[];
}

export const RULES_VERSION = "0.1.0";

export const createCommandHandler = (store: EventStore, options: CommandHandlerOptions = {}) => {
  const clock = options.clock ?? (() => new Date());
  const maxRetries = options.maxRetries ?? 5;
  const rulesVersion = options.rulesVersion ?? RULES_VERSION;
  const eventId = options.newEventId ?? newEventId;

  const load = async <C extends DomainCommand, S, Ev extends DomainEvent>(
    aggregate: Aggregate<C, S, Ev>,
    stream: string,
    commandId: string,
  ): Promise<E.Either<LedgerError, Loaded<S, Ev>>> => {
    const { decider, events: registry } = aggregate;
    let state = decider.initialState;
    let revision: number | undefined;
    let lastHash = GENESIS_HASH;
    const earlier: Ev[] = [];
    for await (const stored of store.readStream(stream)) {
      const decoded = registry.decode(stored);
      if (E.isLeft(decoded)) return decoded;
      state = decider.evolve(state, decoded.right);
      revision = stored.revision;
      lastHash = stored.metadata.hash;
      if (stored.metadata.commandId === commandId) earlier.push(decoded.right);
    }
    return E.right({ state, revision, lastHash, earlier });
  };

  return async <C extends DomainCommand, S, Ev extends DomainEvent>(
    aggregate: Aggregate<C, S, Ev>,
    envelope: CommandEnvelope<C>,
  ): Promise<E.Either<LedgerError, CommandOutcome<Ev>>> => {
    const stream = aggregate.streamOf(envelope.command);
    const baseContext = {
      actor: envelope.actor,
      occurredAt: envelope.occurredAt,
      commandId: envelope.commandId,
    };
    for (let attempt = 1; ; attempt++) {
      const loaded = await load(aggregate, stream, envelope.commandId);
      if (E.isLeft(loaded)) return loaded;
      const { state, revision, lastHash, earlier } = loaded.right;
      if (earlier.length > 0)
        return E.right({ stream, events: earlier, revision, duplicate: true, attempts: attempt });

      const related: Record<string, unknown> = {};
      for (const r of aggregate.related?.(envelope.command) ?? []) {
        const other = await load(r.aggregate, r.stream, envelope.commandId);
        if (E.isLeft(other)) return other;
        related[r.key] = other.right.state;
      }
      const context = aggregate.related === undefined ? baseContext : { ...baseContext, related };
      const decided = aggregate.decider.decide(envelope.command, state, context);
      if (E.isLeft(decided)) return decided;
      const events = decided.right;
      if (events.length === 0)
        return E.right({ stream, events, revision, duplicate: false, attempts: attempt });

      const recordedAt = clock().toISOString();
      const toAppend: EventToAppend[] = chainEvents(
        stream,
        revision === undefined ? 0 : revision + 1,
        lastHash,
        events.map((event) => ({
          id: eventId(),
          ...aggregate.events.encode(event),
          metadata: {
            actor: envelope.actor,
            commandId: envelope.commandId,
            commandType: envelope.command.type,
            correlationId: envelope.correlationId ?? envelope.commandId,
            causationId: envelope.causationId ?? envelope.commandId,
            occurredAt: envelope.occurredAt,
            recordedAt,
            rulesVersion,
          },
        })),
      );
      const appended = await store.append(stream, toAppend, expectedFromCurrent(revision));
      if (E.isRight(appended))
        return E.right({
          stream,
          events,
          revision: appended.right.nextExpectedRevision,
          duplicate: false,
          attempts: attempt,
        });
      if (appended.left._tag !== "WrongExpectedVersion" || attempt > maxRetries) return appended;
    }
  };
};

export type CommandHandler = ReturnType<typeof createCommandHandler>;

/** The events of a stream, decoded, in order (for tests and small streams). */
export const readStreamEvents = async (store: EventStore, stream: string): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const e of store.readStream(stream)) out.push(e);
  return out;
};
