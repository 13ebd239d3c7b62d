/**
 * The accidents of the scenario, one by one. ILLUSTRATIVE individual accidents, made so that
 * their statistics give exactly the published figures:
 *   Jan–Nov 2020: 31 accidents, 30 deaths, none of class "larger" or above;
 *   Jan–Nov 2019: 53 accidents, 55 deaths (so −22 and −25, −41.5 % and −45.5 %).
 * Accidents in December of both years lie outside the compared periods on purpose.
 */
import { pad, seeded } from "./random";

export interface PlannedAccident {
  readonly id: string;
  /** Local time, +08:00. */
  readonly occurredAt: string;
  readonly deaths: number;
  readonly seriousInjuries: number;
  readonly directLossFen: number;
  /** Index into the sector list and the county list. */
  readonly sectorIndex: number;
  readonly countyIndex: number;
  /** Minutes between the accident and the first report. */
  readonly reportDelayMinutes: number;
}

/** Deaths per accident: the list's length is the accident count, its sum the death count. */
const deathsOf = (count: number, ones: number, extra: ReadonlyArray<number>): number[] => [
  ...Array.from({ length: ones }, () => 1),
  ...extra,
  ...Array.from({ length: count - ones - extra.length }, () => 0),
];

const plan = (
  year: number,
  deaths: ReadonlyArray<number>,
  months: ReadonlyArray<number>,
  seed: number,
): PlannedAccident[] => {
  const r = seeded(seed);
  return deaths.map((d, i) => {
    const month = months[i % months.length]!;
    const day = r.int(1, 28);
    const hour = r.int(6, 21);
    return {
      id: `A${year}-${pad(i + 1, 3)}`,
      occurredAt: `${year}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(r.int(0, 59), 2)}:00+08:00`,
      deaths: d,
      seriousInjuries: d >= 3 ? 4 : r.int(0, 2),
      directLossFen: r.int(5, 400) * 10_000 * 100,
      sectorIndex: r.int(0, 14),
      countyIndex: r.int(0, 6),
      reportDelayMinutes: i % 9 === 4 ? 95 : r.int(10, 55),
    };
  });
};

const JAN_TO_NOV = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** 2019: 53 accidents and 55 deaths in Jan–Nov (one "larger" accident with 3 deaths), 4 more in December. */
export const accidents2019: ReadonlyArray<PlannedAccident> = [
  ...plan(2019, deathsOf(53, 50, [2, 3]), JAN_TO_NOV, 2019),
  ...plan(2019, [1, 0, 1, 2], [12], 201912).map((a, i) => ({ ...a, id: `A2019-D${i + 1}` })),
];

/** 2020: 31 accidents and 30 deaths in Jan–Nov, all "general"; 2 more in December. */
export const accidents2020: ReadonlyArray<PlannedAccident> = [
  ...plan(2020, deathsOf(31, 28, [2]), JAN_TO_NOV, 2020),
  ...plan(2020, [1, 1], [12], 202012).map((a, i) => ({ ...a, id: `A2020-D${i + 1}` })),
];
