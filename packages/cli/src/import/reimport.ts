/**
 * Re-importing a list that grows (a clerk's master spreadsheet): a row whose stream already
 * holds its registration is compared, column by column, with that stream's current state in
 * the import's columns (the ones `list --csv` writes). An unchanged row decides nothing; a
 * changed column becomes the command that changes it (a correction or a change, the file and
 * line as its reason); a changed column that no command changes is the row's error, naming the
 * column and what to do instead. Pure: the caller folds the stream.
 */
import type { Cells } from "../commands/export-rows";
import type { ReimportHint } from "../messages";
import type { ImportKind, KindSpec } from "./csv-rows";

type Row = Readonly<Record<string, unknown>>;

/** One column of a row that differs from the ledger, as text (the export's). */
export interface FieldChange {
  readonly column: string;
  readonly from: string;
  readonly to: string;
}

/** A command in the JSON form of docs/commands.md, less the actor, id and time. */
export interface ChangeCommand {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export interface RowComparison {
  readonly changes: ReadonlyArray<FieldChange>;
  readonly commands: ReadonlyArray<ChangeCommand>;
  /** Changed columns no command changes, with the catalogue's hint of what to do instead. */
  readonly refused: ReadonlyArray<FieldChange & { readonly hint: ReimportHint }>;
}

interface ChangeRule {
  readonly columns: ReadonlyArray<string>;
  /** The command for a row whose `changed` columns are among this rule's. */
  readonly command: (row: Row, changed: ReadonlySet<string>, reason: string) => ChangeCommand;
}

interface Reimport {
  readonly rules: ReadonlyArray<ChangeRule>;
  /** Columns no command changes, with what to do instead (a hint of the catalogue). */
  readonly fixed: Readonly<Record<string, ReimportHint>>;
  /** Columns not compared for this row (besides empty date columns, which take defaults). */
  readonly notCompared?: (row: Row) => ReadonlyArray<string>;
  /** The row as the state holds it, where a column is read otherwise (an accident's loss in yuan). */
  readonly normalise?: (row: Row) => Row;
}

/** Only the changed ones of these columns, from the row (an emptied optional column as ""). */
const changedOf = (row: Row, changed: ReadonlySet<string>, columns: ReadonlyArray<string>) =>
  Object.fromEntries(columns.filter((c) => changed.has(c)).map((c) => [c, row[c] ?? ""]));

const person = (name: unknown, phone: unknown) => (phone === undefined ? { name } : { name, phone });

const entities: Reimport = {
  rules: [
    {
      columns: ["name", "address", "creditCode"],
      command: (r, changed, reason) => ({
        type: "CorrectEntityDetails",
        data: { entityId: r.entityId, ...changedOf(r, changed, ["name", "address", "creditCode"]), reason },
      }),
    },
    {
      columns: ["principal", "principalPhone"],
      command: (r, _, reason) => ({
        type: "ChangePrincipal",
        data: { entityId: r.entityId, principal: person(r.principal, r.principalPhone), reason },
      }),
    },
    {
      columns: ["safetyManager", "safetyManagerPhone"],
      command: (r, _, reason) => ({
        type: "ChangeSafetyManager",
        data: { entityId: r.entityId, safetyManager: person(r.safetyManager, r.safetyManagerPhone), reason },
      }),
    },
    {
      columns: ["sector", "district"],
      command: (r, changed, reason) => ({
        type: "ReclassifyEntity",
        data: { entityId: r.entityId, ...changedOf(r, changed, ["sector", "district"]), reason },
      }),
    },
    {
      columns: ["supervisingDepartment"],
      command: (r, _, reason) => ({
        type: "TransferSupervision",
        data: { entityId: r.entityId, supervisingDepartment: r.supervisingDepartment, reason },
      }),
    },
    // Yes activates a registered entity (the decider refuses a suspended or closed one).
    { columns: ["active"], command: (r) => ({ type: "ActivateEntity", data: { entityId: r.entityId } }) },
  ],
  fixed: { registeredOn: "registrationDate" },
  // No (or empty) never suspends or closes an entity: that is `submit SuspendEntity` or `CloseEntity`.
  notCompared: (r) => (r.active === true ? [] : ["active"]),
};

/** No command corrects an assignment: a changed element is refused, column by column. */
const tasks: Reimport = {
  rules: [],
  fixed: {
    ...Object.fromEntries(
      [
        "campaignId",
        "workstream",
        "task",
        "element",
        "leadUnit",
        "coUnits",
        "stage",
        "deliverable",
        "recurrence",
      ].map((c) => [c, "taskAssigned" as const]),
    ),
    deadline: "taskDeadline",
    assignedOn: "assignmentDate",
  },
  // An empty recurrence is the assignment's default (none).
  notCompared: (r) => (r.recurrence === undefined ? ["recurrence"] : []),
};

const LEC = ["lecL", "lecE", "lecC"] as const;
const MATRIX = ["matrixLikelihood", "matrixSeverity"] as const;
const given = (r: Row, columns: ReadonlyArray<string>) => columns.some((c) => r[c] !== undefined);

const risks: Reimport = {
  rules: [
    {
      // A new initial assessment from the row's factors (the decider asks for the reason).
      columns: [...LEC, ...MATRIX],
      command: (r, _, reason) => ({
        type: "AssessRisk",
        data: {
          riskId: r.riskId,
          entityId: r.entityId,
          stage: "initial",
          ...(given(r, LEC) ? { lec: { l: r.lecL, e: r.lecE, c: r.lecC } } : {}),
          ...(given(r, MATRIX)
            ? { matrix: { likelihood: r.matrixLikelihood, severity: r.matrixSeverity } }
            : {}),
          reason,
        },
      }),
    },
    {
      columns: ["measures", "responsiblePerson", "responsiblePhone"],
      command: (r) => ({
        type: "SetRiskControls",
        data: {
          riskId: r.riskId,
          entityId: r.entityId,
          measures: r.measures ?? [],
          responsiblePerson: person(r.responsiblePerson, r.responsiblePhone),
        },
      }),
    },
  ],
  fixed: {
    entityId: "riskEntity",
    name: "riskPoint",
    location: "riskPoint",
    description: "riskPoint",
    identifiedOn: "identificationDate",
  },
};

const hazards: Reimport = {
  rules: [
    {
      columns: ["description", "location"],
      command: (r, changed, reason) => ({
        type: "CorrectHazardDescription",
        data: {
          hazardId: r.hazardId,
          entityId: r.entityId,
          ...changedOf(r, changed, ["description", "location"]),
          reason,
        },
      }),
    },
    {
      columns: ["grade"],
      command: (r, _, reason) => ({
        type: "RegradeHazard",
        data: { hazardId: r.hazardId, entityId: r.entityId, grade: r.grade, reason },
      }),
    },
  ],
  fixed: {
    entityId: "hazardEntity",
    source: "hazardSource",
    discoveredOn: "discoveryDate",
    deadline: "hazardDeadline",
    reopens: "reopens",
    registeredOn: "registrationDate",
  },
};

const accidents: Reimport = {
  rules: [
    {
      columns: ["occurredAt", "sector", "district", "kind", "description"],
      command: (r, changed, reason) => ({
        type: "CorrectAccidentReport",
        data: {
          accidentId: r.accidentId,
          ...changedOf(r, changed, ["occurredAt", "sector", "district", "kind", "description"]),
          reason,
        },
      }),
    },
    {
      columns: ["deaths", "seriousInjuries", "directLossFen"],
      // revised figures with a casualty list in the row revise the list too (the list is not
      // compared: a list changed with the figures unchanged is `submit`'s)
      command: (r, _, reason) => ({
        type: "ReviseAccidentCasualties",
        data: {
          accidentId: r.accidentId,
          deaths: r.deaths,
          seriousInjuries: r.seriousInjuries,
          directLossFen: r.directLossFen,
          reason,
          ...(Array.isArray(r.casualties) && r.casualties.length > 0 ? { casualties: r.casualties } : {}),
        },
      }),
    },
  ],
  fixed: {
    entityId: "accidentEntity",
    reportedAt: "reportedAt",
    lateReason: "lateReason",
  },
  // With an entity, sector and district are the entity's; without a kind the report's stays.
  // The casualty list is the report's, kept as given (personal, encrypted): not compared.
  notCompared: (r) => [
    "casualties",
    ...(r.entityId === undefined ? [] : ["sector", "district"]),
    ...(r.kind === undefined ? ["kind"] : []),
  ],
  normalise: (r) => ({ ...r, directLossFen: r.directLossFen ?? r.directLossYuan ?? r.directLossWanYuan }),
};

const REIMPORTS: Readonly<Record<ImportKind, Reimport>> = {
  tasks,
  entities,
  risks,
  hazards,
  accidents,
};

const asText = (v: unknown): string =>
  v === undefined || v === null
    ? ""
    : Array.isArray(v)
      ? v.join(";")
      : typeof v === "boolean"
        ? v
          ? "yes"
          : "no"
        : String(v);

/** Date-times are the same instant however they are written (+08:00 or Z). */
const same = (a: string, b: string, dateTime: boolean): boolean =>
  a === b || (dateTime && a !== "" && b !== "" && Date.parse(a) === Date.parse(b));

/**
 * A row against its stream's state (`state`, in import columns). `given` is the header each
 * column had in the file, so that changes and refusals name the clerk's own column.
 */
export const compareRow = (
  spec: KindSpec,
  typed: Row,
  state: Cells,
  given: Readonly<Record<string, string>>,
  reason: string,
): RowComparison => {
  const reimport = REIMPORTS[spec.kind];
  const row = reimport.normalise?.(typed) ?? typed;
  const skipped = new Set(reimport.notCompared?.(row) ?? []);
  const changed = new Set<string>();
  const changes: FieldChange[] = [];
  const refused: (FieldChange & { hint: ReimportHint })[] = [];
  for (const column of spec.columns) {
    const name = column.name;
    if (!(name in state) || skipped.has(name)) continue;
    if (spec.dateColumns.includes(name) && row[name] === undefined) continue;
    const from = asText(state[name]);
    const to = asText(row[name]);
    if (same(from, to, column.cell.name === "date-time")) continue;
    const header = given[name] ?? name;
    changes.push({ column: header, from, to });
    changed.add(name);
    const fixed = reimport.fixed[name];
    if (fixed !== undefined || !reimport.rules.some((r) => r.columns.includes(name)))
      refused.push({ column: header, from, to, hint: fixed ?? "keptAsRecorded" });
  }
  const commands = reimport.rules
    .filter((rule) => rule.columns.some((c) => changed.has(c)))
    .map((rule) => rule.command(row, changed, reason));
  return { changes, commands, refused };
};

/**
 * For docs/commands.md: per kind, the command each group of changed columns becomes, and the
 * columns re-import refuses.
 */
export const reimportTable = (): string =>
  [
    "| list | changed columns | become |",
    "| --- | --- | --- |",
    ...(Object.entries(REIMPORTS) as Array<[ImportKind, Reimport]>).flatMap(([kind, reimport]) => [
      ...reimport.rules.map(
        (rule) =>
          `| ${kind} | ${rule.columns.map((c) => `\`${c}\``).join(", ")} | \`${rule.command({}, new Set(), "").type}\` |`,
      ),
      `| ${kind} | ${Object.keys(reimport.fixed)
        .map((c) => `\`${c}\``)
        .join(", ")} | refused (\`NOT_CHANGED_BY_REIMPORT\`) |`,
    ]),
  ].join("\n");
