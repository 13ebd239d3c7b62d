import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { aliasKey, VALUE_ALIASES } from "../src/import/aliases";
import { readDate, readDateTime, readWanYuan, readYuan } from "../src/import/cells";
import { checkHeader, decodeRow, KINDS } from "../src/import/csv-rows";

describe("Excel's dates", () => {
  it.each([
    ["2020-05-06", "2020-05-06"],
    ["2020/5/6", "2020-05-06"],
    ["2020-5-6", "2020-05-06"],
    ["2020.05.06", "2020-05-06"],
    ["2020年5月6日", "2020-05-06"],
    ["43957", "2020-05-06"],
    ["43890", "2020-02-29"],
    [" 44256 ", "2021-03-01"],
    ["2021/2/29", undefined],
    ["2020", undefined],
    ["43957.5", undefined],
    ["5/6/2020", undefined],
  ])("%j is %j", (cell, date) => {
    expect(readDate(cell)).toBe(date);
  });

  it.each([
    ["2020-03-05T09:30:00+08:00", "2020-03-05T09:30:00+08:00"],
    ["2020/3/5 9:30", "2020-03-05T09:30:00+08:00"],
    ["2020-03-05 21:05:07", "2020-03-05T21:05:07+08:00"],
    ["43895.395833333336", "2020-03-05T09:30:00+08:00"],
    ["2020/3/5 24:00", undefined],
    ["2021/2/29 10:00", undefined],
    ["2020-03-05T09:30:00", undefined],
  ])("%j is the date-time %j", (cell, dateTime) => {
    expect(readDateTime(cell)).toBe(dateTime);
  });
});

describe("money", () => {
  it.each([
    ["1234.56", 123456],
    ["1,234.5", 123450],
    ["¥300", 30000],
    ["0.01", 1],
    ["0.1", 10],
    ["1.005", undefined],
    ["-5", undefined],
  ])("%j yuan is %j fen", (cell, fen) => {
    expect(readYuan(cell)).toBe(fen);
  });

  it.each([
    ["12.5", 12_500_000],
    ["0.000001", 1],
    ["300", 300_000_000],
    ["0.0000001", undefined],
  ])("%j 万元 is %j fen", (cell, fen) => {
    expect(readWanYuan(cell)).toBe(fen);
  });

  it("is exact where binary floats are not (0.29 yuan is 29 fen, not 28.999…)", () => {
    expect(readYuan("0.29")).toBe(29);
    expect(readYuan("1.15")).toBe(115);
  });
});

describe("a list as a Chinese clerk keeps it", () => {
  const context = {
    actor: { unit: "GY-EMB", role: "office", person: "Li" },
    fileHash: "f".repeat(64),
    defaultOn: "2020-07-01",
  };

  it("takes Chinese headers and the Chinese names of values", () => {
    const header = [
      "企业编号",
      "企业名称",
      "所属行业",
      "所在区县",
      "监管部门",
      "主要负责人",
      "安全管理人员",
      "是否在营",
      "登记日期",
    ];
    expect(checkHeader(KINDS.entities, header)).toEqual([]);
    const row = decodeRow(
      KINDS.entities,
      Object.fromEntries(
        header.map((h, i) => [
          h,
          ["E-1", "利州化工", "危险化学品", "利州区", "GY-EMB", "李明", "赵磊", "是", "2020/7/1"][i] ?? "",
        ]),
      ),
      2,
      context,
    );
    expect(
      E.isRight(row) && row.right.commands.map((c) => [c.envelope.command.type, c.envelope.occurredAt]),
    ).toEqual([
      ["RegisterEntity", "2020-07-01"],
      ["ActivateEntity", "2020-07-01"],
    ]);
    expect(E.isRight(row) && row.right.commands[0]?.envelope.command.data).toMatchObject({
      sector: "hazardous-chemicals",
      district: "lizhou",
    });
  });

  it("names a bad cell by the header the clerk wrote", () => {
    const row = decodeRow(
      KINDS.hazards,
      {
        隐患编号: "H-1",
        企业编号: "E-1",
        隐患来源: "自查",
        隐患等级: "较大",
        隐患描述: "消防通道堵塞",
        发现日期: "2020/8/1",
        整改期限: "2020/2/30",
      },
      5,
      context,
    );
    expect(E.isLeft(row) && row.left.map((i) => [i.line, i.column])).toEqual([
      [5, "隐患等级"],
      [5, "整改期限"],
    ]);
  });

  it("reads money in yuan and 万元 as exact fen", () => {
    const base = {
      accidentId: "A-1",
      occurredAt: "2020/3/5 9:30",
      deaths: "0",
      seriousInjuries: "1",
      description: "坠落",
      sector: "建筑施工",
      district: "苍溪县",
    };
    const fen = (cells: Record<string, string>) => {
      const row = decodeRow(KINDS.accidents, { ...base, ...cells }, 2, context);
      return E.isRight(row)
        ? (row.right.commands[0]?.envelope.command.data as { directLossFen: number } | undefined)
            ?.directLossFen
        : row.left;
    };
    expect(fen({ "直接经济损失（元）": "1234.56" })).toBe(123456);
    expect(fen({ "直接经济损失(万元)": "12.5" })).toBe(12_500_000);
    expect(fen({ directLossFen: "99" })).toBe(99);
  });

  it("every alias names one key only", () => {
    for (const [set, values] of Object.entries(VALUE_ALIASES))
      for (const v of values)
        for (const name of [v.key, ...v.names])
          expect(aliasKey(set as keyof typeof VALUE_ALIASES, name), `${set}: ${name}`).toBe(v.key);
  });
});
