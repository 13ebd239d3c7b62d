/** The error codes of personal-data protection (docs/privacy.md) in English and Chinese. */
import { type ErrorTexts, text } from "../kernel/error-texts";

export const PRIVACY_ERROR_TEXTS = {
  PERSONAL_DATA_ERASED: text<{ subject: string; on: string }>(
    (p) =>
      `The personal data of ${p.subject} was erased by law on ${p.on}: a decision that needs it cannot be made, and nothing new can be recorded for it.`,
    (p) =>
      `${p.subject} 的个人信息已于 ${p.on} 依法删除：需要该信息的决定不能作出，也不能再为其记录新的信息。`,
  ),
  PERSONAL_DATA_NOT_AUTHENTIC: text<{ stream: string; revision: number; path: string; subject: string }>(
    (p) =>
      `${p.path} of ${p.stream} (revision ${p.revision}) does not decrypt under the key of ${p.subject}: it was altered, or moved from another event or field.`,
    (p) =>
      `${p.stream}（第 ${p.revision} 版）的 ${p.path} 无法以 ${p.subject} 的密钥解密：它已被篡改，或是从其他事件或字段移来的。`,
  ),
  PERSONAL_DATA_KEY_MISSING: text<{ stream: string; revision: number; path: string; subject: string }>(
    (p) =>
      `${p.path} of ${p.stream} (revision ${p.revision}) is encrypted under the key of ${p.subject}, which the key store does not have (neither live nor destroyed): a key store from another ledger, or one restored from an incomplete backup?`,
    (p) =>
      `${p.stream}（第 ${p.revision} 版）的 ${p.path} 以 ${p.subject} 的密钥加密，但密钥库中没有该密钥（既非有效也非已销毁）：是否使用了其他账本的密钥库，或从不完整的备份恢复？`,
  ),
} satisfies ErrorTexts;
