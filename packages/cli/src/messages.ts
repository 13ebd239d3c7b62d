/**
 * The CLI's own words, in Chinese (the default: the clerks read Chinese) and English, from one
 * catalogue: `import`'s reports and plans, its re-import refusals keyed by their error code,
 * and the list tables' headers. `--lang`, else LC_ALL, LC_MESSAGES or LANG, picks the language;
 * error codes and JSON keys stay the same in both. Core's errors are rendered from core's own
 * catalogue (`errorText`), a row's cell checks from import/import-issue-texts.ts.
 */
export type Lang = "zh-CN" | "en";
export const LANGS: ReadonlyArray<Lang> = ["zh-CN", "en"];

/** The language of the locale (LC_ALL, LC_MESSAGES or LANG, the first set): English for en, else Chinese. */
export const langOfEnv = (env: NodeJS.ProcessEnv = process.env): Lang => {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^en([_.@-]|$)/i.test(locale) ? "en" : "zh-CN";
};

/** What to do instead, for a column that re-import does not change. */
type Hint =
  | "registrationDate"
  | "hazardEntity"
  | "hazardSource"
  | "discoveryDate"
  | "hazardDeadline"
  | "reopens"
  | "accidentEntity"
  | "reportedAt"
  | "lateReason"
  | "riskEntity"
  | "riskPoint"
  | "identificationDate"
  | "taskAssigned"
  | "taskDeadline"
  | "assignmentDate"
  | "keptAsRecorded";

const q = (s: string) => JSON.stringify(s);

const zhCN = {
  error: (text: string) => `错误：${text}`,
  submit: {
    ok: (line: number, type: string, at: string, events: ReadonlyArray<string>, duplicate: boolean) =>
      `第 ${line} 行：成功 ${type} → ${at}${duplicate ? "（已执行过，未追加）" : `（${events.join("、") || "无变化"}）`}`,
    rejected: (line: number, field: string | undefined, message: string) =>
      `第 ${line} 行：被拒绝${field === undefined ? "" : `（${field}）`}：${message}`,
    summary: (accepted: number, rejected: number) => `接受 ${accepted} 条，拒绝 ${rejected} 条`,
    warning: (line: number, warning: string) => `第 ${line} 行：警告：${warning}`,
  },
  import: {
    issue: (line: number, column: string | undefined, message: string) =>
      `第 ${line} 行${column === undefined ? "" : `，${column} 列`}：${message}`,
    inSheet: (file: string, sheet: string) => `${file}（工作表“${sheet}”）`,
    headerProblems: (file: string, n: number) => `${file} 的表头（或文件本身）有 ${n} 个问题`,
    badRows: (file: string, bad: number, total: number, problems: number) =>
      `${file} 的 ${total} 行中有 ${bad} 行有误（${problems} 个问题）`,
    nothingImported: (parts: ReadonlyArray<string>, _problems: number) =>
      `${parts.join("；")}；未导入任何内容。请改正后重新导入。`,
    rowCounts: (added: number, changed: number, unchanged: number) =>
      `新增 ${added}，修改 ${changed}，未变 ${unchanged}`,
    imported: (
      rows: number,
      kind: string,
      file: string,
      counts: string,
      commands: number,
      events: number,
      duplicates: number,
    ) =>
      `已从 ${file} 导入 ${rows} 行${kind}（${counts}）：${commands} 条命令，追加 ${events} 个事件${duplicates > 0 ? `，其中 ${duplicates} 条命令账本中已有（未重复追加）` : ""}。`,
    planRow: (line: number, id: string, status: "added" | "changed", commands: string) =>
      `第 ${line} 行，${id}：${status === "added" ? "新增" : "修改"}（${commands}）`,
    dryRun: (file: string, rows: number, kind: string, counts: string, commands: number, events: number) =>
      `试运行 ${file}：${rows} 行${kind}（${counts}），将执行 ${commands} 条命令、追加 ${events} 个事件；未写入任何内容。`,
    kinds: { tasks: "任务要素", entities: "企业", risks: "风险点", hazards: "隐患", accidents: "事故" },
    raced: (error: string) => `${error}导入期间有其他写入者修改了账本；未导入任何内容。请重新导入。`,
    notWritten: (error: string) => `${error}未导入任何内容。`,
    racedAt: (line: number, error: string) =>
      `第 ${line} 行：${error}（导入期间账本被修改；第 ${line} 行之前的行已导入，请重新导入以完成）`,
  },
  errors: {
    NOT_CHANGED_BY_REIMPORT: (from: string, to: string, hint: string) =>
      `此列不能通过重新导入修改（账本中为 ${q(from)}，文件中为 ${q(to)}）；${hint}`,
    DUPLICATE_ROW: (id: string, line: number, key: string) =>
      `${id} 在本文件第 ${line} 行已出现；一个文件中每个 ${key} 只能出现一次`,
  },
  hints: {
    registrationDate: "登记日期以登记时为准",
    hazardEntity: "隐患属于发现它的企业；请以新的隐患编号重新登记",
    hazardSource: "隐患来源以登记时为准",
    discoveryDate: "发现日期以登记时为准",
    hazardDeadline:
      "整改期限通过延期变更（submit RequestHazardDeadlineExtension、GrantHazardDeadlineExtension）",
    reopens: "重新打开的隐患以登记时为准",
    accidentEntity: "事故报告的企业不可更改；请撤回报告（submit WithdrawAccidentReport）后重新报告",
    reportedAt: "报告时间以记录为准",
    lateReason: "迟报原因以记录为准",
    riskEntity: "风险点属于其企业；请注销（submit RetireRisk）后以新编号重新辨识",
    riskPoint: "风险点以辨识时为准；请注销（submit RetireRisk）后以新编号重新辨识",
    identificationDate: "辨识日期以辨识时为准",
    taskAssigned: "任务要素以交办时为准；请撤销（submit CancelTaskElement）后以新编号交办",
    taskDeadline: "完成时限通过延期变更（submit RequestDeadlineExtension、GrantDeadlineExtension）",
    assignmentDate: "交办日期以交办时为准",
    keptAsRecorded: "以原记录为准",
  } satisfies Record<Hint, string>,
  list: {
    head: {
      code: "编号",
      workstream: "专项",
      element: "任务要素",
      "lead unit": "牵头单位",
      "co-units": "配合单位",
      deadline: "完成时限",
      stage: "阶段",
      state: "状态",
      "overdue days": "逾期天数",
      entity: "企业编号",
      name: "名称",
      sector: "行业",
      district: "区县",
      "supervising department": "监管部门",
      principal: "主要负责人",
      "principal phone": "主要负责人电话",
      "safety manager": "安全管理人员",
      "safety manager phone": "安全管理人员电话",
      address: "地址",
      "credit code": "统一社会信用代码",
      status: "状态",
      registered: "登记日期",
      risk: "风险编号",
      level: "等级",
      colour: "颜色",
      responsible: "责任人",
      hazard: "隐患编号",
      grade: "隐患等级",
      source: "来源",
      discovered: "发现日期",
      overdue: "逾期",
      "listed by": "挂牌单位",
      accident: "事故编号",
      date: "发生日期",
      class: "事故等级",
      deaths: "死亡人数",
      "serious injuries": "重伤人数",
      "casualty list": "伤亡人员名单",
      "direct loss (fen)": "直接经济损失（分）",
      due: "到期日",
      "days overdue": "逾期天数",
      "escalated to": "督办层级",
      "next step": "下一步",
      // the wall chart (board, demo)
      total: "合计",
      assigned: "已交办",
      "in progress": "推进中",
      reported: "已报完成",
      verified: "已核验",
      cancelled: "已撤销",
      completion: "完成率",
      verification: "核验率",
      unit: "牵头单位",
      all: "全部",
      period: "周期",
      // the accident statistics (stats accidents, demo)
      "period (dates)": "时段",
      accidents: "事故起数",
      "direct loss": "直接经济损失",
      decrease: "减少",
      change: "变化",
      // a stream's history
      rev: "版本",
      type: "类型",
      occurred: "发生时间",
      recorded: "录入时间",
      actor: "操作人",
      data: "数据",
      note: "备注",
      // one entity's dynamic supervision
      "as of": "截至",
      priority: "监管优先级",
      "highest risk": "最高风险",
      "open hazards": "未销号隐患",
      "open major": "未销号重大隐患",
      listed: "挂牌督办",
      "accidents (12 mo)": "近 12 个月事故",
      "deaths (12 mo)": "近 12 个月死亡",
      // audit verify (seals, findings) and audit late-entries
      seal: "封印",
      "signed by key": "签名密钥",
      owner: "所有单位",
      algorithm: "算法",
      at: "时间",
      signature: "签名",
      stream: "流",
      revision: "版本",
      kind: "类别",
      what: "说明",
      "entering unit": "录入单位",
      person: "人员",
      "days late": "迟录天数",
      "window closed": "届满的时限",
      "late entries": "迟录条数",
      // rebuild
      "read model": "读模型",
      streams: "流数",
      // privacy subjects
      subject: "数据主体",
      "introduced by": "首次记录于",
      key: "密钥",
    } as Readonly<Record<string, string>>,
    count: (n: number, kind: string, asOf: string) => `截至 ${asOf} 共 ${n} 条${kind}。`,
    written: (n: number, kind: string, asOf: string, file: string) =>
      `截至 ${asOf} 的 ${n} 条${kind}已写入 ${file}。`,
    kinds: {
      tasks: "任务要素",
      entities: "企业",
      risks: "风险点",
      hazards: "隐患",
      accidents: "事故",
      overdue: "逾期任务要素",
    } as Readonly<Record<string, string>>,
  },
  board: {
    campaign: (id: string, name: string, status: string, stage: string | null) =>
      `专项整治 ${id}“${name}”：${status}${stage === null ? "" : `，当前阶段 ${stage}`}`,
    asOf: (asOf: string, total: number) => `截至 ${asOf} 的挂图作战：共 ${total} 个任务要素。`,
    byWorkstream: "按专项：",
    byStage: "按阶段：",
    byUnit: "按牵头单位：",
    nextDeadlines: "临近的完成时限：",
  },
  demo: {
    title: "广元参考场景（示例数据，保留公开发布的数量和数字）。",
    already: (commands: number) => `已载入：${commands} 条命令，未追加任何内容。`,
    loaded: (commands: number, events: number, duplicates: number) =>
      `已载入 ${commands} 条命令：追加 ${events} 个事件${duplicates > 0 ? `，其中 ${duplicates} 条命令账本中已有` : ""}。`,
    accidents: (from: string, to: string) => `${from} 至 ${to} 的生产安全事故，与上年同期对比：`,
  },
  stats: {
    zeroControl: (held: boolean) => `较大及以上事故“零控制”：${held ? "已实现" : "未实现"}。`,
    listed: (accidents: number, counts: string) =>
      `伤亡人员名单：本期 ${accidents} 起事故有名单${accidents === 0 ? "" : `，共列出 ${counts}`}（不含姓名）。`,
  },
  supervision: {
    entity: (
      id: string,
      name: string,
      status: string,
      sector: string,
      district: string,
      department: string,
    ) => `${id} ${name}（${status}）：${sector}，${district}，监管部门 ${department}。`,
    people: (principal: string, safetyManager: string) =>
      `主要负责人 ${principal}；安全管理人员 ${safetyManager}。`,
    closed: (on: string) => `已于 ${on} 关闭：不再纳入动态监管。`,
    yes: "是",
  },
};

export type Messages = typeof zhCN;

const en: Messages = {
  error: (text) => `error: ${text}`,
  submit: {
    ok: (line, type, at, events, duplicate) =>
      `line ${line}: ok ${type} → ${at}${duplicate ? " (already done, nothing appended)" : ` (${events.join(", ") || "no change"})`}`,
    rejected: (line, field, message) =>
      `line ${line}: rejected${field === undefined ? "" : ` (${field})`}: ${message}`,
    summary: (accepted, rejected) => `${accepted} accepted, ${rejected} rejected`,
    warning: (line, warning) => `line ${line}: warning: ${warning}`,
  },
  import: {
    issue: (line, column, message) =>
      `line ${line}${column === undefined ? "" : `, column ${column}`}: ${message}`,
    inSheet: (file, sheet) => `${file} (sheet "${sheet}")`,
    headerProblems: (file, n) =>
      `the header (or the file) of ${file} has ${n} ${n === 1 ? "problem" : "problems"}`,
    badRows: (file, bad, total, problems) =>
      `${bad} of ${total} rows of ${file} ${bad === 1 ? "is" : "are"} bad (${problems} ${problems === 1 ? "problem" : "problems"})`,
    nothingImported: (parts, problems) =>
      `${parts.join("; ")}; nothing was imported. Fix ${problems === 1 ? "it" : "them"} and import the file again.`,
    rowCounts: (added, changed, unchanged) => `${added} added, ${changed} changed, ${unchanged} unchanged`,
    imported: (rows, kind, file, counts, commands, events, duplicates) =>
      `Imported ${rows} ${kind} rows from ${file} (${counts}): ${commands} commands, ${events} events appended${duplicates > 0 ? `, ${duplicates} commands already in the ledger (nothing appended for them)` : ""}.`,
    planRow: (line, id, status, commands) => `line ${line}, ${id}: ${status} (${commands})`,
    dryRun: (file, rows, kind, counts, commands, events) =>
      `Dry run of ${file}: ${rows} ${kind} rows (${counts}) would be ${commands} commands appending ${events} events; nothing was written.`,
    kinds: {
      tasks: "tasks",
      entities: "entities",
      risks: "risks",
      hazards: "hazards",
      accidents: "accidents",
    },
    raced: (error) =>
      `${error} Another writer changed the ledger during the import; nothing was imported. Import the file again.`,
    notWritten: (error) => `${error} Nothing was imported.`,
    racedAt: (line, error) =>
      `line ${line}: ${error} (the ledger changed during the import; rows before line ${line} were imported, import the file again to finish)`,
  },
  errors: {
    NOT_CHANGED_BY_REIMPORT: (from, to, hint) =>
      `this column cannot be changed by re-import (the ledger has ${q(from)}, the file ${q(to)}); ${hint}`,
    DUPLICATE_ROW: (id, line, key) =>
      `${id} is also on line ${line} of this file; a file gives each ${key} once`,
  },
  hints: {
    registrationDate: "the registration date is kept as registered",
    hazardEntity:
      "a hazard stays with the entity it was found at; register the find again under a new hazard code",
    hazardSource: "the source is kept as registered",
    discoveryDate: "the discovery date is kept as registered",
    hazardDeadline:
      "a deadline is moved by an extension (submit RequestHazardDeadlineExtension, GrantHazardDeadlineExtension)",
    reopens: "the hazard a find reopens is kept as registered",
    accidentEntity:
      "the entity of a report is kept; withdraw the report (submit WithdrawAccidentReport) and report it again",
    reportedAt: "when the report reached the government is kept as recorded",
    lateReason: "the late-report reason is kept as recorded",
    riskEntity:
      "a risk point stays with its entity; retire it (submit RetireRisk) and identify it again under a new code",
    riskPoint:
      "a risk point is kept as identified; retire it (submit RetireRisk) and identify it again under a new code",
    identificationDate: "the identification date is kept as identified",
    taskAssigned:
      "a task element is kept as assigned; cancel it (submit CancelTaskElement) and assign the new one under a new code",
    taskDeadline:
      "a deadline is moved by an extension (submit RequestDeadlineExtension, GrantDeadlineExtension)",
    assignmentDate: "the assignment date is kept as assigned",
    keptAsRecorded: "it is kept as recorded",
  },
  list: {
    head: {
      ...Object.fromEntries(Object.keys(zhCN.list.head).map((k) => [k, k])),
      "period (dates)": "period",
      "entering unit": "unit",
    },
    count: (n, kind, asOf) => `${n} ${kind} as of ${asOf}.`,
    written: (n, kind, asOf, file) => `${n} ${kind} as of ${asOf} written to ${file}.`,
    kinds: {
      tasks: "tasks",
      entities: "entities",
      risks: "risks",
      hazards: "hazards",
      accidents: "accidents",
      overdue: "overdue task elements",
    },
  },
  board: {
    campaign: (id, name, status, stage) =>
      `Campaign ${id} "${name}": ${status}${stage === null ? "" : `, stage ${stage}`}`,
    asOf: (asOf, total) => `Wall chart as of ${asOf}: ${total} task elements.`,
    byWorkstream: "By workstream:",
    byStage: "By stage:",
    byUnit: "By responsible (lead) unit:",
    nextDeadlines: "Next deadlines:",
  },
  demo: {
    title: "Guangyuan reference scenario (ILLUSTRATIVE data that keeps the published counts and figures).",
    already: (commands) => `Already loaded: ${commands} commands, nothing appended.`,
    loaded: (commands, events, duplicates) =>
      `Loaded ${commands} commands: ${events} events appended${duplicates > 0 ? `, ${duplicates} commands already there` : ""}.`,
    accidents: (from, to) =>
      `Production-safety accidents, ${from} to ${to}, against the same period of the previous year:`,
  },
  stats: {
    zeroControl: (held) => `Zero control of larger-or-above accidents: ${held ? "held" : "NOT held"}.`,
    listed: (accidents, counts) =>
      `Casualty lists: ${accidents} accidents of the period have one${accidents === 0 ? "" : `, naming ${counts}`} (no names).`,
  },
  supervision: {
    entity: (id, name, status, sector, district, department) =>
      `${id} ${name} (${status}): ${sector}, ${district}, supervised by ${department}.`,
    people: (principal, safetyManager) => `Principal ${principal}; safety manager ${safetyManager}.`,
    closed: (on) => `Closed on ${on}: no longer under dynamic supervision.`,
    yes: "yes",
  },
};

/** A table's column headers in a language (a header not in the catalogue stays as it is). */
export const headsIn = (lang: Lang, names: ReadonlyArray<string>): string[] =>
  names.map((n) => MESSAGES[lang].list.head[n] ?? n);

export const MESSAGES: Readonly<Record<Lang, Messages>> = { "zh-CN": zhCN, en };

export type ReimportHint = Hint;
