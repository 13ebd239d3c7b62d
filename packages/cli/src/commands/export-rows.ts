/**
 * A list in the columns `import` reads, for `list … --csv` and `--xlsx`: exported and imported
 * into a ledger that has what the rows refer to, it gives the same list (what a row registers:
 * a later state, such as a closed hazard, a suspended entity or an extended deadline, is the
 * ledger's, not the file's). The same cells are a stream's state for re-import (`STATE_CELLS`).
 */
import {
  type AccidentState,
  type AssignedTask,
  type EntityState,
  type HazardState,
  type IdentifiedRisk,
  isIdentified,
  isRegistered,
  isReported,
  isTaskAssigned,
  type RegisteredEntity,
  type RegisteredHazard,
  type ReportedAccident,
  type RiskState,
  type SupervisionModel,
  type TaskState,
} from "@safety-ledger/core";
import { type ImportKind, KINDS } from "../import/csv-rows";

export type ExportKind = Extract<ImportKind, "entities" | "risks" | "hazards" | "accidents">;
export const EXPORT_KINDS: ReadonlyArray<ExportKind> = ["entities", "risks", "hazards", "accidents"];

export type Cells = Readonly<Record<string, string | number | null | undefined>>;

const entityCells = (e: RegisteredEntity): Cells => ({
  entityId: e.entityId,
  name: e.name,
  sector: e.sector,
  district: e.district,
  supervisingDepartment: e.supervisingDepartment,
  principal: e.principal.name,
  principalPhone: e.principal.phone,
  safetyManager: e.safetyManager.name,
  safetyManagerPhone: e.safetyManager.phone,
  address: e.address,
  creditCode: e.creditCode,
  active: e.status === "Active" ? "yes" : "no",
  registeredOn: e.registeredOn,
});

/** A risk's identification, its initial assessment's inputs and its current controls. */
const riskCells = (r: IdentifiedRisk): Cells => ({
  riskId: r.riskId,
  entityId: r.entityId,
  name: r.name,
  location: r.location,
  description: r.description,
  lecL: r.initial?.lec?.l,
  lecE: r.initial?.lec?.e,
  lecC: r.initial?.lec?.c,
  matrixLikelihood: r.initial?.matrix?.likelihood,
  matrixSeverity: r.initial?.matrix?.severity,
  measures: r.controls?.measures.join(";"),
  responsiblePerson: r.controls?.responsiblePerson.name,
  responsiblePhone: r.controls?.responsiblePerson.phone,
  identifiedOn: r.identifiedOn,
});

const hazardCells = (h: RegisteredHazard): Cells => ({
  hazardId: h.hazardId,
  entityId: h.entityId,
  source: h.source,
  grade: h.grade,
  description: h.description,
  discoveredOn: h.discoveredOn,
  deadline: h.deadline,
  location: h.location,
  reopens: h.reopens,
  registeredOn: h.registeredOn,
});

const accidentCells = (a: ReportedAccident): Cells => ({
  accidentId: a.accidentId,
  occurredAt: a.occurredAt,
  deaths: a.deaths,
  seriousInjuries: a.seriousInjuries,
  directLossFen: a.directLossFen,
  description: a.description,
  entityId: a.entityId,
  // An accident on the real-name list takes its sector and district from the entity.
  sector: a.entityId === null ? a.sector : null,
  district: a.entityId === null ? a.district : null,
  kind: a.kind,
  reportedAt: a.reportedAt,
  lateReason: a.lateReason,
});

/** A task element as assigned (a later extension is the ledger's, not the file's). */
const taskCells = (t: AssignedTask): Cells => ({
  code: t.code,
  campaignId: t.campaignId,
  workstream: t.workstream,
  task: t.task,
  element: t.element,
  leadUnit: t.leadUnit,
  coUnits: t.coUnits.join(";"),
  deadline: t.deadline,
  stage: t.stage,
  deliverable: t.deliverable,
  // A one-off element is written with no recurrence: AssignTaskElement takes quarterly or yearly.
  recurrence: t.recurrence === "none" ? null : t.recurrence,
  assignedOn: t.assignedOn,
});

/** A stream's folded state in the import's columns, or undefined while it holds nothing (for re-import). */
export const STATE_CELLS: Readonly<Record<ImportKind, (state: unknown) => Cells | undefined>> = {
  tasks: (s) => {
    const state = s as TaskState;
    return isTaskAssigned(state) ? taskCells(state) : undefined;
  },
  entities: (s) => {
    const state = s as EntityState;
    return isRegistered(state) ? entityCells(state) : undefined;
  },
  risks: (s) => {
    const state = s as RiskState;
    return isIdentified(state) ? riskCells(state) : undefined;
  },
  hazards: (s) => {
    const state = s as HazardState;
    return state.status === "None" ? undefined : hazardCells(state);
  },
  accidents: (s) => {
    const state = s as AccidentState;
    return isReported(state) ? accidentCells(state) : undefined;
  },
};

/** Text cells in the order of a kind's import columns. */
const inColumns = (kind: ImportKind, cells: ReadonlyArray<Cells>): { head: string[]; rows: string[][] } => {
  const head = KINDS[kind].columns.map((c) => c.name);
  return {
    head,
    rows: cells.map((row) =>
      head.map((column) => (row[column] === null || row[column] === undefined ? "" : String(row[column]))),
    ),
  };
};

/** The Key Task List's elements as assigned, by code, in the columns `import tasks` reads. */
export const exportTaskRows = (
  tasks: ReadonlyMap<string, TaskState>,
  keep: (code: string) => boolean,
): { head: string[]; rows: string[][] } =>
  inColumns(
    "tasks",
    [...tasks.keys()]
      .sort()
      .filter(keep)
      .map((code) => tasks.get(code))
      .filter((t): t is AssignedTask => t !== undefined && isTaskAssigned(t))
      .map(taskCells),
  );

const byKey = <T>(record: Readonly<Record<string, T>>): T[] =>
  Object.keys(record)
    .sort()
    .map((k) => record[k] as T);

/** The header (the import's column names) and the rows of one list, as text cells. */
export const exportRows = (
  model: SupervisionModel,
  kind: ExportKind,
  keep: (row: { readonly status: string }) => boolean,
): { head: string[]; rows: string[][] } => {
  const cells: Cells[] =
    kind === "entities"
      ? byKey(model.entities).filter(keep).map(entityCells)
      : kind === "risks"
        ? byKey(model.risks).filter(keep).map(riskCells)
        : kind === "hazards"
          ? byKey(model.hazards).filter(keep).map(hazardCells)
          : byKey(model.accidents).filter(keep).map(accidentCells);
  return inColumns(kind, cells);
};
