/**
 * `list … --csv` and `--xlsx` in the reader's language. In zh (the default: clerks open these in
 * Excel) the header is the import columns' Chinese headers and each value of a value set its
 * Chinese name (yes/no as 是/否); in en the import's column names and the keys. Both are what
 * `import` reads (it takes Chinese headers and names beside the names and keys), so an export
 * imported into an empty ledger gives the same list in either language.
 */
import { VALUE_ALIASES } from "../import/aliases";
import { type ImportKind, KINDS } from "../import/csv-rows";
import type { Lang } from "../messages";
import { valueLabel } from "../value-labels";

type Sheet = { head: string[]; rows: string[][] };

const isAliased = (set: string): set is keyof typeof VALUE_ALIASES => set in VALUE_ALIASES;

/** An export in the import's columns, as a clerk reads it in a language. */
export const exportInLanguage = (kind: ImportKind, sheet: Sheet, lang: Lang): Sheet => {
  if (lang === "en") return sheet;
  const columns = sheet.head.map((name) => KINDS[kind].columns.find((c) => c.name === name));
  return {
    head: columns.map((c, i) => c?.zh ?? sheet.head[i]!),
    rows: sheet.rows.map((row) =>
      row.map((cell, i) => {
        const set = columns[i]?.cell.name;
        if (cell === "" || set === undefined) return cell;
        if (isAliased(set)) return valueLabel(set, cell, lang);
        return set === "yes/no" ? valueLabel("yesNo", cell, lang) : cell;
      }),
    ),
  };
};
