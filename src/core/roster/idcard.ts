import { numberToPlainString } from "../privacy/mask";
import type { CellValue } from "../types";
import { hasFullWidthDigits, toHalfWidth } from "../text";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** Where GB 11643's check character for the first 17 digits stands in CHECK. */
function checkIndex(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return sum % 11;
}

/** GB 11643 check character for the first 17 digits. */
export function checkDigit(first17: string): string {
  return CHECK[checkIndex(first17)];
}

export type IdKind = "valid18" | "valid15" | "invalid" | "precision-lost";

export interface IdInfo {
  kind: IdKind;
  /** the ID as read: half-width digits, no spaces, upper-case X */
  text: string;
  fullWidth: boolean;
  /** birth date when it could be read */
  birth: { y: number; m: number; d: number } | null;
  /** "男" | "女" from the sex digit, when intact */
  sex: "男" | "女" | null;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const last = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1];
  return d <= last && y >= 1890;
}

function birthFrom(ymd: string): { y: number; m: number; d: number } | null {
  const y = Number(ymd.slice(0, 4));
  const m = Number(ymd.slice(4, 6));
  const d = Number(ymd.slice(6, 8));
  return validDate(y, m, d) ? { y, m, d } : null;
}

/** 17 ASCII digits and a digit or X: the form /^\d{17}[\dX]$/ accepts, checked by character codes. */
function isPlainId18(s: string): boolean {
  if (s.length !== 18) return false;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const c = s.charCodeAt(17);
  return (c >= 48 && c <= 57) || c === 88;
}

/** An ID that reads as 17 digits and a check character (half-width, upper case). */
function id18(text: string, fullWidth: boolean): IdInfo {
  const y = (text.charCodeAt(6) - 48) * 1000 + (text.charCodeAt(7) - 48) * 100 + (text.charCodeAt(8) - 48) * 10 + (text.charCodeAt(9) - 48);
  const m = (text.charCodeAt(10) - 48) * 10 + (text.charCodeAt(11) - 48);
  const d = (text.charCodeAt(12) - 48) * 10 + (text.charCodeAt(13) - 48);
  const birth = validDate(y, m, d) ? { y, m, d } : null;
  const sex = (text.charCodeAt(16) - 48) % 2 === 1 ? "男" : "女";
  if (checkDigit(text) === text[17] && birth) return { kind: "valid18", text, fullWidth, birth, sex };
  if (text.endsWith("000")) return { kind: "precision-lost", text, fullWidth, birth, sex: null };
  return { kind: "invalid", text, fullWidth, birth, sex: birth ? sex : null };
}

/** Where readValid18 leaves what a valid ID says: reused from row to row, so no object per ID. */
export interface Valid18 {
  y: number;
  m: number;
  d: number;
  male: boolean;
}

/**
 * The common case of a roster's ID cell, 18 plain digits (or X) that pass the check with a real
 * birth date: true, with its birth date and sex written into `out`, exactly what readId reports
 * as valid18. False for anything else (readId then reads the cell the general way). The row
 * checks call this once per row; readId's IdInfo and birth object per row were most of their garbage.
 */
export function readValid18(v: CellValue, out: Valid18): boolean {
  if (typeof v !== "string" || !isPlainId18(v)) return false;
  const y = (v.charCodeAt(6) - 48) * 1000 + (v.charCodeAt(7) - 48) * 100 + (v.charCodeAt(8) - 48) * 10 + (v.charCodeAt(9) - 48);
  const m = (v.charCodeAt(10) - 48) * 10 + (v.charCodeAt(11) - 48);
  const d = (v.charCodeAt(12) - 48) * 10 + (v.charCodeAt(13) - 48);
  if (!validDate(y, m, d)) return false;
  if (CHECK.charCodeAt(checkIndex(v)) !== v.charCodeAt(17)) return false;
  out.y = y;
  out.m = m;
  out.d = d;
  out.male = (v.charCodeAt(16) - 48) % 2 === 1;
  return true;
}

/**
 * Read an ID number cell. A number cell has already lost everything past Excel's 15 significant
 * digits; so has text that was pasted from such a number (18 digits ending 000 that fail the check,
 * or scientific notation).
 */
export function readId(v: CellValue): IdInfo | null {
  if (v === null || typeof v === "boolean") return null;
  if (typeof v === "number") {
    const text = numberToPlainString(v);
    const birth = text.length >= 14 ? birthFrom(text.slice(6, 14)) : null;
    return { kind: "precision-lost", text, fullWidth: false, birth, sex: null };
  }
  // the common case, 18 plain digits (or X) as typed: what the general path below would read
  // from them, without its copies of the text
  if (isPlainId18(v)) return id18(v, false);
  const raw = v.trim();
  if (!raw) return null;
  const fullWidth = hasFullWidthDigits(raw);
  const text = toHalfWidth(raw)
    .replace(/[\s'‘’]/g, "")
    .toUpperCase();
  if (/^\d(\.\d+)?E\+\d+$/.test(text)) return { kind: "precision-lost", text, fullWidth, birth: null, sex: null };
  if (/^\d{17}[\dX]$/.test(text)) return id18(text, fullWidth);
  if (/^\d{15}$/.test(text)) {
    const birth = birthFrom("19" + text.slice(6, 12));
    if (birth) return { kind: "valid15", text, fullWidth, birth, sex: Number(text[14]) % 2 === 1 ? "男" : "女" };
  }
  return { kind: "invalid", text, fullWidth, birth: null, sex: null };
}

/** Whole years from `birth` to `on` (YYYY-MM-DD parts). */
export function ageOn(birth: { y: number; m: number; d: number }, on: { y: number; m: number; d: number }): number {
  let age = on.y - birth.y;
  if (on.m < birth.m || (on.m === birth.m && on.d < birth.d)) age--;
  return age;
}
