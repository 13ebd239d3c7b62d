/**
 * `import KIND FILE.csv`: a list kept in a spreadsheet, row by row, as commands.
 *
 * Every row is decoded and then decided against a dry-run copy of the ledger (`overlayStore`)
 * before anything is written; if any row is bad, every bad row is reported (line, column,
 * reason) and nothing is appended. Command ids are derived from the file's content and the
 * line, so importing the same file again appends nothing.
 *
 * Writing: on a store that appends batches in one transaction (SQLite, memory), the events the
 * dry run decided are written in one batch, each stream expected where the dry run found it:
 * the whole file or nothing, even with another writer at work (it then fails and the file can
 * be imported again). Other stores (EventStoreDB) take the commands one by one.
 */
import { readFileSync } from "node:fs";
import {
  type Actor,
  type BatchAppendingStore,
  canAppendBatch,
  createCommandHandler,
  type DecodedCommand,
  decodeCommandJson,
  type EventStore,
  type LedgerError,
  workstreamAggregate,
  workstreamStream,
} from "@safety-ledger/core";
import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import * as E from "fp-ts/lib/Either.js";
import { UsageError } from "../errors";
import {
  checkHeader,
  columnOf,
  type DecodedRow,
  decodeRow,
  fileHashOf,
  type ImportKind,
  KINDS,
  type RowIssue,
} from "../import/csv-rows";
import { type OverlayStore, overlayStore } from "../import/overlay-store";
import { type Io, progress, toJson } from "../output";

/** A command to submit, with the line it comes from (for error messages). */
interface Planned {
  readonly line: number;
  readonly command: DecodedCommand;
  /** Columns of this command's fields, when they differ from the kind's (a listing's `code`). */
  readonly columns?: Readonly<Record<string, string>>;
}

interface Parsed {
  readonly header: string[];
  /** Data rows in the file, well-formed or not. */
  readonly total: number;
  readonly records: Array<{ line: number; cells: Record<string, string> }>;
  readonly issues: RowIssue[];
}

const parseCsv = (content: string): Parsed => {
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(content, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (e) {
    const line = e instanceof CsvError ? Number((e as CsvError & { lines?: number }).lines ?? 0) : 0;
    return {
      header: [],
      total: 0,
      records: [],
      issues: [{ line, message: `not valid CSV: ${(e as Error).message}` }],
    };
  }
  const [first, ...rest] = rows;
  if (first === undefined)
    return { header: [], total: 0, records: [], issues: [{ line: 1, message: "the file is empty" }] };
  const header = first.record.map((h) => h.trim());
  const issues: RowIssue[] = [];
  const records = rest.flatMap(({ record, info }) => {
    if (record.length !== header.length) {
      issues.push({
        line: info.lines,
        message: `has ${record.length} fields, the header has ${header.length}`,
      });
      return [];
    }
    return [{ line: info.lines, cells: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ""])) }];
  });
  return { header, total: rest.length, records, issues };
};

const describe = (error: LedgerError): { code: string; message: string; field?: string } => ({
  code: error.code,
  message: error.message,
  ...(error._tag === "DomainError" && error.field !== undefined ? { field: error.field } : {}),
  ...(error._tag === "ValidationError" && error.issues[0] !== undefined
    ? { field: error.issues[0].path }
    : {}),
});

/**
 * Task rows need their elements on the workstream's list: one ListWorkstreamElements per
 * workstream for the file's codes it does not list yet, placed before the assignments.
 */
const listingCommands = async (
  store: EventStore,
  rows: ReadonlyArray<DecodedRow>,
  actor: Actor,
  fileHash: string,
): Promise<Planned[]> => {
  const byWorkstream = new Map<string, { line: number; occurredAt: string; codes: string[] }>();
  for (const row of rows)
    for (const { envelope } of row.commands) {
      if (envelope.command.type !== "AssignTaskElement") continue;
      const data = envelope.command.data as { code: string; workstream: string };
      const group = byWorkstream.get(data.workstream) ?? {
        line: row.line,
        occurredAt: envelope.occurredAt,
        codes: [],
      };
      if (Date.parse(envelope.occurredAt) < Date.parse(group.occurredAt))
        group.occurredAt = envelope.occurredAt;
      group.codes.push(data.code);
      byWorkstream.set(data.workstream, group);
    }
  const planned: Planned[] = [];
  for (const [code, group] of byWorkstream) {
    let state = workstreamAggregate.decider.initialState;
    for await (const stored of store.readStream(workstreamStream(code))) {
      const decoded = workstreamAggregate.events.decode(stored);
      if (E.isRight(decoded)) state = workstreamAggregate.decider.evolve(state, decoded.right);
    }
    const missing = [...new Set(group.codes)].filter((c) => !state.elements.includes(c));
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

export interface ImportOptions {
  readonly actor: Actor;
  /** Business date (or date-time) of rows that carry none; default now. */
  readonly on?: string;
}

export const importCsv = async (
  store: EventStore,
  kind: ImportKind,
  file: string,
  options: ImportOptions,
  io: Io,
  json: boolean,
): Promise<number> => {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
  const spec = KINDS[kind];
  const fileHash = fileHashOf(content);
  const context = { actor: options.actor, fileHash, defaultOn: options.on ?? new Date().toISOString() };

  // 1. Decode every row.
  const parsed = parseCsv(content.toString("utf8"));
  const headerIssues = parsed.header.length === 0 ? [] : checkHeader(spec, parsed.header);
  const issues: RowIssue[] = [...parsed.issues, ...headerIssues];
  const rows: DecodedRow[] = [];
  if (headerIssues.length === 0)
    for (const { line, cells } of parsed.records) {
      const decoded = decodeRow(spec, cells, line, context);
      if (E.isLeft(decoded)) issues.push(...decoded.left);
      else rows.push(decoded.right);
    }

  // 2. Decide the commands of every row that decoded against a dry-run copy of the ledger.
  let plan: Planned[] = [];
  const overlay = overlayStore(store);
  const checked = { events: 0, duplicates: 0 };
  if (rows.length > 0) {
    plan = [
      ...(kind === "tasks" ? await listingCommands(store, rows, options.actor, fileHash) : []),
      ...rows.flatMap((row) => row.commands.map((command) => ({ line: row.line, command }))),
    ];
    const dryRun = createCommandHandler(overlay, { cachedStreams: 0 });
    const bar = progress(io, "checking", plan.length);
    for (const { line, command, columns } of plan) {
      const outcome = await dryRun(command.aggregate, command.envelope);
      bar.tick();
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
          message: error.message,
          code: error.code,
        });
      }
    }
    bar.stop();
  }

  if (issues.length > 0) {
    const seen = new Set<string>();
    const sorted = [...issues]
      .sort((a, b) => a.line - b.line)
      .filter((i) => {
        const key = `${i.line}|${i.column}|${i.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    const badLines = new Set(sorted.map((i) => i.line)).size;
    if (json)
      io.out(
        toJson({
          ok: false,
          kind,
          file,
          rows: parsed.total,
          appended: 0,
          errors: sorted.map((i) => ({
            line: i.line,
            column: i.column ?? null,
            message: i.message,
            code: i.code ?? null,
          })),
        }),
      );
    else {
      for (const i of sorted)
        io.out(`line ${i.line}${i.column === undefined ? "" : `, column ${i.column}`}: ${i.message}`);
      io.err(
        `${badLines} of ${parsed.total} rows of ${file} ${badLines === 1 ? "is" : "are"} bad (${sorted.length} ${sorted.length === 1 ? "problem" : "problems"}); nothing was imported. Fix ${badLines === 1 ? "it" : "them"} and import the file again.`,
      );
    }
    return 1;
  }

  // 3. Write: the dry run's events in one batch where the store can, else command by command.
  const { events, duplicates } = canAppendBatch(store)
    ? await writeBatch(store, overlay, checked)
    : await submitEach(store, plan, io);
  const summary = {
    ok: true,
    kind,
    file,
    rows: rows.length,
    commands: plan.length,
    appended: events,
    alreadyImported: duplicates,
  };
  if (json) io.out(toJson(summary));
  else
    io.out(
      `Imported ${rows.length} ${kind} rows from ${file}: ${plan.length} commands, ${events} events appended${duplicates > 0 ? `, ${duplicates} commands already in the ledger (nothing appended for them)` : ""}.`,
    );
  return 0;
};

/** All the events the dry run decided, in one transaction; the ledger as it was if anyone else wrote meanwhile. */
const writeBatch = async (
  store: BatchAppendingStore,
  overlay: OverlayStore,
  checked: { readonly events: number; readonly duplicates: number },
): Promise<{ events: number; duplicates: number }> => {
  const batch = overlay.pending();
  if (batch.length > 0) {
    const written = await store.appendBatch(batch);
    if (E.isLeft(written)) {
      const error = describe(written.left);
      throw new Error(
        written.left._tag === "WrongExpectedVersion"
          ? `${error.message} Another writer changed the ledger during the import; nothing was imported. Import the file again.`
          : `${error.message} Nothing was imported.`,
      );
    }
  }
  return checked;
};

/** For stores without batches: the commands one by one (a conflict leaves the rows before it in). */
const submitEach = async (
  store: EventStore,
  plan: ReadonlyArray<Planned>,
  io: Io,
): Promise<{ events: number; duplicates: number }> => {
  const handle = createCommandHandler(store);
  const bar = progress(io, "importing", plan.length);
  let events = 0;
  let duplicates = 0;
  for (const { line, command } of plan) {
    const outcome = await handle(command.aggregate, command.envelope);
    bar.tick();
    if (E.isLeft(outcome)) {
      bar.stop();
      // Only another writer between the check and the write can get here.
      const error = describe(outcome.left);
      throw new Error(
        `line ${line}: ${error.message} (the ledger changed during the import; rows before line ${line} were imported, import the file again to finish)`,
      );
    }
    if (outcome.right.duplicate) duplicates += 1;
    else events += outcome.right.events.length;
  }
  bar.stop();
  return { events, duplicates };
};
