/**
 * Screening free text (descriptions, reasons, notes…) for personal information that belongs in
 * a classified field, not in prose: mainland mobile numbers and GB 11643 resident ID numbers.
 * Pure; the command handler warns about what it finds or, in a strict policy, refuses.
 */
import { isResidentIdNumber } from "./resident-id";

export type FreeTextFindingKind = "mobile-number" | "resident-id-number";

export interface FreeTextFinding {
  readonly kind: FreeTextFindingKind;
  /** Data path of the string (`description`, `plan.methods`, `evidence[2].description`). */
  readonly path: string;
  /** The number with its middle masked, so a warning does not repeat it (`138****5678`). */
  readonly masked: string;
}

/** A run of digits (with `X` as an ID's last character), not part of a longer run. */
const DIGIT_RUNS = /(?<![\dXx])(?:\+?86[-\s]?)?\d[\d\s-]*[\dXx](?![\dXx])/g;
/** A mainland mobile number: 11 digits from 13–19, after an optional +86. */
const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;

const mask = (digits: string, keepStart: number, keepEnd: number): string =>
  `${digits.slice(0, keepStart)}${"*".repeat(digits.length - keepStart - keepEnd)}${digits.slice(-keepEnd)}`;

/** The mobile and resident ID numbers in one text. */
export const findPersonalNumbers = (text: string): ReadonlyArray<Omit<FreeTextFinding, "path">> => {
  const found: Array<Omit<FreeTextFinding, "path">> = [];
  for (const match of text.matchAll(DIGIT_RUNS)) {
    const run = match[0];
    // Separators are allowed only as a phone is written (138-1234-5678, 138 1234 5678).
    const compact = run.replace(/[\s-]/g, "");
    const mobile = MOBILE.exec(compact);
    if (mobile !== null) found.push({ kind: "mobile-number", masked: mask(mobile[1]!, 3, 4) });
    else if (compact === run && isResidentIdNumber(run))
      found.push({ kind: "resident-id-number", masked: mask(run.toUpperCase(), 6, 4) });
  }
  return found;
};

/** Every string of a JSON value, with its data path, except under the paths excluded. */
const strings = (
  value: unknown,
  path: string,
  excluded: ReadonlySet<string>,
  out: Array<[string, string]>,
) => {
  if (excluded.has(path.replace(/\[\d+\]/g, "[]"))) return;
  if (typeof value === "string") out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, excluded, out));
  else if (typeof value === "object" && value !== null)
    for (const [key, v] of Object.entries(value))
      strings(v, path === "" ? key : `${path}.${key}`, excluded, out);
};

/**
 * The mobile and resident ID numbers in the strings of an event's (or a command's) data, except
 * under `excluded` paths (its registered personal fields, `casualties[].idNumber` form).
 */
export const screenFreeText = (
  data: unknown,
  excluded: ReadonlySet<string> = new Set(),
): ReadonlyArray<FreeTextFinding> => {
  const texts: Array<[string, string]> = [];
  strings(data, "", excluded, texts);
  return texts.flatMap(([path, text]) => findPersonalNumbers(text).map((f) => ({ ...f, path })));
};
