import * as crypto from "node:crypto";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { ledgerEvents } from "../catalog";
import { createCommandHandler } from "../kernel/command-handler";
import type { Actor } from "../kernel/envelope";
import { createMemoryStore } from "../kernel/memory-store";
import { ACTORS } from "../supervision/testing";
import { MASTER_KEY_ROTATION_STREAM, recordMasterKeyRotation } from "./master-key-rotation";
import { masterKeyFingerprint, masterKeyOf } from "./subject-keys";

describe("master-key rotations in the ledger", () => {
  it("a fingerprint names a key without giving it away", () => {
    const key = crypto.randomBytes(32);
    const a = masterKeyOf("m-1", "aes-256-gcm", key);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(a.fingerprint).toBe(masterKeyFingerprint("aes-256-gcm", key));
    expect(a.fingerprint).not.toContain(key.toString("hex").slice(0, 16));
    expect(masterKeyOf("m-1", "aes-256-gcm", crypto.randomBytes(32)).fingerprint).not.toBe(a.fingerprint);
    expect(masterKeyFingerprint("sm4-gcm", key.subarray(0, 16))).not.toBe(
      masterKeyFingerprint("aes-256-gcm", key.subarray(0, 16)),
    );
  });

  it("are recorded by the office or the lead group, one stream in order, readable", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    const data = (to: string) => ({
      fromKeyId: "m-1",
      toKeyId: to,
      fingerprint: { algorithm: "sha256" as const, hex: "ab".repeat(32) },
      rewrapped: 3,
      destroyed: 1,
    });
    const run = (commandId: string, actor: Actor = ACTORS.office, d: Record<string, unknown> = data("m-2")) =>
      recordMasterKeyRotation(handle, {
        command: { type: "RecordMasterKeyRotation", data: d as never },
        actor,
        occurredAt: "2031-03-01T10:00:00+08:00",
        commandId,
      });
    const clerk = await run("c-0", ACTORS.department);
    expect(E.isLeft(clerk) && clerk.left._tag).toBe("PermissionDenied");
    const bad = await run("c-1", ACTORS.office, {
      ...data("m-2"),
      fingerprint: { algorithm: "sha256", hex: "xyz" },
    });
    expect(E.isLeft(bad) && bad.left._tag).toBe("ValidationError");
    const negative = await run("c-2", ACTORS.office, { ...data("m-2"), rewrapped: -1 });
    expect(E.isLeft(negative)).toBe(true);
    const done = await run("c-3");
    expect(E.isRight(done) && done.right.stream).toBe(MASTER_KEY_ROTATION_STREAM);
    expect(E.isRight(await run("c-4", ACTORS.office, { ...data("m-3"), fromKeyId: "m-2" }))).toBe(true);
    const stored = [];
    for await (const event of store.readStream(MASTER_KEY_ROTATION_STREAM)) stored.push(event);
    expect(stored.map((e) => (e.data as { toKeyId: string }).toKeyId)).toEqual(["m-2", "m-3"]);
    expect(stored[0]!.data).toMatchObject({
      on: "2031-03-01",
      by: ACTORS.office,
      rewrapped: 3,
      destroyed: 1,
    });
    for (const e of stored) expect(E.isRight(ledgerEvents.decode(e))).toBe(true);
  });

  it("accepted means readable: a record the decoder and decider accept leaves events the ledger reads", async () => {
    // mostly values the decoder takes, sometimes odd ones, so both sides of the law are reached
    const mostly = <T, U>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
      fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: odd });
    const keyId = mostly(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom("", " ", "\u0000", 7));
    const count = mostly(fc.nat({ max: 10_000 }), fc.constantFrom(-1, 0.5, Number.NaN, "3"));
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          fromKeyId: keyId,
          toKeyId: keyId,
          fingerprint: fc.record({
            algorithm: mostly(fc.constant("sha256"), fc.constantFrom("sm3", "")),
            hex: mostly(
              fc.constant("0123456789abcdef".repeat(4)),
              fc.constantFrom("A".repeat(64), "a".repeat(63)),
            ),
          }),
          rewrapped: count,
          destroyed: count,
        }),
        async (data) => {
          n += 1;
          const done = await recordMasterKeyRotation(handle, {
            command: { type: "RecordMasterKeyRotation", data: data as never },
            actor: ACTORS.office,
            occurredAt: "2031-03-01T10:00:00+08:00",
            commandId: `law-${n}`,
          });
          if (E.isLeft(done)) return;
          for await (const stored of store.readStream(done.right.stream))
            expect(ledgerEvents.decode(stored)).toMatchObject({ _tag: "Right" });
        },
      ),
      { numRuns: 60 },
    );
    const accepted = [];
    for await (const e of store.readStream(MASTER_KEY_ROTATION_STREAM)) accepted.push(e);
    expect(accepted.length).toBeGreaterThan(0);
  });
});
