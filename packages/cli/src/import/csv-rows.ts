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
import {
  type Actor,
  calendarDateReason,
  type DecodedCommand,
  dateTimeReason,
  decodeCommandJson,
  type ErrorParams,
  type IssueReason,
  issueFailure,
  issuesOf,
  quote,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { COLUMN_HELP, COLUMNS_TITLE, KIND_HELP } from "../column-help-texts";
import type { Lang } from "../messages";
import { type AliasedValue, aliasKey, foldHeader } from "./aliases";
import { readDate, readDateTime, readWanYuan, readYuan } from "./cells";
import {
  cellReason,
  codedIssue,
  type ImportIssueCode,
  ROW_ISSUE_TEXTS,
  reasonOf,
} from "./import-issue-texts";

export const IMPORT_KINDS = ["tasks", "entities", "risks", "hazards", "accidents"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A problem with one row (line 1 is the header). `column` is absent for the row as a whole. */
export interface RowIssue {
  readonly line: number;
  readonly column?: string;
  /** In the reader's language, or the English of a coded reason (`reason`, rendered when printed). */
  readonly message: string;
  /** The English sentence, when `message` is in another language (for `--json`). */
  readonly english?: string;
  readonly code?: string;
  /** Why, coded (a cell's check or a command field's, see import-issue-texts.ts). */
  readonly reason?: { readonly code: string; readonly params?: ErrorParams };
  /** The command field at fault, for a reason no column stands for. */
  readonly field?: string;
}

// ---------------------------------------------------------------------------------------------
// Cell codecs: from the text of a cell to a value, io-ts style.

type Cell<A> = t.Type<A, string, unknown>;

/** A cell's refusal: its reason, coded, in the texts of the cells and of core. */
const refuse = <A>(u: unknown, c: t.Context, why: IssueReason): t.Validation<A> =>
  issueFailure(u, c, why, ROW_ISSUE_TEXTS);

const cell = <A>(
  name: string,
  parse: (s: string) => A | undefined,
  /** The reason's code; its `value` is the cell, quoted. */
  code: Exclude<ImportIssueCode, "CELL_NOT_ONE_OF" | "CELL_REQUIRED_EMPTY" | "CELL_EMPTY">,
  /** A sharper reason for some texts (2020-02-30: "2020-02 has no day 30"). */
  why?: (s: string) => IssueReason | undefined,
): Cell<A> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => u !== undefined,
    (u, c) => {
      const s = typeof u === "string" ? u : String(u);
      const v = typeof u === "string" ? parse(s.trim()) : undefined;
      if (v !== undefined) return t.success(v);
      return refuse(u, c, why?.(s.trim()) ?? cellReason(code, { value: quote(s) }));
    },
    (a) => String(a),
  );

const text: Cell<string> = new t.Type<string, string, unknown>(
  "text",
  (u): u is string => u !== undefined,
  (u, c) =>
    typeof u === "string" && u.trim() !== ""
      ? t.success(u.trim())
      : refuse(u, c, cellReason("CELL_EMPTY", {})),
  (a) => a,
);
const whole: Cell<number> = cell(
  "whole number",
  (s) => (/^\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : undefined),
  "CELL_NOT_WHOLE_NUMBER",
);
const decimal: Cell<number> = cell(
  "number",
  (s) => (/^\d+(\.\d+)?$/.test(s) ? Number(s) : undefined),
  "CELL_NOT_A_NUMBER",
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
  "CELL_NOT_A_LIST",
);
/**
 * The persons of an accident, one `name/outcome[/ID number]` each, separated by semicolons
 * (`李四/死亡/11010519491231002X; 王五/重伤`); the ID number is checked by the command.
 */
const casualtyList: Cell<Array<{ name: string; outcome: string; idNumber?: string }>> = cell(
  "casualties",
  (s) => {
    const out: Array<{ name: string; outcome: string; idNumber?: string }> = [];
    for (const item of s.split(";").map((x) => x.trim())) {
      if (item === "") continue;
      const [name = "", outcome = "", idNumber, ...rest] = item.split("/").map((x) => x.trim());
      const key = aliasKey("casualtyOutcome", outcome);
      if (name === "" || key === undefined || rest.length > 0 || idNumber === "") return undefined;
      out.push({ name, outcome: key, ...(idNumber === undefined ? {} : { idNumber }) });
    }
    return out;
  },
  "CELL_NOT_CASUALTIES",
  // the cell holds names and ID numbers: the reason does not quote it
  () => cellReason("CELL_NOT_CASUALTIES", {}),
);
const yesNo: Cell<boolean> = cell(
  "yes/no",
  (s) => {
    const v = s.toLowerCase();
    return ["yes", "y", "true", "1", "是"].includes(v)
      ? true
      : ["no", "n", "false", "0", "否"].includes(v)
        ? false
        : undefined;
  },
  "CELL_NOT_YES_NO",
);
const date: Cell<string> = cell("date", readDate, "CELL_NOT_A_DATE", (s) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) ? calendarDateReason(s) : undefined,
);
const dateTime: Cell<string> = cell("date-time", readDateTime, "CELL_NOT_A_DATE_TIME", (s) =>
  /T/.test(s) ? dateTimeReason(s) : undefined,
);
const yuan: Cell<number> = cell("yuan", readYuan, "CELL_NOT_YUAN");
const wanYuan: Cell<number> = cell("10k yuan", readWanYuan, "CELL_NOT_WAN_YUAN");
/** A value by its key or any name in the alias table (`危险化学品` for `hazardous-chemicals`). */
const aliased = (set: AliasedValue): Cell<string> =>
  new t.Type<string, string, unknown>(
    set,
    (u): u is string => u !== undefined,
    (u, c) => {
      const s = typeof u === "string" ? u : String(u);
      const key = typeof u === "string" ? aliasKey(set, s.trim()) : undefined;
      return key !== undefined
        ? t.success(key)
        : refuse(u, c, cellReason("CELL_NOT_ONE_OF", { set, value: quote(s) }));
    },
    (a) => a,
  );

/** Present and not empty. */
const required = <A>(c: Cell<A>): Cell<A> =>
  new t.Type<A, string, unknown>(
    c.name,
    c.is,
    (u, ctx) =>
      u === undefined || (typeof u === "string" && u.trim() === "")
        ? refuse(u, ctx, cellReason("CELL_REQUIRED_EMPTY", {}))
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
// The kinds: their columns (documented in column-help-texts.ts), row codecs and the commands a row stands for.

export interface ColumnSpec {
  readonly name: string;
  /** The column's Chinese header, accepted beside its name. */
  readonly zh: string;
  readonly required: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: a column of any cell type
  readonly cell: Cell<any>;
}

const col = <A>(name: string, zh: string, isRequired: boolean, c: Cell<A>): ColumnSpec => ({
  name,
  zh,
  required: isRequired,
  cell: c,
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
  readonly columns: ReadonlyArray<ColumnSpec>;
  /** `defaultOn`: the business date of rows that carry none (the `--on` option or now). */
  /** `actor`: who imports (a government clerk's self-inspection rows are entered on the enterprise's behalf). */
  readonly toCommands: (row: Row, defaultOn: string, actor: Actor) => ReadonlyArray<RowCommand>;
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
  columns: [
    col("code", "要素编号", true, text),
    col("campaignId", "行动编号", true, text),
    col("workstream", "专项编号", true, text),
    col("task", "重点任务", true, text),
    col("element", "任务要素", true, text),
    col("leadUnit", "牵头单位", true, text),
    col("coUnits", "配合单位", false, list),
    col("deadline", "完成时限", true, date),
    col("stage", "阶段", true, aliased("stage")),
    col("deliverable", "完成标志", true, text),
    col("recurrence", "周期", false, aliased("recurrence")),
    col("assignedOn", "交办日期", false, date),
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
  columns: [
    col("entityId", "企业编号", true, text),
    col("name", "企业名称", true, text),
    col("sector", "所属行业", true, aliased("sector")),
    col("district", "所在区县", true, aliased("district")),
    col("supervisingDepartment", "监管部门", true, text),
    col("principal", "主要负责人", true, text),
    col("principalPhone", "主要负责人电话", false, text),
    col("safetyManager", "安全管理人员", true, text),
    col("safetyManagerPhone", "安全管理人员电话", false, text),
    col("address", "地址", false, text),
    col("creditCode", "统一社会信用代码", false, text),
    col("active", "是否在营", false, yesNo),
    col("registeredOn", "登记日期", false, date),
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
  columns: [
    col("riskId", "风险编号", true, text),
    col("entityId", "企业编号", true, text),
    col("name", "风险点名称", true, text),
    col("location", "位置", false, text),
    col("description", "描述", false, text),
    col("lecL", "L值", false, decimal),
    col("lecE", "E值", false, decimal),
    col("lecC", "C值", false, decimal),
    col("matrixLikelihood", "可能性", false, whole),
    col("matrixSeverity", "严重性", false, whole),
    col("measures", "管控措施", false, list),
    col("responsiblePerson", "责任人", false, text),
    col("responsiblePhone", "责任人电话", false, text),
    col("identifiedOn", "辨识日期", false, date),
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
  columns: [
    col("hazardId", "隐患编号", true, text),
    col("entityId", "企业编号", true, text),
    col("source", "隐患来源", true, aliased("hazardSource")),
    col("grade", "隐患等级", true, aliased("grade")),
    col("description", "隐患描述", true, text),
    col("discoveredOn", "发现日期", true, date),
    col("deadline", "整改期限", true, date),
    col("location", "隐患部位", false, text),
    col("reopens", "重新打开的隐患", false, text),
    col("registeredOn", "登记日期", false, date),
  ],
  toCommands: (r, _on, actor) => [
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
        // 代录: a government clerk's file of an enterprise's self-inspection finds.
        onBehalfOf: actor.role !== "enterprise" && r.source === "self-inspection" ? r.entityId : undefined,
      }),
    },
  ],
  fieldColumns: {},
  dateColumns: ["registeredOn", "discoveredOn"],
};

const accidents: KindSpec = {
  kind: "accidents",
  columns: [
    col("accidentId", "事故编号", true, text),
    col("occurredAt", "发生时间", true, dateTime),
    col("deaths", "死亡人数", true, whole),
    col("seriousInjuries", "重伤人数", true, whole),
    col("directLossFen", "直接经济损失（分）", false, whole),
    col("directLossYuan", "直接经济损失（元）", false, yuan),
    col("directLossWanYuan", "直接经济损失（万元）", false, wanYuan),
    col("description", "事故简况", true, text),
    col("entityId", "企业编号", false, text),
    col("sector", "所属行业", false, aliased("sector")),
    col("district", "所在区县", false, aliased("district")),
    col("kind", "事故类型", false, aliased("accidentKind")),
    col("reportedAt", "报告时间", false, dateTime),
    col("lateReason", "迟报原因", false, text),
    col("casualties", "伤亡人员", false, casualtyList),
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
        directLossFen: r.directLossFen ?? r.directLossYuan ?? r.directLossWanYuan,
        description: r.description,
        entityId: r.entityId,
        sector: r.sector,
        district: r.district,
        kind: r.kind,
        reportedAt: r.reportedAt,
        lateReason: r.lateReason,
        casualties: r.casualties,
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

/** The column a header cell names: its name or its Chinese header, however spaced or cased. */
export const columnNamed = (spec: KindSpec, header: string): ColumnSpec | undefined => {
  const wanted = foldHeader(header);
  return spec.columns.find((c) => foldHeader(c.name) === wanted || foldHeader(c.zh) === wanted);
};

/** Problems with the header line: unknown, repeated and missing columns. */
export const checkHeader = (spec: KindSpec, header: ReadonlyArray<string>): RowIssue[] => {
  const issues: RowIssue[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    const column = columnNamed(spec, name);
    if (column === undefined)
      issues.push(
        codedIssue(
          1,
          "HEADER_UNKNOWN_COLUMN",
          { kind: spec.kind, columns: spec.columns.map((c) => `${c.name} (${c.zh})`).join(", ") },
          name,
        ),
      );
    else if (seen.has(column.name)) issues.push(codedIssue(1, "HEADER_COLUMN_TWICE", {}, name));
    else seen.add(column.name);
  }
  for (const c of spec.columns)
    if (c.required && !seen.has(c.name))
      issues.push(codedIssue(1, "HEADER_COLUMN_MISSING", { zh: c.zh }, c.name));
  return issues;
};

/** A row's cells keyed by column name, and the header each column was given as. */
const byColumn = (
  spec: KindSpec,
  cells: Readonly<Record<string, string>>,
): { cells: Record<string, string>; given: Record<string, string> } => {
  const named: Record<string, string> = {};
  const given: Record<string, string> = {};
  for (const [header, value] of Object.entries(cells)) {
    const column = columnNamed(spec, header);
    const name = column?.name ?? header;
    named[name] = value;
    given[name] = header;
  }
  return { cells: named, given };
};

/**
 * The command id of the n-th command of the row on `line` of a file, imported by a unit:
 * `import-<kind>-<16 hex of the file's SHA-256>-<8 hex of the unit's>-<line>-<n>`. The same
 * file imported again by the same unit appends nothing; imported by another unit it is another
 * entry (decided as such: "already registered" if it is the same fact), never a silent no-op.
 */
export const commandIdFor = (
  kind: ImportKind,
  fileHash: string,
  line: number,
  /** The command's place in the row (a re-import's change: `r<stream revision>-<place>`). */
  n: number | string,
  unit: string,
): string =>
  `import-${kind}-${fileHash.slice(0, 16)}-${createHash("sha256").update(unit).digest("hex").slice(0, 8)}-${line}-${n}`;

export const fileHashOf = (content: string | Uint8Array): string =>
  createHash("sha256").update(content).digest("hex");

/** A row's commands, decoded and ready for the command handler. */
export interface DecodedRow {
  readonly line: number;
  readonly commands: ReadonlyArray<DecodedCommand>;
  /** The row's typed values by column, and the header each column was given as (for re-import). */
  readonly row: Readonly<Record<string, unknown>>;
  readonly given: Readonly<Record<string, string>>;
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
  headerCells: Readonly<Record<string, string>>,
  line: number,
  context: RowContext,
): E.Either<RowIssue[], DecodedRow> => {
  const { cells, given } = byColumn(spec, headerCells);
  const asGiven = (column: string) => given[column] ?? column;
  const typed = rowCodec(spec).decode(cells);
  if (E.isLeft(typed))
    return E.left(
      issuesOf(typed.left).map((i) => ({
        line,
        column: asGiven(i.path.split(".").pop() ?? i.path),
        message: i.message,
        reason: reasonOf(i),
      })),
    );
  const commands: DecodedCommand[] = [];
  const issues: RowIssue[] = [];
  spec.toCommands(typed.right as Row, context.defaultOn, context.actor).forEach((command, n) => {
    const decoded = decodeCommandJson({
      type: command.type,
      commandId: commandIdFor(spec.kind, context.fileHash, line, n, context.actor.unit),
      actor: context.actor,
      occurredAt: command.occurredAt,
      data: command.data,
    });
    if (E.isRight(decoded)) commands.push(decoded.right);
    else
      for (const i of decoded.left.issues) {
        const column = columnOf(spec, i.path, cells);
        const field = i.path.replace(/\.\d+(?=\.|$)/g, "").replace(/^\d+\./, "");
        issues.push(
          column === undefined
            ? { line, message: `${field}: ${i.message}`, reason: reasonOf(i), field }
            : { line, column: asGiven(column), message: i.message, reason: reasonOf(i) },
        );
      }
  });
  return issues.length > 0
    ? E.left(dedupe(issues))
    : E.right({ line, commands, row: typed.right as Row, given });
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

/** The columns of every kind in a language, as text for `import --help` and docs/cli.md. */
export const columnsHelp = (lang: Lang): string =>
  [
    COLUMNS_TITLE[lang],
    ...IMPORT_KINDS.map((kind) => {
      const spec = KINDS[kind];
      const width = Math.max(...spec.columns.map((c) => c.name.length)) + 2;
      const said = (c: ColumnSpec) => COLUMN_HELP[kind][c.name]?.[lang] ?? "";
      return [
        `${kind}: ${KIND_HELP[kind][lang]}`,
        ...spec.columns.map(
          (c) => `  ${`${c.name}${c.required ? "*" : ""}`.padEnd(width)}${c.zh} — ${said(c)}`,
        ),
      ].join("\n");
    }),
  ].join("\n\n");
