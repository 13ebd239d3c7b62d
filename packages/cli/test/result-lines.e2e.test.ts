/**
 * End-to-end: what commands print when they succeed, or find a tampered ledger, is in Chinese by
 * default (no locale) and in English with `--lang en`: audit verify, seal, export, prove,
 * check-proof, late-entries, key registration, rebuild, project, report and the broken-chain
 * warnings. JSON output keeps its keys in both.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, fixture, json, requireBuild, sql, tempDir } from "./helpers";

const NO_LOCALE = { LANG: "" };
const AS = ["--as", "GY-EMB/office/Wang Office"];
let temp: ReturnType<typeof tempDir>;
let db: string;

/** The command in Chinese (no locale, no --lang) and in English (--lang en). */
const both = async (args: ReadonlyArray<string>, store: string | undefined = db) => ({
  zh: await cli(args, store, undefined, NO_LOCALE),
  en: await cli(["--lang", "en", ...args], store, undefined, NO_LOCALE),
});

beforeAll(async () => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "ledger.db");
  const setup = await cli(["submit", fixture("setup.jsonl")], db);
  if (setup.code !== 0) throw new Error(setup.stderr);
  for (const kind of ["entities", "accidents"]) {
    const run = await cli(["import", kind, fixture(`${kind}.csv`), ...AS], db);
    if (run.code !== 0) throw new Error(run.stderr);
  }
});
afterAll(() => temp?.remove());

describe("audit's result lines", () => {
  it("verify, seal, export, prove, check-proof and late-entries: Chinese by default, English with --lang en", async () => {
    const events = countEvents(db);
    const verify = await both(["audit", "verify"]);
    expect(verify.zh.stdout).toMatch(
      new RegExp(`^通过：已检查 \\d+ 个流中的 ${events} 个事件、\\d+ 个封印（sha256），问题 0 个。`),
    );
    expect(verify.en.stdout).toMatch(
      new RegExp(`^OK: ${events} events in \\d+ streams, \\d+ seals checked \\(sha256\\), 0 problems\\.`),
    );

    const seal = await cli(["audit", "seal", ...AS], db, undefined, NO_LOCALE);
    expect(seal.code, seal.stderr).toBe(0);
    expect(seal.stdout).toMatch(
      /^已封印 \d+ 个流，位置 \d+。\nMerkle 根（sha256）：[0-9a-f]{64}\n请把此根保存在/,
    );
    const sealEn = await cli(["--lang", "en", "audit", "seal", ...AS], db, undefined, NO_LOCALE);
    expect(sealEn.stdout).toMatch(
      /^Sealed \d+ streams at position \d+\.\nMerkle root \(sha256\): [0-9a-f]{64}\nKeep this root/,
    );

    const file = join(temp.dir, "export.jsonl");
    const exported = await both(["audit", "export", file]);
    expect(exported.zh.stderr.trim()).toBe(`已导出 ${countEvents(db)} 个事件到 ${file}`);
    expect(exported.en.stderr.trim()).toBe(`exported ${countEvents(db)} events to ${file}`);

    const proved = await both(["audit", "prove", "accident-A-2020-01", "0"]);
    expect(proved.zh.stderr).toMatch(/^证明可由封印根 [0-9a-f]{64} 验证/);
    expect(proved.en.stderr).toMatch(/^proof verifies against seal root [0-9a-f]{64}/);
    const proofFile = join(temp.dir, "proof.json");
    writeFileSync(proofFile, proved.zh.stdout);
    const checked = await both(["audit", "check-proof", proofFile], undefined);
    expect(checked.zh.stdout).toMatch(/^通过：该事件在根为 [0-9a-f]{64} 的封印中/);
    expect(checked.en.stdout).toMatch(/^OK: the event is in the seal with root [0-9a-f]{64}/);

    const late = await both(["audit", "late-entries", "--days", "30"]);
    expect(late.zh.stdout.split("\n")[0]).toMatch(/^发生后超过 30 天才录入/);
    expect(late.en.stdout.split("\n")[0]).toMatch(
      /^\d+ events recorded more than 30 days after they occurred/,
    );
  });

  it("a signing key registered and retired, and the seal it signs, verified with a signers' table", async () => {
    const keys = join(temp.dir, "gy-audit");
    const generated = await cli(
      ["audit", "keygen", "--algorithm", "ed25519", "--out", keys],
      undefined,
      undefined,
      NO_LOCALE,
    );
    expect(generated.stdout.trim()).toBe(
      `已写入 ed25519 密钥对：${keys}.key.pem（私钥：不要放在账本所在的机器上）和 ${keys}.pub.pem（用 audit key register 登记）。`,
    );
    const register = (id: string, lang: string[]) =>
      cli(
        [
          ...lang,
          "audit",
          "key",
          "register",
          id,
          "--public-key",
          `${keys}.pub.pem`,
          "--owner",
          "GY-AUDIT",
          "--valid-from",
          "2020-01-01T00:00:00+08:00",
          ...AS,
        ],
        db,
        undefined,
        NO_LOCALE,
      );
    expect((await register("k-zh", [])).stdout.trim()).toBe(
      "已登记 GY-AUDIT 的 ed25519 密钥 k-zh，自 2020-01-01T00:00:00+08:00 起有效。",
    );
    expect((await register("k-en", ["--lang", "en"])).stdout.trim()).toBe(
      "Registered ed25519 key k-en of GY-AUDIT, valid from 2020-01-01T00:00:00+08:00.",
    );
    const signed = await cli(
      ["audit", "seal", "--sign", "k-zh", "--key", `${keys}.key.pem`, ...AS],
      db,
      undefined,
      NO_LOCALE,
    );
    expect(signed.stdout).toMatch(/^已封印 \d+ 个流，位置 \d+，以 ed25519 密钥 k-zh 签名。/);
    const verify = await both(["audit", "verify"]);
    expect(verify.zh.stdout).toMatch(/│ 封印 +│ 签名密钥 +│ 所有单位 +│ 算法 +│ 时间 +│ 签名 +│/);
    expect(verify.zh.stdout).toMatch(/│ k-zh +│ GY-AUDIT +│ ed25519 +│ .* │ 有效 +│/);
    expect(verify.en.stdout).toMatch(/│ seal +│ signed by key +│ owner +│ algorithm +│ at +│ signature +│/);
    expect(verify.en.stdout).toMatch(/│ k-zh +│ GY-AUDIT +│ ed25519 +│ .* │ valid +│/);
    const retire = await both(["audit", "key", "retire", "k-en", "--reason", "rotated", ...AS]);
    expect(retire.zh.stdout.trim()).toBe("已停用密钥 k-en：此后以它签名的封印将被拒绝；此前的仍可验证。");
    expect(retire.en.code).toBe(1);
  });
});

describe("rebuild, project and report", () => {
  it("say what they did in Chinese by default and in English with --lang en", async () => {
    const rebuilt = await both(["rebuild"]);
    expect(rebuilt.zh.stdout).toMatch(/^已从 \d+ 个事件重建读表（其中 \d+ 个进入读模型），用时 \d+ 毫秒。/);
    expect(rebuilt.zh.stdout).toMatch(/│ 读模型 +│ 流数 │/);
    expect(rebuilt.zh.stdout).toMatch(/│ 企业 +│ 3 +│/);
    expect(rebuilt.zh.stdout).toMatch(/读模型反映截至位置 \d+ 的账本，链头 [0-9a-f]{64}。/);
    expect(rebuilt.en.stdout).toMatch(/^Rebuilt the read tables from \d+ events/);
    expect(rebuilt.en.stdout).toMatch(/│ entities +│ 3 +│/);
    const replayed = await cli(["--replay", "rebuild"], db, undefined, NO_LOCALE);
    expect(replayed.stdout).toMatch(/^已重放 \d+ 个事件（其中 \d+ 个进入读模型），用时 \d+ 毫秒。/);

    const projected = await both(["project"]);
    expect(projected.zh.stdout.trim()).toBe(
      `读表位于位置 ${countEvents(db)}：应用 0 个事件，写入 0 个版本。`,
    );
    expect(projected.en.stdout.trim()).toBe(
      `Read tables at position ${countEvents(db)}: 0 events applied, 0 versions written.`,
    );

    const html = join(temp.dir, "report.html");
    const report = await both(["report", "--html", html, "--as-of", "2020-12-31"]);
    expect(report.zh.stdout.trim()).toMatch(
      /^已写入 .*report\.html（\d+ KB）：截至 2020-12-31 的账本，\d+ 个事件$/,
    );
    expect(report.en.stdout.trim()).toMatch(
      /^wrote .*report\.html \(\d+ KB\): the ledger as of 2020-12-31, \d+ events$/,
    );
  });

  it("--json keeps its keys in both languages", async () => {
    const zh = json(await cli(["rebuild", "--json"], db, undefined, NO_LOCALE));
    const en = json(await cli(["--lang", "en", "rebuild", "--json"], db, undefined, NO_LOCALE));
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(zh).toHaveProperty("supervision.entities", 3);
  });
});

describe("the broken-chain warnings", () => {
  it("name the stream and revision in the reader's language", async () => {
    const tampered = join(temp.dir, "tampered.db");
    copyFileSync(db, tampered);
    sql(
      tampered,
      "UPDATE events SET data = json_set(data, '$.deaths', 0) WHERE stream_name = ? AND stream_revision = ?",
      "accident-A-2020-01",
      0,
    );
    const run = await both(["board", "--as-of", "2020-12-31"], tampered);
    expect(run.zh.code).toBe(1);
    expect(run.zh.stderr).toContain(
      "警告：accident-A-2020-01@0 处哈希链断裂（内容被改）：内容与其哈希不符：该事件已被改动",
    );
    expect(run.zh.stderr).toContain("警告：账本在账本之外被修改；本命令打印的内容可能有误。");
    expect(run.en.stderr).toContain(
      "warning: broken hash chain at accident-A-2020-01@0 (changed): the content does not match its hash",
    );
    const verify = await both(["audit", "verify"], tampered);
    expect(verify.zh.stdout).toMatch(/^发现问题：/);
    expect(verify.zh.stdout).toMatch(/│ 流 +│ 版本 +│ 类别 +│ 说明 +│/);
    expect(verify.zh.stdout).toMatch(
      /│ accident-A-2020-01 │ 0 +│ 内容被改 │ 内容与其哈希不符：该事件已被改动 +│/,
    );
    expect(verify.en.stdout).toMatch(/│ accident-A-2020-01 │ 0 +│ changed +│/);
  });
});

describe("the values in table cells", () => {
  it("are Chinese names in zh and keys in en; --json keeps the keys", async () => {
    const entities = await both(["list", "entities", "--as-of", "2020-12-31"]);
    expect(entities.zh.stdout).toMatch(/│ E-0001 +│ Lizhou Chemical Co\. +│ 危险化学品 +│ 利州区 +│/);
    expect(entities.zh.stdout).toMatch(/│ 正常生产经营 +│/);
    expect(entities.zh.stdout).toMatch(/│ E-0003 .*│ 煤矿 +│ 旺苍县 +│.*│ 已登记 +│/);
    expect(entities.en.stdout).toMatch(
      /│ E-0001 +│ Lizhou Chemical Co\. +│ hazardous-chemicals +│ lizhou +│/,
    );
    expect(entities.en.stdout).toMatch(/│ Active +│/);
    const rows = json<{ rows: Array<{ sector: string; district: string; status: string }> }>(
      await cli(["list", "entities", "--as-of", "2020-12-31", "--json"], db, undefined, NO_LOCALE),
    ).rows;
    expect(rows[0]).toMatchObject({ sector: "hazardous-chemicals", district: "lizhou", status: "Active" });

    const accidents = await both(["list", "accidents", "--as-of", "2020-12-31"]);
    expect(accidents.zh.stdout).toMatch(
      /│ A-2020-01 +│ [\d-]+ +│ (一般事故|较大事故|重大事故|特别重大事故) +│/,
    );
    expect(accidents.zh.stdout).toMatch(/│ 已报告 +│/);
    expect(accidents.en.stdout).toMatch(
      /│ A-2020-01 +│ [\d-]+ +│ (general|larger|serious|especially-serious) +│/,
    );

    const supervision = await both(["supervision", "E-0001", "--as-of", "2020-12-31"]);
    expect(supervision.zh.stdout).toContain(
      "E-0001 Lizhou Chemical Co.（正常生产经营）：危险化学品，利州区，监管部门 GY-EMB。",
    );
    expect(supervision.en.stdout).toContain(
      "E-0001 Lizhou Chemical Co. (Active): hazardous-chemicals, lizhou, supervised by GY-EMB.",
    );
  });
});
