import * as crypto from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { masterKeyOf } from "@safety-ledger/core";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStore } from "../src/store";
import { tempDir } from "./helpers";

const tmp = tempDir("subject-keys");
afterAll(() => tmp.cleanup());

/** The ledger file and its WAL, as bytes. */
const fileBytes = (path: string) =>
  Buffer.concat([
    readFileSync(path),
    existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0),
  ]);

describe("SQLite subject keys", () => {
  it("keeps a key wrapped in the ledger file, a tombstone after destruction, and no copy of the wrapped key", async () => {
    const path = tmp.file();
    const masterBytes = crypto.randomBytes(16);
    const master = masterKeyOf("mk-1", "sm4-gcm", masterBytes);
    const store = createSqliteStore({ path });
    const keys = store.subjectKeys(master);
    const created = await keys.dataKeyFor("entity-E1/principal", "aes-256-gcm");
    await keys.dataKeyFor("entity-E1/safety-manager", "aes-256-gcm");
    expect(created.status).toBe("live");
    const dataKey = created.status === "live" ? Buffer.from(created.key.key) : Buffer.alloc(0);
    const again = await keys.dataKeyFor("entity-E1/principal", "aes-256-gcm");
    expect(again.status === "live" && Buffer.from(again.key.key).equals(dataKey)).toBe(true);
    const wrapped = readWrapped(path, "entity-E1/principal");
    await store.close();
    expect(fileBytes(path).includes(dataKey)).toBe(false);
    expect(fileBytes(path).includes(wrapped)).toBe(true);

    const reopened = createSqliteStore({ path });
    const keys2 = reopened.subjectKeys(master);
    const read = await keys2.lookup("entity-E1/principal");
    expect(read.status === "live" && Buffer.from(read.key.key).equals(dataKey)).toBe(true);
    await keys2.destroy("entity-E1/principal", "2051-01-01T00:00:00.000Z");
    expect(await keys2.lookup("entity-E1/principal")).toEqual({
      status: "destroyed",
      destroyedAt: "2051-01-01T00:00:00.000Z",
    });
    expect(await keys2.dataKeyFor("entity-E1/principal", "aes-256-gcm")).toMatchObject({
      status: "destroyed",
    });
    expect(await keys2.subjects("entity-E1/")).toEqual([
      { subject: "entity-E1/principal", status: "destroyed" },
      { subject: "entity-E1/safety-manager", status: "live" },
    ]);
    expect(() => reopened.subjectKeys(masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16)))).not.toThrow();
    await expect(
      reopened
        .subjectKeys(masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16)))
        .lookup("entity-E1/safety-manager"),
    ).rejects.toThrow(/does not unwrap/);
    await reopened.close();
    expect(fileBytes(path).includes(wrapped)).toBe(false);
  });
});

/** The wrapped key bytes of a subject, read with a plain connection. */
function readWrapped(path: string, subject: string): Buffer {
  // biome-ignore lint/suspicious/noExplicitAny: the test opens the file directly
  const Database = createRequire(import.meta.url)("better-sqlite3") as any;
  const db = new Database(path, { readonly: true });
  const row = db.prepare("SELECT wrapped FROM subject_keys WHERE subject = ?").get(subject) as {
    wrapped: Buffer;
  };
  db.close();
  return row.wrapped;
}
