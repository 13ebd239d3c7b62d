/** Rules shared by the aggregates of the campaign context. */
import { errorsOf } from "../kernel/error-texts";
import type { DomainError } from "../kernel/errors";
import { CAMPAIGN_ERROR_TEXTS, type OtherUnits } from "./campaign/campaign-error-texts";

const { error } = errorsOf(CAMPAIGN_ERROR_TEXTS);

/** A lead unit and the other units: no duplicates, and the lead unit is not also among the others. */
export const checkUnits = (
  leadUnit: string,
  others: ReadonlyArray<string>,
  othersField: OtherUnits,
): DomainError | undefined => {
  if (others.includes(leadUnit))
    return error("LEAD_UNIT_ALSO_LISTED", { leadUnit, among: othersField }, othersField);
  const duplicate = others.find((u, i) => others.indexOf(u) !== i);
  if (duplicate !== undefined) return error("DUPLICATE_UNIT", { duplicate, among: othersField }, othersField);
  return undefined;
};

/** The first value named twice in a list. */
export const firstDuplicate = (xs: ReadonlyArray<string>): string | undefined =>
  xs.find((x, i) => xs.indexOf(x) !== i);
