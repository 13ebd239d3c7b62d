/**
 * Why a spreadsheet cell, header or file is refused comes from one catalogue
 * (import-issue-texts.ts), in English and Chinese, by code: no cell check writes a sentence.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ERROR_TEXTS, type ErrorText } from "@safety-ledger/core";
import { describe, expect, it } from "vitest";
import { decodeRow, KINDS } from "../src/import/csv-rows";
import { IMPORT_ISSUE_TEXTS, rowReasonText } from "../src/import/import-issue-texts";

const SRC = join(__dirname, "..", "src");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });

const named = new Proxy({}, { get: (_t, key) => `<${String(key)}>` }) as never;
const used = (s: string) => [...s.matchAll(/<(\w+)>/g)].map((m) => m[1]).sort();

describe("the import's issue codes", () => {
  it("have each sentence in both languages from the same parameters, the Chinese in Chinese", () => {
    expect(Object.keys(IMPORT_ISSUE_TEXTS).length).toBeGreaterThan(15);
    for (const [code, entry] of Object.entries(IMPORT_ISSUE_TEXTS) as [string, ErrorText][]) {
      const en = entry.en(named);
      const zh = entry["zh-CN"](named);
      expect(en.trim(), code).not.toBe("");
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(used(zh), code).toEqual(used(en));
    }
  });

  it("are their own, not core's", () => {
    expect(Object.keys(IMPORT_ISSUE_TEXTS).filter((code) => code in ERROR_TEXTS)).toEqual([]);
  });

  it("are the only reasons a cell check gives: no t.failure with a sentence in the CLI", () => {
    const written = sources(SRC).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bt\.failure\(\s*[^,()]+,\s*[^,()]+,/g)].map(
        (m) => `${relative(SRC, file)}: ${m[0]}`,
      ),
    );
    expect(written).toEqual([]);
  });

  it("name an unknown value's choices by their Chinese names in Chinese, by key and name in English", () => {
    const context = {
      actor: { unit: "GY-EMB", role: "office", person: "Li" },
      fileHash: "0".repeat(64),
      defaultOn: "2020-07-01",
    };
    const row = {
      accidentId: "A-1",
      occurredAt: "2020-03-05T09:30:00+08:00",
      deaths: "1",
      seriousInjuries: "0",
      description: "坠落",
      sector: "矿山",
      district: "利州区",
      kind: "陨石",
    };
    const decoded = decodeRow(KINDS.accidents, row, 2, context);
    if (decoded._tag === "Right") throw new Error("expected the row to be refused");
    const issue = decoded.left.find((i) => i.column === "kind");
    expect(issue?.reason).toEqual({
      code: "CELL_NOT_ONE_OF",
      params: { set: "accidentKind", value: '"陨石"' },
    });
    const zh = rowReasonText(issue!.reason!, "zh-CN");
    expect(zh).toMatch(/^须为以下之一：道路交通事故、火灾事故、其他，填写的是 "陨石"$/);
    expect(zh).not.toMatch(/[A-Za-z]/);
    expect(rowReasonText(issue!.reason!, "en")).toBe(issue?.message);
    expect(issue?.message).toMatch(/^must be one of road-traffic \(道路交通事故\), .*got "陨石"$/);
  });
});
