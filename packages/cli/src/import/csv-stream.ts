/**
 * Reading a spreadsheet a record at a time, so an import holds one row, not the file: a CSV in
 * UTF-8 or GB18030 (csv-parse's stream parser over the strict decoder), or a sheet of an .xlsx
 * file (exceljs's streaming reader). The header comes first; then each data row with the line it ends on, or the
 * issue that stops the file (not valid CSV, a row with the wrong number of fields).
 */
import { createHash } from "node:crypto";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { Readable } from "node:stream";
import { UsageError } from "../errors";
import type { RowIssue } from "./csv-rows";
import { codedIssue } from "./import-issue-texts";
import { type EncodingChoice, EncodingError, readText } from "./text-encoding";
import { type SheetRow, sheetRows } from "./xlsx";

export type CsvItem =
  | { readonly kind: "header"; readonly header: ReadonlyArray<string>; readonly sheet?: string }
  | { readonly kind: "row"; readonly line: number; readonly cells: Readonly<Record<string, string>> }
  /** A data row that is there but unusable (counted as a row), or the file as a whole (line 0/1). */
  | { readonly kind: "issue"; readonly issue: RowIssue; readonly isRow: boolean };

/** Where a spreadsheet's rows come from: a CSV in some encoding, or a sheet of an .xlsx file. */
export interface SpreadsheetSource {
  /** A CSV's encoding (default `auto`: UTF-8, or GB18030 as Excel writes it on Chinese Windows). */
  readonly encoding?: EncodingChoice;
  /** The sheet of an .xlsx file (default: the first). */
  readonly sheet?: string;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** An .xlsx file (a zip) rather than a CSV: by its first bytes, whatever its name. */
export const isXlsx = (file: string): boolean => {
  const head = Buffer.alloc(4);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(ZIP_MAGIC);
};

/** The records of a CSV, decoded strictly (see text-encoding.ts), with the line each ends on. */
async function* csvRecords(file: string, encoding: EncodingChoice): AsyncGenerator<SheetRow> {
  // loaded by the first CSV read: most commands read none
  const { parse } = await import("csv-parse");
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  const text = Readable.from(readText(file, encoding));
  // A decoding error ends the parse with that error (pipe alone would leave it unhandled).
  text.on("error", (error) => parser.destroy(error));
  text.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
    yield { line: info.lines, record };
}

/** The file's records in order. Empty file: one issue. Not valid CSV: the rows before, then an issue. */
export async function* csvItems(file: string, source: SpreadsheetSource = {}): AsyncGenerator<CsvItem> {
  const xlsx = source.sheet !== undefined || isXlsx(file);
  const records = xlsx ? sheetRows(file, source.sheet) : csvRecords(file, source.encoding ?? "auto");
  let header: string[] | undefined;
  /** The line the last record read ends on: a record the parser cannot end starts after it. */
  let last = 0;
  try {
    for await (const { record: raw, line, sheet } of records) {
      last = line;
      // A sheet leaves out empty cells at the end of a row; a CSV writes them.
      const record =
        xlsx && header !== undefined && raw.length < header.length
          ? [...raw, ...Array<string>(header.length - raw.length).fill("")]
          : raw;
      if (header === undefined) {
        header = record.map((h) => h.trim());
        yield sheet === undefined ? { kind: "header", header } : { kind: "header", header, sheet };
      } else if (record.length !== header.length)
        yield {
          kind: "issue",
          isRow: true,
          issue: codedIssue(line, "ROW_FIELD_COUNT", { fields: record.length, header: header.length }),
        };
      else {
        const cells: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) cells[header[i]!] = record[i] ?? "";
        yield { kind: "row", line, cells };
      }
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const { CsvError } = await import("csv-parse");
    const issue: RowIssue =
      e instanceof EncodingError
        ? codedIssue(e.line, "FILE_NOT_IN_ENCODING", {
            byte: e.byteOffset + 1,
            encoding: e.encoding === "utf-8" ? "UTF-8" : "GB18030 (GBK)",
          })
        : e instanceof CsvError && e.code === "CSV_QUOTE_NOT_CLOSED"
          ? codedIssue(last + 1, "FILE_QUOTE_NOT_CLOSED", {})
          : e instanceof CsvError
            ? codedIssue(Number((e as { lines?: number }).lines ?? 0), "FILE_NOT_CSV", {
                detail: e.message,
              })
            : codedIssue(0, xlsx ? "FILE_NOT_XLSX" : "FILE_NOT_CSV", { detail: (e as Error).message });
    yield { kind: "issue", isRow: false, issue };
    return;
  }
  if (header === undefined) yield { kind: "issue", isRow: false, issue: codedIssue(1, "FILE_EMPTY", {}) };
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
