/**
 * CSV rows → commands, for `import KIND FILE.csv`. Pure: no store, no clock, no file.
 *
 * A row goes through io-ts twice: first the row codec of its kind turns the cells (strings)
 * into typed values (a whole number, a list, yes/no), naming the column that fails; then the
 * command it stands for is decoded with the ledger's own command codecs (`decodeCommandJson`),
 * and a failing field is mapped back to its column. Command ids are derived from the file's
 * content hash and the row's line, so importing the same file again appends nothing.
 */
import { createHash } from "node:crypto";
import { type Actor, type DecodedCommand, decodeCommandJson, issuesOf } from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";

export const IMPORT_KINDS = ["tasks", "entities", "risks", "hazards", "accidents"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A problem with one row (line 1 is the header). `column` is absent for the row as a whole. */
export interface RowIssue {
  readonly line: number;
  readonly column?: string;
  readonly message: string;
  readonly code?: string;
}

// ---------------------------------------------------------------------------------------------
// Cell codecs: from the text of a cell to a value, io-ts style.

type Cell<A> = t.Type<A, string, unknown>;

const cell = <A>(name: string, parse: (s: string) => A | undefined, reason: string): Cell<A> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => u !== undefined,
    (u, c) => {
      if (typeof u !== "string") return t.failure(u, c, reason);
      const v = parse(u.trim());
      return v === undefined ? t.failure(u, c, `${reason}, got "${u}"`) : t.success(v);
    },
    (a) => String(a),
  );

const text: Cell<string> = cell("text", (s) => (s === "" ? undefined : s), "must not be empty");
const whole: Cell<number> = cell(
  "whole number",
  (s) => (/^\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : undefined),
  "must be a whole number, 0 or more",
);
const decimal: Cell<number> = cell(
  "number",
  (s) => (/^\d+(\.\d+)?$/.test(s) ? Number(s) : undefined),
  "must be a number such as 6 or 0.5",
);
/** Several values in one cell, separated by semicolons. */
const list: Cell<string[]> = cell(
  "list",
  (s) => {
    const items = s
      .split(";")
      .map((x) => x.trim())
      .filter((x) => x !== "");
    return items;
  },
  "must be values separated by ';'",
);
const yesNo: Cell<boolean> = cell(
  "yes/no",
  (s) => {
    const v = s.toLowerCase();
    return ["yes", "y", "true", "1"].includes(v)
      ? true
      : ["no", "n", "false", "0"].includes(v)
        ? false
        : undefined;
  },
  "must be yes or no",
);

/** Present and not empty. */
const required = <A>(c: Cell<A>): Cell<A> =>
  new t.Type<A, string, unknown>(
    c.name,
    c.is,
    (u, ctx) =>
      u === undefined || (typeof u === "string" && u.trim() === "")
        ? t.failure(u, ctx, "is required and is empty")
        : c.validate(u, ctx),
    c.encode,
  );

/** Absent or empty is undefined. */
const optional = <A>(c: Cell<A>): t.Type<A | undefined, string | undefined, unknown> =>
  new t.Type<A | undefined, string | undefined, unknown>(
    c.name,
    (u): u is A | undefined => u === undefined || c.is(u),
    (u, ctx) =>
      u === undefined || (typeof u === "string" && u.trim() === "")
        ? t.success(undefined)
        : c.validate(u, ctx),
    (a) => (a === undefined ? undefined : c.encode(a)),
  );

// ---------------------------------------------------------------------------------------------
// The kinds: their columns (documented), row codecs and the commands a row stands for.

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  readonly doc: string;
  // biome-ignore lint/suspicious/noExplicitAny: a column of any cell type
  readonly cell: Cell<any>;
}

const col = <A>(name: string, isRequired: boolean, c: Cell<A>, doc: string): ColumnSpec => ({
  name,
  required: isRequired,
  cell: c,
  doc,
});

/** A command a row stands for, in the JSON form of docs/commands.md less the actor and id. */
export interface RowCommand {
  readonly type: string;
  readonly data: Record<string, unknown>;
  /** Business time of the command. */
  readonly occurredAt: string;
}

type Row = Record<string, unknown>;

export interface KindSpec {
  readonly kind: ImportKind;
  /** What a row stands for, for the help. */
  readonly doc: string;
  readonly columns: ReadonlyArray<ColumnSpec>;
  /** `defaultOn`: the business date of rows that carry none (the `--on` option or now). */
  readonly toCommands: (row: Row, defaultOn: string) => ReadonlyArray<RowCommand>;
  /** The column a command field (`principal.name`) comes from, when it is not the field's own name. */
  readonly fieldColumns: Readonly<Record<string, string>>;
  /** Where a row's business time comes from, in order of preference (then `--on`). */
  readonly dateColumns: ReadonlyArray<string>;
}

/** Leave out undefined values, so optional fields are absent, not null. */
const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const person = (name: unknown, phone: unknown) => defined({ name, phone });

const tasks: KindSpec = {
  kind: "tasks",
  doc: "one Key Task List row: AssignTaskElement (elements not yet on their workstream's list are listed first, one ListWorkstreamElements per workstream)",
  columns: [
    col("code", true, text, "element code, unique in the campaign (T01-001)"),
    col("campaignId", true, text, "the campaign"),
    col("workstream", true, text, "workstream code"),
    col("task", true, text, "the key task"),
    col("element", true, text, "the element's text"),
    col("leadUnit", true, text, "the one lead unit (牵头单位)"),
    col("coUnits", false, list, "co-responsible units (配合单位), separated by ';'"),
    col("deadline", true, text, "YYYY-MM-DD"),
    col("stage", true, text, "stage key (mobilisation, investigation, tackling, consolidation)"),
    col("deliverable", true, text, "expected deliverable or evidence (完成标志)"),
    col("recurrence", false, text, "quarterly or yearly, for recurring elements"),
    col("assignedOn", false, text, "business date of the assignment (default: --on)"),
  ],
  toCommands: (r, on) => [
    {
      type: "AssignTaskElement",
      occurredAt: (r.assignedOn as string | undefined) ?? on,
      data: defined({
        code: r.code,
        campaignId: r.campaignId,
        workstream: r.workstream,
        task: r.task,
        element: r.element,
        leadUnit: r.leadUnit,
        coUnits: r.coUnits ?? [],
        deadline: r.deadline,
        stage: r.stage,
        deliverable: r.deliverable,
        recurrence: r.recurrence,
      }),
    },
  ],
  fieldColumns: { elements: "code" },
  dateColumns: ["assignedOn"],
};

const entities: KindSpec = {
  kind: "entities",
  doc: "one supervised entity of the real-name list: RegisterEntity (and ActivateEntity when active is yes)",
  columns: [
    col("entityId", true, text, "entity code (E-0001)"),
    col("name", true, text, "name of the enterprise or site"),
    col("sector", true, text, "sector key (coal-mine, hazardous-chemicals, …)"),
    col("district", true, text, "district or county key (lizhou, cangxi, …)"),
    col("supervisingDepartment", true, text, "the supervising department's unit"),
    col("principal", true, text, "principal person's name"),
    col("principalPhone", false, text, "principal person's phone"),
    col("safetyManager", true, text, "safety manager's name"),
    col("safetyManagerPhone", false, text, "safety manager's phone"),
    col("address", false, text, "address"),
    col("creditCode", false, text, "unified social credit code"),
    col("active", false, yesNo, "yes to activate the entity at once (default no)"),
    col("registeredOn", false, text, "business date of the registration (default: --on)"),
  ],
  toCommands: (r, on) => {
    const occurredAt = (r.registeredOn as string | undefined) ?? on;
    return [
      {
        type: "RegisterEntity",
        occurredAt,
        data: defined({
          entityId: r.entityId,
          name: r.name,
          sector: r.sector,
          district: r.district,
          supervisingDepartment: r.supervisingDepartment,
          principal: person(r.principal, r.principalPhone),
          safetyManager: person(r.safetyManager, r.safetyManagerPhone),
          address: r.address,
          creditCode: r.creditCode,
        }),
      },
      ...(r.active === true ? [{ type: "ActivateEntity", occurredAt, data: { entityId: r.entityId } }] : []),
    ];
  },
  fieldColumns: {
    "principal.name": "principal",
    "principal.phone": "principalPhone",
    "safetyManager.name": "safetyManager",
    "safetyManager.phone": "safetyManagerPhone",
  },
  dateColumns: ["registeredOn"],
};

const ASSESSMENT_COLUMNS = [
  "lecL",
  "lecE",
  "lecC",
  "matrixLikelihood",
  "matrixSeverity",
  "measures",
  "responsiblePerson",
] as const;

const risks: KindSpec = {
  kind: "risks",
  doc: "one risk point: IdentifyRisk, and AssessRisk (initial) when any assessment column is filled",
  columns: [
    col("riskId", true, text, "risk code (R-0001)"),
    col("entityId", true, text, "the entity it belongs to"),
    col("name", true, text, "the risk point"),
    col("location", false, text, "where it is"),
    col("description", false, text, "description"),
    col("lecL", false, decimal, "LEC likelihood L: 10, 6, 3, 1, 0.5, 0.2, 0.1"),
    col("lecE", false, decimal, "LEC exposure E: 10, 6, 3, 2, 1, 0.5"),
    col("lecC", false, decimal, "LEC consequence C: 100, 40, 15, 7, 3, 1"),
    col("matrixLikelihood", false, whole, "risk matrix likelihood, 1..size"),
    col("matrixSeverity", false, whole, "risk matrix severity, 1..size"),
    col("measures", false, list, "control measures, separated by ';' (needed for major and larger)"),
    col("responsiblePerson", false, text, "the person responsible for the controls"),
    col("responsiblePhone", false, text, "their phone"),
    col("identifiedOn", false, text, "business date of the identification (default: --on)"),
  ],
  toCommands: (r, on) => {
    const occurredAt = (r.identifiedOn as string | undefined) ?? on;
    const ids = { riskId: r.riskId, entityId: r.entityId };
    const assessed = ASSESSMENT_COLUMNS.some((c) => r[c] !== undefined);
    const lec =
      r.lecL === undefined && r.lecE === undefined && r.lecC === undefined
        ? undefined
        : { l: r.lecL, e: r.lecE, c: r.lecC };
    const matrix =
      r.matrixLikelihood === undefined && r.matrixSeverity === undefined
        ? undefined
        : { likelihood: r.matrixLikelihood, severity: r.matrixSeverity };
    const controls =
      r.measures === undefined && r.responsiblePerson === undefined
        ? undefined
        : { measures: r.measures ?? [], responsiblePerson: person(r.responsiblePerson, r.responsiblePhone) };
    return [
      {
        type: "IdentifyRisk",
        occurredAt,
        data: defined({ ...ids, name: r.name, location: r.location, description: r.description }),
      },
      ...(assessed
        ? [
            {
              type: "AssessRisk",
              occurredAt,
              data: defined({ ...ids, stage: "initial", lec, matrix, controls }),
            },
          ]
        : []),
    ];
  },
  fieldColumns: {
    lec: "lecL",
    "lec.l": "lecL",
    "lec.e": "lecE",
    "lec.c": "lecC",
    matrix: "matrixLikelihood",
    "matrix.likelihood": "matrixLikelihood",
    "matrix.severity": "matrixSeverity",
    controls: "measures",
    "controls.measures": "measures",
    "controls.responsiblePerson": "responsiblePerson",
    "controls.responsiblePerson.name": "responsiblePerson",
    "controls.responsiblePerson.phone": "responsiblePhone",
  },
  dateColumns: ["identifiedOn"],
};

const hazards: KindSpec = {
  kind: "hazards",
  doc: "one hidden hazard: RegisterHazard",
  columns: [
    col("hazardId", true, text, "hazard code (H-0001)"),
    col("entityId", true, text, "the entity where it was found"),
    col("source", true, text, "self-inspection, government-inspection or public-report"),
    col("grade", true, text, "general or major (grades are data)"),
    col("description", true, text, "what was found"),
    col("discoveredOn", true, text, "YYYY-MM-DD"),
    col("deadline", true, text, "rectification deadline, YYYY-MM-DD"),
    col("location", false, text, "where"),
    col("reopens", false, text, "the closed hazard this one reopens"),
    col("registeredOn", false, text, "business date of the registration (default: discoveredOn)"),
  ],
  toCommands: (r) => [
    {
      type: "RegisterHazard",
      occurredAt: (r.registeredOn as string | undefined) ?? (r.discoveredOn as string),
      data: defined({
        hazardId: r.hazardId,
        entityId: r.entityId,
        source: r.source,
        grade: r.grade,
        description: r.description,
        discoveredOn: r.discoveredOn,
        deadline: r.deadline,
        location: r.location,
        reopens: r.reopens,
      }),
    },
  ],
  fieldColumns: {},
  dateColumns: ["registeredOn", "discoveredOn"],
};

const accidents: KindSpec = {
  kind: "accidents",
  doc: "one production-safety accident: ReportAccident (the class is derived, Decree 493)",
  columns: [
    col("accidentId", true, text, "accident code (A-2020-001)"),
    col("occurredAt", true, text, "date-time with offset, 2020-03-05T09:30:00+08:00"),
    col("deaths", true, whole, "deaths"),
    col("seriousInjuries", true, whole, "serious injuries"),
    col("directLossFen", true, whole, "direct economic loss in fen (¥1 = 100 fen)"),
    col("description", true, text, "what happened"),
    col("entityId", false, text, "the entity, if on the real-name list"),
    col("sector", false, text, "sector key (required without an entity)"),
    col("district", false, text, "district or county key (required without an entity)"),
    col("kind", false, text, "road-traffic, fire or other"),
    col("reportedAt", false, text, "when the report reached the government (default: occurredAt)"),
    col("lateReason", false, text, "why the report came after 60 minutes"),
  ],
  toCommands: (r) => [
    {
      type: "ReportAccident",
      occurredAt: (r.reportedAt as string | undefined) ?? (r.occurredAt as string),
      data: defined({
        accidentId: r.accidentId,
        occurredAt: r.occurredAt,
        deaths: r.deaths,
        seriousInjuries: r.seriousInjuries,
        directLossFen: r.directLossFen,
        description: r.description,
        entityId: r.entityId,
        sector: r.sector,
        district: r.district,
        kind: r.kind,
        reportedAt: r.reportedAt,
        lateReason: r.lateReason,
      }),
    },
  ],
  fieldColumns: {},
  dateColumns: ["reportedAt", "occurredAt"],
};

export const KINDS: Readonly<Record<ImportKind, KindSpec>> = { tasks, entities, risks, hazards, accidents };

/** The row codec of a kind: required columns must be filled, optional ones may be empty. */
export const rowCodec = (spec: KindSpec) =>
  t.intersection([
    t.type(Object.fromEntries(spec.columns.filter((c) => c.required).map((c) => [c.name, required(c.cell)]))),
    t.partial(
      Object.fromEntries(spec.columns.filter((c) => !c.required).map((c) => [c.name, optional(c.cell)])),
    ),
  ]);

/** The column a command field or a rule's field is about, or undefined. */
export const columnOf = (
  spec: KindSpec,
  path: string | undefined,
  cells: Readonly<Record<string, string>> = {},
): string | undefined => {
  if (path === undefined || path === "") return undefined;
  // Numeric segments are array indexes: a column holds the whole list (items separated by ";").
  const segments = path.split(".").filter((p) => !/^\d+$/.test(p));
  if (segments[0] === "occurredAt")
    return spec.dateColumns.find((c) => (cells[c] ?? "").trim() !== "") ?? "--on";
  const field = (segments[0] === "data" ? segments.slice(1) : segments).join(".");
  const names = new Set(spec.columns.map((c) => c.name));
  for (let f = field; f !== ""; f = f.includes(".") ? f.slice(0, f.lastIndexOf(".")) : "") {
    const mapped = spec.fieldColumns[f];
    if (mapped !== undefined) return mapped;
    if (names.has(f)) return f;
  }
  return undefined;
};

// ---------------------------------------------------------------------------------------------
// The header and the rows.

/** Problems with the header line: unknown, repeated and missing columns. */
export const checkHeader = (spec: KindSpec, header: ReadonlyArray<string>): RowIssue[] => {
  const known = new Set(spec.columns.map((c) => c.name));
  const issues: RowIssue[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!known.has(name))
      issues.push({
        line: 1,
        column: name,
        message: `unknown column; ${spec.kind} take ${spec.columns.map((c) => c.name).join(", ")}`,
      });
    else if (seen.has(name)) issues.push({ line: 1, column: name, message: "column given twice" });
    seen.add(name);
  }
  for (const c of spec.columns)
    if (c.required && !seen.has(c.name))
      issues.push({ line: 1, column: c.name, message: "required column missing" });
  return issues;
};

/** The deterministic command id of the n-th command of the row on `line` of a file. */
export const commandIdFor = (kind: ImportKind, fileHash: string, line: number, n: number): string =>
  `import-${kind}-${fileHash.slice(0, 16)}-${line}-${n}`;

export const fileHashOf = (content: string | Uint8Array): string =>
  createHash("sha256").update(content).digest("hex");

/** A row's commands, decoded and ready for the command handler. */
export interface DecodedRow {
  readonly line: number;
  readonly commands: ReadonlyArray<DecodedCommand>;
}

export interface RowContext {
  readonly actor: Actor;
  readonly fileHash: string;
  /** Business date of rows that carry none. */
  readonly defaultOn: string;
}

/** Decode one row (cells keyed by column) into the commands it stands for, or its issues. */
export const decodeRow = (
  spec: KindSpec,
  cells: Readonly<Record<string, string>>,
  line: number,
  context: RowContext,
): E.Either<RowIssue[], DecodedRow> => {
  const typed = rowCodec(spec).decode(cells);
  if (E.isLeft(typed))
    return E.left(
      issuesOf(typed.left).map((i) => ({
        line,
        column: i.path.split(".").pop() ?? i.path,
        message: i.message,
      })),
    );
  const commands: DecodedCommand[] = [];
  const issues: RowIssue[] = [];
  spec.toCommands(typed.right as Row, context.defaultOn).forEach((command, n) => {
    const decoded = decodeCommandJson({
      type: command.type,
      commandId: commandIdFor(spec.kind, context.fileHash, line, n),
      actor: context.actor,
      occurredAt: command.occurredAt,
      data: command.data,
    });
    if (E.isRight(decoded)) commands.push(decoded.right);
    else
      for (const i of decoded.left.issues) {
        const column = columnOf(spec, i.path, cells);
        issues.push(
          column === undefined
            ? { line, message: `${i.path.replace(/\.\d+(?=\.|$)/g, "").replace(/^\d+\./, "")}: ${i.message}` }
            : { line, column, message: i.message },
        );
      }
  });
  return issues.length > 0 ? E.left(dedupe(issues)) : E.right({ line, commands });
};

const dedupe = (issues: RowIssue[]): RowIssue[] => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.line}|${i.column}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** The columns of every kind, as text for `import --help` and docs/cli.md. */
export const columnsHelp = (): string =>
  IMPORT_KINDS.map((kind) => {
    const spec = KINDS[kind];
    const width = Math.max(...spec.columns.map((c) => c.name.length)) + 2;
    return [
      `${kind}: ${spec.doc}`,
      ...spec.columns.map((c) => `  ${`${c.name}${c.required ? "*" : ""}`.padEnd(width)}${c.doc}`),
    ].join("\n");
  }).join("\n\n");
