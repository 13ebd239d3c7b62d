/** The audit codes (seals, signing keys) in English and Chinese. */
import { type ErrorTexts, text } from "../kernel/error-texts";

export const AUDIT_ERROR_TEXTS = {
  KEY_UNKNOWN: text<{ keyId: string }>(
    (p) => `No signing key ${p.keyId} is registered.`,
    (p) => `未登记签名密钥 ${p.keyId}。`,
  ),
  KEY_RETIRED: text<{ keyId: string; retiredAt: string }>(
    (p) => `Key ${p.keyId} was retired at ${p.retiredAt}.`,
    (p) => `密钥 ${p.keyId} 已于 ${p.retiredAt} 停用。`,
  ),
  KEY_RETIREMENT_NEEDS_TIME: text<{ occurredAt: string }>(
    (p) =>
      `A key is retired at a time: occurredAt ${p.occurredAt} must be a date-time with its offset (2026-12-01T09:00:00+08:00).`,
    (p) =>
      `密钥停用须精确到时刻：occurredAt ${p.occurredAt} 须为带时区偏移的日期时间（如 2026-12-01T09:00:00+08:00）。`,
  ),
  KEY_EXISTS: text<{ keyId: string }>(
    (p) => `Key ${p.keyId} is registered already: register a new key with a new id.`,
    (p) => `密钥 ${p.keyId} 已登记：新密钥请使用新的编号登记。`,
  ),
  KEY_UNREADABLE: text<{ why: string }>(
    (p) => `The public key is not usable: ${p.why}.`,
    (p) => `公钥不可用：${p.why}。`,
  ),
  KEY_ALGORITHM: text<{ algorithm: string; declared: string }>(
    (p) => `The public key is ${p.algorithm}, not ${p.declared}.`,
    (p) => `公钥的算法是 ${p.algorithm}，不是 ${p.declared}。`,
  ),
  KEY_VALIDITY: text<Record<never, never>>(
    () => "A key's validity must end after it starts.",
    () => "密钥有效期的结束时间必须晚于开始时间。",
  ),
  SEAL_BEHIND: text<Record<never, never>>(
    () => "A seal cannot cover less of the ledger than the seal before it.",
    () => "封印覆盖的账本范围不能少于上一个封印。",
  ),
  SEAL_ROOT_MISMATCH: text<Record<never, never>>(
    () => "The seal's root is not the Merkle root of its heads.",
    () => "封印的根不是其各流末端的默克尔根。",
  ),
  SEAL_SIGNATURE: text<{ problem: string }>(
    (p) => `The seal's signature is refused: ${p.problem}.`,
    (p) => `封印的签名被拒绝：${p.problem}。`,
  ),
  NOT_SEALED: text<Record<never, never>>(
    () => "No seal was written.",
    () => "未写入封印。",
  ),
} satisfies ErrorTexts;
