/** The error catalogue: every code core fails with has its sentence in English and Chinese. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_TEXTS, ERROR_TEXTS_BY_MODULE, errorText } from "./error-catalogue";
import { ERROR_LANGS, type ErrorText, errorsOf, text } from "./kernel/error-texts";
import { streamDeleted, wrongExpectedVersion } from "./kernel/errors";
import { INPUT_ISSUE_TEXTS } from "./kernel/input-issue-texts";

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
  it("has every code used in core", () => {
    const found = codesInSources();
    expect(found.size).toBeGreaterThan(100);
    expect([...found].filter((c) => ERROR_TEXTS[c] === undefined)).toEqual([]);
  });

  it("is where every rejection's sentence comes from: no call site writes one", () => {
    // A sentence written at the call site is English only; every rejection in core goes
    // through a module's `errorsOf(texts)`, which takes the code's parameters, not a message.
    const written = sources(__dirname).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\b(?:reject|domainError)\(\s*"[A-Z][A-Z0-9_]+",\s*[`"]/g)].map(
        (m) => `${file}: ${m[0]}`,
      ),
    );
    expect(written).toEqual([]);
  });

  it("has every input-issue code, in both languages, the Chinese in Chinese", () => {
    expect(Object.keys(INPUT_ISSUE_TEXTS).length).toBeGreaterThan(30);
    for (const [code, entry] of Object.entries(INPUT_ISSUE_TEXTS) as [string, ErrorText][]) {
      expect(ERROR_TEXTS[code], code).toBe(entry);
      expect(entry.en(namedParams).trim(), code).not.toBe("");
      // Every word of the Chinese is Chinese: what is left of the Latin letters once the
      // parameters, examples and formats (YYYY-MM-DD, ISO 8601, JSON, docs/commands.md) and the
      // API a text points a developer to (sealedReadTables) are out.
      const zh = entry["zh-CN"](namedParams)
        .replace(/<\w+>/g, "")
        .replace(/YYYY-MM-DD|ISO 8601|JSON|docs\/commands\.md|unit|role|person|true|false|null/g, "")
        .replace(/\b(?:sealedReadTables|sealedEvent|readTables)\b/g, "");
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.match(/[A-Za-z]{2,}/g), code).toBeNull();
    }
  });

  it("is where every input issue's reason comes from: no codec in core writes one", () => {
    // `t.failure(u, c, "…")` gives io-ts an English sentence only: core's codecs refuse with
    // `issueFailure(u, c, reason(CODE, params))`, whose words are in the catalogue.
    const written = sources(__dirname).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bt\.failure\(\s*[^,()]+,\s*[^,()]+,/g)].map(
        (m) => `${file}: ${m[0]}`,
      ),
    );
    expect(written).toEqual([]);
    const coded = sources(__dirname).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\breason\(\s*"([A-Z][A-Z0-9_]+)"/g)].map(
        (m) => m[1] as string,
      ),
    );
    expect(new Set(coded).size).toBeGreaterThan(25);
    expect(coded.filter((code) => !(code in INPUT_ISSUE_TEXTS))).toEqual([]);
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

  it("renders a state check and a correction that changes nothing in Chinese, statuses by their names", () => {
    const { error } = errorsOf(ERROR_TEXTS as never) as unknown as {
      error: (code: string, params: object) => Parameters<typeof errorText>[0];
    };
    const wrongState = error("HAZARD_WRONG_STATE", {
      hazardId: "H-1",
      status: "Remediating",
      step: "regrade",
      allowed: "Registered,Reported",
    });
    expect(errorText(wrongState, "en")).toBe(
      "Hazard H-1 is Remediating; it can be regraded only when Registered or Reported.",
    );
    expect(errorText(wrongState, "zh-CN")).toBe(
      "隐患 H-1 当前为“整改中”；只有处于已登记或已上报状态时才能重新定级。",
    );
    const noChange = error("NO_CHANGE", { of: "hazardGrade", hazardId: "H-1", grade: "major" });
    expect(errorText(noChange, "en")).toBe("Hazard H-1 is already graded major.");
    expect(errorText(noChange, "zh-CN")).toBe("隐患 H-1 已定为 major。");
    const skips = error("ESCALATION_SKIPS_LEVEL", { code: "HC-01", next: "reminder" });
    expect(errorText(skips, "zh-CN")).toBe(
      "督办须逐级进行：提示单 → 督办单 → 约谈/问责；HC-01 须先收到提示单。",
    );
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
