/**
 * End-to-end on PostgreSQL: an encrypted ledger's reads answer from the PostgreSQL read tables,
 * which keep the stored ciphertext as sealed values (docs/privacy.md): after reads from the
 * tables no row of any read table holds a clear personal value, the answers are the replay's,
 * and after `privacy erase` the tables' answers show the value erased. The scenario is
 * `sealed-tables-scenario.ts`, as on SQLite; here the text of every read-table row is searched.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { POSTGRES_READ_TABLES_VERSION } from "@safety-ledger/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, postgresServers, runSql } from "../../postgres/test/databases";
import { cli, requireBuild } from "./helpers";
import { sealedTablesScenario } from "./sealed-tables-scenario";

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

    /** The text of every row of every read table of this version (versions, times, problems, changes). */
    const readTableRows = async (): Promise<string[]> => {
      const tables = await runSql<{ name: string }>(
        url,
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE $1",
        [`read\\_%\\_v${POSTGRES_READ_TABLES_VERSION}`],
      );
      expect(tables.map((t) => t.name)).toContain(`read_versions_v${POSTGRES_READ_TABLES_VERSION}`);
      const out: string[] = [];
      for (const { name } of tables)
        for (const row of await runSql<{ text: string }>(url, `SELECT (t.*)::text AS text FROM ${name} t`))
          out.push(row.text);
      return out;
    };

    it("answer from sealed values: no clear value in the tables, the replay's answers, erased after erasure", async () => {
      await sealedTablesScenario(
        {
          store: ["--store", url],
          id: "PRT1",
          tableRows: readTableRows,
          stored: async () => (await readTableRows()).join("\n"),
        },
        key,
      );
    }, 120_000);
  });
}
