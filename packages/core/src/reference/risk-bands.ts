/**
 * Risk levels and their fixed colours (§3), and the default grading bands of the LEC method and
 * the 5 × 5 risk matrix. The bands are defaults: `createRiskAggregate(config)` takes others.
 */
export const RISK_LEVELS = [
  { key: "major", zh: "重大风险", en: "major", colour: "red", rank: 4 },
  { key: "larger", zh: "较大风险", en: "larger", colour: "orange", rank: 3 },
  { key: "general", zh: "一般风险", en: "general", colour: "yellow", rank: 2 },
  { key: "low", zh: "低风险", en: "low", colour: "blue", rank: 1 },
] as const;

export type RiskLevel = (typeof RISK_LEVELS)[number]["key"];
export type RiskColour = (typeof RISK_LEVELS)[number]["colour"];

export const RISK_LEVEL_KEYS: ReadonlyArray<RiskLevel> = RISK_LEVELS.map((l) => l.key);

export const riskColour = (level: RiskLevel): RiskColour => RISK_LEVELS.find((l) => l.key === level)!.colour;
export const riskRank = (level: RiskLevel): number => RISK_LEVELS.find((l) => l.key === level)!.rank;

/** The allowed factor values of the LEC method (D = L × E × C). */
export const LEC_L_VALUES = [10, 6, 3, 1, 0.5, 0.2, 0.1] as const;
export const LEC_E_VALUES = [10, 6, 3, 2, 1, 0.5] as const;
export const LEC_C_VALUES = [100, 40, 15, 7, 3, 1] as const;

/** A band: a score at or above (or strictly above, see `lowerBoundInclusive`) `min` is `level`. */
export interface RiskBand {
  readonly level: Exclude<RiskLevel, "low">;
  readonly min: number;
}

/** Sichuan coal-mine guide: major D ≥ 320, larger D ≥ 160, general D ≥ 70, low below. */
export const DEFAULT_LEC_BANDS: ReadonlyArray<RiskBand> = [
  { level: "major", min: 320 },
  { level: "larger", min: 160 },
  { level: "general", min: 70 },
];

/**
 * Example default for a 5 × 5 matrix (R = L × S, each 1..5): major R ≥ 20 (20, 25), larger
 * R ≥ 15 (15, 16), general R ≥ 9 (9, 10, 12), low R ≤ 8.
 */
export const DEFAULT_MATRIX_BANDS: ReadonlyArray<RiskBand> = [
  { level: "major", min: 20 },
  { level: "larger", min: 15 },
  { level: "general", min: 9 },
];
export const DEFAULT_MATRIX_SIZE = 5;
