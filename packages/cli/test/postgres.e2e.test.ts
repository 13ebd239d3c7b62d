/**
 * End-to-end on PostgreSQL: the built binary with `--store postgres://…` (and through
 * `SAFETY_LEDGER_STORE`) on a database of the run's real server: demo, the read commands,
 * submit and import, audit verify (intact, then after a row is changed by SQL) and report.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, postgresServers, runSql } from "../../postgres/test/databases";
import { BIN, CLI_ENV, fixture, JAN_NOV_2020_STATS, json, type Run, requireBuild } from "./helpers";

const AS = ["--as", "GY-EMB/office/Wang Office"];

/** Run the binary on `store`, given as `--store` or as `SAFETY_LEDGER_STORE`. */
const cli = (store: string, args: ReadonlyArray<string>, via: "flag" | "env" = "flag"): Promise<Run> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...(via === "flag" ? ["--store", store] : []), ...args],
      {
        env: { ...CLI_ENV, SAFETY_LEDGER_STORE: via === "env" ? store : "" },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : 1,
          stdout,
          stderr,
        }),
    );
    child.stdin?.end();
  });

const countEvents = async (url: string): Promise<number> =>
  Number((await runSql<{ n: string }>(url, "SELECT count(*) AS n FROM events"))[0]!.n);

for (const server of postgresServers()) {
  describe(`safety-ledger on PostgreSQL (${server.name})`, () => {
    let demo: string;
    let dir: string;
    beforeAll(async () => {
      requireBuild();
      demo = await freshDatabase(server, "cli_demo");
      dir = mkdtempSync(join(tmpdir(), "safety-ledger-cli-pg-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("demo loads the Guangyuan scenario once; its figures are the published ones", async () => {
      const first = await cli(demo, ["demo", "--json"]);
      expect(first.code, first.stderr).toBe(0);
      const loaded = json<{
        scenario: { appended: number; events: number };
        wallChart: { total: { total: number } };
      }>(first);
      expect(loaded.scenario.appended).toBeGreaterThan(0);
      expect(loaded.scenario.events).toBe(await countEvents(demo));
      expect(loaded.wallChart.total.total).toBe(291);
      const second = await cli(demo, ["demo"], "env");
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain("nothing appended");
      expect(await countEvents(demo)).toBe(loaded.scenario.events);
    });

    it("list and stats read the ledger", async () => {
      const stats = await cli(demo, JAN_NOV_2020_STATS);
      expect(stats.code, stats.stderr).toBe(0);
      expect(json(stats)).toMatchObject({
        current: { accidents: 31, deaths: 30 },
        previous: { accidents: 53, deaths: 55 },
      });
      const entities = await cli(demo, ["list", "entities", "--json"]);
      expect(entities.code, entities.stderr).toBe(0);
      expect(json<{ kind: string; count: number }>(entities)).toMatchObject({ kind: "entities" });
      expect(json<{ count: number }>(entities).count).toBeGreaterThan(0);
      const board = await cli(demo, ["board", "--as-of", "2020-12-31", "--json"]);
      expect(board.code, board.stderr).toBe(0);
    });

    it("report writes the page", async () => {
      const file = join(dir, "report.html");
      const run = await cli(demo, ["report", "--html", file, "--as-of", "2020-12-31"]);
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(file, "utf8")).toContain("<html");
    });

    it("audit verify: intact, then a row changed through SQL is found at its stream, revision and kind", async () => {
      const ok = await cli(demo, ["audit", "verify", "--json"]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(json(ok)).toMatchObject({ ok: true, problems: [] });
      const [first] = await runSql<{ stream: string }>(
        demo,
        "SELECT stream_name AS stream FROM events WHERE stream_name LIKE 'accident-%' ORDER BY global_position LIMIT 1",
      );
      const stream = first!.stream;
      await runSql(
        demo,
        `UPDATE events SET data = jsonb_set(data::jsonb, '{tampered}', 'true')::text::json
         WHERE stream_name = $1 AND stream_revision = 0`,
        [stream],
      );
      const run = await cli(demo, ["audit", "verify", "--json"]);
      expect(run.code).toBe(1);
      const report = json<{
        ok: boolean;
        problems: Array<{ stream: string; revision: number; kind: string }>;
      }>(run);
      expect(report.problems.map(({ stream, revision, kind }) => ({ stream, revision, kind }))).toEqual([
        { stream, revision: 0, kind: "changed" },
      ]);
    });

    it("submit, then import every kind; the same file again appends nothing", async () => {
      const url = await freshDatabase(server, "cli_import");
      const setup = await cli(url, ["submit", fixture("setup.jsonl"), "--json"]);
      expect(setup.code, setup.stderr).toBe(0);
      const appended: Record<string, number> = {};
      for (const kind of ["tasks", "entities", "risks", "hazards", "accidents"]) {
        const before = await countEvents(url);
        const run = await cli(url, ["import", kind, fixture(`${kind}.csv`), ...AS, "--json"]);
        expect(run.code, run.stderr).toBe(0);
        const result = json<{ appended: number }>(run);
        expect((await countEvents(url)) - before).toBe(result.appended);
        appended[kind] = result.appended;
      }
      expect(appended).toEqual({ tasks: 5, entities: 5, risks: 6, hazards: 2, accidents: 3 });
      const before = await countEvents(url);
      const again = await cli(url, ["import", "tasks", fixture("tasks.csv"), ...AS, "--json"]);
      expect(again.code, again.stderr).toBe(0);
      expect(json(again)).toMatchObject({ ok: true, rows: 3, unchanged: 3, commands: 0, appended: 0 });
      expect(await countEvents(url)).toBe(before);
    });
  });
}
