/**
 * Full verification of a ledger: every stream's hash chain, and every seal against the heads the
 * store holds at the seal's position. One streaming pass over the store; the seal stream is read
 * beside it, one seal at a time, so memory holds one seal's heads whatever the number of seals.
 */
import * as E from "fp-ts/lib/Either.js";
import { DEFAULT_HASH_ALGORITHM, type HashAlgorithm } from "../crypto/hash";
import { type ChainProblemDetail, chainProblemDetail } from "../kernel/chain-problem-texts";
import type { DomainEvent, EventRegistry } from "../kernel/codec-registry";
import type { StoredEvent } from "../kernel/envelope";
import { type EventStore, readAllInPages } from "../kernel/event-store";
import type { ChainProblemKind } from "../kernel/hash-chain";
import {
  declaredHashAlgorithm,
  LEDGER_SETTINGS_STREAM,
  readLedgerHashAlgorithm,
} from "../kernel/ledger-settings";
import { SEAL_STREAM, type SealData, sealEvents, sealHashAlgorithm, sealRoot } from "./seal";
import { sealSignatureProblem } from "./seal-signature";
import { evolveKeys, SIGNING_KEYS_STREAM, type SigningKeys, signingKeyEvents } from "./signing-keys";
import { LedgerVerifier } from "./verify";

export type AuditProblemKind =
  | ChainProblemKind
  | "stream-missing"
  | "truncated"
  | "inserted-before-seal"
  | "seal-mismatch"
  | "undecodable-seal"
  | "undecodable"
  /** A seal's signature does not verify, or does not sign this seal. */
  | "seal-signature"
  /** A seal is signed by a key the ledger does not register, or one not valid at the seal's time. */
  | "seal-key"
  /** A seal written after a signing key was registered carries no signature. */
  | "seal-unsigned"
  /** A seal does not extend the one before it: another previous root, or a stream it shrinks or rewrites. */
  | "seal-chain";

/** What a finding says: its English message and the same, coded. */
type Found = { readonly message: string; readonly detail?: ChainProblemDetail };

export interface AuditProblem {
  readonly stream: string;
  readonly revision: number;
  readonly kind: AuditProblemKind;
  /** In English; `detail` is the same, coded, for other languages (`chainProblemText`). */
  readonly message: string;
  readonly detail?: ChainProblemDetail;
  /** For `undecodable`: the first field the codec rejects (`data.on`). */
  readonly field?: string;
}

/** Who signed one seal, and whether the signature holds. */
export interface SealSigner {
  /** The seal's revision in the seal stream. */
  readonly seal: number;
  readonly keyId: string;
  readonly ownerUnit: string | undefined;
  readonly algorithm: string;
  readonly time: string;
  readonly ok: boolean;
}

export interface LedgerReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly seals: number;
  readonly problems: ReadonlyArray<AuditProblem>;
  readonly position: bigint | undefined;
  /** The algorithm the chains and seals were verified with: the ledger's. */
  readonly hashAlgorithm: HashAlgorithm;
  /** The signed seals, in order, with who signed them. */
  readonly signers: ReadonlyArray<SealSigner>;
}

interface Seal {
  readonly revision: number;
  readonly data: SealData;
  /** `data.position` as a bigint. */
  readonly position: bigint;
}

/** Where verification reads from: the seal stream, and everything in global order. */
export interface LedgerSource {
  readonly seals: () => AsyncIterable<StoredEvent>;
  readonly all: () => AsyncIterable<StoredEvent>;
  /**
   * Pages of the events after `after`, ending before `before` where the store can stop there
   * (verification stops there itself otherwise). With it, the pass reads around the seal events,
   * which it takes from `seals` one at a time: a page never holds several seals (each lists
   * every stream's head; at a million events one seal is some 20 MB of JSON).
   */
  readonly between?: (
    after: bigint | undefined,
    before: bigint | undefined,
  ) => AsyncIterable<ReadonlyArray<StoredEvent>>;
  /** Compare seals only on the streams this accepts (a partial export). */
  readonly covers?: (stream: string) => boolean;
  /** The ledger's hash algorithm, as its store or export header records it (default SHA-256). */
  readonly hashAlgorithm?: HashAlgorithm;
}

export interface VerifyLedgerOptions {
  readonly onEvent?: (event: StoredEvent) => void;
  /** Also report events of a type this registry knows that its codecs cannot read. */
  readonly registry?: EventRegistry<DomainEvent>;
}

/** The seal stream's first event at or after `fromRevision`, alone. */
const sealFrom = async (store: EventStore, fromRevision: number): Promise<StoredEvent | undefined> => {
  for await (const event of store.readStream(SEAL_STREAM, { fromRevision, maxCount: 1 })) return event;
  return undefined;
};

/**
 * The seal stream one event per read (a seal can be large: never a page of them). A plain
 * iterator, not a generator: a suspended generator would keep the last seal alive.
 */
const oneSealAtATime = (store: EventStore): AsyncIterable<StoredEvent> => ({
  [Symbol.asyncIterator]: () => {
    let fromRevision = 0;
    return {
      next: async (): Promise<IteratorResult<StoredEvent>> => {
        const seal = await sealFrom(store, fromRevision);
        if (seal === undefined) return { done: true, value: undefined };
        fromRevision = seal.revision + 1;
        return { done: false, value: seal };
      },
    };
  },
});

export const verifyLedger = async (
  store: EventStore,
  options: VerifyLedgerOptions = {},
): Promise<LedgerReport> => {
  const algorithm = await readLedgerHashAlgorithm(store);
  return verifySource(
    {
      hashAlgorithm: E.isRight(algorithm) ? algorithm.right : DEFAULT_HASH_ALGORITHM,
      seals: () => oneSealAtATime(store),
      all: () => store.readAll(),
      between: (after, before) =>
        readAllInPages(store, {
          ...(after === undefined ? {} : { after }),
          ...(before === undefined ? {} : { before }),
        }),
    },
    options,
  );
};

/** A sealed head the pass has not reached yet at the seal's position. */
interface Awaited {
  readonly seal: number;
  readonly revision: number;
  readonly hash: string;
}

/**
 * Checks seals against the heads the pass holds when it reaches each seal's position. A sealed
 * head the stream has not reached there is awaited, not blamed: positions are not covered by
 * hashes, so a renumbering (an event slipped in earlier) can push an intact head past the seal.
 * It is compared when the stream reaches that revision, and only reported missing at the end.
 * A stream already past its sealed head at the seal's position gained an event the seal does
 * not cover: that stream is the one that changed.
 */
class SealChecker {
  private readonly awaited = new Map<string, Awaited[]>();

  constructor(
    private readonly verifier: LedgerVerifier,
    private readonly covers: (stream: string) => boolean,
    private readonly problems: AuditProblem[],
  ) {}

  private at(stream: string, revision: number, kind: AuditProblemKind, found: Found): void {
    this.problems.push({ stream, revision, kind, ...found });
  }

  /** Compare one seal with the heads as they are now (the pass stands at its position). */
  check(seal: Seal): void {
    const sealed = new Set<string>();
    for (const [stream, revision, hash] of seal.data.heads) {
      sealed.add(stream);
      if (!this.covers(stream)) continue;
      const head = this.verifier.headOf(stream);
      if (head === undefined || head.revision < revision) {
        const waiting = this.awaited.get(stream);
        const entry = { seal: seal.revision, revision, hash };
        if (waiting === undefined) this.awaited.set(stream, [entry]);
        else waiting.push(entry);
      } else if (head.revision > revision)
        this.at(
          stream,
          revision + 1,
          "inserted-before-seal",
          chainProblemDetail("SEAL_INSERTED_REVISIONS", {
            seal: seal.revision,
            revision,
            from: revision + 1,
            to: head.revision,
          }),
        );
      else if (head.hash !== hash)
        this.at(
          stream,
          revision,
          "seal-mismatch",
          chainProblemDetail("SEAL_HEAD_DIFFERS", { seal: seal.revision }),
        );
    }
    for (const stream of this.verifier.streamNames()) {
      if (stream === SEAL_STREAM || sealed.has(stream) || !this.covers(stream)) continue;
      const head = this.verifier.headOf(stream);
      this.at(
        stream,
        0,
        "seal-mismatch",
        chainProblemDetail("SEAL_STREAM_UNLISTED", { seal: seal.revision, revision: head?.revision ?? 0 }),
      );
    }
  }

  /** An event read after a seal's position: is it a head a seal awaits? */
  reached(event: StoredEvent): void {
    const waiting = this.awaited.get(event.stream);
    if (waiting === undefined) return;
    const left = waiting.filter((w) => {
      if (w.revision !== event.revision) return true;
      if (w.hash !== event.metadata.hash)
        this.at(
          event.stream,
          event.revision,
          "seal-mismatch",
          chainProblemDetail("SEAL_EVENT_DIFFERS", { seal: w.seal }),
        );
      return false;
    });
    if (left.length === 0) this.awaited.delete(event.stream);
    else this.awaited.set(event.stream, left);
  }

  /** After the pass: the heads never reached are gone. */
  finish(): void {
    for (const [stream, waiting] of this.awaited)
      for (const w of waiting) {
        const head = this.verifier.headOf(stream);
        if (head === undefined)
          this.at(
            stream,
            0,
            "stream-missing",
            chainProblemDetail("SEAL_STREAM_GONE", { seal: w.seal, revision: w.revision }),
          );
        else if (head.revision < w.revision)
          this.at(
            stream,
            head.revision + 1,
            "truncated",
            chainProblemDetail("SEAL_TRUNCATED", {
              seal: w.seal,
              revision: w.revision,
              from: head.revision + 1,
              to: w.revision,
            }),
          );
        else
          this.at(
            stream,
            w.revision,
            "seal-mismatch",
            chainProblemDetail("SEAL_NEVER_READ", { seal: w.seal, revision: w.revision }),
          );
      }
    this.awaited.clear();
  }
}

/** One event of the seal stream, and the seal it holds (undefined when it cannot be read as one). */
interface SealItem {
  readonly event: StoredEvent;
  readonly seal: Seal | undefined;
  checked: boolean;
}

/** The seal stream read lazily, one event at a time, in the order it was written. */
class SealQueue {
  private readonly events: AsyncIterator<StoredEvent>;
  private next: SealItem | undefined;
  private done = false;
  private lastPosition: bigint | undefined;
  count = 0;

  constructor(
    seals: AsyncIterable<StoredEvent>,
    private readonly problems: AuditProblem[],
  ) {
    this.events = seals[Symbol.asyncIterator]();
  }

  /** Could a seal cover positions before `position`? Answered without a read when it can be. */
  mayBeDue(position: bigint): boolean {
    if (this.next === undefined) return !this.done;
    return this.next.seal === undefined || (!this.next.checked && this.next.seal.position < position);
  }

  /** The next event of the seal stream (read once; `drop` moves on). */
  async peek(): Promise<SealItem | undefined> {
    while (this.next === undefined && !this.done) {
      const read = await this.events.next();
      if (read.done === true) {
        this.done = true;
        break;
      }
      if (read.value.stream === SEAL_STREAM) this.next = this.read(read.value);
    }
    return this.next;
  }

  drop(): void {
    this.next = undefined;
  }

  private read(stored: StoredEvent): SealItem {
    const decoded = sealEvents.decode(stored);
    if (E.isLeft(decoded)) {
      this.problems.push({
        stream: SEAL_STREAM,
        revision: stored.revision,
        kind: "undecodable-seal",
        message: decoded.left.message,
      });
      return { event: stored, seal: undefined, checked: true };
    }
    this.count += 1;
    const position = BigInt(decoded.right.data.position);
    if (this.lastPosition !== undefined && position < this.lastPosition) {
      this.problems.push({
        stream: SEAL_STREAM,
        revision: stored.revision,
        kind: "seal-mismatch",
        ...chainProblemDetail("SEAL_COVERS_LESS", {}),
      });
      return { event: stored, seal: undefined, checked: true };
    }
    this.lastPosition = position;
    return {
      event: stored,
      seal: { revision: stored.revision, data: decoded.right.data, position },
      checked: false,
    };
  }

  async close(): Promise<void> {
    if (!this.done) await this.events.return?.();
  }
}

type Head = SealData["heads"][number];

const sortedByStream = (heads: ReadonlyArray<Head>): boolean => {
  for (let i = 1; i < heads.length; i++) if (!(heads[i - 1]![0] < heads[i]![0])) return false;
  return true;
};

/**
 * Each head of `before` with the head of the same stream in `after` (undefined when it has
 * none). Seals list their heads sorted by stream, so the two lists are walked side by side
 * without building an index; a seal whose list is not sorted (written by other means) gets one.
 */
function* headsAgainst(
  before: ReadonlyArray<Head>,
  after: ReadonlyArray<Head>,
): Generator<readonly [string, number, string, Head | undefined]> {
  if (sortedByStream(before) && sortedByStream(after)) {
    let j = 0;
    for (const [stream, revision, hash] of before) {
      while (j < after.length && after[j]![0] < stream) j++;
      const now = j < after.length && after[j]![0] === stream ? after[j] : undefined;
      yield [stream, revision, hash, now];
    }
    return;
  }
  const byStream = new Map<string, Head>();
  for (const head of after) byStream.set(head[0], head);
  for (const [stream, revision, hash] of before) yield [stream, revision, hash, byStream.get(stream)];
}

export const verifySource = async (
  source: LedgerSource,
  options: VerifyLedgerOptions = {},
): Promise<LedgerReport> => {
  const covers = source.covers ?? (() => true);
  const problems: AuditProblem[] = [];
  const algorithm = source.hashAlgorithm ?? DEFAULT_HASH_ALGORITHM;
  const verifier = new LedgerVerifier(undefined, options.registry, algorithm);
  const checker = new SealChecker(verifier, covers, problems);
  const seals = new SealQueue(source.seals(), problems);
  let keys: SigningKeys = new Map();
  const signers: SealSigner[] = [];
  const checkSignature = (item: SealItem, seal: Seal) => {
    const { signature } = seal.data;
    const at = (kind: AuditProblemKind, found: Found) =>
      problems.push({ stream: SEAL_STREAM, revision: seal.revision, kind, ...found });
    if (signature === undefined) {
      if (keys.size > 0) at("seal-unsigned", chainProblemDetail("SEAL_UNSIGNED", {}));
      return;
    }
    let problem = sealSignatureProblem(
      { ...seal.data, hashAlgorithm: sealHashAlgorithm(seal.data) },
      signature,
      keys,
    );
    if (problem === undefined && signature.previousSeal !== item.event.metadata.prevHash)
      problem = { kind: "seal-signature", ...chainProblemDetail("SEAL_SIGNATURE_MISPLACED", {}) };
    if (problem !== undefined) at(problem.kind, problem);
    signers.push({
      seal: seal.revision,
      keyId: signature.keyId,
      ownerUnit: keys.get(signature.keyId)?.ownerUnit,
      algorithm: signature.algorithm,
      time: signature.time,
      ok: problem === undefined,
    });
  };
  // the previous seal: each seal must extend its heads
  let previous:
    | { readonly revision: number; readonly root: string; readonly heads: SealData["heads"] }
    | undefined;
  const checkChain = (seal: Seal) => {
    const at = (found: Found) =>
      problems.push({ stream: SEAL_STREAM, revision: seal.revision, kind: "seal-chain", ...found });
    if (seal.data.previousRoot !== (previous?.root ?? null))
      at(
        previous === undefined
          ? chainProblemDetail("SEAL_FIRST_PREVIOUS_ROOT", {})
          : chainProblemDetail("SEAL_PREVIOUS_ROOT", { previous: previous.revision }),
      );
    if (previous !== undefined)
      for (const [stream, revision, hash, now] of headsAgainst(previous.heads, seal.data.heads)) {
        const sealed = { stream, revision, previous: previous.revision };
        if (now === undefined) at(chainProblemDetail("SEAL_STREAM_DROPPED", sealed));
        else if (now[1] < revision) at(chainProblemDetail("SEAL_STREAM_SHRINKS", { ...sealed, now: now[1] }));
        else if (now[1] === revision && now[2] !== hash)
          at(chainProblemDetail("SEAL_STREAM_REWRITTEN", sealed));
      }
    // the seal's own heads, not a copy: a seal at a million events lists some 200,000
    previous = { revision: seal.revision, root: seal.data.root, heads: seal.data.heads };
  };
  const checkSeal = (item: SealItem) => {
    if (item.seal === undefined || item.checked) return;
    item.checked = true;
    checkSignature(item, item.seal);
    checkChain(item.seal);
    if (sealHashAlgorithm(item.seal.data) !== algorithm)
      problems.push({
        stream: SEAL_STREAM,
        revision: item.seal.revision,
        kind: "wrong-algorithm",
        ...chainProblemDetail("SEAL_TREE_ALGORITHM", {
          sealAlgorithm: sealHashAlgorithm(item.seal.data),
          algorithm,
        }),
      });
    // a partial export lists only some heads, but the root is over all of them: check it whole
    if (sealRoot(item.seal.data.heads, sealHashAlgorithm(item.seal.data)) !== item.seal.data.root)
      problems.push({
        stream: SEAL_STREAM,
        revision: item.seal.revision,
        kind: "seal-mismatch",
        ...chainProblemDetail("SEAL_ROOT_MISMATCH", {}),
      });
    checker.check(item.seal);
  };
  const read = (event: StoredEvent) => {
    if (
      event.stream === LEDGER_SETTINGS_STREAM &&
      event.revision === 0 &&
      declaredHashAlgorithm(event) !== algorithm
    )
      problems.push({
        stream: event.stream,
        revision: 0,
        kind: "wrong-algorithm",
        ...chainProblemDetail("SETTINGS_ALGORITHM", { algorithm }),
      });
    if (event.stream === SIGNING_KEYS_STREAM) {
      const decoded = signingKeyEvents.decode(event);
      if (E.isRight(decoded)) keys = evolveKeys(keys, decoded.right);
    }
    verifier.check(event);
    checker.reached(event);
    options.onEvent?.(event);
  };
  try {
    if (source.between === undefined) await singlePass(source, seals, checkSeal, read);
    else await aroundSeals(source.between, seals, checkSeal, read, problems);
  } finally {
    await seals.close();
  }
  checker.finish();
  const chains = verifier.report();
  const all = [...chains.problems, ...problems];
  return {
    ok: all.length === 0,
    streams: chains.streams,
    events: chains.events,
    seals: seals.count,
    problems: all,
    position: chains.position,
    hashAlgorithm: algorithm,
    signers,
  };
};

/** Everything read once in global order, seal events included; seals checked as their positions pass. */
const singlePass = async (
  source: LedgerSource,
  seals: SealQueue,
  checkSeal: (item: SealItem) => void,
  read: (event: StoredEvent) => void,
) => {
  const checkSealsBefore = async (position: bigint | undefined) => {
    for (let item = await seals.peek(); item !== undefined; item = await seals.peek()) {
      if (item.seal !== undefined && position !== undefined && item.seal.position >= position) return;
      checkSeal(item);
      seals.drop();
    }
  };
  for await (const event of source.all()) {
    if (seals.mayBeDue(event.position)) await checkSealsBefore(event.position);
    read(event);
  }
  await checkSealsBefore(undefined);
};

/**
 * The events between seal events in pages, each seal event taken from the seal stream in its
 * place in the global order: memory holds one seal, however many there are.
 */
const aroundSeals = async (
  between: NonNullable<LedgerSource["between"]>,
  seals: SealQueue,
  checkSeal: (item: SealItem) => void,
  read: (event: StoredEvent) => void,
  problems: AuditProblem[],
) => {
  let after: bigint | undefined;
  for (;;) {
    const item = await seals.peek();
    const stop = item?.event.position;
    if (stop === undefined || after === undefined || stop > after)
      segment: for await (const page of between(after, stop))
        for (const event of page) {
          if (stop !== undefined && event.position >= stop) break segment;
          if (
            item !== undefined &&
            !item.checked &&
            item.seal !== undefined &&
            item.seal.position < event.position
          )
            checkSeal(item);
          read(event);
          after = event.position;
        }
    if (item === undefined) return;
    if (item.seal !== undefined && !item.checked) {
      if (item.seal.position < item.event.position) checkSeal(item);
      else {
        item.checked = true;
        problems.push({
          stream: SEAL_STREAM,
          revision: item.seal.revision,
          kind: "seal-mismatch",
          ...chainProblemDetail("SEAL_POSITION_AFTER", {
            position: String(item.seal.position),
            written: String(item.event.position),
          }),
        });
      }
    }
    read(item.event);
    if (after === undefined || item.event.position > after) after = item.event.position;
    seals.drop();
  }
};
