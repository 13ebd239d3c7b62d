/**
 * The help, in English and Chinese, from one catalogue: the program's, every command's, and
 * every option's and argument's words, keyed by where they are shown: "" the program, "board"
 * a command, "import (summary)" its one-line summary in the command list, "board --as-of" an
 * option, "history <stream>" an argument, "--store" a global option, "--help" and "help" the
 * help option and command. The commands are defined without words; `applyHelp` puts on the
 * built program the ones of the language asked for (English for docs/cli.md), and
 * help-texts.test.ts checks that every command, option and argument has its entry here.
 */
import type { Command, Help } from "commander";
import type { Lang } from "./messages";

export interface HelpText {
  readonly en: string;
  readonly "zh-CN": string;
}

const help = (en: string, zh: string): HelpText => ({ en, "zh-CN": zh });

export const HELP_TEXTS: Readonly<Record<string, HelpText>> = {
  "": help(
    "Event-sourced ledger of a city's work-safety rectification campaign: lists, wall chart, statistics, audit.",
    "城市安全生产专项整治的事件溯源账本：清单、挂图作战、统计、审计。",
  ),
  "--version": help("output the version number", "打印版本号"),
  "--store": help(
    "sqlite:PATH, memory:, esdb://host:2113?tls=false or kurrentdb://host:2113?tls=false (+discover for a cluster), postgres://user:password@host:5432/database, or export:FILE (an audit export, verified, read-only)",
    "sqlite:路径、memory:、esdb://主机:2113?tls=false 或 kurrentdb://主机:2113?tls=false（集群加 +discover）、postgres://用户:密码@主机:5432/数据库，或 export:文件（审计导出，校验后只读）",
  ),
  "--known-at": help(
    "read the ledger as it was recorded by the end of this date: what it knew then (read-only)",
    "按截至该日末账本已记录的内容读取：当时所知（只读）",
  ),
  "--create": help(
    "create the SQLite file if it is missing, for any command (commands that write create it anyway)",
    "SQLite 文件不存在时创建，对任何命令有效（写入的命令总会创建）",
  ),
  "--replay": help(
    "answer reads by replaying the ledger instead of from the read tables of SQLite or PostgreSQL (also SAFETY_LEDGER_REPLAY=1)",
    "通过重放账本而不是 SQLite 或 PostgreSQL 读表回答查询（也可设 SAFETY_LEDGER_REPLAY=1）",
  ),
  "--hash": help(
    "the hash algorithm of a new ledger's chain and seals, sha256 (default) or sm3; chosen on its first write, then kept (a write with the other one is refused)",
    "新账本哈希链和封印的哈希算法，sha256（默认）或 sm3；首次写入时确定，此后不变（以另一种算法写入将被拒绝）",
  ),
  "--encrypt": help(
    "encrypt a new ledger's personal fields before they are hashed, sm4-gcm or aes-256-gcm (docs/privacy.md); chosen on its first write, then kept; needs --master-key",
    "新账本在计算哈希前加密个人信息字段，sm4-gcm 或 aes-256-gcm（见 docs/privacy.md）；首次写入时确定，此后不变；需要 --master-key",
  ),
  "--master-key": help(
    "the master key file that unwraps an encrypted ledger's data keys (`privacy master-key` writes one; also SAFETY_LEDGER_MASTER_KEY); without it personal fields read as [encrypted]",
    "解开加密账本数据密钥的主密钥文件（`privacy master-key` 可生成；也可设 SAFETY_LEDGER_MASTER_KEY）；没有它时个人信息显示为 [encrypted]",
  ),
  "--lang": help(
    "the language of messages, tables and pages: zh (zh-CN) or en (default: the locale's, else zh)",
    "消息、表格和页面的语言：zh（zh-CN）或 en（默认：按区域设置，否则中文）",
  ),
  "--debug": help("print stack traces of unexpected errors", "打印意外错误的堆栈"),
  submit: help(
    "Submit JSON-lines commands (see docs/commands.md); one result per line. A mobile or resident ID number in free text is a warning (docs/privacy.md)",
    "提交 JSON 行命令（见 docs/commands.md）；每行一个结果。自由文本中的手机号或身份证号会给出警告（见 docs/privacy.md）",
  ),
  "submit <file>": help("a .jsonl file, or - for standard input", ".jsonl 文件，或 - 表示标准输入"),
  "submit --json": help("print each result as JSON", "每个结果以 JSON 打印"),
  "submit --strict-privacy": help(
    "refuse a command with a mobile or resident ID number in free text",
    "自由文本中含手机号或身份证号的命令一律拒绝",
  ),
  history: help("The events of one stream, with who did what and when", "一个流的事件：谁在何时做了什么"),
  "history <stream>": help(
    "a stream name such as task-T01-001 or hazard-H-0001",
    "流名称，例如 task-T01-001 或 hazard-H-0001",
  ),
  "history --as-of": help("only what had occurred by this date", "只显示截至该日已发生的"),
  "history --known-at": help("only what the ledger had recorded by this date", "只显示截至该日账本已记录的"),
  "history --json": help("print JSON", "以 JSON 打印"),
  audit: help(
    "Check the ledger: hash chains, seals, exports and proofs",
    "检查账本：哈希链、封印、导出与证明",
  ),
  "audit verify": help(
    "Verify every hash chain and seal (or one stream's chain, or an export file)",
    "校验每条哈希链和每个封印（或一个流的链，或一个导出文件）",
  ),
  "audit verify <stream>": help("verify only this stream", "只校验这个流"),
  "audit verify --file": help("verify an export file instead of the store", "校验导出文件而不是账本"),
  "audit verify --json": help("print JSON", "以 JSON 打印"),
  "audit seal": help(
    "Write a seal: a Merkle root over the head of every stream",
    "写入封印：覆盖每个流末端的默克尔根",
  ),
  "audit seal --as": help("who seals", "封印人"),
  "audit seal --sign": help(
    "sign the seal with this registered key (needs --key)",
    "用这个已登记的密钥签署封印（须同时给出 --key）",
  ),
  "audit seal --key": help(
    "the private key of --sign, PEM (read to sign, never stored)",
    "--sign 的私钥，PEM 格式（仅用于签名，从不存储）",
  ),
  "audit seal --json": help("print JSON", "以 JSON 打印"),
  "audit export": help(
    "Write the events and seals as self-verifying JSON lines",
    "将事件和封印写成可自校验的 JSON 行",
  ),
  "audit export <file>": help("the file to write", "要写入的文件"),
  "audit export --prefix": help(
    "only streams starting with this, e.g. hazard-",
    "只导出以此开头的流，例如 hazard-",
  ),
  "audit export --known-at": help(
    "the ledger as it was recorded by the end of this date",
    "按截至该日末账本已记录的内容导出",
  ),
  "audit export --reveal": help(
    "also give the personal fields in clear (needs the master key, --legal-basis and --as); recorded in the ledger as RevealedExportRecorded on export-<id> before the file is written",
    "同时给出个人信息字段的明文（需要主密钥、--legal-basis 和 --as）；写入文件之前先在账本 export-<编号> 中记录 RevealedExportRecorded",
  ),
  "audit export --legal-basis": help(
    "why the personal data is disclosed: the legal basis (with --reveal)",
    "披露个人信息的法律依据（与 --reveal 同用）",
  ),
  "audit export --as": help(
    "who makes the revealed export (office or lead-group)",
    "进行明文导出的人（办公室或领导小组）",
  ),
  "audit export --export-id": help(
    "the revealed export's id (default a fresh UUID); each revealed export has its own",
    "明文导出的编号（默认新生成的 UUID）；每次明文导出各用一个编号",
  ),
  "audit export --json": help("print what a revealed export recorded as JSON", "以 JSON 打印明文导出的记录"),
  "audit check-export": help(
    "Check a revealed export file against the ledger: its SHA-256 must be the one RevealedExportRecorded holds; says who made it, when, why and for which subjects, and verifies its chain",
    "对照账本检查明文导出文件：其 SHA-256 须与 RevealedExportRecorded 中记录的一致；给出导出人、时间、法律依据和数据主体，并校验其哈希链",
  ),
  "audit check-export <file>": help(
    "a file written by `audit export --reveal` (a plain export: only its chain is checked)",
    "`audit export --reveal` 写出的文件（普通导出仅校验其哈希链）",
  ),
  "audit check-export --json": help("print JSON", "以 JSON 打印"),
  "audit prove": help(
    "Print a Merkle proof that an event belongs to the latest seal covering it",
    "打印默克尔证明：某事件属于覆盖它的最新封印",
  ),
  "audit prove <stream>": help("the stream, e.g. hazard-H-0001", "流名称，例如 hazard-H-0001"),
  "audit prove <revision>": help("0-based revision", "从 0 起算的版本号"),
  "audit check-proof": help(
    "Check a proof file written by `audit prove`, with no store",
    "检查 `audit prove` 写出的证明文件，无需账本",
  ),
  "audit check-proof <file>": help("a proof file written by `audit prove`", "`audit prove` 写出的证明文件"),
  "audit check-proof --json": help("print JSON", "以 JSON 打印"),
  "audit late-entries": help(
    "Events recorded more than N days after they occurred, by unit and actor",
    "发生后超过 N 天才录入的事件，按单位和人员统计",
  ),
  "audit late-entries --days": help("how many days late counts as late", "迟于多少天算作迟录"),
  "audit late-entries --json": help("print JSON", "以 JSON 打印"),
  "audit keygen": help(
    "Write a new seal-signing key pair as PEM files (the private key never enters the ledger)",
    "生成新的封印签名密钥对，写成 PEM 文件（私钥从不进入账本）",
  ),
  "audit keygen --algorithm": help(
    "sm2 (GM/T 0003, with SM3) or ed25519",
    "sm2（GM/T 0003，配合 SM3）或 ed25519",
  ),
  "audit keygen --out": help(
    "writes <path>.key.pem (private, mode 600) and <path>.pub.pem",
    "写出 <路径>.key.pem（私钥，权限 600）和 <路径>.pub.pem",
  ),
  "audit keygen --json": help("print JSON", "以 JSON 打印"),
  "audit key": help(
    "Register or retire a seal-signing key (ledger facts)",
    "登记或停用封印签名密钥（账本事实）",
  ),
  "audit key register": help(
    "Register a unit's public key (or certificate) for signing seals, with its validity",
    "登记单位用于签署封印的公钥（或证书）及其有效期",
  ),
  "audit key register <keyId>": help(
    "the key's id, named by the seals it signs",
    "密钥编号，由其签署的封印引用",
  ),
  "audit key register --public-key": help(
    "the public key or X.509 certificate, PEM",
    "公钥或 X.509 证书，PEM 格式",
  ),
  "audit key register --owner": help("the unit that signs with it", "使用该密钥签名的单位"),
  "audit key register --valid-from": help("valid from (default: now)", "生效时间（默认：现在）"),
  "audit key register --valid-until": help("valid until", "失效时间"),
  "audit key register --as": help("who does it", "操作人"),
  "audit key register --json": help("print JSON", "以 JSON 打印"),
  "audit key retire": help(
    "Retire a signing key: later seals signed with it are refused, earlier ones still verify",
    "停用签名密钥：此后以其签名的封印被拒绝，此前的仍可校验",
  ),
  "audit key retire <keyId>": help("the key's id", "密钥编号"),
  "audit key retire --reason": help(
    "why (rotated, lost, the holder left…)",
    "原因（轮换、遗失、持有人离职……）",
  ),
  "audit key retire --as": help("who does it", "操作人"),
  "audit key retire --json": help("print JSON", "以 JSON 打印"),
  board: help(
    "The wall chart (挂图作战): task elements by state per workstream, stage and lead unit",
    "挂图作战：按专项、阶段和牵头单位统计任务要素状态",
  ),
  "board --as-of": help(
    "the ledger as of the end of this date (default: today, UTC+08:00)",
    "截至该日末的账本（默认：今天，UTC+08:00）",
  ),
  "board --json": help("print JSON", "以 JSON 打印"),
  list: help(
    "A list as of a date: the Key Task List, overdue elements, entities, risks, hazards, accidents",
    "截至某日的清单：重点任务清单、逾期任务要素、企业、风险、隐患、事故",
  ),
  "list <kind>": help(
    "tasks | entities | risks | hazards | accidents | overdue",
    "tasks（任务要素）| entities（企业）| risks（风险）| hazards（隐患）| accidents（事故）| overdue（逾期）",
  ),
  "list --as-of": help(
    "the ledger as of the end of this date (default: today, UTC+08:00)",
    "截至该日末的账本（默认：今天，UTC+08:00）",
  ),
  "list --workstream": help("tasks, overdue: only this workstream", "tasks、overdue：只列此专项"),
  "list --unit": help(
    "tasks: lead or co-responsible unit; overdue: lead unit",
    "tasks：牵头或配合单位；overdue：牵头单位",
  ),
  "list --stage": help("tasks: only this stage", "tasks：只列此阶段"),
  "list --status": help(
    "tasks: Assigned, InProgress, …; entities, risks, hazards, accidents: their state",
    "tasks：已交办（Assigned）、推进中（InProgress）……；entities、risks、hazards、accidents：各自的状态",
  ),
  "list --overdue": help("tasks, hazards: only overdue ones", "tasks、hazards：只列逾期的"),
  "list --sector": help(
    "entities, risks, hazards, accidents: only this sector",
    "entities、risks、hazards、accidents：只列此行业",
  ),
  "list --district": help(
    "entities, risks, hazards, accidents: only this district or county",
    "entities、risks、hazards、accidents：只列此区县",
  ),
  "list --department": help(
    "entities, risks, hazards, accidents: only this supervising department",
    "entities、risks、hazards、accidents：只列此监管部门",
  ),
  "list --level": help(
    "risks: major, larger, general or low",
    "risks：重大（major）、较大（larger）、一般（general）或低（low）",
  ),
  "list --grade": help("hazards: general or major", "hazards：一般（general）或重大（major）"),
  "list --json": help("print JSON", "以 JSON 打印"),
  "list --csv": help(
    "print CSV (UTF-8 with a BOM); tasks, entities, risks, hazards and accidents in the columns import reads",
    "以 CSV 打印（带 BOM 的 UTF-8）；tasks、entities、risks、hazards 和 accidents 的列即 import 读取的列",
  ),
  "list --xlsx": help(
    "write an .xlsx workbook, in the same columns as --csv",
    "写成 .xlsx 工作簿，列与 --csv 相同",
  ),
  supervision: help(
    "Dynamic supervision of one entity: highest risk, open and overdue hazards, recent accidents",
    "一家企业的动态监管：最高风险、未销号与逾期隐患、近期事故",
  ),
  "supervision <entity>": help("the entity id, e.g. E-0001", "企业编号，例如 E-0001"),
  "supervision --as-of": help(
    "the ledger as of the end of this date (default: today, UTC+08:00)",
    "截至该日末的账本（默认：今天，UTC+08:00）",
  ),
  "supervision --json": help("print JSON", "以 JSON 打印"),
  stats: help("Statistics", "统计"),
  "stats accidents": help(
    "Accidents and casualties in a period against the same period of the previous year",
    "一段时期的事故与伤亡，与上年同期对比",
  ),
  "stats accidents --from": help("first day of the period", "统计期的第一天"),
  "stats accidents --to": help("last day of the period", "统计期的最后一天"),
  "stats accidents --compare": help("what to compare with", "与什么对比"),
  "stats accidents --json": help("print JSON", "以 JSON 打印"),
  import: help(
    "Load a list kept as CSV (UTF-8 or GB18030/GBK, as Excel saves it) or as an .xlsx workbook (the first sheet, or --sheet), with English or Chinese column headers (tasks, entities, risks, hazards, accidents). Every row is decoded and checked against the ledger first; if any row is bad, every bad row is reported (line, column, reason) and nothing is appended. The file is streamed and what its rows decide is kept in a temporary file, not in memory. On SQLite it is then written in one transaction, a short one: all of it or, if another writer changed the ledger meanwhile, none of it (import again); a writer in another process waits for it and then succeeds. On EventStoreDB the rows are written one by one. Re-importing a list that grew compares each row with the ledger: new rows are registered, unchanged rows skipped, a changed column becomes its correction or change command (a column no command changes is an error naming it; a code given twice in one file too); --dry-run prints that plan, field by field, and writes nothing. Re-importing the same file appends nothing (command ids come from the file's content, the importing unit and the line).",
    "导入以 CSV（UTF-8 或 GB18030/GBK，即 Excel 保存的格式）或 .xlsx 工作簿（第一个工作表，或 --sheet 指定）维护的清单，列标题可用中文或英文（任务要素、企业、风险、隐患、事故）。每一行先解码并与账本核对；只要有一行有误，就报告每个有误的行（行、列、原因），且不追加任何内容。文件以流式读取，各行的决定暂存在临时文件而不是内存中。在 SQLite 上随后在一个短事务中写入：要么全部写入，要么在期间有其他写入者修改账本时全不写入（请重新导入）；另一进程中的写入者会等待它完成后再成功写入。在 EventStoreDB 上逐行写入。重新导入增补过的清单时，每行与账本比较：新行登记，未变的行跳过，修改过的列变为相应的更正或变更命令（没有命令能修改的列报错并指明该列；同一文件中重复出现的编号也报错）；--dry-run 逐字段打印这一计划，不写入任何内容。重复导入同一文件不追加任何内容（命令编号由文件内容、导入单位和行号生成）。",
  ),
  "import (summary)": help(
    "Load a list kept as CSV or .xlsx (tasks, entities, risks, hazards, accidents); all rows or none",
    "导入以 CSV 或 .xlsx 维护的清单（任务要素、企业、风险、隐患、事故）；全部导入或全不导入",
  ),
  "import <kind>": help(
    "tasks | entities | risks | hazards | accidents",
    "tasks（任务要素）| entities（企业）| risks（风险）| hazards（隐患）| accidents（事故）",
  ),
  "import <file>": help(
    "a CSV or .xlsx file with a header line (columns below)",
    "带表头行的 CSV 或 .xlsx 文件（列见下文）",
  ),
  "import --as": help("who imports, e.g. GY-EMB/office/Zhang Wei", "导入人，例如 GY-EMB/office/张伟"),
  "import --on": help(
    "business date of rows that carry none and of a re-import's changes (default: now)",
    "未写日期的行及重新导入所作修改的业务日期（默认：现在）",
  ),
  "import --dry-run": help(
    "print the plan (added, changed field by field, unchanged) and write nothing",
    "打印计划（新增、逐字段的修改、未变）而不写入任何内容",
  ),
  "import --encoding": help(
    "a CSV's encoding: auto (default: UTF-8, else GB18030), utf-8, gb18030 (or gbk)",
    "CSV 的编码：auto（默认：UTF-8，否则 GB18030）、utf-8、gb18030（或 gbk）",
  ),
  "import --sheet": help(
    "the sheet of an .xlsx file (default: the first)",
    ".xlsx 文件的工作表（默认：第一个）",
  ),
  "import --json": help("print JSON", "以 JSON 打印"),
  rebuild: help(
    "Rebuild every read model from the first event (the read tables of SQLite or PostgreSQL, or a replay); print what they hold and the stamp",
    "从第一个事件重建所有读模型（SQLite 或 PostgreSQL 读表，或重放）；打印其内容和戳记",
  ),
  "rebuild --json": help("print JSON", "以 JSON 打印"),
  project: help(
    "Bring the read tables (SQLite, PostgreSQL) up to date; with --follow, keep them current as events are appended, until interrupted",
    "更新 SQLite 或 PostgreSQL 读表；加 --follow 时持续跟随账本追加的事件，直到中断",
  ),
  "project --follow": help("keep following the ledger", "持续跟随账本"),
  privacy: help(
    "Personal fields encrypted before the chain: master key and its rotation, data subjects, check, erasure (docs/privacy.md)",
    "哈希前加密的个人信息字段：主密钥及其轮换、数据主体、核查、依法删除（见 docs/privacy.md）",
  ),
  "privacy master-key": help(
    "Write a new master key file (never overwrites one)",
    "写出新的主密钥文件（从不覆盖已有文件）",
  ),
  "privacy master-key <file>": help(
    "the file to write, readable by its owner only",
    "要写入的文件，仅其所有者可读",
  ),
  "privacy master-key --algorithm": help("the key's algorithm", "密钥的算法"),
  "privacy master-key --id": help(
    "the key's id, recorded with every data key it wraps",
    "密钥编号，随它包裹的每个数据密钥一起记录",
  ),
  "privacy subjects": help(
    "The data subjects, one per person (<stream>/<kind>/<event id>, the event that introduced them; <stream>/<kind> on ledgers written before), and whether their key is live or destroyed",
    "数据主体，每人一个（<流>/<类别>/<事件编号>，即首次记录此人的事件；此前写入的账本为 <流>/<类别>），及其密钥有效或已销毁",
  ),
  "privacy subjects <prefix>": help(
    "only subjects starting with this, e.g. entity-E-0001/",
    "只列出以此开头的数据主体，例如 entity-E-0001/",
  ),
  "privacy subjects --json": help("print JSON", "以 JSON 打印"),
  "privacy check": help(
    "Decrypt every encrypted field where it stands; a field altered or moved to another event or field is a finding",
    "在原位解密每个加密字段；被篡改或移至其他事件、字段的，列为问题",
  ),
  "privacy check --json": help("print JSON", "以 JSON 打印"),
  "privacy rotate-master-key": help(
    "Rewrap every live data key under a new master key, in one transaction: afterwards only the new key opens the ledger (destroyed keys stay destroyed); then record MasterKeyRotated on masterkey-rotations (who, when, the new key's fingerprint, how many keys; no key material)",
    "用新主密钥重新封装全部有效数据密钥（一个事务内完成）：此后只有新主密钥能打开账本（已销毁的密钥仍为已销毁）；随后在 masterkey-rotations 中记录 MasterKeyRotated（操作人、时间、新主密钥指纹、密钥数量；不含密钥）",
  ),
  "privacy rotate-master-key <new-key-file>": help(
    "the new master key file (`privacy master-key FILE --id …` writes one, with an id of its own); the current one is --master-key",
    "新主密钥文件（用 `privacy master-key 文件 --id …` 生成，编号须不同）；当前主密钥由 --master-key 给出",
  ),
  "privacy rotate-master-key --as": help(
    "who rotates the key (office or lead-group), recorded in MasterKeyRotated",
    "轮换主密钥的人（办公室或领导小组），记录在 MasterKeyRotated 中",
  ),
  "privacy rotate-master-key --json": help("print JSON", "以 JSON 打印"),
  "privacy erase": help(
    "Erase a data subject's personal data at the end of its record's retention: destroys its key and records PersonalDataErased (who, when, why)",
    "记录保管期限届满后依法删除数据主体的个人信息：销毁其密钥并记录 PersonalDataErased（谁、何时、依据）",
  ),
  "privacy erase <subject>": help(
    "the subject, e.g. entity-E-0001/principal/<event id> (see privacy subjects)",
    "数据主体，例如 entity-E-0001/principal/<事件编号>（见 privacy subjects）",
  ),
  "privacy erase --legal-basis": help(
    "the legal basis, e.g. PIPL art. 47 and the retention schedule's item",
    "法律依据，例如《个人信息保护法》第四十七条及保管期限表的条目",
  ),
  "privacy erase --appraisal": help(
    "the archive appraisal's reference (档案鉴定意见书)",
    "档案鉴定意见书的编号",
  ),
  "privacy erase --approved-by": help(
    "an approving unit; give it twice, for two distinct units",
    "批准单位；给出两次，须为两个不同的单位",
  ),
  "privacy erase --as": help("who erases (office or lead-group)", "执行删除的人（办公室或领导小组）"),
  "privacy erase --on": help(
    "when (default: now); retention must have ended by then",
    "时间（默认：现在）；届时保管期限须已届满",
  ),
  "privacy erase --command-id": help(
    "the command id (default erase:<subject>)",
    "命令编号（默认 erase:<数据主体>）",
  ),
  "privacy erase --json": help("print JSON", "以 JSON 打印"),
  demo: help(
    "Load the Guangyuan reference scenario (illustrative data) and print the wall chart as of 2020-12-31 and the accident comparison Jan–Nov 2020 vs 2019; running it again appends nothing",
    "载入广元参考场景（示例数据），打印截至 2020-12-31 的挂图作战和 2020 年 1–11 月与 2019 年同期的事故对比；再次运行不追加任何内容",
  ),
  "demo (summary)": help(
    "Load the Guangyuan reference scenario; print the wall chart and accident comparison",
    "载入广元参考场景；打印挂图作战和事故对比",
  ),
  "demo --json": help("print JSON", "以 JSON 打印"),
  report: help(
    "Write the wall chart as one self-contained HTML page (inline SVG charts; opens offline)",
    "将挂图作战写成一个自包含的 HTML 页面（内嵌 SVG 图表；可离线打开）",
  ),
  "report --html": help("the HTML file to write", "要写入的 HTML 文件"),
  "report --as-of": help(
    "show the ledger as of this date (default: today in Guangyuan)",
    "显示截至该日的账本（默认：广元的今天）",
  ),
  "report --from": help(
    "accident comparison period start (default: 1 January of the as-of year)",
    "事故对比期的开始（默认：截至日所在年份的 1 月 1 日）",
  ),
  "report --to": help(
    "accident comparison period end (default: the as-of date)",
    "事故对比期的结束（默认：截至日）",
  ),
  "--help": help("display help for command", "显示帮助"),
  help: help("display help for command", "显示某个命令的帮助"),
};

/** A command's full name under the program: "" for the program, "audit key register". */
export const fullName = (command: Command): string => {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
};

/** Where each word of the help is shown, by key (see the header). */
export const helpKeys = (command: Command): ReadonlyArray<{ key: string; set: (text: string) => void }> => {
  const name = fullName(command);
  const under = (s: string) => (name === "" ? s : `${name} ${s}`);
  return [
    { key: name, set: (t) => command.description(t) },
    ...(HELP_TEXTS[under("(summary)")] === undefined
      ? []
      : [{ key: under("(summary)"), set: (t: string) => command.summary(t) }]),
    ...command.registeredArguments.map((a) => ({
      key: under(`<${a.name()}>`),
      set: (t: string) => {
        a.description = t;
      },
    })),
    ...command.options.map((o) => ({
      key: under(o.long ?? o.flags),
      set: (t: string) => {
        o.description = t;
      },
    })),
  ];
};

const eachCommand = (command: Command, visit: (c: Command) => void): void => {
  visit(command);
  for (const sub of command.commands) eachCommand(sub, visit);
};

/** Commander's own words around the help (titles, defaults, choices), in Chinese. */
const ZH_TITLES: Readonly<Record<string, string>> = {
  "Usage:": "用法：",
  "Options:": "选项：",
  "Arguments:": "参数：",
  "Commands:": "命令：",
  "Global Options:": "全局选项：",
};
const zhExtras = (text: string): string =>
  text.replace(
    / ?\(((?:choices|default): .*)\)$/s,
    (_m, extras: string) =>
      `（${extras.replace(/^choices: /, "可选：").replace(/(^|, )default: /, (_d, sep: string) => `${sep === "" ? "" : "；"}默认：`)}）`,
  );

/** The program's help in a language: every description from the catalogue, commander's titles too. */
export const applyHelp = (program: Command, lang: Lang): Command => {
  eachCommand(program, (command) => {
    for (const { key, set } of helpKeys(command)) {
      const text = HELP_TEXTS[key];
      if (text !== undefined) set(text[lang]);
    }
    if (lang === "en") return;
    command.helpOption("-h, --help", HELP_TEXTS["--help"]![lang]);
    if (command.commands.length > 0) command.helpCommand("help [command]", HELP_TEXTS.help![lang]);
    command.configureHelp({
      styleTitle: (title: string) => ZH_TITLES[title] ?? title,
      optionDescription(this: Help, option) {
        return zhExtras(Object.getPrototypeOf(this).optionDescription.call(this, option));
      },
      argumentDescription(this: Help, argument) {
        return zhExtras(Object.getPrototypeOf(this).argumentDescription.call(this, argument));
      },
    });
  });
  return program;
};
