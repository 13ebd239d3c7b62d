/** The codes of responsibility lists (责任清单), in English and Chinese. */
import { type ErrorTexts, text } from "../../kernel/error-texts";

export const RESPLIST_ERROR_TEXTS = {
  DUPLICATE_ITEM: text<{ duplicate: string }>(
    (p) => `Item ${p.duplicate} appears twice in the list.`,
    (p) => `事项 ${p.duplicate} 在清单中出现两次。`,
  ),
  LIST_ALREADY_PUBLISHED: text<{ listId: string }>(
    (p) => `Responsibility list ${p.listId} is already published; revise it instead.`,
    (p) => `责任清单 ${p.listId} 已发布；请改为修订。`,
  ),
  LIST_NOT_PUBLISHED: text<{ listId: string }>(
    (p) => `Responsibility list ${p.listId} has not been published.`,
    (p) => `责任清单 ${p.listId} 尚未发布。`,
  ),
  REVISION_NOT_LATER: text<{ version: number; effectiveFrom: string }>(
    (p) => `A revision must take effect after version ${p.version} (effective ${p.effectiveFrom}).`,
    (p) => `修订的生效日期必须晚于第 ${p.version} 版（${p.effectiveFrom} 生效）。`,
  ),
  REVISION_RETROACTIVE: text<{ effectiveFrom: string; on: string }>(
    (p) =>
      `A revision cannot take effect in the past (${p.effectiveFrom} is before today, ${p.on}): it would change duties already due.`,
    (p) => `修订不能追溯生效（${p.effectiveFrom} 早于今天 ${p.on}）：那会改变已到期的职责。`,
  ),
  PERFORMED_IN_FUTURE: text<{ performedOn: string; on: string }>(
    (p) => `A duty cannot be recorded as performed on ${p.performedOn}, after today (${p.on}).`,
    (p) => `不能将职责记录为在今天（${p.on}）之后的 ${p.performedOn} 履行。`,
  ),
  ITEM_NOT_IN_FORCE: text<{ itemId: string; listId: string; performedOn: string }>(
    (p) => `Item ${p.itemId} is not on responsibility list ${p.listId} as in force on ${p.performedOn}.`,
    (p) => `事项 ${p.itemId} 不在 ${p.performedOn} 有效的责任清单 ${p.listId} 中。`,
  ),
} satisfies ErrorTexts;
