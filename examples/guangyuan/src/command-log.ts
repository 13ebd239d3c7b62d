/**
 * The JSON form of a command (what `decodeCommandJson` reads, see docs/commands.md) and a small
 * builder that gives every command a readable, deterministic id, so running the scenario again
 * appends nothing.
 */

export interface ActorJson {
  readonly unit: string;
  readonly role: string;
  readonly person: string;
}

export interface CommandJson {
  readonly type: string;
  readonly commandId: string;
  readonly actor: ActorJson;
  /** Business time, ISO 8601 with the +08:00 offset. */
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** A local (+08:00) date-time on a date, at hh:mm. */
export const at = (date: string, hour: number, minute = 0): string =>
  `${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+08:00`;

/**
 * Collects commands. Ids are `gy:<subject>:<type>[:n]`: the subject (an element code, an entity
 * id, …) and the command type, numbered when the same command is issued twice for one subject.
 */
export class CommandLog {
  private readonly commands: CommandJson[] = [];
  private readonly seen = new Map<string, number>();

  add(
    subject: string,
    type: string,
    actor: ActorJson,
    occurredAt: string,
    data: Readonly<Record<string, unknown>>,
    correlationId?: string,
  ): void {
    const base = `gy:${subject}:${type}`;
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    this.commands.push({
      type,
      commandId: n === 1 ? base : `${base}:${n}`,
      actor,
      occurredAt,
      data,
      ...(correlationId === undefined ? {} : { correlationId }),
    });
  }

  get all(): ReadonlyArray<CommandJson> {
    return this.commands;
  }
}

/** Commands in the order of their business time; commands at the same instant keep their order. */
export const chronological = (commands: ReadonlyArray<CommandJson>): CommandJson[] =>
  commands
    .map((command, index) => ({ command, index, t: Date.parse(command.occurredAt) }))
    .sort((a, b) => a.t - b.t || a.index - b.index)
    .map((x) => x.command);
