/**
 * The help in Chinese: the descriptions of the program, of its global options and of every
 * command, keyed by the command's full name (the English ones are where each is defined).
 * `localizeHelp` puts them on a built program; options of the commands stay English for now.
 */
import type { Command } from "commander";

const COMMANDS: Readonly<Record<string, string>> = {
  "": "城市安全生产专项整治的事件溯源账本：清单、挂图作战、统计、审计。",
  submit: "提交 JSON 行命令（见 docs/commands.md）；每行一个结果",
  history: "一个流的事件：谁在何时做了什么",
  audit: "检查账本：哈希链、封印、导出与证明",
  "audit verify": "校验每条哈希链和每个封印（或一个流的链，或一个导出文件）",
  "audit seal": "写入封印：覆盖每个流末端的默克尔根",
  "audit export": "将事件和封印写成可自校验的 JSON 行",
  "audit prove": "打印默克尔证明：某事件属于覆盖它的最新封印",
  "audit check-proof": "检查 `audit prove` 写出的证明文件，无需账本",
  "audit late-entries": "发生后超过 N 天才录入的事件，按单位和人员统计",
  "audit keygen": "生成新的封印签名密钥对（PEM 文件；私钥不进入账本）",
  "audit key": "登记或停用封印签名密钥（账本事实）",
  "audit key register": "登记单位用于签署封印的公钥（或证书）及其有效期",
  "audit key retire": "停用签名密钥：此后以其签名的封印被拒绝，此前的仍可校验",
  board: "挂图作战：按专项、阶段和牵头单位统计任务要素状态",
  list: "截至某日的清单：重点任务清单、逾期任务要素、企业、风险、隐患、事故",
  supervision: "一家企业的动态监管：最高风险、未销号与逾期隐患、近期事故",
  stats: "统计",
  "stats accidents": "一段时期的事故与伤亡，与上年同期对比",
  import: "导入以 CSV 或 .xlsx 维护的清单（任务、企业、风险、隐患、事故）；全部导入或全不导入",
  rebuild: "从第一个事件重建所有读模型（SQLite 或 PostgreSQL 读表，或重放）；打印其内容和戳记",
  project: "更新 SQLite 或 PostgreSQL 读表；加 --follow 时持续跟随账本追加的事件，直到中断",
  demo: "载入广元参考场景；打印挂图作战和事故对比",
  report: "将挂图作战写成一个自包含的 HTML 页面（内嵌 SVG 图表；可离线打开）",
  privacy: "哈希前加密的个人信息字段：主密钥、数据主体、核查、依法删除（见 docs/privacy.md）",
  "privacy master-key": "写出新的主密钥文件（从不覆盖已有文件）",
  "privacy subjects": "数据主体（<流>/<类别>）及其密钥有效或已销毁",
  "privacy check": "在原位解密每个加密字段；被篡改或移至其他事件、字段的，列为问题",
  "privacy erase":
    "记录保管期限届满后依法删除数据主体的个人信息：销毁其密钥并记录 PersonalDataErased（谁、何时、依据）",
};

const GLOBAL_OPTIONS: Readonly<Record<string, string>> = {
  "--store":
    "sqlite:路径、memory:、esdb://…、kurrentdb://…、postgres://…，或 export:文件（审计导出，校验后只读）",
  "--known-at": "按截至该日末账本已记录的内容读取：当时所知（只读）",
  "--create": "SQLite 文件不存在时创建（写入的命令总会创建）",
  "--replay": "通过重放账本而不是 SQLite 或 PostgreSQL 读表回答查询（也可设 SAFETY_LEDGER_REPLAY=1）",
  "--hash": "新账本的哈希算法，sha256（默认）或 sm3；首次写入时确定，此后不变",
  "--encrypt":
    "新账本在计算哈希前加密个人信息字段，sm4-gcm 或 aes-256-gcm；首次写入时确定，此后不变；需要 --master-key",
  "--master-key":
    "解开加密账本数据密钥的主密钥文件（`privacy master-key` 可生成；也可设 SAFETY_LEDGER_MASTER_KEY）；没有它时个人信息显示为 [encrypted]",
  "--lang": "消息、表格和页面的语言：zh（zh-CN）或 en（默认：按区域设置，否则中文）",
  "--debug": "打印意外错误的堆栈",
  "--version": "打印版本号",
  "--help": "显示帮助",
};

const fullName = (command: Command): string => {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
};

const eachCommand = (command: Command, visit: (c: Command) => void): void => {
  visit(command);
  for (const sub of command.commands) eachCommand(sub, visit);
};

/** The program's help in Chinese (descriptions, summaries, global options, the help command). */
export const localizeHelp = (program: Command): Command => {
  eachCommand(program, (command) => {
    const zh = COMMANDS[fullName(command)];
    if (zh === undefined) return;
    command.description(zh);
    if (command.summary() !== "") command.summary(zh);
    command.helpOption("-h, --help", GLOBAL_OPTIONS["--help"]);
  });
  for (const option of program.options) {
    const zh = GLOBAL_OPTIONS[option.long ?? ""];
    if (zh !== undefined) option.description = zh;
  }
  return program;
};

/** For the tests: every command the Chinese help names. */
export const ZH_HELP_COMMANDS: ReadonlyArray<string> = Object.keys(COMMANDS);
