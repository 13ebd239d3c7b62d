/**
 * End-to-end: an encrypted ledger's reads answer from the SQLite read tables (docs/privacy.md),
 * which keep the stored ciphertext as sealed values: after reads from the tables the file holds
 * no clear personal value, the tables hold rows, and the answers are the replay's (revealed,
 * erased, or `[encrypted]` without the key).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SQLITE_READ_TABLES_VERSION } from "@safety-ledger/sqlite";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, json, requireBuild, tempDir } from "./helpers";

const NAME = "Qiu Xiaolan";
const PHONE = "13987654321";
const NEXT = "Hua Qingshan";

let temp: ReturnType<typeof tempDir>;
let db: string;
let key: string;

const fileBytes = (file: string): Buffer =>
  Buffer.concat(
    [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
  );

const command = (commandId: string, type: string, occurredAt: string, data: Record<string, unknown>) =>
  JSON.stringify({
    type,
    commandId,
    actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
    occurredAt,
    data,
  });

const rows = (stdout: string) => (JSON.parse(stdout) as { rows: Array<Record<string, unknown>> }).rows;

beforeAll(() => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "sealed.db");
  key = join(temp.dir, "master.json");
});
afterAll(() => temp?.remove());

describe("read tables of an encrypted ledger", () => {
  it("answer from sealed values: nothing clear in the file, the replay's answers, erased after erasure", async () => {
    expect((await cli(["privacy", "master-key", key])).code).toBe(0);
    const base = ["--master-key", key, "--lang", "en"];
    const input = [
      command("rt-1", "RegisterEntity", "2020-07-14T09:00:00+08:00", {
        entityId: "E-RT1",
        name: "Example Mining Co. (test)",
        sector: "non-coal-mine",
        district: "lizhou",
        supervisingDepartment: "GY-EMB",
        principal: { name: NAME, phone: PHONE },
        safetyManager: { name: "Gu Mingyue" },
      }),
      command("rt-2", "ChangePrincipal", "2020-09-01T09:00:00+08:00", {
        entityId: "E-RT1",
        principal: { name: NEXT },
        reason: "new chairman",
      }),
    ].join("\n");
    const submitted = await cli(["--encrypt", "sm4-gcm", ...base, "submit", "-"], db, `${input}\n`);
    expect(submitted.code, submitted.stderr).toBe(0);

    const list = (asOf: string, extra: ReadonlyArray<string> = [], args = base) =>
      cli([...args, "list", "entities", "--as-of", asOf, "--json", ...extra], db);
    const fromTables = await list("2020-08-01");
    expect(fromTables.code, fromTables.stderr).toBe(0);
    expect(rows(fromTables.stdout)[0]).toMatchObject({ principal: { name: NAME, phone: PHONE } });
    expect(rows(fromTables.stdout)).toEqual(rows((await list("2020-08-01", ["--replay"])).stdout));
    expect(rows((await list("2020-12-31")).stdout)[0]).toMatchObject({ principal: { name: NEXT } });

    // the tables were used and hold sealed values; no clear value anywhere in the file
    const conn = new Database(db, { readonly: true });
    const states = conn
      .prepare(`SELECT state FROM read_versions_v${SQLITE_READ_TABLES_VERSION}`)
      .all() as Array<{ state: string }>;
    conn.close();
    expect(states.length).toBeGreaterThan(0);
    expect(states.some((s) => s.state.includes("sealed:"))).toBe(true);
    const bytes = fileBytes(db);
    for (const value of [NAME, PHONE, NEXT, "Gu Mingyue"]) expect(bytes.includes(value)).toBe(false);

    // without the key: [encrypted], as the replay shows
    const keyless = await list("2020-08-01", [], ["--lang", "en"]);
    expect(rows(keyless.stdout)[0]).toMatchObject({
      principal: { name: "[encrypted]", phone: "[encrypted]" },
    });
    expect(keyless.stdout).not.toContain(NAME);

    // after the first principal's erasure the tables' answers show it erased; the successor stays
    const [first] = json<Array<{ subject: string }>>(
      await cli([...base, "privacy", "subjects", "entity-E-RT1/principal/", "--json"], db),
    );
    const erased = await cli(
      [
        ...base,
        "privacy",
        "erase",
        first!.subject,
        "--legal-basis",
        "PIPL art. 47",
        "--appraisal",
        "GY-ARCH-2031-010",
        "--approved-by",
        "GY-ARCHIVES",
        "--approved-by",
        "GY-EMB",
        "--as",
        "GY-SAFETY-OFFICE/office/Chen Jie",
        "--on",
        "2031-01-02T09:00:00+08:00",
      ],
      db,
    );
    expect(erased.code, erased.stderr).toBe(0);
    const after = await list("2020-08-01");
    expect(rows(after.stdout)[0]).toMatchObject({ principal: { name: "erased", phone: "erased" } });
    expect(rows(after.stdout)).toEqual(rows((await list("2020-08-01", ["--replay"])).stdout));
    expect(rows((await list("2031-12-31")).stdout)[0]).toMatchObject({ principal: { name: NEXT } });
    const zh = await cli(
      ["--master-key", key, "--lang", "zh-CN", "list", "entities", "--as-of", "2020-08-01"],
      db,
    );
    expect(zh.stdout).toContain("已依法删除");
    for (const value of [NAME, PHONE, NEXT]) expect(fileBytes(db).includes(value)).toBe(false);
  }, 120_000);
});
