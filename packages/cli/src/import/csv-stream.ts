/**
 * Reading a CSV file a record at a time (csv-parse's stream parser), so an import holds one row,
 * not the file. The header comes first; then each data row with the line it ends on, or the
 * issue that stops the file (not valid CSV, a row with the wrong number of fields).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { CsvError, parse } from "csv-parse";
import type { RowIssue } from "./csv-rows";

export type CsvItem =
  | { readonly kind: "header"; readonly header: ReadonlyArray<string> }
  | { readonly kind: "row"; readonly line: number; readonly cells: Readonly<Record<string, string>> }
  /** A data row that is there but unusable (counted as a row), or the file as a whole (line 0/1). */
  | { readonly kind: "issue"; readonly issue: RowIssue; readonly isRow: boolean };

/** The file's records in order. Empty file: one issue. Not valid CSV: the rows before, then an issue. */
export async function* csvItems(file: string): AsyncGenerator<CsvItem> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
  );
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header === undefined) {
        header = record.map((h) => h.trim());
        yield { kind: "header", header };
      } else if (record.length !== header.length)
        yield {
          kind: "issue",
          isRow: true,
          issue: {
            line: info.lines,
            message: `has ${record.length} fields, the header has ${header.length}`,
          },
        };
      else {
        const cells: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) cells[header[i]!] = record[i] ?? "";
        yield { kind: "row", line: info.lines, cells };
      }
    }
  } catch (e) {
    const line = e instanceof CsvError ? Number((e as CsvError & { lines?: number }).lines ?? 0) : 0;
    yield { kind: "issue", isRow: false, issue: { line, message: `not valid CSV: ${(e as Error).message}` } };
    return;
  }
  if (header === undefined)
    yield { kind: "issue", isRow: false, issue: { line: 1, message: "the file is empty" } };
}

/**
 * SHA-256 of the file's bytes, read in chunks (the import's command ids derive from it), and
 * its line breaks (a progress bar's estimate of the rows).
 */
export const scanFile = async (
  file: string,
): Promise<{ readonly hash: string; readonly lineBreaks: number }> => {
  const hash = createHash("sha256");
  let lineBreaks = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lineBreaks += 1;
  }
  return { hash: hash.digest("hex"), lineBreaks };
};
