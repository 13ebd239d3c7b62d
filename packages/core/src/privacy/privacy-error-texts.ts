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
  ERASURE_UNKNOWN_SUBJECT: text<{ subject: string }>(
    (p) =>
      `The ledger has no personal data of ${p.subject} (no key, no record): see \`privacy subjects\` for the subjects it has.`,
    (p) =>
      `账本中没有 ${p.subject} 的个人信息（无密钥、无记录）：可用 \`privacy subjects\` 查看已有的数据主体。`,
  ),
  ERASURE_NO_RETENTION_RULE: text<{ subject: string; stream: string }>(
    (p) =>
      `No retention rule covers the record ${p.stream} of ${p.subject}: without a retention term, its personal data cannot be destroyed.`,
    (p) =>
      `没有适用于 ${p.subject} 所属记录 ${p.stream} 的保管期限规则：未确定保管期限的，不能销毁其个人信息。`,
  ),
  ERASURE_NEEDS_RETENTION: text<{ subject: string }>(
    (p) =>
      `The erasure of ${p.subject} carries no retention check: erase through erasePersonalData (\`privacy erase\`), which checks the record's retention and destroys the key.`,
    (p) =>
      `${p.subject} 的删除未经保管期限核对：请通过 erasePersonalData（\`privacy erase\`）删除，它核对记录的保管期限并销毁密钥。`,
  ),
  RETENTION_NOT_ENDED: text<{
    subject: string;
    recordClass: string;
    years: number;
    lastEntryOn: string;
    endsOn: string;
  }>(
    (p) =>
      `Refused: the record of ${p.subject} is a ${p.recordClass}, kept ${p.years} years after its last entry (${p.lastEntryOn}); its retention ends on ${p.endsOn}. Until then its personal data is only stored and protected (PIPL art. 47), not destroyed.`,
    (p) =>
      `已拒绝：${p.subject} 所属记录为 ${p.recordClass}，自最后一次记录（${p.lastEntryOn}）起保管 ${p.years} 年，保管期限至 ${p.endsOn} 届满。届满之前只能存储并采取安全保护措施（《个人信息保护法》第四十七条），不得销毁。`,
  ),
  MASTER_KEY_DOES_NOT_UNWRAP: text<{ subject: string; masterKeyId: string; wrappedBy: string }>(
    (p) =>
      `The data key of ${p.subject} does not unwrap with master key ${p.masterKeyId} (it was wrapped by ${p.wrappedBy}): wrong master key file, or one from before a rotation?`,
    (p) =>
      `${p.subject} 的数据密钥无法用主密钥 ${p.masterKeyId} 解开（它由 ${p.wrappedBy} 封装）：主密钥文件是否有误，或是轮换之前的旧主密钥？`,
  ),
  REVEALED_EXPORT_EXISTS: text<{ exportId: string; on: string }>(
    (p) =>
      `A revealed export ${p.exportId} was recorded on ${p.on}: each revealed export has an id of its own.`,
    (p) => `已于 ${p.on} 记录过编号为 ${p.exportId} 的明文导出：每次明文导出须使用新的编号。`,
  ),
} satisfies ErrorTexts;
