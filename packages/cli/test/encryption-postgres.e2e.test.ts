/**
 * End-to-end on PostgreSQL: a ledger created with `--encrypt` keeps its subjects' keys in the
 * database's `subject_keys` table; the events hold no clear personal value; erasure destroys
 * the key and `audit verify` still holds; a master-key rotation rewraps the keys in the table.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, postgresServers, runSql } from "../../postgres/test/databases";
import { BIN, CLI_ENV, eraseArgs, type Run, requireBuild } from "./helpers";

const NAME = "Qiu Xiaolan";
const PHONE = "13987654321";

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

const registration = JSON.stringify({
  type: "RegisterEntity",
  commandId: "pg-pii-1",
  actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
  occurredAt: "2020-07-14T09:00:00+08:00",
  data: {
    entityId: "E-PG1",
    name: "Example Mining Co. (test)",
    sector: "non-coal-mine",
    district: "lizhou",
    supervisingDepartment: "GY-EMB",
    principal: { name: NAME, phone: PHONE },
    safetyManager: { name: "Gu Mingyue" },
  },
});

for (const server of postgresServers()) {
  describe(`safety-ledger --encrypt on PostgreSQL (${server.name})`, () => {
    let url: string;
    let dir: string;
    let key: string;
    beforeAll(async () => {
      requireBuild();
      url = await freshDatabase(server, "cli_encrypted");
      dir = mkdtempSync(join(tmpdir(), "safety-ledger-cli-pg-enc-"));
      key = join(dir, "master.json");
      expect((await cli(["privacy", "master-key", key, "--algorithm", "aes-256-gcm"])).code).toBe(0);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("encrypts before the chain, reveals on reading, erases after retention", async () => {
      const base = ["--store", url, "--master-key", key, "--lang", "en"];
      const submitted = await cli([...base, "--encrypt", "aes-256-gcm", "submit", "-"], `${registration}\n`);
      expect(submitted.code).toBe(0);
      const stored = await runSql<{ data: unknown }>(url, "SELECT data::text AS data FROM events");
      expect(JSON.stringify(stored)).not.toContain(PHONE);
      expect(JSON.stringify(stored)).not.toContain(NAME);
      const list = await cli([...base, "list", "entities", "--as-of", "2020-12-31", "--json"]);
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout).rows[0].principal).toEqual({ name: NAME, phone: PHONE });
      const listed = await cli([...base, "privacy", "subjects", "entity-E-PG1/principal/", "--json"]);
      const [principal] = JSON.parse(listed.stdout) as Array<{ subject: string }>;

      const erased = await cli([
        ...base,
        ...eraseArgs(principal!.subject, { legalBasis: "PIPL art. 47", appraisal: "GY-ARCH-2031-008" }),
      ]);
      expect(erased.code).toBe(0);
      const keys = await runSql<{ subject: string; wrapped: Buffer | null }>(
        url,
        "SELECT subject, wrapped FROM subject_keys ORDER BY subject",
      );
      expect(
        keys.map((k) => [k.subject.replace(/\/[0-9a-f-]{36}$/, "/<event>"), k.wrapped === null]),
      ).toEqual([
        ["entity-E-PG1/principal/<event>", true],
        ["entity-E-PG1/safety-manager/<event>", false],
      ]);
      expect(keys[0]!.subject).toBe(principal!.subject);
      const after = await cli([...base, "list", "entities", "--as-of", "2031-12-31", "--json"]);
      expect(JSON.parse(after.stdout).rows[0].principal).toEqual({ name: "erased", phone: "erased" });
      expect(after.stdout).not.toContain(PHONE);
      const verify = await cli(["--store", url, "audit", "verify", "--json"]);
      expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, problems: [] });
    }, 60_000);

    it("rotates the master key in the database: the new key opens the ledger, the old one does not", async () => {
      const next = join(dir, "master-2.json");
      expect((await cli(["privacy", "master-key", next, "--id", "master-2"])).code).toBe(0);
      const rotated = await cli([
        "--store",
        url,
        "--master-key",
        key,
        "privacy",
        "rotate-master-key",
        next,
        "--json",
      ]);
      expect(rotated.code, rotated.stderr).toBe(0);
      // the safety manager's key (the principal's was erased above)
      expect(JSON.parse(rotated.stdout)).toMatchObject({
        masterKeyId: "master-2",
        rewrapped: 1,
        destroyed: 1,
        stream: "masterkey-rotations",
      });
      const keys = await runSql<{ subject: string; master_key_id: string | null }>(
        url,
        "SELECT subject, master_key_id FROM subject_keys ORDER BY subject",
      );
      expect(keys.map((k) => [k.subject.replace(/\/[0-9a-f-]{36}$/, "/<event>"), k.master_key_id])).toEqual([
        ["entity-E-PG1/principal/<event>", null],
        ["entity-E-PG1/safety-manager/<event>", "master-2"],
      ]);
      const list = (file: string) =>
        cli([
          "--store",
          url,
          "--master-key",
          file,
          "--lang",
          "en",
          "list",
          "entities",
          "--as-of",
          "2031-12-31",
          "--json",
        ]);
      const withNew = await list(next);
      expect(withNew.code, withNew.stderr).toBe(0);
      expect(JSON.parse(withNew.stdout).rows[0].safetyManager).toEqual({ name: "Gu Mingyue" });
      const withOld = await list(key);
      expect(withOld.code).toBe(1);
      expect(withOld.stderr).toContain(
        "does not unwrap with master key master-1 (it was wrapped by master-2)",
      );
    }, 60_000);
  });
}
