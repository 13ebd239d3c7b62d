/**
 * What the report shows, gathered from the two read models with the same queries the CLI's
 * `--json` output uses (`wallChart`, `keyTaskList`, `overdueList`, `riskDistribution`,
 * `dynamicSupervision`, `hazardList`, `accidentStats`, `transformationTrend`). Pure: the date
 * is an argument, never the clock. Nothing here is recomputed differently from those queries;
 * the report only groups their rows for the charts.
 */
import {
  type AccidentStats,
  type AccidentTotals,
  accidentStats,
  type CampaignLedgerModel,
  type DynamicSupervisionRow,
  dynamicSupervision,
  type HazardRow,
  type HazardStatus,
  hazardList,
  keyTaskList,
  ledgerAsOf,
  type OverdueRow,
  overdueList,
  type Period,
  type RiskDistribution,
  riskDistribution,
  type SupervisionModel,
  TASK_ESCALATION_LEVELS,
  type TaskEscalationLevel,
  type TransformationTrendPoint,
  transformationTrend,
  type WallChart,
  wallChart,
} from "@safety-ledger/core";

/** The two read models the page is drawn from (the supervision one sliced "as of" the date). */
export interface ReportModels {
  readonly campaign: CampaignLedgerModel;
  readonly supervision: SupervisionModel;
}

export interface DataOptions {
  readonly asOf: string;
  /** The accident comparison period; default 1 January of the as-of year to the as-of date. */
  readonly period?: Period;
}

export interface WorkstreamInfo {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly status: string;
  readonly leadUnit: string;
  readonly memberUnits: ReadonlyArray<string>;
  /** Per stage key: elements and verified elements (from the Key Task List as of the date). */
  readonly byStage: Readonly<Record<string, { readonly total: number; readonly verified: number }>>;
}

export interface ProgressSeries {
  readonly key: string;
  readonly label: string;
  readonly planned: ReadonlyArray<number>;
  readonly verified: ReadonlyArray<number>;
}

export type EscalationBucket = TaskEscalationLevel | "none";

export interface OverdueByUnit {
  readonly unit: string;
  readonly total: number;
  readonly byEscalation: Readonly<Record<EscalationBucket, number>>;
}

/** The steps of the hazard closed loop a hazard can be open in, in order. */
export const OPEN_HAZARD_STEPS: ReadonlyArray<HazardStatus> = [
  "Registered",
  "Reported",
  "Planned",
  "Remediating",
  "Rectified",
  "Evaluated",
  "AcceptanceApplied",
];

/** Age buckets of open hazards, in days since discovery (upper bounds, inclusive). */
export const AGE_BUCKETS: ReadonlyArray<number> = [30, 90, 180, 365, Number.POSITIVE_INFINITY];

export interface HazardData {
  readonly total: number;
  readonly closed: number;
  readonly open: number;
  readonly overdue: number;
  /** Open hazards per step of the loop, general and major. */
  readonly bySteps: ReadonlyArray<{
    readonly step: HazardStatus;
    readonly general: number;
    readonly major: number;
  }>;
  /** Open hazards per age bucket, overdue or not. */
  readonly ageing: ReadonlyArray<{
    readonly upTo: number;
    readonly overdue: number;
    readonly notOverdue: number;
  }>;
  /** Every major hazard under listed supervision (open first, then closed). */
  readonly listed: ReadonlyArray<HazardRow>;
}

export interface MonthComparison {
  readonly month: string;
  readonly period: Period;
  readonly current: AccidentTotals;
  readonly previous: AccidentTotals;
}

export interface ReportData {
  readonly asOf: string;
  readonly wall: WallChart;
  readonly workstreams: ReadonlyArray<WorkstreamInfo>;
  readonly progress: {
    /** Month ends from the campaign's start month, the last one the as-of date. */
    readonly dates: ReadonlyArray<string>;
    readonly overall: ProgressSeries;
    readonly byWorkstream: ReadonlyArray<ProgressSeries>;
  };
  readonly overdue: ReadonlyArray<OverdueRow>;
  readonly overdueByUnit: ReadonlyArray<OverdueByUnit>;
  readonly risk: RiskDistribution;
  readonly supervision: ReadonlyArray<DynamicSupervisionRow>;
  readonly hazards: HazardData;
  readonly accidents: {
    readonly period: Period;
    /** `accidentStats(model, period)`: exactly what `stats accidents --json` prints. */
    readonly stats: AccidentStats;
    readonly months: ReadonlyArray<MonthComparison>;
  };
  readonly transformation: ReadonlyArray<TransformationTrendPoint>;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The last day of a month, `YYYY-MM-DD`. */
const monthEnd = (year: number, month: number): string =>
  `${year}-${pad2(month)}-${pad2(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

/** Month ends from the month of `start` up to `asOf` (the last element is `asOf` itself). */
export const monthEnds = (start: string, asOf: string): string[] => {
  const out: string[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  for (;;) {
    const end = monthEnd(y, m);
    if (end >= asOf) break;
    out.push(end);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  out.push(asOf);
  return out;
};

/** Calendar quarters from the quarter of `start` to the one holding `asOf`, the last cut at `asOf`. */
export const quarters = (start: string, asOf: string): Period[] => {
  const out: Period[] = [];
  let y = Number(start.slice(0, 4));
  let q = Math.floor((Number(start.slice(5, 7)) - 1) / 3);
  for (;;) {
    const from = `${y}-${pad2(q * 3 + 1)}-01`;
    if (from > asOf) break;
    const end = monthEnd(y, q * 3 + 3);
    out.push({ from, to: end < asOf ? end : asOf });
    q += 1;
    if (q === 4) {
      q = 0;
      y += 1;
    }
  }
  return out;
};

/** The months of a period, each cut to the period. */
export const monthsOf = (period: Period): Period[] => {
  const out: Period[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  for (;;) {
    const first = `${y}-${pad2(m)}-01`;
    if (first > period.to) break;
    const last = monthEnd(y, m);
    out.push({ from: [first, period.from].sort()[1] ?? first, to: [last, period.to].sort()[0] ?? last });
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
};

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const progressOf = (
  model: CampaignLedgerModel,
  dates: ReadonlyArray<string>,
  workstreams: ReadonlyArray<{ readonly code: string; readonly name: string }>,
) => {
  const planned = new Map<string, number[]>();
  const verified = new Map<string, number[]>();
  for (const key of ["*", ...workstreams.map((w) => w.code)]) {
    planned.set(key, []);
    verified.set(key, []);
  }
  dates.forEach((date, i) => {
    for (const series of [planned, verified]) for (const values of series.values()) values[i] = 0;
    for (const row of keyTaskList(model, date)) {
      if (row.state === "Cancelled") continue;
      for (const key of ["*", row.workstream]) {
        const p = planned.get(key);
        const v = verified.get(key);
        if (p === undefined || v === undefined) continue;
        if (row.deadline <= date) p[i] = (p[i] ?? 0) + 1;
        if (row.state === "Verified") v[i] = (v[i] ?? 0) + 1;
      }
    }
  });
  const series = (key: string, label: string): ProgressSeries => ({
    key,
    label,
    planned: planned.get(key) ?? [],
    verified: verified.get(key) ?? [],
  });
  return {
    overall: series("*", "*"),
    byWorkstream: workstreams.map((w) => series(w.code, w.name)),
  };
};

const hazardData = (rows: ReadonlyArray<HazardRow>, asOf: string): HazardData => {
  const open = rows.filter((h) => h.status !== "Closed");
  const bySteps = OPEN_HAZARD_STEPS.map((step) => ({
    step,
    general: open.filter((h) => h.status === step && h.procedure === "general").length,
    major: open.filter((h) => h.status === step && h.procedure === "major").length,
  }));
  const ageing = AGE_BUCKETS.map((upTo, i) => {
    const lower = i === 0 ? Number.NEGATIVE_INFINITY : (AGE_BUCKETS[i - 1] ?? 0);
    const inBucket = open.filter((h) => {
      const age = daysBetween(h.discoveredOn, asOf);
      return age > lower && age <= upTo;
    });
    return {
      upTo,
      overdue: inBucket.filter((h) => h.overdue).length,
      notOverdue: inBucket.filter((h) => !h.overdue).length,
    };
  });
  const listed = rows
    .filter((h) => h.procedure === "major" && h.listedBy !== null)
    .sort(
      (a, b) =>
        Number(a.status === "Closed") - Number(b.status === "Closed") ||
        (a.hazardId < b.hazardId ? -1 : a.hazardId > b.hazardId ? 1 : 0),
    );
  return {
    total: rows.length,
    closed: rows.length - open.length,
    open: open.length,
    overdue: open.filter((h) => h.overdue).length,
    bySteps,
    ageing,
    listed,
  };
};

const overdueByUnit = (rows: ReadonlyArray<OverdueRow>): OverdueByUnit[] => {
  const units = [...new Set(rows.map((r) => r.leadUnit))].sort();
  return units
    .map((unit) => {
      const mine = rows.filter((r) => r.leadUnit === unit);
      const byEscalation = Object.fromEntries(
        (["none", ...TASK_ESCALATION_LEVELS.map((l) => l.key)] as EscalationBucket[]).map((k) => [
          k,
          mine.filter((r) => (r.highestEscalation ?? "none") === k).length,
        ]),
      ) as Record<EscalationBucket, number>;
      return { unit, total: mine.length, byEscalation };
    })
    .sort((a, b) => b.total - a.total || (a.unit < b.unit ? -1 : 1));
};

/** Gather everything the page shows, as of a date. */
export const gatherReportData = (models: ReportModels, options: DataOptions): ReportData => {
  const { asOf } = options;
  const wall = wallChart(models.campaign, asOf);
  const ledger = ledgerAsOf(models.campaign, asOf);
  const rows = keyTaskList(models.campaign, asOf);

  const workstreams: WorkstreamInfo[] = wall.byWorkstream.map((cell) => {
    const ws = ledger.workstreams.get(cell.key);
    const byStage: Record<string, { total: number; verified: number }> = {};
    for (const stage of wall.byStage) byStage[stage.key] = { total: 0, verified: 0 };
    for (const r of rows.filter((x) => x.workstream === cell.key)) {
      const s = byStage[r.stage] ?? { total: 0, verified: 0 };
      s.total += 1;
      if (r.state === "Verified") s.verified += 1;
      byStage[r.stage] = s;
    }
    return {
      code: cell.key,
      name: cell.label,
      kind: ws?.kind ?? "",
      status: ws?.status ?? "",
      leadUnit: ws?.leadUnit ?? "",
      memberUnits: ws?.memberUnits ?? [],
      byStage,
    };
  });

  const starts = [...ledger.campaigns.values()].map((c) => c.start).sort();
  const campaignStart =
    starts[0] !== undefined && starts[0] <= asOf ? starts[0] : `${asOf.slice(0, 4)}-01-01`;
  const dates = monthEnds(campaignStart, asOf);
  const progress = progressOf(models.campaign, dates, workstreams);

  const overdue = overdueList(models.campaign, asOf);
  const period = options.period ?? { from: `${asOf.slice(0, 4)}-01-01`, to: asOf };
  const months = monthsOf(period).map((p): MonthComparison => {
    const s = accidentStats(models.supervision, p);
    return { month: p.from.slice(0, 7), period: p, current: s.current, previous: s.previous };
  });

  return {
    asOf,
    wall,
    workstreams,
    progress: { dates, ...progress },
    overdue,
    overdueByUnit: overdueByUnit(overdue),
    risk: riskDistribution(models.supervision),
    supervision: dynamicSupervision(models.supervision, asOf),
    hazards: hazardData(hazardList(models.supervision, asOf), asOf),
    accidents: { period, stats: accidentStats(models.supervision, period), months },
    transformation: transformationTrend(models.supervision, quarters(campaignStart, asOf)),
  };
};
