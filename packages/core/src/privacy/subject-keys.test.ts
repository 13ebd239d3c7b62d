import * as crypto from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileMasterKey, masterKeyOf, memorySubjectKeyStore, newMasterKeyFile } from "./subject-keys";

describe("subject keys", () => {
  it("wraps data keys under the master key, bound to the subject", () => {
    const master = masterKeyOf("mk-1", "aes-256-gcm", crypto.randomBytes(32));
    const dataKey = crypto.randomBytes(16);
    const wrapped = master.wrap("entity-E1/principal", "sm4-gcm", dataKey);
    expect(Buffer.from(wrapped.wrapped).includes(dataKey)).toBe(false);
    expect(Buffer.from(master.unwrap("entity-E1/principal", wrapped)!)).toEqual(dataKey);
    expect(master.unwrap("entity-E2/principal", wrapped)).toBeUndefined();
    const other = masterKeyOf("mk-1", "aes-256-gcm", crypto.randomBytes(32));
    expect(other.unwrap("entity-E1/principal", wrapped)).toBeUndefined();
  });

  it("creates a key once, keeps a tombstone when destroyed and never creates a fresh one", async () => {
    const keys = memorySubjectKeyStore(masterKeyOf("mk", "sm4-gcm", crypto.randomBytes(16)));
    expect(await keys.lookup("s/principal")).toEqual({ status: "none" });
    const first = await keys.dataKeyFor("s/principal", "sm4-gcm");
    const again = await keys.dataKeyFor("s/principal", "sm4-gcm");
    expect(
      first.status === "live" && again.status === "live" && Buffer.from(first.key.key).equals(again.key.key),
    ).toBe(true);
    await keys.destroy("s/principal", "2050-01-01T00:00:00Z");
    await keys.destroy("s/principal", "2051-01-01T00:00:00Z");
    expect(await keys.dataKeyFor("s/principal", "sm4-gcm")).toEqual({
      status: "destroyed",
      destroyedAt: "2050-01-01T00:00:00Z",
    });
    expect(keys.rows()).toEqual([{ subject: "s/principal", destroyedAt: "2050-01-01T00:00:00Z" }]);
    expect(await keys.subjects()).toEqual([{ subject: "s/principal", status: "destroyed" }]);
  });

  it("reads a master key file and refuses a malformed one", () => {
    const dir = mkdtempSync(join(tmpdir(), "mk-"));
    const good = join(dir, "good.json");
    writeFileSync(good, newMasterKeyFile("mk-file", "sm4-gcm"));
    const master = fileMasterKey(good);
    expect(master.id).toBe("mk-file");
    const w = master.wrap("x/principal", "sm4-gcm", crypto.randomBytes(16));
    expect(master.unwrap("x/principal", w)).toBeDefined();
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ id: "mk", algorithm: "sm4-gcm", key: "abcd" }));
    expect(() => fileMasterKey(bad)).toThrow(/32 hex digits/);
  });
});
