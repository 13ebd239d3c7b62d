/**
 * What a broken chain or a failed seal shows, keyed by a stable code, in English and Chinese: the
 * details of a `ChainProblem` or an `AuditProblem` (its `kind` says what happened; `detail` says
 * where, from these parameters). The English is the problem's `message`; the edge renders the
 * detail in the reader's language.
 */
import { type ErrorLang, text } from "./error-texts";

type None = Record<never, never>;

export const CHAIN_PROBLEM_TEXTS = {
  CHAIN_WRONG_STREAM: text<{ stream: string }>(
    (p) => `event belongs to ${p.stream}`,
    (p) => `该事件属于流 ${p.stream}`,
  ),
  CHAIN_WRONG_ALGORITHM: text<{ algorithm: string }>(
    (p) => `the event is not hashed with the ledger's ${p.algorithm}`,
    (p) => `该事件的哈希不是以账本的 ${p.algorithm} 计算的`,
  ),
  CHAIN_CHANGED: text<None>(
    () => "the content does not match its hash: the event was altered",
    () => "内容与其哈希不符：该事件已被改动",
  ),
  CHAIN_REORDERED: text<{ revision: number; after: number }>(
    (p) => `revision ${p.revision} comes after revision ${p.after}`,
    (p) => `第 ${p.revision} 版排在第 ${p.after} 版之后`,
  ),
  CHAIN_INSERTED: text<{ revision: number }>(
    (p) => `revision ${p.revision} appears a second time`,
    (p) => `第 ${p.revision} 版再次出现`,
  ),
  CHAIN_MISSING: text<{ from: number; to: number }>(
    (p) => (p.from === p.to ? `revision ${p.from} is missing` : `revisions ${p.from} to ${p.to} are missing`),
    (p) => (p.from === p.to ? `缺少第 ${p.from} 版` : `缺少第 ${p.from} 至 ${p.to} 版`),
  ),
  CHAIN_BROKEN_LINK: text<None>(
    () => "prevHash is not the hash of the event before it",
    () => "prevHash 不是前一事件的哈希",
  ),
  PROOF_EVENT_CHANGED: text<{ event: string }>(
    (p) => `${p.event} does not match its hash`,
    (p) => `事件 ${p.event} 与其哈希不符`,
  ),
  PROOF_EVENT_OUT_OF_ORDER: text<{ event: string; before: string }>(
    (p) => `${p.event} does not follow ${p.before}`,
    (p) => `事件 ${p.event} 未紧接在 ${p.before} 之后`,
  ),
  PROOF_SEAL_CHANGED: text<None>(
    () => "the seal event does not match its hash",
    () => "封印事件与其哈希不符",
  ),
  PROOF_SEAL_UNREADABLE: text<None>(
    () => "the seal cannot be read",
    () => "无法读取该封印",
  ),
  PROOF_WRONG_ALGORITHM: text<{ event: string; algorithm: string }>(
    (p) => `${p.event} is not hashed with the ledger's ${p.algorithm}`,
    (p) => `事件 ${p.event} 的哈希不是以账本的 ${p.algorithm} 计算的`,
  ),
  PROOF_NOT_IN_TREE: text<None>(
    () => "the event's stream head is not in the seal's Merkle tree",
    () => "该事件所在流的末版不在封印的默克尔树中",
  ),
  SETTINGS_ALGORITHM: text<{ algorithm: string }>(
    (p) => `the ledger's settings do not declare ${p.algorithm}, the algorithm it is verified with`,
    (p) => `账本设置未声明校验所用的算法 ${p.algorithm}`,
  ),
  SEAL_INSERTED_REVISIONS: text<{ seal: number; revision: number; from: number; to: number }>(
    (p) =>
      `seal ${p.seal} sealed the stream at revision ${p.revision}, but revisions ${p.from} to ${p.to} sit before the seal: they were inserted`,
    (p) =>
      `第 ${p.seal} 号封印封存该流至第 ${p.revision} 版，但第 ${p.from} 至 ${p.to} 版位于封印之前：它们是插入的`,
  ),
  SEAL_HEAD_DIFFERS: text<{ seal: number }>(
    (p) => `the head differs from the one sealed by seal ${p.seal}`,
    (p) => `该流的末版与第 ${p.seal} 号封印所封存的不同`,
  ),
  SEAL_STREAM_UNLISTED: text<{ seal: number; revision: number }>(
    (p) =>
      `the stream (at revision ${p.revision}) sits before seal ${p.seal} but the seal does not list it: it was inserted`,
    (p) => `该流（至第 ${p.revision} 版）位于第 ${p.seal} 号封印之前，但封印未列出它：它是插入的`,
  ),
  SEAL_EVENT_DIFFERS: text<{ seal: number }>(
    (p) => `the event differs from the head sealed by seal ${p.seal}`,
    (p) => `该事件与第 ${p.seal} 号封印所封存的末版不同`,
  ),
  SEAL_STREAM_GONE: text<{ seal: number; revision: number }>(
    (p) => `the stream was sealed at revision ${p.revision} (seal ${p.seal}) and is gone`,
    (p) => `该流曾由第 ${p.seal} 号封印封存至第 ${p.revision} 版，现已不存在`,
  ),
  SEAL_TRUNCATED: text<{ seal: number; revision: number; from: number; to: number }>(
    (p) =>
      `the stream was sealed at revision ${p.revision} (seal ${p.seal}); revisions ${p.from} to ${p.to} are gone`,
    (p) => `该流曾由第 ${p.seal} 号封印封存至第 ${p.revision} 版；第 ${p.from} 至 ${p.to} 版已不存在`,
  ),
  SEAL_NEVER_READ: text<{ seal: number; revision: number }>(
    (p) => `revision ${p.revision}, sealed by seal ${p.seal}, was never read`,
    (p) => `第 ${p.seal} 号封印所封存的第 ${p.revision} 版从未读到`,
  ),
  SEAL_COVERS_LESS: text<None>(
    () => "the seal covers less of the ledger than the seal before it",
    () => "该封印覆盖的账本范围小于前一封印",
  ),
  SEAL_POSITION_AFTER: text<{ position: string; written: string }>(
    (p) => `the seal claims to cover position ${p.position}, but it was itself written at ${p.written}`,
    (p) => `该封印声称覆盖至位置 ${p.position}，但它本身写在位置 ${p.written}`,
  ),
  SEAL_UNSIGNED: text<None>(
    () => "the ledger registers signing keys, but this seal is not signed",
    () => "账本已登记签名密钥，但该封印未签名",
  ),
  SEAL_SIGNATURE_MISPLACED: text<None>(
    () => "the signature was made for a seal in another place of the seal chain",
    () => "该签名是为封印链中另一位置的封印所作",
  ),
  SEAL_FIRST_PREVIOUS_ROOT: text<None>(
    () => "the seal's previousRoot is not the root of the seal before it (it is the first)",
    () => "该封印是第一个封印，其 previousRoot 却不为空",
  ),
  SEAL_PREVIOUS_ROOT: text<{ previous: number }>(
    (p) => `the seal's previousRoot is not the root of the seal before it (seal ${p.previous})`,
    (p) => `该封印的 previousRoot 不是前一封印（第 ${p.previous} 号）的根`,
  ),
  SEAL_STREAM_DROPPED: text<{ stream: string; revision: number; previous: number }>(
    (p) => `${p.stream}, sealed at revision ${p.revision} by seal ${p.previous}, is not in this seal`,
    (p) => `流 ${p.stream} 曾由第 ${p.previous} 号封印封存至第 ${p.revision} 版，本封印未列出它`,
  ),
  SEAL_STREAM_SHRINKS: text<{ stream: string; revision: number; previous: number; now: number }>(
    (p) => `${p.stream} shrinks from revision ${p.revision} (seal ${p.previous}) to ${p.now}`,
    (p) => `流 ${p.stream} 从第 ${p.revision} 版（第 ${p.previous} 号封印）缩至第 ${p.now} 版`,
  ),
  SEAL_STREAM_REWRITTEN: text<{ stream: string; revision: number; previous: number }>(
    (p) =>
      `${p.stream} at revision ${p.revision} has another hash than in seal ${p.previous}: it was rewritten`,
    (p) => `流 ${p.stream} 第 ${p.revision} 版的哈希与第 ${p.previous} 号封印中的不同：已被改写`,
  ),
  SEAL_TREE_ALGORITHM: text<{ sealAlgorithm: string; algorithm: string }>(
    (p) => `the seal's tree is hashed with ${p.sealAlgorithm}, the ledger with ${p.algorithm}`,
    (p) => `该封印的默克尔树以 ${p.sealAlgorithm} 计算，账本却以 ${p.algorithm} 计算`,
  ),
  SEAL_ROOT_MISMATCH: text<None>(
    () => "the seal's root is not the Merkle root of the heads it lists",
    () => "该封印的根不是其所列各流末版的默克尔根",
  ),
  SEAL_STATEMENT_NOT_OWN: text<None>(
    () => "the signed statement is not the seal's own",
    () => "所签声明不是该封印自己的声明",
  ),
  SEAL_KEY_UNKNOWN: text<{ keyId: string }>(
    (p) => `the seal is signed by key ${p.keyId}, which the ledger does not register`,
    (p) => `该封印由密钥 ${p.keyId} 签名，账本未登记该密钥`,
  ),
  SEAL_KEY_ALGORITHM: text<{ keyId: string; keyAlgorithm: string; signatureAlgorithm: string }>(
    (p) => `key ${p.keyId} is ${p.keyAlgorithm}, the signature ${p.signatureAlgorithm}`,
    (p) => `密钥 ${p.keyId} 为 ${p.keyAlgorithm}，签名却为 ${p.signatureAlgorithm}`,
  ),
  KEY_NOT_YET_VALID: text<{ keyId: string; from: string; time: string }>(
    (p) => `key ${p.keyId} is valid only from ${p.from}: it cannot have signed at ${p.time}`,
    (p) => `密钥 ${p.keyId} 自 ${p.from} 起才有效：不可能在 ${p.time} 签名`,
  ),
  KEY_EXPIRED: text<{ keyId: string; until: string; time: string }>(
    (p) => `key ${p.keyId} expired at ${p.until}: it cannot have signed at ${p.time}`,
    (p) => `密钥 ${p.keyId} 已于 ${p.until} 过期：不可能在 ${p.time} 签名`,
  ),
  KEY_RETIRED: text<{ keyId: string; retiredAt: string; time: string }>(
    (p) => `key ${p.keyId} was retired at ${p.retiredAt}: it cannot have signed at ${p.time}`,
    (p) => `密钥 ${p.keyId} 已于 ${p.retiredAt} 停用：不可能在 ${p.time} 签名`,
  ),
  SEAL_SIGNATURE_INVALID: text<{ keyId: string }>(
    (p) => `the signature does not verify under key ${p.keyId}`,
    (p) => `签名在密钥 ${p.keyId} 下校验不通过`,
  ),
};

export type ChainProblemCode = keyof typeof CHAIN_PROBLEM_TEXTS;

/** A problem's detail, coded. */
export interface ChainProblemDetail {
  readonly code: ChainProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A problem's detail (or a detail) in a language: from its code when it has one, else its message. */
/** A detail, coded, with its English text as the problem's `message`. */
export const chainProblemDetail = <C extends ChainProblemCode>(
  code: C,
  params: Parameters<(typeof CHAIN_PROBLEM_TEXTS)[C]["en"]>[0],
): { readonly message: string; readonly detail: ChainProblemDetail } => {
  const detail = { code, params: params as ChainProblemDetail["params"] };
  return { message: chainProblemText(detail, "en"), detail };
};

export const chainProblemText = (
  problem: ChainProblemDetail | { readonly message: string; readonly detail?: ChainProblemDetail },
  lang: ErrorLang,
): string => {
  const d = "code" in problem ? problem : problem.detail;
  if (d === undefined) return (problem as { readonly message: string }).message;
  return (CHAIN_PROBLEM_TEXTS[d.code][lang] as (p: ChainProblemDetail["params"]) => string)(d.params);
};
