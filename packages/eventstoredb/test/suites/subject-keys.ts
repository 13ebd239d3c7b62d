/**
 * The testkit's subject-keys contract on the EventStoreDB key store, over the real client and
 * the real gRPC wire (the double, and a real server when its URL is set), and what the database
 * holds after a destruction.
 */
import * as crypto from "node:crypto";
import { createLedger, masterKeyOf } from "@safety-ledger/core";
import { subjectKeysContract } from "@safety-ledger/testkit";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEventStoreDbStore } from "../../src/index";
import { openRawClient } from "../raw-client";
import { announceSkippedRealServer, type ClientPackage, targetsFor } from "../targets";

export const subjectKeysSuite = (client: ClientPackage): void => {
  announceSkippedRealServer(client);
  for (const target of targetsFor(client)) {
    describe(target.name, () => {
      let url = "";
      beforeAll(async () => {
        url = await target.start();
      });
      afterAll(() => target.stop());

      // each storage a namespace of its own on the one server
      subjectKeysContract({
        name: target.name,
        fresh: async () => {
          const store = createEventStoreDbStore({ connectionString: url });
          const namespace = `${crypto.randomUUID()}.`;
          return { open: (master) => store.subjectKeys(master, { namespace }), close: () => store.close() };
        },
      });

      it("rewraps every live key under a new master key (a wrong current key changes nothing); tombstones stay", async () => {
        const store = createEventStoreDbStore({ connectionString: url });
        try {
          const namespace = `${crypto.randomUUID()}.`;
          const old = masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16));
          const next = masterKeyOf("mk-2", "aes-256-gcm", crypto.randomBytes(32));
          const keys = store.subjectKeys(old, { namespace });
          const created = await keys.dataKeyFor("entity-E1/principal/a", "sm4-gcm");
          await keys.dataKeyFor("entity-E1/safety-manager/a", "sm4-gcm");
          await keys.destroy("entity-E1/safety-manager/a", "2051-01-01T00:00:00.000Z");
          const wrong = store.subjectKeys(masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16)), {
            namespace,
          });
          await expect(wrong.rewrap(next)).rejects.toThrow();
          expect(await keys.rewrap(next)).toEqual({ rewrapped: 1, destroyed: 1 });
          const reopened = store.subjectKeys(next, { namespace });
          const bytes = (l: Awaited<ReturnType<typeof keys.lookup>>) =>
            l.status === "live" ? [l.key.algorithm, Buffer.from(l.key.key).toString("hex")] : [];
          expect(bytes(await reopened.lookup("entity-E1/principal/a"))).toEqual(bytes(created));
          expect(bytes(created)).toHaveLength(2);
          expect(await reopened.lookup("entity-E1/safety-manager/a")).toMatchObject({ status: "destroyed" });
          await expect(
            store.subjectKeys(old, { namespace }).lookup("entity-E1/principal/a"),
          ).rejects.toThrow();
          // run again (as after a stop part-way): nothing left to do
          expect(await keys.rewrap(next)).toEqual({ rewrapped: 0, destroyed: 1 });
        } finally {
          await store.close();
        }
      });

      it("destroying truncates the key stream (the wrapped key no longer reads); the ledger's reads never see key streams", async () => {
        const store = createEventStoreDbStore({ connectionString: url });
        try {
          const namespace = `${crypto.randomUUID()}.`;
          const keys = store.subjectKeys(masterKeyOf("mk", "sm4-gcm", crypto.randomBytes(16)), { namespace });
          expect((await keys.dataKeyFor("entity-E1/principal/x", "sm4-gcm")).status).toBe("live");
          const stream = `subject-key-${namespace}entity-E1/principal/x`;
          const before: string[] = [];
          before.push(...(await rawReadStream(client, url, stream)));
          expect(before).toEqual(["SubjectKeyCreated"]);
          await keys.destroy("entity-E1/principal/x", "2051-01-01T00:00:00.000Z");
          const after: string[] = [];
          after.push(...(await rawReadStream(client, url, stream)));
          expect(after).toEqual(["SubjectKeyDestroyed"]);
          // a ledger beside them: its $all reads yield its events and no key event
          const created = await createLedger(store, {
            hashAlgorithm: "sha256",
            fieldEncryption: "sm4-gcm",
            actor: { unit: "GY-SAFETY-OFFICE", role: "office", person: "Chen" },
            occurredAt: "2020-07-01",
          });
          expect(E.isRight(created)).toBe(true);
          const streams = new Set<string>();
          for await (const e of store.readAll()) streams.add(e.stream);
          expect(streams.size).toBeGreaterThan(0);
          expect([...streams].filter((s) => s.startsWith("subject-key-"))).toEqual([]);
        } finally {
          await store.close();
        }
      });
    });
  }
};

/** The event types of a stream as the server gives them (through a client made directly). */
const rawReadStream = async (client: ClientPackage, url: string, stream: string): Promise<string[]> => {
  const raw = await openRawClient(client, url);
  try {
    const types: string[] = [];
    for await (const e of raw.port.readStream(stream, {
      direction: "forwards",
      from: "start",
      maxCount: 100,
    }))
      types.push(e.type);
    return types;
  } finally {
    await raw.dispose();
  }
};
