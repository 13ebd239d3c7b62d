/**
 * Sealed read tables on PostgreSQL (docs/privacy.md): an encrypted ledger's tables fold each
 * personal field as a sealed value, and the reads reveal them through the key store. Their
 * answers equal the replay's (the projections over the revealing store) as of random dates,
 * before and after an erasure; no row of the tables holds a clear personal value.
 */
import * as crypto from "node:crypto";
import {
  createCommandHandler,
  createLedger,
  createPrivacy,
  entityAggregate,
  ledgerEvents,
  masterKeyOf,
  protectedStore,
  revealingReadTables,
  runProjections,
  sealedEvent,
  supervisionFromTables,
  supervisionProjection,
  type TimeSlice,
} from "@safety-ledger/core";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPostgresStore,
  POSTGRES_READ_TABLES_VERSION,
  type PostgresEventStore,
  postgresReadTableNames,
} from "../src/index";
import { postgresSubjectKeyStore } from "../src/subject-keys";
import { freshDatabase, postgresServers, runSql } from "./databases";

const ENTITIES = 12;
const actor = { unit: "GY-EMB", role: "department", person: "Zhang Min" };
const office = { unit: "GY-SAFETY-OFFICE", role: "office", person: "Chen Jie" };
const principal = (i: number) => ({ name: `Qiu Principal ${i}`, phone: `139${String(i).padStart(8, "0")}` });
const manager = (i: number) => ({ name: `Gu Manager ${i}`, phone: `137${String(i).padStart(8, "0")}` });
const successor = (i: number) => ({ name: `Hua Successor ${i}` });
const CLEAR = Array.from({ length: ENTITIES }, (_, i) => [
  principal(i).name,
  principal(i).phone,
  manager(i).name,
  manager(i).phone,
  successor(i).name,
]).flat();

const dateArb = fc
  .integer({ min: Date.parse("2020-06-01T00:00:00Z"), max: Date.parse("2021-12-31T00:00:00Z") })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

describe.each(postgresServers())("sealed read tables on PostgreSQL ($name)", (server) => {
  let url: string;
  let raw: PostgresEventStore;
  const master = masterKeyOf("mk", "sm4-gcm", crypto.randomBytes(16));
  const privacyOf = () =>
    createPrivacy({
      keys: postgresSubjectKeyStore(raw.pool, master),
      algorithm: "sm4-gcm",
      erasedText: "erased",
    });

  beforeAll(async () => {
    url = await freshDatabase(server, "sealed_tables");
    raw = await createPostgresStore({ connectionString: url, maxConnections: 4 });
    await createLedger(raw, {
      hashAlgorithm: "sha256",
      fieldEncryption: "sm4-gcm",
      actor: office,
      occurredAt: "2020-06-01",
    });
    const handle = createCommandHandler(protectedStore(raw, privacyOf()));
    const send = async (commandId: string, occurredAt: string, command: unknown, by = actor) => {
      const r = await handle(entityAggregate, {
        command: command as never,
        actor: by,
        occurredAt,
        commandId,
      });
      if (E.isLeft(r)) throw new Error(`${commandId}: ${r.left.message}`);
    };
    for (let i = 0; i < ENTITIES; i++) {
      const entityId = `E-${i}`;
      const month = String(1 + (i % 9)).padStart(2, "0");
      await send(`r${i}`, `2020-${month}-10T09:00:00+08:00`, {
        type: "RegisterEntity",
        data: {
          entityId,
          name: `Example Co. ${i}`,
          sector: "non-coal-mine",
          district: "lizhou",
          supervisingDepartment: "GY-EMB",
          principal: principal(i),
          safetyManager: manager(i),
        },
      });
      if (i % 2 === 0)
        await send(`p${i}`, `2021-${month}-15T09:00:00+08:00`, {
          type: "ChangePrincipal",
          data: { entityId, principal: successor(i), reason: "new chairman" },
        });
      if (i % 3 === 0)
        await send(
          `d${i}`,
          `2021-${month}-20T09:00:00+08:00`,
          {
            type: "ReclassifyEntity",
            data: { entityId, sector: "non-coal-mine", district: "zhaohua", reason: "boundary change" },
          },
          office,
        );
    }
  }, 120_000);
  afterAll(async () => {
    await raw?.close();
  });

  /** The tables' supervision model and the replay's, at each slice, with one privacy each (two readers). */
  const expectReplayed = async (slices: ReadonlyArray<TimeSlice>) => {
    const tables = revealingReadTables(raw.sealedReadTables(sealedEvent), privacyOf());
    await tables.catchUp();
    const replaying = protectedStore(raw, privacyOf());
    for (const slice of slices) {
      const { models } = await runProjections(replaying, ledgerEvents, [supervisionProjection] as const, {
        checkLinks: false,
        ...(slice.asOf === undefined ? {} : { slice: { asOf: slice.asOf } }),
      });
      expect(await supervisionFromTables(tables, slice)).toEqual(models[0]);
      expect(await supervisionFromTables(tables, slice, "E-0")).toEqual({
        entities: Object.fromEntries(Object.entries(models[0]!.entities).filter(([id]) => id === "E-0")),
        risks: {},
        hazards: {},
        accidents: {},
      });
    }
    return tables;
  };

  const rowsText = async () => {
    const { versions } = postgresReadTableNames(POSTGRES_READ_TABLES_VERSION);
    const rows = await runSql<{ text: string }>(url, `SELECT (t.*)::text AS text FROM ${versions} t`);
    return rows.map((r) => r.text);
  };

  it("answer as the replay does, as of random dates; no table row holds a clear value", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(dateArb, { nil: undefined }), { minLength: 1, maxLength: 4 }),
        (dates) =>
          expectReplayed(dates.map((asOf) => (asOf === undefined ? {} : { asOf }))).then(() => undefined),
      ),
      { numRuns: 6 },
    );
    const tables = await expectReplayed([{ asOf: "2020-12-31" }]);
    const entities = await tables.states("entities", { asOf: "2020-12-31" });
    expect(entities.size).toBe(ENTITIES); // all registered in 2020
    expect(entities.get("E-1")).toMatchObject({ principal: principal(1), safetyManager: manager(1) });
    const texts = await rowsText();
    expect(texts.length).toBeGreaterThan(ENTITIES);
    expect(texts.some((t) => t.includes("sealed:"))).toBe(true);
    for (const value of CLEAR) expect(texts.filter((t) => t.includes(value))).toEqual([]);
  }, 120_000);

  it("after an erasure by another handle, the tables' answers show it erased, as the replay does", async () => {
    const tables = revealingReadTables(raw.sealedReadTables(sealedEvent), privacyOf());
    await tables.catchUp();
    expect((await tables.states("entities", { asOf: "2020-12-31" })).get("E-2")).toMatchObject({
      principal: principal(2),
    });
    const keys = postgresSubjectKeyStore(raw.pool, master);
    const [first] = await keys.subjects("entity-E-2/principal/");
    await keys.destroy(first!.subject, "2051-01-01T00:00:00.000Z");
    await expectReplayed([{ asOf: "2020-12-31" }, { asOf: "2021-12-31" }, {}]);
    const fresh = revealingReadTables(raw.sealedReadTables(sealedEvent), privacyOf());
    const after = await fresh.states("entities", { asOf: "2020-12-31" });
    expect(after.get("E-2")).toMatchObject({
      principal: { name: "erased", phone: "erased" },
      safetyManager: manager(2),
    });
    expect((await fresh.states("entities", { asOf: "2021-12-31" })).get("E-2")).toMatchObject({
      principal: successor(2),
    });
    for (const value of CLEAR) expect((await rowsText()).filter((t) => t.includes(value))).toEqual([]);
  }, 120_000);
});
