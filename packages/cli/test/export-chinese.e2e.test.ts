/**
 * Export → import in Chinese, through the built CLI: `list … --csv` and `--xlsx` with no locale
 * (zh, the default) write the import columns' Chinese headers and the values' Chinese names, and
 * the file imported into an empty ledger gives the same list; imported again into the ledger it
 * came from, it changes nothing. In English (`--lang en`) they keep the column names and keys.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, fixture, json, requireBuild, tempDir } from "./helpers";

const NO_LOCALE = { LANG: "" };
const AS = ["--as", "GY-EMB/office/Wang Office"];
let dir: ReturnType<typeof tempDir>;
let from: string;

const zh = (args: ReadonlyArray<string>, db: string) => cli(args, db, undefined, NO_LOCALE);
const rows = async (kind: string, db: string) =>
  json<{ rows: unknown[] }>(await cli(["list", kind, "--as-of", "2020-12-31", "--json"], db)).rows;

/** A ledger with the campaign of the fixtures and its entities. */
const ledger = async (name: string) => {
  const db = join(dir.dir, name);
  expect((await cli(["submit", fixture("setup.jsonl")], db)).code).toBe(0);
  return db;
};

beforeAll(async () => {
  requireBuild();
  dir = tempDir();
  from = await ledger("from.db");
  for (const kind of ["tasks", "entities", "risks", "hazards", "accidents"])
    expect((await cli(["import", kind, fixture(`${kind}.csv`), ...AS], from)).code).toBe(0);
});
afterAll(() => dir.remove());

describe("list --csv in Chinese", () => {
  it("has the Chinese headers and names, and English with --lang en", async () => {
    const entities = (await zh(["list", "entities", "--as-of", "2020-12-31", "--csv"], from)).stdout.split(
      "\n",
    );
    expect(entities[0]).toBe(
      "\uFEFF企业编号,企业名称,所属行业,所在区县,监管部门,主要负责人,主要负责人电话,安全管理人员,安全管理人员电话,地址,统一社会信用代码,是否在营,登记日期",
    );
    expect(entities[1]).toBe(
      "E-0001,Lizhou Chemical Co.,危险化学品,利州区,GY-EMB,Li Ming,,Zhao Lei,,,,是,2020-07-01",
    );
    const en = await cli(
      ["--lang", "en", "list", "entities", "--as-of", "2020-12-31", "--csv"],
      from,
      undefined,
      NO_LOCALE,
    );
    expect(en.stdout.split("\n")[1]).toBe(
      "E-0001,Lizhou Chemical Co.,hazardous-chemicals,lizhou,GY-EMB,Li Ming,,Zhao Lei,,,,yes,2020-07-01",
    );
  });

  it.each([
    ["csv", ["tasks", "entities", "risks", "hazards", "accidents"]],
    ["xlsx", ["entities", "hazards"]],
  ] as const)("imported into an empty ledger gives the same list (%s: %s)", async (format, kinds) => {
    {
      const target = await ledger(`copy-${format}.db`);
      for (const kind of kinds) {
        const file = join(dir.dir, `${kind}-zh.${format}`);
        const args = ["list", kind, "--as-of", "2020-12-31"];
        if (format === "csv") writeFileSync(file, (await zh([...args, "--csv"], from)).stdout);
        else expect((await zh([...args, "--xlsx", file], from)).code).toBe(0);
        const imported = await cli(["import", kind, file, ...AS, "--json"], target);
        expect(imported.code, `${kind} ${format}: ${imported.stdout.slice(0, 1_000)}`).toBe(0);
        expect(await rows(kind, target), `${kind} ${format}`).toEqual(await rows(kind, from));
      }
    }
  });

  it("imported again into the ledger it came from changes nothing", async () => {
    const file = join(dir.dir, "hazards-again.csv");
    writeFileSync(file, (await zh(["list", "hazards", "--as-of", "2020-12-31", "--csv"], from)).stdout);
    const plan = json<{ added: number; changed: number; unchanged: number }>(
      await cli(["import", "hazards", file, ...AS, "--dry-run", "--json"], from),
    );
    expect(plan).toMatchObject({ added: 0, changed: 0 });
    expect(plan.unchanged).toBeGreaterThan(0);
  });
});
