/**
 * End-to-end: `audit export --reveal` (docs/privacy.md) through the built binary. A revealed
 * export needs the master key, a legal basis and an actor allowed to make it; it is recorded
 * (`RevealedExportRecorded` on `export-<id>`: who, which subjects, the file's SHA-256, no
 * personal value) before the file is written; the clear values are in that file only; an
 * erased subject shows erased in it; the ordinary export still holds none.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, eraseArgs, json, requireBuild, tempDir } from "./helpers";

const NAME = "Lan Qiuyue";
const PHONE = "13955554444";
const ERASED_NAME = "Mo Xingchen";
const ERASED_PHONE = "13622223333";
/** The subjects as the ledger assigned them, a person each (`<record>/<role>/<event id>`). */
let SUBJECTS: Record<string, string>;
const OFFICE = "GY-SAFETY-OFFICE/office/Chen Jie";
const BASIS = "Lizhou court request (2031) 川0802 no. 17";

let temp: ReturnType<typeof tempDir>;
let db: string;
let key: string;

const withKey = (args: ReadonlyArray<string>) => ["--master-key", key, "--lang", "en", ...args];

const registration = (n: string, name: string, phone: string) =>
  JSON.stringify({
    type: "RegisterEntity",
    commandId: `rx-${n}`,
    actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
    occurredAt: "2020-07-14T09:00:00+08:00",
    data: {
      entityId: `E-RX${n}`,
      name: `Example Quarry ${n} (test)`,
      sector: "non-coal-mine",
      district: "lizhou",
      supervisingDepartment: "GY-EMB",
      principal: { name, phone },
      safetyManager: { name: `Safety Manager ${n}` },
    },
  });

const lines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const registered = (file: string, entityId: string) =>
  lines(file).find(
    (l) => l.type === "EntityRegistered" && (l.data as { entityId?: string }).entityId === entityId,
  ) as { data: { principal: unknown }; revealed?: { principal: unknown } } | undefined;

beforeAll(async () => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "ledger.db");
  key = join(temp.dir, "master.json");
  expect((await cli(["privacy", "master-key", key, "--algorithm", "aes-256-gcm"])).code).toBe(0);
  const input = `${registration("1", NAME, PHONE)}\n${registration("2", ERASED_NAME, ERASED_PHONE)}\n`;
  const submitted = await cli(["--encrypt", "aes-256-gcm", ...withKey(["submit", "-"])], db, input);
  expect(submitted.code, submitted.stderr).toBe(0);
  const listed = json<Array<{ subject: string }>>(
    await cli(withKey(["privacy", "subjects", "entity-", "--json"]), db),
  );
  SUBJECTS = Object.fromEntries(listed.map((s) => [s.subject.split("/").slice(0, 2).join("/"), s.subject]));
  const erased = await cli(withKey(eraseArgs(SUBJECTS["entity-E-RX2/principal"]!)), db);
  expect(erased.code, erased.stderr).toBe(0);
}, 120_000);
afterAll(() => temp?.remove());

describe("safety-ledger audit export --reveal", () => {
  it("is refused without the master key, a legal basis, an actor, or --reveal for its options; nothing is written", async () => {
    const before = countEvents(db);
    const file = join(temp.dir, "refused.jsonl");
    const base = ["audit", "export", file, "--reveal", "--legal-basis", BASIS, "--as", OFFICE];
    const noKey = await cli(["--lang", "en", ...base], db);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("needs the ledger's master key");
    const noKeyZh = await cli(["--lang", "zh", ...base], db);
    expect(noKeyZh.stderr).toContain("此命令需要账本的主密钥");
    const noBasis = await cli(withKey(["audit", "export", file, "--reveal", "--as", OFFICE]), db);
    expect(noBasis.code).toBe(2);
    expect(noBasis.stderr).toContain("--reveal needs --legal-basis");
    const noActor = await cli(withKey(["audit", "export", file, "--reveal", "--legal-basis", BASIS]), db);
    expect(noActor.code).toBe(2);
    expect(noActor.stderr).toContain("--reveal needs --as");
    const noActorZh = await cli(
      ["--master-key", key, "--lang", "zh", "audit", "export", file, "--reveal", "--legal-basis", BASIS],
      db,
    );
    expect(noActorZh.stderr).toContain("audit export --reveal 需要 --as");
    const badId = await cli(withKey([...base, "--export-id", "../court 17"]), db);
    expect(badId.code).toBe(1);
    expect(badId.stdout + badId.stderr).toContain("exportId");
    const stray = await cli(withKey(["audit", "export", file, "--legal-basis", BASIS]), db);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("--legal-basis belongs to a revealed export: add --reveal");
    const department = await cli(
      withKey([
        "audit",
        "export",
        file,
        "--reveal",
        "--legal-basis",
        BASIS,
        "--as",
        "GY-EMB/department/Zhang Min",
      ]),
      db,
    );
    expect(department.code).toBe(1);
    expect(department.stderr).toContain("RecordRevealedExport may only be issued by office or lead-group");
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(temp.dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
    expect(countEvents(db)).toBe(before);
  });

  it("records who exported what before writing the file; the clear values are in that file only", async () => {
    const plain = join(temp.dir, "plain.jsonl");
    const revealed = join(temp.dir, "revealed.jsonl");
    const before = countEvents(db);
    const made = await cli(
      withKey([
        "audit",
        "export",
        revealed,
        "--reveal",
        "--legal-basis",
        BASIS,
        "--as",
        OFFICE,
        "--export-id",
        "court-17",
        "--json",
      ]),
      db,
    );
    expect(made.code, made.stderr).toBe(0);
    const result = json<{ stream: string; sha256: string; subjects: number; erasedSubjects: number }>(made);
    expect(result).toMatchObject({ stream: "export-court-17", subjects: 3, erasedSubjects: 1 });
    expect(countEvents(db)).toBe(before + 1);

    // the file: stored events (ciphertext, still verifying) and, beside each, the revealed data
    const text = readFileSync(revealed, "utf8");
    expect(createHash("sha256").update(text, "utf8").digest("hex")).toBe(result.sha256);
    expect(text).toContain(NAME);
    expect(text).toContain(PHONE);
    expect(text).not.toContain(ERASED_NAME);
    expect(text).not.toContain(ERASED_PHONE);
    expect(lines(revealed)[0]).toMatchObject({
      revealed: { exportId: "court-17", legalBasis: BASIS, by: { unit: "GY-SAFETY-OFFICE", role: "office" } },
    });
    const kept = registered(revealed, "E-RX1")!;
    expect(kept.data.principal).toMatchObject({ name: { encrypted: 1 }, phone: { encrypted: 1 } });
    expect(kept.revealed?.principal).toEqual({ name: NAME, phone: PHONE });
    expect(registered(revealed, "E-RX2")!.revealed).toMatchObject({
      principal: { name: "erased", phone: "erased" },
      safetyManager: { name: "Safety Manager 2" },
    });
    const verified = json<{ ok: boolean }>(await cli(["audit", "verify", "--file", revealed, "--json"]));
    expect(verified.ok).toBe(true);

    // the record: in history and the audit trail, with no personal value
    const history = await cli(withKey(["history", "export-court-17", "--json"]), db);
    expect(history.code).toBe(0);
    const [event] = json<Array<{ type: string; data: Record<string, unknown> }>>(history);
    expect(event).toMatchObject({
      type: "RevealedExportRecorded",
      data: {
        exportId: "court-17",
        legalBasis: BASIS,
        subjects: [
          SUBJECTS["entity-E-RX1/principal"],
          SUBJECTS["entity-E-RX1/safety-manager"],
          SUBJECTS["entity-E-RX2/safety-manager"],
        ].sort(),
        erasedSubjects: [SUBJECTS["entity-E-RX2/principal"]],
        fileDigest: { algorithm: "sha256", hex: result.sha256 },
        by: { unit: "GY-SAFETY-OFFICE", role: "office", person: "Chen Jie" },
      },
    });
    for (const value of [NAME, PHONE]) {
      expect(history.stdout).not.toContain(value);
      expect(readFileSync(db).includes(value)).toBe(false);
    }
    const verify = json<{ ok: boolean }>(await cli(["audit", "verify", "--json"], db));
    expect(verify.ok).toBe(true);

    // the ordinary export, made after it, holds the record and still no clear value
    expect((await cli(["audit", "export", plain], db)).code).toBe(0);
    const plainText = readFileSync(plain, "utf8");
    expect(plainText).toContain("RevealedExportRecorded");
    for (const value of [NAME, PHONE]) expect(plainText).not.toContain(value);
    expect(registered(plain, "E-RX1")!.revealed).toBeUndefined();
  });

  it("refuses a second revealed export under the same id, in either language", async () => {
    const file = join(temp.dir, "again.jsonl");
    const again = [
      "audit",
      "export",
      file,
      "--reveal",
      "--legal-basis",
      BASIS,
      "--as",
      OFFICE,
      "--export-id",
    ];
    const en = await cli(withKey([...again, "court-17"]), db);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain("A revealed export court-17 was recorded on");
    const zh = await cli(["--master-key", key, "--lang", "zh", ...again, "court-17"], db);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain("已于");
    expect(zh.stderr).toContain("记录过编号为 court-17 的明文导出");
    expect(existsSync(file)).toBe(false);
  });

  it("is refused on a ledger that keeps personal fields in clear", async () => {
    const clear = join(temp.dir, "clear.db");
    expect(
      (await cli(["--lang", "en", "submit", "-"], clear, `${registration("1", NAME, PHONE)}\n`)).code,
    ).toBe(0);
    const r = await cli(
      withKey([
        "audit",
        "export",
        join(temp.dir, "c.jsonl"),
        "--reveal",
        "--legal-basis",
        BASIS,
        "--as",
        OFFICE,
      ]),
      clear,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("stores personal fields in clear");
  });
});

describe("safety-ledger audit check-export", () => {
  const made = async (id: string) => {
    const file = join(temp.dir, `${id}.jsonl`);
    const r = await cli(
      withKey([
        "audit",
        "export",
        file,
        "--reveal",
        "--legal-basis",
        BASIS,
        "--as",
        OFFICE,
        "--export-id",
        id,
      ]),
      db,
    );
    expect(r.code, r.stderr).toBe(0);
    return file;
  };

  it("finds a revealed export's record by its digest: who, when, why, which subjects", async () => {
    const file = await made("court-21");
    const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
    const en = await cli(["--lang", "en", "audit", "check-export", file], db);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain(
      `is a revealed export the ledger recorded (export-court-21, SHA-256 ${sha256} matches)`,
    );
    expect(en.stdout).toContain("Exported by: GY-SAFETY-OFFICE/office/Chen Jie");
    expect(en.stdout).toContain(`Legal basis: ${BASIS}`);
    expect(en.stdout).toContain(`3 data subjects in clear: ${SUBJECTS["entity-E-RX1/principal"]}`);
    expect(en.stdout).toContain(`1 data subjects erased: ${SUBJECTS["entity-E-RX2/principal"]}`);
    expect(en.stdout).toContain("OK: ");
    const zh = await cli(["--lang", "zh", "audit", "check-export", file], db);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("是账本记录的明文导出（export-court-21");
    expect(zh.stdout).toContain(`法律依据：${BASIS}`);
    const j = json<{ ok: boolean; status: string; sha256: string; record: Record<string, unknown> }>(
      await cli(["audit", "check-export", file, "--json"], db),
    );
    expect(j).toMatchObject({
      ok: true,
      status: "recorded",
      sha256,
      record: {
        stream: "export-court-21",
        exportId: "court-21",
        legalBasis: BASIS,
        by: { unit: "GY-SAFETY-OFFICE", role: "office", person: "Chen Jie" },
        erasedSubjects: [SUBJECTS["entity-E-RX2/principal"]],
        fileDigest: { algorithm: "sha256", hex: sha256 },
      },
    });
    // no personal value on the way: the record holds none, and the check prints none
    for (const value of [NAME, PHONE]) expect(en.stdout + zh.stdout).not.toContain(value);
  });

  it("refuses an altered file (a clear value changed: the chain alone cannot see it)", async () => {
    const file = await made("court-22");
    const altered = join(temp.dir, "court-22-altered.jsonl");
    const text = readFileSync(file, "utf8");
    expect(text).toContain(NAME);
    writeFileSync(altered, text.replace(NAME, "Lan Qiuyun"));
    // the stored events are untouched, so the chain still verifies
    expect(json<{ ok: boolean }>(await cli(["audit", "verify", "--file", altered, "--json"])).ok).toBe(true);
    const en = await cli(["--lang", "en", "audit", "check-export", altered], db);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain("is not the revealed export court-22 the ledger recorded");
    expect(en.stderr).toContain("the file was changed");
    const zh = await cli(["--lang", "zh", "audit", "check-export", altered], db);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain("不是账本记录的明文导出 court-22");
    const j = await cli(["audit", "check-export", altered, "--json"], db);
    expect(j.code).toBe(1);
    expect(json(j)).toMatchObject({ ok: false, status: "altered", exportId: "court-22" });
  });

  it("refuses a revealed export the ledger never recorded", async () => {
    // the same ledger's revealed export, checked against another ledger that never recorded it
    const file = await made("court-23");
    const other = join(temp.dir, "other.db");
    expect(
      (await cli(["--lang", "en", "submit", "-"], other, `${registration("9", NAME, PHONE)}\n`)).code,
    ).toBe(0);
    const en = await cli(["--lang", "en", "audit", "check-export", file], other);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain("the ledger recorded no revealed export with SHA-256");
    const zh = await cli(["--lang", "zh", "audit", "check-export", file], other);
    expect(zh.stderr).toContain("账本中没有 SHA-256 为");
    const j = await cli(["audit", "check-export", file, "--json"], other);
    expect(j.code).toBe(1);
    expect(json(j)).toMatchObject({ ok: false, status: "unrecorded", exportId: "court-23" });
  });

  it("checks a plain export's chain, which needs no record, as audit verify --file does", async () => {
    const plain = join(temp.dir, "plain-checked.jsonl");
    expect((await cli(["audit", "export", plain], db)).code).toBe(0);
    const en = await cli(["--lang", "en", "audit", "check-export", plain], db);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain("is a plain export (no clear values)");
    expect(en.stdout).toContain("OK: ");
    expect(json(await cli(["audit", "check-export", plain, "--json"], db))).toMatchObject({
      ok: true,
      status: "plain",
    });
    const verify = await cli(["audit", "verify", "--file", plain, "--json"]);
    expect(json<{ ok: boolean }>(verify).ok).toBe(true);
  });
});
