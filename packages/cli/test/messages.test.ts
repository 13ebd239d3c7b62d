/** The CLI's catalogue: every message in both languages, and the language the locale picks. */
import { describe, expect, it } from "vitest";
import { LANGS, langOfEnv, MESSAGES } from "../src/messages";

/**
 * Every leaf of a catalogue by its path: strings as they are, functions called with samples (a
 * one-item list, which reads as text, as a number and as a list of parts alike).
 */
const leaves = (node: unknown, path = ""): Array<[string, string]> => {
  if (typeof node === "string") return [[path, node]];
  if (typeof node === "function") {
    const args = Array.from({ length: node.length }, (_, i) => [`a${i}`]);
    return [[path, String(node(...args))]];
  }
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
};

describe("the CLI's message catalogue", () => {
  const zh = leaves(MESSAGES["zh-CN"]);
  const en = leaves(MESSAGES.en);

  it("has every message in both languages, none empty", () => {
    expect(en.map(([path]) => path)).toEqual(zh.map(([path]) => path));
    for (const lang of LANGS)
      for (const [path, text] of leaves(MESSAGES[lang])) expect(text.trim(), `${lang}${path}`).not.toBe("");
  });

  it("says every error and every hint in Chinese in zh-CN", () => {
    const chinese = /[\u4e00-\u9fff]/;
    for (const [path, text] of zh)
      if (/^\.(errors|hints|import|list)\./.test(path)) expect(text, path).toMatch(chinese);
    for (const [path, text] of en) expect(text, path).not.toMatch(chinese);
  });

  it("takes the language from LC_ALL, LC_MESSAGES or LANG; Chinese unless it is English", () => {
    expect(langOfEnv({})).toBe("zh-CN");
    expect(langOfEnv({ LANG: "C.UTF-8" })).toBe("zh-CN");
    expect(langOfEnv({ LANG: "zh_CN.UTF-8" })).toBe("zh-CN");
    expect(langOfEnv({ LANG: "en_US.UTF-8" })).toBe("en");
    expect(langOfEnv({ LANG: "en" })).toBe("en");
    expect(langOfEnv({ LC_ALL: "zh_CN.GB18030", LANG: "en_US.UTF-8" })).toBe("zh-CN");
    expect(langOfEnv({ LC_MESSAGES: "en_GB.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
  });
});
