/**
 * End-to-end: `privacy rotate-master-key NEW` (docs/privacy.md) through the built binary: every
 * live data key is rewrapped under the new master key; afterwards the new key opens the ledger
 * and the old one no longer does (a coded error in either language); an erased subject stays
 * erased; new subjects get keys under the new master key.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, eraseArgs, json, requireBuild, tempDir } from "./helpers";

const NAME = "Ou Yangming";
/** The erased principal's subject, as the ledger assigned it (`<record>/principal/<event id>`). */
let ERASED_SUBJECT: string;

let temp: ReturnType<typeof tempDir>;
let db: string;
let oldKey: string;
let newKey: string;
let sameId: string;

const registration = (n: string, name: string, occurredAt = "2020-07-14T09:00:00+08:00") =>
  JSON.stringify({
    type: "RegisterEntity",
    commandId: `mk-${n}`,
    actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
    occurredAt,
    data: {
      entityId: `E-MK${n}`,
      name: `Example Kiln ${n} (test)`,
      sector: "non-coal-mine",
      district: "lizhou",
      supervisingDepartment: "GY-EMB",
      principal: { name, phone: "13900001111" },
      safetyManager: { name: `Manager ${n}` },
    },
  });

const rows = (stdout: string) =>
  (JSON.parse(stdout) as { rows: ReadonlyArray<{ entityId: string; principal: unknown }> }).rows;

beforeAll(async () => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "ledger.db");
  oldKey = join(temp.dir, "master-1.json");
  newKey = join(temp.dir, "master-2.json");
  sameId = join(temp.dir, "also-master-1.json");
  expect((await cli(["privacy", "master-key", oldKey])).code).toBe(0);
  expect(
    (await cli(["privacy", "master-key", newKey, "--id", "master-2", "--algorithm", "aes-256-gcm"])).code,
  ).toBe(0);
  expect((await cli(["privacy", "master-key", sameId])).code).toBe(0);
  const input = `${registration("1", NAME)}\n${registration("2", "Xu Erased")}\n`;
  const r = await cli(
    ["--encrypt", "sm4-gcm", "--master-key", oldKey, "--lang", "en", "submit", "-"],
    db,
    input,
  );
  expect(r.code, r.stderr).toBe(0);
  const listed = await cli(
    ["--master-key", oldKey, "privacy", "subjects", "entity-E-MK2/principal/", "--json"],
    db,
  );
  ERASED_SUBJECT = (JSON.parse(listed.stdout) as Array<{ subject: string }>)[0]!.subject;
  const erased = await cli(["--master-key", oldKey, ...eraseArgs(ERASED_SUBJECT)], db);
  expect(erased.code, erased.stderr).toBe(0);
}, 120_000);
afterAll(() => temp?.remove());

describe("safety-ledger privacy rotate-master-key", () => {
  it("is refused without the current key, or for a new key with the current one's id; nothing changes", async () => {
    const noKey = await cli(["--lang", "en", "privacy", "rotate-master-key", newKey], db);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("needs the ledger's master key");
    const same = await cli(
      ["--master-key", oldKey, "--lang", "en", "privacy", "rotate-master-key", sameId],
      db,
    );
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("the new master key has the id master-1 of the current one");
    const sameZh = await cli(
      ["--master-key", oldKey, "--lang", "zh", "privacy", "rotate-master-key", sameId],
      db,
    );
    expect(sameZh.stderr).toContain("新主密钥的编号 master-1 与当前主密钥相同");
    // a role that may not record it is refused before any key is rewrapped
    const clerk = [
      "--master-key",
      oldKey,
      "privacy",
      "rotate-master-key",
      newKey,
      "--as",
      "GY-EMB/department/Zhang Min",
    ];
    const refused = await cli(["--lang", "en", ...clerk], db);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("RecordMasterKeyRotation may only be issued by office or lead-group");
    const refusedZh = await cli(["--lang", "zh", ...clerk], db);
    expect(refusedZh.code).toBe(1);
    expect(refusedZh.stderr).toContain("RecordMasterKeyRotation");
    expect(refusedZh.stderr).not.toContain("may only be issued");
    const missing = await cli(
      ["--master-key", oldKey, "--lang", "en", "privacy", "rotate-master-key", join(temp.dir, "none.json")],
      db,
    );
    expect(missing.code).toBe(2);
    const still = await cli(["--master-key", oldKey, "--lang", "en", "list", "entities", "--json"], db);
    expect(rows(still.stdout).find((r) => r.entityId === "E-MK1")?.principal).toMatchObject({ name: NAME });
  });

  it("rewraps every live key: the new master key opens the ledger, the old one no longer does", async () => {
    const rotated = await cli(
      [
        "--master-key",
        oldKey,
        "--lang",
        "en",
        "privacy",
        "rotate-master-key",
        newKey,
        "--as",
        "GY-SAFETY-OFFICE/office/Chen Jie",
        "--json",
      ],
      db,
    );
    expect(rotated.code, rotated.stderr).toBe(0);
    // E-MK1's principal and safety manager, E-MK2's safety manager; E-MK2's principal was erased
    const result = json<{ fingerprint: string }>(rotated);
    expect(result).toMatchObject({
      masterKeyId: "master-2",
      rewrapped: 3,
      destroyed: 1,
      stream: "masterkey-rotations",
    });
    expect(result.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    // recorded in the ledger after the rewrap: who, when, the new key's fingerprint, how many; no key
    const history = await cli(
      ["--master-key", newKey, "--lang", "en", "history", "masterkey-rotations", "--json"],
      db,
    );
    expect(history.code, history.stderr).toBe(0);
    const [event] = json<Array<{ type: string; data: Record<string, unknown> }>>(history);
    expect(event).toMatchObject({
      type: "MasterKeyRotated",
      data: {
        fromKeyId: "master-1",
        toKeyId: "master-2",
        fingerprint: { algorithm: "sha256", hex: result.fingerprint },
        rewrapped: 3,
        destroyed: 1,
        by: { unit: "GY-SAFETY-OFFICE", role: "office", person: "Chen Jie" },
      },
    });
    const newKeyHex = (JSON.parse(readFileSync(newKey, "utf8")) as { key: string }).key;
    const oldKeyHex = (JSON.parse(readFileSync(oldKey, "utf8")) as { key: string }).key;
    for (const hex of [newKeyHex, oldKeyHex]) {
      expect(history.stdout).not.toContain(hex);
      expect(readFileSync(db).includes(hex)).toBe(false);
    }
    const zh = await cli(["--master-key", newKey, "--lang", "zh", "history", "masterkey-rotations"], db);
    expect(zh.stdout).toContain("MasterKeyRotated");
    expect(json(await cli(["audit", "verify", "--json"], db))).toMatchObject({ ok: true });

    const withNew = await cli(["--master-key", newKey, "--lang", "en", "list", "entities", "--json"], db);
    expect(withNew.code, withNew.stderr).toBe(0);
    const listed = rows(withNew.stdout);
    expect(listed.find((r) => r.entityId === "E-MK1")?.principal).toEqual({
      name: NAME,
      phone: "13900001111",
    });
    expect(listed.find((r) => r.entityId === "E-MK2")?.principal).toEqual({
      name: "erased",
      phone: "erased",
    });
    const check = await cli(["--master-key", newKey, "--lang", "en", "privacy", "check"], db);
    expect(check.code, check.stdout).toBe(0);

    const withOld = await cli(["--master-key", oldKey, "--lang", "en", "list", "entities", "--json"], db);
    expect(withOld.code).toBe(1);
    expect(withOld.stderr).toContain("does not unwrap with master key master-1 (it was wrapped by master-2)");
    expect(withOld.stdout).not.toContain(NAME);
    const withOldZh = await cli(["--master-key", oldKey, "--lang", "zh", "list", "entities"], db);
    expect(withOldZh.stderr).toContain("无法用主密钥 master-1 解开（它由 master-2 封装）");

    const subjects = json<Array<{ subject: string; status: string }>>(
      await cli(["--master-key", newKey, "privacy", "subjects", "entity-E-MK2/", "--json"], db),
    );
    expect(subjects).toContainEqual(
      expect.objectContaining({ subject: ERASED_SUBJECT, status: "destroyed" }),
    );
    // the rotation wrote no clear value into the file
    const bytes = Buffer.concat([db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
    expect(bytes.includes(NAME)).toBe(false);
  });

  it("gives new subjects keys under the new master key", async () => {
    const r = await cli(
      ["--master-key", newKey, "--lang", "en", "submit", "-"],
      db,
      `${registration("3", "Fang Xinlai", "2020-07-15T09:00:00+08:00")}\n`,
    );
    expect(r.code, r.stderr).toBe(0);
    const listed = await cli(["--master-key", newKey, "--lang", "en", "list", "entities", "--json"], db);
    expect(rows(listed.stdout).find((x) => x.entityId === "E-MK3")?.principal).toMatchObject({
      name: "Fang Xinlai",
    });
    const withOld = await cli(["--master-key", oldKey, "--lang", "en", "history", "entity-E-MK3"], db);
    expect(withOld.code).toBe(1);
  });
});
