/**
 * The CLI's own failures (the command line, files, the store's address, what commander says),
 * keyed by code, in English and Chinese: one sentence per code, built with core's `text(en, zh)`.
 * They are thrown with `usage(code, params)`, `check(code, params)` and `badArgument(code,
 * params)` (never as inline sentences; cli-error-texts.test.ts scans the sources for that) and
 * printed in the reader's language by `cliErrorText`. The codes stay the same in both.
 */
import {
  type ErrorLang,
  type ErrorParams,
  errorsOf,
  errorText,
  errorTextIn,
  text,
} from "@safety-ledger/core";
import { InvalidArgumentError } from "commander";
import { CheckFailed, type CodedError, UsageError } from "./errors";
import { MESSAGES } from "./messages";

type None = Record<never, never>;
const choices = (p: { choices: string }) => p.choices;

export const CLI_ERROR_TEXTS = {
  // the command line
  BAD_DATE: text<{ option: string; value: string }>(
    (p) => `${p.option} ${p.value}: give a date as YYYY-MM-DD`,
    (p) => `${p.option} ${p.value}：日期请写作 YYYY-MM-DD`,
  ),
  BAD_INSTANT: text<{ name: string }>(
    (p) => `${p.name} must be a date and time with an offset, e.g. 2021-01-01T00:00:00+08:00`,
    (p) => `${p.name} 须为带时区偏移的日期时间，例如 2021-01-01T00:00:00+08:00`,
  ),
  NOT_A_WHOLE_NUMBER: text<{ name: string }>(
    (p) => `${p.name} must be a whole number`,
    (p) => `${p.name} 须为非负整数`,
  ),
  BAD_ACTOR: text<None>(
    () => "give the actor as UNIT/ROLE/PERSON, e.g. GY-EMB/office/Zhang Wei",
    () => "操作人请写作 单位/角色/姓名，例如 GY-EMB/office/张伟",
  ),
  UNKNOWN_LANG: text<None>(
    () => "the language is zh (or zh-CN) or en",
    () => "语言为 zh（或 zh-CN）或 en",
  ),
  UNKNOWN_CHOICE: text<{ what: string; choices: string }>(
    (p) => `${p.what} must be one of ${choices(p)}`,
    (p) => `${p.what} 须为以下之一：${choices(p)}`,
  ),
  UNKNOWN_ENCODING: text<{ choices: string }>(
    (p) => `use one of ${choices(p)}`,
    (p) => `请使用以下之一：${choices(p)}`,
  ),
  UNKNOWN_HASH: text<{ value: string; choices: string }>(
    (p) => `--hash ${p.value}: choose one of ${choices(p)}`,
    (p) => `--hash ${p.value}：请选择以下之一：${choices(p)}`,
  ),
  UNKNOWN_SIGNATURE_ALGORITHM: text<{ value: string; choices: string }>(
    (p) => `--algorithm ${p.value}: choose one of ${choices(p)}`,
    (p) => `--algorithm ${p.value}：请选择以下之一：${choices(p)}`,
  ),
  UNKNOWN_RISK_LEVEL: text<{ level: string; choices: string }>(
    (p) => `--level ${p.level}: use one of ${choices(p)}`,
    (p) => `--level ${p.level}：请使用以下之一：${choices(p)}`,
  ),
  UNKNOWN_FILTER_VALUE: text<{ filter: string; value: string; listed: string }>(
    (p) => `--${p.filter} ${p.value} is not one of: ${p.listed}`,
    (p) => `--${p.filter} ${p.value} 不在可选值中：${p.listed}`,
  ),
  FILTER_NOT_TAKEN: text<{ kind: string; given: string; takes: string }>(
    (p) => `list ${p.kind} does not take ${p.given}; it takes ${p.takes}`,
    (p) => `list ${p.kind} 不接受 ${p.given}；可用 ${p.takes}`,
  ),
  PERIOD_REVERSED: text<{ from: string; to: string }>(
    (p) => `--from ${p.from} is after --to ${p.to}`,
    (p) => `--from ${p.from} 晚于 --to ${p.to}`,
  ),
  PERIOD_AFTER_AS_OF: text<{ to: string; asOf: string }>(
    (p) => `--to ${p.to} is after --as-of ${p.asOf}: the page shows the ledger as of that date`,
    (p) => `--to ${p.to} 晚于 --as-of ${p.asOf}：页面显示的是截至该日的账本`,
  ),
  SIGN_NEEDS_KEY: text<None>(
    () => "--sign KEY and --key FILE go together: the key's id and its private key",
    () => "--sign 密钥编号 与 --key 文件 须同时给出：密钥的编号及其私钥",
  ),
  // files
  NO_SUCH_FILE: text<{ file: string }>(
    (p) => `${p.file}: no such file`,
    (p) => `${p.file}：文件不存在`,
  ),
  NO_SUCH_KEY_FILE: text<{ file: string; what: "public" | "private" }>(
    (p) => `${p.file}: no such ${p.what === "public" ? "public key" : "private key"} file`,
    (p) => `${p.file}：${p.what === "public" ? "公钥" : "私钥"}文件不存在`,
  ),
  KEY_FILE_EXISTS: text<{ file: string }>(
    (p) => `${p.file} exists: keygen never overwrites a key`,
    (p) => `${p.file} 已存在：keygen 从不覆盖已有密钥`,
  ),
  KEY_FILE_UNREADABLE: text<{ file: string; detail?: string }>(
    (p) => `${p.file}: ${p.detail ?? "unreadable"}`,
    (p) => (p.detail === undefined ? `${p.file}：无法读取` : `${p.file}：密钥格式有误（${p.detail}）`),
  ),
  REVEALED_EXPORT_ALTERED: text<{ file: string; exportId: string; recorded: string; sha256: string }>(
    (p) =>
      `${p.file} is not the revealed export ${p.exportId} the ledger recorded: its SHA-256 is ${p.sha256}, the record's ${p.recorded}; the file was changed`,
    (p) =>
      `${p.file} 不是账本记录的明文导出 ${p.exportId}：其 SHA-256 为 ${p.sha256}，记录中为 ${p.recorded}；文件已被改动`,
  ),
  REVEALED_EXPORT_UNRECORDED: text<{ file: string; sha256: string }>(
    (p) =>
      `${p.file}: the ledger recorded no revealed export with SHA-256 ${p.sha256}; the file was changed, or never recorded`,
    (p) => `${p.file}：账本中没有 SHA-256 为 ${p.sha256} 的明文导出记录；文件已被改动，或从未记录`,
  ),
  PROOF_UNREADABLE: text<{ file: string; detail: string }>(
    (p) => `${p.file}: ${p.detail}`,
    (p) => `${p.file}：证明文件无法读取（${p.detail}）`,
  ),
  CANNOT_WRITE: text<{ file: string; reason: string }>(
    (p) => `cannot write ${p.file}: ${p.reason}`,
    (p) => `无法写入 ${p.file}：${p.reason}`,
  ),
  NO_SUCH_SHEET: text<{ file: string; sheet: string; sheets: string }>(
    (p) => `${p.file} has no sheet "${p.sheet}"; its sheets are ${p.sheets}`,
    (p) => `${p.file} 中没有工作表“${p.sheet}”；其工作表为 ${p.sheets}`,
  ),
  // the store
  STORE_SQLITE_NO_PATH: text<{ url: string }>(
    (p) => `--store ${p.url}: give a file after "sqlite:", e.g. sqlite:./ledger.db`,
    (p) => `--store ${p.url}：请在“sqlite:”后写文件名，例如 sqlite:./ledger.db`,
  ),
  STORE_EXPORT_NO_PATH: text<{ url: string }>(
    (p) => `--store ${p.url}: give an export file after "export:"`,
    (p) => `--store ${p.url}：请在“export:”后写导出文件名`,
  ),
  STORE_UNKNOWN: text<{ url: string }>(
    (p) =>
      `--store ${p.url}: use sqlite:PATH, memory:, esdb://host:port or kurrentdb://host:port (+discover for a cluster), postgres://user@host/database or export:FILE (read-only)`,
    (p) =>
      `--store ${p.url}：请使用 sqlite:路径、memory:、esdb://主机:端口 或 kurrentdb://主机:端口（集群加 +discover）、postgres://用户@主机/数据库，或 export:文件（只读）`,
  ),
  STORE_EXPORT_MISSING: text<{ path: string }>(
    (p) => `--store export:${p.path}: no such file`,
    (p) => `--store export:${p.path}：文件不存在`,
  ),
  STORE_EXPORT_UNVERIFIED: text<{ path: string; problems: number }>(
    (p) =>
      `--store export:${p.path} does not verify (${p.problems} problems; see \`audit verify --file ${p.path}\`): nothing is read from it.`,
    (p) =>
      `--store export:${p.path} 校验未通过（${p.problems} 个问题；见 \`audit verify --file ${p.path}\`）：未从中读取任何内容。`,
  ),
  STORE_NO_LEDGER_FILE: text<{ url: string; path: string }>(
    (p) =>
      `--store ${p.url}: there is no ledger file at ${p.path}. Check the path, or pass --create to start an empty ledger there (commands that write, such as submit and import, create it).`,
    (p) =>
      `--store ${p.url}：${p.path} 处没有账本文件。请检查路径，或加 --create 在该处新建空账本（submit、import 等写入的命令会自动创建）。`,
  ),
  STORE_EXPORT_READ_ONLY: text<{ url: string }>(
    (p) =>
      `--store ${p.url} is an export, read-only evidence: nothing can be written to it. Write to the ledger itself.`,
    (p) => `--store ${p.url} 是审计导出，只读的证据：不能写入。请写入账本本身。`,
  ),
  KNOWN_AT_READ_ONLY: text<{ knownAt: string }>(
    (p) =>
      `--known-at ${p.knownAt} opens a read-only view of what the ledger had recorded by then: nothing can be written through it. Run this command without --known-at.`,
    (p) =>
      `--known-at ${p.knownAt} 打开的是账本截至当时所记录内容的只读视图：不能通过它写入。请去掉 --known-at 再运行此命令。`,
  ),
  UNKNOWN_ENCRYPTION: text<{ value: string; choices: string }>(
    (p) => `--encrypt ${p.value}: choose one of ${p.choices}`,
    (p) => `--encrypt ${p.value}：请从 ${p.choices} 中选择`,
  ),
  MASTER_KEY_UNREADABLE: text<{ reason: string }>(
    (p) => `--master-key: ${p.reason}`,
    (p) => `--master-key：无法读取主密钥文件：${p.reason}`,
  ),
  STORE_HAS_NO_KEY_STORE: text<{ url: string }>(
    (p) =>
      `--store ${p.url}: encrypted personal fields keep their keys beside the events (SQLite, PostgreSQL, EventStoreDB); this store has no key store yet (docs/privacy.md).`,
    (p) =>
      `--store ${p.url}：加密的个人信息字段的密钥保存在事件旁（SQLite、PostgreSQL、EventStoreDB）；此存储尚无密钥库（见 docs/privacy.md）。`,
  ),
  LEDGER_NOT_ENCRYPTED: text<None>(
    () => "this ledger stores personal fields in clear: it was not created with --encrypt (docs/privacy.md)",
    () => "本账本以明文保存个人信息字段：创建时未使用 --encrypt（见 docs/privacy.md）",
  ),
  MASTER_KEY_NEEDED: text<None>(
    () => "this command needs the ledger's master key: --master-key FILE (or SAFETY_LEDGER_MASTER_KEY)",
    () => "此命令需要账本的主密钥：--master-key 文件（或 SAFETY_LEDGER_MASTER_KEY）",
  ),
  MASTER_KEY_FILE_EXISTS: text<{ file: string }>(
    (p) => `${p.file} exists: a master key is never overwritten`,
    (p) => `${p.file} 已存在：主密钥从不覆盖`,
  ),
  MASTER_KEY_NO_FINGERPRINT: text<{ id: string }>(
    (p) => `the master key ${p.id} gives no fingerprint: a rotation to it cannot be recorded in the ledger`,
    (p) => `主密钥 ${p.id} 无法给出指纹：轮换到该密钥无法在账本中记录`,
  ),
  MASTER_KEY_ROTATION_UNRECORDED: text<{ id: string; reason: string }>(
    (p) =>
      `the data keys were rewrapped under master key ${p.id} (open the ledger with it from now on), but the rotation could not be recorded in the ledger: ${p.reason}`,
    (p) =>
      `数据密钥已用主密钥 ${p.id} 重新封装（此后请用它打开账本），但未能在账本中记录此次轮换：${p.reason}`,
  ),
  MASTER_KEY_SAME_ID: text<{ id: string }>(
    (p) =>
      `the new master key has the id ${p.id} of the current one: write a new one with its own id (\`safety-ledger privacy master-key FILE --id master-2\`)`,
    (p) =>
      `新主密钥的编号 ${p.id} 与当前主密钥相同：请另写一个编号不同的主密钥（\`safety-ledger privacy master-key 文件 --id master-2\`）`,
  ),
  REVEAL_NEEDS: text<{ option: string }>(
    (p) =>
      `audit export --reveal needs ${p.option}: a revealed export is recorded in the ledger with who made it and under what legal basis (--legal-basis TEXT --as UNIT/ROLE/PERSON)`,
    (p) =>
      `audit export --reveal 需要 ${p.option}：明文导出会记入账本，记录导出人和法律依据（--legal-basis 文字 --as 单位/角色/姓名）`,
  ),
  REVEAL_OPTION_WITHOUT_REVEAL: text<{ option: string }>(
    (p) =>
      `${p.option} belongs to a revealed export: add --reveal (an ordinary export keeps personal fields encrypted)`,
    (p) => `${p.option} 仅用于明文导出：请加 --reveal（普通导出中的个人信息字段保持加密）`,
  ),
  TWO_APPROVING_UNITS: text<None>(
    () => "--approved-by: give two distinct approving units (--approved-by A --approved-by B)",
    () => "--approved-by：须给出两个不同的批准单位（--approved-by A --approved-by B）",
  ),
  ENCRYPT_NEEDS_MASTER_KEY: text<{ encrypt: string }>(
    (p) =>
      `--encrypt ${p.encrypt} needs the master key that will wrap the data keys: --master-key FILE (\`safety-ledger privacy master-key FILE\` writes one).`,
    (p) =>
      `--encrypt ${p.encrypt} 需要用来包裹数据密钥的主密钥：--master-key 文件（\`safety-ledger privacy master-key 文件\` 可生成）。`,
  ),
  PROJECT_NEEDS_READ_TABLES: text<None>(
    () =>
      "project keeps the read tables of a SQLite or PostgreSQL ledger (--store sqlite:PATH or postgres://…), without --known-at or --replay.",
    () =>
      "project 维护 SQLite 或 PostgreSQL 账本（--store sqlite:路径 或 postgres://…）的读表，不能与 --known-at 或 --replay 同用。",
  ),
  // what the ledger holds
  STREAM_HAS_NO_EVENTS: text<{ stream: string }>(
    (p) => `Stream ${p.stream} has no events.`,
    (p) => `流 ${p.stream} 没有事件。`,
  ),
  ENTITY_NOT_LISTED_AS_OF: text<{ entityId: string; asOf: string }>(
    (p) => `Entity ${p.entityId} is not on the real-name list as of ${p.asOf}.`,
    (p) => `截至 ${p.asOf}，企业 ${p.entityId} 不在实名单上。`,
  ),
  // a line of `submit`
  LINE_TOO_LONG: text<{ bytes: string; max: string }>(
    (p) => `the line is ${p.bytes} bytes; a command may be at most ${p.max}`,
    (p) => `该行有 ${p.bytes} 字节；一条命令最多 ${p.max} 字节`,
  ),
  MALFORMED_JSON: text<{ detail: string }>(
    (p) => `not valid JSON (${p.detail})`,
    (p) => `不是有效的 JSON（${p.detail}）`,
  ),
  UNEXPECTED: text<{ detail: string }>(
    (p) => `could not be handled: ${p.detail}`,
    (p) => `无法处理：${p.detail}`,
  ),
  // what commander says about the command line (its English, recognised in `commanderText`)
  UNKNOWN_OPTION: text<{ option: string; suggestion?: string }>(
    (p) =>
      `unknown option '${p.option}'${p.suggestion === undefined ? "" : `\n(Did you mean ${p.suggestion}?)`}`,
    (p) => `未知选项“${p.option}”${p.suggestion === undefined ? "" : `\n（是否要用 ${p.suggestion}？）`}`,
  ),
  UNKNOWN_COMMAND: text<{ command: string; suggestion?: string }>(
    (p) =>
      `unknown command '${p.command}'${p.suggestion === undefined ? "" : `\n(Did you mean ${p.suggestion}?)`}`,
    (p) => `未知命令“${p.command}”${p.suggestion === undefined ? "" : `\n（是否要用 ${p.suggestion}？）`}`,
  ),
  MISSING_ARGUMENT: text<{ name: string }>(
    (p) => `missing required argument '${p.name}'`,
    (p) => `缺少必需的参数“${p.name}”`,
  ),
  OPTION_MISSING_ARGUMENT: text<{ option: string }>(
    (p) => `option '${p.option}' argument missing`,
    (p) => `选项“${p.option}”缺少取值`,
  ),
  MISSING_REQUIRED_OPTION: text<{ option: string }>(
    (p) => `required option '${p.option}' not specified`,
    (p) => `缺少必需的选项“${p.option}”`,
  ),
  TOO_MANY_ARGUMENTS: text<{ expected: number; got: number }>(
    (p) =>
      `too many arguments. Expected ${p.expected} argument${p.expected === 1 ? "" : "s"} but got ${p.got}.`,
    (p) => `参数过多：应为 ${p.expected} 个，给出了 ${p.got} 个。`,
  ),
  INVALID_OPTION_VALUE: text<{ option: string; value: string; reason: string }>(
    (p) => `option '${p.option}' argument '${p.value}' is invalid. ${p.reason}`,
    (p) => `选项“${p.option}”的取值“${p.value}”无效。${p.reason}`,
  ),
  INVALID_ARGUMENT_VALUE: text<{ argument: string; value: string; reason: string }>(
    (p) => `command-argument value '${p.value}' is invalid for argument '${p.argument}'. ${p.reason}`,
    (p) => `参数“${p.argument}”的取值“${p.value}”无效。${p.reason}`,
  ),
  SEE_HELP: text<None>(
    () => "(run with --help for usage)",
    () => "（用法见 --help）",
  ),
};

export type CliCode = keyof typeof CLI_ERROR_TEXTS;

const { error } = errorsOf(CLI_ERROR_TEXTS);

/** A coded failure from the catalogue, to report rather than throw (a line of `submit`). */
export const cliError = error;

type Args<C extends CliCode> = Parameters<typeof error<C>>;

/** A usage error (exit 2) from the catalogue. */
export const usage = <C extends CliCode>(...a: Args<C>): UsageError => new UsageError(error(...a));

/** A failed check (exit 1) from the catalogue. */
export const check = <C extends CliCode>(...a: Args<C>): CheckFailed => CheckFailed.of(error(...a));

let lastArgumentError: CodedArgumentError | undefined;

/** An option's or argument's parser refusing a value (commander frames it), from the catalogue. */
export class CodedArgumentError extends InvalidArgumentError {
  constructor(readonly coded: CodedError) {
    super(coded.message);
    lastArgumentError = this;
  }
}

export const badArgument = <C extends CliCode>(...a: Args<C>): CodedArgumentError =>
  new CodedArgumentError(error(...a));

/** A failure in a language: the CLI's codes from its catalogue, the ledger's from core's. */
export const cliErrorText = (coded: CodedError, lang: ErrorLang): string =>
  coded.code in CLI_ERROR_TEXTS
    ? errorTextIn(CLI_ERROR_TEXTS, coded as { code: string; message: string; params?: ErrorParams }, lang)
    : errorText(coded, lang);

/** A code's sentence in a language (the "run with --help" hint, what commander says). */
export const cliText = (code: CliCode, params: ErrorParams, lang: ErrorLang): string =>
  cliErrorText(error(code, params as never), lang);
const say = cliText;

/** Commander's sentences (its English), read back into codes and parameters. */
const COMMANDER: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray) => [CliCode, ErrorParams]]> = [
  [
    /^unknown option '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/s,
    (m) => ["UNKNOWN_OPTION", { option: m[1]!, ...(m[2] === undefined ? {} : { suggestion: m[2] }) }],
  ],
  [
    /^unknown command '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/s,
    (m) => ["UNKNOWN_COMMAND", { command: m[1]!, ...(m[2] === undefined ? {} : { suggestion: m[2] }) }],
  ],
  [/^missing required argument '(.+)'$/, (m) => ["MISSING_ARGUMENT", { name: m[1]! }]],
  [/^option '(.+)' argument missing$/, (m) => ["OPTION_MISSING_ARGUMENT", { option: m[1]! }]],
  [/^required option '(.+)' not specified$/, (m) => ["MISSING_REQUIRED_OPTION", { option: m[1]! }]],
  [
    /^too many arguments(?: for '.+')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => ["TOO_MANY_ARGUMENTS", { expected: Number(m[1]), got: Number(m[2]) }],
  ],
  [
    /^option '(.+?)' argument '(.*?)' is invalid\. (.*)$/s,
    (m) => ["INVALID_OPTION_VALUE", { option: m[1]!, value: m[2]!, reason: reason(m[3]!) }],
  ],
  [
    /^command-argument value '(.*?)' is invalid for argument '(.+?)'\. (.*)$/s,
    (m) => ["INVALID_ARGUMENT_VALUE", { value: m[1]!, argument: m[2]!, reason: reason(m[3]!) }],
  ],
];

/** The parser's reason inside commander's sentence: ours in the reader's language. */
let reasonLang: ErrorLang = "en";
const reason = (english: string): string =>
  lastArgumentError !== undefined && lastArgumentError.coded.message === english
    ? cliErrorText(lastArgumentError.coded, reasonLang)
    : english;

/**
 * Commander's error line ("error" and its sentence) and the hint after it, in a language: in English as
 * commander wrote it; in Chinese what it says is recognised and said from the catalogue (what is
 * not recognised stays as commander wrote it).
 */
export const commanderText = (line: string, lang: ErrorLang): string => {
  if (lang === "en") return line;
  const hint = CLI_ERROR_TEXTS.SEE_HELP.en({});
  if (line === hint) return say("SEE_HELP", {}, lang);
  const body = line.replace(/^error: /, "");
  reasonLang = lang;
  for (const [pattern, read] of COMMANDER) {
    const m = body.match(pattern);
    if (m === null) continue;
    const [code, params] = read(m);
    return MESSAGES[lang].error(say(code, params, lang));
  }
  return line;
};
