/**
 * Merkle proofs: that one event belongs to a seal. The proof carries the event, the events of
 * its stream after it up to the head the seal recorded (each hash covers the one before, so the
 * head vouches for the whole chain below it), the seal event, and the head's audit path in the
 * seal's tree. Anyone can check it with `verifyProof` and nothing else.
 */
import * as E from "fp-ts/lib/Either.js";
import { type ChainProblemDetail, chainProblemDetail } from "../kernel/chain-problem-texts";
import type { StoredEvent } from "../kernel/envelope";
import type { EventStore } from "../kernel/event-store";
import { hashAlgorithmOf, recomputeHash } from "../kernel/hash-chain";
import { storedEventFromJson, storedEventToJson } from "./event-json";
import { auditPath, rootFromPath } from "./merkle";
import { headLeaf, SEAL_STREAM, type SealData, sealEvents, sealHashAlgorithm } from "./seal";

export interface EventProof {
  readonly event: StoredEvent;
  /** The stream's events after `event`, up to the sealed head. */
  readonly following: ReadonlyArray<StoredEvent>;
  readonly seal: StoredEvent;
  readonly leafIndex: number;
  readonly path: ReadonlyArray<string>;
}

export type ProofFailure = { readonly code: "NOT_FOUND" | "NOT_SEALED"; readonly message: string };

/** Build a proof for `stream@revision` against the latest seal that covers it. */
export const proveEvent = async (
  store: EventStore,
  stream: string,
  revision: number,
): Promise<E.Either<ProofFailure, EventProof>> => {
  let event: StoredEvent | undefined;
  for await (const e of store.readStream(stream, { fromRevision: revision, maxCount: 1 })) event = e;
  if (event === undefined || event.revision !== revision)
    return E.left({ code: "NOT_FOUND", message: `There is no event ${stream}@${revision}.` });
  for await (const sealEvent of store.readStream(SEAL_STREAM, { direction: "backwards" })) {
    const decoded = sealEvents.decode(sealEvent);
    if (E.isLeft(decoded)) continue;
    const seal: SealData = decoded.right.data;
    const leafIndex = seal.heads.findIndex(([s]) => s === stream);
    const head = seal.heads[leafIndex];
    if (head === undefined || head[1] < revision) continue;
    const following: StoredEvent[] = [];
    if (head[1] > revision)
      for await (const e of store.readStream(stream, {
        fromRevision: revision + 1,
        maxCount: head[1] - revision,
      }))
        following.push(e);
    return E.right({
      event,
      following,
      seal: sealEvent,
      leafIndex,
      path: auditPath(
        seal.heads.map((h) => headLeaf(h, sealHashAlgorithm(seal))),
        leafIndex,
        sealHashAlgorithm(seal),
      ),
    });
  }
  return E.left({
    code: "NOT_SEALED",
    message: `No seal covers ${stream}@${revision} yet: write a seal first (audit seal).`,
  });
};

export interface ProofCheck {
  readonly ok: boolean;
  /** What is wrong, in English; `details` holds the same, coded, for other languages. */
  readonly problems: ReadonlyArray<string>;
  readonly details: ReadonlyArray<ChainProblemDetail>;
  /** The seal's root, which must match a copy of the seal kept outside the administrator's reach. */
  readonly root: string | undefined;
}

export const verifyProof = (proof: EventProof): ProofCheck => {
  const found: Array<ReturnType<typeof chainProblemDetail>> = [];
  const checked = (root: string | undefined): ProofCheck => ({
    ok: found.length === 0,
    problems: found.map((f) => f.message),
    details: found.map((f) => f.detail),
    root,
  });
  const at = (e: StoredEvent) => `${e.stream}@${e.revision}`;
  const chain = [proof.event, ...proof.following];
  chain.forEach((e, i) => {
    if (recomputeHash(e) !== e.metadata.hash)
      found.push(chainProblemDetail("PROOF_EVENT_CHANGED", { event: at(e) }));
    const before = chain[i - 1];
    if (
      before !== undefined &&
      (e.metadata.prevHash !== before.metadata.hash ||
        e.revision !== before.revision + 1 ||
        e.stream !== before.stream)
    )
      found.push(chainProblemDetail("PROOF_EVENT_OUT_OF_ORDER", { event: at(e), before: at(before) }));
  });
  if (recomputeHash(proof.seal) !== proof.seal.metadata.hash)
    found.push(chainProblemDetail("PROOF_SEAL_CHANGED", {}));
  const decoded = sealEvents.decode(proof.seal);
  if (E.isLeft(decoded)) {
    found.push(chainProblemDetail("PROOF_SEAL_UNREADABLE", {}));
    return { ...checked(undefined), ok: false };
  }
  const seal = decoded.right.data;
  const head = chain[chain.length - 1]!;
  const algorithm = sealHashAlgorithm(seal);
  for (const e of [...chain, proof.seal])
    if (hashAlgorithmOf(e.metadata.hash) !== algorithm)
      found.push(chainProblemDetail("PROOF_WRONG_ALGORITHM", { event: at(e), algorithm }));
  const leaf = headLeaf([head.stream, head.revision, head.metadata.hash], algorithm);
  const root = rootFromPath(leaf, proof.leafIndex, seal.heads.length, proof.path, algorithm);
  if (root !== seal.root) found.push(chainProblemDetail("PROOF_NOT_IN_TREE", {}));
  return checked(seal.root);
};

/** The proof as JSON text (what `audit prove` prints): positions as decimal strings. */
export const proofToJson = (proof: EventProof, indent?: number): string =>
  JSON.stringify(
    {
      event: storedEventToJson(proof.event),
      following: proof.following.map(storedEventToJson),
      seal: storedEventToJson(proof.seal),
      leafIndex: proof.leafIndex,
      path: proof.path,
    },
    null,
    indent,
  );

/**
 * Read a proof written by `proofToJson`. Only the envelopes' positions become bigints again:
 * the events' data stays exactly as written (a seal's own `position` is a string in its data).
 */
export const proofFromJson = (text: string): E.Either<string, EventProof> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return E.left("the proof is not JSON");
  }
  if (typeof json !== "object" || json === null) return E.left("the proof is not a JSON object");
  const { event, following, seal, leafIndex, path } = json as Record<string, unknown>;
  if (!Array.isArray(following)) return E.left("following: must be an array of events");
  if (!Number.isSafeInteger(leafIndex)) return E.left("leafIndex: must be an integer");
  if (!Array.isArray(path) || !path.every((p) => typeof p === "string"))
    return E.left("path: must be an array of hashes");
  const read = (what: string, value: unknown) =>
    E.mapLeft((problem: string) => `${what}: ${problem}`)(storedEventFromJson(value));
  const proven = read("event", event);
  if (E.isLeft(proven)) return proven;
  const sealEvent = read("seal", seal);
  if (E.isLeft(sealEvent)) return sealEvent;
  const after: StoredEvent[] = [];
  for (const [i, e] of following.entries()) {
    const decoded = read(`following[${i}]`, e);
    if (E.isLeft(decoded)) return decoded;
    after.push(decoded.right);
  }
  return E.right({
    event: proven.right,
    following: after,
    seal: sealEvent.right,
    leafIndex: leafIndex as number,
    path: path as string[],
  });
};
