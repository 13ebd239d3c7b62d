/** `stats accidents`: a period against the same period of the previous year (accidentStats). */
import {
  type AccidentStats,
  type AccidentTotals,
  accidentStats,
  type EventStore,
  samePeriodLastYear,
} from "@safety-ledger/core";
import { casualtyCountsText } from "../casualty-counts";
import { usage } from "../cli-error-texts";
import { headsIn, type Lang, MESSAGES } from "../messages";
import { type Io, table, toJson } from "../output";
import { loadSupervision } from "../read-models";
import { valueLabel } from "../value-labels";

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
  lang: Lang = "en",
): string => {
  const th = (names: ReadonlyArray<string>) => headsIn(lang, names);
  return [
    table(th(["period (dates)", "accidents", "deaths", "serious injuries", "direct loss"]), [
      totalsRow(`${period.from} – ${period.to}`, s.current),
      totalsRow(`${previous.from} – ${previous.to}`, s.previous),
    ]),
    table(th(["", "accidents", "deaths"]), [
      [th(["decrease"])[0]!, s.decrease.accidents, s.decrease.deaths],
      [th(["change"])[0]!, signed(s.changePercent.accidents), signed(s.changePercent.deaths)],
    ]),
    MESSAGES[lang].stats.zeroControl(s.zeroControl),
    MESSAGES[lang].stats.listed(s.listed.accidents, casualtyCountsText(s.listed.counts, lang)),
    table(
      th(["class", "accidents", "deaths", "serious injuries", "direct loss"]),
      Object.entries(s.byClass).map(([k, t]) => totalsRow(valueLabel("accidentClass", k, lang), t)),
    ),
    ...(Object.keys(s.bySector).length === 0
      ? []
      : [
          table(
            th(["sector", "accidents", "deaths", "serious injuries", "direct loss"]),
            Object.entries(s.bySector)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, t]) => totalsRow(valueLabel("sector", k, lang), t)),
          ),
          table(
            th(["district", "accidents", "deaths", "serious injuries", "direct loss"]),
            Object.entries(s.byDistrict)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, t]) => totalsRow(valueLabel("district", k, lang), t)),
          ),
        ]),
  ].join("\n");
};

export const statsAccidents = async (
  store: EventStore,
  period: { from: string; to: string },
  io: Io,
  json: boolean,
  lang: Lang = "en",
): Promise<number> => {
  if (period.from > period.to) throw usage("PERIOD_REVERSED", { from: period.from, to: period.to });
  // the statistics read the accidents only
  const { model } = await loadSupervision(store, undefined, undefined, ["accidents"]);
  const stats = accidentStats(model, period);
  if (json) io.out(toJson(stats));
  else io.out(accidentStatsText(stats, period, samePeriodLastYear(period), lang));
  return 0;
};
