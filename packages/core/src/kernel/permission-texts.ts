/**
 * Why an actor may not issue a command, keyed by a stable reason code, in English and Chinese.
 * A `PermissionDenied` carries its reason's code and parameters with the actor's (`params`), so
 * the edge renders the whole refusal in the reader's language (`PERMISSION_DENIED` in
 * kernel-error-texts.ts); its `message` stays the English sentence programs already read.
 */
import { type ErrorLang, text } from "./error-texts";

type None = Record<never, never>;

/** The roles by their Chinese names (the role keys of reference/roles.ts). */
const ROLE_ZH: Readonly<Record<string, string>> = {
  "lead-group": "领导小组",
  office: "市安办",
  department: "部门",
  enterprise: "企业",
  agency: "评估机构",
};

/** A hazard's source by its Chinese name (the keys of supervision/hazard/events.ts's HazardSourceCodec). */
const HAZARD_SOURCE_ZH: Readonly<Record<string, string>> = {
  "self-inspection": "企业自查",
  "government-inspection": "政府检查",
  "public-report": "群众举报",
};

/** A role in a language: its key in English, its Chinese name in Chinese. */
export const roleIn = (lang: ErrorLang, role: string): string =>
  lang === "en" ? role : (ROLE_ZH[role] ?? role);

/** The reasons a condition of a permission rule refuses an actor for (the role check's are below). */
export const PERMISSION_REASON_TEXTS = {
  ENTERPRISE_ACTS_FOR_ITSELF: text<{ entity: string }>(
    (p) => `an enterprise acts only for itself, not for ${p.entity}`,
    (p) => `企业只能为本企业办理，不能为 ${p.entity} 办理`,
  ),
  NOT_SUPERVISING: text<{ entity: string; department: string; unit: string }>(
    (p) => `${p.entity} is supervised by ${p.department}, not by ${p.unit}`,
    (p) => `${p.entity} 由 ${p.department} 监管，而非 ${p.unit}`,
  ),
  DEPARTMENT_OWN_ENTITIES: text<{ department: string }>(
    (p) => `a department registers only entities it supervises itself, not for ${p.department}`,
    (p) => `部门只能登记由本部门监管的企业，不能为 ${p.department} 登记`,
  ),
  LISTED_SETS_DEADLINE: text<{ hazard: string; listedBy: string }>(
    (p) => `hazard ${p.hazard} is listed by ${p.listedBy}; only it sets the deadline`,
    (p) => `隐患 ${p.hazard} 由 ${p.listedBy} 挂牌督办；只有该单位可以设定整改期限`,
  ),
  DEADLINE_SETTER_DECIDES: text<{ hazard: string; setBy: string }>(
    (p) => `the deadline of ${p.hazard} was set by ${p.setBy}; only it decides extensions`,
    (p) => `隐患 ${p.hazard} 的整改期限由 ${p.setBy} 设定；只有该单位可以决定延期`,
  ),
  ENTERPRISE_OWN_ACCIDENTS: text<None>(
    () => "an enterprise reports only accidents of its own",
    () => "企业只能报告本企业的事故",
  ),
  REPORT_ENTERED_BY: text<{ enteredBy: string }>(
    (p) => `the report was entered by ${p.enteredBy}; only it or a unit above it may change it`,
    (p) => `该报告由 ${p.enteredBy} 录入；只有该单位或其上级单位可以更改`,
  ),
  ELEMENT_LEAD_UNIT_ONLY: text<{ leadUnit: string }>(
    (p) => `only the element's lead unit (${p.leadUnit}) may`,
    (p) => `只有该任务要素的牵头单位（${p.leadUnit}）可以办理`,
  ),
  WORKSTREAM_LEAD_OR_OFFICE: text<{ workstream: string; leadUnit: string }>(
    (p) => `only the lead unit of workstream ${p.workstream} (${p.leadUnit}) or the office may`,
    (p) => `只有专项 ${p.workstream} 的牵头单位（${p.leadUnit}）或市安办可以办理`,
  ),
  LEAD_UNIT_VERIFIES_OWN: text<{ leadUnit: string }>(
    (p) => `${p.leadUnit} is the element's lead unit and cannot verify its own work`,
    (p) => `${p.leadUnit} 是该任务要素的牵头单位，不能核验自己的工作`,
  ),
  ASSIGNER_DECIDES_EXTENSIONS: text<{ assigner: string; code: string }>(
    (p) => `only ${p.assigner}, which assigned ${p.code}, decides its extensions`,
    (p) => `只有交办 ${p.code} 的 ${p.assigner} 可以决定其延期`,
  ),
  DUTY_OF_ANOTHER: text<{ item: string; dutyUnit: string }>(
    (p) => `item ${p.item} is the duty of ${p.dutyUnit}`,
    (p) => `事项 ${p.item} 是 ${p.dutyUnit} 的职责`,
  ),
  RECTIFIER_CANNOT_ACCEPT: text<{ rectifier: string }>(
    (p) => `${p.rectifier} recorded the rectification; acceptance is never by the rectifier`,
    (p) => `${p.rectifier} 录入了整改；整改人不得验收`,
  ),
  LISTED_SUPERVISION: text<{ hazard: string; listedBy: string }>(
    (p) => `hazard ${p.hazard} is under listed supervision by ${p.listedBy}; only it may accept and close it`,
    (p) => `隐患 ${p.hazard} 由 ${p.listedBy} 挂牌督办；只有该单位可以验收销号`,
  ),
  MAJOR_ACCEPTED_BY_REGULATOR: text<None>(
    () => "a major hazard is accepted by the regulator, not by the enterprise",
    () => "重大隐患由监管部门验收，而非企业",
  ),
  GOVERNMENT_ACCEPTS: text<{ source: string }>(
    (p) => `a hazard found by ${p.source} is accepted by a government body`,
    (p) => `来源为${HAZARD_SOURCE_ZH[p.source] ?? p.source}的隐患须由政府部门验收`,
  ),
  OWN_SELF_INSPECTION_ONLY: text<None>(
    () => "an enterprise registers only what its own self-inspection found",
    () => "企业只能登记本企业自查发现的隐患",
  ),
  OWN_FINDS_ITSELF: text<None>(
    () => "an enterprise registers its own finds itself",
    () => "企业自行登记本企业发现的隐患",
  ),
  SELF_INSPECTION_BY_ENTERPRISE: text<None>(
    () => "a self-inspection find is registered by the enterprise itself, or on its behalf (onBehalfOf)",
    () => "企业自查发现的隐患由企业自行登记，或由他人代为录入（onBehalfOf）",
  ),
  HAZARD_ENTERED_BY: text<{ enteredBy: string }>(
    (p) => `the hazard was entered by ${p.enteredBy}`,
    (p) => `该隐患由 ${p.enteredBy} 录入`,
  ),
  OWN_EXPERTS_ONLY: text<None>(
    () => "an enterprise records only its own experts' evaluation",
    () => "企业只能录入本企业专家的评估",
  ),
  AGENCY_EVALUATION: text<None>(
    () => "a qualified agency records an agency evaluation",
    () => "机构评估由有资质的机构录入",
  ),
};

export type PermissionReasonCode = keyof typeof PERMISSION_REASON_TEXTS;
type ParamsOf<C extends PermissionReasonCode> = Parameters<(typeof PERMISSION_REASON_TEXTS)[C]["en"]>[0];

/** A condition's reason, coded: `because("HAZARD_ENTERED_BY", { enteredBy })`. */
export interface PermissionReason {
  readonly code: PermissionReasonCode;
  readonly params: Readonly<Record<string, string>>;
}
export const because = <C extends PermissionReasonCode>(code: C, params: ParamsOf<C>): PermissionReason => ({
  code,
  params: params as Readonly<Record<string, string>>,
});

/**
 * What a `PermissionDenied` carries: the command, the actor, and `reason` — `NO_RULE`,
 * `ROLE_NOT_ALLOWED` (with `roles`, comma-separated) or a code above with its parameters.
 */
export type PermissionParams = Readonly<Record<string, string | number | undefined>> & {
  readonly command: string;
  readonly reason: string;
};

const part = (p: PermissionParams, key: string): string => String(p[key] ?? "");

/** The refusal's sentence in a language. */
export const permissionText = (lang: ErrorLang, p: PermissionParams): string => {
  const person = part(p, "person");
  const unit = part(p, "unit");
  const role = part(p, "role");
  if (p.reason === "NO_RULE")
    return lang === "en"
      ? `No one may issue ${p.command}: it has no permission rule.`
      : `任何人都不得发出 ${p.command}：该命令没有权限规则。`;
  if (p.reason === "ROLE_NOT_ALLOWED") {
    const roles = part(p, "roles").split(",");
    return lang === "en"
      ? `${person} (${unit}) acts as ${role}; ${p.command} may only be issued by ${roles.join(" or ")}.`
      : `${person}（${unit}）以${roleIn(lang, role)}身份办理；${p.command} 只能由${roles.map((r) => roleIn(lang, r)).join("或")}发出。`;
  }
  const entry = PERMISSION_REASON_TEXTS[p.reason as PermissionReasonCode];
  const why = entry === undefined ? p.reason : (entry[lang] as (q: PermissionParams) => string)(p);
  return lang === "en"
    ? `${person} (${unit}, ${role}) may not issue ${p.command}: ${why}.`
    : `${person}（${unit}，${roleIn(lang, role)}）不得发出 ${p.command}：${why}。`;
};
