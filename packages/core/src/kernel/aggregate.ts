/**
 * An aggregate ties a decider to what the outside world needs to drive it: the codecs of its
 * commands and events, and the stream each command goes to.
 */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { businessTimeReason } from "./calendar";
import type { DomainEvent, EventRegistry } from "./codec-registry";
import type { Decider, DomainCommand } from "./decider";
import { type Actor, ActorCodec } from "./envelope";
import { inputIssue, type ValidationError, validationError } from "./errors";
import { unknownFields } from "./exact";
import { reason } from "./input-issue-texts";
import { issueFailure, issuesOf } from "./io";
import { INPUT_LIMITS, quote } from "./limits";

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

/** The business time of a command: a calendar date or a date-time with an offset, both strict. */
const IsoDateTime = new t.Type<string, string, unknown>(
  "IsoDateTime",
  (u): u is string => typeof u === "string" && businessTimeReason(u) === undefined,
  (u, c) => {
    if (typeof u !== "string") return issueFailure(u, c, reason("INPUT_NOT_A_BUSINESS_TIME", {}));
    const problem = businessTimeReason(u);
    return problem === undefined ? t.success(u) : issueFailure(u, c, problem);
  },
  t.identity,
);

const COMMAND_ID = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:@#/-]{0,${INPUT_LIMITS.commandIdLength - 1}}$`);

/**
 * A command id: 1–200 letters, digits and `. _ : @ # / -`, starting with a letter or digit
 * (`gy:A2019-023:ReportAccident`, a UUID, `import-entities-…-12-0`). Sent again, the same id
 * appends nothing, so it must be something a sender can keep.
 */
export const CommandId = new t.Type<string, string, unknown>(
  "CommandId",
  (u): u is string => typeof u === "string" && COMMAND_ID.test(u),
  (u, c) =>
    typeof u === "string" && COMMAND_ID.test(u)
      ? t.success(u)
      : issueFailure(u, c, reason("INPUT_NOT_A_COMMAND_ID", { max: INPUT_LIMITS.commandIdLength })),
  t.identity,
);

/** The JSON form of a command, as `submit` reads it and `docs/commands.md` describes it. */
export const CommandEnvelopeJson = t.intersection([
  t.type({
    type: t.string,
    commandId: CommandId,
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
    return E.left(
      validationError(
        [inputIssue("type", reason("INPUT_UNKNOWN_COMMAND", { type: quote(type) }))],
        "command",
      ),
    );
  const decoded = codec.decode(data);
  if (E.isRight(decoded)) {
    const unknown = unknownFields(codec, data, "data");
    return unknown.length === 0
      ? E.right({ type, data: decoded.right } as C)
      : E.left(validationError(unknown, `${type} command`));
  }
  return E.left(
    validationError(
      issuesOf(decoded.left).map((i) => ({ ...i, path: i.path ? `data.${i.path}` : "data" })),
      `${type} command`,
    ),
  );
};

export { IsoDateTime };
