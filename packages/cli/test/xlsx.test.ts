import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sheetRows, writeSheet } from "../src/import/xlsx";
import { tempDir } from "./helpers";

const dir = tempDir();
afterAll(() => dir.remove());
const file = join(dir.dir, "entities.xlsx");

const rowsOf = async (path: string, sheet?: string) => {
  const rows = [];
  for await (const row of sheetRows(path, sheet)) rows.push(row);
  return rows;
};

beforeAll(async () => {
  // As Excel saves a list: a date cell, a serial typed as a number, a rich-text cell, a formula,
  // an empty row, and a second sheet.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("实名单");
  sheet.addRow(["企业编号", "企业名称", "登记日期", "报告时间", "损失（元）"]);
  sheet.addRow([
    "E-1",
    { richText: [{ text: "利州" }, { text: "化工" }] },
    new Date(Date.UTC(2020, 4, 6)),
    new Date(Date.UTC(2020, 2, 5, 9, 30)),
    1234.56,
  ]);
  sheet.getCell("C2").numFmt = "yyyy/m/d";
  sheet.addRow([]);
  sheet.addRow(["E-2", "苍溪客运", 43957, "2020/3/5 9:30", { formula: "100*2", result: 200 }]);
  workbook.addWorksheet("说明").addRow(["填表说明"]);
  await workbook.xlsx.writeFile(file);
});

describe(".xlsx rows", () => {
  it("reads the first sheet as CSV-like text, with row numbers as lines", async () => {
    expect(await rowsOf(file)).toEqual([
      { line: 1, record: ["企业编号", "企业名称", "登记日期", "报告时间", "损失（元）"], sheet: "实名单" },
      {
        line: 2,
        record: ["E-1", "利州化工", "2020-05-06", "2020-03-05T09:30:00+08:00", "1234.56"],
        sheet: "实名单",
      },
      { line: 4, record: ["E-2", "苍溪客运", "43957", "2020/3/5 9:30", "200"], sheet: "实名单" },
    ]);
  });

  it("reads a sheet by name, and names the sheets when it is not there", async () => {
    expect(await rowsOf(file, "说明")).toEqual([{ line: 1, record: ["填表说明"], sheet: "说明" }]);
    await expect(rowsOf(file, "Sheet9")).rejects.toThrow(
      'has no sheet "Sheet9"; its sheets are "实名单", "说明"',
    );
  });

  it("writes what it reads back", async () => {
    const out = join(dir.dir, "out.xlsx");
    await writeSheet(
      out,
      "entities",
      ["entityId", "name"],
      [
        ["E-1", "利州化工"],
        ["E-2", null],
      ],
    );
    expect(await rowsOf(out)).toEqual([
      { line: 1, record: ["entityId", "name"], sheet: "entities" },
      { line: 2, record: ["E-1", "利州化工"], sheet: "entities" },
      { line: 3, record: ["E-2"], sheet: "entities" },
    ]);
  });
});
