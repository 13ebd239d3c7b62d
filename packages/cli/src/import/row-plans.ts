/**
 * What each row of an import comes to, against the ledger: a row whose stream holds nothing yet
 * is added (its registration), one whose stream is there is compared with it (`compareRow`):
 * unchanged, or changed by the commands that change it. A code given twice is the second row's
 * error. Rows stream through one at a time.
 */
import { basename } from "node:path";
import { type DecodedCommand, decodeCommandJson, type EventStore } from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { STATE_CELLS } from "../commands/export-rows";
import { MESSAGES, type Messages } from "../messages";
import {
  columnOf,
  commandIdFor,
  type DecodedRow,
  type KindSpec,
  type RowContext,
  type RowIssue,
} from "./csv-rows";
import { reasonOf } from "./import-issue-texts";
import { compareRow, type FieldChange } from "./reimport";

/** What a row comes to: its registration (added), the commands that change it, or nothing. */
export interface RowPlan {
  readonly line: number;
  /** The row's code (its first column: entityId, hazardId, …). */
  readonly id: string;
  readonly status: "added" | "changed" | "unchanged";
  readonly changes: ReadonlyArray<FieldChange>;
  readonly commands: ReadonlyArray<DecodedCommand>;
}

/** The plan as printed: the rows that decide something, with the commands they decide. */
export type PlanEntry = Omit<RowPlan, "commands"> & { readonly commands: ReadonlyArray<string> };

export interface Tally {
  added: number;
  changed: number;
  unchanged: number;
}

/** A stream's state now, folded by the aggregate of the command that names it, and its revision. */
const currentState = async (ledger: EventStore, { aggregate, envelope }: DecodedCommand) => {
  let state = aggregate.decider.initialState;
  let revision = -1;
  for await (const stored of ledger.readStream(aggregate.streamOf(envelope.command))) {
    revision = stored.revision;
    const event = aggregate.events.decode(stored);
    if (E.isRight(event)) state = aggregate.decider.evolve(state, event.right);
  }
  return { state, revision };
};

/**
 * Each row against the ledger (`ledger`: the dry run's view, which has the file's earlier rows):
 * a row whose stream holds nothing yet is added, one that does is compared with its state
 * (unchanged, or changed by the commands `compareRow` gives, at the `--on` time). A change's
 * command id has the stream's revision in it: the same file and ledger give the same ids.
 */
export async function* rowPlans(
  rows: AsyncIterable<DecodedRow>,
  ledger: EventStore,
  spec: KindSpec,
  context: RowContext & { readonly file: string; readonly messages: Messages },
  issues: RowIssue[],
): AsyncGenerator<RowPlan> {
  const { errors, hints } = context.messages;
  const key = spec.columns[0]?.name ?? "";
  // The line of each row that decided something (like the overlay's heads, one entry per
  // stream written): a later row of the same code would otherwise be read as its change.
  const decidedOn = new Map<string, number>();
  for await (const decoded of rows) {
    const { line, commands, row, given } = decoded;
    const id = String(row[key]);
    const earlier = decidedOn.get(id);
    if (earlier !== undefined) {
      issues.push({
        line,
        column: given[key] ?? key,
        message: errors.DUPLICATE_ROW(id, earlier, key),
        english: MESSAGES.en.errors.DUPLICATE_ROW(id, earlier, key),
        code: "DUPLICATE_ROW",
      });
      continue;
    }
    const added: RowPlan = { line, id, status: "added", changes: [], commands };
    const first = commands[0];
    if (first === undefined) {
      yield added;
      continue;
    }
    const { state, revision } = await currentState(ledger, first);
    const cells = STATE_CELLS[spec.kind](state);
    if (cells === undefined) {
      decidedOn.set(id, line);
      yield added;
      continue;
    }
    const reason = `re-import of ${basename(context.file)}, line ${line}`;
    const comparison = compareRow(spec, row, cells, given, reason);
    for (const { column, from, to, hint } of comparison.refused)
      issues.push({
        line,
        column,
        message: errors.NOT_CHANGED_BY_REIMPORT(from, to, hints[hint]),
        english: MESSAGES.en.errors.NOT_CHANGED_BY_REIMPORT(from, to, MESSAGES.en.hints[hint]),
        code: "NOT_CHANGED_BY_REIMPORT",
      });
    const changes: DecodedCommand[] = [];
    comparison.commands.forEach((command, n) => {
      const decodedCommand = decodeCommandJson({
        type: command.type,
        commandId: commandIdFor(spec.kind, context.fileHash, line, `r${revision}-${n}`, context.actor.unit),
        actor: context.actor,
        occurredAt: context.defaultOn,
        data: command.data,
      });
      if (E.isRight(decodedCommand)) changes.push(decodedCommand.right);
      else
        for (const i of decodedCommand.left.issues) {
          const column = columnOf(spec, i.path);
          issues.push({
            line,
            ...(column === undefined ? {} : { column: given[column] ?? column }),
            message: i.message,
            reason: reasonOf(i),
          });
        }
    });
    if (comparison.changes.length === 0) {
      yield { line, id, status: "unchanged", changes: [], commands: [] };
      continue;
    }
    decidedOn.set(id, line);
    yield { line, id, status: "changed", changes: comparison.changes, commands: changes };
  }
}
