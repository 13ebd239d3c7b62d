/**
 * The charts of the report as Apache ECharts options, and their server-side rendering to SVG
 * (`renderer: "svg", ssr: true`): the page carries the SVG itself, so it needs no script and
 * opens offline. Each builder is pure: report data and labels in, an option out.
 */
import {
  type ColourCounts,
  GUANGYUAN_DISTRICTS,
  type Priority,
  RISK_LEVELS,
  type RiskColour,
  SECTORS,
  TASK_ESCALATION_LEVELS,
  TASK_STATUSES,
  type TaskStatus,
  type WallChartCell,
} from "@safety-ledger/core";
import type { EChartsOption } from "echarts";
import * as echarts from "echarts";
import type { EscalationBucket, ProgressSeries, ReportData } from "./data";
import {
  byReferenceOrder,
  districtName,
  escalationName,
  type Labels,
  type Lang,
  labels,
  sectorName,
  stageName,
} from "./i18n";

/** Fonts a Chinese government computer has, then the usual Linux and Mac ones; never downloaded. */
export const FONT_STACK =
  "'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', SimHei, Arial, sans-serif";

/** The four official risk colours (red, orange, yellow, blue). */
export const RISK_COLOURS: Readonly<Record<RiskColour, string>> = {
  red: "#E60012",
  orange: "#F39800",
  yellow: "#FFE100",
  blue: "#0068B7",
};

export const STATUS_COLOURS: Readonly<Record<TaskStatus, string>> = {
  Assigned: "#B0B7C3",
  InProgress: "#4A90D9",
  CompletionReported: "#F0AD4E",
  Verified: "#2E9D5B",
  Cancelled: "#E3E3E3",
};

const ESCALATION_COLOURS: Readonly<Record<EscalationBucket, string>> = {
  none: "#C8CED6",
  reminder: "#F6C343",
  "supervision-notice": "#F08A24",
  "accountability-interview": "#C0392B",
};

const PRIORITY_COLOURS: Readonly<Record<Priority, string>> = {
  high: "#C0392B",
  elevated: "#F0AD4E",
  routine: "#7FA7D6",
};

export interface Chart {
  /** Stable id, also the `data-chart` attribute on the page. */
  readonly id: string;
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly option: EChartsOption;
  /** True when there is nothing to draw (the chart then says so). */
  readonly empty: boolean;
}

const base = (): EChartsOption => ({
  animation: false,
  backgroundColor: "#ffffff",
  textStyle: { fontFamily: FONT_STACK, fontSize: 12, color: "#222" },
});

const noData = (L: Labels): EChartsOption["graphic"] => ({
  type: "text",
  left: "center",
  top: "middle",
  style: { text: L.noData, fontSize: 16, fill: "#888", fontFamily: FONT_STACK },
});

const chart = (
  id: string,
  title: string,
  width: number,
  height: number,
  option: EChartsOption,
  empty: boolean,
  L: Labels,
): Chart => ({
  id,
  title,
  width,
  height,
  option: { ...base(), ...staticSeries(option), ...(empty ? { graphic: noData(L) } : {}) },
  empty,
});

/** A printed page has no pointer: no hover styles, no pointer cursor in the SVG. */
const staticSeries = (option: EChartsOption): EChartsOption =>
  Array.isArray(option.series)
    ? { ...option, series: option.series.map((s) => ({ ...s, silent: true })) }
    : option;

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const workstreamLabel = (cell: WallChartCell) => truncate(`${cell.key} ${cell.label}`, 22);

// ------------------------------------------------------------------ wall chart

const statusBars = (
  id: string,
  title: string,
  cells: ReadonlyArray<WallChartCell>,
  categoryOf: (c: WallChartCell) => string,
  L: Labels,
  width: number,
): Chart => {
  const categories = cells.map(categoryOf).reverse();
  const reversed = [...cells].reverse();
  const height = Math.max(220, 90 + cells.length * 28);
  return chart(
    id,
    title,
    width,
    height,
    {
      legend: { top: 4, data: TASK_STATUSES.map((s) => L.statuses[s]) },
      grid: { left: 8, right: 190, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: categories, axisTick: { show: false } },
      series: [
        ...TASK_STATUSES.map((s) => ({
          name: L.statuses[s],
          type: "bar" as const,
          stack: "status",
          itemStyle: { color: STATUS_COLOURS[s] },
          label: {
            show: true,
            formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ""),
          },
          data: reversed.map((c) => c.byStatus[s]),
        })),
        {
          // The right-hand annotation: completion, verification and overdue, per row.
          name: "summary",
          type: "bar" as const,
          stack: "status",
          silent: true,
          itemStyle: { color: "transparent" },
          label: {
            show: true,
            position: "right" as const,
            color: "#222",
            formatter: (p: { dataIndex: number }) => {
              const c = reversed[p.dataIndex];
              if (c === undefined) return "";
              const overdue = c.overdue > 0 ? `  {red|${L.wall.overdue} ${c.overdue}}` : "";
              return `${L.wall.completion} ${L.percent(pct(c.completionRate))} · ${L.wall.verification} ${L.percent(pct(c.verificationRate))}${overdue}`;
            },
            rich: { red: { color: "#C0392B", fontWeight: "bold" as const } },
          },
          data: reversed.map(() => 0.0001),
        },
      ],
    },
    cells.length === 0,
    L,
  );
};

/** A rate in [0, 1] as a percentage with one decimal. */
export const pct = (rate: number | null): number | null =>
  rate === null ? null : Math.round(rate * 1000) / 10;

export const wallByWorkstreamChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  return statusBars("wall-workstreams", L.wall.chartTitle, data.wall.byWorkstream, workstreamLabel, L, 1480);
};

export const wallByStageChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  return statusBars(
    "wall-stages",
    L.wall.stageTitle,
    data.wall.byStage,
    (c) => stageName(c.key, c.label, lang),
    L,
    1480,
  );
};

// ------------------------------------------------------------------ progress

const progressLines = (
  id: string,
  title: string,
  dates: ReadonlyArray<string>,
  s: ProgressSeries,
  L: Labels,
  width: number,
  height: number,
  small: boolean,
): Chart =>
  chart(
    id,
    title,
    width,
    height,
    {
      title: small ? { text: truncate(title, 20), left: 4, top: 2, textStyle: { fontSize: 12 } } : undefined,
      legend: small ? undefined : { top: 4, data: [L.progress.planned, L.progress.verified] },
      grid: small
        ? { left: 4, right: 12, top: 26, bottom: 4, containLabel: true }
        : { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        boundaryGap: false,
        data: dates.map((d) => d.slice(0, 7)),
        axisLabel: { fontSize: small ? 9 : 11 },
      },
      yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: small ? 9 : 11 } },
      series: [
        {
          name: L.progress.planned,
          type: "line",
          step: "end",
          symbol: small ? "none" : "circle",
          lineStyle: { type: "dashed", color: "#7F8C8D" },
          itemStyle: { color: "#7F8C8D" },
          data: [...s.planned],
        },
        {
          name: L.progress.verified,
          type: "line",
          symbol: small ? "none" : "circle",
          areaStyle: { color: "rgba(46,157,91,0.15)" },
          lineStyle: { color: STATUS_COLOURS.Verified, width: 2 },
          itemStyle: { color: STATUS_COLOURS.Verified },
          label: small ? undefined : { show: true, position: "top", fontSize: 10 },
          data: [...s.verified],
        },
      ],
    },
    dates.length === 0 || s.planned.every((n) => n === 0),
    L,
  );

export const progressOverallChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  return progressLines(
    "progress-overall",
    L.progress.overall,
    data.progress.dates,
    data.progress.overall,
    L,
    1480,
    320,
    false,
  );
};

export const progressWorkstreamCharts = (data: ReportData, lang: Lang): Chart[] => {
  const L = labels(lang);
  return data.progress.byWorkstream.map((s) =>
    progressLines(`progress-${s.key}`, `${s.key} ${s.label}`, data.progress.dates, s, L, 360, 190, true),
  );
};

// ------------------------------------------------------------------ overdue

export const overdueByUnitChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  const rows = [...data.overdueByUnit].reverse();
  const buckets: EscalationBucket[] = ["none", ...TASK_ESCALATION_LEVELS.map((l) => l.key)];
  const name = (b: EscalationBucket) => (b === "none" ? L.overdue.none : escalationName(b, lang));
  return chart(
    "overdue-units",
    L.overdue.byUnit,
    1480,
    Math.max(220, 90 + rows.length * 28),
    {
      legend: { top: 4, data: buckets.map(name) },
      grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: rows.map((r) => r.unit), axisTick: { show: false } },
      series: buckets.map((b) => ({
        name: name(b),
        type: "bar" as const,
        stack: "escalation",
        itemStyle: { color: ESCALATION_COLOURS[b] },
        label: {
          show: true,
          formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ""),
        },
        data: rows.map((r) => r.byEscalation[b]),
      })),
    },
    rows.length === 0,
    L,
  );
};

// ------------------------------------------------------------------ four colours

const COLOURS: ReadonlyArray<RiskColour> = RISK_LEVELS.map((l) => l.colour);

/** A heat map whose four columns shade from white to the four official colours. */
const fourColourHeatmap = (
  id: string,
  title: string,
  rows: Readonly<Record<string, ColourCounts>>,
  order: (a: string, b: string) => number,
  nameOf: (key: string) => string,
  L: Labels,
  width: number,
): Chart => {
  const keys = Object.keys(rows).sort(order);
  const max = Math.max(1, ...keys.flatMap((k) => COLOURS.map((c) => rows[k]?.[c] ?? 0)));
  const categories = keys.map(nameOf).reverse();
  const reversed = [...keys].reverse();
  return chart(
    id,
    title,
    width,
    Math.max(240, 80 + keys.length * 26),
    {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        position: "top",
        data: COLOURS.map((c) => L.colours[c]),
        splitArea: { show: true },
        axisTick: { show: false },
      },
      yAxis: { type: "category", data: categories, splitArea: { show: true }, axisTick: { show: false } },
      visualMap: COLOURS.map((c, i) => ({
        show: false,
        seriesIndex: i,
        dimension: 2,
        min: 0,
        max,
        inRange: { color: ["#FFFFFF", RISK_COLOURS[c]] },
      })),
      series: COLOURS.map((c, i) => ({
        name: L.colours[c],
        type: "heatmap" as const,
        itemStyle: { borderColor: "#FFFFFF", borderWidth: 2 },
        label: {
          show: true,
          fontWeight: "bold" as const,
          color: c === "yellow" ? "#333" : "#111",
          formatter: (p: { value: unknown }) => String((p.value as number[])[2]),
        },
        data: reversed.map((k, y) => [i, y, rows[k]?.[c] ?? 0]),
      })),
    },
    keys.length === 0,
    L,
  );
};

export const riskBySectorChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  return fourColourHeatmap(
    "risk-sectors",
    L.risk.bySector,
    data.risk.bySector,
    byReferenceOrder(SECTORS),
    (k) => sectorName(k, lang),
    L,
    720,
  );
};

export const riskByDistrictChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  return fourColourHeatmap(
    "risk-districts",
    L.risk.byDistrict,
    data.risk.byDistrict,
    byReferenceOrder(GUANGYUAN_DISTRICTS),
    (k) => districtName(k, lang),
    L,
    720,
  );
};

export const priorityByDistrictChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  const districts = [...new Set(data.supervision.map((r) => r.district))].sort(
    byReferenceOrder(GUANGYUAN_DISTRICTS),
  );
  const priorities: Priority[] = ["high", "elevated", "routine"];
  return chart(
    "supervision-priority",
    L.risk.priority,
    1480,
    Math.max(240, 80 + districts.length * 26),
    {
      legend: { top: 4, data: priorities.map((p) => L.risk.priorities[p]) },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: {
        type: "category",
        data: [...districts].reverse().map((d) => districtName(d, lang)),
        axisTick: { show: false },
      },
      series: priorities.map((p) => ({
        name: L.risk.priorities[p],
        type: "bar" as const,
        stack: "priority",
        itemStyle: { color: PRIORITY_COLOURS[p] },
        label: {
          show: true,
          formatter: (x: { value: unknown }) => (Number(x.value) > 0 ? String(x.value) : ""),
        },
        data: [...districts]
          .reverse()
          .map((d) => data.supervision.filter((r) => r.district === d && r.priority === p).length),
      })),
    },
    districts.length === 0,
    L,
  );
};

// ------------------------------------------------------------------ hazards

export const hazardLoopChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  const steps = data.hazards.bySteps;
  return chart(
    "hazard-loop",
    L.hazards.loop,
    720,
    300,
    {
      legend: { top: 4, data: [L.hazards.general, L.hazards.major] },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: steps.map((s) => L.hazards.statuses[s.step]),
        axisLabel: { interval: 0, fontSize: 11 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          name: L.hazards.general,
          type: "bar",
          stack: "grade",
          itemStyle: { color: "#F0AD4E" },
          label: {
            show: true,
            formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ""),
          },
          data: steps.map((s) => s.general),
        },
        {
          name: L.hazards.major,
          type: "bar",
          stack: "grade",
          itemStyle: { color: "#C0392B" },
          label: {
            show: true,
            formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ""),
          },
          data: steps.map((s) => s.major),
        },
      ],
    },
    data.hazards.open === 0,
    L,
  );
};

export const hazardAgeingChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  return chart(
    "hazard-ageing",
    L.hazards.ageing,
    720,
    300,
    {
      legend: { top: 4, data: [L.hazards.notOverdue, L.hazards.overdue] },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: L.hazards.ageBuckets.slice(0, data.hazards.ageing.length) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          name: L.hazards.notOverdue,
          type: "bar",
          stack: "age",
          itemStyle: { color: "#7FA7D6" },
          label: {
            show: true,
            formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ""),
          },
          data: data.hazards.ageing.map((a) => a.notOverdue),
        },
        {
          name: L.hazards.overdue,
          type: "bar",
          stack: "age",
          itemStyle: { color: "#C0392B" },
          label: {
            show: true,
            formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ""),
          },
          data: data.hazards.ageing.map((a) => a.overdue),
        },
      ],
    },
    data.hazards.open === 0,
    L,
  );
};

// ------------------------------------------------------------------ accidents

export const accidentsByMonthChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  const year = Number(data.accidents.period.from.slice(0, 4));
  const months = data.accidents.months;
  const thisYear = (what: string) => `${year} ${what}`;
  const lastYear = (what: string) => `${year - 1} ${what}`;
  const series = [
    {
      name: lastYear(L.accidents.accidents),
      colour: "#B0B7C3",
      values: months.map((m) => m.previous.accidents),
    },
    {
      name: thisYear(L.accidents.accidents),
      colour: "#4A90D9",
      values: months.map((m) => m.current.accidents),
    },
  ];
  const lines = [
    { name: lastYear(L.accidents.deaths), colour: "#7F8C8D", values: months.map((m) => m.previous.deaths) },
    { name: thisYear(L.accidents.deaths), colour: "#C0392B", values: months.map((m) => m.current.deaths) },
  ];
  return chart(
    "accidents-months",
    L.accidents.byMonth(year, year - 1),
    1480,
    340,
    {
      legend: { top: 4, data: [...series, ...lines].map((s) => s.name) },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: months.map((m) => L.accidents.month(Number(m.month.slice(5, 7)))) },
      yAxis: [
        { type: "value", name: L.accidents.accidents, minInterval: 1 },
        { type: "value", name: L.accidents.deaths, minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        ...series.map((s) => ({
          name: s.name,
          type: "bar" as const,
          itemStyle: { color: s.colour },
          label: { show: true, position: "top" as const, fontSize: 10 },
          data: s.values,
        })),
        ...lines.map((s) => ({
          name: s.name,
          type: "line" as const,
          yAxisIndex: 1,
          itemStyle: { color: s.colour },
          lineStyle: { color: s.colour, width: 2 },
          data: s.values,
        })),
      ],
    },
    months.length === 0,
    L,
  );
};

// ------------------------------------------------------------------ transformations

export const quarterLabel = (from: string, L: Labels): string =>
  L.transformation.quarter(Number(from.slice(0, 4)), Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1);

export const transformationChart = (data: ReportData, lang: Lang): Chart => {
  const L = labels(lang);
  const points = data.transformation;
  const keys = ["selfInspection", "enterpriseAssessment", "enterpriseAcceptance"] as const;
  const colours = ["#2E9D5B", "#4A90D9", "#8E44AD"];
  return chart(
    "transformation",
    L.transformation.chartTitle,
    1480,
    320,
    {
      legend: { top: 4, data: keys.map((k) => L.transformation[k]) },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: points.map((p) => quarterLabel(p.period.from, L)) },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: keys.map((k, i) => ({
        name: L.transformation[k],
        type: "line" as const,
        connectNulls: false,
        itemStyle: { color: colours[i] },
        lineStyle: { color: colours[i], width: 2 },
        label: { show: true, position: "top" as const, fontSize: 10, formatter: "{c}%" },
        data: points.map((p) => p.indicators[k].percent),
      })),
    },
    points.every((p) => keys.every((k) => p.indicators[k].percent === null)),
    L,
  );
};

// ------------------------------------------------------------------ rendering

/** Render an option to an SVG string on the server (no DOM, no canvas), scalable to its box. */
export const renderSvg = (c: Chart): string => {
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width: c.width, height: c.height });
  try {
    instance.setOption(c.option);
    // zrender names clip paths and CSS classes from process-wide counters: rename them after the
    // chart, so the ids are unique on the page and the same ledger gives the same bytes.
    const names = new Map<string, string>();
    const rename = (name: string) => {
      const known = names.get(name);
      if (known !== undefined) return known;
      const fresh = `${c.id}-${names.size}`;
      names.set(name, fresh);
      return fresh;
    };
    return instance
      .renderToSVGString()
      .replace(/\bzr\d+-[A-Za-z0-9_-]+/g, rename)
      .replace(
        /^<svg width="\d+(?:\.\d+)?" height="\d+(?:\.\d+)?"/,
        `<svg class="chart-svg" role="img" aria-label="${c.title.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)}"`,
      );
  } finally {
    instance.dispose();
  }
};

/** Every chart of the report, in page order (the per-workstream progress charts as one group). */
export const allCharts = (data: ReportData, lang: Lang) => ({
  wallWorkstreams: wallByWorkstreamChart(data, lang),
  wallStages: wallByStageChart(data, lang),
  progressOverall: progressOverallChart(data, lang),
  progressWorkstreams: progressWorkstreamCharts(data, lang),
  overdueUnits: overdueByUnitChart(data, lang),
  riskSectors: riskBySectorChart(data, lang),
  riskDistricts: riskByDistrictChart(data, lang),
  supervisionPriority: priorityByDistrictChart(data, lang),
  hazardLoop: hazardLoopChart(data, lang),
  hazardAgeing: hazardAgeingChart(data, lang),
  accidentsMonths: accidentsByMonthChart(data, lang),
  transformation: transformationChart(data, lang),
});
