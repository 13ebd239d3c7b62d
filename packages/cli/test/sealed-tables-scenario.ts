/**
 * The end-to-end scenario of an encrypted ledger's sealed read tables (docs/privacy.md), run on
 * SQLite and on PostgreSQL: after reads from the tables the store holds no clear personal value,
 * the tables hold sealed values, and the answers are the replay's (revealed, `[encrypted]`
 * without the key, erased after `privacy erase`).
 */
import { expect } from "vitest";
import { cli, eraseArgs, json } from "./helpers";

const NAME = "Qiu Xiaolan";
const PHONE = "13987654321";
const NEXT = "Hua Qingshan";
const MANAGER = "Gu Mingyue";

export interface SealedTablesStore {
  /** `--store …` for the ledger (a new, empty one). */
  readonly store: ReadonlyArray<string>;
  /** The text of every row of the read tables. */
  readonly tableRows: () => Promise<ReadonlyArray<string>>;
  /** Everything of the store searched for clear values (the file and its WAL; the tables' rows). */
  readonly stored: () => Promise<string>;
  /** An id for the entity and the commands, unique on the store. */
  readonly id: string;
}

const command = (commandId: string, type: string, occurredAt: string, data: Record<string, unknown>) =>
  JSON.stringify({
    type,
    commandId,
    actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
    occurredAt,
    data,
  });

const rows = (stdout: string) => (JSON.parse(stdout) as { rows: Array<Record<string, unknown>> }).rows;

export const sealedTablesScenario = async (on: SealedTablesStore, masterKey: string): Promise<void> => {
  const entityId = `E-${on.id}`;
  const base = [...on.store, "--master-key", masterKey, "--lang", "en"];
  const input = [
    command(`${on.id}-1`, "RegisterEntity", "2020-07-14T09:00:00+08:00", {
      entityId,
      name: "Example Mining Co. (test)",
      sector: "non-coal-mine",
      district: "lizhou",
      supervisingDepartment: "GY-EMB",
      principal: { name: NAME, phone: PHONE },
      safetyManager: { name: MANAGER },
    }),
    command(`${on.id}-2`, "ChangePrincipal", "2020-09-01T09:00:00+08:00", {
      entityId,
      principal: { name: NEXT },
      reason: "new chairman",
    }),
  ].join("\n");
  const submitted = await cli(["--encrypt", "sm4-gcm", ...base, "submit", "-"], undefined, `${input}\n`);
  expect(submitted.code, submitted.stderr).toBe(0);

  const list = (asOf: string, extra: ReadonlyArray<string> = [], args = base) =>
    cli([...args, "list", "entities", "--as-of", asOf, "--json", ...extra]);
  const fromTables = await list("2020-08-01");
  expect(fromTables.code, fromTables.stderr).toBe(0);
  expect(rows(fromTables.stdout)[0]).toMatchObject({ principal: { name: NAME, phone: PHONE } });
  expect(rows(fromTables.stdout)).toEqual(rows((await list("2020-08-01", ["--replay"])).stdout));
  expect(rows((await list("2020-12-31")).stdout)[0]).toMatchObject({ principal: { name: NEXT } });

  // the tables were used and hold sealed values; no clear value anywhere in the store
  const tableRows = await on.tableRows();
  expect(tableRows.length).toBeGreaterThan(0);
  expect(tableRows.some((row) => row.includes("sealed:"))).toBe(true);
  const stored = await on.stored();
  for (const value of [NAME, PHONE, NEXT, MANAGER]) expect(stored.includes(value), value).toBe(false);

  // without the key: [encrypted], as the replay shows
  const keyless = await list("2020-08-01", [], [...on.store, "--lang", "en"]);
  expect(rows(keyless.stdout)[0]).toMatchObject({ principal: { name: "[encrypted]", phone: "[encrypted]" } });
  expect(keyless.stdout).not.toContain(NAME);

  // after the first principal's erasure the tables' answers show it erased; the successor stays
  const [first] = json<Array<{ subject: string }>>(
    await cli([...base, "privacy", "subjects", `entity-${entityId}/principal/`, "--json"]),
  );
  const erased = await cli([...base, ...eraseArgs(first!.subject)]);
  expect(erased.code, erased.stderr).toBe(0);
  const after = await list("2020-08-01");
  expect(rows(after.stdout)[0]).toMatchObject({ principal: { name: "erased", phone: "erased" } });
  expect(rows(after.stdout)).toEqual(rows((await list("2020-08-01", ["--replay"])).stdout));
  expect(rows((await list("2031-12-31")).stdout)[0]).toMatchObject({ principal: { name: NEXT } });
  const zh = await cli([
    ...on.store,
    "--master-key",
    masterKey,
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
  const still = await on.stored();
  for (const value of [NAME, PHONE, NEXT, MANAGER]) expect(still.includes(value), value).toBe(false);
};
