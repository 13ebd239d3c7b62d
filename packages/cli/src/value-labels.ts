/**
 * The values a table cell shows (statuses, sectors, districts, stages, grades, levels, colours,
 * hazard sources, accident kinds and classes, escalation rungs): their Chinese names in zh, from
 * core's reference data and import's alias table, and their keys in en (the keys `--status`,
 * `import` and `--json` use). A value with no name stays its key.
 */
import {
  ACCIDENT_CLASSES,
  ACCIDENT_STATUSES,
  ENTITY_STATUSES,
  HAZARD_STATUSES,
  RISK_STATUSES,
  TASK_ESCALATION_LEVELS,
  TASK_STATUS_NAMES,
} from "@safety-ledger/core";
import { type AliasedValue, VALUE_ALIASES } from "./import/aliases";
import type { Lang } from "./messages";

export type ValueSet =
  | AliasedValue
  | "taskStatus"
  | "entityStatus"
  | "riskStatus"
  | "hazardStatus"
  | "accidentStatus"
  | "accidentClass"
  | "colour"
  | "escalation"
  | "yesNo";

const byKey = (list: ReadonlyArray<{ readonly key: string; readonly zh: string }>) =>
  new Map(list.map((v) => [v.key, v.zh]));

/** The Chinese name of each value, by set. */
const ZH_NAMES: Readonly<Record<ValueSet, ReadonlyMap<string, string>>> = {
  ...(Object.fromEntries(
    Object.entries(VALUE_ALIASES).map(([set, values]) => [
      set,
      new Map(values.flatMap((v) => (v.names[0] === undefined ? [] : [[v.key, v.names[0]] as const]))),
    ]),
  ) as unknown as Record<AliasedValue, ReadonlyMap<string, string>>),
  taskStatus: byKey(TASK_STATUS_NAMES),
  entityStatus: byKey(ENTITY_STATUSES),
  riskStatus: byKey(RISK_STATUSES),
  hazardStatus: byKey(HAZARD_STATUSES),
  accidentStatus: byKey(ACCIDENT_STATUSES),
  accidentClass: byKey(ACCIDENT_CLASSES),
  colour: new Map([
    ["red", "红"],
    ["orange", "橙"],
    ["yellow", "黄"],
    ["blue", "蓝"],
  ]),
  escalation: new Map(TASK_ESCALATION_LEVELS.map((l) => [l.key, l.name])),
  yesNo: new Map([
    ["yes", "是"],
    ["no", "否"],
  ]),
};

/** A value as a table cell shows it in a language. */
export const valueLabel = (set: ValueSet, key: string, lang: Lang): string =>
  lang === "en" ? key : (ZH_NAMES[set].get(key) ?? key);

/** Every value set's keys that have a Chinese name (for the tests). */
export const namedKeys = (set: ValueSet): ReadonlyArray<string> => [...ZH_NAMES[set].keys()];
