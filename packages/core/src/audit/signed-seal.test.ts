import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { generateSigningKeyPair, pemSigner, type SignatureAlgorithm } from "../crypto/signature";
import { createCommandHandler } from "../kernel/command-handler";
import { createLedger } from "../kernel/create-ledger";
import type { StoredEvent } from "../kernel/envelope";
import type { EventStore } from "../kernel/event-store";
import { chainHash, hashAlgorithmOf, hashEvent } from "../kernel/hash-chain";
import { createMemoryStore } from "../kernel/memory-store";
import { counterAggregate } from "../kernel/testing/counter";
import { exportLines, verifyExport } from "./export";
import { SEAL_STREAM, type SealData, sealLedger } from "./seal";
import { signingKeyAggregate } from "./signing-keys";
import { verifyLedger } from "./verify-ledger";

const actor = { unit: "GY-AUDIT", role: "office", person: "Zhao" };
const at = "2021-01-01T00:00:00+08:00";

const signedLedger = async (algorithm: SignatureAlgorithm, sm3: boolean) => {
  const store = createMemoryStore();
  if (sm3) await createLedger(store, { hashAlgorithm: "sm3", actor, occurredAt: at });
  const handle = createCommandHandler(store);
  for (const id of ["a", "b"])
    await handle(counterAggregate, {
      command: { type: "Increment", data: { id, by: 1 } },
      commandId: `inc-${id}`,
      actor,
      occurredAt: at,
    });
  const pair = generateSigningKeyPair(algorithm);
  const registered = await handle(signingKeyAggregate, {
    command: {
      type: "RegisterSigningKey",
      data: { keyId: "k1", algorithm, publicKey: pair.publicKeyPem, ownerUnit: "GY-AUDIT", validFrom: at },
    },
    commandId: "register-k1",
    actor,
    occurredAt: at,
  });
  expect(E.isRight(registered)).toBe(true);
  const sealed = await sealLedger(
    store,
    { actor, occurredAt: at },
    { signer: pemSigner("k1", pair.privateKeyPem) },
  );
  expect(E.isRight(sealed)).toBe(true);
  return { store, pair };
};

const linesOf = async (store: EventStore) => {
  const lines: string[] = [];
  for await (const line of exportLines(store)) lines.push(line);
  return lines;
};
const fromLines = (lines: ReadonlyArray<string>) =>
  async function* () {
    yield* lines;
  };

/** The export with the seal line's data edited and the seal rehashed, as a forger would. */
const withSealEdited = (lines: ReadonlyArray<string>, edit: (data: SealData) => SealData) =>
  lines.map((line) => {
    const { canonical: _bytes, ...event } = JSON.parse(line) as StoredEvent & {
      position: string;
      canonical?: string;
    };
    if (event.stream !== SEAL_STREAM) return line;
    const data = edit(event.data as unknown as SealData) as never;
    const { hash: _, ...metadata } = event.metadata;
    const hash = hashEvent(
      { ...event, data, metadata },
      chainHash(hashAlgorithmOf(event.metadata.hash) ?? "sha256"),
    );
    return JSON.stringify({ ...event, data, metadata: { ...metadata, hash } });
  });

describe.each([
  ["sm2", true],
  ["ed25519", false],
] as const)("seals signed with %s (SM3 ledger: %s)", (algorithm, sm3) => {
  it("verify names the signer, in the store and in its export", async () => {
    const { store } = await signedLedger(algorithm, sm3);
    const expected = [{ seal: 0, keyId: "k1", ownerUnit: "GY-AUDIT", algorithm, time: at, ok: true }];
    const report = await verifyLedger(store);
    expect(report.problems).toEqual([]);
    expect(report.signers).toEqual(expected);
    const fromFile = await verifyExport(fromLines(await linesOf(store)));
    expect(fromFile.problems).toEqual([]);
    expect(fromFile.signers).toEqual(expected);
  });

  it("an export whose seal signature was forged, or whose statement was changed, is found", async () => {
    const { store } = await signedLedger(algorithm, sm3);
    const lines = await linesOf(store);
    const forged = withSealEdited(lines, (d) => {
      const value = Buffer.from(d.signature!.value, "base64");
      value[10]! ^= 0x40;
      return { ...d, signature: { ...d.signature!, value: value.toString("base64") } };
    });
    const kinds = (await verifyExport(fromLines(forged))).problems.map((p) => p.kind);
    expect(kinds).toContain("seal-signature");
    const retimed = withSealEdited(lines, (d) => ({
      ...d,
      signature: { ...d.signature!, time: "2030-01-01T00:00:00Z" },
    }));
    expect((await verifyExport(fromLines(retimed))).problems.map((p) => p.kind)).toContain("seal-signature");
  });

  it("a seal line carries the bytes its hash covers; bytes that are not the seal's own are refused", async () => {
    const { store } = await signedLedger(algorithm, sm3);
    const lines = await linesOf(store);
    const at = lines.findIndex((l) => l.includes(`"stream":"${SEAL_STREAM}"`));
    const line = JSON.parse(lines[at]!) as { canonical: string; metadata: { hash: string } };
    const bytes = Buffer.from(line.canonical, "base64").toString("utf8");
    expect(chainHash(sm3 ? "sm3" : "sha256").digest(bytes)).toBe(line.metadata.hash);
    const edited = [...lines];
    edited[at] = JSON.stringify({ ...line, canonical: Buffer.from(`${bytes} `).toString("base64") });
    await expect(verifyExport(fromLines(edited))).rejects.toThrow(/canonical bytes/);
  });

  it("the ledger refuses a seal signed by an unregistered key, or by a key that is not the registered one", async () => {
    const { store } = await signedLedger(algorithm, sm3);
    const stranger = pemSigner("k2", generateSigningKeyPair(algorithm).privateKeyPem);
    const unknown = await sealLedger(store, { actor, occurredAt: at }, { signer: stranger });
    expect(E.isLeft(unknown) && unknown.left.message).toMatch(/does not register/);
    const impostor = pemSigner("k1", generateSigningKeyPair(algorithm).privateKeyPem);
    const wrong = await sealLedger(store, { actor, occurredAt: at }, { signer: impostor });
    expect(E.isLeft(wrong) && wrong.left.message).toMatch(/does not verify/);
    expect((await verifyLedger(store)).seals).toBe(1);
  });

  it("a key is retired at a time: a bare date is refused, naming occurredAt, and nothing is appended", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    const pair = generateSigningKeyPair("ed25519");
    await handle(signingKeyAggregate, {
      command: {
        type: "RegisterSigningKey",
        data: {
          keyId: "k1",
          algorithm: "ed25519",
          publicKey: pair.publicKeyPem,
          ownerUnit: "GY-AUDIT",
          validFrom: at,
        },
      },
      commandId: "register-k1",
      actor,
      occurredAt: at,
    });
    const retire = (occurredAt: string, commandId: string) =>
      handle(signingKeyAggregate, {
        command: { type: "RetireSigningKey", data: { keyId: "k1", reason: "rotated" } },
        commandId,
        actor,
        occurredAt,
      });
    const onADay = await retire("2021-06-30", "retire-day");
    expect(E.isLeft(onADay) && onADay.left).toMatchObject({
      code: "KEY_RETIREMENT_NEEDS_TIME",
      field: "occurredAt",
    });
    const atATime = await retire("2021-06-30T17:00:00+08:00", "retire-time");
    expect(E.isRight(atATime)).toBe(true);
  });
});
