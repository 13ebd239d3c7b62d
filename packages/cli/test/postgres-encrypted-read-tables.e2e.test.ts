/**
 * End-to-end on PostgreSQL: an encrypted ledger's reads answer from the PostgreSQL read tables,
 * which keep the stored ciphertext as sealed values (docs/privacy.md): after reads from the
 * tables no row of any read table holds a clear personal value, the answers are the replay's,
 * and after `privacy erase` the tables' answers show the value erased.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { READ_TABLES_VERSION } from "@safety-ledger/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, postgresServers, runSql } from "../../postgres/test/databases";
import { BIN, CLI_ENV, type Run, requireBuild } from "./helpers";

const NAME = "Qiu Xiaolan";
const PHONE = "13987654321";
const NEXT = "Hua Qingshan";
const MANAGER = "Gu Mingyue";

const cli = (args: ReadonlyArray<string>, input?: string): Promise<Run> =>
  new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: CLI_ENV }, (error, stdout, stderr) =>
      resolve({
        code: error === null ? 0 : typeof error.code === "number" ? error.code : 1,
        stdout,
        stderr,
      }),
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });

const command = (commandId: string, type: string, occurredAt: string, data: Record<string, unknown>) =>
  JSON.stringify({
    type,
    commandId,
    actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
    occurredAt,
    data,
  });

const rows = (stdout: string) => (JSON.parse(stdout) as { rows: Array<Record<string, unknown>> }).rows;

for (const server of postgresServers()) {
  describe(`read tables of an encrypted ledger on PostgreSQL (${server.name})`, () => {
    let url: string;
    let dir: string;
    let key: string;
    beforeAll(async () => {
      requireBuild();
      url = await freshDatabase(server, "cli_sealed_tables");
      dir = mkdtempSync(join(tmpdir(), "safety-ledger-cli-pg-sealed-"));
      key = join(dir, "master.json");
      expect((await cli(["privacy", "master-key", key])).code).toBe(0);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** The text of every row of every read table of this version (the versions, times, problems, changes). */
    const readTableText = async (): Promise<string[]> => {
      const tables = await runSql<{ name: string }>(
        url,
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE $1",
        [`read\\_%\\_v${READ_TABLES_VERSION}`],
      );
      expect(tables.map((t) => t.name)).toContain(`read_versions_v${READ_TABLES_VERSION}`);
      const out: string[] = [];
      for (const { name } of tables)
        for (const row of await runSql<{ text: string }>(url, `SELECT (t.*)::text AS text FROM ${name} t`))
          out.push(row.text);
      return out;
    };

    it("answer from sealed values: no clear value in the tables, the replay's answers, erased after erasure", async () => {
      const base = ["--store", url, "--master-key", key, "--lang", "en"];
      const input = [
        command("pg-rt-1", "RegisterEntity", "2020-07-14T09:00:00+08:00", {
          entityId: "E-PRT1",
          name: "Example Mining Co. (test)",
          sector: "non-coal-mine",
          district: "lizhou",
          supervisingDepartment: "GY-EMB",
          principal: { name: NAME, phone: PHONE },
          safetyManager: { name: MANAGER },
        }),
        command("pg-rt-2", "ChangePrincipal", "2020-09-01T09:00:00+08:00", {
          entityId: "E-PRT1",
          principal: { name: NEXT },
          reason: "new chairman",
        }),
      ].join("\n");
      const submitted = await cli(["--encrypt", "sm4-gcm", ...base, "submit", "-"], `${input}\n`);
      expect(submitted.code, submitted.stderr).toBe(0);

      const list = (asOf: string, extra: ReadonlyArray<string> = [], args = base) =>
        cli([...args, "list", "entities", "--as-of", asOf, "--json", ...extra]);
      const fromTables = await list("2020-08-01");
      expect(fromTables.code, fromTables.stderr).toBe(0);
      expect(rows(fromTables.stdout)[0]).toMatchObject({ principal: { name: NAME, phone: PHONE } });
      expect(rows(fromTables.stdout)).toEqual(rows((await list("2020-08-01", ["--replay"])).stdout));
      expect(rows((await list("2020-12-31")).stdout)[0]).toMatchObject({ principal: { name: NEXT } });

      // the tables were used and hold sealed values; no clear value in any row of them
      const texts = await readTableText();
      expect(texts.some((t) => t.includes("sealed:"))).toBe(true);
      for (const value of [NAME, PHONE, NEXT, MANAGER])
        expect(texts.filter((t) => t.includes(value))).toEqual([]);

      // without the key: [encrypted], as the replay shows
      const keyless = await list("2020-08-01", [], ["--store", url, "--lang", "en"]);
      expect(rows(keyless.stdout)[0]).toMatchObject({
        principal: { name: "[encrypted]", phone: "[encrypted]" },
      });
      expect(keyless.stdout).not.toContain(NAME);

      const listed = await cli([...base, "privacy", "subjects", "entity-E-PRT1/principal/", "--json"]);
      const [first] = JSON.parse(listed.stdout) as Array<{ subject: string }>;
      const erased = await cli([
        ...base,
        "privacy",
        "erase",
        first!.subject,
        "--legal-basis",
        "PIPL art. 47",
        "--appraisal",
        "GY-ARCH-2031-011",
        "--approved-by",
        "GY-ARCHIVES",
        "--approved-by",
        "GY-EMB",
        "--as",
        "GY-SAFETY-OFFICE/office/Chen Jie",
        "--on",
        "2031-01-02T09:00:00+08:00",
      ]);
      expect(erased.code, erased.stderr).toBe(0);
      const after = await list("2020-08-01");
      expect(rows(after.stdout)[0]).toMatchObject({ principal: { name: "erased", phone: "erased" } });
      expect(rows(after.stdout)).toEqual(rows((await list("2020-08-01", ["--replay"])).stdout));
      expect(rows((await list("2031-12-31")).stdout)[0]).toMatchObject({ principal: { name: NEXT } });
      const zh = await cli([
        "--store",
        url,
        "--master-key",
        key,
        "--lang",
        "zh-CN",
        "list",
        "entities",
        "--as-of",
        "2020-08-01",
      ]);
      expect(zh.code, zh.stderr).toBe(0);
      expect(zh.stdout).toContain("已依法删除");
      expect(zh.stdout).not.toContain(NAME);
      const still = await readTableText();
      for (const value of [NAME, PHONE, NEXT, MANAGER])
        expect(still.filter((t) => t.includes(value))).toEqual([]);
    }, 120_000);
  });
}
