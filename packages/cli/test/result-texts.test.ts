/**
 * What commands print comes from catalogues (messages.ts, result-texts.ts): every entry of the
 * results catalogue is in both languages from the same parameters, the Chinese in Chinese, and no
 * source file writes an English sentence, word or table header to the user at the call site.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { RESULT_TEXTS } from "../src/result-texts";

const SRC = join(__dirname, "..", "src");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });

/**
 * The catalogues, the one place words are written; and the report's page and charts, whose
 * words come from the report's catalogue (report/i18n.ts) and whose literals are HTML ids.
 */
const NOT_SCANNED = [
  "messages.ts",
  "result-texts.ts",
  "cli-error-texts.ts",
  "help-texts.ts",
  "column-help-texts.ts",
  "report/i18n.ts",
  "report/page.ts",
  "report/charts.ts",
];

/** The index just past the parenthesis that closes the one opened at `open`, strings skipped. */
const closing = (text: string, open: number): number => {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      else if (quote === "`" && c === "$" && text[i + 1] === "{") {
        i = closing(text, i + 1) - 1;
      }
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
};

/** The text of every call of `callee` (its arguments), with calls of `skip` (machine formats, catalogued heads) cut out. */
const argumentsOf = (text: string, callee: RegExp, skip: RegExp): string[] => {
  let end = 0;
  return [...text.matchAll(callee)].flatMap((m) => {
    // a call inside the arguments of one already taken is part of them
    if (m.index! < end) return [];
    const open = m.index! + m[0].length - 1;
    end = closing(text, open);
    let args = text.slice(open, end);
    for (let s = args.search(skip); s >= 0; s = args.search(skip)) {
      const at = s + args.slice(s).indexOf("(");
      args = args.slice(0, s) + args.slice(closing(args, at));
    }
    return [args];
  });
};

/** The words of the string and template literals of a piece of code, interpolations and escapes left out. */
const literalWords = (code: string): string[] =>
  [
    // a value compared with, or a type named, is a key, not words to a reader
    ...code
      .replace(/[=!]==\s*"[^"]*"|"[^"]*"\s*[=!]==|\bas\s+"[^"]*"(?:\s*\|\s*"[^"]*")*/g, " ")
      .matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g),
  ].map((m) =>
    (m[1] ?? m[2] ?? m[3] ?? "").replace(/\$\{[^}]*\}/g, " ").replace(/\\u[0-9a-fA-F]{4}|\\./g, " "),
  );

/** English words to a reader: a sentence (two words), or a literal that is one word (a header, "valid"). */
const isEnglish = (literal: string): boolean =>
  /[A-Za-z]{2,}[^A-Za-z"]+[A-Za-z]{2,}/.test(literal) || /^\s*\(?[A-Za-z][A-Za-z -]*\)?\s*$/.test(literal);

const PRINTING = /\b(?:io\.(?:out|err)|progress|table)\(/g;
/** Machine formats, and the catalogues (`th` is `headsIn` in a language; `valueLabel` names a value set by its key). */
const MACHINE_OR_CATALOGUED = /\b(?:toJson|csv|headsIn|th|valueLabel\w*|JSON\.stringify)\(/;

describe("what commands print", () => {
  it("is never an English sentence, word or header written at the call site", () => {
    const found = sources(SRC)
      .filter((file) => !NOT_SCANNED.includes(relative(SRC, file)))
      .flatMap((file) =>
        argumentsOf(readFileSync(file, "utf8"), PRINTING, MACHINE_OR_CATALOGUED)
          .flatMap(literalWords)
          .filter(isEnglish)
          .map((literal) => `${relative(SRC, file)}: ${literal.trim()}`),
      );
    expect(found).toEqual([]);
  });

  it("the check finds what it is meant to (an English line, a literal header, a bare word)", () => {
    const code = [
      "io.out(`wrote ${file} (${kb} KB)`);",
      'io.out(table(["stream", "rev"], rows));',
      'io.err(ok ? "valid" : say.invalid);',
      'io.out(toJson({ "plain key": 1 }));',
      'io.out(table(headsIn(lang, ["stream", "rev"]), rows));',
      'io.out(`${a},"plan":[`);',
    ].join("\n");
    const english = argumentsOf(code, PRINTING, MACHINE_OR_CATALOGUED)
      .flatMap(literalWords)
      .filter(isEnglish);
    expect(english.map((s) => s.trim())).toEqual(["wrote   (  KB)", "stream", "rev", "valid"]);
  });
});

/** A stand-in for any parameter: prints as `<name>`, and its properties are parameters too. */
const param = (name: string): unknown =>
  new Proxy(() => {}, {
    get: (_t, key) =>
      key === Symbol.toPrimitive || key === "toString" ? () => `<${name}>` : param(`${name}.${String(key)}`),
  });

const entries = (o: object, path = ""): Array<[string, unknown]> =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" && v !== null
      ? entries(v, `${path}${k}.`)
      : [[`${path}${k}`, v] as [string, unknown]],
  );

describe("the results catalogue", () => {
  const zh = new Map(entries(RESULT_TEXTS["zh-CN"]));
  const en = new Map(entries(RESULT_TEXTS.en));

  it("has the same entries in both languages", () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    expect(zh.size).toBeGreaterThan(50);
  });

  it("has each entry in Chinese and English from the same parameters", () => {
    const said = (v: unknown) =>
      typeof v === "function" ? String(v(...[0, 1, 2, 3, 4].map((i) => param(String(i))))) : String(v);
    const used = (s: string) => [...new Set([...s.matchAll(/<[\w.]+>/g)].map((m) => m[0]))].sort();
    for (const [key, zhEntry] of zh) {
      const inZh = said(zhEntry);
      const inEn = said(en.get(key));
      expect(inZh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(inEn, key).not.toMatch(/[\u4e00-\u9fff]/);
      expect(`${inZh}${inEn}`, key).not.toMatch(/undefined|\[object/);
      expect(used(inZh), key).toEqual(used(inEn));
    }
  });
});
