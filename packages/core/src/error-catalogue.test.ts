/** The error catalogue: every code core fails with has its sentence in English and Chinese. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_TEXTS, ERROR_TEXTS_BY_MODULE, errorText } from "./error-catalogue";
import { ERROR_LANGS, type ErrorText, errorsOf, text } from "./kernel/error-texts";
import { streamDeleted, wrongExpectedVersion } from "./kernel/errors";

/**
 * Codes whose sentences are still written at the call site, in English only: the CLI prints
 * them in English in either language. The list only shrinks (a catalogued code may not be here).
 * (The entity decider's state check still gives ENTITY_CLOSED without parameters, in English, beside
 * ENTITY_WRONG_STATE; risks and hazards give it from the catalogue.)
 */
const UNCATALOGUED_CODES: ReadonlyArray<string> = [
  "CAMPAIGN_CONCLUDED",
  "CAMPAIGN_NOT_LAUNCHED",
  "COMPLETION_ALREADY_REPORTED",
  "COMPLETION_NOT_REPORTED",
  "DEADLINE_AFTER_CAMPAIGN",
  "DEADLINE_BEFORE_STAGE",
  "DUPLICATE_UNIT",
  "ELEMENT_NOT_LISTED",
  "ENTITY_WRONG_STATE",
  "ESCALATION_BELOW_CURRENT",
  "ESCALATION_SKIPS_LEVEL",
  "EXTENSION_ALREADY_PENDING",
  "EXTENSION_TOO_LATE",
  "HAZARD_WRONG_STATE",
  "LEAD_UNIT_ALSO_LISTED",
  "NEW_DEADLINE_NOT_LATER",
  "NOT_A_MAJOR_HAZARD",
  "NOT_OVERDUE",
  "NO_CHANGE",
  "NO_PENDING_EXTENSION",
  "NO_PERIOD",
  "PERIOD_ALREADY_VERIFIED",
  "PERIOD_NOT_OPEN",
  "PERIOD_NOT_STARTED",
  "TASK_ALREADY_ASSIGNED",
  "TASK_ALREADY_STARTED",
  "TASK_CANCELLED",
  "TASK_NOT_ASSIGNED",
  "TASK_NOT_STARTED",
  "TASK_VERIFIED",
  "UNKNOWN_PERIOD",
  "UNKNOWN_STAGE",
  "WORKSTREAM_CLOSED",
  "WORKSTREAM_NOT_DEFINED",
  "WRONG_CAMPAIGN",
  "WRONG_WORKSTREAM",
];

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "testing" ? [] : sources(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });

/**
 * `reject("CODE", …)`, `supervisionError("CODE", …)`, and a code chosen between two,
 * `domainError(closed ? "CODE_A" : "CODE_B", …)`.
 */
const CODE_AT_CALL =
  /\b\w*(?:[eE]rror|[rR]eject)\(\s*(?:"([A-Z][A-Z0-9_]+)"|[^(),;?]+\?\s*"([A-Z][A-Z0-9_]+)"\s*:\s*"([A-Z][A-Z0-9_]+)")/g;

/** The codes given literally to an error constructor or a rejection anywhere in core. */
const codesInSources = (): Set<string> => {
  const codes = new Set<string>();
  for (const file of sources(__dirname))
    for (const m of readFileSync(file, "utf8").matchAll(CODE_AT_CALL))
      for (const code of m.slice(1)) if (code !== undefined) codes.add(code);
  return codes;
};

/** Parameters that name themselves, so a sentence that drops or misnames one shows it. */
const namedParams = new Proxy({}, { get: (_t, key) => `<${String(key)}>` }) as never;

describe("the error catalogue", () => {
  it("has every code used in core, or lists it as not catalogued yet", () => {
    const found = codesInSources();
    expect(found.size).toBeGreaterThan(100);
    const missing = [...found].filter((c) => ERROR_TEXTS[c] === undefined && !UNCATALOGUED_CODES.includes(c));
    expect(missing).toEqual([]);
    expect(UNCATALOGUED_CODES.filter((c) => ERROR_TEXTS[c] !== undefined)).toEqual([]);
    expect(UNCATALOGUED_CODES.filter((c) => !found.has(c))).toEqual([]);
  });

  it("has each code in one module's texts only", () => {
    const modules = Object.entries(ERROR_TEXTS_BY_MODULE);
    const owners = (code: string) => modules.filter(([, texts]) => code in texts).map(([name]) => name);
    expect(Object.keys(ERROR_TEXTS).filter((code) => owners(code).length !== 1)).toEqual([]);
  });

  it("has each code's sentence in both languages, Chinese in Chinese", () => {
    expect(Object.keys(ERROR_TEXTS).length).toBeGreaterThan(10);
    for (const [code, entry] of Object.entries(ERROR_TEXTS) as [string, ErrorText][]) {
      for (const lang of ERROR_LANGS) {
        const sentence = entry[lang](namedParams);
        expect(sentence.trim(), `${code} ${lang}`).not.toBe("");
        expect(sentence, `${code} ${lang}`).not.toMatch(/undefined/);
      }
      expect(entry["zh-CN"](namedParams), code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("gives the same parameters to both languages", () => {
    for (const [code, entry] of Object.entries(ERROR_TEXTS) as [string, ErrorText][]) {
      const used = (s: string) => [...s.matchAll(/<(\w+)>/g)].map((m) => m[1]).sort();
      expect(used(entry["zh-CN"](namedParams)), code).toEqual(used(entry.en(namedParams)));
    }
  });
});

describe("an error built from the catalogue", () => {
  const texts = {
    DEMO_CLOSED: text<{ id: string; on: string }>(
      (p) => `Demo ${p.id} was closed on ${p.on}.`,
      (p) => `演示 ${p.id} 已于 ${p.on} 关闭。`,
    ),
  };
  const { error, reject } = errorsOf(texts);

  it("carries its code, its parameters, its field and the English message", () => {
    expect(error("DEMO_CLOSED", { id: "D-1", on: "2020-05-01" }, "id")).toEqual({
      _tag: "DomainError",
      code: "DEMO_CLOSED",
      message: "Demo D-1 was closed on 2020-05-01.",
      params: { id: "D-1", on: "2020-05-01" },
      field: "id",
    });
    expect(reject("DEMO_CLOSED", { id: "D-2", on: "2020-05-02" })).toMatchObject({
      _tag: "Left",
      left: { code: "DEMO_CLOSED", message: "Demo D-2 was closed on 2020-05-02." },
    });
  });

  it("is rendered in Chinese from the catalogue, in English as its message", () => {
    const keyUnknown = errorsOf(ERROR_TEXTS as never).error(
      "KEY_UNKNOWN" as never,
      { keyId: "K-1" } as never,
    );
    expect(errorText(keyUnknown, "zh-CN")).toBe("未登记签名密钥 K-1。");
    expect(errorText(keyUnknown, "en")).toBe("No signing key K-1 is registered.");
  });

  it("falls back to the English message for a code without parameters", () => {
    const legacy = { _tag: "DomainError", code: "NO_CHANGE", message: "Nothing changes." } as const;
    expect(errorText(legacy, "zh-CN")).toBe("Nothing changes.");
  });

  it("renders the store's conflicts in Chinese", () => {
    expect(errorText(wrongExpectedVersion("hazard-H-1", { revision: 2 }, 3), "zh-CN")).toBe(
      "流 hazard-H-1 已被他人修改（预期 第 2 版，当前为 第 3 版）；请重新加载后再试。",
    );
    expect(errorText(wrongExpectedVersion("hazard-H-1", { revision: 2 }, 3), "en")).toBe(
      wrongExpectedVersion("hazard-H-1", { revision: 2 }, 3).message,
    );
    expect(errorText(streamDeleted("hazard-H-1"), "zh-CN")).toBe("流 hazard-H-1 已被删除，不能再写入。");
  });
});
