/**
 * The signed-seal cases of the audit conformance suite, on a real store: a forger who can write
 * the database but holds no signing key. Each case writes a random history, registers a key,
 * writes a signed seal, then forges by the store's own physical means (`tamper`'s `change`) or
 * by appending as a database writer could; verification must name the seal.
 */
import {
  type AuditProblemKind,
  chainEvents,
  chainHash,
  createCommandHandler,
  type EventStore,
  type EventToAppend,
  generateSigningKeyPair,
  hashAlgorithmOf,
  hashEvent,
  type LedgerReport,
  LedgerVerifier,
  NO_STREAM,
  newEventId,
  pemSigner,
  SEAL_STREAM,
  type SealData,
  SIGNING_KEYS_STREAM,
  type SignatureAlgorithm,
  type Signer,
  type StoredEvent,
  sealLedger,
  sealRoot,
  signingKeyAggregate,
  signSeal,
  sortedHeads,
  verifyLedger,
} from "@safety-ledger/core";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { historyArbitrary } from "./arbitraries";
import type { AuditContractOptions } from "./audit-contract";
import { collect, testActor } from "./events";

const SEALED_AT = "2021-01-01T00:00:00+08:00";
const KEY_FROM = "2020-01-01T00:00:00+08:00";

/** The event with its hash recomputed after `prevHash` (as a forger who can hash would). */
export const rehashed = (event: StoredEvent, prevHash: string): StoredEvent => {
  const { hash: _hash, ...rest } = { ...event.metadata, prevHash };
  const chain = chainHash(hashAlgorithmOf(event.metadata.hash) ?? "sha256");
  return { ...event, metadata: { ...rest, hash: hashEvent({ ...event, metadata: rest }, chain) } };
};

/** A stream's events rewritten by `edit` and chained again from its genesis. */
const rewritten = (events: ReadonlyArray<StoredEvent>, edit: (e: StoredEvent) => StoredEvent) => {
  let prevHash = events[0]!.metadata.prevHash;
  return events.map((e) => {
    const out = rehashed(edit(e), prevHash);
    prevHash = out.metadata.hash;
    return out;
  });
};

interface Sealed {
  readonly events: StoredEvent[];
  readonly seal: StoredEvent;
  readonly sealData: SealData;
  readonly keyEvents: StoredEvent[];
  readonly privateKeyPem: string;
}

/** Write the history, register a key of `algorithm`, seal signed with it. */
const writeRegisterAndSign = async (
  store: EventStore,
  history: ReadonlyArray<StoredEvent>,
  algorithm: SignatureAlgorithm,
): Promise<Sealed> => {
  const byStream = new Map<string, EventToAppend[]>();
  for (const { stream, revision: _r, position: _p, ...event } of history)
    byStream.set(stream, [...(byStream.get(stream) ?? []), event]);
  for (const [stream, events] of byStream) {
    const written = await store.append(stream, events, NO_STREAM);
    if (E.isLeft(written)) throw new Error(written.left.message);
  }
  const pair = generateSigningKeyPair(algorithm);
  const registered = await createCommandHandler(store)(signingKeyAggregate, {
    command: {
      type: "RegisterSigningKey",
      data: {
        keyId: "audit-1",
        algorithm,
        publicKey: pair.publicKeyPem,
        ownerUnit: "GY-AUDIT",
        validFrom: KEY_FROM,
      },
    },
    commandId: "register-audit-1",
    actor: testActor,
    occurredAt: KEY_FROM,
  });
  if (E.isLeft(registered)) throw new Error(registered.left.message);
  const sealed = await sealLedger(
    store,
    { actor: testActor, occurredAt: SEALED_AT },
    { signer: pemSigner("audit-1", pair.privateKeyPem) },
  );
  if (E.isLeft(sealed)) throw new Error(sealed.left.message);
  const all = await collect(store.readAll());
  return {
    events: all.filter((e) => e.stream !== SEAL_STREAM && e.stream !== SIGNING_KEYS_STREAM),
    seal: all.find((e) => e.stream === SEAL_STREAM)!,
    sealData: sealed.right,
    keyEvents: all.filter((e) => e.stream === SIGNING_KEYS_STREAM),
    privateKeyPem: pair.privateKeyPem,
  };
};

const sealProblems = (report: LedgerReport) =>
  report.problems.filter((p) => p.stream === SEAL_STREAM).map((p) => p.kind);

/** A seal over the store as it is now, signed with `signer` at a time after the key's retirement. */
const forgeSealWithRetiredKey = async (
  store: EventStore,
  sealed: Sealed,
  signer: Signer,
): Promise<EventToAppend> => {
  const verifier = new LedgerVerifier((stream) => stream !== SEAL_STREAM);
  for await (const event of store.readAll()) verifier.check(event);
  const hashAlgorithm = sealed.sealData.hashAlgorithm ?? "sha256";
  const heads = sortedHeads(verifier.heads());
  const position = (verifier.report().position ?? 0n).toString();
  const root = sealRoot(heads, hashAlgorithm);
  const time = "2021-07-01T00:00:00+08:00";
  const signature = await signSeal(signer, {
    hashAlgorithm,
    position,
    previousRoot: sealed.sealData.root,
    previousSeal: sealed.seal.metadata.hash,
    root,
    time,
  });
  const data = {
    position,
    streams: heads.length,
    root,
    heads,
    hashAlgorithm,
    signature,
    previousRoot: sealed.sealData.root,
  };
  const {
    hash: _h,
    prevHash: _p,
    ...metadata
  } = { ...sealed.seal.metadata, commandId: "forged-seal", occurredAt: time };
  return chainEvents(
    SEAL_STREAM,
    1,
    sealed.seal.metadata.hash,
    [{ id: newEventId(), type: "LedgerSealed", schemaVersion: 1, data: data as never, metadata }],
    chainHash(hashAlgorithm),
  )[0]!;
};

export const signedSealContract = <S extends EventStore>(options: AuditContractOptions<S>): void => {
  const runs = Math.max(2, Math.ceil((options.tamperRuns ?? 20) / 5));
  const scenario = fc.record({
    history: historyArbitrary({ maxStreams: 4, maxEventsPerStream: 4 }).filter((h) => h.length > 0),
    algorithm: fc.constantFrom<SignatureAlgorithm>("sm2", "ed25519"),
    pick: fc.nat(),
  });

  /** Write, register, sign, forge with `forge` (changes made through `tamper`), verify. */
  const forging = (
    name: string,
    forge: (sealed: Sealed, store: S, pick: number) => Promise<ReadonlyArray<StoredEvent>>,
    expected: ReadonlyArray<AuditProblemKind>,
  ) =>
    it(name, async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ history, algorithm, pick }) => {
          const store = await options.makeStore();
          let current: EventStore = store;
          try {
            const sealed = await writeRegisterAndSign(store, history, algorithm);
            for (const replacement of await forge(sealed, store, pick)) {
              const target = [...sealed.events, ...sealed.keyEvents, sealed.seal].find(
                (e) => e.stream === replacement.stream && e.revision === replacement.revision,
              )!;
              current = await options.tamper(current as S, { kind: "change", target, replacement });
            }
            const report = await verifyLedger(current);
            expect(report.ok).toBe(false);
            expect(sealProblems(report)).toEqual(expect.arrayContaining([...expected]));
          } finally {
            if (current !== store) await current.close();
            await store.close();
          }
        }),
        { numRuns: runs },
      );
    });

  describe(`signed seals: ${options.name}`, () => {
    it("an intact ledger with a signed seal verifies, and names who signed it", async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ history, algorithm }) => {
          const store = await options.makeStore();
          try {
            await writeRegisterAndSign(store, history, algorithm);
            const report = await verifyLedger(store);
            expect(report.problems).toEqual([]);
            expect(report.signers).toEqual([
              { seal: 0, keyId: "audit-1", ownerUnit: "GY-AUDIT", algorithm, time: SEALED_AT, ok: true },
            ]);
          } finally {
            await store.close();
          }
        }),
        { numRuns: runs },
      );
    });

    /** One stream rewritten and chained again, and the seal rewritten over its new head. */
    const rewriteAndReseal =
      (keepSignature: boolean) =>
      async ({ events, seal, sealData }: Sealed, _s: S, pick: number) => {
        const streams = [...new Set(events.map((e) => e.stream))];
        const stream = streams[pick % streams.length]!;
        const forged = rewritten(
          events.filter((e) => e.stream === stream),
          (e) => ({ ...e, data: { forged: true } }),
        );
        const last = forged[forged.length - 1]!;
        const heads = sealData.heads.map((h): [string, number, string] =>
          h[0] === stream ? [stream, last.revision, last.metadata.hash] : [h[0], h[1], h[2]],
        );
        const { signature, ...unsigned } = seal.data as unknown as SealData;
        const root = sealRoot(heads, sealData.hashAlgorithm ?? "sha256");
        const data = { ...unsigned, heads, root, ...(keepSignature ? { signature } : {}) };
        return [...forged, rehashed({ ...seal, data: data as never }, seal.metadata.prevHash)];
      };

    forging(
      "a stream rewritten and re-sealed under the old signature is found at the seal",
      rewriteAndReseal(true),
      ["seal-signature"],
    );

    forging(
      "a stream rewritten and re-sealed without a signature is found at the seal",
      rewriteAndReseal(false),
      ["seal-unsigned"],
    );

    forging(
      "a forged signature value is found",
      async ({ seal }) => {
        const data = seal.data as unknown as SealData;
        const value = Buffer.from(data.signature!.value, "base64");
        value[value.length - 5]! ^= 1;
        const forged = { ...data, signature: { ...data.signature!, value: value.toString("base64") } };
        return [rehashed({ ...seal, data: forged as never }, seal.metadata.prevHash)];
      },
      ["seal-signature"],
    );

    forging(
      "a registered public key replaced by the forger's is found: the seal no longer verifies",
      async ({ keyEvents }) =>
        rewritten(keyEvents, (e) => {
          const data = e.data as { algorithm: SignatureAlgorithm };
          const forger = generateSigningKeyPair(data.algorithm);
          return e.type === "SigningKeyRegistered"
            ? { ...e, data: { ...data, publicKey: forger.publicKeyPem } }
            : e;
        }),
      ["seal-signature"],
    );

    it("a seal signed with a retired key, appended by a database writer, is found", async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ history, algorithm }) => {
          const store = await options.makeStore();
          try {
            const sealed = await writeRegisterAndSign(store, history, algorithm);
            const retired = await createCommandHandler(store)(signingKeyAggregate, {
              command: { type: "RetireSigningKey", data: { keyId: "audit-1", reason: "rotated" } },
              commandId: "retire-audit-1",
              actor: testActor,
              occurredAt: "2021-06-01T00:00:00+08:00",
            });
            expect(E.isRight(retired)).toBe(true);
            // the ledger refuses it through the command path...
            const signer = pemSigner("audit-1", sealed.privateKeyPem);
            const refused = await sealLedger(
              store,
              { actor: testActor, occurredAt: "2021-07-01T00:00:00+08:00" },
              { signer },
            );
            expect(E.isLeft(refused) && refused.left._tag === "DomainError" && refused.left.code).toBe(
              "SEAL_SIGNATURE",
            );
            // ...so the holder of the old key writes one past it, as the database allows
            const forged = await forgeSealWithRetiredKey(store, sealed, signer);
            const written = await store.append(SEAL_STREAM, [forged], { revision: 0 });
            expect(E.isRight(written)).toBe(true);
            const report = await verifyLedger(store);
            expect(report.problems).toContainEqual(
              expect.objectContaining({ stream: SEAL_STREAM, revision: 1, kind: "seal-key" }),
            );
          } finally {
            await store.close();
          }
        }),
        { numRuns: runs },
      );
    });
  });
};
