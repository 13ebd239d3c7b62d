/**
 * `import KIND FILE.csv`: a list kept in a spreadsheet, row by row, as commands.
 *
 * The file is streamed, never held whole. A first pass hashes it (command ids are derived from
 * the file's content, the importing unit and the line, so the same unit importing the same file
 * again appends nothing). Then every
 * row is decoded and decided against a dry-run view of the ledger (`overlayStore`) before
 * anything is written; what the rows decide goes to a temporary spool file, not memory, and the
 * dry run's command handler keeps its usual bounded cache of folded streams. A row whose stream
 * is already in the ledger is compared with it first (`rowPlans`: unchanged, or the commands
 * that change it); the plan goes to a spool file of its own, for `--dry-run` to print. If any
 * row is bad, every bad row is reported (line, column, reason) and nothing is appended.
 *
 * Writing: on SQLite the spool is written in one IMMEDIATE transaction, read back one append at
 * a time while it is open: the events are already decided, encoded and chained, so the write
 * lock is held only for the inserts, and another process's writer waits (busy timeout, then the
 * command handler's retries) and gets its turn. Each stream is expected where the dry run found
 * it: the whole file or nothing, even with another writer at work (it then fails and the file
 * can be imported again). The memory store takes the spool as one batch; other stores
 * (EventStoreDB) take the commands one by one.
 */
import { statSync } from "node:fs";
import {
  type Actor,
  type BatchAppend,
  type BatchAppendingStore,
  canAppendBatch,
  createCommandHandler,
  type DecodedCommand,
  decodeCommandJson,
  type EventStore,
  errorText,
  type LedgerError,
  privacyOf,
  protectedStore,
  unprotectedOf,
  workstreamAggregate,
  workstreamStream,
} from "@safety-ledger/core";
import type { SqliteEventStore } from "@safety-ledger/sqlite";
import * as E from "fp-ts/lib/Either.js";
import { usage } from "../cli-error-texts";
import { CheckFailed } from "../errors";
import {
  checkHeader,
  columnOf,
  type DecodedRow,
  decodeRow,
  type ImportKind,
  KINDS,
  type KindSpec,
  type RowContext,
  type RowIssue,
} from "../import/csv-rows";
import { csvItems, type SpreadsheetSource, scanFile } from "../import/csv-stream";
import { overlayStore } from "../import/overlay-store";
import { type PlanEntry, type RowPlan, rowPlans, type Tally } from "../import/row-plans";
import { Spool } from "../import/spool";
import { type Lang, langOfEnv, MESSAGES } from "../messages";
import { type Io, progress, toJson } from "../output";
import { RESULT_TEXTS } from "../result-texts";
import { printPlan, type Reading, reportIssues } from "./import-report";

/** A command to submit, with the line it comes from (for error messages). */
interface Planned {
  readonly line: number;
  readonly command: DecodedCommand;
  /** Columns of this command's fields, when they differ from the kind's (a listing's `code`). */
  readonly columns?: Readonly<Record<string, string>>;
}

const describe = (error: LedgerError): { code: string; message: string; field?: string } => ({
  code: error.code,
  message: error.message,
  ...(error._tag === "DomainError" && error.field !== undefined ? { field: error.field } : {}),
  ...(error._tag === "ValidationError" && error.issues[0] !== undefined
    ? { field: error.issues[0].path }
    : {}),
});

/** The rows of the file that decode, one at a time; issues and counts go to `reading`. */
async function* decodedRows(
  file: string,
  source: SpreadsheetSource,
  spec: KindSpec,
  context: RowContext,
  reading: Reading,
): AsyncGenerator<DecodedRow> {
  // With a bad header the rows are counted, not decoded.
  let headerOk = true;
  for await (const item of csvItems(file, source)) {
    switch (item.kind) {
      case "header": {
        if (item.sheet !== undefined) reading.sheet = item.sheet;
        const issues = checkHeader(spec, item.header);
        reading.issues.push(...issues);
        headerOk = issues.length === 0;
        break;
      }
      case "issue":
        if (item.isRow) reading.total += 1;
        reading.issues.push(item.issue);
        break;
      case "row": {
        reading.total += 1;
        if (!headerOk) break;
        const decoded = decodeRow(spec, item.cells, item.line, context);
        if (E.isLeft(decoded)) reading.issues.push(...decoded.left);
        else {
          reading.rows += 1;
          yield decoded.right;
        }
      }
    }
  }
}

/**
 * Task rows need their elements on the workstream's list: one ListWorkstreamElements per
 * workstream for the file's codes it does not list yet, placed before the assignments.
 */
const listingCommands = async (
  store: EventStore,
  rows: AsyncIterable<DecodedRow>,
  actor: Actor,
  fileHash: string,
): Promise<Planned[]> => {
  const byWorkstream = new Map<string, { line: number; occurredAt: string; codes: Set<string> }>();
  for await (const row of rows)
    for (const { envelope } of row.commands) {
      if (envelope.command.type !== "AssignTaskElement") continue;
      const data = envelope.command.data as { code: string; workstream: string };
      const group = byWorkstream.get(data.workstream) ?? {
        line: row.line,
        occurredAt: envelope.occurredAt,
        codes: new Set<string>(),
      };
      if (Date.parse(envelope.occurredAt) < Date.parse(group.occurredAt))
        group.occurredAt = envelope.occurredAt;
      group.codes.add(data.code);
      byWorkstream.set(data.workstream, group);
    }
  const planned: Planned[] = [];
  for (const [code, group] of byWorkstream) {
    let state = workstreamAggregate.decider.initialState;
    for await (const stored of store.readStream(workstreamStream(code))) {
      const decoded = workstreamAggregate.events.decode(stored);
      if (E.isRight(decoded)) state = workstreamAggregate.decider.evolve(state, decoded.right);
    }
    const missing = [...group.codes].filter((c) => !state.elements.includes(c));
    if (missing.length === 0) continue;
    const decoded = decodeCommandJson({
      type: "ListWorkstreamElements",
      commandId: `import-tasks-${fileHash.slice(0, 16)}-list-${code}`,
      actor,
      occurredAt: group.occurredAt,
      data: { code, elements: missing },
    });
    if (E.isRight(decoded))
      planned.push({
        line: group.line,
        command: decoded.right,
        columns: { code: "workstream", elements: "code" },
      });
  }
  return planned;
};

/** The file's commands in order: the listings first, then each row's; `seen` hears of every row. */
async function* plannedCommands(
  listings: ReadonlyArray<Planned>,
  plans: AsyncIterable<RowPlan>,
  seen: (plan: RowPlan) => void = () => {},
): AsyncGenerator<Planned> {
  yield* listings;
  for await (const plan of plans) {
    seen(plan);
    for (const command of plan.commands) yield { line: plan.line, command };
  }
}

export interface ImportOptions extends SpreadsheetSource {
  readonly actor: Actor;
  /** Business date (or date-time) of rows that carry none, and of a re-import's changes; default now. */
  readonly on?: string;
  /** Print the plan (added, changed field by field, unchanged) and write nothing. */
  readonly dryRun?: boolean;
  /** The language of the messages (default: the locale's, else Chinese). */
  readonly lang?: Lang;
}

export const importCsv = async (
  store: EventStore,
  kind: ImportKind,
  file: string,
  options: ImportOptions,
  io: Io,
  json: boolean,
): Promise<number> => {
  try {
    if (!statSync(file).isFile()) throw new Error();
  } catch {
    throw usage("NO_SUCH_FILE", { file });
  }
  const spec = KINDS[kind];
  const lang = options.lang ?? langOfEnv();
  const { hash: fileHash, lineBreaks } = await scanFile(file);
  const context = {
    actor: options.actor,
    fileHash,
    defaultOn: options.on ?? new Date().toISOString(),
    file,
    messages: MESSAGES[lang],
  };
  const say = context.messages.import;
  const listings =
    kind === "tasks"
      ? await listingCommands(
          store,
          decodedRows(file, options, spec, context, { total: 0, rows: 0, issues: [] }),
          options.actor,
          fileHash,
        )
      : [];

  // 1. Decode every row, compare it with its stream, and decide its commands against a dry-run
  // view of the ledger; what they decide is spooled to a temporary file, and so is the plan.
  const spool = new Spool();
  const planSpool = new Spool<PlanEntry>();
  try {
    const reading: Reading = { total: 0, rows: 0, issues: [] };
    const tally: Tally = { added: 0, changed: 0, unchanged: 0 };
    // On an encrypted ledger the dry run encrypts as the write would and reads its spool revealed.
    const privacy = privacyOf(store);
    const view =
      privacy === undefined
        ? overlayStore(store, spool)
        : protectedStore(overlayStore(unprotectedOf(store), spool), privacy);
    const checked = await dryRun(
      view,
      plannedCommands(
        listings,
        rowPlans(decodedRows(file, options, spec, context, reading), view, spec, context, reading.issues),
        (plan) => {
          tally[plan.status] += 1;
          if (plan.status !== "unchanged")
            planSpool.add({ ...plan, commands: plan.commands.map((c) => c.envelope.command.type) });
        },
      ),
      {
        spec,
        io,
        issues: reading.issues,
        estimatedRows: Math.max(0, lineBreaks - 1),
        lang,
      },
    );

    if (reading.issues.length > 0) {
      reportIssues(reading, kind, file, io, json, say, lang);
      return 1;
    }
    const counts = { rows: reading.rows, ...tally, commands: checked.commands };
    if (options.dryRun === true) {
      printPlan(planSpool, { kind, file, ...counts, events: checked.events }, io, json, say);
      return 0;
    }

    // 2. Write: the spooled events in one transaction where the store can, else command by command.
    const { events, duplicates } = canAppendBatch(store)
      ? await writeSpool(store, spool, checked, lang)
      : await submitEach(
          store,
          // The file read again and compared with the ledger as it is written (the rows all
          // decoded the first time; this reading is not counted).
          plannedCommands(
            listings,
            rowPlans(
              decodedRows(file, options, spec, context, { total: 0, rows: 0, issues: [] }),
              store,
              spec,
              context,
              [],
            ),
          ),
          io,
          checked.commands,
          lang,
        );
    const summary = {
      ok: true,
      kind,
      file,
      ...counts,
      appended: events,
      alreadyImported: duplicates,
    };
    if (json) io.out(toJson(summary));
    else
      io.out(
        say.imported(
          reading.rows,
          say.kinds[kind],
          file,
          say.rowCounts(tally.added, tally.changed, tally.unchanged),
          checked.commands,
          events,
          duplicates,
        ),
      );
    return 0;
  } finally {
    spool.dispose();
    planSpool.dispose();
  }
};

/** What the dry run decided: commands taken, events they appended (spooled), repeats of earlier imports. */
interface Checked {
  readonly commands: number;
  readonly events: number;
  readonly duplicates: number;
}

/**
 * Decide every command against a dry-run view of the ledger; what they append goes to the
 * spool, what they reject to `issues`. Its own function, so that the dry run's folds are
 * garbage once it returns and the write phase can use their memory.
 */
const dryRun = async (
  view: EventStore,
  plan: AsyncIterable<Planned>,
  {
    spec,
    io,
    issues,
    estimatedRows,
    lang,
  }: { spec: KindSpec; io: Io; issues: RowIssue[]; estimatedRows: number; lang: Lang },
): Promise<Checked> => {
  // Streams an import touches are mostly touched by nearby rows: a small cache of folds does,
  // and a stream that fell out of it is read back from the ledger and the spool.
  const handle = createCommandHandler(view, { cachedStreams: 1_000 });
  const checked = { commands: 0, events: 0, duplicates: 0 };
  const bar = progress(io, RESULT_TEXTS[lang].progress.checking, estimatedRows);
  let lastLine = 0;
  for await (const { line, command, columns } of plan) {
    checked.commands += 1;
    const outcome = await handle(command.aggregate, command.envelope);
    if (line !== lastLine) bar.tick();
    lastLine = line;
    if (E.isRight(outcome)) {
      if (outcome.right.duplicate) checked.duplicates += 1;
      else checked.events += outcome.right.events.length;
    } else {
      const error = describe(outcome.left);
      const field = error.field?.replace(/^data\./, "");
      const column = (field === undefined ? undefined : columns?.[field]) ?? columnOf(spec, error.field);
      issues.push({
        line,
        ...(column === undefined ? {} : { column }),
        message: errorText(outcome.left, lang),
        english: error.message,
        code: error.code,
      });
    }
  }
  bar.stop();
  return checked;
};

/** A store that can write a batch pulled from an iterable inside its transaction (SQLite). */
const canAppendBatchFrom = (
  store: EventStore,
): store is EventStore & Pick<SqliteEventStore, "appendBatchFrom"> =>
  typeof (store as Partial<SqliteEventStore>).appendBatchFrom === "function";

/** All the events the dry run decided, in one transaction; the ledger as it was if anyone else wrote meanwhile. */
const writeSpool = async (
  store: BatchAppendingStore,
  spool: Spool,
  checked: { readonly events: number; readonly duplicates: number },
  lang: Lang,
): Promise<{ events: number; duplicates: number }> => {
  const say = MESSAGES[lang].import;
  if (spool.size > 0) {
    const written = canAppendBatchFrom(store)
      ? await store.appendBatchFrom(spool.appendsInOrder())
      : await store.appendBatch(Array.from<BatchAppend>(spool.appendsInOrder()));
    if (E.isLeft(written)) {
      const error = errorText(written.left, lang);
      throw new CheckFailed(
        written.left._tag === "WrongExpectedVersion" ? say.raced(error) : say.notWritten(error),
      );
    }
  }
  return checked;
};

/** For stores without batches: the commands one by one (a conflict leaves the rows before it in). */
const submitEach = async (
  store: EventStore,
  plan: AsyncIterable<Planned>,
  io: Io,
  commands: number,
  lang: Lang,
): Promise<{ events: number; duplicates: number }> => {
  const say = MESSAGES[lang].import;
  const handle = createCommandHandler(store);
  const bar = progress(io, RESULT_TEXTS[lang].progress.importing, commands);
  let events = 0;
  let duplicates = 0;
  for await (const { line, command } of plan) {
    const outcome = await handle(command.aggregate, command.envelope);
    bar.tick();
    if (E.isLeft(outcome)) {
      bar.stop();
      // Only another writer between the check and the write can get here.
      throw new CheckFailed(say.racedAt(line, errorText(outcome.left, lang)));
    }
    if (outcome.right.duplicate) duplicates += 1;
    else events += outcome.right.events.length;
  }
  bar.stop();
  return { events, duplicates };
};
