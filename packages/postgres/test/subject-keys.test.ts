import * as crypto from "node:crypto";
import { masterKeyOf } from "@safety-ledger/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStore, type PostgresEventStore } from "../src/index";
import { postgresSubjectKeyStore } from "../src/subject-keys";
import { freshDatabase, postgresServers, runSql } from "./databases";

describe.each(postgresServers())("PostgreSQL subject keys ($name)", (server) => {
  let url: string;
  let store: PostgresEventStore;
  beforeAll(async () => {
    url = await freshDatabase(server, "subject_keys");
    store = await createPostgresStore({ connectionString: url });
  });
  afterAll(async () => {
    await store?.close();
  });

  it("keeps a key wrapped, a tombstone after destruction, and never a fresh key for a destroyed subject", async () => {
    const master = masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16));
    const keys = postgresSubjectKeyStore(store.pool, master);
    expect(await keys.lookup("entity-E1/principal")).toEqual({ status: "none" });
    const created = await keys.dataKeyFor("entity-E1/principal", "sm4-gcm");
    await keys.dataKeyFor("entity-E1/safety-manager", "sm4-gcm");
    expect(created.status).toBe("live");
    const dataKey = created.status === "live" ? Buffer.from(created.key.key) : Buffer.alloc(0);
    const [row] = await runSql<{ wrapped: Buffer }>(
      url,
      "SELECT wrapped FROM subject_keys WHERE subject = $1",
      ["entity-E1/principal"],
    );
    expect(row!.wrapped.includes(dataKey)).toBe(false);
    // a second store on the same database (another process) reads the same key
    const other = postgresSubjectKeyStore(store.pool, master);
    const read = await other.lookup("entity-E1/principal");
    expect(read.status === "live" && Buffer.from(read.key.key).equals(dataKey)).toBe(true);
    await expect(
      postgresSubjectKeyStore(store.pool, masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16))).lookup(
        "entity-E1/principal",
      ),
    ).rejects.toThrow(/does not unwrap/);

    await keys.destroy("entity-E1/principal", "2051-01-01T00:00:00.000Z");
    await keys.destroy("entity-E1/principal", "2052-01-01T00:00:00.000Z");
    expect(await other.lookup("entity-E1/principal")).toEqual({
      status: "destroyed",
      destroyedAt: "2051-01-01T00:00:00.000Z",
    });
    expect(await keys.dataKeyFor("entity-E1/principal", "sm4-gcm")).toMatchObject({ status: "destroyed" });
    const [gone] = await runSql<{ wrapped: Buffer | null }>(
      url,
      "SELECT wrapped FROM subject_keys WHERE subject = $1",
      ["entity-E1/principal"],
    );
    expect(gone!.wrapped).toBeNull();
    expect(await keys.subjects("entity-E1/")).toEqual([
      { subject: "entity-E1/principal", status: "destroyed" },
      { subject: "entity-E1/safety-manager", status: "live" },
    ]);
    await keys.destroy("entity-E9/principal", "2051-01-01T00:00:00.000Z");
    expect(await keys.lookup("entity-E9/principal")).toMatchObject({ status: "destroyed" });
  });
});
