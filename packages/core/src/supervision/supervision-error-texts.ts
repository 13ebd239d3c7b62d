/** The codes of the real-name list, risks and hidden hazards, in English and Chinese. */
import { type ErrorTexts, text } from "../kernel/error-texts";
import { ENTITY_STATUSES, HAZARD_STATUSES, type StatusDefinition } from "../reference/statuses";

/** Status keys joined by commas, in a language: "Registered or Active" / "已登记或正常生产经营". */
const statusesIn = (table: ReadonlyArray<StatusDefinition>, keys: string, lang: "en" | "zh") =>
  keys
    .split(",")
    .map((k) => (lang === "en" ? k : (table.find((s) => s.key === k)?.zh ?? k)))
    .join(lang === "en" ? " or " : "或");

/** What an entity's status check is for: the English verb, the Chinese. */
export const ENTITY_ACTIONS = {
  activate: ["activated", "启用"],
  suspend: ["suspended", "停产停业"],
  resume: ["resumed", "恢复生产经营"],
  close: ["closed", "关闭"],
  change: ["changed", "变更"],
  reclassify: ["reclassified", "重新归类"],
  correct: ["corrected", "更正"],
  transfer: ["transferred", "移交监管"],
} as const;
export type EntityAction = keyof typeof ENTITY_ACTIONS;

/** What a hazard's status check is for ("…only when Registered"), in English and Chinese. */
export const HAZARD_STEPS = {
  regrade: ["it can be regraded", "才能重新定级"],
  report: ["it can be reported", "才能上报"],
  plan: ["a treatment plan can be submitted", "才能提交治理方案"],
  implementations: ["implementations are confirmed", "才能确认“五落实”"],
  remediate: ["remediation can start", "才能开始整改"],
  rectifyMajor: ["a major hazard's rectification is recorded", "才能登记重大隐患的整改"],
  rectify: ["a rectification is recorded", "才能登记整改"],
  evaluate: ["the treatment can be evaluated", "才能评估治理效果"],
  applyAcceptance: [
    "acceptance can be applied for (after an effective evaluation)",
    "才能申请验收（须评估有效之后）",
  ],
  decideMajorAcceptance: [
    "a major hazard's acceptance is decided (after a written application)",
    "才能决定重大隐患的验收（须书面申请之后）",
  ],
  decideAcceptance: ["acceptance is decided (after rectification)", "才能决定验收（须整改之后）"],
} as const;
export type HazardStep = keyof typeof HAZARD_STEPS;

/** What only a major hazard has, in English and Chinese. */
export const MAJOR_ONLY = {
  report: ["reporting to the department", "向监管部门上报"],
  plan: ["a treatment plan", "治理方案"],
  implementations: ["the five implementations", "“五落实”"],
  remediate: ["starting remediation", "开始整改"],
  evaluate: ["an evaluation", "治理效果评估"],
  applyAcceptance: ["a written acceptance application", "书面验收申请"],
  listing: ["listed supervision", "挂牌督办"],
} as const;
export type MajorOnly = keyof typeof MAJOR_ONLY;

const phrase = (table: Readonly<Record<string, readonly [string, string]>>, key: string, lang: 0 | 1) =>
  table[key]?.[lang] ?? key;

/** What a correction found already recorded (NO_CHANGE), by what it corrects. */
type NoChange =
  | { of: "accidentReport"; accidentId: string }
  | { of: "accidentFigures"; accidentId: string }
  | { of: "hazardRecord"; hazardId: string }
  | { of: "hazardGrade"; hazardId: string; grade: string }
  | { of: "hazardDeadline"; hazardId: string; deadline: string }
  | { of: "safetyManager"; entityId: string; name: string }
  | { of: "principal"; entityId: string; name: string }
  | { of: "classification"; entityId: string; sector: string; district: string }
  | { of: "entityDetails"; entityId: string }
  | { of: "supervisingDepartment"; entityId: string; department: string };

export const SUPERVISION_ERROR_TEXTS = {
  UNKNOWN_SECTOR: text<{ sector: string; sectors?: string }>(
    (p) =>
      `Sector "${p.sector}" is not on the sector list${p.sectors === undefined ? "" : ` (${p.sectors})`}.`,
    (p) => `行业“${p.sector}”不在行业目录中${p.sectors === undefined ? "" : `（${p.sectors}）`}。`,
  ),
  UNKNOWN_DISTRICT: text<{ district: string; districts?: string }>(
    (p) =>
      `District or county "${p.district}" is not on the list${p.districts === undefined ? "" : ` (${p.districts})`}.`,
    (p) => `区县“${p.district}”不在区县名单中${p.districts === undefined ? "" : `（${p.districts}）`}。`,
  ),
  ENTITY_NOT_REGISTERED: text<{ entityId: string }>(
    (p) => `Entity ${p.entityId} is not on the real-name list; register it first.`,
    (p) => `企业 ${p.entityId} 不在实名单上；请先登记。`,
  ),
  ENTITY_ALREADY_REGISTERED: text<{ entityId: string; registeredOn: string }>(
    (p) => `Entity ${p.entityId} was registered on ${p.registeredOn}.`,
    (p) => `企业 ${p.entityId} 已于 ${p.registeredOn} 登记。`,
  ),
  ENTITY_CLOSED: text<
    | { entityId: string; of: "risk" | "hazard" }
    | { entityId: string; of: "change"; action: EntityAction; allowed: string }
  >(
    (p) =>
      p.of === "change"
        ? `Entity ${p.entityId} is Closed; it can be ${phrase(ENTITY_ACTIONS, p.action, 0)} only when ${statusesIn(ENTITY_STATUSES, p.allowed, "en")}.`
        : `Entity ${p.entityId} is closed; ${p.of === "risk" ? "no new risks can be identified" : "no new hazards can be registered"}.`,
    (p) =>
      p.of === "change"
        ? `企业 ${p.entityId} 已关闭；只有处于${statusesIn(ENTITY_STATUSES, p.allowed, "zh")}状态时才能${phrase(ENTITY_ACTIONS, p.action, 1)}。`
        : `企业 ${p.entityId} 已关闭，${p.of === "risk" ? "不能再辨识新的风险" : "不能再登记新的隐患"}。`,
  ),
  ENTITY_WRONG_STATE: text<{ entityId: string; status: string; action: EntityAction; allowed: string }>(
    (p) =>
      `Entity ${p.entityId} is ${p.status}; it can be ${phrase(ENTITY_ACTIONS, p.action, 0)} only when ${statusesIn(ENTITY_STATUSES, p.allowed, "en")}.`,
    (p) =>
      `企业 ${p.entityId} 当前为“${statusesIn(ENTITY_STATUSES, p.status, "zh")}”；只有处于${statusesIn(ENTITY_STATUSES, p.allowed, "zh")}状态时才能${phrase(ENTITY_ACTIONS, p.action, 1)}。`,
  ),
  HAZARD_WRONG_STATE: text<{ hazardId: string; status: string; step: HazardStep; allowed: string }>(
    (p) =>
      `Hazard ${p.hazardId} is ${p.status}; ${phrase(HAZARD_STEPS, p.step, 0)} only when ${statusesIn(HAZARD_STATUSES, p.allowed, "en")}.`,
    (p) =>
      `隐患 ${p.hazardId} 当前为“${statusesIn(HAZARD_STATUSES, p.status, "zh")}”；只有处于${statusesIn(HAZARD_STATUSES, p.allowed, "zh")}状态时${phrase(HAZARD_STEPS, p.step, 1)}。`,
  ),
  NOT_A_MAJOR_HAZARD: text<{ hazardId: string; grade: string; what: MajorOnly }>(
    (p) =>
      `Hazard ${p.hazardId} is graded ${p.grade} (general procedure); ${phrase(MAJOR_ONLY, p.what, 0)} is for major hazards only.`,
    (p) =>
      `隐患 ${p.hazardId} 定为 ${p.grade}（按一般隐患程序办理）；${phrase(MAJOR_ONLY, p.what, 1)}仅适用于重大隐患。`,
  ),
  NO_CHANGE: text<NoChange>(
    (p) => {
      switch (p.of) {
        case "accidentReport":
          return `The report of accident ${p.accidentId} already says this.`;
        case "accidentFigures":
          return `These are already the figures of accident ${p.accidentId}.`;
        case "hazardRecord":
          return `The record of hazard ${p.hazardId} already says this.`;
        case "hazardGrade":
          return `Hazard ${p.hazardId} is already graded ${p.grade}.`;
        case "hazardDeadline":
          return `The deadline of ${p.hazardId} is already ${p.deadline}.`;
        case "safetyManager":
          return `${p.name} is already the safety manager of ${p.entityId}.`;
        case "principal":
          return `${p.name} is already the principal person of ${p.entityId}.`;
        case "classification":
          return `Entity ${p.entityId} is already in ${p.sector}, ${p.district}.`;
        case "entityDetails":
          return `The details of ${p.entityId} already say this.`;
        default:
          return `${p.entityId} is already supervised by ${p.department}.`;
      }
    },
    (p) => {
      switch (p.of) {
        case "accidentReport":
          return `事故 ${p.accidentId} 的报告已是这样记载的，无需更正。`;
        case "accidentFigures":
          return `事故 ${p.accidentId} 的伤亡和损失数字已是这些，无需修订。`;
        case "hazardRecord":
          return `隐患 ${p.hazardId} 的记录已是这样记载的，无需更正。`;
        case "hazardGrade":
          return `隐患 ${p.hazardId} 已定为 ${p.grade}。`;
        case "hazardDeadline":
          return `隐患 ${p.hazardId} 的整改期限已是 ${p.deadline}。`;
        case "safetyManager":
          return `${p.name} 已是 ${p.entityId} 的安全管理人员。`;
        case "principal":
          return `${p.name} 已是 ${p.entityId} 的主要负责人。`;
        case "classification":
          return `企业 ${p.entityId} 已属 ${p.sector}、${p.district}。`;
        case "entityDetails":
          return `企业 ${p.entityId} 的基本信息已是这样记载的，无需更正。`;
        default:
          return `${p.entityId} 已由 ${p.department} 监管。`;
      }
    },
  ),
  RISK_NOT_IDENTIFIED: text<{ riskId: string }>(
    (p) => `Risk ${p.riskId} has not been identified.`,
    (p) => `风险 ${p.riskId} 尚未辨识。`,
  ),
  WRONG_ENTITY: text<{ riskId?: string; hazardId?: string; entityId: string; given: string }>(
    (p) =>
      `${p.riskId === undefined ? `Hazard ${p.hazardId}` : `Risk ${p.riskId}`} belongs to entity ${p.entityId}, not ${p.given}.`,
    (p) =>
      `${p.riskId === undefined ? `隐患 ${p.hazardId}` : `风险 ${p.riskId}`} 属于企业 ${p.entityId}，不属于 ${p.given}。`,
  ),
  RISK_RETIRED: text<{ riskId: string }>(
    (p) => `Risk ${p.riskId} has been retired; identify a new risk instead.`,
    (p) => `风险 ${p.riskId} 已注销；请改为辨识新的风险。`,
  ),
  MATRIX_OUT_OF_RANGE: text<{ size: number }>(
    (p) => `Likelihood and severity must each be 1 to ${p.size} on this ${p.size} × ${p.size} matrix.`,
    (p) => `在此 ${p.size} × ${p.size} 矩阵中，可能性与严重性均须为 1 至 ${p.size}。`,
  ),
  RISK_ALREADY_IDENTIFIED: text<{ riskId: string; identifiedOn: string }>(
    (p) => `Risk ${p.riskId} was identified on ${p.identifiedOn}.`,
    (p) => `风险 ${p.riskId} 已于 ${p.identifiedOn} 辨识。`,
  ),
  METHOD_REQUIRED: text<Record<never, never>>(
    () => "Give the LEC factors (lec), the risk matrix (matrix), or both.",
    () => "请给出 LEC 因子（lec）、风险矩阵（matrix）或两者。",
  ),
  INITIAL_ASSESSMENT_REQUIRED: text<{ riskId: string }>(
    (p) => `Risk ${p.riskId} needs an initial assessment before a residual one.`,
    (p) => `风险 ${p.riskId} 须先有初始评估，才能进行剩余风险评估。`,
  ),
  REASON_REQUIRED: text<{ riskId: string }>(
    (p) => `Risk ${p.riskId} was already assessed; say why it is reassessed (reason).`,
    (p) => `风险 ${p.riskId} 已评估过；请说明重新评估的原因（reason）。`,
  ),
  CONTROLS_REQUIRED: text<{ riskId: string; level: string; colour: string }>(
    (p) =>
      `Risk ${p.riskId} grades ${p.level} (${p.colour}): give its control measures and a named responsible person (controls).`,
    (p) => `风险 ${p.riskId} 评定为 ${p.level}（${p.colour}）：请给出管控措施和具名责任人（controls）。`,
  ),
  HAZARD_NOT_REGISTERED: text<{ hazardId: string; entityId?: string }>(
    (p) =>
      `Hazard ${p.hazardId}${p.entityId === undefined ? "" : ` of ${p.entityId}`} has not been registered.`,
    (p) => `${p.entityId === undefined ? "" : `企业 ${p.entityId} 的`}隐患 ${p.hazardId} 尚未登记。`,
  ),
  HAZARD_CLOSED: text<{ hazardId: string; closedOn: string }>(
    (p) =>
      `Hazard ${p.hazardId} was closed on ${p.closedOn}; closed is final. Register a new hazard that reopens it.`,
    (p) => `隐患 ${p.hazardId} 已于 ${p.closedOn} 销号，销号不可撤回。请登记一个重新打开它的新隐患。`,
  ),
  UNKNOWN_HAZARD_GRADE: text<{ key: string; grades: string }>(
    (p) => `Hazard grade "${p.key}" is not defined; the grades are ${p.grades}.`,
    (p) => `未定义隐患等级“${p.key}”；可用的等级为 ${p.grades}。`,
  ),
  HAZARD_ALREADY_REGISTERED: text<{ hazardId: string; registeredOn: string }>(
    (p) => `Hazard ${p.hazardId} was registered on ${p.registeredOn}.`,
    (p) => `隐患 ${p.hazardId} 已于 ${p.registeredOn} 登记。`,
  ),
  NOT_ON_BEHALF: text<{ entityId: string }>(
    (p) =>
      `A government body enters on behalf of an enterprise only that enterprise's own self-inspection find (onBehalfOf ${p.entityId}, source self-inspection).`,
    (p) => `政府部门只能代企业录入该企业自查发现的隐患（onBehalfOf ${p.entityId}，来源为自查）。`,
  ),
  DISCOVERED_IN_FUTURE: text<{ discoveredOn: string; on: string }>(
    (p) => `The discovery date ${p.discoveredOn} is after the registration date ${p.on}.`,
    (p) => `发现日期 ${p.discoveredOn} 晚于登记日期 ${p.on}。`,
  ),
  DEADLINE_BEFORE_DISCOVERY: text<{ deadline: string; discoveredOn: string }>(
    (p) => `The deadline ${p.deadline} is before the discovery date ${p.discoveredOn}.`,
    (p) => `整改期限 ${p.deadline} 早于发现日期 ${p.discoveredOn}。`,
  ),
  REOPENED_HAZARD_UNKNOWN: text<{ reopens: string }>(
    (p) => `Hazard ${p.reopens} has not been registered, so it cannot be reopened.`,
    (p) => `隐患 ${p.reopens} 尚未登记，不能重新打开。`,
  ),
  REOPENED_HAZARD_OPEN: text<{ reopens: string; status: string }>(
    (p) => `Hazard ${p.reopens} is still open (${p.status}); carry on with it instead.`,
    (p) => `隐患 ${p.reopens} 仍未销号（${p.status}）；请继续办理该隐患。`,
  ),
  HAZARD_LISTED: text<{ hazardId: string }>(
    (p) => `Hazard ${p.hazardId} is under listed supervision; it stays a major hazard.`,
    (p) => `隐患 ${p.hazardId} 正在挂牌督办，仍为重大隐患。`,
  ),
  NOT_REPORTED: text<{ hazardId: string; supervisingDepartment: string }>(
    (p) => `Report major hazard ${p.hazardId} to ${p.supervisingDepartment} before submitting its plan.`,
    (p) => `请先向 ${p.supervisingDepartment} 报告重大隐患 ${p.hazardId}，再提交治理方案。`,
  ),
  IMPLEMENTATION_ALREADY_CONFIRMED: text<{ element: string; hazardId: string }>(
    (p) => `The ${p.element} implementation of ${p.hazardId} is already confirmed.`,
    (p) => `隐患 ${p.hazardId} 的“${p.element}”落实已确认。`,
  ),
  PRODUCTION_ALREADY_SUSPENDED: text<{ hazardId: string }>(
    (p) => `Production is already suspended for hazard ${p.hazardId}.`,
    (p) => `已因隐患 ${p.hazardId} 停产停业。`,
  ),
  IMPLEMENTATIONS_MISSING: text<{ hazardId: string; missing: string }>(
    (p) =>
      `Remediation of ${p.hazardId} cannot start before all five implementations are in place; missing: ${p.missing}.`,
    (p) => `“五落实”全部到位前，隐患 ${p.hazardId} 不能开始治理；尚缺：${p.missing}。`,
  ),
  HAZARD_ALREADY_LISTED: text<{ hazardId: string; listedBy: string }>(
    (p) => `Hazard ${p.hazardId} is already under listed supervision by ${p.listedBy}.`,
    (p) => `隐患 ${p.hazardId} 已由 ${p.listedBy} 挂牌督办。`,
  ),
  DEADLINE_IN_PAST: text<{ deadline: string; on: string }>(
    (p) => `The deadline ${p.deadline} is before today (${p.on}).`,
    (p) => `期限 ${p.deadline} 早于今天（${p.on}）。`,
  ),
  EXTENSION_PENDING: text<{ requested: string; deadlineSetBy: string }>(
    (p) => `An extension to ${p.requested} is already awaiting ${p.deadlineSetBy}'s decision.`,
    (p) => `延期至 ${p.requested} 的申请已在等待 ${p.deadlineSetBy} 决定。`,
  ),
  /** A hazard's extension asked too late, or (with `on`) a task element assigned with a past deadline. */
  DEADLINE_PASSED: text<{ deadline: string; on?: string }>(
    (p) =>
      p.on === undefined
        ? `The deadline ${p.deadline} has passed; an extension must be requested before it.`
        : `The deadline ${p.deadline} has already passed (today is ${p.on}).`,
    (p) =>
      p.on === undefined
        ? `期限 ${p.deadline} 已过；延期须在期限届满前申请。`
        : `完成时限 ${p.deadline} 已过（今天是 ${p.on}）。`,
  ),
  EXTENSION_NOT_LATER: text<{ deadline: string; requested?: string; newDeadline?: string }>(
    (p) =>
      p.requested === undefined
        ? `The new deadline ${p.newDeadline} must be later than ${p.deadline}.`
        : `The requested deadline ${p.requested} must be later than ${p.deadline}.`,
    (p) =>
      p.requested === undefined
        ? `新的期限 ${p.newDeadline} 必须晚于 ${p.deadline}。`
        : `申请的期限 ${p.requested} 必须晚于 ${p.deadline}。`,
  ),
  NO_EXTENSION_REQUESTED: text<{ hazardId: string }>(
    (p) => `No extension of ${p.hazardId}'s deadline is awaiting a decision.`,
    (p) => `隐患 ${p.hazardId} 没有待决定的延期申请。`,
  ),
} satisfies ErrorTexts;
