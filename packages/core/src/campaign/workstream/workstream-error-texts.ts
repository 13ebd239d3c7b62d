/** The codes of a workstream and its element list (the Key Task List), in English and Chinese; task elements share some. */
import { type ErrorTexts, text } from "../../kernel/error-texts";

export const WORKSTREAM_ERROR_TEXTS = {
  WORKSTREAM_NOT_DEFINED: text<{ code: string }>(
    (p) => `Workstream ${p.code} has not been defined.`,
    (p) => `专项 ${p.code} 尚未定义。`,
  ),
  WORKSTREAM_CLOSED: text<{ code: string; closedOn?: string; blocks?: "assign" }>(
    (p) =>
      p.blocks === "assign"
        ? `Workstream ${p.code} is closed; nothing more can be assigned in it.`
        : `Workstream ${p.code} was closed on ${p.closedOn}; it can no longer change.`,
    (p) =>
      p.blocks === "assign"
        ? `专项 ${p.code} 已关闭，不能再在其中交办任务。`
        : `专项 ${p.code} 已于 ${p.closedOn} 关闭，不能再变更。`,
  ),
  ELEMENT_NOT_LISTED: text<{ element: string; code: string; hint?: "list" }>(
    (p) =>
      `Element ${p.element} is not on workstream ${p.code}'s list${p.hint === "list" ? "; list it first (ListWorkstreamElements)" : ""}.`,
    (p) =>
      `任务要素 ${p.element} 不在专项 ${p.code} 的重点任务清单中${p.hint === "list" ? "；请先列入清单（ListWorkstreamElements）" : ""}。`,
  ),
  WORKSTREAM_ALREADY_DEFINED: text<{ code: string }>(
    (p) => `Workstream ${p.code} is already defined.`,
    (p) => `专项 ${p.code} 已定义。`,
  ),
  DUPLICATE_ELEMENT: text<{ duplicate: string }>(
    (p) => `Element ${p.duplicate} is named twice.`,
    (p) => `任务要素 ${p.duplicate} 出现两次。`,
  ),
  ELEMENT_ALREADY_LISTED: text<{ code: string; listed: string }>(
    (p) => `Already on workstream ${p.code}'s list: ${p.listed}.`,
    (p) => `已在专项 ${p.code} 的清单中：${p.listed}。`,
  ),
  ELEMENT_ALREADY_ASSIGNED: text<{ element: string }>(
    (p) => `Element ${p.element} has been assigned; cancel it (CancelTaskElement) instead of delisting it.`,
    (p) => `任务要素 ${p.element} 已交办；请撤销（CancelTaskElement），而不是从清单中移除。`,
  ),
  ELEMENT_LIST_MISMATCH: text<{ code: string; missing: string; extra: string }>(
    (p) =>
      `To close workstream ${p.code}, name exactly its listed elements.${p.missing === "" ? "" : ` Missing: ${p.missing}.`}${p.extra === "" ? "" : ` Not listed: ${p.extra}.`}`,
    (p) =>
      `关闭专项 ${p.code} 须恰好列出其清单中的任务要素。${p.missing === "" ? "" : `缺少：${p.missing}。`}${p.extra === "" ? "" : `不在清单中：${p.extra}。`}`,
  ),
  ELEMENTS_OPEN: text<{ code: string; open: string }>(
    (p) =>
      `Workstream ${p.code} closes only when every element is Verified or Cancelled; still open: ${p.open}.`,
    (p) => `专项 ${p.code} 须在每个任务要素均已核验或撤销后才能关闭；尚未完成：${p.open}。`,
  ),
} satisfies ErrorTexts;
