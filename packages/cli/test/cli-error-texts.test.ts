/**
 * The CLI's own failures come from one catalogue (cli-error-texts.ts), in English and Chinese:
 * no source file writes a user-facing failure inline, every code has both sentences from the
 * same parameters, and commander's sentences are read back into the catalogue's codes.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ERROR_TEXTS, type ErrorText } from "@safety-ledger/core";
import { describe, expect, it } from "vitest";
import { badArgument, CLI_ERROR_TEXTS, cliErrorText, commanderText } from "../src/cli-error-texts";
import { MESSAGES } from "../src/messages";

const SRC = join(__dirname, "..", "src");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
const read = (file: string) => readFileSync(file, "utf8");
const rel = (file: string) => relative(SRC, file);

/** The places a failure's words can be written, with what may follow the opening parenthesis. */
const INLINE = [
  // a usage error or commander's parser error is only made in the catalogue's own helpers
  { pattern: /new (?:UsageError|InvalidArgumentError)\(/g, allowedIn: ["errors.ts", "cli-error-texts.ts"] },
  // a failed check with a sentence of its own (a string or template literal) instead of a code
  { pattern: /new CheckFailed\(\s*[`"']/g, allowedIn: [] },
  // commander's error() with a sentence
  { pattern: /\.error\(\s*[`"']/g, allowedIn: [] },
  // a program writing "error: …" itself instead of through the messages
  { pattern: /[`"']error: /g, allowedIn: ["messages.ts", "bin.ts"] },
];

describe("the CLI's failures", () => {
  it("are never written inline in the CLI's sources", () => {
    const found = sources(SRC).flatMap((file) =>
      INLINE.flatMap(({ pattern, allowedIn }) =>
        allowedIn.includes(rel(file))
          ? []
          : [...read(file).matchAll(pattern)].map((m) => `${rel(file)}: ${m[0]}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it("are thrown by code, and every code thrown is in the catalogue", () => {
    const thrown = new Set(
      sources(SRC).flatMap((file) =>
        [...read(file).matchAll(/\b(?:usage|check|failedCheck|badArgument)\(\s*"([A-Z][A-Z0-9_]+)"/g)].map(
          (m) => m[1]!,
        ),
      ),
    );
    expect(thrown.size).toBeGreaterThan(25);
    expect([...thrown].filter((code) => !(code in CLI_ERROR_TEXTS))).toEqual([]);
  });

  it("have codes of their own, not the ledger's", () => {
    expect(Object.keys(CLI_ERROR_TEXTS).filter((code) => code in ERROR_TEXTS)).toEqual([]);
  });

  it("have each sentence in both languages from the same parameters, the Chinese in Chinese", () => {
    const named = new Proxy({}, { get: (_t, key) => `<${String(key)}>` }) as never;
    const used = (s: string) => [...s.matchAll(/<(\w+)>/g)].map((m) => m[1]).sort();
    for (const [code, entry] of Object.entries(CLI_ERROR_TEXTS) as [string, ErrorText][]) {
      const en = entry.en(named);
      const zh = entry["zh-CN"](named);
      expect(en.trim(), code).not.toBe("");
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(`${en}${zh}`, code).not.toMatch(/undefined/);
      expect(used(zh), code).toEqual(used(en));
    }
  });

  it("are rendered in the reader's language, the ledger's codes from core's catalogue", () => {
    const coded = badArgument("NOT_A_WHOLE_NUMBER", { name: "--days" }).coded;
    expect(coded).toMatchObject({ code: "NOT_A_WHOLE_NUMBER", message: "--days must be a whole number" });
    expect(cliErrorText(coded, "zh-CN")).toBe("--days 须为非负整数");
    expect(cliErrorText(coded, "en")).toBe("--days must be a whole number");
    const ledger = {
      _tag: "DomainError",
      code: "KEY_UNKNOWN",
      message: "x",
      params: { keyId: "K-1" },
    } as const;
    expect(cliErrorText(ledger, "zh-CN")).toBe("未登记签名密钥 K-1。");
  });
});

describe("commander's sentences", () => {
  it("are said from the catalogue in Chinese, and as commander says them in English", () => {
    const cases: Array<[string, string]> = [
      ["error: unknown option '--xx'\n(Did you mean --xlsx?)", "错误：未知选项“--xx”\n（是否要用 --xlsx？）"],
      ["error: unknown command 'lst'", "错误：未知命令“lst”"],
      ["error: missing required argument 'file'", "错误：缺少必需的参数“file”"],
      [
        "error: option '--as <unit/role/person>' argument missing",
        "错误：选项“--as <unit/role/person>”缺少取值",
      ],
      ["error: required option '--days <n>' not specified", "错误：缺少必需的选项“--days <n>”"],
      [
        "error: too many arguments for 'history'. Expected 1 argument but got 2.",
        "错误：参数过多：应为 1 个，给出了 2 个。",
      ],
      ["(run with --help for usage)", "（用法见 --help）"],
    ];
    for (const [english, chinese] of cases) {
      expect(commanderText(english, "zh-CN")).toBe(chinese);
      expect(commanderText(english, "en")).toBe(english);
    }
  });

  it("carry a parser's reason in the reader's language", () => {
    const refusal = badArgument("BAD_DATE", { option: "--as-of", value: "2020-13-01" });
    const line = `error: option '--as-of <date>' argument '2020-13-01' is invalid. ${refusal.message}`;
    expect(commanderText(line, "zh-CN")).toBe(
      "错误：选项“--as-of <date>”的取值“2020-13-01”无效。--as-of 2020-13-01：日期请写作 YYYY-MM-DD",
    );
    expect(commanderText(line, "en")).toBe(line);
  });

  it("stay as commander wrote them when not recognised", () => {
    expect(commanderText("error: something new", "zh-CN")).toBe("error: something new");
    expect(MESSAGES["zh-CN"].error("x")).toBe("错误：x");
  });
});
