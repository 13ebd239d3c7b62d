/** `stats accidents`: a period against the same period of the previous year (accidentStats). */
import {
  type AccidentStats,
  type AccidentTotals,
  accidentStats,
  type EventStore,
  samePeriodLastYear,
} from "@safety-ledger/core";
import { usage } from "../cli-error-texts";
import { type Io, table, toJson } from "../output";
import { loadSupervision } from "../read-models";

const signed = (n: number | null) => (n === null ? "–" : `${n > 0 ? "+" : ""}${n}%`);
// Integer fen to a yuan amount with separators, without floating-point rounding: ¥67,380,000.00.
const yuan = (fen: number) => {
  const whole = Math.trunc(fen / 100);
  const cents = String(Math.abs(fen % 100)).padStart(2, "0");
  return `¥${whole.toLocaleString("en-US")}.${cents}`;
};

const totalsRow = (label: string, t: AccidentTotals) => [
  label,
  t.accidents,
  t.deaths,
  t.seriousInjuries,
  yuan(t.directLossFen),
];

/** The comparison as text (also used by `demo`). */
export const accidentStatsText = (
  s: AccidentStats,
  period: { from: string; to: string },
  previous: { from: string; to: string },
): string =>
  [
    table(
      ["period", "accidents", "deaths", "serious injuries", "direct loss"],
      [
        totalsRow(`${period.from} – ${period.to}`, s.current),
        totalsRow(`${previous.from} – ${previous.to}`, s.previous),
      ],
    ),
    table(
      ["", "accidents", "deaths"],
      [
        ["decrease", s.decrease.accidents, s.decrease.deaths],
        ["change", signed(s.changePercent.accidents), signed(s.changePercent.deaths)],
      ],
    ),
    `Zero control of larger-or-above accidents: ${s.zeroControl ? "held" : "NOT held"}.`,
    table(
      ["class", "accidents", "deaths", "serious injuries", "direct loss"],
      Object.entries(s.byClass).map(([k, t]) => totalsRow(k, t)),
    ),
    ...(Object.keys(s.bySector).length === 0
      ? []
      : [
          table(
            ["sector", "accidents", "deaths", "serious injuries", "direct loss"],
            Object.entries(s.bySector)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, t]) => totalsRow(k, t)),
          ),
          table(
            ["district", "accidents", "deaths", "serious injuries", "direct loss"],
            Object.entries(s.byDistrict)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, t]) => totalsRow(k, t)),
          ),
        ]),
  ].join("\n");

export const statsAccidents = async (
  store: EventStore,
  period: { from: string; to: string },
  io: Io,
  json: boolean,
): Promise<number> => {
  if (period.from > period.to) throw usage("PERIOD_REVERSED", { from: period.from, to: period.to });
  // the statistics read the accidents only
  const { model } = await loadSupervision(store, undefined, undefined, ["accidents"]);
  const stats = accidentStats(model, period);
  if (json) io.out(toJson(stats));
  else io.out(accidentStatsText(stats, period, samePeriodLastYear(period)));
  return 0;
};
