/**
 * Full verification of a ledger: every stream's hash chain, and every seal against the heads the
 * store holds at the seal's position. One streaming pass over the store, plus a read of the
 * (small) seal stream first.
 */
import * as E from "fp-ts/lib/Either.js";
import type { StoredEvent } from "../kernel/envelope";
import type { EventStore } from "../kernel/event-store";
import type { ChainProblemKind } from "../kernel/hash-chain";
import { SEAL_STREAM, type SealData, type SealedHead, sealEvents, sealRoot, sortedHeads } from "./seal";
import { LedgerVerifier } from "./verify";

export type AuditProblemKind =
  | ChainProblemKind
  | "stream-missing"
  | "truncated"
  | "seal-mismatch"
  | "undecodable-seal";

export interface AuditProblem {
  readonly stream: string;
  readonly revision: number;
  readonly kind: AuditProblemKind;
  readonly message: string;
}

export interface LedgerReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly seals: number;
  readonly problems: ReadonlyArray<AuditProblem>;
  readonly position: bigint | undefined;
}

interface Seal {
  readonly revision: number;
  readonly data: SealData;
}

/** Compare the heads a seal recorded with the heads the store has at that position. */
export const compareHeads = (seal: Seal, actual: ReadonlyArray<SealedHead>): AuditProblem[] => {
  const problems: AuditProblem[] = [];
  const at = (stream: string, revision: number, kind: AuditProblemKind, message: string) =>
    problems.push({ stream, revision, kind, message });
  if (sealRoot(seal.data.heads) !== seal.data.root)
    at(
      SEAL_STREAM,
      seal.revision,
      "seal-mismatch",
      "the seal's root is not the Merkle root of the heads it lists",
    );
  const now = new Map(actual.map(([stream, revision, hash]) => [stream, { revision, hash }]));
  for (const [stream, revision, hash] of seal.data.heads) {
    const head = now.get(stream);
    if (head === undefined)
      at(
        stream,
        0,
        "stream-missing",
        `the stream was sealed at revision ${revision} (seal ${seal.revision}) and is gone`,
      );
    else if (head.revision < revision)
      at(
        stream,
        head.revision + 1,
        "truncated",
        `the stream was sealed at revision ${revision} (seal ${seal.revision}); revisions ${head.revision + 1} to ${revision} are gone`,
      );
    else if (head.revision === revision && head.hash !== hash)
      at(stream, revision, "seal-mismatch", `the head differs from the one sealed by seal ${seal.revision}`);
  }
  const sealed = new Set(seal.data.heads.map(([stream]) => stream));
  for (const [stream, revision] of actual)
    if (!sealed.has(stream))
      at(
        stream,
        0,
        "seal-mismatch",
        `the stream (at revision ${revision}) sits before seal ${seal.revision} but the seal does not list it: it was inserted`,
      );
  return problems;
};

/** Where verification reads from: the seal stream, and everything in global order. */
export interface LedgerSource {
  readonly seals: () => AsyncIterable<StoredEvent>;
  readonly all: () => AsyncIterable<StoredEvent>;
  /** Compare seals only on the streams this accepts (a partial export). */
  readonly covers?: (stream: string) => boolean;
}

export const verifyLedger = (
  store: EventStore,
  options: { readonly onEvent?: (event: StoredEvent) => void } = {},
): Promise<LedgerReport> =>
  verifySource({ seals: () => store.readStream(SEAL_STREAM), all: () => store.readAll() }, options);

export const verifySource = async (
  source: LedgerSource,
  options: { readonly onEvent?: (event: StoredEvent) => void } = {},
): Promise<LedgerReport> => {
  const covers = source.covers ?? (() => true);
  const problems: AuditProblem[] = [];
  const seals: Seal[] = [];
  for await (const stored of source.seals()) {
    if (stored.stream !== SEAL_STREAM) continue;
    const decoded = sealEvents.decode(stored);
    if (E.isLeft(decoded))
      problems.push({
        stream: SEAL_STREAM,
        revision: stored.revision,
        kind: "undecodable-seal",
        message: decoded.left.message,
      });
    else seals.push({ revision: stored.revision, data: decoded.right.data });
  }
  const pending = [...seals].sort((a, b) => (BigInt(a.data.position) < BigInt(b.data.position) ? -1 : 1));
  const verifier = new LedgerVerifier();
  const checkSealsBefore = (position: bigint | undefined) => {
    while (pending.length > 0 && (position === undefined || BigInt(pending[0]!.data.position) < position)) {
      const seal = pending.shift()!;
      const scoped = {
        ...seal,
        data: { ...seal.data, heads: seal.data.heads.filter(([stream]) => covers(stream)) },
      };
      const found = compareHeads(
        scoped,
        sortedHeads(verifier.heads()).filter(([stream]) => covers(stream)),
      );
      // a partial export lists only some heads: the root can only be checked over all of them
      problems.push(
        ...(source.covers === undefined
          ? found
          : found.filter((p) => !(p.stream === SEAL_STREAM && p.kind === "seal-mismatch"))),
      );
      if (source.covers !== undefined && sealRoot(seal.data.heads) !== seal.data.root)
        problems.push({
          stream: SEAL_STREAM,
          revision: seal.revision,
          kind: "seal-mismatch",
          message: "the seal's root is not the Merkle root of the heads it lists",
        });
    }
  };
  for await (const event of source.all()) {
    checkSealsBefore(event.position);
    verifier.check(event);
    options.onEvent?.(event);
  }
  checkSealsBefore(undefined);
  const chains = verifier.report();
  const all = [...chains.problems, ...problems];
  return {
    ok: all.length === 0,
    streams: chains.streams,
    events: chains.events,
    seals: seals.length,
    problems: all,
    position: chains.position,
  };
};
