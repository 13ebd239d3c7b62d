/**
 * The lists as they come from Excel on a Chinese desktop, through the built CLI: a GB18030 CSV
 * with CRLF line ends ("CSV" in Excel on Chinese Windows), a UTF-8 CSV with a BOM ("CSV UTF-8"),
 * and an .xlsx workbook with date cells and serial numbers, all with Chinese headers and values.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild, tempDir } from "./helpers";

const AS = ["--as", "GY-EMB/department/Wang"];
const HEADER = "企业编号,企业名称,所属行业,所在区县,监管部门,主要负责人,安全管理人员,是否在营,登记日期";

/** GB18030 bytes of a text, through the encoder Node's ICU has (TextDecoder's inverse is not built in). */
const gb18030 = (text: string): Buffer => {
  const out: number[] = [];
  const decoder = new TextDecoder("gb18030");
  // Each character's GB18030 bytes, found once by searching the two-byte table (all our text is in it).
  const cache = new Map<string, number[]>();
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    let bytes = cache.get(ch);
    if (bytes === undefined) {
      search: for (let hi = 0x81; hi <= 0xfe; hi++)
        for (let lo = 0x40; lo <= 0xfe; lo++)
          if (lo !== 0x7f && decoder.decode(Uint8Array.of(hi, lo)) === ch) {
            bytes = [hi, lo];
            break search;
          }
      if (bytes === undefined) throw new Error(`${ch} is not in GB18030's two-byte table`);
      cache.set(ch, bytes);
    }
    out.push(...bytes);
  }
  return Buffer.from(out);
};

let dir: { dir: string; remove: () => void };
const db = () => join(dir.dir, `ledger-${Math.random().toString(36).slice(2)}.db`);
const names = async (ledger: string) =>
  (
    JSON.parse((await cli(["list", "entities", "--json"], ledger)).stdout).rows as Array<{
      name: string;
      sector: string;
      district: string;
      registeredOn: string;
    }>
  ).map((r) => [r.name, r.sector, r.district, r.registeredOn]);

beforeAll(() => {
  requireBuild();
  dir = tempDir();
});
afterAll(() => dir.remove());

describe("CSV files as Excel saves them", () => {
  const rows = [
    HEADER,
    "E-1,利州化工有限公司,危险化学品,利州区,GY-EMB,李明,赵磊,是,2020/7/1",
    "E-2,苍溪客运公司,道路运输,苍溪县,GY-EMB,陈华,孙毅,否,2020年7月2日",
  ];

  it("reads GB18030 with CRLF, detected from the bytes, and stores nothing garbled", async () => {
    const file = join(dir.dir, "gbk.csv");
    writeFileSync(file, gb18030(`${rows.join("\r\n")}\r\n`));
    const ledger = db();
    const run = await cli(["import", "entities", file, ...AS, "--json"], ledger);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(await names(ledger)).toEqual([
      ["利州化工有限公司", "hazardous-chemicals", "lizhou", "2020-07-01"],
      ["苍溪客运公司", "road-transport", "cangxi", "2020-07-02"],
    ]);
  });

  it("reads UTF-8 with a BOM", async () => {
    const file = join(dir.dir, "bom.csv");
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${rows.join("\r\n")}\r\n`)]),
    );
    const ledger = db();
    expect((await cli(["import", "entities", file, ...AS], ledger)).code).toBe(0);
    expect((await names(ledger)).map((r) => r[0])).toEqual(["利州化工有限公司", "苍溪客运公司"]);
  });

  it("refuses a GB18030 file read as UTF-8, and bytes that are neither, with the line; nothing is stored", async () => {
    const gbk = join(dir.dir, "gbk2.csv");
    writeFileSync(
      gbk,
      Buffer.concat([
        Buffer.from("entityId,name,sector,district,supervisingDepartment,principal,safetyManager\r\n"),
        gb18030("E-1,利州化工,危险化学品,利州区,GY-EMB,李明,赵磊\r\n"),
      ]),
    );
    const ledger = db();
    const asUtf8 = await cli(["import", "entities", gbk, ...AS, "--encoding", "utf-8", "--json"], ledger);
    expect(asUtf8.code).toBe(1);
    expect(JSON.parse(asUtf8.stdout).errors).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/not UTF-8/) }),
    ]);
    const broken = join(dir.dir, "broken.csv");
    writeFileSync(
      broken,
      Buffer.concat([
        gb18030(`${rows[0]}\r\n${rows[1]}\r\n`),
        Buffer.from([0x45, 0x2d, 0x33, 0x2c, 0xff, 0xff, 0x0d, 0x0a]),
      ]),
    );
    const neither = await cli(["import", "entities", broken, ...AS, "--json"], ledger);
    expect(neither.code).toBe(1);
    expect(JSON.parse(neither.stdout).errors).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringMatching(/not GB18030/) }),
    ]);
    const list = await cli(["list", "entities", "--json"], ledger);
    expect(JSON.parse(list.stdout).rows).toEqual([]);
  });
});

describe("a CSV that is not valid CSV", () => {
  it("names the line of the row whose quote is never closed, not the file's end, and stores nothing", async () => {
    const file = join(dir.dir, "quote.csv");
    writeFileSync(
      file,
      `${HEADER}\r\nE-1,利州化工有限公司,危险化学品,利州区,GY-EMB,李明,赵磊,是,2020/7/1\r\nE-2,"苍溪客运公司,道路运输,苍溪县,GY-EMB,陈华,孙毅,否,2020/7/2\r\n`,
    );
    const ledger = db();
    const run = await cli(["import", "entities", file, ...AS, "--json"], ledger);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors).toEqual([
      expect.objectContaining({
        line: 3,
        message: expect.stringMatching(/^a quote \("\) opened in the row that starts on this line/),
      }),
    ]);
    expect(JSON.parse((await cli(["list", "entities", "--json"], ledger)).stdout).rows).toEqual([]);
  });
});

describe(".xlsx workbooks", () => {
  let workbook: string;
  beforeAll(async () => {
    workbook = join(dir.dir, "实名单.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("填表说明").addRow(["每行一家企业"]);
    const sheet = wb.addWorksheet("实名单");
    sheet.addRow(HEADER.split(","));
    sheet.addRow([
      "E-1",
      "利州化工有限公司",
      "危险化学品",
      "利州区",
      "GY-EMB",
      "李明",
      "赵磊",
      "是",
      new Date(Date.UTC(2020, 6, 1)),
    ]);
    sheet.getCell("I2").numFmt = "yyyy/m/d";
    sheet.addRow(["E-2", "苍溪客运公司", "道路运输", "苍溪", "GY-EMB", "陈华", "孙毅", "否", 44014]);
    await wb.xlsx.writeFile(workbook);
  });

  it("reads the sheet named by --sheet, with date cells and serials", async () => {
    const ledger = db();
    const run = await cli(["import", "entities", workbook, ...AS, "--sheet", "实名单", "--json"], ledger);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(await names(ledger)).toEqual([
      ["利州化工有限公司", "hazardous-chemicals", "lizhou", "2020-07-01"],
      ["苍溪客运公司", "road-transport", "cangxi", "2020-07-02"],
    ]);
    const again = await cli(["import", "entities", workbook, ...AS, "--sheet", "实名单", "--json"], ledger);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, appended: 0 });
  });

  it("takes the first sheet by default, and names the sheets when --sheet is wrong", async () => {
    const ledger = db();
    const first = await cli(["import", "entities", workbook, ...AS, "--json"], ledger);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("required column missing");
    const wrong = await cli(["import", "entities", workbook, ...AS, "--sheet", "Sheet1"], ledger);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('has no sheet "Sheet1"; its sheets are "填表说明", "实名单"');
  });
});

describe("one file of several enterprises' self-inspection finds, entered by the office (代录)", () => {
  it("is imported on their behalf; imported again, by the office or another unit, its rows are unchanged", async () => {
    const ledger = db();
    const entities = join(dir.dir, "two.csv");
    writeFileSync(
      entities,
      [
        HEADER,
        "E-1,利州化工,危险化学品,利州区,GY-EMB,李明,赵磊,是,2020/7/1",
        "E-2,苍溪客运,道路运输,苍溪县,GY-EMB,陈华,孙毅,是,2020/7/1",
      ].join("\n"),
    );
    expect((await cli(["import", "entities", entities, ...AS], ledger)).code).toBe(0);
    const hazards = join(dir.dir, "self-inspection.csv");
    writeFileSync(
      hazards,
      [
        "隐患编号,企业编号,隐患来源,隐患等级,隐患描述,发现日期,整改期限",
        "H-1,E-1,企业自查,一般,消防通道堵塞,2020/8/1,2020/8/15",
        "H-2,E-2,自查,一般,刹车片磨损,2020/8/2,2020/8/20",
      ].join("\n"),
    );
    const office = ["--as", "GY-SAFETY-OFFICE/office/Li"];
    const run = await cli(["import", "hazards", hazards, ...office, "--json"], ledger);
    expect(run.code, run.stdout).toBe(0);
    const history = JSON.parse((await cli(["history", "hazard-H-1", "--json"], ledger)).stdout);
    expect(history[0].data).toMatchObject({
      source: "self-inspection",
      enteredOnBehalfOf: "E-1",
      by: { unit: "GY-SAFETY-OFFICE" },
    });
    // The same file by the office again, or by another unit: each row is compared with its
    // hazard and found unchanged; nothing is appended.
    for (const who of [office, AS])
      expect(
        JSON.parse((await cli(["import", "hazards", hazards, ...who, "--json"], ledger)).stdout),
      ).toMatchObject({ ok: true, unchanged: 2, commands: 0, appended: 0 });
    // The lists and statistics see each enterprise's own self-inspection find, not the office's.
    const listed = JSON.parse((await cli(["list", "hazards", "--json"], ledger)).stdout).rows as Array<{
      hazardId: string;
      entityId: string;
      source: string;
    }>;
    expect(listed.map((h) => [h.hazardId, h.entityId, h.source])).toEqual([
      ["H-1", "E-1", "self-inspection"],
      ["H-2", "E-2", "self-inspection"],
    ]);
    // Entering on behalf is a government body's: one enterprise may not enter another's finds.
    const other = join(dir.dir, "other-enterprise.csv");
    writeFileSync(
      other,
      [
        "隐患编号,企业编号,隐患来源,隐患等级,隐患描述,发现日期,整改期限",
        "H-3,E-1,企业自查,一般,配电箱未接地,2020/8/3,2020/8/20",
      ].join("\n"),
    );
    const refused = await cli(["import", "hazards", other, "--as", "E-2/enterprise/陈华", "--json"], ledger);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      ok: false,
      appended: 0,
      errors: [{ line: 2, code: "PERMISSION_DENIED" }],
    });
  });
});

describe("Excel's dates and amounts", () => {
  it("reads a date as ISO, 2020/5/6, 2020年5月6日 or the serial 43957, all the same day", async () => {
    const ledger = db();
    const file = join(dir.dir, "dates.csv");
    writeFileSync(
      file,
      [
        HEADER,
        "E-1,甲公司,危险化学品,利州区,GY-EMB,李明,赵磊,是,2020-05-06",
        "E-2,乙公司,危险化学品,利州区,GY-EMB,李明,赵磊,是,2020/5/6",
        "E-3,丙公司,危险化学品,利州区,GY-EMB,李明,赵磊,是,2020年5月6日",
        "E-4,丁公司,危险化学品,利州区,GY-EMB,李明,赵磊,是,43957",
      ].join("\r\n"),
    );
    const run = await cli(["import", "entities", file, ...AS], ledger);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((await names(ledger)).map((r) => r[3])).toEqual([
      "2020-05-06",
      "2020-05-06",
      "2020-05-06",
      "2020-05-06",
    ]);
  });

  it("stores a loss in 元 or 万元 exactly as fen, in a workbook too", async () => {
    const ledger = db();
    const workbook = join(dir.dir, "事故.xlsx");
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
    sheet.addRow(["A-1", "2020/4/2 10:00", 0, 1, "12.5", "叉车倾覆", "机械", "利州区"]);
    sheet.addRow(["A-2", "2020/4/3 11:30", 0, 0, "0.000001", "货物坠落", "机械", "利州区"]);
    await wb.xlsx.writeFile(workbook);
    const csv = join(dir.dir, "事故.csv");
    writeFileSync(
      csv,
      `\uFEFF事故编号,发生时间,死亡人数,重伤人数,直接经济损失（元）,事故简况,所属行业,所在区县\r\nA-3,2020-04-04T08:00:00+08:00,0,0,30000.07,墙体坍塌,机械,利州区\r\n`,
    );
    for (const file of [workbook, csv]) {
      const run = await cli(["import", "accidents", file, ...AS], ledger);
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
    const rows = JSON.parse((await cli(["list", "accidents", "--json"], ledger)).stdout).rows as Array<{
      accidentId: string;
      directLossFen: number;
    }>;
    expect(rows.map((r) => [r.accidentId, r.directLossFen])).toEqual([
      ["A-1", 12_500_000],
      ["A-2", 1],
      ["A-3", 3_000_007],
    ]);
  });
});

describe("a bad cell in a workbook", () => {
  it("is reported by row and column, and nothing of the workbook is stored", async () => {
    const ledger = db();
    const workbook = join(dir.dir, "坏表.xlsx");
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("实名单");
    sheet.addRow(HEADER.split(","));
    sheet.addRow([
      "E-1",
      "利州化工有限公司",
      "危险化学品",
      "利州区",
      "GY-EMB",
      "李明",
      "赵磊",
      "是",
      "2020/7/1",
    ]);
    sheet.addRow(["E-2", "苍溪客运公司", "道路运输", "苍溪", "GY-EMB", "陈华", "孙毅", "是", "2021-02-29"]);
    await wb.xlsx.writeFile(workbook);
    const zh = await cli(["import", "entities", workbook, ...AS], ledger, undefined, { LANG: "" });
    expect(zh.code).toBe(1);
    expect(zh.stdout).toMatch(/^第 3 行，登记日期 列：/);
    expect(zh.stderr).toContain(`${workbook}（工作表“实名单”）`);
    const enText = await cli(["--lang", "en", "import", "entities", workbook, ...AS], ledger);
    expect(enText.stdout).toMatch(/^line 3, column 登记日期: /);
    expect(enText.stderr).toContain(`1 of 2 rows of ${workbook} (sheet "实名单") is bad`);
    const en = await cli(["import", "entities", workbook, ...AS, "--json"], ledger);
    expect(JSON.parse(en.stdout)).toMatchObject({
      ok: false,
      appended: 0,
      sheet: "实名单",
      errors: [{ line: 3, column: "登记日期" }],
    });
    expect(await names(ledger)).toEqual([]);
  });
});
