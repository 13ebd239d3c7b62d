/**
 * The words of `import --help`'s column notes, in English and Chinese, from one catalogue keyed by
 * kind and column: what a row of each kind stands for, and what each column holds. The columns
 * themselves (names, Chinese headers, cells) are defined in import/csv-rows.ts;
 * column-help-texts.test.ts checks that every column of every kind has its entry here.
 */
import type { HelpText } from "./help-texts";

const help = (en: string, zh: string): HelpText => ({ en, "zh-CN": zh });

/** The line above the columns. */
export const COLUMNS_TITLE = help(
  "Columns (* required; lists are separated by ';'):",
  "列（* 为必填；列表以“;”分隔）：",
);

/** What a row of each kind stands for. */
export const KIND_HELP = {
  tasks: help(
    "one Key Task List row: AssignTaskElement (elements not yet on their workstream's list are listed first, one ListWorkstreamElements per workstream)",
    "重点任务清单的一行：AssignTaskElement（尚未列入其专项清单的要素先列入，每个专项一条 ListWorkstreamElements）",
  ),
  entities: help(
    "one supervised entity of the real-name list: RegisterEntity (and ActivateEntity when active is yes)",
    "实名清单中的一个监管对象：RegisterEntity（是否在营为“是”时另加 ActivateEntity）",
  ),
  risks: help(
    "one risk point: IdentifyRisk, and AssessRisk (initial) when any assessment column is filled",
    "一个风险点：IdentifyRisk；填写了任一评估列时另加 AssessRisk（初次评估）",
  ),
  hazards: help("one hidden hazard: RegisterHazard", "一项事故隐患：RegisterHazard"),
  accidents: help(
    "one production-safety accident: ReportAccident (the class is derived, Decree 493)",
    "一起生产安全事故：ReportAccident（事故等级按《生产安全事故报告和调查处理条例》（国务院令第 493 号）推定）",
  ),
} as const satisfies Readonly<Record<string, HelpText>>;

const onDefault = (en: string, zh: string) => help(`${en} (default: --on)`, `${zh}（默认：--on）`);

/** What each column holds, by kind and column name. */
export const COLUMN_HELP: Readonly<Record<keyof typeof KIND_HELP, Readonly<Record<string, HelpText>>>> = {
  tasks: {
    code: help("element code, unique in the campaign (T01-001)", "要素编号，在专项整治行动中唯一（T01-001）"),
    campaignId: help("the campaign", "所属专项整治行动"),
    workstream: help("workstream code", "专项编号"),
    task: help("the key task", "重点任务"),
    element: help("the element's text", "任务要素的内容"),
    leadUnit: help("the one lead unit (牵头单位)", "唯一的牵头单位"),
    coUnits: help("co-responsible units (配合单位), separated by ';'", "配合单位，以“;”分隔"),
    deadline: help("YYYY-MM-DD", "日期，YYYY-MM-DD"),
    stage: help(
      "stage key (mobilisation, investigation, tackling, consolidation)",
      "阶段（动员部署 mobilisation、排查整治 investigation、集中攻坚 tackling、巩固提升 consolidation）",
    ),
    deliverable: help("expected deliverable or evidence (完成标志)", "完成标志：应交的成果或佐证"),
    recurrence: help(
      "quarterly or yearly, for recurring elements",
      "按季度 quarterly 或按年 yearly，用于周期性要素",
    ),
    assignedOn: onDefault("business date of the assignment", "交办的业务日期"),
  },
  entities: {
    entityId: help("entity code (E-0001)", "企业编号（E-0001）"),
    name: help("name of the enterprise or site", "企业或场所名称"),
    sector: help(
      "sector key (coal-mine, hazardous-chemicals, …)",
      "行业，写键或中文名（coal-mine 煤矿、hazardous-chemicals 危险化学品……）",
    ),
    district: help(
      "district or county key (lizhou, cangxi, …)",
      "区县，写键或中文名（lizhou 利州区、cangxi 苍溪县……）",
    ),
    supervisingDepartment: help("the supervising department's unit", "监管部门的单位"),
    principal: help("principal person's name", "主要负责人姓名"),
    principalPhone: help("principal person's phone", "主要负责人电话"),
    safetyManager: help("safety manager's name", "安全管理人员姓名"),
    safetyManagerPhone: help("safety manager's phone", "安全管理人员电话"),
    address: help("address", "地址"),
    creditCode: help("unified social credit code", "统一社会信用代码"),
    active: help(
      "yes to activate the entity at once (default no)",
      "填“是”（yes）则登记后立即在营（默认：否）",
    ),
    registeredOn: onDefault("business date of the registration", "登记的业务日期"),
  },
  risks: {
    riskId: help("risk code (R-0001)", "风险编号（R-0001）"),
    entityId: help("the entity it belongs to", "所属企业"),
    name: help("the risk point", "风险点"),
    location: help("where it is", "所在位置"),
    description: help("description", "描述"),
    lecL: help(
      "LEC likelihood L: 10, 6, 3, 1, 0.5, 0.2, 0.1",
      "LEC 法事故发生可能性 L：10、6、3、1、0.5、0.2、0.1",
    ),
    lecE: help("LEC exposure E: 10, 6, 3, 2, 1, 0.5", "LEC 法暴露频繁程度 E：10、6、3、2、1、0.5"),
    lecC: help("LEC consequence C: 100, 40, 15, 7, 3, 1", "LEC 法后果严重程度 C：100、40、15、7、3、1"),
    matrixLikelihood: help("risk matrix likelihood, 1..size", "风险矩阵可能性，1 至矩阵阶数"),
    matrixSeverity: help("risk matrix severity, 1..size", "风险矩阵严重性，1 至矩阵阶数"),
    measures: help(
      "control measures, separated by ';' (needed for major and larger)",
      "管控措施，以“;”分隔（较大及以上风险必填）",
    ),
    responsiblePerson: help("the person responsible for the controls", "管控责任人"),
    responsiblePhone: help("their phone", "责任人电话"),
    identifiedOn: onDefault("business date of the identification", "辨识的业务日期"),
  },
  hazards: {
    hazardId: help("hazard code (H-0001)", "隐患编号（H-0001）"),
    entityId: help("the entity where it was found", "发现隐患的企业"),
    source: help(
      "self-inspection, government-inspection or public-report",
      "企业自查 self-inspection、政府检查 government-inspection 或群众举报 public-report",
    ),
    grade: help("general or major (grades are data)", "一般隐患 general 或重大隐患 major（等级为参考数据）"),
    description: help("what was found", "发现的问题"),
    discoveredOn: help("YYYY-MM-DD", "日期，YYYY-MM-DD"),
    deadline: help("rectification deadline, YYYY-MM-DD", "整改期限，YYYY-MM-DD"),
    location: help("where", "部位"),
    reopens: help("the closed hazard this one reopens", "本隐患重新打开的已销号隐患"),
    registeredOn: help(
      "business date of the registration (default: discoveredOn)",
      "登记的业务日期（默认：发现日期）",
    ),
  },
  accidents: {
    accidentId: help("accident code (A-2020-001)", "事故编号（A-2020-001）"),
    occurredAt: help(
      "date-time with offset, 2020-03-05T09:30:00+08:00",
      "带时区偏移的日期时间，2020-03-05T09:30:00+08:00",
    ),
    deaths: help("deaths", "死亡人数"),
    seriousInjuries: help("serious injuries", "重伤人数"),
    directLossFen: help(
      "direct economic loss in fen (¥1 = 100 fen); or give one of the next two",
      "直接经济损失，单位分（1 元 = 100 分）；也可改填下面两列之一",
    ),
    directLossYuan: help(
      "direct economic loss in yuan, two decimals (1234.56)",
      "直接经济损失，单位元，两位小数（1234.56）",
    ),
    directLossWanYuan: help("direct economic loss in 10,000 yuan (12.5)", "直接经济损失，单位万元（12.5）"),
    description: help("what happened", "事故经过简况"),
    entityId: help("the entity, if on the real-name list", "所属企业（在实名清单中时）"),
    sector: help("sector key (required without an entity)", "行业（未填企业时必填）"),
    district: help("district or county key (required without an entity)", "区县（未填企业时必填）"),
    kind: help("road-traffic, fire or other", "道路交通 road-traffic、火灾 fire 或其他 other"),
    reportedAt: help(
      "when the report reached the government (default: occurredAt)",
      "报告送达政府的时间（默认：发生时间）",
    ),
    lateReason: help("why the report came after 60 minutes", "超过 60 分钟才报告的原因"),
    casualties: help(
      "the persons, name/outcome[/ID number] separated by ';' (李四/死亡/11010519491231002X; 王五/重伤): names and ID numbers are personal (encrypted with --encrypt); at most as many dead and seriously injured as the figures",
      "伤亡人员，每人写作 姓名/结果[/身份证号]，以“;”分隔（李四/死亡/11010519491231002X; 王五/重伤）：姓名与身份证号属个人信息（--encrypt 时加密）；死亡、重伤人员不多于相应人数",
    ),
  },
};
