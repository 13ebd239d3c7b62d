/**
 * Why a spreadsheet cell is refused, keyed by a stable code, in English and Chinese: the cell
 * checks of `import` (core's codes cover the command fields a row becomes). A row's issue
 * carries the code and its parameters and is printed in the reader's language by `rowIssueText`.
 */
import {
  type ErrorLang,
  type ErrorParams,
  type ErrorText,
  type ErrorTexts,
  INPUT_ISSUE_TEXTS,
  type IssueReason,
  reasonsOf,
  reasonText,
  text,
} from "@safety-ledger/core";
import { MESSAGES } from "../messages";
import { type AliasedValue, VALUE_ALIASES } from "./aliases";

type None = Record<never, never>;

const valuesOf = (set: string, lang: ErrorLang): string => {
  const values = VALUE_ALIASES[set as AliasedValue];
  if (values === undefined) return set;
  return lang === "en"
    ? values.map((v) => `${v.key} (${v.names[0]})`).join(", ")
    : values.map((v) => v.names[0] ?? v.key).join("、");
};

const kindZh = (kind: string): string => MESSAGES["zh-CN"].import.kinds[kind as "tasks"] ?? kind;

export const IMPORT_ISSUE_TEXTS = {
  CELL_REQUIRED_EMPTY: text<None>(
    () => "is required and is empty",
    () => "为必填项，但为空",
  ),
  CELL_EMPTY: text<None>(
    () => "must not be empty",
    () => "不能为空",
  ),
  CELL_NOT_WHOLE_NUMBER: text<{ value: string }>(
    (p) => `must be a whole number, 0 or more, got ${p.value}`,
    (p) => `须为非负整数（0 或以上），填写的是 ${p.value}`,
  ),
  CELL_NOT_A_NUMBER: text<{ value: string }>(
    (p) => `must be a number such as 6 or 0.5, got ${p.value}`,
    (p) => `须为数字，例如 6 或 0.5，填写的是 ${p.value}`,
  ),
  CELL_NOT_A_LIST: text<{ value: string }>(
    (p) => `must be values separated by ';', got ${p.value}`,
    (p) => `须为以“;”分隔的多个值，填写的是 ${p.value}`,
  ),
  CELL_NOT_YES_NO: text<{ value: string }>(
    (p) => `must be yes or no (是 or 否), got ${p.value}`,
    (p) => `须为“是”或“否”，填写的是 ${p.value}`,
  ),
  CELL_NOT_A_DATE: text<{ value: string }>(
    (p) => `must be a date such as 2020-05-06, 2020/5/6 or an Excel date cell, got ${p.value}`,
    (p) => `须为日期，例如 2020-05-06、2020/5/6 或 Excel 日期单元格，填写的是 ${p.value}`,
  ),
  CELL_NOT_A_DATE_TIME: text<{ value: string }>(
    (p) =>
      `must be a date-time such as 2020-03-05T09:30:00+08:00 or 2020/3/5 9:30 (China time), got ${p.value}`,
    (p) => `须为日期时间，例如 2020-03-05T09:30:00+08:00 或 2020/3/5 9:30（北京时间），填写的是 ${p.value}`,
  ),
  CELL_NOT_YUAN: text<{ value: string }>(
    (p) => `must be an amount in yuan with at most two decimals, got ${p.value}`,
    (p) => `须为以元计、最多两位小数的金额，填写的是 ${p.value}`,
  ),
  CELL_NOT_WAN_YUAN: text<{ value: string }>(
    (p) => `must be an amount in 10,000 yuan (万元) with at most six decimals, got ${p.value}`,
    (p) => `须为以万元计、最多六位小数的金额，填写的是 ${p.value}`,
  ),
  // the cell holds names and ID numbers: its reason never quotes it
  CELL_NOT_CASUALTIES: text<None>(
    () =>
      `must be persons separated by ';', each name/outcome or name/outcome/ID number, the outcome one of ${valuesOf("casualtyOutcome", "en")}`,
    () =>
      `须为以“;”分隔的人员，每人写作 姓名/结果 或 姓名/结果/身份证号，结果为以下之一：${valuesOf("casualtyOutcome", "zh-CN")}`,
  ),
  CELL_NOT_ONE_OF: text<{ set: string; value: string }>(
    (p) => `must be one of ${valuesOf(p.set, "en")}, got ${p.value}`,
    (p) => `须为以下之一：${valuesOf(p.set, "zh-CN")}，填写的是 ${p.value}`,
  ),
  // the header and the file as a whole
  HEADER_UNKNOWN_COLUMN: text<{ kind: string; columns: string }>(
    (p) => `unknown column; ${p.kind} take ${p.columns}`,
    (p) => `未知列；${kindZh(p.kind)}的列为 ${p.columns}`,
  ),
  HEADER_COLUMN_TWICE: text<None>(
    () => "column given twice",
    () => "该列重复出现",
  ),
  HEADER_COLUMN_MISSING: text<{ zh: string }>(
    (p) => `required column missing (${p.zh})`,
    (p) => `缺少必需的列（${p.zh}）`,
  ),
  ROW_FIELD_COUNT: text<{ fields: number; header: number }>(
    (p) => `has ${p.fields} fields, the header has ${p.header}`,
    (p) => `有 ${p.fields} 个字段，表头有 ${p.header} 个`,
  ),
  FILE_NOT_IN_ENCODING: text<{ byte: number; encoding: string }>(
    (p) =>
      `byte ${p.byte} of the file is not ${p.encoding} text; save the file as UTF-8 or GB18030 (Excel: "CSV UTF-8" or "CSV"), or name the encoding with --encoding`,
    (p) =>
      `文件第 ${p.byte} 个字节不是 ${p.encoding} 文本；请将文件另存为 UTF-8 或 GB18030（Excel：“CSV UTF-8”或“CSV”），或用 --encoding 指明编码`,
  ),
  FILE_NOT_CSV: text<{ detail: string }>(
    (p) => `not valid CSV: ${p.detail}`,
    (p) => `不是有效的 CSV：${p.detail}`,
  ),
  FILE_QUOTE_NOT_CLOSED: text<None>(
    () =>
      'a quote (") opened in the row that starts on this line is never closed: the rest of the file was read as one cell; close it or remove it',
    () => '从这一行开始的记录中有引号（"）未闭合，其后全文被当作一个单元格读取；请补上或删去该引号',
  ),
  FILE_NOT_XLSX: text<{ detail: string }>(
    (p) => `not a readable .xlsx file: ${p.detail}`,
    (p) => `不是可读取的 .xlsx 文件：${p.detail}`,
  ),
  FILE_EMPTY: text<None>(
    () => "the file is empty",
    () => "文件为空",
  ),
} satisfies ErrorTexts;

export type ImportIssueCode = keyof typeof IMPORT_ISSUE_TEXTS;
type ParamsOf<T> = T extends ErrorText<infer P> ? P : never;

/** A cell's reason: the code must be one of the import's, with its parameters. */
export const cellReason = reasonsOf(IMPORT_ISSUE_TEXTS);

/** Every reason a row can be refused for: the cells' and core's. */
export const ROW_ISSUE_TEXTS: ErrorTexts = { ...INPUT_ISSUE_TEXTS, ...IMPORT_ISSUE_TEXTS };

/** An input issue's reason, without its field (a row issue names its line and column). */
export const reasonOf = (issue: { readonly code: string; readonly params?: ErrorParams }) =>
  issue.params === undefined ? { code: issue.code } : { code: issue.code, params: issue.params };

/** A row issue whose reason is one of the import's codes: `message` is its English. */
export const codedIssue = <C extends ImportIssueCode>(
  line: number,
  code: C,
  params: ParamsOf<(typeof IMPORT_ISSUE_TEXTS)[C]>,
  column?: string,
): { line: number; column?: string; message: string; reason: IssueReason } => {
  const why = cellReason(code, params);
  return {
    line,
    ...(column === undefined ? {} : { column }),
    message: reasonText(why, "en", ROW_ISSUE_TEXTS),
    reason: why,
  };
};

/** A coded reason in a language (the cells' codes or core's). */
export const rowReasonText = (why: { code: string; params?: ErrorParams }, lang: ErrorLang): string =>
  reasonText({ code: why.code, params: why.params ?? {} }, lang, ROW_ISSUE_TEXTS);
