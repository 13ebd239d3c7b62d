/**
 * Reading the cells Excel writes: dates as ISO, as `2020/5/6`, as `2020年5月6日` or as a serial
 * number (`43957`, days since 1899-12-30 in Excel's 1900 date system), and money in 元 (two
 * decimals) or 万元, to integer fen exactly: decimal text is read digit by digit, never through a
 * binary float. Each reader gives the ledger's own form or undefined; the calendar checks are
 * the ledger's (`isCalendarDate`, `isDateTime`), so nothing accepted here is refused later.
 */
import { isCalendarDate, isDateTime } from "@safety-ledger/core";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Excel's serial day 0 is 1899-12-30 (which absorbs its phantom 29 February 1900 for serials ≥ 61). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Five-digit serials (1927-05-18 to 2173-10-14), whole or with a time fraction: never a year such as 2020. */
const SERIAL = /^(\d{5})(\.\d+)?$/;

const fromSerial = (serial: number): Date | undefined =>
  serial >= 61 && serial < 2_958_466 ? new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS)) : undefined;

const ymd = (y: number, m: number, d: number): string | undefined => {
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return isCalendarDate(date) ? date : undefined;
};

/** `2020-05-06`, `2020/5/6`, `2020-5-6`, `2020.5.6`, `2020年5月6日`, or a serial such as `43957`. */
export const readDate = (cell: string): string | undefined => {
  const s = cell.trim();
  const parts = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (parts !== null) return ymd(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  const serial = SERIAL.exec(s);
  if (serial !== null && serial[2] === undefined) {
    const date = fromSerial(Number(serial[1]));
    return date === undefined ? undefined : date.toISOString().slice(0, 10);
  }
  return undefined;
};

/**
 * A date-time: ISO with an offset as the ledger writes it; or as Excel shows it, `2020/3/5 9:30`
 * (`:ss` optional), or a serial with a fraction (`43895.395833`), both taken as China Standard
 * Time (+08:00), the time a clerk in Guangyuan enters.
 */
export const readDateTime = (cell: string): string | undefined => {
  const s = cell.trim();
  if (isDateTime(s)) return s;
  const shown =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/.exec(
      s,
    );
  if (shown !== null) {
    const date = ymd(Number(shown[1]), Number(shown[2]), Number(shown[3]));
    const text = `${date}T${pad(Number(shown[4]))}:${shown[5]}:${shown[6] ?? "00"}+08:00`;
    return date !== undefined && isDateTime(text) ? text : undefined;
  }
  const serial = SERIAL.exec(s);
  if (serial !== null) {
    const local = fromSerial(Number(s));
    if (local === undefined) return undefined;
    // Round to the minute: Excel's fractions of a day carry binary noise (9:30 is 0.395833…).
    const minutes = Math.round(local.getTime() / 60_000) * 60_000;
    return `${new Date(minutes).toISOString().slice(0, 19)}+08:00`;
  }
  return undefined;
};

/** Decimal text (`1,234.56`, `¥1234.5`) with at most `scale` decimals, as an integer of 10^-scale units. */
const scaled = (cell: string, scale: number): number | undefined => {
  const s = cell
    .trim()
    .replace(/^[¥￥]/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (m === null) return undefined;
  const fraction = m[2] ?? "";
  if (fraction.length > scale) return undefined;
  const value = Number(m[1]) * 10 ** scale + Number(fraction.padEnd(scale, "0") || "0");
  return Number.isSafeInteger(value) ? value : undefined;
};

/** 元 with at most two decimals (分), as fen: `1234.56` → 123456. */
export const readYuan = (cell: string): number | undefined => scaled(cell, 2);

/** 万元 with at most six decimals (to the fen), as fen: `12.5` → 12500000. */
export const readWanYuan = (cell: string): number | undefined => scaled(cell, 6);
