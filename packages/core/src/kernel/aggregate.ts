/**
 * An aggregate ties a decider to what the outside world needs to drive it: the codecs of its
 * commands and events, and the stream each command goes to.
 */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import type { DomainEvent, EventRegistry } from "./codec-registry";
import type { Decider, DomainCommand } from "./decider";
import { type Actor, ActorCodec } from "./envelope";
import { type ValidationError, validationError } from "./errors";
import { issuesOf } from "./io";

export interface Aggregate<Command extends DomainCommand, State, Event extends DomainEvent> {
  /** The stream category, e.g. `task` for streams `task-<code>`. */
  readonly category: string;
  readonly decider: Decider<Command, State, Event>;
  readonly events: EventRegistry<Event>;
  /** io-ts codec of each command's data, by command type. */
  readonly commands: {
    readonly [Type in Command["type"]]: t.Type<Extract<Command, { type: Type }>["data"], unknown, unknown>;
  };
  /** The stream a command is about. */
  readonly streamOf: (command: Command) => string;
  /**
   * Other streams whose current state a rule needs (e.g. the workstream a task belongs to).
   * The handler folds each with the given aggregate and passes it in `context.related[key]`.
   */
  readonly related?: (command: Command) => ReadonlyArray<RelatedStream>;
}

export interface RelatedStream {
  readonly key: string;
  readonly stream: string;
  // biome-ignore lint/suspicious/noExplicitAny: any aggregate may be related
  readonly aggregate: Aggregate<any, any, any>;
}

/** A command with who sent it, when, and the ids that tie it to what caused it. */
export interface CommandEnvelope<Command> {
  readonly command: Command;
  readonly commandId: string;
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

const IsoDateTime = new t.Type<string, string, unknown>(
  "IsoDateTime",
  (u): u is string => typeof u === "string",
  (u, c) =>
    typeof u === "string" &&
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(u) &&
    !Number.isNaN(Date.parse(u))
      ? t.success(u)
      : t.failure(u, c, "must be an ISO 8601 date or date-time (2020-07-14 or 2020-07-14T09:00:00+08:00)"),
  t.identity,
);

/** The JSON form of a command, as `submit` reads it and `docs/commands.md` describes it. */
export const CommandEnvelopeJson = t.intersection([
  t.type({
    type: t.string,
    commandId: new t.Type<string, string, unknown>(
      "commandId",
      (u): u is string => typeof u === "string",
      (u, c) =>
        typeof u === "string" && u.length > 0 && u.length <= 200
          ? t.success(u)
          : t.failure(u, c, "must be a non-empty string"),
      t.identity,
    ),
    actor: ActorCodec,
    occurredAt: IsoDateTime,
    data: t.unknown,
  }),
  t.partial({ correlationId: t.string, causationId: t.string }),
]);

/** Decode the data of a command of this aggregate, naming every bad field. */
export const decodeCommand = <C extends DomainCommand, S, Ev extends DomainEvent>(
  aggregate: Aggregate<C, S, Ev>,
  type: string,
  data: unknown,
): E.Either<ValidationError, C> => {
  const codec = (aggregate.commands as Record<string, t.Type<unknown, unknown, unknown>>)[type];
  if (codec === undefined)
    return E.left(validationError([{ path: "type", message: `unknown command ${type}` }], "command"));
  const decoded = codec.decode(data);
  return E.isRight(decoded)
    ? E.right({ type, data: decoded.right } as C)
    : E.left(
        validationError(
          issuesOf(decoded.left).map((i) => ({ ...i, path: i.path ? `data.${i.path}` : "data" })),
          `${type} command`,
        ),
      );
};

export { IsoDateTime };
