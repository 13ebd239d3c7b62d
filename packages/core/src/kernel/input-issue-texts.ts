/**
 * Why one field of outside input is refused, keyed by a stable code, in English and Chinese: the
 * reasons of core's codecs, limits and field checks. An `InputIssue` carries the code and its
 * parameters; its `message` is the English (what programs read), `issueText` renders it.
 */

import { type ErrorLang, type ErrorText, type ErrorTexts, text } from "./error-texts";
import type { ErrorParams } from "./errors";

type None = Record<never, never>;

/** The Chinese name of a kind of value a codec expects, where it is one of ours or a JSON type. */
const KIND_ZH: Readonly<Record<string, string>> = {
  string: "文本",
  number: "数字",
  boolean: "布尔值（true 或 false）",
  Int: "整数",
  null: "null",
  UnknownRecord: "对象",
  UnknownArray: "列表",
  DateString: "日期（YYYY-MM-DD）",
  DateTimeString: "带时区偏移的日期时间",
  IsoDateTime: "日期或带时区偏移的日期时间",
  NonEmptyString: "非空文本",
  Code: "编号",
  CommandId: "命令编号",
  Count: "非负整数",
  Fen: "金额（分）",
  Actor: "操作人（unit、role、person）",
};

const LITERALS = /^\(?("[^"]*"(?: \| "[^"]*")*)\)?$/;
const LIST = /^(?:Readonly)?(?:NonEmpty)?(?:Readonly)?Array<(.+)>$/;

/** A codec's name as a Chinese reader knows it: our kinds, enumerations, lists of them. */
export const expectedKindZh = (name: string): string => {
  const known = KIND_ZH[name];
  if (known !== undefined) return known;
  const literals = LITERALS.exec(name);
  if (literals !== null) return `以下之一：${(literals[1] as string).split(" | ").join("、")}`;
  const list = LIST.exec(name);
  if (list !== null) return `${expectedKindZh(list[1] as string)}的列表`;
  if (/^\{/.test(name)) return "对象";
  return name;
};

/** What was sent instead, as `issuesOf` names it: a token for a kind, or the quoted value. */
const gotEn = (got: string): string =>
  got === "missing" || got === "null"
    ? got
    : got === "array"
      ? "got an array"
      : got === "object" || got === "function"
        ? `got a ${got}`
        : `got ${got}`;
const gotZh = (got: string): string =>
  got === "missing"
    ? "缺失"
    : got === "null"
      ? "得到 null"
      : got === "array"
        ? "得到一个数组"
        : got === "object" || got === "function"
          ? "得到一个对象"
          : `得到 ${got}`;

const DATE_EXAMPLE = "2020-07-14";
const DATE_TIME_EXAMPLE = "2020-03-05T09:30:00+08:00";

export const INPUT_ISSUE_TEXTS = {
  INPUT_EXPECTED: text<{ expected: string; got: string }>(
    (p) => `expected ${p.expected}, ${gotEn(p.got)}`,
    (p) => `应为${expectedKindZh(p.expected)}，${gotZh(p.got)}`,
  ),
  INPUT_UNCODED: text<{ reason: string }>(
    (p) => p.reason,
    (p) => `无效（${p.reason}）`,
  ),
  INPUT_EMPTY: text<None>(
    () => "must not be empty",
    () => "不能为空",
  ),
  INPUT_NOT_A_NON_EMPTY_STRING: text<None>(
    () => "must be a non-empty string",
    () => "须为非空文本",
  ),
  INPUT_NOT_A_CODE: text<{ max: number }>(
    (p) => `must be 1–${p.max} letters, digits, '.', '_' or '-', starting with a letter or digit`,
    (p) => `须为 1–${p.max} 个字母、数字、“.”“_”或“-”，以字母或数字开头`,
  ),
  INPUT_NOT_A_COMMAND_ID: text<{ max: number }>(
    (p) => `must be 1–${p.max} letters, digits or . _ : @ # / -, starting with a letter or digit`,
    (p) => `须为 1–${p.max} 个字母、数字或 . _ : @ # / -，以字母或数字开头`,
  ),
  INPUT_NOT_A_DATE: text<None>(
    () => `must be a date written YYYY-MM-DD (e.g. ${DATE_EXAMPLE})`,
    () => `须为 YYYY-MM-DD 格式的日期（例如 ${DATE_EXAMPLE}）`,
  ),
  INPUT_YEAR_TOO_EARLY: text<{ year: number; min: number }>(
    (p) => `year ${p.year} is before ${p.min}`,
    (p) => `年份 ${p.year} 早于 ${p.min} 年`,
  ),
  INPUT_NO_SUCH_MONTH: text<{ month: number }>(
    (p) => `there is no month ${p.month}`,
    (p) => `不存在 ${p.month} 月`,
  ),
  INPUT_NO_SUCH_DAY: text<{ month: string; day: number; days: number }>(
    (p) => `${p.month} has no day ${p.day} (it has ${p.days} days)`,
    (p) => `${p.month} 没有第 ${p.day} 日（该月只有 ${p.days} 天）`,
  ),
  INPUT_NOT_A_DATE_TIME: text<None>(
    () => `must be a date-time with an offset, e.g. ${DATE_TIME_EXAMPLE}`,
    () => `须为带时区偏移的日期时间，例如 ${DATE_TIME_EXAMPLE}`,
  ),
  INPUT_NOT_A_BUSINESS_TIME: text<None>(
    () => `must be an ISO 8601 date or date-time (${DATE_EXAMPLE} or 2020-07-14T09:00:00+08:00)`,
    () => `须为 ISO 8601 日期或日期时间（${DATE_EXAMPLE} 或 2020-07-14T09:00:00+08:00）`,
  ),
  INPUT_NO_SUCH_HOUR: text<{ hour: number }>(
    (p) => `there is no hour ${p.hour} (the day runs from 00:00 to 23:59:59)`,
    (p) => `不存在 ${p.hour} 时（一天从 00:00 到 23:59:59）`,
  ),
  INPUT_NO_SUCH_MINUTE: text<{ minute: number }>(
    (p) => `there is no minute ${p.minute}`,
    (p) => `不存在 ${p.minute} 分`,
  ),
  INPUT_NO_SUCH_SECOND: text<{ second: number }>(
    (p) => `there is no second ${p.second}`,
    (p) => `不存在 ${p.second} 秒`,
  ),
  INPUT_UNKNOWN_OFFSET: text<None>(
    () => "offset -00:00 means 'unknown': write +00:00 or the real offset",
    () => "时区偏移 -00:00 表示“未知”：请写 +00:00 或实际的偏移",
  ),
  INPUT_NO_SUCH_OFFSET_MINUTE: text<{ offset: string; minute: number }>(
    (p) => `offset ${p.offset} has no minute ${p.minute}`,
    (p) => `时区偏移 ${p.offset} 中不存在 ${p.minute} 分`,
  ),
  INPUT_OFFSET_TOO_WIDE: text<{ offset: string }>(
    (p) => `offset ${p.offset} is beyond ±14:00`,
    (p) => `时区偏移 ${p.offset} 超出 ±14:00`,
  ),
  INPUT_NOT_A_COUNT: text<None>(
    () => "must be a whole number, 0 or more",
    () => "须为非负整数（0 或以上）",
  ),
  INPUT_NOT_FEN: text<None>(
    () => "must be a whole number of fen (¥1 = 100 fen), 0 or more",
    () => "须为以分计的非负整数金额（1 元 = 100 分）",
  ),
  INPUT_NOT_ONE_OF: text<{ values: string }>(
    (p) => `must be one of ${p.values}`,
    (p) => `须为以下之一：${p.values}`,
  ),
  INPUT_NOT_A_RESIDENT_ID: text<None>(
    () => "must be an 18-digit resident ID number (GB 11643: birth date, check character)",
    () => "须为 18 位公民身份号码（出生日期与校验码须有效）",
  ),
  INPUT_NOT_WHOLE_FROM_1: text<None>(
    () => "must be a whole number from 1",
    () => "须为从 1 起的整数",
  ),
  INPUT_STRING_TOO_LONG: text<{ length: string; max: string }>(
    (p) => `is ${p.length} characters long; at most ${p.max} are allowed`,
    (p) => `长 ${p.length} 个字符；最多允许 ${p.max} 个`,
  ),
  INPUT_TOO_DEEP: text<{ max: number }>(
    (p) => `is nested more than ${p.max} levels deep`,
    (p) => `嵌套超过 ${p.max} 层`,
  ),
  INPUT_TOO_MANY_ITEMS: text<{ count: string; max: string }>(
    (p) => `holds ${p.count} items; at most ${p.max} are allowed`,
    (p) => `含 ${p.count} 项；最多允许 ${p.max} 项`,
  ),
  INPUT_TOO_MANY_FIELDS: text<{ count: string; max: string }>(
    (p) => `holds ${p.count} fields; at most ${p.max} are allowed`,
    (p) => `含 ${p.count} 个字段；最多允许 ${p.max} 个`,
  ),
  INPUT_FIELD_NAME_TOO_LONG: text<{ length: number; name: string }>(
    (p) => `has a field name of ${p.length} characters (${p.name})`,
    (p) => `有一个长 ${p.length} 个字符的字段名（${p.name}）`,
  ),
  INPUT_UNKNOWN_FIELD: text<{ known: string }>(
    (p) => `unknown field; the known ones are ${p.known}`,
    (p) => `未知字段；已知字段为 ${p.known}`,
  ),
  INPUT_NOT_A_COMMAND: text<None>(
    () => "a command is a JSON object (see docs/commands.md)",
    () => "命令须为 JSON 对象（见 docs/commands.md）",
  ),
  INPUT_UNKNOWN_COMMAND: text<{ type: string }>(
    (p) => `unknown command ${p.type}; see docs/commands.md`,
    (p) => `未知命令 ${p.type}；见 docs/commands.md`,
  ),
  INPUT_UNKNOWN_EVENT_TYPE: text<{ type: string }>(
    (p) => `unknown event type ${p.type}`,
    (p) => `未知事件类型 ${p.type}`,
  ),
  INPUT_UNKNOWN_SCHEMA_VERSION: text<{ version: number; type: string; current: number }>(
    (p) => `version ${p.version} of ${p.type} is unknown (current is ${p.current})`,
    (p) => `${p.type} 的第 ${p.version} 版未知（当前为第 ${p.current} 版）`,
  ),
  INPUT_NOT_JSON: text<{ detail: string }>(
    (p) => `is not valid JSON (${p.detail})`,
    (p) => `不是有效的 JSON（${p.detail}）`,
  ),
  INPUT_EVENT_NOT_JSON: text<None>(
    () => "the event is not JSON",
    () => "该事件不是 JSON",
  ),
  INPUT_NO_POSITION: text<None>(
    () => "the server sent no position",
    () => "服务器未给出位置",
  ),
  INPUT_NOT_AN_OBJECT: text<None>(
    () => "is not a JSON object",
    () => "不是 JSON 对象",
  ),
  INPUT_FIELD_ENCRYPTED: text<None>(
    () =>
      "is stored encrypted: the read tables of an encrypted ledger are the store's sealedReadTables(sealedEvent) (the CLI opens them so), not readTables",
    () =>
      "以密文存储：加密台账的读表须用存储的 sealedReadTables(sealedEvent) 打开（命令行即如此），而非 readTables",
  ),
} satisfies ErrorTexts;

export type InputIssueCode = keyof typeof INPUT_ISSUE_TEXTS;

type ParamsOf<T> = T extends ErrorText<infer P> ? P : never;

/** A reason with its code and parameters, before it is tied to a field. */
export interface IssueReason {
  readonly code: string;
  readonly params: ErrorParams;
}

/** The reason constructor of a catalogue's codes: the code must be one of them, with its parameters. */
export const reasonsOf =
  <T extends ErrorTexts>(_texts: T) =>
  <C extends keyof T & string>(code: C, params: ParamsOf<T[C]>): IssueReason => ({ code, params });

/** A reason of core's catalogue. */
export const reason = reasonsOf(INPUT_ISSUE_TEXTS);

/** A reason's words in a language, from the given texts (core's by default). */
export const reasonText = (
  r: IssueReason,
  lang: ErrorLang,
  texts: ErrorTexts = INPUT_ISSUE_TEXTS,
): string => {
  const entry = texts[r.code] as ErrorText | undefined;
  if (entry === undefined) throw new Error(`no text for input-issue code ${r.code}`);
  return entry[lang](r.params);
};
