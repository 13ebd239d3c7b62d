/** What `import` prints: the `--dry-run` plan, and the problems of a file that was refused. */

import type { ImportKind, RowIssue } from "../import/csv-rows";
import { rowReasonText } from "../import/import-issue-texts";
import type { PlanEntry, Tally } from "../import/row-plans";
import type { Spool } from "../import/spool";
import type { Lang, Messages } from "../messages";
import { type Io, toJson } from "../output";

/** What reading the file found, filled in as its commands are taken. */
export interface Reading {
  /** Data rows in the file, well-formed or not. */
  total: number;
  /** Rows that decoded into commands. */
  rows: number;
  readonly issues: RowIssue[];
  /** The sheet read, for a workbook (errors name it). */
  sheet?: string;
}

/**
 * `--dry-run`: the rows that decide something, changes field by field, then the counts. The
 * JSON is one document printed a plan entry at a time, from the plan's spool file.
 */
export const printPlan = (
  plan: Spool<PlanEntry>,
  counts: { kind: ImportKind; file: string; rows: number; commands: number; events: number } & Tally,
  io: Io,
  json: boolean,
  say: Messages["import"],
): void => {
  if (json) {
    const head = toJson({ ok: true, dryRun: true, ...counts });
    io.out(`${head.slice(0, -1)},"plan":[`);
    let first = true;
    for (const entry of plan.appendsInOrder()) {
      io.out(`${first ? "" : ","}${toJson(entry)}`);
      first = false;
    }
    io.out("]}");
    return;
  }
  for (const entry of plan.appendsInOrder()) {
    io.out(say.planRow(entry.line, entry.id, entry.status as "added" | "changed", entry.commands.join(", ")));
    for (const change of entry.changes)
      io.out(`  ${change.column}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`);
  }
  io.out(
    say.dryRun(
      counts.file,
      counts.rows,
      say.kinds[counts.kind],
      say.rowCounts(counts.added, counts.changed, counts.unchanged),
      counts.commands,
      counts.events,
    ),
  );
};

/** A row issue in the reader's language: a coded reason rendered, else the words it carries. */
export const rowIssueText = (issue: RowIssue, lang: Lang): string => {
  if (issue.reason === undefined) return issue.message;
  const why = rowReasonText(issue.reason, lang);
  return issue.field === undefined ? why : `${issue.field}${lang === "en" ? ": " : "："}${why}`;
};

export const reportIssues = (
  reading: Reading,
  kind: ImportKind,
  file: string,
  io: Io,
  json: boolean,
  say: Messages["import"],
  lang: Lang,
): void => {
  const seen = new Set<string>();
  const sorted = [...reading.issues]
    .sort((a, b) => a.line - b.line)
    .filter((i) => {
      const key = `${i.line}|${i.column}|${i.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  // Line 1 is the header (or the file as a whole): its problems are not bad rows.
  const badLines = new Set(sorted.filter((i) => i.line > 1).map((i) => i.line)).size;
  const headerProblems = sorted.filter((i) => i.line <= 1).length;
  if (json)
    io.out(
      toJson({
        ok: false,
        kind,
        file,
        ...(reading.sheet === undefined ? {} : { sheet: reading.sheet }),
        rows: reading.total,
        appended: 0,
        errors: sorted.map((i) => ({
          line: i.line,
          column: i.column ?? null,
          message: i.english ?? i.message,
          text: rowIssueText(i, lang),
          code: i.code ?? i.reason?.code ?? null,
        })),
      }),
    );
  else {
    for (const i of sorted) io.out(say.issue(i.line, i.column, rowIssueText(i, lang)));
    const where = reading.sheet === undefined ? file : say.inSheet(file, reading.sheet);
    const parts = [
      ...(headerProblems > 0 ? [say.headerProblems(where, headerProblems)] : []),
      ...(badLines > 0 ? [say.badRows(where, badLines, reading.total, sorted.length - headerProblems)] : []),
    ];
    io.err(say.nothingImported(parts, sorted.length));
  }
};
