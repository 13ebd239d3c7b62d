/**
 * Risk grading as pure functions. LEC: D = L × E × C; risk matrix: R = L × S. All arithmetic is
 * on scaled integers (thousandths), so a band boundary such as D = 70 is decided exactly even
 * when L or E is 0.1, 0.2 or 0.5.
 */
import {
  DEFAULT_LEC_BANDS,
  DEFAULT_MATRIX_BANDS,
  DEFAULT_MATRIX_SIZE,
  LEC_C_VALUES,
  LEC_E_VALUES,
  LEC_L_VALUES,
  type RiskBand,
  type RiskColour,
  type RiskLevel,
  riskColour,
  riskRank,
} from "../../reference/risk-bands";
import { toScaled } from "../values";

/** Bands of one method, highest first, and whether a score equal to a band's `min` reaches it. */
export interface BandConfig {
  readonly bands: ReadonlyArray<RiskBand>;
  /** true: score ≥ min reaches the band (the default); false: score must be > min. */
  readonly lowerBoundInclusive: boolean;
}

export interface MatrixConfig extends BandConfig {
  /** The grid is size × size: likelihood and severity each 1..size (5, 4 or 3). */
  readonly size: number;
}

export interface RiskConfig {
  readonly lec: BandConfig;
  readonly matrix: MatrixConfig;
}

export const defaultRiskConfig: RiskConfig = {
  lec: { bands: DEFAULT_LEC_BANDS, lowerBoundInclusive: true },
  matrix: { bands: DEFAULT_MATRIX_BANDS, lowerBoundInclusive: true, size: DEFAULT_MATRIX_SIZE },
};

/** Scale of scores: thousandths. */
const SCALE = 3;

/** Check a configuration; throws (at start-up, never while deciding) when it is unusable. */
export const validateRiskConfig = (config: RiskConfig): RiskConfig => {
  for (const [name, c] of [
    ["lec", config.lec],
    ["matrix", config.matrix],
  ] as const) {
    let previous = Number.POSITIVE_INFINITY;
    for (const band of c.bands) {
      if (toScaled(band.min, SCALE) === undefined)
        throw new Error(`${name} band ${band.level}: min ${band.min} has more than ${SCALE} decimals`);
      if (band.min >= previous)
        throw new Error(`${name} bands must be listed highest first, with decreasing min`);
      previous = band.min;
    }
  }
  if (!Number.isInteger(config.matrix.size) || config.matrix.size < 2 || config.matrix.size > 10)
    throw new Error("matrix size must be a whole number from 2 to 10");
  return config;
};

/** The level a score (in thousandths) reaches under a band configuration. */
export const gradeScore = (scoreThousandths: number, config: BandConfig): RiskLevel => {
  for (const band of config.bands) {
    const min = toScaled(band.min, SCALE)!;
    if (config.lowerBoundInclusive ? scoreThousandths >= min : scoreThousandths > min) return band.level;
  }
  return "low";
};

const tenths = (value: number, allowed: ReadonlyArray<number>, name: string): number => {
  if (!allowed.includes(value)) throw new Error(`${name} must be one of ${allowed.join(", ")}`);
  return toScaled(value, 1)!;
};

export interface LecInput {
  readonly l: number;
  readonly e: number;
  readonly c: number;
}

/** D × 1000, exact: L and E in tenths, C in tenths, the product in thousandths. */
export const lecScoreThousandths = (input: LecInput): number =>
  tenths(input.l, LEC_L_VALUES, "L") *
  tenths(input.e, LEC_E_VALUES, "E") *
  tenths(input.c, LEC_C_VALUES, "C");

/** D = L × E × C as a number (for display; grading uses `lecScoreThousandths`). */
export const lecScore = (input: LecInput): number => lecScoreThousandths(input) / 1000;

export interface Grade {
  readonly level: RiskLevel;
  readonly colour: RiskColour;
}

const grade = (level: RiskLevel): Grade => ({ level, colour: riskColour(level) });

export const gradeLec = (
  input: LecInput,
  config: BandConfig = defaultRiskConfig.lec,
): Grade & { readonly d: number } => {
  const thousandths = lecScoreThousandths(input);
  return { ...grade(gradeScore(thousandths, config)), d: thousandths / 1000 };
};

export interface MatrixInput {
  readonly likelihood: number;
  readonly severity: number;
}

export const matrixScore = (input: MatrixInput, size = DEFAULT_MATRIX_SIZE): number => {
  for (const [name, v] of [
    ["likelihood", input.likelihood],
    ["severity", input.severity],
  ] as const)
    if (!Number.isInteger(v) || v < 1 || v > size)
      throw new Error(`${name} must be a whole number from 1 to ${size}`);
  return input.likelihood * input.severity;
};

export const gradeMatrix = (
  input: MatrixInput,
  config: MatrixConfig = defaultRiskConfig.matrix,
): Grade & { readonly r: number } => {
  const r = matrixScore(input, config.size);
  return { ...grade(gradeScore(r * 1000, config)), r };
};

/** The stricter (higher) of two levels. */
export const stricter = (a: RiskLevel, b: RiskLevel): RiskLevel => (riskRank(a) >= riskRank(b) ? a : b);

/** Levels that need control measures and a named responsible person. */
export const needsControls = (level: RiskLevel): boolean => level === "major" || level === "larger";

export interface AssessmentGrade extends Grade {
  readonly lec: (LecInput & { readonly d: number; readonly level: RiskLevel }) | null;
  readonly matrix: (MatrixInput & { readonly r: number; readonly level: RiskLevel }) | null;
}

/** Grade by one or both methods; when both are used, the stricter level wins. */
export const gradeAssessment = (
  input: { readonly lec?: LecInput; readonly matrix?: MatrixInput },
  config: RiskConfig = defaultRiskConfig,
): AssessmentGrade => {
  const lec = input.lec === undefined ? null : { ...input.lec, ...pick(gradeLec(input.lec, config.lec)) };
  const matrix =
    input.matrix === undefined
      ? null
      : { ...input.matrix, ...pickM(gradeMatrix(input.matrix, config.matrix)) };
  if (lec === null && matrix === null)
    throw new Error("an assessment needs the LEC method, the risk matrix, or both");
  const level =
    lec === null ? matrix!.level : matrix === null ? lec.level : stricter(lec.level, matrix.level);
  return { ...grade(level), lec, matrix };
};

const pick = (g: Grade & { d: number }) => ({ d: g.d, level: g.level });
const pickM = (g: Grade & { r: number }) => ({ r: g.r, level: g.level });
