/** The kernel's error codes in English and Chinese: the ledger's settings, concurrency. */
import { type ErrorTexts, text } from "./error-texts";

export const KERNEL_ERROR_TEXTS = {
  LEDGER_SETTINGS_UNREADABLE: text<Record<never, never>>(
    () => "The ledger's settings (the first event of ledger-settings) cannot be read.",
    () => "无法读取账本设置（ledger-settings 的第一个事件）。",
  ),
  HASH_ALGORITHM_MISMATCH: text<{ ledger: string; asked: string }>(
    (p) =>
      `This ledger's chain is hashed with ${p.ledger}; it cannot be written with ${p.asked}. The algorithm is chosen when a ledger is created.`,
    (p) => `本账本的哈希链使用 ${p.ledger}，不能以 ${p.asked} 写入。哈希算法在创建账本时确定。`,
  ),
  LEDGER_NOT_EMPTY: text<{ current: string }>(
    (p) =>
      `This ledger already holds events hashed with ${p.current}: a ledger's algorithm is chosen before its first event.`,
    (p) => `本账本已有以 ${p.current} 计算哈希的事件：账本的哈希算法须在写入第一个事件之前确定。`,
  ),
  PERSONAL_NUMBER_IN_FREE_TEXT: text<{ findings: string }>(
    (p) =>
      `Refused: ${p.findings}. Remove the number from the text; a person's phone goes in their own field (the principal's, the safety manager's).`,
    (p) =>
      `已拒绝：${p.findings}。请从文字中删去该号码；个人电话应填入其本人的字段（主要负责人、安全管理人员）。`,
  ),
  WRONG_EXPECTED_VERSION: text<{ stream: string; expected: string; actual: string }>(
    (p) =>
      `Stream ${p.stream} was changed by someone else (expected ${p.expected}, it is at ${p.actual}); reload and try again.`,
    (p) => `流 ${p.stream} 已被他人修改（预期 ${p.expected}，当前为 ${p.actual}）；请重新加载后再试。`,
  ),
  STREAM_DELETED: text<{ stream: string }>(
    (p) => `Stream ${p.stream} has been deleted; nothing more can be written to it.`,
    (p) => `流 ${p.stream} 已被删除，不能再写入。`,
  ),
} satisfies ErrorTexts;
