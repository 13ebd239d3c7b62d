/**
 * Accident classes of State Council Decree 493 (生产安全事故报告和调查处理条例, art. 3): the lower
 * bound of each criterion, inclusive. "Or" joins the criteria. Money in integer fen (¥1 = 100 fen).
 */
export const ACCIDENT_CLASSES = [
  { key: "especially-serious", zh: "特别重大事故", en: "especially serious", rank: 4 },
  { key: "serious", zh: "重大事故", en: "serious", rank: 3 },
  { key: "larger", zh: "较大事故", en: "larger", rank: 2 },
  { key: "general", zh: "一般事故", en: "general", rank: 1 },
] as const;

export type AccidentClass = (typeof ACCIDENT_CLASSES)[number]["key"];

export interface AccidentThreshold {
  readonly class: Exclude<AccidentClass, "general">;
  readonly deaths: number;
  readonly seriousInjuries: number;
  readonly directLossFen: number;
}

const YUAN_MILLION_FEN = 100_000_000; // ¥1,000,000 = 100,000,000 fen

/** Highest class first. */
export const DECREE_493_THRESHOLDS: ReadonlyArray<AccidentThreshold> = [
  { class: "especially-serious", deaths: 30, seriousInjuries: 100, directLossFen: 100 * YUAN_MILLION_FEN },
  { class: "serious", deaths: 10, seriousInjuries: 50, directLossFen: 50 * YUAN_MILLION_FEN },
  { class: "larger", deaths: 3, seriousInjuries: 10, directLossFen: 10 * YUAN_MILLION_FEN },
];

export const accidentClassRank = (c: AccidentClass): number =>
  ACCIDENT_CLASSES.find((x) => x.key === c)!.rank;

/** Reporting and revision periods (Decree 493 arts. 9, 13). */
export const ACCIDENT_REPORTING = {
  /** The unit's head reports to the government within 1 hour. */
  unitReportMinutes: 60,
  /** Casualties may be revised within 30 days of the accident … */
  revisionDays: 30,
  /** … or 7 days for road traffic and fire accidents. */
  shortRevisionDays: 7,
} as const;
