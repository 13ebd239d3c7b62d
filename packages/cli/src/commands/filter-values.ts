/**
 * The values a list filter takes, from the reference data: a key (`hazardous-chemicals`) or
 * its Chinese name (`危险化学品`), or its English name. An unknown value is a usage error that
 * lists the valid ones, never an empty list that looks like an answer.
 */
import {
  ACCIDENT_STATUSES,
  CAMPAIGN_STAGES,
  DEFAULT_HAZARD_GRADES,
  ENTITY_STATUSES,
  GUANGYUAN_DISTRICTS,
  HAZARD_STATUSES,
  RISK_LEVELS,
  RISK_STATUSES,
  SECTORS,
  TASK_STATUS_NAMES,
} from "@safety-ledger/core";
import { usage } from "../cli-error-texts";

interface Value {
  readonly key: string;
  readonly names: ReadonlyArray<string>;
}

const values = (
  list: ReadonlyArray<{ key: string; zh?: string; en?: string; name?: string; english?: string }>,
) =>
  list.map(
    (v): Value => ({
      key: v.key,
      names: [v.key, v.zh, v.en, v.name, v.english].filter((n) => n !== undefined),
    }),
  );

const STATUSES: Record<string, ReadonlyArray<Value>> = {
  tasks: values(TASK_STATUS_NAMES),
  entities: values(ENTITY_STATUSES),
  risks: values(RISK_STATUSES),
  hazards: values(HAZARD_STATUSES),
  accidents: values(ACCIDENT_STATUSES),
};

/** The valid values of each filter that reference data defines, by list kind. */
const valuesOf = (filter: string, kind: string): ReadonlyArray<Value> | undefined => {
  switch (filter) {
    case "sector":
      return values(SECTORS);
    case "district":
      return values(GUANGYUAN_DISTRICTS);
    case "level":
      return values(RISK_LEVELS);
    case "grade":
      return values(DEFAULT_HAZARD_GRADES);
    case "stage":
      return values(CAMPAIGN_STAGES);
    case "status":
      return STATUSES[kind];
    default:
      return undefined;
  }
};

const fold = (s: string) => s.trim().toLowerCase();

/** The key a filter value names, or a usage error listing the valid values. */
export const filterKey = (filter: string, kind: string, value: string): string => {
  const valid = valuesOf(filter, kind);
  if (valid === undefined) return value;
  const found = valid.find((v) => v.names.some((n) => fold(n) === fold(value)));
  if (found !== undefined) return found.key;
  const listed = valid.map((v) => (v.names[1] === undefined ? v.key : `${v.key} (${v.names[1]})`)).join(", ");
  throw usage("UNKNOWN_FILTER_VALUE", { filter, value: JSON.stringify(value.slice(0, 40)), listed });
};
