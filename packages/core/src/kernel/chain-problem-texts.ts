/**
 * What a broken chain shows, keyed by a stable code, in English and Chinese: the details of a
 * `ChainProblem` (its `kind` says what happened; `detail` says where, from these parameters).
 * The English is the problem's `message`; the edge renders the detail in the reader's language.
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
};

export type ChainProblemCode = keyof typeof CHAIN_PROBLEM_TEXTS;

/** A problem's detail, coded. */
export interface ChainProblemDetail {
  readonly code: ChainProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A problem's detail (or a detail) in a language: from its code when it has one, else its message. */
export const chainProblemText = (
  problem: ChainProblemDetail | { readonly message: string; readonly detail?: ChainProblemDetail },
  lang: ErrorLang,
): string => {
  const d = "code" in problem ? problem : problem.detail;
  if (d === undefined) return (problem as { readonly message: string }).message;
  return (CHAIN_PROBLEM_TEXTS[d.code][lang] as (p: ChainProblemDetail["params"]) => string)(d.params);
};
