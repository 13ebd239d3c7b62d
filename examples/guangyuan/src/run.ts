/** Runs the scenario's commands through the command handler, as a user's data would go in. */

import { createCommandHandler, decodeCommandJson, type EventStore } from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import type { CommandJson } from "./command-log";
import { guangyuanCommands } from "./scenario";

export interface RunOptions {
  /** Called after each command. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The commands to run (default: `guangyuanCommands()`). */
  readonly commands?: ReadonlyArray<CommandJson>;
}

export interface RunResult {
  /** Commands run. */
  readonly commands: number;
  /** Commands that appended events now. */
  readonly appended: number;
  /** Commands already on their stream (same command id), which appended nothing. */
  readonly duplicates: number;
  /** Events appended now. */
  readonly events: number;
}

const describe = (c: CommandJson) =>
  `${c.type} ${c.commandId} (${c.occurredAt}, ${c.actor.unit}/${c.actor.role})`;

/**
 * Decode and handle every command with one command handler on `store`. A command that fails to
 * decode or is rejected is a bug in the scenario: it throws, naming the command.
 */
export const runGuangyuan = async (store: EventStore, options: RunOptions = {}): Promise<RunResult> => {
  const commands = options.commands ?? guangyuanCommands();
  const handle = createCommandHandler(store);
  let appended = 0;
  let duplicates = 0;
  let events = 0;
  for (const [i, json] of commands.entries()) {
    const decoded = decodeCommandJson(json);
    if (E.isLeft(decoded))
      throw new Error(`Guangyuan scenario: ${describe(json)} does not decode: ${decoded.left.message}`);
    const { aggregate, envelope } = decoded.right;
    const outcome = await handle(aggregate, envelope);
    if (E.isLeft(outcome))
      throw new Error(`Guangyuan scenario: ${describe(json)} was rejected: ${outcome.left.message}`);
    if (outcome.right.duplicate) duplicates += 1;
    else if (outcome.right.events.length > 0) {
      appended += 1;
      events += outcome.right.events.length;
    } else throw new Error(`Guangyuan scenario: ${describe(json)} decided no events`);
    options.onProgress?.(i + 1, commands.length);
  }
  return { commands: commands.length, appended, duplicates, events };
};
