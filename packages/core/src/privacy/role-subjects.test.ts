/**
 * Events written before per-person subjects hold their personal fields under one subject per
 * role of a record (`entity-E1/principal`). Accepted means readable forever: such events stay
 * readable and erasable, and a ledger holding them takes new persons under subjects of their own.
 */
import * as crypto from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { verifyStore } from "../audit/verify";
import { ledgerEvents } from "../catalog";
import { softwareFieldCipher } from "../crypto/field-cipher";
import { createCommandHandler, foldStream } from "../kernel/command-handler";
import { createLedger } from "../kernel/create-ledger";
import type { Json, StoredEvent } from "../kernel/envelope";
import type { FieldProtection } from "../kernel/field-protection";
import { createMemoryStore } from "../kernel/memory-store";
import { entityAggregate } from "../supervision/aggregates";
import { ACTORS, registerE1 } from "../supervision/testing";
import { erasePersonalData } from "./erasure";
import { personalFieldsOf } from "./personal-fields";
import { createPrivacy, protectedStore } from "./protect";
import { parseSubject, roleSubjectId } from "./subject-ids";
import { masterKeyOf, memorySubjectKeyStore, type SubjectKeyStore } from "./subject-keys";

/** The encryption as the ledger did it before per-person subjects: one subject per record and kind. */
const roleSubjectProtection = (keys: SubjectKeyStore): FieldProtection => {
  const cipher = softwareFieldCipher();
  const setAt = (data: Json, path: string[], leaf: (v: Json) => Json): Json => {
    const record = data as Record<string, Json>;
    const [head, ...rest] = path;
    if (record[head!] === undefined) return data;
    return {
      ...record,
      [head!]: rest.length === 0 ? leaf(record[head!]!) : setAt(record[head!]!, rest, leaf),
    };
  };
  return {
    protect: async (stream, events) => {
      const out = [];
      for (const event of events) {
        let data = event.data;
        for (const field of personalFieldsOf(event.type, event.schemaVersion)) {
          const subject = roleSubjectId(stream, field.subject);
          const key = await keys.dataKeyFor(subject, "sm4-gcm");
          if (key.status !== "live") throw new Error(`${subject} destroyed`);
          data = setAt(
            data,
            field.path.split("."),
            (v) =>
              cipher.encrypt(v, key.key, { stream, eventId: event.id, path: field.path }) as unknown as Json,
          );
        }
        out.push({ type: event.type, schemaVersion: event.schemaVersion, data });
      }
      return E.right(out);
    },
  };
};

const setup = async () => {
  const raw = createMemoryStore();
  await createLedger(raw, {
    hashAlgorithm: "sm3",
    fieldEncryption: "sm4-gcm",
    actor: ACTORS.office,
    occurredAt: "2020-07-01",
  });
  const keys = memorySubjectKeyStore(masterKeyOf("mk", "sm4-gcm", crypto.randomBytes(16)));
  let n = 0;
  const envelope = (command: unknown) => ({
    command: command as never,
    actor: ACTORS.department,
    occurredAt: "2020-07-01T09:00:00+08:00",
    commandId: `c${++n}`,
  });
  // written the old way
  const old = createCommandHandler(raw, { fieldProtection: roleSubjectProtection(keys) });
  for (const command of [
    { ...registerE1, data: { ...registerE1.data, principal: { name: "Wang Wei", phone: "13912345678" } } },
    {
      type: "ChangePrincipal",
      data: { entityId: "E1", principal: { name: "Ma Jun" }, reason: "new chairman" },
    },
  ])
    expect(E.isRight(await old(entityAggregate, envelope(command)))).toBe(true);
  const privacy = createPrivacy({ keys, algorithm: "sm4-gcm", erasedText: "erased" });
  const store = protectedStore(raw, privacy);
  const rawEvents = async () => {
    const out: StoredEvent[] = [];
    for await (const e of raw.readStream("entity-E1")) out.push(e);
    return out;
  };
  const keyIdOf = (v: Json) => (v as { keyId: string }).keyId;
  return { raw, keys, privacy, store, envelope, rawEvents, keyIdOf };
};

describe("events with role subjects (`<stream>/<kind>`, before per-person subjects)", () => {
  it("stay readable, and a new principal gets a subject of their own while the former stays under the role subject", async () => {
    const { store, raw, envelope, rawEvents, keyIdOf } = await setup();
    const stored = await rawEvents();
    expect(keyIdOf((stored[0]!.data as { principal: { name: Json } }).principal.name)).toBe(
      "entity-E1/principal",
    );
    const folded = await foldStream(store, entityAggregate, "entity-E1");
    expect(E.isRight(folded) && (folded.right.state as { principal?: unknown }).principal).toEqual({
      name: "Ma Jun",
    });
    const handle = createCommandHandler(store);
    const changed = await handle(
      entityAggregate,
      envelope({
        type: "ChangePrincipal",
        data: { entityId: "E1", principal: { name: "Sun Li" }, reason: "merger" },
      }),
    );
    expect(E.isRight(changed)).toBe(true);
    const third = (await rawEvents())[2]!;
    const data = third.data as { from: { name: Json }; to: { name: Json } };
    expect(keyIdOf(data.from.name)).toBe("entity-E1/principal");
    expect(keyIdOf(data.to.name)).toBe(`entity-E1/principal/${third.id}`);
    expect(parseSubject(keyIdOf(data.to.name))).toEqual({
      stream: "entity-E1",
      kind: "principal",
      eventId: third.id,
    });
    expect(parseSubject("entity-E1/principal")).toEqual({ stream: "entity-E1", kind: "principal" });
    expect((await verifyStore(raw, { registry: ledgerEvents })).ok).toBe(true);
  });

  it("stay erasable: erasing the role subject erases the persons it holds and leaves a later principal readable", async () => {
    const { store, raw, keys, privacy, envelope, rawEvents } = await setup();
    const handle = createCommandHandler(store);
    expect(
      E.isRight(
        await handle(
          entityAggregate,
          envelope({
            type: "ChangePrincipal",
            data: { entityId: "E1", principal: { name: "Sun Li" }, reason: "merger" },
          }),
        ),
      ),
    ).toBe(true);
    const erased = await erasePersonalData(
      store,
      keys,
      handle,
      {
        command: {
          type: "ErasePersonalData",
          data: {
            subject: "entity-E1/principal",
            legalBasis: "PIPL art. 47(1)(2)",
            appraisalReference: "GY-ARCH-2031-007",
            approvingUnits: ["GY-ARCHIVES", "GY-EMB"],
          },
        },
        actor: ACTORS.office,
        occurredAt: "2031-01-02T09:00:00+08:00",
        commandId: "erase-role",
      },
      { destroy: privacy.destroy },
    );
    expect(E.isLeft(erased) ? erased.left : "ok").toBe("ok");
    const revealed: StoredEvent[] = [];
    for await (const e of store.readStream("entity-E1")) revealed.push(e);
    expect(revealed.map((e) => e.data)).toMatchObject([
      { principal: { name: "erased", phone: "erased" } },
      { from: { name: "erased", phone: "erased" }, to: { name: "erased" } },
      { from: { name: "erased" }, to: { name: "Sun Li" } },
    ]);
    expect((await keys.subjects("entity-E1/principal")).map((s) => s.status)).toEqual(["destroyed", "live"]);
    expect((await rawEvents()).length).toBe(3);
    expect((await verifyStore(raw, { registry: ledgerEvents })).ok).toBe(true);
  });
});
