import { describe, expect, it } from "vitest";
import { findPersonalNumbers, screenFreeText } from "./free-text";
import { isResidentIdNumber, residentIdCheckCharacter } from "./resident-id";

describe("resident ID numbers (GB 11643-1999, ISO 7064 MOD 11-2)", () => {
  it("computes the check character of the standard's examples", () => {
    expect(residentIdCheckCharacter("11010519491231002")).toBe("X");
    expect(residentIdCheckCharacter("44052418800101001")).toBe("4");
  });
  it.each(["11010519491231002X", "11010519491231002x", "440524188001010014"])("accepts %s", (id) =>
    expect(isResidentIdNumber(id)).toBe(true),
  );
  it.each([
    ["a wrong check character", "110105194912310021"],
    ["a wrong check digit", "440524188001010015"],
    ["a birth date that does not exist", "110105194902300021"],
    ["17 digits", "11010519491231002"],
  ])("refuses %s", (_why, id) => expect(isResidentIdNumber(id)).toBe(false));
});

describe("findPersonalNumbers", () => {
  it("finds a mobile number inside Chinese text, masked", () => {
    expect(findPersonalNumbers("联系人张三，电话13812345678，请尽快整改")).toEqual([
      { kind: "mobile-number", masked: "138****5678" },
    ]);
  });
  it.each(["138-1234-5678", "138 1234 5678", "+86 13812345678", "8613812345678"])(
    "finds a mobile number written %s",
    (text) => expect(findPersonalNumbers(`电话：${text}。`).map((f) => f.masked)).toEqual(["138****5678"]),
  );
  it("finds a resident ID number inside Chinese text, masked", () => {
    expect(findPersonalNumbers("伤者身份证号11010519491231002X，已送医")).toEqual([
      { kind: "resident-id-number", masked: "110105********002X" },
    ]);
  });
  it("finds a number after a count or a year and a space, and several in their order", () => {
    expect(findPersonalNumbers("2020 13812345678")).toEqual([
      { kind: "mobile-number", masked: "138****5678" },
    ]);
    expect(findPersonalNumbers("440524188001010014，伤者3 13900001111").map((f) => f.kind)).toEqual([
      "resident-id-number",
      "mobile-number",
    ]);
  });
  it("passes over an 18-digit run whose check digit is wrong", () => {
    expect(findPersonalNumbers("编号110105194912310021")).toEqual([]);
  });
  it.each([
    ["a longer digit run holding a mobile number", "流水号2013812345678901"],
    ["a number not starting with 13–19", "12812345678"],
    ["a landline", "0839-3266110"],
    ["an amount", "直接经济损失 1250000 元"],
    ["a date and a code", "2020-07-14 GY-2020-0123"],
    ["a 19-digit run ending in a valid ID", "911010519491231002X"],
  ])("finds nothing in %s", (_why, text) => expect(findPersonalNumbers(text)).toEqual([]));
});

describe("screenFreeText", () => {
  const data = {
    description: "井下作业，联系13812345678",
    principal: { name: "李四", phone: "13900001111" },
    evidence: [{ description: "ok" }, { description: "身份证 440524188001010014" }],
  };
  it("names the path of each string holding a number", () => {
    expect(screenFreeText(data).map((f) => [f.path, f.kind])).toEqual([
      ["description", "mobile-number"],
      ["principal.phone", "mobile-number"],
      ["evidence[1].description", "resident-id-number"],
    ]);
  });
  it("skips the excluded paths (the registered personal fields)", () => {
    expect(
      screenFreeText(data, new Set(["principal.phone", "evidence[].description"])).map((f) => f.path),
    ).toEqual(["description"]);
  });
});
