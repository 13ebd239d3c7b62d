/**
 * The one table of names a spreadsheet may use for a value beside its key: the reference data's
 * Chinese (and English) names of sectors, districts, hazard grades, risk levels and stages, and
 * the Chinese names of the few value sets that reference data does not name. `import` reads a
 * cell through it; docs/cli.md prints it.
 */
import {
  CAMPAIGN_STAGES,
  DEFAULT_HAZARD_GRADES,
  GUANGYUAN_DISTRICTS,
  RISK_LEVELS,
  SECTORS,
} from "@safety-ledger/core";

export interface ValueAlias {
  readonly key: string;
  /** Other names of the value, Chinese first. */
  readonly names: ReadonlyArray<string>;
}

export type AliasedValue =
  | "sector"
  | "district"
  | "grade"
  | "level"
  | "stage"
  | "hazardSource"
  | "accidentKind"
  | "casualtyOutcome"
  | "recurrence";

const fromReference = (
  list: ReadonlyArray<{ key: string; zh?: string; en?: string; name?: string; english?: string }>,
): ReadonlyArray<ValueAlias> =>
  list.map((v) => ({
    key: v.key,
    names: [v.zh, v.name, v.en, v.english].filter((n): n is string => n !== undefined),
  }));

export const VALUE_ALIASES: Readonly<Record<AliasedValue, ReadonlyArray<ValueAlias>>> = {
  sector: fromReference(SECTORS),
  district: [
    // Spreadsheets often drop the 区/县 suffix: 利州 for 利州区.
    ...fromReference(GUANGYUAN_DISTRICTS),
  ].map((d) => ({
    ...d,
    names: [...d.names, ...d.names.filter((n) => /[区县]$/.test(n)).map((n) => n.slice(0, -1))],
  })),
  grade: fromReference(DEFAULT_HAZARD_GRADES).map((g) => ({
    ...g,
    names: [...g.names, g.key === "major" ? "重大" : "一般"],
  })),
  level: fromReference(RISK_LEVELS).map((l) => ({
    ...l,
    names: [
      ...l.names,
      ({ major: "红", larger: "橙", general: "黄", low: "蓝" } as Record<string, string>)[l.key] ?? "",
    ].filter((n) => n !== ""),
  })),
  stage: fromReference(CAMPAIGN_STAGES),
  hazardSource: [
    { key: "self-inspection", names: ["企业自查", "自查"] },
    { key: "government-inspection", names: ["监督检查", "执法检查", "政府检查"] },
    { key: "public-report", names: ["群众举报", "举报"] },
  ],
  casualtyOutcome: [
    { key: "dead", names: ["死亡"] },
    { key: "seriously-injured", names: ["重伤"] },
    { key: "injured", names: ["轻伤", "受伤"] },
    { key: "missing", names: ["失踪"] },
  ],
  accidentKind: [
    { key: "road-traffic", names: ["道路交通事故", "道路交通"] },
    { key: "fire", names: ["火灾事故", "火灾"] },
    { key: "other", names: ["其他"] },
  ],
  recurrence: [
    { key: "none", names: ["无", "一次性"] },
    { key: "quarterly", names: ["每季度", "季度"] },
    { key: "yearly", names: ["每年", "年度"] },
  ],
};

const fold = (s: string) => s.normalize("NFKC").trim().toLowerCase();

/** The key a cell names (its key, or any alias), or undefined. */
export const aliasKey = (set: AliasedValue, cell: string): string | undefined => {
  const wanted = fold(cell);
  return VALUE_ALIASES[set].find((v) => fold(v.key) === wanted || v.names.some((n) => fold(n) === wanted))
    ?.key;
};

/** A header cell as a clerk writes it: full-width parentheses, spaces and case do not matter. */
export const foldHeader = (s: string): string => fold(s).replace(/\s+/g, "");

/** The alias table as Markdown, for docs/cli.md. */
export const aliasesTable = (): string =>
  [
    "| value of | key | also accepted |",
    "| --- | --- | --- |",
    ...Object.entries(VALUE_ALIASES).flatMap(([set, values]) =>
      values.map((v) => `| ${set} | \`${v.key}\` | ${v.names.join(", ")} |`),
    ),
  ].join("\n");
