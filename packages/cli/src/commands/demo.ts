/**
 * `demo`: load the Guangyuan reference scenario (illustrative data keeping the published counts
 * and figures) through the command handler, then print the wall chart as of 2020-12-31 and the
 * accident comparison January–November 2020 against the same months of 2019. Command ids are
 * fixed, so a second run appends nothing.
 */
import { accidentStats, type EventStore, samePeriodLastYear, wallChart } from "@safety-ledger/core";
import { GUANGYUAN_AS_OF, GUANGYUAN_COMPARISON_PERIOD, runGuangyuan } from "@safety-ledger/example-guangyuan";
import { type Io, progress, toJson } from "../output";
import { loadLedger } from "../read-models";
import { wallChartText } from "./board";
import { accidentStatsText } from "./stats";

export const demo = async (store: EventStore, io: Io, json: boolean): Promise<number> => {
  const bar = progress(io, "loading the Guangyuan scenario");
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
  io.out("Guangyuan reference scenario (ILLUSTRATIVE data that keeps the published counts and figures).");
  io.out(
    loaded.appended === 0
      ? `Already loaded: ${loaded.commands} commands, nothing appended.`
      : `Loaded ${loaded.commands} commands: ${loaded.events} events appended${loaded.duplicates > 0 ? `, ${loaded.duplicates} commands already there` : ""}.`,
  );
  io.out("");
  io.out(wallChartText(chart));
  io.out("");
  io.out(
    `Production-safety accidents, ${period.from} to ${period.to}, against the same period of the previous year:`,
  );
  io.out(accidentStatsText(stats, period, samePeriodLastYear(period)));
  return 0;
};
