/**
 * Spreadsheets as .xlsx, through exceljs's streaming reader and writer (a sheet is read row by
 * row and written row by row, never whole in memory). A row's cells come out as the text a CSV
 * of the same sheet would hold, so one row decoder serves both: a date cell is `YYYY-MM-DD` (or
 * a date-time in China time when it has a time of day), a number is its shortest decimal form,
 * rich text and formulas give their text and result.
 */
import type ExcelJS from "exceljs";
import { usage } from "../cli-error-texts";

/**
 * exceljs, loaded by the first spreadsheet read or written: it takes about as long to load as
 * the rest of the command line together, and most commands never touch a spreadsheet.
 */
const excel = async (): Promise<typeof ExcelJS> => (await import("exceljs")).default;

/** One row of a sheet: its row number (the "line" of errors) and its cells as text. */
export interface SheetRow {
  readonly line: number;
  readonly record: string[];
  /** The sheet it is on (a workbook's rows; a CSV has none). */
  readonly sheet?: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Excel stores a date as a serial of local wall time; exceljs hands it over as a `Date` whose
 * UTC fields are that wall time. A clerk in Guangyuan means China Standard Time.
 */
const dateText = (d: Date): string => {
  const day = d.toISOString().slice(0, 10);
  const [h, m, s] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  return h === 0 && m === 0 && s === 0 ? day : `${day}T${pad(h)}:${pad(m)}:${pad(s)}+08:00`;
};

export const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return dateText(value);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return value.result === undefined ? "" : cellText(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  if ("error" in value) return String(value.error);
  return "";
};

/**
 * The rows of one sheet (the first, or the one named by `sheet`), in order, empty rows left
 * out. A sheet that is not there is a usage error naming the sheets the file has.
 */
export async function* sheetRows(file: string, sheet?: string): AsyncGenerator<SheetRow> {
  const reader = new (await excel()).stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const names: string[] = [];
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name: string }).name;
    names.push(name);
    if (sheet !== undefined ? name !== sheet : names.length > 1) {
      // Drain the sheet we skip: the reader moves on only when it has been read.
      for await (const skipped of worksheet) void skipped;
      continue;
    }
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      const record = values.slice(1).map(cellText);
      for (let i = 0; i < record.length; i++) record[i] ??= "";
      if (record.every((c) => c.trim() === "")) continue;
      yield { line: row.number, record, sheet: name };
    }
    return;
  }
  if (sheet !== undefined)
    throw usage("NO_SUCH_SHEET", { file, sheet, sheets: names.map((n) => `"${n}"`).join(", ") });
}

/** Write rows to a one-sheet .xlsx, streamed; the header row bold and frozen. */
export const writeSheet = async (
  file: string,
  sheetName: string,
  header: ReadonlyArray<string>,
  rows:
    | AsyncIterable<ReadonlyArray<string | number | null>>
    | Iterable<ReadonlyArray<string | number | null>>,
): Promise<void> => {
  const workbook = new (await excel()).stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const worksheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  const head = worksheet.addRow([...header]);
  head.font = { bold: true };
  head.commit();
  for await (const row of rows) worksheet.addRow([...row]).commit();
  worksheet.commit();
  await workbook.commit();
};
