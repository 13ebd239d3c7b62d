/**
 * The HTML page: one self-contained file. The charts are inline SVG, the styles inline CSS, and
 * there is no script, no external font and no link to anything: a Content-Security-Policy of
 * `default-src 'none'` makes sure the browser fetches nothing even if something slipped in.
 * Printed, it lays out on A3 landscape. Every figure a reader may quote carries a `data-figure`
 * attribute (and its raw value in `data-value`), so tests and scripts can read it back.
 */
import {
  type AccidentTotals,
  CASUALTY_OUTCOMES,
  type ReadModelStamp,
  type Share,
  samePeriodLastYear,
} from "@safety-ledger/core";
import { type Chart, FONT_STACK, pct, quarterLabel, renderSvg } from "./charts";
import type { ReportData } from "./data";
import { districtName, escalationName, type Labels, type Lang, labels, sectorName, stageName } from "./i18n";

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const h = escapeHtml;

const figure = (key: string, value: number | boolean | null, text: string): string =>
  `<span class="figure" data-figure="${h(key)}" data-value="${h(String(value))}">${h(text)}</span>`;

const kpi = (label: string, valueHtml: string, tone = ""): string =>
  `<div class="kpi ${tone}"><div class="kpi-value">${valueHtml}</div><div class="kpi-label">${h(label)}</div></div>`;

const chartHtml = (c: Chart, extraClass = ""): string =>
  `<figure class="chart ${extraClass}" data-chart="${h(c.id)}"${c.empty ? ' data-empty="true"' : ""}>` +
  `<figcaption>${h(c.title)}</figcaption>${renderSvg(c)}</figure>`;

const signed = (n: number | null): string => (n === null ? "—" : n > 0 ? `+${n}` : String(n));

const table = (
  caption: string,
  head: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  id: string,
) =>
  `<table data-table="${h(id)}"><caption>${h(caption)}</caption><thead><tr>${head
    .map((x) => `<th>${h(x)}</th>`)
    .join(
      "",
    )}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((x) => `<td>${x}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

const CSS = `
@page { size: A3 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; padding: 16px 20px 32px; max-width: 1560px; font-family: ${FONT_STACK}; color: #222; background: #f4f6f9; font-size: 13px; }
header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 4px solid #C0392B; padding-bottom: 8px; margin-bottom: 12px; }
header h1 { margin: 0; font-size: 26px; letter-spacing: 1px; }
header .asof { font-size: 20px; font-weight: bold; color: #C0392B; }
header .campaign { color: #555; margin-top: 4px; }
section { background: #fff; border-radius: 6px; padding: 12px 16px; margin: 0 0 14px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
h2 { font-size: 19px; margin: 0 0 10px; padding-left: 8px; border-left: 5px solid #C0392B; }
.kpis { display: flex; flex-wrap: wrap; gap: 10px; margin: 0 0 10px; }
.kpi { flex: 1 1 150px; background: #f7f9fc; border: 1px solid #e1e6ee; border-radius: 6px; padding: 8px 10px; }
.kpi-value { font-size: 24px; font-weight: bold; }
.kpi-label { color: #555; font-size: 12px; }
.kpi.bad .kpi-value { color: #C0392B; }
.kpi.good .kpi-value { color: #2E9D5B; }
figure.chart { margin: 0 0 10px; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: bold; margin: 0 0 4px; }
.small figcaption { display: none; }
svg.chart-svg { display: block; width: 100%; height: auto; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.grid5 { display: grid; grid-template-columns: repeat(5, 1fr); gap: 8px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 12px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #d5dbe3; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; }
.note { color: #666; font-size: 12px; margin: 4px 0 8px; }
.overdue { color: #C0392B; font-weight: bold; }
.held { color: #2E9D5B; font-weight: bold; }
.broken { color: #C0392B; font-weight: bold; }
.comparison { display: grid; grid-template-columns: repeat(2, 1fr); gap: 12px; margin-bottom: 10px; }
.comparison .box { border: 1px solid #e1e6ee; border-radius: 6px; padding: 8px 12px; background: #f7f9fc; }
.comparison .big { font-size: 22px; font-weight: bold; }
footer { color: #777; font-size: 11px; margin-top: 8px; }
@media print {
  body { background: #fff; max-width: none; padding: 0; font-size: 11px; }
  section { box-shadow: none; border: 1px solid #ddd; break-inside: auto; }
  section.page { break-before: page; }
}
`;

const accidentBox = (
  title: string,
  period: { from: string; to: string },
  totals: AccidentTotals,
  prefix: string,
  L: Labels,
) =>
  `<div class="box"><div>${h(title + L.paren(`${period.from} – ${period.to}`))}</div>` +
  `<div class="big">${h(L.accidents.accidents)} ${figure(`${prefix}.accidents`, totals.accidents, L.accidents.count(totals.accidents))} · ` +
  `${h(L.accidents.deaths)} ${figure(`${prefix}.deaths`, totals.deaths, L.accidents.people(totals.deaths))}</div></div>`;

const shareText = (s: Share, L: Labels) => `${s.numerator}/${s.denominator} = ${L.percent(s.percent)}`;

export interface PageOptions {
  readonly lang: Lang;
  /** Where in the ledger the read models stopped (printed so a report can be reproduced). */
  readonly stamp?: ReadModelStamp;
}

/** The whole page, from the gathered data and the chart definitions. */
export const renderPage = (
  data: ReportData,
  charts: {
    readonly wallWorkstreams: Chart;
    readonly wallStages: Chart;
    readonly progressOverall: Chart;
    readonly progressWorkstreams: ReadonlyArray<Chart>;
    readonly overdueUnits: Chart;
    readonly riskSectors: Chart;
    readonly riskDistricts: Chart;
    readonly supervisionPriority: Chart;
    readonly hazardLoop: Chart;
    readonly hazardAgeing: Chart;
    readonly accidentsMonths: Chart;
    readonly transformation: Chart;
  },
  options: PageOptions,
): string => {
  const { lang } = options;
  const L = labels(lang);
  const w = data.wall;
  const campaign = w.campaigns[0];
  const stats = data.accidents.stats;
  const period = data.accidents.period;
  const previousPeriod = samePeriodLastYear(period);

  const header = `<header><div><h1>${h(L.title)}</h1>${
    campaign === undefined
      ? ""
      : `<div class="campaign">${h(campaign.name)}${
          campaign.currentStage === null
            ? ""
            : ` · ${h(stageName(campaign.currentStage, campaign.currentStage, lang))}`
        }</div>`
  }</div><div class="asof" data-figure="asOf" data-value="${h(data.asOf)}">${h(L.subtitle(data.asOf))}</div></header>`;

  const headlines = `<div class="kpis">${[
    kpi(L.kpi.elements, figure("wall.total", w.total.total, String(w.total.total))),
    kpi(
      L.kpi.completion,
      figure("wall.completionRate", w.total.completionRate, L.percent(pct(w.total.completionRate))),
    ),
    kpi(
      L.kpi.verification,
      figure("wall.verificationRate", w.total.verificationRate, L.percent(pct(w.total.verificationRate))),
      "good",
    ),
    kpi(
      L.kpi.overdue,
      figure("wall.overdue", w.total.overdue, String(w.total.overdue)),
      w.total.overdue > 0 ? "bad" : "",
    ),
    kpi(L.kpi.openHazards, figure("hazards.open", data.hazards.open, String(data.hazards.open))),
    kpi(
      L.kpi.overdueHazards,
      figure("hazards.overdue", data.hazards.overdue, String(data.hazards.overdue)),
      data.hazards.overdue > 0 ? "bad" : "",
    ),
    kpi(
      L.accidents.zeroControl,
      `<span class="${stats.zeroControl ? "held" : "broken"}">${stats.zeroControl ? L.accidents.held : L.accidents.broken}</span>`,
      stats.zeroControl ? "good" : "bad",
    ),
  ].join("")}</div>`;

  const stages = w.byStage;
  const wsRows = data.workstreams.map((ws) => {
    const cell = w.byWorkstream.find((c) => c.key === ws.code);
    return [
      h(ws.code),
      `${h(ws.name)}${ws.kind === "" ? "" : ` <small>(${h(L.wall.kind[ws.kind] ?? ws.kind)})</small>`}${
        ws.status === "Closed" ? ` <small>[${h(L.wall.closed)}]</small>` : ""
      }`,
      ...stages.map((s) => {
        const v = ws.byStage[s.key] ?? { total: 0, verified: 0 };
        return v.total === 0 ? "" : `${v.verified}/${v.total}`;
      }),
      String(cell?.total ?? 0),
      h(L.percent(pct(cell?.completionRate ?? null))),
      h(L.percent(pct(cell?.verificationRate ?? null))),
      (cell?.overdue ?? 0) > 0 ? `<span class="overdue">${cell?.overdue}</span>` : "0",
      h(ws.leadUnit),
      h(ws.memberUnits.join("、")),
    ];
  });
  const wall = `<section id="wall"><h2>${h(L.sections.wall)}</h2>${headlines}${chartHtml(charts.wallWorkstreams)}${chartHtml(
    charts.wallStages,
  )}${table(
    L.wall.tableCaption,
    [
      L.wall.code,
      L.wall.workstream,
      ...stages.map((s) => stageName(s.key, s.label, lang)),
      L.wall.total,
      L.wall.completion,
      L.wall.verification,
      L.wall.overdue,
      L.wall.lead,
      L.wall.members,
    ],
    wsRows,
    "workstreams",
  )}</section>`;

  const progress = `<section id="progress" class="page"><h2>${h(L.sections.progress)}</h2>${chartHtml(
    charts.progressOverall,
  )}<div class="grid5">${charts.progressWorkstreams.map((c) => chartHtml(c, "small")).join("")}</div><p class="note">${h(
    L.progress.note,
  )}</p></section>`;

  const overdueRows = data.overdue.map((r) => [
    h(r.code),
    h(r.workstream),
    h(r.element.length > 48 ? `${r.element.slice(0, 47)}…` : r.element),
    h(r.leadUnit),
    h(r.due),
    `<span class="overdue">${r.daysOverdue}</span>`,
    r.escalations.map((e) => h(`${escalationName(e.level, lang)} ${e.on}${L.paren(e.by)}`)).join("<br>"),
    r.nextEscalation === null ? "" : h(escalationName(r.nextEscalation, lang)),
  ]);
  const overdue = `<section id="overdue" class="page"><h2>${h(L.sections.overdue)}</h2>${chartHtml(charts.overdueUnits)}${
    overdueRows.length === 0
      ? `<p class="note">${h(L.overdue.noneRows)}</p>`
      : table(
          L.overdue.tableCaption,
          [
            L.overdue.code,
            L.overdue.workstream,
            L.overdue.element,
            L.overdue.unit,
            L.overdue.due,
            L.overdue.days,
            L.overdue.escalations,
            L.overdue.next,
          ],
          overdueRows,
          "overdue",
        )
  }</section>`;

  const t = data.risk.total;
  const risk = `<section id="risk" class="page"><h2>${h(L.sections.risk)}</h2><div class="kpis">${(
    ["red", "orange", "yellow", "blue"] as const
  )
    .map((c) => kpi(L.colours[c], figure(`risk.total.${c}`, t[c], String(t[c]))))
    .join(
      "",
    )}</div><div class="grid2">${chartHtml(charts.riskSectors)}${chartHtml(charts.riskDistricts)}</div>${chartHtml(
    charts.supervisionPriority,
  )}</section>`;

  const hz = data.hazards;
  const listedRows = hz.listed.map((r) => [
    h(r.hazardId),
    h(r.entityId),
    h(r.sector === null ? "" : sectorName(r.sector, lang)),
    h(r.district === null ? "" : districtName(r.district, lang)),
    h(r.listedBy ?? ""),
    h(L.hazards.statuses[r.status]),
    r.overdue ? `<span class="overdue">${h(r.deadline)}</span>` : h(r.deadline),
    String(r.escalations),
    h(r.closedOn ?? ""),
  ]);
  const hazards = `<section id="hazards" class="page"><h2>${h(L.sections.hazards)}</h2><div class="kpis">${[
    kpi(L.kpi.openHazards, figure("hazards.open", hz.open, String(hz.open))),
    kpi(L.hazards.statuses.Closed, figure("hazards.closed", hz.closed, String(hz.closed)), "good"),
    kpi(
      L.kpi.overdueHazards,
      figure("hazards.overdue", hz.overdue, String(hz.overdue)),
      hz.overdue > 0 ? "bad" : "",
    ),
    kpi(L.kpi.listedMajor, figure("hazards.listed", hz.listed.length, String(hz.listed.length))),
  ].join("")}</div><div class="grid2">${chartHtml(charts.hazardLoop)}${chartHtml(charts.hazardAgeing)}</div>${
    listedRows.length === 0
      ? `<p class="note">${h(L.hazards.noneListed)}</p>`
      : table(
          L.hazards.listedCaption,
          [
            L.hazards.id,
            L.hazards.entity,
            L.hazards.sector,
            L.hazards.district,
            L.hazards.listedBy,
            L.hazards.status,
            L.hazards.deadline,
            L.hazards.escalations,
            L.hazards.closedOn,
          ],
          listedRows,
          "listed-hazards",
        )
  }</section>`;

  const change = (key: "accidents" | "deaths") => {
    const v = stats.changePercent[key];
    return figure(`accidents.changePercent.${key}`, v, v === null ? L.accidents.noBase : `${signed(v)}%`);
  };
  // the structured casualty lists, by outcome: counts, never names
  const listedLine = `<p class="note" id="casualty-lists">${h(L.accidents.listed)}${h(L.accidents.listedAccidents)} ${figure(
    "accidents.listed.accidents",
    stats.listed.accidents,
    L.accidents.count(stats.listed.accidents),
  )}${CASUALTY_OUTCOMES.map(
    (o) =>
      ` · ${h(L.accidents.outcomes[o])} ${figure(`accidents.listed.${o}`, stats.listed.counts[o], L.accidents.people(stats.listed.counts[o]))}`,
  ).join("")}</p>`;
  const accidents = `<section id="accidents" class="page"><h2>${h(L.sections.accidents)}</h2><div class="comparison">${accidentBox(
    L.accidents.current,
    period,
    stats.current,
    "accidents.current",
    L,
  )}${accidentBox(L.accidents.samePeriod, previousPeriod, stats.previous, "accidents.previous", L)}</div><div class="kpis">${[
    kpi(
      L.accidents.decrease + L.paren(L.accidents.accidents),
      figure("accidents.decrease.accidents", stats.decrease.accidents, String(stats.decrease.accidents)),
    ),
    kpi(L.accidents.change + L.paren(L.accidents.accidents), change("accidents")),
    kpi(
      L.accidents.decrease + L.paren(L.accidents.deaths),
      figure("accidents.decrease.deaths", stats.decrease.deaths, String(stats.decrease.deaths)),
    ),
    kpi(L.accidents.change + L.paren(L.accidents.deaths), change("deaths")),
    kpi(
      L.accidents.zeroControl,
      `<span class="${stats.zeroControl ? "held" : "broken"}">${figure(
        "accidents.zeroControl",
        stats.zeroControl,
        stats.zeroControl ? `✓ ${L.accidents.held}` : `✗ ${L.accidents.broken}`,
      )}</span>`,
      stats.zeroControl ? "good" : "bad",
    ),
  ].join("")}</div>${listedLine}${chartHtml(charts.accidentsMonths)}</section>`;

  const trRows = data.transformation.map((p) => [
    h(quarterLabel(p.period.from, L) + L.paren(`${p.period.from} – ${p.period.to}`)),
    h(shareText(p.indicators.selfInspection, L)),
    h(shareText(p.indicators.enterpriseAssessment, L)),
    h(shareText(p.indicators.enterpriseAcceptance, L)),
  ]);
  const transformation = `<section id="transformation" class="page"><h2>${h(L.sections.transformation)}</h2>${chartHtml(
    charts.transformation,
  )}${table(
    L.transformation.chartTitle,
    [
      L.transformation.period,
      L.transformation.selfInspection,
      L.transformation.enterpriseAssessment,
      L.transformation.enterpriseAcceptance,
    ],
    trRows,
    "transformation",
  )}<p class="note">${h(L.transformation.note)}</p></section>`;

  const stamp =
    options.stamp === undefined
      ? ""
      : ` Ledger: ${options.stamp.events} events, position ${options.stamp.position ?? "—"}, head ${options.stamp.lastHash ?? "—"}.`;

  return `<!DOCTYPE html>
<html lang="${lang === "en" ? "en" : "zh-CN"}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="safety-ledger report">
<title>${h(L.title)} · ${h(data.asOf)}</title>
<style>${CSS}</style>
</head>
<body>
${header}
${wall}
${progress}
${overdue}
${risk}
${hazards}
${accidents}
${transformation}
<footer>${h(L.generated)}${stamp === "" ? "" : `<span class="stamp">${h(stamp)}</span>`}</footer>
</body>
</html>
`;
};
