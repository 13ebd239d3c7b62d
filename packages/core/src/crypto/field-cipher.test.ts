import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { AeadAlgorithm } from "./aead";
import { type DataKey, EncryptedFieldCodec, type FieldBinding, softwareFieldCipher } from "./field-cipher";

const keys: Record<AeadAlgorithm, DataKey> = {
  "sm4-gcm": { id: "subject-7f3a/1", algorithm: "sm4-gcm", key: Buffer.alloc(16, 7) },
  "aes-256-gcm": { id: "subject-7f3a/2", algorithm: "aes-256-gcm", key: Buffer.alloc(32, 9) },
};
const binding: FieldBinding = {
  stream: "entity-E1",
  eventId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  path: "principal.phone",
};
const cipher = softwareFieldCipher();

describe.each(["sm4-gcm", "aes-256-gcm"] as const)("a personal field under %s", (algorithm) => {
  const key = keys[algorithm];
  const sealed = cipher.encrypt("13900001111", key, binding);

  it("records the algorithm and the key id, and keeps the value out of the stored form", () => {
    expect(sealed).toMatchObject({ encrypted: 1, algorithm, keyId: key.id });
    expect(E.isRight(EncryptedFieldCodec.decode(sealed))).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain("13900001111");
  });

  it("decrypts with its key where it was written", () => {
    expect(cipher.decrypt(sealed, key, binding)).toEqual(E.right("13900001111"));
    const person = cipher.encrypt({ name: "王伟", phone: "13900001111" }, key, binding);
    expect(cipher.decrypt(person, key, binding)).toEqual(E.right({ name: "王伟", phone: "13900001111" }));
  });

  it.each([
    ["another event", { ...binding, eventId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c" }],
    ["another field", { ...binding, path: "safetyManager.phone" }],
    ["another stream", { ...binding, stream: "entity-E2" }],
  ])("does not decrypt when moved to %s", (_where, moved) => {
    const result = cipher.decrypt(sealed, key, moved);
    expect(E.isLeft(result) && result.left.code).toBe("NOT_AUTHENTIC");
  });

  it("does not decrypt when altered, or under another key id", () => {
    const altered = { ...sealed, ciphertext: Buffer.from("x".repeat(11)).toString("base64") };
    expect(E.isLeft(cipher.decrypt(altered, key, binding))).toBe(true);
    const relabelled = { ...sealed, keyId: "subject-other/1" };
    expect(E.isLeft(cipher.decrypt(relabelled, { ...key, id: "subject-other/1" }, binding))).toBe(true);
    const wrong = cipher.decrypt(sealed, { ...key, id: "subject-other/1" }, binding);
    expect(E.isLeft(wrong) && wrong.left.code).toBe("WRONG_KEY");
  });

  it("takes a fresh IV for each value", () => {
    expect(cipher.encrypt("13900001111", key, binding).iv).not.toBe(sealed.iv);
  });
});
