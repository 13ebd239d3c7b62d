/**
 * Queries on the supervision read model: the three basic lists, the four-colour distribution,
 * dynamic supervision per entity, accident statistics and the three-transformation indicators.
 * Everything derived ("overdue", "last 12 months") is computed as of a date given here.
 */
import { type CasualtyCounts, isLargerOrAbove } from "../../accidents/rules";
import { isCounted, type ReportedAccident } from "../../accidents/state";
import { ACCIDENT_CLASSES, type AccidentClass } from "../../reference/accident-thresholds";
import { type RiskColour, type RiskLevel, riskColour, riskRank } from "../../reference/risk-bands";
import type { RegisteredEntity } from "../../supervision/entity/state";
import {
  isAcceptanceDecisionOverdue,
  isHazardOverdue,
  type RegisteredHazard,
} from "../../supervision/hazard/state";
import { currentRiskLevel, type IdentifiedRisk } from "../../supervision/risk/state";
import { businessDate, minusOneYear, percentTenths, tenthsToNumber } from "../../supervision/values";
import type { SupervisionModel } from "./model";

export interface ListFilter {
  readonly sector?: string;
  readonly district?: string;
  readonly supervisingDepartment?: string;
  /** The row's state (EntityStatus, RiskStatus or HazardStatus). */
  readonly state?: string;
}

const byId = <T>(rows: Record<string, T>): T[] =>
  Object.keys(rows)
    .sort()
    .map((k) => rows[k]!);

/** The value under `key`, created by `make` when missing. */
const entry = <T>(record: Record<string, T>, key: string, make: () => T): T => {
  const found = record[key];
  if (found !== undefined) return found;
  const made = make();
  record[key] = made;
  return made;
};

const entityMatches = (e: RegisteredEntity | undefined, f: ListFilter): boolean =>
  (f.sector === undefined || e?.sector === f.sector) &&
  (f.district === undefined || e?.district === f.district) &&
  (f.supervisingDepartment === undefined || e?.supervisingDepartment === f.supervisingDepartment);

// ---------------------------------------------------------------------------------------------
// The three basic lists

export const entityList = (model: SupervisionModel, filter: ListFilter = {}): RegisteredEntity[] =>
  byId(model.entities).filter(
    (e) => entityMatches(e, filter) && (filter.state === undefined || e.status === filter.state),
  );

export interface RiskRow {
  readonly riskId: string;
  readonly entityId: string;
  readonly name: string;
  readonly status: IdentifiedRisk["status"];
  readonly sector: string | null;
  readonly district: string | null;
  readonly supervisingDepartment: string | null;
  /** Current level: residual if assessed, else initial; null before any assessment. */
  readonly level: RiskLevel | null;
  readonly colour: RiskColour | null;
  readonly initialLevel: RiskLevel | null;
  readonly residualLevel: RiskLevel | null;
  readonly responsiblePerson: string | null;
}

export const riskList = (
  model: SupervisionModel,
  filter: ListFilter & { readonly level?: RiskLevel } = {},
): RiskRow[] =>
  byId(model.risks)
    .map((r): RiskRow => {
      const e = model.entities[r.entityId];
      const level = currentRiskLevel(r);
      return {
        riskId: r.riskId,
        entityId: r.entityId,
        name: r.name,
        status: r.status,
        sector: e?.sector ?? null,
        district: e?.district ?? null,
        supervisingDepartment: e?.supervisingDepartment ?? null,
        level,
        colour: level === null ? null : riskColour(level),
        initialLevel: r.initial?.level ?? null,
        residualLevel: r.residual?.level ?? null,
        responsiblePerson: r.controls?.responsiblePerson.name ?? null,
      };
    })
    .filter(
      (row) =>
        entityMatches(model.entities[row.entityId], filter) &&
        (filter.state === undefined || row.status === filter.state) &&
        (filter.level === undefined || row.level === filter.level),
    );

export interface HazardRow {
  readonly hazardId: string;
  readonly entityId: string;
  readonly sector: string | null;
  readonly district: string | null;
  readonly supervisingDepartment: string | null;
  readonly grade: string;
  readonly procedure: "general" | "major";
  readonly source: RegisteredHazard["source"];
  readonly status: RegisteredHazard["status"];
  readonly discoveredOn: string;
  readonly deadline: string;
  readonly overdue: boolean;
  readonly decisionOverdue: boolean;
  readonly listedBy: string | null;
  readonly escalations: number;
  readonly closedOn: string | null;
  readonly reopens: string | null;
}

export const hazardList = (
  model: SupervisionModel,
  asOf: string,
  filter: ListFilter & { readonly overdue?: boolean; readonly grade?: string } = {},
): HazardRow[] =>
  byId(model.hazards)
    .map((h): HazardRow => {
      const e = model.entities[h.entityId];
      return {
        hazardId: h.hazardId,
        entityId: h.entityId,
        sector: e?.sector ?? null,
        district: e?.district ?? null,
        supervisingDepartment: e?.supervisingDepartment ?? null,
        grade: h.grade,
        procedure: h.procedure,
        source: h.source,
        status: h.status,
        discoveredOn: h.discoveredOn,
        deadline: h.deadline,
        overdue: isHazardOverdue(h, asOf),
        decisionOverdue: isAcceptanceDecisionOverdue(h, asOf),
        listedBy: h.listedBy,
        escalations: h.escalations.length,
        closedOn: h.closedOn,
        reopens: h.reopens,
      };
    })
    .filter(
      (row) =>
        entityMatches(model.entities[row.entityId], filter) &&
        (filter.state === undefined || row.status === filter.state) &&
        (filter.overdue === undefined || row.overdue === filter.overdue) &&
        (filter.grade === undefined || row.grade === filter.grade),
    );

// ---------------------------------------------------------------------------------------------
// Four-colour distribution

export interface ColourCounts {
  red: number;
  orange: number;
  yellow: number;
  blue: number;
}
const noColours = (): ColourCounts => ({ red: 0, orange: 0, yellow: 0, blue: 0 });

export interface RiskDistribution {
  readonly total: ColourCounts;
  readonly bySector: Record<string, ColourCounts>;
  readonly byDistrict: Record<string, ColourCounts>;
}

/** Current (not retired, assessed) risks by colour, overall, by sector and by district. */
export const riskDistribution = (model: SupervisionModel, filter: ListFilter = {}): RiskDistribution => {
  const out: RiskDistribution = { total: noColours(), bySector: {}, byDistrict: {} };
  for (const row of riskList(model, filter)) {
    if (row.status === "Retired" || row.colour === null) continue;
    out.total[row.colour] += 1;
    const s = row.sector ?? "(unknown)";
    const d = row.district ?? "(unknown)";
    entry(out.bySector, s, noColours)[row.colour] += 1;
    entry(out.byDistrict, d, noColours)[row.colour] += 1;
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Dynamic supervision

export type Priority = "high" | "elevated" | "routine";

/** The priority rule, in words (printed in docs/domain/supervision.md). */
export const PRIORITY_RULE: ReadonlyArray<{ readonly priority: Priority; readonly when: string }> = [
  {
    priority: "high",
    when: "a current major (red) risk, or an open major hazard, or any overdue hazard, or in the last 12 months an accident of class larger or above or with a death",
  },
  {
    priority: "elevated",
    when: "otherwise: a current larger (orange) risk, or any open hazard, or any accident in the last 12 months",
  },
  { priority: "routine", when: "otherwise" },
];

export interface DynamicSupervisionRow {
  readonly entityId: string;
  readonly name: string;
  readonly sector: string;
  readonly district: string;
  readonly supervisingDepartment: string;
  readonly status: RegisteredEntity["status"];
  readonly highestRiskLevel: RiskLevel | null;
  readonly highestRiskColour: RiskColour | null;
  readonly openHazards: number;
  readonly overdueHazards: number;
  readonly openMajorHazards: number;
  readonly listedMajorHazards: number;
  readonly accidentsLast12Months: number;
  readonly deathsLast12Months: number;
  readonly priority: Priority;
}

const PRIORITY_ORDER: Record<Priority, number> = { high: 0, elevated: 1, routine: 2 };

/** The accident's business date (+08:00). */
export const accidentDate = (a: ReportedAccident): string => businessDate(a.occurredAt);

/** In the 12 months up to `asOf`: after the same date a year earlier, up to and including `asOf`. */
const inLast12Months = (date: string, asOf: string) => date > minusOneYear(asOf) && date <= asOf;

/**
 * Per entity (closed ones left out), as of `asOf`, ordered by priority, then by the number of
 * overdue hazards (most first), then by entity id.
 */
export const dynamicSupervision = (
  model: SupervisionModel,
  asOf: string,
  filter: ListFilter = {},
): DynamicSupervisionRow[] => {
  const risksOf = new Map<string, IdentifiedRisk[]>();
  for (const r of Object.values(model.risks))
    risksOf.set(r.entityId, [...(risksOf.get(r.entityId) ?? []), r]);
  const hazardsOf = new Map<string, RegisteredHazard[]>();
  for (const h of Object.values(model.hazards))
    hazardsOf.set(h.entityId, [...(hazardsOf.get(h.entityId) ?? []), h]);
  const accidentsOf = new Map<string, ReportedAccident[]>();
  for (const a of Object.values(model.accidents))
    if (a.entityId !== null && isCounted(a) && inLast12Months(accidentDate(a), asOf))
      accidentsOf.set(a.entityId, [...(accidentsOf.get(a.entityId) ?? []), a]);

  return entityList(model, filter)
    .filter((e) => e.status !== "Closed")
    .map((e): DynamicSupervisionRow => {
      let highest: RiskLevel | null = null;
      for (const r of risksOf.get(e.entityId) ?? []) {
        const level = r.status === "Retired" ? null : currentRiskLevel(r);
        if (level !== null && (highest === null || riskRank(level) > riskRank(highest))) highest = level;
      }
      const open = (hazardsOf.get(e.entityId) ?? []).filter((h) => h.status !== "Closed");
      const overdue = open.filter((h) => isHazardOverdue(h, asOf)).length;
      const openMajor = open.filter((h) => h.procedure === "major");
      const accidents = accidentsOf.get(e.entityId) ?? [];
      const deaths = accidents.reduce((n, a) => n + a.deaths, 0);
      const priority: Priority =
        highest === "major" ||
        openMajor.length > 0 ||
        overdue > 0 ||
        accidents.some((a) => isLargerOrAbove(a.accidentClass) || a.deaths > 0)
          ? "high"
          : highest === "larger" || open.length > 0 || accidents.length > 0
            ? "elevated"
            : "routine";
      return {
        entityId: e.entityId,
        name: e.name,
        sector: e.sector,
        district: e.district,
        supervisingDepartment: e.supervisingDepartment,
        status: e.status,
        highestRiskLevel: highest,
        highestRiskColour: highest === null ? null : riskColour(highest),
        openHazards: open.length,
        overdueHazards: overdue,
        openMajorHazards: openMajor.length,
        listedMajorHazards: openMajor.filter((h) => h.listedBy !== null).length,
        accidentsLast12Months: accidents.length,
        deathsLast12Months: deaths,
        priority,
      };
    })
    .sort(
      (a, b) =>
        PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
        b.overdueHazards - a.overdueHazards ||
        (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0),
    );
};

// ---------------------------------------------------------------------------------------------
// Accident statistics

export interface Period {
  /** First day, `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  readonly to: string;
}

export interface AccidentTotals {
  accidents: number;
  deaths: number;
  seriousInjuries: number;
  directLossFen: number;
}

export interface AccidentStats {
  readonly current: AccidentTotals;
  readonly previous: AccidentTotals;
  /** previous − current (negative when there were more). */
  readonly decrease: { readonly accidents: number; readonly deaths: number };
  /** (current − previous) ÷ previous in %, half-up to one decimal; null without a base. */
  readonly changePercent: { readonly accidents: number | null; readonly deaths: number | null };
  /** No accident of class larger or above in the period. */
  readonly zeroControl: boolean;
  readonly byClass: Record<AccidentClass, AccidentTotals>;
  readonly bySector: Record<string, AccidentTotals>;
  readonly byDistrict: Record<string, AccidentTotals>;
  /**
   * The period's structured casualty lists: how many of its accidents have one, and how many
   * persons they name with each outcome (no names). A list names at most the figures' dead and
   * seriously injured, so `counts.dead ≤ current.deaths` (the injured and missing are in neither).
   */
  readonly listed: { accidents: number; counts: Record<keyof CasualtyCounts, number> };
}

const noTotals = (): AccidentTotals => ({ accidents: 0, deaths: 0, seriousInjuries: 0, directLossFen: 0 });
const add = (t: AccidentTotals, a: ReportedAccident) => {
  t.accidents += 1;
  t.deaths += a.deaths;
  t.seriousInjuries += a.seriousInjuries;
  t.directLossFen += a.directLossFen;
};

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
const ymd = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/**
 * The same period one year earlier, month by month: a period that ends on the last day of a
 * month ends on the last day of that month a year earlier (Jan–Feb 2021 is compared with
 * 1 Jan–29 Feb 2020), and one that starts on 29 February starts on 1 March a year earlier.
 * So periods that follow each other map to periods that follow each other: no day of the
 * previous year is counted twice or left out.
 */
export const samePeriodLastYear = (period: Period): Period => {
  const [fy, fm, fd] = period.from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = period.to.split("-").map(Number) as [number, number, number];
  return {
    from: fm === 2 && fd === 29 && !isLeap(fy - 1) ? ymd(fy - 1, 3, 1) : ymd(fy - 1, fm, fd),
    to: td === daysIn(ty, tm) ? ymd(ty - 1, tm, daysIn(ty - 1, tm)) : ymd(ty - 1, tm, td),
  };
};

const inPeriod = (date: string, p: Period) => date >= p.from && date <= p.to;

const signedChange = (current: number, previous: number): number | null =>
  tenthsToNumber(percentTenths(current - previous, previous));

/**
 * A period against the same period of the previous year, from the accidents' current
 * (possibly revised) figures; an accident belongs to the period of its local (+08:00) date.
 */
export const accidentStats = (model: SupervisionModel, period: Period): AccidentStats => {
  const previousPeriod = samePeriodLastYear(period);
  const current = noTotals();
  const previous = noTotals();
  const byClass = Object.fromEntries(ACCIDENT_CLASSES.map((c) => [c.key, noTotals()])) as Record<
    AccidentClass,
    AccidentTotals
  >;
  const bySector: Record<string, AccidentTotals> = {};
  const byDistrict: Record<string, AccidentTotals> = {};
  let zeroControl = true;
  const listed = { accidents: 0, counts: { dead: 0, "seriously-injured": 0, injured: 0, missing: 0 } };
  for (const a of byId(model.accidents)) {
    if (!isCounted(a)) continue;
    const date = accidentDate(a);
    if (inPeriod(date, previousPeriod)) add(previous, a);
    if (!inPeriod(date, period)) continue;
    add(current, a);
    add(byClass[a.accidentClass], a);
    add(entry(bySector, a.sector, noTotals), a);
    add(entry(byDistrict, a.district, noTotals), a);
    if (isLargerOrAbove(a.accidentClass)) zeroControl = false;
    if (a.listed !== undefined) {
      listed.accidents += 1;
      for (const [outcome, n] of Object.entries(a.listed))
        listed.counts[outcome as keyof CasualtyCounts] += n;
    }
  }
  return {
    current,
    previous,
    decrease: { accidents: previous.accidents - current.accidents, deaths: previous.deaths - current.deaths },
    changePercent: {
      accidents: signedChange(current.accidents, previous.accidents),
      deaths: signedChange(current.deaths, previous.deaths),
    },
    zeroControl,
    byClass,
    bySector,
    byDistrict,
    listed,
  };
};

// ---------------------------------------------------------------------------------------------
// Three-transformation indicators

export interface Share {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator ÷ denominator in %, half-up to one decimal; null when the denominator is 0. */
  readonly percent: number | null;
}

export interface TransformationIndicators {
  /** Hazards registered in the period that the enterprise's own self-inspection found. */
  readonly selfInspection: Share;
  /** Risks assessed in the period whose latest assessment in it was made by the enterprise. */
  readonly enterpriseAssessment: Share;
  /** General hazards closed in the period by the enterprise's own acceptance. */
  readonly enterpriseAcceptance: Share;
}

const share = (numerator: number, denominator: number): Share => ({
  numerator,
  denominator,
  percent: tenthsToNumber(percentTenths(numerator, denominator)),
});

const indicatorsFor = (
  model: SupervisionModel,
  period: Period,
  keep: (entityId: string) => boolean,
): TransformationIndicators => {
  let found = 0;
  let self = 0;
  let closed = 0;
  let ownAccepted = 0;
  for (const h of Object.values(model.hazards)) {
    if (!keep(h.entityId)) continue;
    if (inPeriod(h.registeredOn, period)) {
      found += 1;
      if (h.source === "self-inspection") self += 1;
    }
    if (h.procedure === "general" && h.closedOn !== null && inPeriod(h.closedOn, period)) {
      closed += 1;
      if (h.acceptedBy === "enterprise") ownAccepted += 1;
    }
  }
  let assessed = 0;
  let byEnterprise = 0;
  for (const r of Object.values(model.risks)) {
    if (!keep(r.entityId)) continue;
    const inside = r.assessments.filter((a) => inPeriod(a.on, period));
    const last = inside[inside.length - 1];
    if (last === undefined) continue;
    assessed += 1;
    if (last.assessedBy === "enterprise") byEnterprise += 1;
  }
  return {
    selfInspection: share(self, found),
    enterpriseAssessment: share(byEnterprise, assessed),
    enterpriseAcceptance: share(ownAccepted, closed),
  };
};

export interface TransformationReport {
  readonly period: Period;
  readonly overall: TransformationIndicators;
  readonly bySector: Record<string, TransformationIndicators>;
  readonly byDistrict: Record<string, TransformationIndicators>;
}

/** The three indicators for a period, overall, by sector and by district (of the entity now). */
export const transformationIndicators = (
  model: SupervisionModel,
  period: Period,
  filter: ListFilter = {},
): TransformationReport => {
  const matches = (id: string) => entityMatches(model.entities[id], filter);
  const sectors = [...new Set(Object.values(model.entities).map((e) => e.sector))].sort();
  const districts = [...new Set(Object.values(model.entities).map((e) => e.district))].sort();
  return {
    period,
    overall: indicatorsFor(model, period, matches),
    bySector: Object.fromEntries(
      sectors.map((s) => [
        s,
        indicatorsFor(model, period, (id) => matches(id) && model.entities[id]?.sector === s),
      ]),
    ),
    byDistrict: Object.fromEntries(
      districts.map((d) => [
        d,
        indicatorsFor(model, period, (id) => matches(id) && model.entities[id]?.district === d),
      ]),
    ),
  };
};

export interface TransformationTrendPoint {
  readonly period: Period;
  readonly indicators: TransformationIndicators;
  /** Change from the previous period in percentage points (null for the first or without a base). */
  readonly change: {
    readonly selfInspection: number | null;
    readonly enterpriseAssessment: number | null;
    readonly enterpriseAcceptance: number | null;
  };
}

const tenthsOf = (s: Share) => percentTenths(s.numerator, s.denominator);
const delta = (a: Share | undefined, b: Share): number | null => {
  if (a === undefined) return null;
  const x = tenthsOf(a);
  const y = tenthsOf(b);
  return x === null || y === null ? null : (y - x) / 10;
};

/** How the three shares move across consecutive periods (exact, in percentage points). */
export const transformationTrend = (
  model: SupervisionModel,
  periods: ReadonlyArray<Period>,
  filter: ListFilter = {},
): TransformationTrendPoint[] => {
  const points = periods.map((p) => transformationIndicators(model, p, filter).overall);
  return periods.map((period, i) => {
    const before = i === 0 ? undefined : points[i - 1];
    const now = points[i]!;
    return {
      period,
      indicators: now,
      change: {
        selfInspection: delta(before?.selfInspection, now.selfInspection),
        enterpriseAssessment: delta(before?.enterpriseAssessment, now.enterpriseAssessment),
        enterpriseAcceptance: delta(before?.enterpriseAcceptance, now.enterpriseAcceptance),
      },
    };
  });
};
