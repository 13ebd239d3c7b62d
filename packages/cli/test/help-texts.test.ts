/**
 * The help comes from one catalogue (help-texts.ts) in English and Chinese: every command,
 * option and argument of the program has its entry, every entry is shown somewhere, and no
 * command is defined with words of its own.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { HELP_TEXTS, helpKeys } from "../src/help-texts";
import { buildProgram } from "../src/program";

const silent = { out: () => {}, err: () => {}, interactive: false };

const keysOf = (command: Command): string[] => [
  ...helpKeys(command).map((k) => k.key),
  ...command.commands.flatMap(keysOf),
];

const SRC = join(__dirname, "..", "src");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });

describe("the help catalogue", () => {
  const keys = keysOf(buildProgram(silent, () => {}));

  it("has every command, option and argument of the program, and nothing else", () => {
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => HELP_TEXTS[k] === undefined)).toEqual([]);
    const shown = new Set([...keys, "--help", "help"]);
    expect(Object.keys(HELP_TEXTS).filter((k) => !shown.has(k))).toEqual([]);
  });

  it("has every entry in English and in Chinese", () => {
    for (const [key, text] of Object.entries(HELP_TEXTS)) {
      expect(text.en.trim(), key).not.toBe("");
      expect(text.en, key).not.toBe(text["zh-CN"]);
      expect(text["zh-CN"], key).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("is where the words are: no command, option or argument is defined with a description", () => {
    const STR = String.raw`(?:"(?:[^"\\]|\\.)+"|\x60(?:[^\x60\\]|\\.)+\x60)`;
    const inline = new RegExp(
      String.raw`\.(?:description|summary)\(\s*${STR}|\.(?:option|requiredOption|argument)\(\s*${STR}\s*,\s*${STR}|new Option\(\s*${STR}\s*,\s*${STR}`,
      "g",
    );
    const found = sources(SRC).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(inline)].map((m) => `${relative(SRC, file)}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  it("puts the chosen language on the program: descriptions, options, arguments", () => {
    const board = (lang: "zh-CN" | "en") =>
      buildProgram(silent, () => {}, lang).commands.find((c) => c.name() === "board")!;
    expect(board("zh-CN").description()).toBe(HELP_TEXTS.board!["zh-CN"]);
    expect(board("en").description()).toMatch(/^The wall chart/);
    expect(board("zh-CN").options.find((o) => o.long === "--as-of")?.description).toBe(
      "截至该日末的账本（默认：今天，UTC+08:00）",
    );
    expect(board("en").options.find((o) => o.long === "--as-of")?.description).toBe(
      "the ledger as of the end of this date (default: today, UTC+08:00)",
    );
  });
});
