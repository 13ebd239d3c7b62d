/**
 * The CLI speaks Chinese by default (no locale, or a Chinese one) and English with `--lang en`
 * or an English locale, for every command: core's errors, the CLI's own errors and the help.
 * The codes stay the same in both.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLUMN_HELP, COLUMNS_TITLE, KIND_HELP } from "../src/column-help-texts";
import { HELP_TEXTS } from "../src/help-texts";
import { IMPORT_KINDS, KINDS } from "../src/import/csv-rows";
import { cli, fixture, requireBuild, tempDir } from "./helpers";

const NO_LOCALE = { LANG: "" };
const CHINESE_LOCALE = { LANG: "zh_CN.UTF-8" };
const AS = ["--as", "GY-EMB/office/Wang Office"];

let temp: ReturnType<typeof tempDir>;
beforeAll(() => {
  requireBuild();
  temp = tempDir();
});
afterAll(() => temp.remove());

describe("a domain error from core", () => {
  // Hazards of entities that are not on the real-name list: every row is refused by the decider.
  const importHazards = (db: string, args: ReadonlyArray<string>, env?: Record<string, string>) =>
    cli(["import", "hazards", fixture("hazards.csv"), ...AS, ...args], db, undefined, env);

  it("is in Chinese with no locale and with a Chinese one", async () => {
    const db = join(temp.dir, "zh.db");
    for (const env of [NO_LOCALE, CHINESE_LOCALE]) {
      const run = await importHazards(db, [], env);
      expect(run.code).toBe(1);
      expect(run.stdout.split("\n")[0]).toBe("第 2 行，entityId 列：企业 E-0001 不在实名单上；请先登记。");
    }
  });

  it("is in English with --lang en, in Chinese with --lang zh; the code is the same", async () => {
    const db = join(temp.dir, "en.db");
    const en = await importHazards(db, ["--lang", "en"], CHINESE_LOCALE);
    expect(en.stdout.split("\n")[0]).toBe(
      "line 2, column entityId: Entity E-0001 is not on the real-name list; register it first.",
    );
    const zh = await importHazards(db, ["--lang", "zh"]);
    expect(zh.stdout.split("\n")[0]).toBe("第 2 行，entityId 列：企业 E-0001 不在实名单上；请先登记。");
    const codes = async (lang: string) =>
      JSON.parse((await importHazards(db, ["--lang", lang, "--json"])).stdout).errors.map(
        (e: { code: string }) => e.code,
      );
    expect(await codes("zh-CN")).toEqual(["ENTITY_NOT_REGISTERED", "ENTITY_NOT_REGISTERED"]);
    expect(await codes("en")).toEqual(await codes("zh-CN"));
  });

  it("is the command's error line in the chosen language (a signing key that does not exist)", async () => {
    const db = join(temp.dir, "keys.db");
    const retire = ["audit", "key", "retire", "K-404", "--reason", "lost", "--as", "AUDIT/office/Li"];
    expect(await cli(retire, db, undefined, NO_LOCALE)).toMatchObject({
      code: 1,
      stderr: "错误：未登记签名密钥 K-404。\n",
    });
    expect(await cli(["--lang", "en", ...retire], db, undefined, NO_LOCALE)).toMatchObject({
      code: 1,
      stderr: "error: No signing key K-404 is registered.\n",
    });
  });

  it("submit: the text in the chosen language, the JSON result keeps the English message", async () => {
    const db = join(temp.dir, "submit.db");
    const line = JSON.stringify({
      type: "RetireSigningKey",
      commandId: "retire-1",
      actor: { unit: "AUDIT", role: "office", person: "Li" },
      occurredAt: "2020-07-14T09:00:00+08:00",
      data: { keyId: "K-404", reason: "lost" },
    });
    const zh = await cli(["submit", "-"], db, `${line}\n`, NO_LOCALE);
    expect(zh).toMatchObject({
      code: 1,
      stdout: "第 1 行：被拒绝（data.keyId）：未登记签名密钥 K-404。\n",
      stderr: "接受 0 条，拒绝 1 条\n",
    });
    const json = JSON.parse((await cli(["submit", "-", "--json"], db, `${line}\n`, NO_LOCALE)).stdout);
    expect(json.error).toEqual({
      code: "KEY_UNKNOWN",
      message: "No signing key K-404 is registered.",
      field: "data.keyId",
      text: "未登记签名密钥 K-404。",
    });
    const en = JSON.parse((await cli(["--lang", "en", "submit", "-", "--json"], db, `${line}\n`)).stdout);
    expect(en.error).toEqual({ ...json.error, text: json.error.message });
  });

  it("--json: the same convention for submit and import: a stable code, the English message, the chosen language's text", async () => {
    const db = join(temp.dir, "json.db");
    const imported = JSON.parse((await importHazards(db, ["--json"], NO_LOCALE)).stdout);
    expect(imported.errors[0]).toEqual({
      line: 2,
      column: "entityId",
      code: "ENTITY_NOT_REGISTERED",
      message: "Entity E-0001 is not on the real-name list; register it first.",
      text: "企业 E-0001 不在实名单上；请先登记。",
    });
    const importedEn = JSON.parse((await importHazards(db, ["--json", "--lang", "en"], NO_LOCALE)).stdout);
    expect(importedEn.errors[0]).toEqual({ ...imported.errors[0], text: imported.errors[0].message });
    const malformed = JSON.parse((await cli(["submit", "-", "--json"], db, "{not json\n", NO_LOCALE)).stdout);
    expect(malformed.error).toMatchObject({ code: "MALFORMED_JSON" });
    expect(malformed.error.message).toMatch(/^not valid JSON \(/);
    expect(malformed.error.text).toMatch(/^不是有效的 JSON（/);
    const text = await cli(["submit", "-"], db, "{not json\n", NO_LOCALE);
    expect(text.stdout).toMatch(/^第 1 行：被拒绝：不是有效的 JSON（/);
  });
});

describe("the CLI's own errors", () => {
  it("are in Chinese by default and in English with --lang en, with the same exit code", async () => {
    const db = join(temp.dir, "own.db");
    const cases: Array<{ args: string[]; code: number; zh: string; en: string }> = [
      {
        args: ["import", "tasks", join(temp.dir, "missing.csv"), ...AS],
        code: 2,
        zh: `错误：${join(temp.dir, "missing.csv")}：文件不存在\n`,
        en: `error: ${join(temp.dir, "missing.csv")}: no such file\n`,
      },
      {
        args: ["--create", "list", "tasks", "--as-of", "2020-13-01"],
        code: 2,
        zh: "错误：选项“--as-of <date>”的取值“2020-13-01”无效。--as-of 2020-13-01：日期请写作 YYYY-MM-DD\n（用法见 --help）\n",
        en: "error: option '--as-of <date>' argument '2020-13-01' is invalid. --as-of 2020-13-01: give a date as YYYY-MM-DD\n(run with --help for usage)\n",
      },
      {
        args: ["history"],
        code: 2,
        zh: "错误：缺少必需的参数“stream”\n（用法见 --help）\n",
        en: "error: missing required argument 'stream'\n(run with --help for usage)\n",
      },
      {
        args: ["--create", "list", "entities", "--level", "major"],
        code: 2,
        zh: "错误：list entities 不接受 --level；可用 --sector, --district, --department, --status\n",
        en: "error: list entities does not take --level; it takes --sector, --district, --department, --status\n",
      },
      {
        args: ["--store", "sqlite:", "board"],
        code: 2,
        zh: "错误：--store sqlite:：请在“sqlite:”后写文件名，例如 sqlite:./ledger.db\n",
        en: 'error: --store sqlite:: give a file after "sqlite:", e.g. sqlite:./ledger.db\n',
      },
    ];
    for (const { args, code, zh, en } of cases) {
      expect(await cli(args, db, undefined, NO_LOCALE), args.join(" ")).toMatchObject({ code, stderr: zh });
      expect(await cli(["--lang", "en", ...args], db, undefined, NO_LOCALE), args.join(" ")).toMatchObject({
        code,
        stderr: en,
      });
    }
  });

  it("a failed check too: a stream with no events", async () => {
    const db = join(temp.dir, "check.db");
    expect(await cli(["--create", "history", "hazard-H-404"], db, undefined, NO_LOCALE)).toMatchObject({
      code: 1,
      stderr: "错误：流 hazard-H-404 没有事件。\n",
    });
    expect(await cli(["--lang", "en", "history", "hazard-H-404"], db, undefined, NO_LOCALE)).toMatchObject({
      code: 1,
      stderr: "error: Stream hazard-H-404 has no events.\n",
    });
  });
});

describe("a code catalogued last (NO_CHANGE) and a stream's history", () => {
  it("are in Chinese by default, in English with --lang en", async () => {
    const db = join(temp.dir, "no-change.db");
    const actor = { unit: "GY-EMB", role: "department", person: "王芳" };
    const lines = [
      {
        type: "RegisterEntity",
        commandId: "reg-E-0001",
        actor,
        occurredAt: "2020-07-01T09:00:00+08:00",
        data: {
          entityId: "E-0001",
          name: "利州化工",
          sector: "hazardous-chemicals",
          district: "lizhou",
          supervisingDepartment: "GY-EMB",
          principal: { name: "李明" },
          safetyManager: { name: "赵磊" },
        },
      },
      {
        type: "CorrectEntityDetails",
        commandId: "fix-E-0001",
        actor,
        occurredAt: "2020-07-02T09:00:00+08:00",
        data: { entityId: "E-0001", name: "利州化工", reason: "再次核对" },
      },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const zh = await cli(["submit", "-"], db, `${lines}\n`, NO_LOCALE);
    expect(zh.stdout.split("\n")[1]).toBe(
      "第 2 行：被拒绝（data.name）：企业 E-0001 的基本信息已是这样记载的，无需更正。",
    );
    const en = await cli(["--lang", "en", "submit", "-"], db, `${lines}\n`, NO_LOCALE);
    expect(en.stdout.split("\n")[1]).toBe(
      "line 2: rejected (data.name): The details of E-0001 already say this.",
    );
    expect((await cli(["history", "entity-E-0001"], db, undefined, NO_LOCALE)).stdout).toMatch(
      /│ 版本 │ 类型 +│ 发生时间 +│ 录入时间 +│ 操作人 +│ 数据/,
    );
    expect(
      (await cli(["--lang", "en", "history", "entity-E-0001"], db, undefined, NO_LOCALE)).stdout,
    ).toMatch(/│ rev │ type +│ occurred +│ recorded +│ actor +│ data/);
  });
});

describe("the help", () => {
  it("is in Chinese by default, in English with --lang en or an English locale", async () => {
    const zh = await cli(["--help"], undefined, undefined, NO_LOCALE);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("城市安全生产专项整治的事件溯源账本");
    expect(zh.stdout).toContain("挂图作战：按专项、阶段和牵头单位统计任务要素状态");
    const en = await cli(["--lang", "en", "--help"], undefined, undefined, NO_LOCALE);
    expect(en.stdout).toContain("The wall chart (挂图作战)");
    expect(en.stdout).not.toContain("城市安全生产专项整治的事件溯源账本");
    const locale = await cli(["board", "--help"]);
    expect(locale.stdout).toContain("The wall chart (挂图作战)");
  });
});

describe("the tables' headers", () => {
  it("are in Chinese by default and in English with --lang en: board, stats, supervision, list", async () => {
    const db = join(temp.dir, "demo.db");
    expect((await cli(["demo"], db, undefined, NO_LOCALE)).code).toBe(0);
    const firstLines = (text: string, n: number) => text.split("\n").slice(0, n).join("\n");
    const runs: Array<{ args: string[]; zh: string[]; en: string[] }> = [
      {
        args: ["board", "--as-of", "2020-12-31"],
        zh: [
          "截至 2020-12-31 的挂图作战：共 291 个任务要素。",
          "按专项：",
          "│ 专项 ",
          "│ 合计 ",
          "│ 完成率 ",
          "按牵头单位：",
        ],
        en: [
          "Wall chart as of 2020-12-31: 291 task elements.",
          "By workstream:",
          "│ workstream ",
          "│ total ",
        ],
      },
      {
        args: ["stats", "accidents", "--from", "2020-01-01", "--to", "2020-11-30"],
        zh: [
          "│ 时段 ",
          "│ 事故起数 │ 死亡人数 │ 重伤人数 │ 直接经济损失 ",
          "│ 减少 ",
          "较大及以上事故“零控制”",
        ],
        en: [
          "│ period ",
          "│ accidents │ deaths │ serious injuries │ direct loss ",
          "│ decrease ",
          "Zero control",
        ],
      },
      {
        args: ["supervision", "GY-E001", "--as-of", "2020-12-31"],
        zh: ["监管部门 GY-EMB。", "主要负责人 ", "│ 截至 ", "│ 监管优先级 ", "│ 最高风险 "],
        en: ["supervised by GY-EMB.", "Principal ", "│ as of ", "│ priority ", "│ highest risk "],
      },
      {
        args: ["list", "tasks", "--as-of", "2020-12-31"],
        zh: ["│ 编号 ", "│ 专项 ", "│ 牵头单位 ", "│ 完成时限 "],
        en: ["│ code ", "│ workstream ", "│ lead unit ", "│ deadline "],
      },
    ];
    for (const { args, zh, en } of runs) {
      const inZh = await cli(args, db, undefined, NO_LOCALE);
      const inEn = await cli(["--lang", "en", ...args], db, undefined, NO_LOCALE);
      expect(inZh.code, args.join(" ")).toBe(0);
      expect(inEn.code, args.join(" ")).toBe(0);
      for (const text of zh) expect(inZh.stdout, text).toContain(text);
      for (const text of en) expect(inEn.stdout, text).toContain(text);
      expect(firstLines(inEn.stdout, 4), args.join(" ")).not.toMatch(/截至|按专项|时段|监管部门|编号/);
    }
  });
});

describe("every command's help", () => {
  const commands = Object.keys(HELP_TEXTS).filter((k) => k !== "" && k !== "help" && !/ ?(--|<|\()/.test(k));
  /** The words each command's help shows: its own, its options' and its arguments'. */
  const wordsOf = (command: string) =>
    Object.entries(HELP_TEXTS).filter(
      ([k]) => k === command || (k.startsWith(`${command} `) && /^(--|<)/.test(k.slice(command.length + 1))),
    );
  const start = (text: string, n: number) => text.slice(0, n);

  it("is complete in Chinese with --lang zh (the default) and in English with --lang en", async () => {
    expect(commands.length).toBeGreaterThan(20);
    for (const command of commands) {
      const args = [...command.split(" "), "--help"];
      const [zh, en] = await Promise.all([
        cli(["--lang", "zh", ...args], undefined, undefined, NO_LOCALE),
        cli(["--lang", "en", ...args], undefined, undefined, NO_LOCALE),
      ]);
      expect(zh.code, command).toBe(0);
      expect(en.code, command).toBe(0);
      expect(zh.stdout, command).toMatch(/^用法： safety-ledger /);
      expect(en.stdout, command).toMatch(/^Usage: safety-ledger /);
      expect(zh.stdout, command).toContain("显示帮助");
      expect(zh.stdout, command).not.toContain("display help for command");
      for (const [key, text] of wordsOf(command)) {
        expect(zh.stdout, key).toContain(start(text["zh-CN"], 6));
        expect(en.stdout, key).toContain(start(text.en, 12));
        const zhStart = start(text["zh-CN"], 6);
        if (/[\u4e00-\u9fff]/.test(zhStart) && !/[\u4e00-\u9fff]/.test(text.en))
          expect(en.stdout, key).not.toContain(zhStart);
      }
    }
    const byDefault = await cli(["board", "--help"], undefined, undefined, NO_LOCALE);
    expect(byDefault.stdout).toContain("截至该日末的账本（默认：今天，UTC+08:00）");
  }, 180_000); // two process starts per command, some 45 commands: on a busy 2-core machine near a minute
});

describe("import --help's column notes", () => {
  it("are in Chinese with --lang zh and in English with --lang en, every column of every kind", async () => {
    for (const lang of ["zh-CN", "en"] as const) {
      const run = await cli(
        ["--lang", lang === "en" ? "en" : "zh", "import", "--help"],
        undefined,
        undefined,
        NO_LOCALE,
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(COLUMNS_TITLE[lang]);
      for (const kind of IMPORT_KINDS) {
        expect(run.stdout).toContain(`${kind}: ${KIND_HELP[kind][lang]}`);
        for (const c of KINDS[kind].columns)
          expect(run.stdout, `${kind} ${c.name}`).toContain(`${c.zh} — ${COLUMN_HELP[kind][c.name]![lang]}`);
      }
    }
    const zh = await cli(["import", "--help"], undefined, undefined, NO_LOCALE);
    expect(zh.stdout).toContain("hazards: 一项事故隐患：RegisterHazard");
    expect(zh.stdout).not.toContain("one hidden hazard");
  });
});

describe("--lang", () => {
  it("is one global option: zh, zh-CN or en, on every command; anything else is a usage error", async () => {
    const db = join(temp.dir, "lang.db");
    const html = join(temp.dir, "report.html");
    expect(
      (
        await cli(
          ["--create", "report", "--html", html, "--as-of", "2020-12-31", "--lang", "zh"],
          db,
          undefined,
          {
            ...NO_LOCALE,
          },
        )
      ).code,
    ).toBe(0);
    expect((await cli(["--create", "--lang", "zh-CN", "board", "--as-of", "2020-12-31"], db)).code).toBe(0);
    const bad = await cli(["board", "--lang", "fr"], db);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("the language is zh (or zh-CN) or en");
  });
});
