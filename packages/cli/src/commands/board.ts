/** `board`: the wall chart (挂图作战) as of a date, per workstream, per stage and per lead unit. */
import { type EventStore, type WallChartCell, wallChart } from "@safety-ledger/core";
import { type Io, table, toJson } from "../output";
import { loadCampaign } from "../read-models";

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
export const wallChartText = (chart: ReturnType<typeof wallChart>): string => {
  const parts: string[] = [];
  for (const c of chart.campaigns)
    parts.push(
      `Campaign ${c.campaignId} "${c.name}": ${c.status}${c.currentStage === null ? "" : `, stage ${c.currentStage}`}`,
    );
  parts.push(`Wall chart as of ${chart.asOf}: ${chart.total.total} task elements.`);
  parts.push(
    "By workstream:",
    table(
      ["workstream", "name", ...HEAD],
      chart.byWorkstream.map((c) => [c.key, c.label, ...cells(c)]),
    ),
  );
  parts.push(
    "By stage:",
    table(
      ["stage", "name", ...HEAD],
      chart.byStage.map((c) => [c.key, c.label, ...cells(c)]),
    ),
  );
  parts.push(
    "By responsible (lead) unit:",
    table(
      ["unit", ...HEAD],
      chart.byUnit.map((c) => [c.key, ...cells(c)]),
    ),
  );
  parts.push(table(["all", ...HEAD], [["total", ...cells(chart.total)]]));
  const next = chart.total.nextDeadlines;
  if (next.length > 0)
    parts.push(
      "Next deadlines:",
      table(
        ["due", "element", "period", "lead unit"],
        next.map((d) => [d.due, d.code, d.period, d.leadUnit]),
      ),
    );
  return parts.join("\n");
};

export const board = async (store: EventStore, asOf: string, io: Io, json: boolean): Promise<number> => {
  const { model, stamp } = await loadCampaign(store, asOf, "board");
  const chart = wallChart(model, asOf);
  if (json) io.out(toJson({ ...chart, stamp }));
  else io.out(wallChartText(chart));
  return 0;
};
