/** `board`: the wall chart (挂图作战) as of a date, per workstream, per stage and per lead unit. */
import type { EventStore, WallChart, WallChartCell } from "@safety-ledger/core";
import { headsIn, type Lang, MESSAGES } from "../messages";
import { type Io, table, toJson } from "../output";
import { loadWallChart } from "../read-models";

const pct = (rate: number | null): string => (rate === null ? "–" : `${(rate * 100).toFixed(1)}%`);

const HEAD = [
  "total",
  "assigned",
  "in progress",
  "reported",
  "verified",
  "cancelled",
  "completion",
  "verification",
  "overdue",
];

const cells = (c: WallChartCell) => [
  c.total,
  c.byStatus.Assigned,
  c.byStatus.InProgress,
  c.byStatus.CompletionReported,
  c.byStatus.Verified,
  c.byStatus.Cancelled,
  pct(c.completionRate),
  pct(c.verificationRate),
  c.overdue,
];

/** The wall chart as tables (also used by `demo`). */
export const wallChartText = (chart: WallChart, lang: Lang = "en"): string => {
  const say = MESSAGES[lang].board;
  const th = (names: ReadonlyArray<string>) => headsIn(lang, names);
  const parts: string[] = [];
  for (const c of chart.campaigns) parts.push(say.campaign(c.campaignId, c.name, c.status, c.currentStage));
  parts.push(say.asOf(chart.asOf, chart.total.total));
  parts.push(
    say.byWorkstream,
    table(
      th(["workstream", "name", ...HEAD]),
      chart.byWorkstream.map((c) => [c.key, c.label, ...cells(c)]),
    ),
  );
  parts.push(
    say.byStage,
    table(
      th(["stage", "name", ...HEAD]),
      chart.byStage.map((c) => [c.key, c.label, ...cells(c)]),
    ),
  );
  parts.push(
    say.byUnit,
    table(
      th(["unit", ...HEAD]),
      chart.byUnit.map((c) => [c.key, ...cells(c)]),
    ),
  );
  parts.push(table(th(["all", ...HEAD]), [[th(["total"])[0]!, ...cells(chart.total)]]));
  const next = chart.total.nextDeadlines;
  if (next.length > 0)
    parts.push(
      say.nextDeadlines,
      table(
        th(["due", "element", "period", "lead unit"]),
        next.map((d) => [d.due, d.code, d.period, d.leadUnit]),
      ),
    );
  return parts.join("\n");
};

export const board = async (
  store: EventStore,
  asOf: string,
  io: Io,
  json: boolean,
  lang: Lang = "en",
): Promise<number> => {
  const { chart, stamp } = await loadWallChart(store, asOf);
  if (json) io.out(toJson({ ...chart, stamp }));
  else io.out(wallChartText(chart, lang));
  return 0;
};
