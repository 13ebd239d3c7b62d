/**
 * Long-running readers after an erasure made by another process (docs/privacy.md): two handles on
 * one ledger, each with its own privacy (its own key cache). The first reads (its event reads,
 * its sealed read tables, its handler's fold cache, its subscription) and so looks up the
 * subject's key; the second erases the subject through the erasure command. Every read of the
 * first after that shows the value erased, never revealed with the key it had looked up. Run by
 * each store with sealed read tables (SQLite, PostgreSQL):
 *
 * ```ts
 * erasureElsewhereContract({
 *   name: "SQLite",
 *   fresh: async () => path,                                  // an empty ledger's place
 *   open: async (path) => createSqliteStore({ path }),         // a handle, as a process opens it
 *   keys: (store, master) => store.subjectKeys(master),
 * });
 * ```
 */
import * as crypto from "node:crypto";
import {
  createCommandHandler,
  createLedger,
  createPrivacy,
  type EventDecodeError,
  type EventStore,
  entityAggregate,
  erasePersonalData,
  errorText,
  type Json,
  LedgerFailure,
  type MasterKey,
  masterKeyOf,
  protectedStore,
  type ReadTables,
  revealingReadTables,
  type StoredEvent,
  type SubjectKeyStore,
  sealedEvent,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";

/** A store whose read tables can fold sealed values (core `sealedEvent`), beside its plain ones. */
export type SealingStore = EventStore & {
  readonly readTables: ReadTables;
  sealedReadTables(foldAs: (event: StoredEvent) => StoredEvent): ReadTables;
};

export interface ErasureElsewhereContractOptions<S extends SealingStore, W> {
  readonly name: string;
  /** Where a new, empty ledger is (a file's path, a database's URL). */
  readonly fresh: () => Promise<W>;
  /** A handle on the ledger there, as a process of its own opens it. */
  readonly open: (where: W) => Promise<S>;
  /** The key store beside the ledger's events, on that handle. */
  readonly keys: (store: S, master: MasterKey) => SubjectKeyStore;
}

const actor = { unit: "GY-EMB", role: "department", person: "Zhang Min" };
const office = { unit: "GY-SAFETY-OFFICE", role: "office", person: "Chen Jie" };
const PRINCIPAL = { name: "Qiu Xiaolan", phone: "13987654321" };

export const erasureElsewhereContract = <S extends SealingStore, W>(
  options: ErasureElsewhereContractOptions<S, W>,
): void => {
  describe(`an erasure in another process: ${options.name}`, () => {
    const master = masterKeyOf("mk", "aes-256-gcm", crypto.randomBytes(32));
    const opened: S[] = [];
    afterAll(async () => {
      for (const store of opened.splice(0)) await store.close();
    });
    /** A process: its own handle, key cache, protected store and handler. */
    const processOn = async (where: W) => {
      const raw = await options.open(where);
      opened.push(raw);
      const privacy = createPrivacy({
        keys: options.keys(raw, master),
        algorithm: "aes-256-gcm",
        erasedText: "erased",
      });
      const store = protectedStore(raw, privacy);
      return { raw, privacy, store, handle: createCommandHandler(store) };
    };
    const first = async (store: EventStore, stream: string) => {
      for await (const e of store.readStream(stream, { maxCount: 1 })) return e;
      throw new Error(`${stream} is empty`);
    };
    let n = 0;
    const envelope = (command: unknown, by = actor) => ({
      command: command as never,
      actor: by,
      occurredAt: "2020-07-01T09:00:00+08:00",
      commandId: `c${++n}`,
    });

    /** A new ledger whose personal fields are encrypted, closed again: where it is. */
    const encryptedLedger = async (): Promise<W> => {
      const where = await options.fresh();
      const ledger = await options.open(where);
      await createLedger(ledger, {
        hashAlgorithm: "sha256",
        fieldEncryption: "aes-256-gcm",
        actor: office,
        occurredAt: "2020-06-01",
      });
      await ledger.close();
      return where;
    };
    /** An entity registered by a process, its principal PRINCIPAL. */
    const register = async (by: Awaited<ReturnType<typeof processOn>>, entityId: string) => {
      const registered = await by.handle(
        entityAggregate,
        envelope({
          type: "RegisterEntity",
          data: {
            entityId,
            name: "Example Mining Co. (test)",
            sector: "non-coal-mine",
            district: "lizhou",
            supervisingDepartment: "GY-EMB",
            principal: PRINCIPAL,
            safetyManager: { name: "Gu Mingyue" },
          },
        }),
      );
      expect(E.isRight(registered)).toBe(true);
    };

    it("its event reads, sealed tables, fold cache and subscription show erased, not the key it had", async () => {
      const where = await encryptedLedger();
      const reader = await processOn(where);
      const eraser = await processOn(where);
      await register(reader, "E-X1");

      // the reader looks up the keys through every path it has
      expect((await first(reader.store, "entity-E-X1")).data).toMatchObject({ principal: PRINCIPAL });
      const tables = revealingReadTables(reader.raw.sealedReadTables(sealedEvent), reader.privacy);
      await tables.catchUp();
      expect((await tables.states("entities", {})).get("E-X1")).toMatchObject({ principal: PRINCIPAL });
      const subscription = reader.store.subscribeToAll();
      const followed = subscription[Symbol.asyncIterator]();
      const next = async (stream: string) => {
        for (;;) {
          const { value, done } = await followed.next();
          if (done) throw new Error("subscription ended");
          if ((value as StoredEvent).stream === stream) return value as StoredEvent;
        }
      };
      expect((await next("entity-E-X1")).data).toMatchObject({ principal: PRINCIPAL });

      // the other process erases the principal (through the erasure command, as the CLI does)
      const [principal] = await eraser.privacy.keys.subjects("entity-E-X1/principal/");
      const erased = await erasePersonalData(
        eraser.store,
        eraser.privacy.keys,
        eraser.handle,
        {
          ...envelope(
            {
              type: "ErasePersonalData",
              data: {
                subject: principal!.subject,
                legalBasis: "PIPL art. 47",
                appraisalReference: "GY-ARCH-2031-012",
                approvingUnits: ["GY-ARCHIVES", "GY-EMB"],
              },
            },
            office,
          ),
          occurredAt: "2031-01-02T09:00:00+08:00",
        },
        { destroy: eraser.privacy.destroy },
      );
      expect(E.isRight(erased) ? "ok" : erased.left).toBe("ok");

      // every path of the reader now shows it erased
      expect((await first(reader.store, "entity-E-X1")).data).toMatchObject({
        principal: { name: "erased", phone: "erased" },
        safetyManager: { name: "Gu Mingyue" },
      });
      expect((await tables.states("entities", {})).get("E-X1")).toMatchObject({
        principal: { name: "erased", phone: "erased" },
      });
      const changed = await reader.handle(
        entityAggregate,
        envelope({
          type: "ChangePrincipal",
          data: { entityId: "E-X1", principal: { name: "Hua Qingshan" }, reason: "new chairman" },
        }),
      );
      expect(E.isLeft(changed) ? changed.left : "ok").toBe("ok");
      const stored: StoredEvent[] = [];
      for await (const e of reader.raw.readStream("entity-E-X1")) stored.push(e);
      expect((stored[1]!.data as { from: Json }).from).toEqual({
        name: { erased: 1, keyId: principal!.subject },
        phone: { erased: 1, keyId: principal!.subject },
      });
      // the subscription, already past the registration, follows with the change: the former
      // principal erased there too
      expect((await next("entity-E-X1")).data).toMatchObject({ from: { name: "erased", phone: "erased" } });
      await subscription.close();
    }, 60_000);

    it("its plain read tables refuse the encrypted events, naming each field and the sealed tables", async () => {
      const where = await encryptedLedger();
      const reader = await processOn(where);
      await register(reader, "E-X2");

      const failure = await reader.raw.readTables.catchUp().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(LedgerFailure);
      const error = (failure as LedgerFailure).error as EventDecodeError;
      expect(error).toMatchObject({
        _tag: "EventDecodeError",
        code: "UNDECODABLE_EVENT",
        stream: "entity-E-X2",
      });
      expect(error.issues.map((i) => i.path).sort()).toEqual([
        "data.principal.name",
        "data.principal.phone",
        "data.safetyManager.name",
      ]);
      expect(new Set(error.issues.map((i) => i.code))).toEqual(new Set(["INPUT_FIELD_ENCRYPTED"]));
      expect(errorText(error, "zh-CN")).toContain("data.principal.phone：以密文存储");
      expect(errorText(error, "zh-CN")).toContain("sealedReadTables(sealedEvent)");

      // nothing of it was written: the sealed tables of the same handle fold it
      const tables = revealingReadTables(reader.raw.sealedReadTables(sealedEvent), reader.privacy);
      await tables.catchUp();
      expect((await tables.states("entities", {})).get("E-X2")).toMatchObject({ principal: PRINCIPAL });
    }, 60_000);
  });
};
