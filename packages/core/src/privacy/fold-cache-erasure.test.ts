/**
 * A handler kept in a long-running process caches its folded states, which hold revealed
 * values: an erasure made by another process (another handle on the same key store) must not
 * leave them in use.
 */
import * as crypto from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createCommandHandler, foldStream } from "../kernel/command-handler";
import { createLedger } from "../kernel/create-ledger";
import type { Json, StoredEvent } from "../kernel/envelope";
import { createMemoryStore } from "../kernel/memory-store";
import { entityAggregate } from "../supervision/aggregates";
import { ACTORS, registerE1 } from "../supervision/testing";
import { createPrivacy, protectedStore } from "./protect";
import { masterKeyOf, memorySubjectKeyStore, type SubjectKeyRow } from "./subject-keys";

describe("a handler's fold cache after an erasure in another process", () => {
  it("folds again: the former principal is recorded as erased, not re-encrypted from the cached clear value", async () => {
    const raw = createMemoryStore();
    await createLedger(raw, {
      hashAlgorithm: "sha256",
      fieldEncryption: "sm4-gcm",
      actor: ACTORS.office,
      occurredAt: "2020-07-01",
    });
    const master = masterKeyOf("mk", "sm4-gcm", crypto.randomBytes(16));
    const rows = new Map<string, SubjectKeyRow>(); // the key table both processes share
    const process = () => {
      const privacy = createPrivacy({ keys: memorySubjectKeyStore(master, rows), algorithm: "sm4-gcm" });
      const store = protectedStore(raw, privacy);
      return { privacy, store, handle: createCommandHandler(store) };
    };
    const a = process();
    const b = process();
    let n = 0;
    const envelope = (command: unknown) => ({
      command: command as never,
      actor: ACTORS.department,
      occurredAt: "2020-07-01T09:00:00+08:00",
      commandId: `c${++n}`,
    });
    const registered = await a.handle(
      entityAggregate,
      envelope({
        ...registerE1,
        data: { ...registerE1.data, principal: { name: "Wang Wei", phone: "13912345678" } },
      }),
    );
    expect(E.isRight(registered)).toBe(true);
    // a's cache now holds the principal in clear; b erases them
    const principal = [...rows.keys()].find((s) => s.startsWith("entity-E1/principal/"))!;
    await b.privacy.destroy(principal, "2051-01-01T00:00:00Z");
    const changed = await a.handle(
      entityAggregate,
      envelope({
        type: "ChangePrincipal",
        data: { entityId: "E1", principal: { name: "Ma Jun" }, reason: "new" },
      }),
    );
    expect(E.isLeft(changed) ? changed.left : "ok").toBe("ok");
    const stored: StoredEvent[] = [];
    for await (const e of raw.readStream("entity-E1")) stored.push(e);
    expect((stored[1]!.data as { from: Json }).from).toEqual({
      name: { erased: 1, keyId: principal },
      phone: { erased: 1, keyId: principal },
    });
    // and a's reads no longer reveal with the key it had cached
    const folded = await foldStream(a.store, entityAggregate, "entity-E1");
    expect(E.isRight(folded) && (folded.right.state as { principal?: unknown }).principal).toEqual({
      name: "Ma Jun",
    });
    const first: StoredEvent[] = [];
    for await (const e of a.store.readStream("entity-E1", { maxCount: 1 })) first.push(e);
    expect((first[0]!.data as { principal: unknown }).principal).toEqual({
      name: "已依法删除",
      phone: "已依法删除",
    });
  });
});
