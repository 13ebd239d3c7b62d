/** The kernel's error codes in English and Chinese: the ledger's settings, concurrency. */
import { type ErrorTexts, text } from "./error-texts";
import { type PermissionParams, permissionText } from "./permission-texts";

export const KERNEL_ERROR_TEXTS = {
  // the actor, the command and the coded reason: kernel/permission-texts.ts
  PERMISSION_DENIED: text<PermissionParams>(
    (p) => permissionText("en", p),
    (p) => permissionText("zh-CN", p),
  ),
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
  PERSONAL_DATA_SETTING_FIXED: text<{ current: string }>(
    (p) =>
      `This ledger already holds events, with personal-data encryption ${p.current}: whether and how personal fields are encrypted is chosen before a ledger's first event.`,
    (p) =>
      `本账本已有事件，个人信息加密为 ${p.current}：是否及如何加密个人信息字段须在写入第一个事件之前确定。`,
  ),
  PERSONAL_DATA_KEYS_REQUIRED: text<{ algorithm: string }>(
    (p) =>
      `This ledger encrypts personal fields (${p.algorithm}) before they are hashed; it cannot be written without its keys. Give the master key (--master-key FILE or SAFETY_LEDGER_MASTER_KEY).`,
    (p) =>
      `本账本在计算哈希前加密个人信息字段（${p.algorithm}），没有密钥不能写入。请提供主密钥（--master-key 文件或 SAFETY_LEDGER_MASTER_KEY）。`,
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
  INVALID_INPUT: text<{ issues: string }>(
    (p) => `Invalid input: ${p.issues}`,
    (p) => `输入有误：${p.issues}`,
  ),
  UNDECODABLE_EVENT: text<{ stream: string; revision: number; eventType: string; issues: string }>(
    (p) => `Stored event ${p.stream}@${p.revision} (${p.eventType}) cannot be read: ${p.issues}`,
    (p) => `无法读取已存储的事件 ${p.stream}@${p.revision}（${p.eventType}）：${p.issues}`,
  ),
  STREAM_DELETED: text<{ stream: string }>(
    (p) => `Stream ${p.stream} has been deleted; nothing more can be written to it.`,
    (p) => `流 ${p.stream} 已被删除，不能再写入。`,
  ),
} satisfies ErrorTexts;
