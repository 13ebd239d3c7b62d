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

/** What the file holds (the port's behaviour is the testkit's subject-keys contract). */
describe("SQLite subject keys in the ledger file", () => {
  it("keeps a key only wrapped in the file, and no copy of the wrapped key once destroyed", async () => {
    const path = tmp.file();
    const master = masterKeyOf("mk-1", "sm4-gcm", crypto.randomBytes(16));
    const store = createSqliteStore({ path });
    const created = await store.subjectKeys(master).dataKeyFor("entity-E1/principal", "aes-256-gcm");
    const dataKey = created.status === "live" ? Buffer.from(created.key.key) : Buffer.alloc(0);
    expect(dataKey.length).toBe(32);
    const wrapped = readWrapped(path, "entity-E1/principal");
    await store.close();
    expect(fileBytes(path).includes(dataKey)).toBe(false);
    expect(fileBytes(path).includes(wrapped)).toBe(true);

    const reopened = createSqliteStore({ path });
    await reopened.subjectKeys(master).destroy("entity-E1/principal", "2051-01-01T00:00:00.000Z");
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
