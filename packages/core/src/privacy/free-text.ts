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

/**
 * A mainland mobile number: 11 digits from 13–19, after an optional +86, written together or
 * grouped 3-4-4 by spaces or dashes; never inside a longer run of digits.
 */
const MOBILE = /(?<![\dXx])(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?![\dXx])/g;
/** 18 characters shaped as a resident ID number, never inside a longer run. */
const RESIDENT_ID = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;

const mask = (digits: string, keepStart: number, keepEnd: number): string =>
  `${digits.slice(0, keepStart)}${"*".repeat(digits.length - keepStart - keepEnd)}${digits.slice(-keepEnd)}`;

/** The mobile and resident ID numbers in one text, in the order they appear. */
export const findPersonalNumbers = (text: string): ReadonlyArray<Omit<FreeTextFinding, "path">> => {
  const found: Array<{ readonly at: number; readonly finding: Omit<FreeTextFinding, "path"> }> = [];
  for (const m of text.matchAll(MOBILE))
    found.push({
      at: m.index,
      finding: { kind: "mobile-number", masked: mask(`${m[1]}${m[2]}${m[3]}`, 3, 4) },
    });
  for (const m of text.matchAll(RESIDENT_ID))
    if (isResidentIdNumber(m[0]))
      found.push({
        at: m.index,
        finding: { kind: "resident-id-number", masked: mask(m[0].toUpperCase(), 6, 4) },
      });
  return found.sort((a, b) => a.at - b.at).map((f) => f.finding);
};

/** Every number either pattern finds holds this (11 digits, grouped or not), and it is cheap to test. */
const CANDIDATE = /\d{3}[-\s]?\d{4}[-\s]?\d{4}/;

/**
 * Could any string of the value hold a number? Asked first, without building a path: the data
 * of almost every command holds none, and the screening runs on every command.
 */
const holdsCandidate = (value: unknown): boolean => {
  if (typeof value === "string") return value.length >= 11 && CANDIDATE.test(value);
  if (Array.isArray(value)) return value.some(holdsCandidate);
  if (typeof value === "object" && value !== null)
    for (const key in value) if (holdsCandidate((value as Record<string, unknown>)[key])) return true;
  return false;
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
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) strings(value[i], `${path}[${i}]`, excluded, out);
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
  if (!holdsCandidate(data)) return [];
  const texts: Array<[string, string]> = [];
  strings(data, "", excluded, texts);
  return texts.flatMap(([path, text]) => findPersonalNumbers(text).map((f) => ({ ...f, path })));
};
