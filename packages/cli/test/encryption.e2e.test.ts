/**
 * End-to-end: a ledger whose personal fields are encrypted before the chain (docs/privacy.md),
 * through the built binary: the Guangyuan demo with encryption on reads as it does without;
 * the SQLite file holds no clear personal value; erasure destroys a subject's key at the end of
 * retention while chains, seals, proofs, an earlier export and the statistics still hold; a
 * ciphertext moved to another field is found.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashEvent } from "@safety-ledger/core";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, eraseArgs, fixture, json, requireBuild, tempDir } from "./helpers";

const NAME = "Qiu Xiaolan";
const PHONE = "13987654321";
const MANAGER = "Gu Mingyue";
const MANAGER_PHONE = "13711112222";
/** The principal's subject, assigned by the ledger (read from `privacy subjects`). */
let SUBJECT = "";

let temp: ReturnType<typeof tempDir>;
let enc: string;
let clear: string;
let key: string;
let exportBefore: string;
let proofBefore: string;
let statsBefore: string;
const outputs: string[] = [];

const withKey = (args: ReadonlyArray<string>) => ["--master-key", key, "--lang", "en", ...args];
const run = async (args: ReadonlyArray<string>, db = enc, input?: string) => {
  const r = await cli(args, db, input);
  outputs.push(r.stdout, r.stderr);
  return r;
};

/** The ledger file, its WAL and its shared-memory file, as bytes. */
const fileBytes = (db: string): Buffer =>
  Buffer.concat([db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));

const registration = JSON.stringify({
  type: "RegisterEntity",
  commandId: "pii-1",
  actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
  occurredAt: "2020-07-14T09:00:00+08:00",
  data: {
    entityId: "E-PII1",
    name: "Example Mining Co. (test)",
    sector: "non-coal-mine",
    district: "lizhou",
    supervisingDepartment: "GY-EMB",
    principal: { name: NAME, phone: PHONE },
    safetyManager: { name: MANAGER, phone: MANAGER_PHONE },
  },
});

const change = (commandId: string, type: string, data: Record<string, unknown>) =>
  JSON.stringify({
    type,
    commandId,
    actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
    occurredAt: "2031-02-01T09:00:00+08:00",
    data: { entityId: "E-PII1", reason: "changed", ...data },
  });

const entityRows = (stdout: string) =>
  (JSON.parse(stdout) as { rows: ReadonlyArray<Record<string, unknown>> }).rows;

beforeAll(async () => {
  requireBuild();
  temp = tempDir();
  enc = join(temp.dir, "encrypted.db");
  clear = join(temp.dir, "clear.db");
  key = join(temp.dir, "master.json");
  exportBefore = join(temp.dir, "before.jsonl");
  proofBefore = join(temp.dir, "proof.json");
}, 120_000);
afterAll(() => temp?.remove());

describe("safety-ledger --encrypt: personal fields encrypted before the chain", () => {
  it("writes a master key file once, and wants it for --encrypt", async () => {
    expect((await cli(["privacy", "master-key", key, "--algorithm", "sm4-gcm"])).code).toBe(0);
    expect(JSON.parse(readFileSync(key, "utf8"))).toMatchObject({ id: "master-1", algorithm: "sm4-gcm" });
    const again = await cli(["privacy", "master-key", key]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("never overwritten");
    const noKey = await cli(["--encrypt", "sm4-gcm", "demo"], join(temp.dir, "no-key.db"));
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("--master-key");
  });

  it("runs the Guangyuan demo with encryption on, with the same output and lists as without", async () => {
    const encrypted = await run(["--encrypt", "sm4-gcm", ...withKey(["demo"])]);
    const plain = await run(["--lang", "en", "demo"], clear);
    expect(encrypted.code).toBe(0);
    expect(encrypted.stdout).toBe(plain.stdout);
    for (const kind of ["entities", "risks", "hazards", "accidents"]) {
      const a = await run(withKey(["list", kind, "--as-of", "2020-12-31", "--json"]));
      const b = await run(["--lang", "en", "list", kind, "--as-of", "2020-12-31", "--json"], clear);
      expect(a.code).toBe(0);
      expect(entityRows(a.stdout)).toEqual(entityRows(b.stdout));
    }
    const verify = json<{ ok: boolean; problems: unknown[] }>(await run(["audit", "verify", "--json"]));
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
  }, 120_000);

  it("keeps no clear personal value in the SQLite file; reads reveal with the key and show [encrypted] without", async () => {
    const submitted = await run(withKey(["submit", "-"]), enc, `${registration}\n`);
    expect(submitted.code).toBe(0);
    const bytes = fileBytes(enc);
    for (const value of [NAME, PHONE, MANAGER, MANAGER_PHONE]) expect(bytes.includes(value)).toBe(false);
    const revealed = await run(withKey(["list", "entities", "--as-of", "2020-12-31", "--json"]));
    expect(entityRows(revealed.stdout).find((r) => r.entityId === "E-PII1")).toMatchObject({
      principal: { name: NAME, phone: PHONE },
      safetyManager: { name: MANAGER, phone: MANAGER_PHONE },
    });
    const keyless = await cli(["--lang", "en", "list", "entities", "--as-of", "2020-12-31", "--json"], enc);
    expect(keyless.code).toBe(0);
    expect(entityRows(keyless.stdout).find((r) => r.entityId === "E-PII1")).toMatchObject({
      principal: { name: "[encrypted]", phone: "[encrypted]" },
    });
    expect(keyless.stdout).not.toContain(NAME);
    // without the key, a command with a personal value is refused; one without goes in
    const refused = await cli(
      ["--lang", "en", "submit", "-"],
      enc,
      `${change("pii-x", "ChangePrincipal", { principal: { name: "Someone Else" } })}\n`,
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain("master key");
    type Listed = { subject: string; kind: string; status: string; introducedBy: { eventId: string } | null };
    const subjects = json<Listed[]>(await run(withKey(["privacy", "subjects", "entity-E-PII1/", "--json"])));
    // one subject per person, named by the event that introduced them (never by a phone or name)
    const registered = json<Array<{ id: string }>>(
      await run(withKey(["history", "entity-E-PII1", "--json"])),
    )[0]!;
    expect(subjects).toEqual(
      ["principal", "safety-manager"].map((kind) => ({
        subject: `entity-E-PII1/${kind}/${registered.id}`,
        stream: "entity-E-PII1",
        kind,
        status: "live",
        introducedBy: { eventId: registered.id, revision: 0, type: "EntityRegistered", on: "2020-07-14" },
      })),
    );
    SUBJECT = subjects[0]!.subject;
    const listed = await run(withKey(["privacy", "subjects", "entity-E-PII1/"]));
    expect(listed.stdout).toContain(`${SUBJECT}`);
    expect(listed.stdout).toContain("entity-E-PII1@0 EntityRegistered 2020-07-14");
  });

  it("erases a subject only after retention, then every check still holds and the value is gone", async () => {
    expect((await run(withKey(["audit", "seal", "--as", "AUDIT/office/Auditor"]))).code).toBe(0);
    expect((await run(["audit", "export", exportBefore])).code).toBe(0);
    const proved = await run(["audit", "prove", "entity-E-PII1", "0"]);
    expect(proved.code).toBe(0);
    writeFileSync(proofBefore, proved.stdout);
    const stats = ["stats", "accidents", "--from", "2020-01-01", "--to", "2020-11-30", "--json"];
    statsBefore = (await run(withKey(stats))).stdout;

    const erase = (on: string) => run(withKey(eraseArgs(SUBJECT, { on })));
    const early = await erase("2030-12-31T09:00:00+08:00");
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("retention ends on 2031-01-01");
    const sameUnit = await run(
      withKey([
        "privacy",
        "erase",
        SUBJECT,
        "--legal-basis",
        "x",
        "--appraisal",
        "y",
        "--approved-by",
        "GY-EMB",
        "--approved-by",
        "GY-EMB",
        "--as",
        "GY-SAFETY-OFFICE/office/Chen Jie",
      ]),
    );
    expect(sameUnit.code).toBe(2);
    expect(sameUnit.stderr).toContain("two distinct approving units");

    const erased = await erase("2031-01-02T09:00:00+08:00");
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain(`Erased the personal data of ${SUBJECT}`);

    // chains, seals, the earlier export and the proof still verify
    const verify = json<{ ok: boolean; problems: unknown[] }>(await run(["audit", "verify", "--json"]));
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
    expect((await run(["audit", "verify", "--file", exportBefore])).code).toBe(0);
    expect((await run(["audit", "check-proof", proofBefore])).code).toBe(0);
    expect((await run(withKey(stats))).stdout).toBe(statsBefore);

    // reads show the erased marker, in each language
    const en = await run(withKey(["list", "entities", "--as-of", "2031-12-31", "--json"]));
    expect(entityRows(en.stdout).find((r) => r.entityId === "E-PII1")).toMatchObject({
      principal: { name: "erased", phone: "erased" },
      safetyManager: { name: MANAGER, phone: MANAGER_PHONE },
    });
    const zh = await run([
      "--master-key",
      key,
      "--lang",
      "zh-CN",
      "list",
      "entities",
      "--as-of",
      "2031-12-31",
    ]);
    expect(zh.stdout).toContain("已依法删除");
    const history = await run(withKey(["history", "entity-E-PII1", "--json"]));
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)[0].data.principal).toEqual({ name: "erased", phone: "erased" });
    const erasure = await run(withKey(["history", `erasure-${SUBJECT}`, "--json"]));
    expect(erasure.stdout).toContain("PersonalDataErased");
    expect(erasure.stdout).toContain("GY-ARCH-2031-007");

    // the erased principal's successor is registrable: a subject of their own; the former one stays erased
    const successor = await run(
      withKey(["submit", "-"]),
      enc,
      `${change("pii-2", "ChangePrincipal", { principal: { name: "Ma Jun" } })}\n`,
    );
    expect(successor.code).toBe(0);
    const afterChange = await run(withKey(["list", "entities", "--as-of", "2031-12-31", "--json"]));
    expect(entityRows(afterChange.stdout).find((r) => r.entityId === "E-PII1")).toMatchObject({
      principal: { name: "Ma Jun" },
    });
    const changeEvent = json<Array<{ type: string; data: { from: unknown } }>>(
      await run(withKey(["history", "entity-E-PII1", "--json"])),
    ).find((e) => e.type === "PrincipalChanged");
    expect(changeEvent?.data.from).toEqual({ name: "erased", phone: "erased" });
    const principals = json<Array<{ subject: string; status: string; introducedBy: { type: string } }>>(
      await run(withKey(["privacy", "subjects", "entity-E-PII1/principal/", "--json"])),
    );
    expect(principals.map((p) => [p.subject === SUBJECT, p.status, p.introducedBy.type])).toEqual(
      expect.arrayContaining([
        [true, "destroyed", "EntityRegistered"],
        [false, "live", "PrincipalChanged"],
      ]),
    );
    const manager = await run(
      withKey(["submit", "-"]),
      enc,
      `${change("pii-3", "ChangeSafetyManager", { safetyManager: { name: "Gao Yu" } })}\n`,
    );
    expect(manager.code).toBe(0);

    // nothing read, exported, logged or stored holds the erased value
    const exportAfter = join(temp.dir, "after.jsonl");
    expect((await run(["audit", "export", exportAfter])).code).toBe(0);
    for (const value of [NAME, PHONE]) {
      for (const out of outputs.slice(outputs.indexOf(erased.stdout))) expect(out).not.toContain(value);
      expect(fileBytes(enc).includes(value)).toBe(false);
      expect(readFileSync(exportBefore, "utf8")).not.toContain(value);
      expect(readFileSync(exportAfter, "utf8")).not.toContain(value);
    }
    expect(json<{ ok: boolean }>(await run(withKey(["privacy", "check", "--json"]))).ok).toBe(true);
  }, 120_000);

  it("finds a ciphertext moved to another field: privacy check fails, and audit verify when the chain was not rewritten", async () => {
    const moved = join(temp.dir, "moved.db");
    copyFileSync(enc, moved);
    const conn = new Database(moved);
    const row = conn
      .prepare(
        "SELECT stream_revision AS revision, event_id AS id, event_type AS type, schema_version AS schemaVersion, data, metadata FROM events WHERE stream_name = ? AND stream_revision = 0",
      )
      .get("entity-E-PII1") as {
      revision: number;
      id: string;
      type: string;
      schemaVersion: number;
      data: string;
      metadata: string;
    };
    const data = JSON.parse(row.data);
    data.safetyManager.name = data.principal.name; // the erased principal's ciphertext, moved
    data.principal.name = JSON.parse(row.data).safetyManager.name;
    conn
      .prepare("UPDATE events SET data = ? WHERE stream_name = ? AND stream_revision = 0")
      .run(JSON.stringify(data), "entity-E-PII1");
    conn.close();
    const tampered = await cli(["audit", "verify", "--json"], moved);
    expect(tampered.code).toBe(1);
    const check = await cli(withKey(["privacy", "check"]), moved);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      /entity-E-PII1@0 principal\.name \(entity-E-PII1\/safety-manager\/[0-9a-f-]{36}\): does not authenticate/,
    );

    // whoever can rewrite the chain too: the chain verifies, the field still does not decrypt
    const rewritten = new Database(moved);
    const { hash: _old, ...metadata } = JSON.parse(row.metadata);
    const hash = hashEvent({ ...row, stream: "entity-E-PII1", data, metadata });
    rewritten
      .prepare("UPDATE events SET metadata = ? WHERE stream_name = ? AND stream_revision = 0")
      .run(JSON.stringify({ ...metadata, hash }), "entity-E-PII1");
    rewritten.close();
    const checkAgain = await cli(withKey(["privacy", "check", "--json"]), moved);
    expect(checkAgain.code).toBe(1);
    expect(json<{ problems: Array<{ path: string; code: string }> }>(checkAgain).problems).toEqual([
      expect.objectContaining({ path: "principal.name", code: "NOT_AUTHENTIC" }),
    ]);
    // as of a date whose principal is the moved value (the tables reveal what the state holds)
    const read = await cli(withKey(["list", "entities", "--as-of", "2020-12-31"]), moved);
    expect(read.code).toBe(1);
    expect(read.stderr).toContain("moved from another event or field");
  });

  it("imports a list into an encrypted ledger: encrypted before the chain, unchanged when imported again", async () => {
    const db = join(temp.dir, "imported.db");
    const as = ["--as", "GY-EMB/office/Wang Office"];
    const first = await cli(
      ["--encrypt", "aes-256-gcm", ...withKey(["import", "entities", fixture("entities.csv"), ...as])],
      db,
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("3 added");
    for (const value of ["Li Ming", "Zhao Lei", "Chen Hua", "Sun Yi"])
      expect(fileBytes(db).includes(value)).toBe(false);
    const rows = entityRows(
      (await cli(withKey(["list", "entities", "--as-of", "2020-12-31", "--json"]), db)).stdout,
    );
    expect(rows.find((r) => r.entityId === "E-0001")).toMatchObject({
      principal: { name: "Li Ming" },
      safetyManager: { name: "Zhao Lei" },
    });
    const again = await cli(withKey(["import", "entities", fixture("entities.csv"), ...as]), db);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("3 unchanged");
    expect(json<{ ok: boolean }>(await cli(["audit", "verify", "--json"], db)).ok).toBe(true);
  });

  it("takes the master key from SAFETY_LEDGER_MASTER_KEY; erase --command-id --json records once", async () => {
    const db = join(temp.dir, "imported.db");
    const env = { SAFETY_LEDGER_MASTER_KEY: key };
    const listed = async () =>
      json<Array<{ subject: string; kind: string; status: string }>>(
        await cli(["privacy", "subjects", "entity-E-0001/", "--json"], db, undefined, env),
      );
    const manager = (await listed()).find((s) => s.kind === "safety-manager")!.subject;
    const erasing = [
      ...eraseArgs(manager, {
        legalBasis: "PIPL art. 47",
        appraisal: "GY-ARCH-2035-001",
        on: "2035-01-02T09:00:00+08:00",
      }),
      "--command-id",
      "erase-e1-sm",
      "--json",
    ];
    type Erased = { subject: string; duplicate: boolean; event: { type: string; data: unknown } };
    const first = json<Erased>(await cli(erasing, db, undefined, env));
    expect(first).toMatchObject({ subject: manager, duplicate: false });
    expect(first.event.type).toBe("PersonalDataErased");
    expect(JSON.stringify(first.event.data)).not.toContain("Zhao Lei");
    expect(json<Erased>(await cli(erasing, db, undefined, env)).duplicate).toBe(true);
    expect((await listed()).map((s) => [s.kind, s.status])).toEqual([
      ["principal", "live"],
      ["safety-manager", "destroyed"],
    ]);
    const rows = entityRows(
      (await cli(["list", "entities", "--as-of", "2020-12-31", "--json"], db, undefined, env)).stdout,
    );
    expect(rows.find((r) => r.entityId === "E-0001")).toMatchObject({
      principal: { name: "Li Ming" },
      safetyManager: { name: "erased" },
    });
  });
});
