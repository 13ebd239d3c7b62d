/**
 * What reads met in the ledger's hash chains. A read notes the broken links it found against the
 * store it read; when the command ends, `withStore` warns about them on stderr (stream and
 * revision each) and a command that would have exited 0 exits 1: what it printed comes from a
 * ledger that was tampered with.
 */
import { type ChainProblem, chainProblemText, type EventStore } from "@safety-ledger/core";
import { EXIT } from "./errors";
import type { Lang } from "./messages";
import type { Io } from "./output";
import { findingKindIn, RESULT_TEXTS } from "./result-texts";

const met = new WeakMap<EventStore, ChainProblem[]>();

/** Record the broken links a read of `store` found. */
export const noteBrokenLinks = (store: EventStore, problems: ReadonlyArray<ChainProblem>): void => {
  if (problems.length === 0) return;
  const noted = met.get(store);
  if (noted === undefined) met.set(store, [...problems]);
  else noted.push(...problems);
};

/** Warnings listed one by one; the rest are counted (`audit verify` lists them all). */
const LISTED = 20;

/** Warn about the broken links the command's reads met; the exit code it should end with. */
export const endWithBrokenLinks = (io: Io, store: EventStore, code: number, lang: Lang): number => {
  const problems = met.get(store) ?? [];
  if (problems.length === 0) return code;
  const byKey = new Map<string, ChainProblem>();
  for (const p of problems) {
    const key = `${p.stream}@${p.revision}:${p.kind}`;
    if (!byKey.has(key)) byKey.set(key, p);
  }
  const unique = [...byKey.values()];
  const say = RESULT_TEXTS[lang].chain;
  for (const p of unique.slice(0, LISTED))
    io.err(say.broken(p.stream, p.revision, findingKindIn(lang, p.kind), chainProblemText(p, lang)));
  if (unique.length > LISTED) io.err(say.more(unique.length - LISTED));
  io.err(say.mayBeWrong);
  return code === EXIT.ok ? EXIT.rejected : code;
};
