/** The generated blocks of docs/domain/supervision.md, rendered from the code's data. */

import { accidentTransitions } from "../accidents/aggregate";
import { accidentPermissions } from "../accidents/permissions";
import { markdownTable, mermaidStateDiagram, transitionTable } from "../kernel/markdown";
import type { PermissionRule } from "../kernel/permissions";
import { PRIORITY_RULE } from "../projections/supervision/queries";
import {
  ACCIDENT_CLASSES,
  ACCIDENT_REPORTING,
  DECREE_493_THRESHOLDS,
} from "../reference/accident-thresholds";
import { GUANGYUAN_DISTRICTS } from "../reference/districts";
import { DEFAULT_ACCEPTANCE_DECISION_DAYS, DEFAULT_HAZARD_GRADES } from "../reference/hazard-grades";
import { LEC_C_VALUES, LEC_E_VALUES, LEC_L_VALUES, RISK_LEVELS } from "../reference/risk-bands";
import { SECTORS } from "../reference/sectors";
import { supervisionPermissions } from "./permissions";
import { type BandConfig, defaultRiskConfig } from "./risk/rules";
import { entityTransitions, hazardTransitions, riskTransitions } from "./transitions";

const permissionTable = (rules: ReadonlyArray<PermissionRule>) =>
  markdownTable(
    ["command", "roles", "condition"],
    rules.map((r) => [r.command, r.roles.join(", "), r.condition ?? "—"]),
  );

const bandTable = (config: BandConfig, score: string) =>
  markdownTable(
    ["level", "colour", `${score} reaches the level when`],
    [
      ...config.bands.map((b) => [
        b.level,
        RISK_LEVELS.find((l) => l.key === b.level)!.colour,
        `${score} ${config.lowerBoundInclusive ? "≥" : ">"} ${b.min}`,
      ]),
      ["low", "blue", "below every band"],
    ],
  );

const fen = (n: number) => `¥${(n / 100_000_000).toLocaleString("en-US")} million (${n} fen)`;

export interface DocBlock {
  readonly name: string;
  readonly text: string;
}

export const supervisionDocBlocks = (): ReadonlyArray<DocBlock> => [
  { name: "entity-mermaid", text: mermaidStateDiagram(entityTransitions) },
  { name: "entity-transitions", text: transitionTable(entityTransitions) },
  { name: "risk-mermaid", text: mermaidStateDiagram(riskTransitions) },
  { name: "risk-transitions", text: transitionTable(riskTransitions) },
  { name: "hazard-mermaid", text: mermaidStateDiagram(hazardTransitions) },
  { name: "hazard-transitions", text: transitionTable(hazardTransitions) },
  { name: "accident-mermaid", text: mermaidStateDiagram(accidentTransitions) },
  { name: "accident-transitions", text: transitionTable(accidentTransitions) },
  { name: "supervision-permissions", text: permissionTable(supervisionPermissions) },
  { name: "accident-permissions", text: permissionTable(accidentPermissions) },
  {
    name: "risk-levels",
    text: markdownTable(
      ["level", "中文", "colour"],
      RISK_LEVELS.map((l) => [l.key, l.zh, l.colour]),
    ),
  },
  {
    name: "lec-factors",
    text: markdownTable(
      ["factor", "allowed values"],
      [
        ["L (likelihood)", LEC_L_VALUES.join(", ")],
        ["E (exposure)", LEC_E_VALUES.join(", ")],
        ["C (consequence)", LEC_C_VALUES.join(", ")],
      ],
    ),
  },
  { name: "lec-bands", text: bandTable(defaultRiskConfig.lec, "D = L × E × C") },
  {
    name: "matrix-bands",
    text: `${bandTable(defaultRiskConfig.matrix, "R = L × S")}\n\nGrid: ${defaultRiskConfig.matrix.size} × ${defaultRiskConfig.matrix.size} (likelihood and severity 1..${defaultRiskConfig.matrix.size}).`,
  },
  {
    name: "hazard-grades",
    text: `${markdownTable(
      ["grade", "中文", "procedure"],
      DEFAULT_HAZARD_GRADES.map((g) => [g.key, g.zh, g.procedure]),
    )}\n\nAcceptance decision period (default): ${DEFAULT_ACCEPTANCE_DECISION_DAYS} days after the written application.`,
  },
  {
    name: "accident-classes",
    text: `${markdownTable(
      ["class", "中文", "deaths ≥", "serious injuries ≥", "direct loss ≥"],
      ACCIDENT_CLASSES.map((c) => {
        const t = DECREE_493_THRESHOLDS.find((x) => x.class === c.key);
        return t === undefined
          ? [c.key, c.zh, "otherwise", "otherwise", "otherwise"]
          : [c.key, c.zh, String(t.deaths), String(t.seriousInjuries), fen(t.directLossFen)];
      }),
    )}\n\nReporting: within ${ACCIDENT_REPORTING.unitReportMinutes} minutes; casualties revisable for ${ACCIDENT_REPORTING.revisionDays} days (${ACCIDENT_REPORTING.shortRevisionDays} for road traffic and fire).`,
  },
  {
    name: "priority-rule",
    text: markdownTable(
      ["priority", "when"],
      PRIORITY_RULE.map((p) => [p.priority, p.when]),
    ),
  },
  {
    name: "sectors",
    text: markdownTable(
      ["key", "中文", "English"],
      SECTORS.map((s) => [s.key, s.zh, s.en]),
    ),
  },
  {
    name: "districts",
    text: markdownTable(
      ["key", "中文", "English", "kind"],
      GUANGYUAN_DISTRICTS.map((d) => [d.key, d.zh, d.en, d.kind + (d.seat ? " (seat)" : "")]),
    ),
  },
];

/** Wrap a block as it appears in the doc. */
export const renderDocBlock = (b: DocBlock): string =>
  `<!-- generated:${b.name} -->\n${b.name.endsWith("mermaid") ? `\`\`\`mermaid\n${b.text}\n\`\`\`` : b.text}\n<!-- /generated:${b.name} -->`;
