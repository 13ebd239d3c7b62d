/**
 * The 18-digit citizen ID number of GB 11643-1999: 6 digits of address code, 8 of birth date
 * (YYYYMMDD), 3 of sequence, and a check character by ISO 7064 MOD 11-2 (`X` for 10).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = "10X98765432";

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export const residentIdCheckCharacter = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
};

const isBirthDate = (yyyymmdd: string): boolean => {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
};

/** Whether a text is a well-formed resident ID number: shape, a real birth date, the check character. */
export const isResidentIdNumber = (text: string): boolean =>
  /^\d{17}[\dXx]$/.test(text) &&
  isBirthDate(text.slice(6, 14)) &&
  residentIdCheckCharacter(text) === text[17]!.toUpperCase();
