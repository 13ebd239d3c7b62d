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

  // the port's behaviour is the testkit's subject-keys contract; this is what the table holds
  it("keeps a key only wrapped in the table, and no key material once destroyed", async () => {
    const master = masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16));
    const keys = postgresSubjectKeyStore(store.pool, master);
    const created = await keys.dataKeyFor("entity-E1/principal", "sm4-gcm");
    const dataKey = created.status === "live" ? Buffer.from(created.key.key) : Buffer.alloc(0);
    expect(dataKey.length).toBe(16);
    const wrappedOf = async () =>
      (
        await runSql<{ wrapped: Buffer | null }>(url, "SELECT wrapped FROM subject_keys WHERE subject = $1", [
          "entity-E1/principal",
        ])
      )[0]!.wrapped;
    const wrapped = await wrappedOf();
    expect(wrapped).not.toBeNull();
    expect(wrapped!.includes(dataKey)).toBe(false);
    await keys.destroy("entity-E1/principal", "2051-01-01T00:00:00.000Z");
    expect(await wrappedOf()).toBeNull();
  });
});
