/**
 * `import --help`'s column notes come from one catalogue (column-help-texts.ts) in English and
 * Chinese: every column of every kind has its note in both languages, and nothing else is there.
 */
import { describe, expect, it } from "vitest";
import { COLUMN_HELP, COLUMNS_TITLE, KIND_HELP } from "../src/column-help-texts";
import { columnsHelp, IMPORT_KINDS, KINDS } from "../src/import/csv-rows";

const HAN = /[\u4e00-\u9fff]/;

describe("the column notes of import --help", () => {
  it("have every column of every kind, and no column that is not there", () => {
    for (const kind of IMPORT_KINDS) {
      const names = KINDS[kind].columns.map((c) => c.name);
      expect(Object.keys(COLUMN_HELP[kind]).sort(), kind).toEqual([...names].sort());
    }
    expect(Object.keys(KIND_HELP).sort()).toEqual([...IMPORT_KINDS].sort());
  });

  it("are in English and in Chinese, the Chinese in Chinese", () => {
    const entries = [
      COLUMNS_TITLE,
      ...Object.values(KIND_HELP),
      ...Object.values(COLUMN_HELP).flatMap((columns) => Object.values(columns)),
    ];
    expect(entries.length).toBeGreaterThan(60);
    for (const entry of entries) {
      expect(entry.en.trim(), entry.en).not.toBe("");
      expect(entry["zh-CN"], entry.en).toMatch(HAN);
    }
  });

  it("are shown in the language asked for, every column with its note", () => {
    for (const lang of ["zh-CN", "en"] as const) {
      const [title, ...sections] = columnsHelp(lang).split("\n\n");
      expect(title).toBe(COLUMNS_TITLE[lang]);
      expect(sections).toHaveLength(IMPORT_KINDS.length);
      for (const [i, kind] of IMPORT_KINDS.entries()) {
        const [head, ...lines] = sections[i]!.split("\n");
        expect(head).toBe(`${kind}: ${KIND_HELP[kind][lang]}`);
        expect(lines).toHaveLength(KINDS[kind].columns.length);
        for (const c of KINDS[kind].columns) {
          const line = lines.find(
            (l) => l.trimStart().startsWith(`${c.name}${c.required ? "*" : ""} `) && l.includes(c.zh),
          );
          expect(line?.endsWith(`— ${COLUMN_HELP[kind][c.name]![lang]}`), `${kind} ${c.name}`).toBe(true);
        }
      }
    }
    expect(columnsHelp("zh-CN")).not.toBe(columnsHelp("en"));
  });
});
