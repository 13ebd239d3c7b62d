/**
 * Ledger seals. A seal is an event in the `ledger-seal` stream holding the Merkle root over the
 * head (last revision and hash) of every stream at a position, and the heads themselves. Seals
 * chain to each other like any stream. With seals, verification also catches what a chain alone
 * cannot: a whole stream deleted, or a stream cut short at its tail.
 */
import canonicalize from "canonicalize";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { DEFAULT_HASH_ALGORITHM, type HashAlgorithm } from "../crypto/hash";
import type { Signer } from "../crypto/signature";
import type { Aggregate } from "../kernel/aggregate";
import { defineEvent, EventRegistry } from "../kernel/codec-registry";
import { type CommandHandlerOptions, createCommandHandler } from "../kernel/command-handler";
import type { Decider } from "../kernel/decider";
import type { Actor } from "../kernel/envelope";
import { errorsOf } from "../kernel/error-texts";
import type { LedgerError } from "../kernel/errors";
import type { EventStore } from "../kernel/event-store";
import { GENESIS_HASH } from "../kernel/hash-chain";
import { newId } from "../kernel/ids";
import { HashAlgorithmCodec, readLedgerHashAlgorithm } from "../kernel/ledger-settings";
import { AUDIT_ERROR_TEXTS } from "./audit-error-texts";
import { leafHash, merkleRootOf } from "./merkle";
import { type SealSignature, SealSignatureCodec, sealSignatureProblem, signSeal } from "./seal-signature";
import { SIGNING_KEYS_STREAM, type SigningKeys, signingKeyAggregate } from "./signing-keys";
import { LedgerVerifier, type StreamHead } from "./verify";

const { error: auditError } = errorsOf(AUDIT_ERROR_TEXTS);

export const SEAL_STREAM = "ledger-seal";

/** A head as stored in a seal: [stream, revision, hash], sorted by stream name. */
export type SealedHead = readonly [string, number, string];

export interface SealData {
  /** The store position the seal covers: every event at or before it. */
  readonly position: string;
  readonly streams: number;
  readonly root: string;
  readonly heads: ReadonlyArray<SealedHead>;
  /** Root of the seal before this one (null for the first). */
  readonly previousRoot: string | null;
  /** The ledger's hash algorithm, of its chain and of this Merkle tree (absent in older seals: SHA-256). */
  readonly hashAlgorithm?: HashAlgorithm;
  /** The sealing unit's signature over the seal's statement (see seal-signature.ts). */
  readonly signature?: SealSignature;
}

const HeadsCodec = t.readonlyArray(t.readonly(t.tuple([t.string, t.number, t.string])));
/** A store position as decimal digits (a bigint written as text). */
const PositionText = t.refinement(t.string, (s) => /^(0|[1-9][0-9]{0,19})$/.test(s), "PositionText");
const SealCommandCodec = t.intersection([
  t.type({
    position: PositionText,
    streams: t.number,
    root: t.string,
    heads: HeadsCodec,
  }),
  t.partial({ hashAlgorithm: HashAlgorithmCodec, signature: SealSignatureCodec }),
]);
const SealDataCodec = t.intersection([
  SealCommandCodec,
  t.type({ previousRoot: t.union([t.string, t.null]) }),
]);

export const LedgerSealed = defineEvent("LedgerSealed", SealDataCodec);
export const sealEvents = EventRegistry.of(LedgerSealed);
export type SealEvent = { readonly type: "LedgerSealed"; readonly data: SealData };
export type SealCommand = { readonly type: "SealLedger"; readonly data: Omit<SealData, "previousRoot"> };
interface SealState {
  readonly lastPosition: bigint | undefined;
  readonly lastRoot: string | null;
}

/** The algorithm of a seal's tree and of the chain it seals. */
export const sealHashAlgorithm = (seal: Pick<SealData, "hashAlgorithm">): HashAlgorithm =>
  seal.hashAlgorithm ?? DEFAULT_HASH_ALGORITHM;

/** The leaf of one stream head in the seal's Merkle tree. */
export const headLeaf = ([stream, revision, hash]: SealedHead, algorithm: HashAlgorithm = "sha256"): string =>
  leafHash(
    // RFC 8785 of { stream, revision, hash } for string names and hashes and an integer revision
    typeof stream === "string" && typeof hash === "string" && Number.isSafeInteger(revision)
      ? `{"hash":${JSON.stringify(hash)},"revision":${revision},"stream":${JSON.stringify(stream)}}`
      : (canonicalize({ stream, revision, hash }) ?? ""),
    algorithm,
  );

export const sealRoot = (heads: ReadonlyArray<SealedHead>, algorithm: HashAlgorithm = "sha256"): string =>
  merkleRootOf(heads, (head) => headLeaf(head, algorithm), algorithm);

export const sortedHeads = (heads: ReadonlyArray<StreamHead>): SealedHead[] =>
  heads
    .filter((h) => h.stream !== SEAL_STREAM)
    .map((h): SealedHead => [h.stream, h.revision, h.hash])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

export const sealDecider: Decider<SealCommand, SealState, SealEvent> = {
  initialState: { lastPosition: undefined, lastRoot: null },
  decide: (command, state, context) => {
    const { position, heads, root, signature } = command.data;
    if (state.lastPosition !== undefined && BigInt(position) < state.lastPosition)
      return E.left(auditError("SEAL_BEHIND", {}, "position"));
    if (sealRoot(heads, sealHashAlgorithm(command.data)) !== root)
      return E.left(auditError("SEAL_ROOT_MISMATCH", {}, "root"));
    if (signature !== undefined) {
      const keys = (context.related?.keys ?? new Map()) as SigningKeys;
      const seal = {
        root,
        position,
        previousRoot: state.lastRoot,
        hashAlgorithm: sealHashAlgorithm(command.data),
      };
      const problem = sealSignatureProblem(seal, signature, keys);
      if (problem !== undefined)
        return E.left(auditError("SEAL_SIGNATURE", { problem: problem.message }, "signature"));
    }
    return E.right([{ type: "LedgerSealed", data: { ...command.data, previousRoot: state.lastRoot } }]);
  },
  evolve: (_state, event) => ({ lastPosition: BigInt(event.data.position), lastRoot: event.data.root }),
};

export const sealAggregate: Aggregate<SealCommand, SealState, SealEvent> = {
  category: "ledger",
  decider: sealDecider,
  events: sealEvents as EventRegistry<SealEvent>,
  commands: { SealLedger: SealCommandCodec },
  streamOf: () => SEAL_STREAM,
  related: (command) =>
    command.data.signature === undefined
      ? []
      : [{ key: "keys", stream: SIGNING_KEYS_STREAM, aggregate: signingKeyAggregate }],
};

/** The last seal event's hash and root (the genesis hash and null before the first seal). */
const lastSeal = async (
  store: EventStore,
): Promise<{ readonly hash: string; readonly root: string | null }> => {
  for await (const event of store.readStream(SEAL_STREAM, { direction: "backwards", maxCount: 1 })) {
    const decoded = sealEvents.decode(event);
    return { hash: event.metadata.hash, root: E.isRight(decoded) ? decoded.right.data.root : null };
  }
  return { hash: GENESIS_HASH, root: null };
};

export interface SealOptions extends CommandHandlerOptions {
  readonly onEvent?: () => void;
  /** Sign the seal with this key (its public key registered in the ledger, valid now). */
  readonly signer?: Signer;
}

/** Read the whole store once and write a seal over every stream's head, signed when a signer is given. */
export const sealLedger = async (
  store: EventStore,
  who: { readonly actor: Actor; readonly occurredAt: string; readonly commandId?: string },
  options: SealOptions = {},
): Promise<E.Either<LedgerError, SealData>> => {
  const verifier = new LedgerVerifier((stream) => stream !== SEAL_STREAM);
  for await (const event of store.readAll()) {
    verifier.check(event);
    options.onEvent?.();
  }
  const algorithm = await readLedgerHashAlgorithm(store);
  if (E.isLeft(algorithm)) return algorithm;
  const hashAlgorithm = algorithm.right;
  const heads = sortedHeads(verifier.heads());
  const position = (verifier.report().position ?? 0n).toString();
  const handle = createCommandHandler(store, { ...options, hashAlgorithm });
  const root = sealRoot(heads, hashAlgorithm);
  let signature: SealSignature | undefined;
  if (options.signer !== undefined) {
    const previous = await lastSeal(store);
    signature = await signSeal(options.signer, {
      hashAlgorithm,
      position,
      previousRoot: previous.root,
      previousSeal: previous.hash,
      root,
      time: who.occurredAt,
    });
  }
  const data = { position, streams: heads.length, root, heads, hashAlgorithm };
  const outcome = await handle(sealAggregate, {
    command: { type: "SealLedger", data: signature === undefined ? data : { ...data, signature } },
    commandId: who.commandId ?? newId(),
    actor: who.actor,
    occurredAt: who.occurredAt,
  });
  if (E.isLeft(outcome)) return outcome;
  const sealed = outcome.right.events[0];
  return sealed === undefined ? E.left(auditError("NOT_SEALED", {})) : E.right(sealed.data);
};
