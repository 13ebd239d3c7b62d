/**
 * `demo`: load the Guangyuan reference scenario (illustrative data keeping the published counts
 * and figures) through the command handler, then print the wall chart as of 2020-12-31 and the
 * accident comparison January–November 2020 against the same months of 2019. Command ids are
 * fixed, so a second run appends nothing.
 */
import { accidentStats, type EventStore, samePeriodLastYear, wallChart } from "@safety-ledger/core";
import { GUANGYUAN_AS_OF, GUANGYUAN_COMPARISON_PERIOD, runGuangyuan } from "@safety-ledger/example-guangyuan";
import { type Lang, MESSAGES } from "../messages";
import { type Io, progress, toJson } from "../output";
import { loadLedger } from "../read-models";
import { RESULT_TEXTS } from "../result-texts";
import { wallChartText } from "./board";
import { accidentStatsText } from "./stats";

export const demo = async (store: EventStore, io: Io, json: boolean, lang: Lang = "en"): Promise<number> => {
  const bar = progress(io, RESULT_TEXTS[lang].progress.loadingDemo);
  let sized = false;
  const loaded = await runGuangyuan(store, {
    onProgress: (_done, total) => {
      if (!sized) {
        bar.total(total);
        sized = true;
      }
      bar.tick();
    },
  }).finally(() => bar.stop());
  const { campaign, supervision, stamp } = await loadLedger(store);
  const chart = wallChart(campaign, GUANGYUAN_AS_OF);
  const period = { from: GUANGYUAN_COMPARISON_PERIOD.from, to: GUANGYUAN_COMPARISON_PERIOD.to };
  const stats = accidentStats(supervision, period);
  if (json) {
    io.out(
      toJson({
        scenario: loaded,
        asOf: GUANGYUAN_AS_OF,
        period,
        wallChart: chart,
        accidents: stats,
        stamp: { position: stamp.position, lastHash: stamp.lastHash },
      }),
    );
    return 0;
  }
  const say = MESSAGES[lang].demo;
  io.out(say.title);
  io.out(
    loaded.appended === 0
      ? say.already(loaded.commands)
      : say.loaded(loaded.commands, loaded.events, loaded.duplicates),
  );
  io.out("");
  io.out(wallChartText(chart, lang));
  io.out("");
  io.out(say.accidents(period.from, period.to));
  io.out(accidentStatsText(stats, period, samePeriodLastYear(period), lang));
  return 0;
};
