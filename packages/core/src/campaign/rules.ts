/** Rules shared by the aggregates of the campaign context. */
import { type DomainError, domainError } from "../kernel/errors";

/** A lead unit and the other units: no duplicates, and the lead unit is not also among the others. */
export const checkUnits = (
  leadUnit: string,
  others: ReadonlyArray<string>,
  othersField: string,
  what: string,
): DomainError | undefined => {
  if (others.includes(leadUnit))
    return domainError(
      "LEAD_UNIT_ALSO_LISTED",
      `${leadUnit} is the lead unit; it cannot also be one of the ${what}.`,
      othersField,
    );
  const duplicate = others.find((u, i) => others.indexOf(u) !== i);
  if (duplicate !== undefined)
    return domainError("DUPLICATE_UNIT", `${duplicate} is named twice among the ${what}.`, othersField);
  return undefined;
};

/** The first value named twice in a list. */
export const firstDuplicate = (xs: ReadonlyArray<string>): string | undefined =>
  xs.find((x, i) => xs.indexOf(x) !== i);
