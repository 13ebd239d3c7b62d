/**
 * The key-store conformance suite: what every `SubjectKeyStore` (docs/privacy.md) must do, run
 * by the in-memory one and by each store's (SQLite, PostgreSQL). A key is created once per data
 * subject and read back the same by another handle on the same storage; a wrong master key
 * fails loudly; destruction leaves a tombstone whose date is the first destruction's, and a
 * destroyed subject never gets a fresh key; a master-key rotation rewraps every live key at once,
 * after which only the new master key opens them; the erasure mark moves with each destruction,
 * seen by every handle, and with nothing else.
 */
import * as crypto from "node:crypto";
import { type MasterKey, masterKeyOf, type SubjectKeyStore } from "@safety-ledger/core";
import { describe, expect, it } from "vitest";

export interface SubjectKeysContractOptions {
  readonly name: string;
  /**
   * Fresh, empty storage; `open` gives a handle on it with a master key (called more than once:
   * the handles share the storage, as two processes on one ledger do).
   */
  readonly fresh: () => Promise<{
    readonly open: (master: MasterKey) => SubjectKeyStore | Promise<SubjectKeyStore>;
    readonly close: () => Promise<void>;
  }>;
}

/** The number in a subject id (`entity-E3/principal` → 3). */
const i = (subject: string): number => Number(/\d+/.exec(subject)?.[0] ?? 0);

const live = (lookup: Awaited<ReturnType<SubjectKeyStore["lookup"]>>): Buffer =>
  lookup.status === "live" ? Buffer.from(lookup.key.key) : Buffer.alloc(0);

export const subjectKeysContract = (options: SubjectKeysContractOptions): void => {
  describe(`subject keys contract: ${options.name}`, () => {
    const withStorage = async (
      work: (open: (master: MasterKey) => Promise<SubjectKeyStore>) => Promise<void>,
    ) => {
      const storage = await options.fresh();
      try {
        await work(async (master) => storage.open(master));
      } finally {
        await storage.close();
      }
    };

    it("creates a subject's key once; another handle reads the same key", () =>
      withStorage(async (open) => {
        const master = masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16));
        const keys = await open(master);
        expect(await keys.lookup("entity-E1/principal")).toEqual({ status: "none" });
        const created = await keys.dataKeyFor("entity-E1/principal", "aes-256-gcm");
        expect(created.status).toBe("live");
        expect(created.status === "live" && created.key.algorithm).toBe("aes-256-gcm");
        const key = live(created);
        expect(key.length).toBe(32);
        expect(live(await keys.dataKeyFor("entity-E1/principal", "aes-256-gcm"))).toEqual(key);
        expect(live(await (await open(master)).lookup("entity-E1/principal"))).toEqual(key);
        const other = await keys.dataKeyFor("entity-E1/safety-manager", "sm4-gcm");
        expect(live(other).length).toBe(16);
        expect(live(other)).not.toEqual(key.subarray(0, 16));
      }));

    it("refuses to read a key with another master key", () =>
      withStorage(async (open) => {
        await (await open(masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16)))).dataKeyFor(
          "entity-E1/principal",
          "sm4-gcm",
        );
        const wrong = await open(masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16)));
        await expect(wrong.lookup("entity-E1/principal")).rejects.toThrow(/does not unwrap/);
        await expect(wrong.dataKeyFor("entity-E1/principal", "sm4-gcm")).rejects.toThrow(/does not unwrap/);
      }));

    it("keeps the first destruction as a tombstone and never gives a destroyed subject a fresh key", () =>
      withStorage(async (open) => {
        const master = masterKeyOf("mk-1", "aes-256-gcm", crypto.randomBytes(32));
        const keys = await open(master);
        await keys.dataKeyFor("entity-E1/principal", "sm4-gcm");
        await keys.dataKeyFor("entity-E1/safety-manager", "sm4-gcm");
        await keys.dataKeyFor("entity-E2/principal", "sm4-gcm");
        await keys.destroy("entity-E1/principal", "2051-01-01T00:00:00.000Z");
        await keys.destroy("entity-E1/principal", "2052-01-01T00:00:00.000Z");
        const tombstone = { status: "destroyed", destroyedAt: "2051-01-01T00:00:00.000Z" };
        expect(await (await open(master)).lookup("entity-E1/principal")).toEqual(tombstone);
        expect(await keys.dataKeyFor("entity-E1/principal", "sm4-gcm")).toEqual(tombstone);
        // a subject destroyed before it had a key stays without one
        await keys.destroy("entity-E9/principal", "2051-01-01T00:00:00.000Z");
        expect(await keys.dataKeyFor("entity-E9/principal", "sm4-gcm")).toMatchObject({
          status: "destroyed",
        });
        expect(await keys.subjects("entity-E1/")).toEqual([
          { subject: "entity-E1/principal", status: "destroyed" },
          { subject: "entity-E1/safety-manager", status: "live" },
        ]);
        expect((await keys.subjects()).map((s) => s.subject)).toEqual([
          "entity-E1/principal",
          "entity-E1/safety-manager",
          "entity-E2/principal",
          "entity-E9/principal",
        ]);
      }));

    it("moves its erasure mark when any handle destroys a key, and only then", () =>
      withStorage(async (open) => {
        const master = masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16));
        const reader = await open(master);
        const eraser = await open(master);
        await reader.dataKeyFor("entity-E1/principal", "sm4-gcm");
        const before = await reader.erasureMark();
        // creating keys, reading them and listing them leave it as it is
        await eraser.dataKeyFor("entity-E2/principal", "sm4-gcm");
        await eraser.lookup("entity-E1/principal");
        await eraser.subjects();
        expect(await reader.erasureMark()).toBe(before);
        await eraser.destroy("entity-E1/principal", "2051-01-01T00:00:00.000Z");
        const after = await reader.erasureMark();
        expect(after).not.toBe(before);
        expect(await (await open(master)).erasureMark()).toBe(after);
        expect(await reader.erasureMark()).toBe(after);
        await eraser.destroy("entity-E2/principal", "2051-01-01T00:00:00.000Z");
        expect(await reader.erasureMark()).not.toBe(after);
        expect(await reader.subjects()).toEqual([
          { subject: "entity-E1/principal", status: "destroyed" },
          { subject: "entity-E2/principal", status: "destroyed" },
        ]);
      }));

    it("rotates the master key: every live key rewrapped at once, the old master key no longer opens it, tombstones stay", () =>
      withStorage(async (open) => {
        const old = masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16));
        const next = masterKeyOf("mk-2", "aes-256-gcm", crypto.randomBytes(32));
        const keys = await open(old);
        const subjects = Array.from({ length: 7 }, (_, i) => `entity-E${i}/principal`);
        const before = new Map<string, Buffer>();
        for (const s of subjects)
          before.set(s, live(await keys.dataKeyFor(s, i(s) % 2 ? "sm4-gcm" : "aes-256-gcm")));
        await keys.destroy("entity-E3/principal", "2051-01-01T00:00:00.000Z");
        await keys.destroy("entity-E9/principal", "2051-01-01T00:00:00.000Z");

        // a handle whose master key does not unwrap the keys changes nothing
        const wrong = await open(masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16)));
        await expect(wrong.rewrap(next)).rejects.toThrow(/does not unwrap/);
        expect(live(await (await open(old)).lookup("entity-E0/principal"))).toEqual(
          before.get("entity-E0/principal"),
        );

        expect(await keys.rewrap(next)).toEqual({ rewrapped: 6, destroyed: 2 });
        const rotated = await open(next);
        for (const s of subjects.filter((s) => s !== "entity-E3/principal")) {
          const found = await rotated.lookup(s);
          expect(live(found)).toEqual(before.get(s));
          expect(found.status === "live" && found.key.algorithm).toBe(i(s) % 2 ? "sm4-gcm" : "aes-256-gcm");
        }
        await expect((await open(old)).lookup("entity-E0/principal")).rejects.toThrow(/does not unwrap/);
        expect(await rotated.lookup("entity-E3/principal")).toEqual({
          status: "destroyed",
          destroyedAt: "2051-01-01T00:00:00.000Z",
        });
        expect(await rotated.dataKeyFor("entity-E9/principal", "sm4-gcm")).toMatchObject({
          status: "destroyed",
        });
        // a key created after the rotation is wrapped by the new master key, and rotates again
        const fresh = live(await rotated.dataKeyFor("entity-E20/principal", "sm4-gcm"));
        const third = masterKeyOf("mk-3", "sm4-gcm", crypto.randomBytes(16));
        expect(await rotated.rewrap(third)).toEqual({ rewrapped: 7, destroyed: 2 });
        expect(live(await (await open(third)).lookup("entity-E20/principal"))).toEqual(fresh);
      }));
  });
};
