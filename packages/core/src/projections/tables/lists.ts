/**
 * The read tables' list views for BI and report tools (docs/read-models.md), as data: each view's
 * name, the item kind it shows, what it is, and its columns (a field of the item's state, with a
 * Chinese comment). Every store's read tables build their views from this one list.
 */
import type { ItemKind } from "./items";

export interface ListColumn {
  readonly column: string;
  /** The field of the item's state. */
  readonly path: string;
  readonly comment: string;
  /** The SQL type where the field is a number (a store casts to it where it can). */
  readonly type?: "integer" | "bigint";
}

export interface ListView {
  readonly name: string;
  readonly kind: ItemKind;
  readonly comment: string;
  readonly columns: ReadonlyArray<ListColumn>;
}

const columns = (
  ...rows: ReadonlyArray<readonly [string, string, string, ("integer" | "bigint")?]>
): ReadonlyArray<ListColumn> =>
  rows.map(([column, path, comment, type]) =>
    type === undefined ? { column, path, comment } : { column, path, comment, type },
  );

export const READ_TABLE_LISTS: ReadonlyArray<ListView> = [
  {
    name: "list_key_tasks",
    kind: "tasks",
    comment: "重点任务清单：每个任务要素当前（账本现在所知）的最新状态",
    columns: columns(
      ["code", "code", "要素编码"],
      ["workstream", "workstream", "专项"],
      ["element", "element", "任务要素"],
      ["lead_unit", "leadUnit", "牵头单位"],
      ["stage", "stage", "阶段"],
      ["status", "status", "状态"],
      ["assigned_on", "assignedOn", "交办日期"],
    ),
  },
  {
    name: "list_entities",
    kind: "entities",
    comment: "实名制清单：每个监管对象（生产经营单位）的最新状态",
    columns: columns(
      ["entity_id", "entityId", "单位编号"],
      ["name", "name", "单位名称"],
      ["sector", "sector", "行业"],
      ["district", "district", "区县"],
      ["supervising_department", "supervisingDepartment", "监管部门"],
      ["status", "status", "状态"],
      ["registered_on", "registeredOn", "登记日期"],
    ),
  },
  {
    name: "list_risks",
    kind: "risks",
    comment: "风险清单：每项风险的最新状态",
    columns: columns(
      ["risk_id", "riskId", "风险编号"],
      ["entity_id", "entityId", "单位编号"],
      ["name", "name", "风险名称"],
      ["status", "status", "状态"],
      ["identified_on", "identifiedOn", "辨识日期"],
    ),
  },
  {
    name: "list_hazards",
    kind: "hazards",
    comment: "隐患清单：每项隐患的最新状态",
    columns: columns(
      ["hazard_id", "hazardId", "隐患编号"],
      ["entity_id", "entityId", "单位编号"],
      ["grade", "grade", "隐患等级"],
      ["procedure", "procedure", "治理程序 (general 一般 / major 重大)"],
      ["status", "status", "状态"],
      ["discovered_on", "discoveredOn", "发现日期"],
      ["deadline", "deadline", "整改期限"],
    ),
  },
  {
    name: "list_accidents",
    kind: "accidents",
    comment: "事故清单：每起事故的最新状态，统计数字的来源",
    columns: columns(
      ["accident_id", "accidentId", "事故编号"],
      ["entity_id", "entityId", "单位编号"],
      ["sector", "sector", "行业"],
      ["district", "district", "区县"],
      ["occurred_at", "occurredAt", "发生时间"],
      ["deaths", "deaths", "死亡人数", "integer"],
      ["serious_injuries", "seriousInjuries", "重伤人数", "integer"],
      ["direct_loss_fen", "directLossFen", "直接经济损失 (分)", "bigint"],
      ["status", "status", "状态"],
    ),
  },
];
