import * as crypto from "node:crypto";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { verifyStore } from "../audit/verify";
import { ledgerEvents } from "../catalog";
import { EncryptedFieldCodec } from "../crypto/field-cipher";
import { createCommandHandler, foldStream } from "../kernel/command-handler";
import { createLedger } from "../kernel/create-ledger";
import type { Json, StoredEvent } from "../kernel/envelope";
import { LedgerFailure } from "../kernel/errors";
import { createMemoryStore } from "../kernel/memory-store";
import { runProjections } from "../kernel/projection";
import { supervisionLedgerEvents, supervisionProjection } from "../projections/supervision/model";
import { entityAggregate } from "../supervision/aggregates";
import { ACTORS, registerE1 } from "../supervision/testing";
import { createPrivacy, keylessPrivacy, maskEncryptedFields, protectedStore } from "./protect";
import { masterKeyOf, memorySubjectKeyStore } from "./subject-keys";

const PHONE = "13912345678";
const principalOf = (state: unknown) => (state as { principal?: unknown }).principal;
const master = () => masterKeyOf("mk-test", "sm4-gcm", crypto.randomBytes(16));

const setup = async (algorithm: "sm4-gcm" | "aes-256-gcm" = "sm4-gcm") => {
  const raw = createMemoryStore();
  const created = await createLedger(raw, {
    hashAlgorithm: "sm3",
    fieldEncryption: algorithm,
    actor: ACTORS.office,
    occurredAt: "2020-07-01",
  });
  expect(E.isRight(created)).toBe(true);
  const keys = memorySubjectKeyStore(master());
  const privacy = createPrivacy({ keys, algorithm });
  const store = protectedStore(raw, privacy);
  const handle = createCommandHandler(store);
  let n = 0;
  const send = (command: unknown) =>
    handle(entityAggregate, {
      command: command as never,
      actor: ACTORS.department,
      occurredAt: "2020-07-01T09:00:00+08:00",
      commandId: `c${++n}`,
    });
  const registered = await send({
    ...registerE1,
    data: { ...registerE1.data, principal: { name: "Wang Wei", phone: PHONE } },
  });
  expect(E.isRight(registered)).toBe(true);
  const rawEvents = async () => {
    const out: StoredEvent[] = [];
    for await (const e of raw.readStream("entity-E1")) out.push(e);
    return out;
  };
  return { raw, store, keys, privacy, send, rawEvents };
};

describe("personal fields encrypted before the chain", () => {
  it.each(["sm4-gcm", "aes-256-gcm"] as const)(
    "stores %s ciphertext under the subject's key; reads reveal; the chain verifies",
    async (algorithm) => {
      const { store, rawEvents, raw, keys } = await setup(algorithm);
      const [stored] = await rawEvents();
      const data = stored!.data as { principal: { name: Json; phone: Json }; name: string };
      expect(EncryptedFieldCodec.is(data.principal.name)).toBe(true);
      expect(EncryptedFieldCodec.is(data.principal.phone)).toBe(true);
      // each person their own subject: the record, the kind, the event that introduced them
      expect(data.principal.name).toMatchObject({ algorithm, keyId: `entity-E1/principal/${stored!.id}` });
      expect(data.name).toBe(registerE1.data.name);
      expect(JSON.stringify(stored!.data)).not.toContain(PHONE);
      expect(JSON.stringify(stored!.data)).not.toContain("Wang Wei");
      expect((await keys.subjects()).map((s) => s.subject)).toEqual([
        `entity-E1/principal/${stored!.id}`,
        `entity-E1/safety-manager/${stored!.id}`,
      ]);
      const folded = await foldStream(store, entityAggregate, "entity-E1");
      expect(E.isRight(folded) && principalOf(folded.right.state)).toEqual({
        name: "Wang Wei",
        phone: PHONE,
      });
      const report = await verifyStore(raw, { registry: ledgerEvents });
      expect(report.problems).toEqual([]);
      // projections read revealed events, and check their links against the stored bytes
      const projected = await runProjections(store, supervisionLedgerEvents, [
        supervisionProjection,
      ] as const);
      expect(projected.brokenLinks).toEqual([]);
      const keyless = await runProjections(
        protectedStore(raw, keylessPrivacy(algorithm)),
        supervisionLedgerEvents,
        [supervisionProjection] as const,
      );
      expect(keyless.brokenLinks).toEqual([]);
      expect(report.ok).toBe(true);
    },
  );

  it("a ledger created with encryption refuses commands through a handler with no keys", async () => {
    const { raw } = await setup();
    const handle = createCommandHandler(raw);
    const r = await handle(entityAggregate, {
      command: { ...registerE1, data: { ...registerE1.data, entityId: "E2" } } as never,
      actor: ACTORS.department,
      occurredAt: "2020-07-01T09:00:00+08:00",
      commandId: "x1",
    });
    expect(E.isLeft(r) && r.left.code).toBe("PERSONAL_DATA_KEYS_REQUIRED");
  });

  it("a ciphertext moved to another field or event does not decrypt", async () => {
    const { rawEvents, privacy } = await setup();
    const [stored] = await rawEvents();
    const data = stored!.data as Record<string, Record<string, Json>>;
    const moved: StoredEvent = {
      ...stored!,
      data: { ...data, principal: { ...data.principal!, name: data.principal!.phone! } },
    };
    expect(await privacy.check(stored!)).toEqual([]);
    expect(await privacy.check(moved)).toEqual([
      expect.objectContaining({ path: "principal.name", code: "NOT_AUTHENTIC", stream: "entity-E1" }),
    ]);
    await expect(privacy.reveal(moved)).rejects.toBeInstanceOf(LedgerFailure);
    const otherEvent: StoredEvent = { ...stored!, id: "0190f000-0000-7000-8000-000000000000" };
    expect((await privacy.check(otherEvent)).map((p) => p.path).sort()).toEqual([
      "principal.name",
      "principal.phone",
      "safetyManager.name",
    ]);
  });

  it("after the subject's key is destroyed: reads show the erased text, the chain still verifies, a new principal is registrable", async () => {
    const { store, raw, privacy, send, keys, rawEvents } = await setup();
    const [registered] = await rawEvents();
    const first = `entity-E1/principal/${registered!.id}`;
    await privacy.destroy(first, "2051-01-01T00:00:00Z");
    expect(await keys.lookup(first)).toMatchObject({ status: "destroyed" });
    const folded = await foldStream(store, entityAggregate, "entity-E1");
    expect(E.isRight(folded) && principalOf(folded.right.state)).toEqual({
      name: "已依法删除",
      phone: "已依法删除",
    });
    expect(E.isRight(folded) && (folded.right.state as { safetyManager?: unknown }).safetyManager).toEqual({
      name: "Li Na",
    });
    expect((await verifyStore(raw, { registry: ledgerEvents })).ok).toBe(true);
    const changed = await send({
      type: "ChangePrincipal",
      data: { entityId: "E1", principal: { name: "Ma Jun" }, reason: "new chairman" },
    });
    expect(E.isLeft(changed) ? changed.left : "ok").toBe("ok");
    const change = (await rawEvents())[1]!;
    const data = change.data as { from: Record<string, Json>; to: Record<string, Json> };
    // the former principal recorded as erased (no key needed), the new one under a subject of their own
    expect(data.from).toEqual({
      name: { erased: 1, keyId: first },
      phone: { erased: 1, keyId: first },
    });
    expect(data.to.name).toMatchObject({ keyId: `entity-E1/principal/${change.id}` });
    const after = await foldStream(store, entityAggregate, "entity-E1");
    expect(E.isRight(after) && principalOf(after.right.state)).toEqual({ name: "Ma Jun" });
    expect((await verifyStore(raw, { registry: ledgerEvents })).ok).toBe(true);
    const manager = await send({
      type: "ChangeSafetyManager",
      data: { entityId: "E1", safetyManager: { name: "Zhou Qi" }, reason: "retired" },
    });
    expect(E.isRight(manager)).toBe(true);
  });

  it("successive principals are distinct subjects: erasing one leaves the others readable", async () => {
    const { store, privacy, send, rawEvents } = await setup();
    for (const [name, reason] of [
      ["Ma Jun", "new chairman"],
      ["Sun Li", "merger"],
    ])
      expect(
        E.isRight(
          await send({ type: "ChangePrincipal", data: { entityId: "E1", principal: { name }, reason } }),
        ),
      ).toBe(true);
    const [registered, second, third] = await rawEvents();
    const subjectOf = (v: Json) => (v as { keyId: string }).keyId;
    const d2 = second!.data as { from: Record<string, Json>; to: Record<string, Json> };
    const d3 = third!.data as { from: Record<string, Json>; to: Record<string, Json> };
    // a former principal named again (`from`) goes under the subject that introduced them
    expect(subjectOf(d2.from.name!)).toBe(`entity-E1/principal/${registered!.id}`);
    expect(subjectOf(d2.to.name!)).toBe(`entity-E1/principal/${second!.id}`);
    expect(subjectOf(d3.from.name!)).toBe(`entity-E1/principal/${second!.id}`);
    expect(subjectOf(d3.to.name!)).toBe(`entity-E1/principal/${third!.id}`);
    await privacy.destroy(`entity-E1/principal/${second!.id}`, "2051-01-01T00:00:00Z");
    const revealed: StoredEvent[] = [];
    for await (const e of store.readStream("entity-E1")) revealed.push(e);
    expect(revealed.map((e) => e.data)).toMatchObject([
      { principal: { name: "Wang Wei", phone: PHONE } },
      { from: { name: "Wang Wei", phone: PHONE }, to: { name: "已依法删除" } },
      { from: { name: "已依法删除" }, to: { name: "Sun Li" } },
    ]);
  });

  it("masks encrypted fields so the rest of an event decodes without keys", async () => {
    const { rawEvents } = await setup();
    const [stored] = await rawEvents();
    expect(E.isLeft(ledgerEvents.decode(stored!))).toBe(true);
    expect(E.isRight(ledgerEvents.decode(maskEncryptedFields(stored!)))).toBe(true);
  });
});

describe("a data subject per person (property)", () => {
  it("whichever principals are erased, every other principal's value reads back and the chain verifies", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        async (changes, erasedMask) => {
          const { store, raw, privacy, send, rawEvents } = await setup();
          const names = ["Wang Wei", ...Array.from({ length: changes }, (_, i) => `Person ${i}`)];
          // erase some of the earlier principals between changes, then change again
          for (let i = 1; i < names.length; i++) {
            const before = await rawEvents();
            const introducing = before[i - 1]!;
            if (erasedMask[i - 1])
              await privacy.destroy(`entity-E1/principal/${introducing.id}`, "2051-01-01");
            const r = await send({
              type: "ChangePrincipal",
              data: { entityId: "E1", principal: { name: names[i] }, reason: `change ${i}` },
            });
            expect(E.isLeft(r) ? r.left : "ok").toBe("ok");
          }
          const expected = names.map((name, i) =>
            erasedMask[i] && i < names.length - 1 ? "已依法删除" : name,
          );
          const revealed: StoredEvent[] = [];
          for await (const e of store.readStream("entity-E1")) revealed.push(e);
          const introducedNames = revealed.map(
            (e, i) => (e.data as Record<string, { name: Json }>)[i === 0 ? "principal" : "to"]!.name,
          );
          expect(introducedNames).toEqual(expected);
          // each change's `from` is the person the previous event introduced, as that reads now
          for (let i = 1; i < revealed.length; i++)
            expect((revealed[i]!.data as { from: { name: Json } }).from.name).toBe(expected[i - 1]);
          expect((await verifyStore(raw, { registry: ledgerEvents })).ok).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});
