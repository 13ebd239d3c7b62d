/**
 * A clerk's bad cells and fields are said wholly in Chinese by default and in English with
 * `--lang en`, from the codes of the input-issue catalogues; `--json` carries the codes, the
 * English message and the text in the chosen language. Through the built CLI.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild, tempDir } from "./helpers";

const AS = ["--as", "GY-EMB/office/Li"];
const NO_LOCALE = { LANG: "" };

/** What is left of a line once quoted values and field paths are out: the words of the reason. */
const reasonWords = (line: string): string =>
  line.replace(/"[^"]*"/g, "").replace(/\b(?:data|actor)(?:\.\w+)+|\boccurredAt\b/g, "");

let temp: ReturnType<typeof tempDir>;
let csv: string;
beforeAll(() => {
  requireBuild();
  temp = tempDir();
  csv = join(temp.dir, "accidents.csv");
  // As Excel saves it: Chinese headers, CRLF; a bad whole number, a day that does not exist,
  // an accident kind that is not one.
  writeFileSync(
    csv,
    [
      "事故编号,发生时间,死亡人数,重伤人数,直接经济损失（元）,事故简况,所属行业,所在区县,事故类型",
      "A-1,2020/3/5 9:30,两人,0,1000,高处坠落,危险化学品,利州区,其他",
      "A-2,2020-02-30T09:30:00+08:00,0,1,1000,车辆碰撞,危险化学品,利州区,其他",
      "A-3,2020/3/5 9:30,0,0,1000,起火,危险化学品,利州区,陨石",
      "",
    ].join("\r\n"),
  );
});
afterAll(() => temp.remove());

describe("import: a file's bad cells", () => {
  it("are said wholly in Chinese by default", async () => {
    const run = await cli(["import", "accidents", csv, ...AS], join(temp.dir, "zh.db"), undefined, NO_LOCALE);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toEqual([
      '第 2 行，死亡人数 列：须为非负整数（0 或以上），填写的是 "两人"',
      "第 3 行，发生时间 列：2020-02 没有第 30 日（该月只有 29 天）",
      '第 4 行，事故类型 列：须为以下之一：道路交通事故、火灾事故、其他，填写的是 "陨石"',
    ]);
    for (const line of lines) expect(reasonWords(line)).not.toMatch(/[A-Za-z]{2,}/);
  });

  it("are said in English with --lang en", async () => {
    const run = await cli(["import", "accidents", csv, ...AS, "--lang", "en"], join(temp.dir, "en.db"));
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split("\n")).toEqual([
      'line 2, column 死亡人数: must be a whole number, 0 or more, got "两人"',
      "line 3, column 发生时间: 2020-02 has no day 30 (it has 29 days)",
      'line 4, column 事故类型: must be one of road-traffic (道路交通事故), fire (火灾事故), other (其他), got "陨石"',
    ]);
  });

  it("carry their codes in --json, the English message and the text in the chosen language", async () => {
    const run = await cli(
      ["import", "accidents", csv, ...AS, "--json"],
      join(temp.dir, "json.db"),
      undefined,
      NO_LOCALE,
    );
    expect(run.code).toBe(1);
    const { errors } = JSON.parse(run.stdout) as {
      errors: Array<{ line: number; column: string; code: string; message: string; text: string }>;
    };
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, "死亡人数", "CELL_NOT_WHOLE_NUMBER"],
      [3, "发生时间", "INPUT_NO_SUCH_DAY"],
      [4, "事故类型", "CELL_NOT_ONE_OF"],
    ]);
    expect(errors[1]).toMatchObject({
      message: "2020-02 has no day 30 (it has 29 days)",
      text: "2020-02 没有第 30 日（该月只有 29 天）",
    });
    const en = await cli(
      ["import", "accidents", csv, ...AS, "--json", "--lang", "en"],
      join(temp.dir, "json.db"),
    );
    const english = JSON.parse(en.stdout).errors as typeof errors;
    expect(english.map((e) => e.code)).toEqual(errors.map((e) => e.code));
    expect(english.map((e) => e.text)).toEqual(errors.map((e) => e.message));
  });

  it("a header's problems too", async () => {
    const bad = join(temp.dir, "header.csv");
    writeFileSync(bad, "事故编号,发生时间,死亡人数,颜色\r\nA-1,2020/3/5 9:30,0,红\r\n");
    const run = await cli(
      ["import", "accidents", bad, ...AS],
      join(temp.dir, "header.db"),
      undefined,
      NO_LOCALE,
    );
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toContain("第 1 行，seriousInjuries 列：缺少必需的列（重伤人数）");
    expect(lines.find((l) => l.startsWith("第 1 行，颜色 列："))).toMatch(
      /^第 1 行，颜色 列：未知列；事故的列为 /,
    );
  });
});

describe("import: a workbook's bad cells", () => {
  it("are said by row and column in the chosen language, with their codes in --json", async () => {
    const workbook = join(temp.dir, "事故.xlsx");
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("事故");
    sheet.addRow([
      "事故编号",
      "发生时间",
      "死亡人数",
      "重伤人数",
      "直接经济损失（万元）",
      "事故简况",
      "所属行业",
      "所在区县",
    ]);
    sheet.addRow(["A-1", "2020/4/2 10:00", "-1", 1, "12.5", "叉车倾覆", "危险化学品", "利州区"]);
    sheet.addRow(["A-2", "2020/4/3 11:30", 0, 0, "0.0000001", "货物坠落", "危险化学品", "月球"]);
    await wb.xlsx.writeFile(workbook);
    const db = join(temp.dir, "xlsx.db");
    const zh = await cli(["import", "accidents", workbook, ...AS], db, undefined, NO_LOCALE);
    expect(zh.code).toBe(1);
    const lines = zh.stdout.trim().split("\n");
    expect(lines).toEqual([
      '第 2 行，死亡人数 列：须为非负整数（0 或以上），填写的是 "-1"',
      '第 3 行，直接经济损失（万元） 列：须为以万元计、最多六位小数的金额，填写的是 "0.0000001"',
      expect.stringMatching(/^第 3 行，所在区县 列：须为以下之一：利州区、.*，填写的是 "月球"$/),
    ]);
    for (const line of lines) expect(reasonWords(line)).not.toMatch(/[A-Za-z]{2,}/);
    const en = await cli(["import", "accidents", workbook, ...AS, "--lang", "en"], db);
    expect(en.stdout.trim().split("\n").slice(0, 2)).toEqual([
      'line 2, column 死亡人数: must be a whole number, 0 or more, got "-1"',
      'line 3, column 直接经济损失（万元）: must be an amount in 10,000 yuan (万元) with at most six decimals, got "0.0000001"',
    ]);
    const json = JSON.parse((await cli(["import", "accidents", workbook, ...AS, "--json"], db)).stdout);
    expect(json).toMatchObject({ sheet: "事故", appended: 0 });
    expect(json.errors.map((e: { code: string }) => e.code)).toEqual([
      "CELL_NOT_WHOLE_NUMBER",
      "CELL_NOT_WAN_YUAN",
      "CELL_NOT_ONE_OF",
    ]);
  });
});

describe("submit: a command's bad fields", () => {
  const line = JSON.stringify({
    type: "ReportAccident",
    commandId: "c-1",
    actor: { unit: "GY-EMB", role: "office", person: "Li" },
    occurredAt: "2020-03-05",
    data: {
      accidentId: "A-9",
      occurredAt: "2020-03-05T09:30:00+08:00",
      deaths: "two",
      seriousInjuries: 0,
      directLossFen: 0,
      description: "坠落",
      sector: "hazardous-chemicals",
      district: "lizhou",
      kind: "meteor",
    },
  });

  it("are said in Chinese by default, in English with --lang en", async () => {
    const db = join(temp.dir, "submit.db");
    const zh = await cli(["submit", "-"], db, `${line}\n`, NO_LOCALE);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toBe(
      '第 1 行：被拒绝（data.deaths）：输入有误：data.deaths：须为非负整数（0 或以上）；data.kind：应为以下之一："road-traffic"、"fire"、"other"，得到 "meteor"\n',
    );
    expect(reasonWords(zh.stdout)).not.toMatch(/[A-Za-z]{2,}/);
    const en = await cli(["submit", "-", "--lang", "en"], db, `${line}\n`);
    expect(en.stdout).toBe(
      'line 1: rejected (data.deaths): Invalid ReportAccident command: data.deaths: must be a whole number, 0 or more; data.kind: expected "road-traffic" | "fire" | "other", got "meteor"\n',
    );
  });

  it("carry each field's code in --json, the English message and the text", async () => {
    const db = join(temp.dir, "submit-json.db");
    const run = await cli(["submit", "-", "--json"], db, `${line}\n`, NO_LOCALE);
    const { error } = JSON.parse(run.stdout);
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.issues).toEqual([
      {
        path: "data.deaths",
        code: "INPUT_NOT_A_COUNT",
        message: "must be a whole number, 0 or more",
        text: "须为非负整数（0 或以上）",
      },
      {
        path: "data.kind",
        code: "INPUT_EXPECTED",
        message: 'expected "road-traffic" | "fire" | "other", got "meteor"',
        text: '应为以下之一："road-traffic"、"fire"、"other"，得到 "meteor"',
      },
    ]);
  });
});
