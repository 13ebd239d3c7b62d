/**
 * `list KIND`: the Key Task List, the overdue list and the three basic lists (entities, risks,
 * hazards), plus accidents, as of a date; as a table, JSON or CSV, with filters.
 */
import {
  accidentDate,
  type EventStore,
  entityList,
  hazardList,
  keyTaskList,
  ledgerAt,
  overdueList,
  type RiskLevel,
  riskList,
  type SupervisionModel,
  type TaskState,
  type TaskStatus,
} from "@safety-ledger/core";
import { casualtyCountsText } from "../casualty-counts";
import { usage } from "../cli-error-texts";
import { writeSheet } from "../import/xlsx";
import { type Lang, MESSAGES } from "../messages";
import { type Cell, csv, type Io, table, toJson } from "../output";
import { loadCampaign, loadSupervision, type Stamp } from "../read-models";
import { type ValueSet, valueLabel } from "../value-labels";
import { exportInLanguage } from "./export-language";
import { EXPORT_KINDS, type ExportKind, exportRows, exportTaskRows } from "./export-rows";
import { filterKey } from "./filter-values";

export const LIST_KINDS = ["tasks", "entities", "risks", "hazards", "accidents", "overdue"] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface ListFilters {
  readonly workstream?: string;
  readonly unit?: string;
  readonly stage?: string;
  readonly status?: string;
  readonly overdue?: boolean;
  readonly sector?: string;
  readonly district?: string;
  readonly department?: string;
  readonly level?: string;
  readonly grade?: string;
}

/** Which filters each list understands. */
export const FILTERS_OF: Readonly<Record<ListKind, ReadonlyArray<keyof ListFilters>>> = {
  tasks: ["workstream", "unit", "stage", "status", "overdue"],
  overdue: ["workstream", "unit"],
  entities: ["sector", "district", "department", "status"],
  risks: ["sector", "district", "department", "status", "level"],
  hazards: ["sector", "district", "department", "status", "overdue", "grade"],
  accidents: ["sector", "district", "department", "status"],
};

const RISK_LEVELS: ReadonlyArray<RiskLevel> = ["major", "larger", "general", "low"];

/** The columns of each list's table whose cells are values of a set, shown by name (value-labels.ts). */
const CELL_VALUES: Readonly<Record<ListKind, Readonly<Record<string, ValueSet>>>> = {
  tasks: { stage: "stage", state: "taskStatus" },
  overdue: { state: "taskStatus", "escalated to": "escalation", "next step": "escalation" },
  entities: { sector: "sector", district: "district", status: "entityStatus" },
  risks: { sector: "sector", district: "district", level: "level", colour: "colour", status: "riskStatus" },
  hazards: { grade: "grade", source: "hazardSource", status: "hazardStatus", overdue: "yesNo" },
  accidents: { class: "accidentClass", sector: "sector", district: "district", status: "accidentStatus" },
};

/** A list's table rows with its values shown by name in a language. */
const labelled = (kind: ListKind, result: ListResult, lang: Lang): ReadonlyArray<ReadonlyArray<Cell>> => {
  const sets = result.head.map((h) => CELL_VALUES[kind][h]);
  return result.rows.map((row) =>
    row.map((cell, i) => {
      const set = sets[i];
      return set === undefined || typeof cell !== "string" || cell === ""
        ? cell
        : valueLabel(set, cell, lang);
    }),
  );
};

export interface ListResult {
  readonly head: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>;
  readonly json: ReadonlyArray<unknown>;
  /** The supervision model the rows come from (the supervision lists), for the import-column export. */
  readonly model?: SupervisionModel;
  /** The task elements as of the date (the Key Task List), for the import-column export. */
  readonly tasks?: ReadonlyMap<string, TaskState>;
}

const list = (values: ReadonlyArray<string>) => values.join("; ");

const supervisionFilter = (f: ListFilters) => ({
  ...(f.sector === undefined ? {} : { sector: f.sector }),
  ...(f.district === undefined ? {} : { district: f.district }),
  ...(f.department === undefined ? {} : { supervisingDepartment: f.department }),
  ...(f.status === undefined ? {} : { state: f.status }),
});

export const accidentRows = (model: SupervisionModel, f: ListFilters) =>
  Object.values(model.accidents)
    .filter(
      (a) =>
        (f.sector === undefined || a.sector === f.sector) &&
        (f.district === undefined || a.district === f.district) &&
        (f.department === undefined || a.supervisingDepartment === f.department) &&
        // A withdrawn report is listed only when asked for by its status.
        (f.status === undefined ? a.status !== "Withdrawn" : a.status === f.status),
    )
    .map((a) => ({ ...a, date: accidentDate(a) }))
    .sort((a, b) =>
      a.occurredAt !== b.occurredAt
        ? Date.parse(a.occurredAt) - Date.parse(b.occurredAt)
        : a.accidentId < b.accidentId
          ? -1
          : 1,
    );

const campaignList = async (
  store: EventStore,
  kind: "tasks" | "overdue",
  asOf: string,
  f: ListFilters,
): Promise<ListResult & { stamp: Stamp }> => {
  const { model, stamp } = await loadCampaign(store, asOf, kind === "overdue");
  if (kind === "tasks") {
    const rows = keyTaskList(model, asOf, {
      ...(f.unit === undefined ? {} : { unit: f.unit }),
      ...(f.workstream === undefined ? {} : { workstream: f.workstream }),
      ...(f.stage === undefined ? {} : { stage: f.stage }),
      ...(f.status === undefined ? {} : { state: f.status as TaskStatus }),
      ...(f.overdue === undefined ? {} : { overdue: f.overdue }),
    });
    return {
      stamp,
      tasks: ledgerAt(model, asOf).tasks,
      json: rows,
      head: [
        "code",
        "workstream",
        "element",
        "lead unit",
        "co-units",
        "deadline",
        "stage",
        "state",
        "overdue days",
      ],
      rows: rows.map((r) => [
        r.code,
        r.workstream,
        r.element,
        r.leadUnit,
        list(r.coUnits),
        r.deadline,
        r.stage,
        r.state,
        r.overdue ? r.overdueDays : "",
      ]),
    };
  }
  const rows = overdueList(model, asOf).filter(
    (r) =>
      (f.workstream === undefined || r.workstream === f.workstream) &&
      (f.unit === undefined || r.leadUnit === f.unit),
  );
  return {
    stamp,
    json: rows,
    head: ["code", "workstream", "lead unit", "state", "due", "days overdue", "escalated to", "next step"],
    rows: rows.map((r) => [
      r.code,
      r.workstream,
      r.leadUnit,
      r.state,
      r.due,
      r.daysOverdue,
      r.highestEscalation ?? "",
      r.nextEscalation ?? "",
    ]),
  };
};

const supervisionList = async (
  store: EventStore,
  kind: "entities" | "risks" | "hazards" | "accidents",
  asOf: string,
  f: ListFilters,
  lang: Lang,
): Promise<ListResult & { stamp: Stamp }> => {
  const { model, stamp } = await loadSupervision(store, asOf);
  const filter = supervisionFilter(f);
  switch (kind) {
    case "entities": {
      const rows = entityList(model, filter);
      return {
        stamp,
        model,
        json: rows,
        head: [
          "entity",
          "name",
          "sector",
          "district",
          "supervising department",
          "principal",
          "principal phone",
          "safety manager",
          "safety manager phone",
          "address",
          "credit code",
          "status",
          "registered",
        ],
        rows: rows.map((e) => [
          e.entityId,
          e.name,
          e.sector,
          e.district,
          e.supervisingDepartment,
          e.principal.name,
          e.principal.phone ?? "",
          e.safetyManager.name,
          e.safetyManager.phone ?? "",
          e.address ?? "",
          e.creditCode ?? "",
          e.status,
          e.registeredOn,
        ]),
      };
    }
    case "risks": {
      if (f.level !== undefined && !RISK_LEVELS.includes(f.level as RiskLevel))
        throw usage("UNKNOWN_RISK_LEVEL", { level: f.level, choices: RISK_LEVELS.join(", ") });
      const rows = riskList(model, {
        ...filter,
        ...(f.level === undefined ? {} : { level: f.level as RiskLevel }),
      });
      return {
        stamp,
        model,
        json: rows,
        head: ["risk", "entity", "name", "sector", "district", "level", "colour", "responsible", "status"],
        rows: rows.map((r) => [
          r.riskId,
          r.entityId,
          r.name,
          r.sector,
          r.district,
          r.level,
          r.colour,
          r.responsiblePerson,
          r.status,
        ]),
      };
    }
    case "hazards": {
      const rows = hazardList(model, asOf, {
        ...filter,
        ...(f.overdue === undefined ? {} : { overdue: f.overdue }),
        ...(f.grade === undefined ? {} : { grade: f.grade }),
      });
      return {
        stamp,
        model,
        json: rows,
        head: [
          "hazard",
          "entity",
          "grade",
          "source",
          "status",
          "discovered",
          "deadline",
          "overdue",
          "listed by",
        ],
        rows: rows.map((h) => [
          h.hazardId,
          h.entityId,
          h.grade,
          h.source,
          h.status,
          h.discoveredOn,
          h.deadline,
          h.overdue ? "yes" : "",
          h.listedBy,
        ]),
      };
    }
    case "accidents": {
      const rows = accidentRows(model, f);
      return {
        stamp,
        model,
        json: rows,
        head: [
          "accident",
          "date",
          "class",
          "deaths",
          "serious injuries",
          "casualty list",
          "direct loss (fen)",
          "sector",
          "district",
          "entity",
          "status",
        ],
        rows: rows.map((a) => [
          a.accidentId,
          a.date,
          a.accidentClass,
          a.deaths,
          a.seriousInjuries,
          casualtyCountsText(a.listed, lang),
          a.directLossFen,
          a.sector,
          a.district,
          a.entityId,
          a.status,
        ]),
      };
    }
  }
};

/**
 * A usage error when a filter does not apply to the list or names no value of the reference
 * data; otherwise the filters with each value as its key (a Chinese name becomes the key).
 */
export const checkFilters = (kind: ListKind, filters: ListFilters): ListFilters => {
  const unknown = (Object.keys(filters) as Array<keyof ListFilters>).filter(
    (k) => filters[k] !== undefined && !FILTERS_OF[kind].includes(k),
  );
  if (unknown.length > 0)
    throw usage("FILTER_NOT_TAKEN", {
      kind,
      given: unknown.map((k) => `--${k}`).join(", "),
      takes: FILTERS_OF[kind].map((k) => `--${k}`).join(", "),
    });
  return Object.fromEntries(
    Object.entries(filters).map(([k, v]) => [k, typeof v === "string" ? filterKey(k, kind, v) : v]),
  ) as ListFilters;
};

export const listRows = (
  store: EventStore,
  kind: ListKind,
  asOf: string,
  filters: ListFilters,
  lang: Lang = "en",
): Promise<ListResult & { stamp: Stamp }> => {
  const checked = checkFilters(kind, filters);
  return kind === "tasks" || kind === "overdue"
    ? campaignList(store, kind, asOf, checked)
    : supervisionList(store, kind, asOf, checked, lang);
};

/** The rows of a list in the columns `import` reads, for the lists that import takes back. */
const exportable = (
  kind: ListKind,
  result: ListResult,
  lang: Lang,
): { head: string[]; rows: string[][] } | undefined => {
  if (kind === "tasks" && result.tasks !== undefined) {
    const listed = new Set(result.json.map((row) => (row as { code: string }).code));
    return exportInLanguage(
      "tasks",
      exportTaskRows(result.tasks, (code) => listed.has(code)),
      lang,
    );
  }
  if (result.model === undefined || !(EXPORT_KINDS as ReadonlyArray<string>).includes(kind)) return undefined;
  const id = (
    { entities: "entityId", risks: "riskId", hazards: "hazardId", accidents: "accidentId" } as const
  )[kind as ExportKind];
  const listed = new Set(result.json.map((row) => (row as Record<string, string>)[id]));
  return exportInLanguage(
    kind as ExportKind,
    exportRows(result.model, kind as ExportKind, (row) =>
      listed.has((row as unknown as Record<string, string>)[id]),
    ),
    lang,
  );
};

export const listCommand = async (
  store: EventStore,
  kind: ListKind,
  asOf: string,
  filters: ListFilters,
  io: Io,
  format: "table" | "json" | "csv" | { readonly xlsx: string },
  lang: Lang = "en",
): Promise<number> => {
  const say = MESSAGES[lang].list;
  const result = await listRows(store, kind, asOf, filters, lang);
  const exported = exportable(kind, result, lang);
  // a list import does not take back (overdue) is exported as its table reads
  const asRead = () => ({
    head: result.head.map((h) => say.head[h] ?? h),
    rows: labelled(kind, result, lang),
  });
  if (format === "json")
    io.out(toJson({ kind, asOf, count: result.json.length, rows: result.json, stamp: result.stamp }));
  else if (typeof format === "object") {
    const { head, rows } = exported ?? asRead();
    await writeSheet(
      format.xlsx,
      kind,
      head,
      rows.map((r) => r.map((c) => (c === undefined ? null : (c as string | number | null)))),
    );
    io.err(say.written(rows.length, say.kinds[kind] ?? kind, asOf, format.xlsx));
  } else if (format === "csv") {
    const { head, rows } = exported ?? asRead();
    // A BOM, so that Excel on a Chinese desktop opens the UTF-8 file as UTF-8.
    io.out(`\uFEFF${csv(head, rows)}`);
  } else {
    if (result.rows.length > 0)
      io.out(
        table(
          result.head.map((h) => say.head[h] ?? h),
          labelled(kind, result, lang),
        ),
      );
    io.out(say.count(result.rows.length, say.kinds[kind] ?? kind, asOf));
  }
  return 0;
};
