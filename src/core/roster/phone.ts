import { numberToPlainString } from "../privacy/mask";
import type { CellValue } from "../types";
import { hasFullWidthDigits, toHalfWidth } from "../text";

export interface PhoneInfo {
  valid: boolean;
  fullWidth: boolean;
  text: string;
}

const MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
// area codes are 010, 02x and 0xxx; local numbers 7–8 digits; an extension may follow 转 or -
const LANDLINE = /^(?:\+?86|0086)?0\d{2,3}\d{7,8}(?:(?:转|ext|-)\d{1,5})?$/;

/** one number, already half-width: full-width brackets and separators are gone by now */
function onePhone(p: string): boolean {
  const compact = p.replace(/[\s\-()]/g, "");
  if (MOBILE.test(compact)) return true;
  const keepExt = p.replace(/[\s()]/g, "").replace(/^(\+?86|0086)?(0\d{2,3})-?(\d{7,8})/, "$1$2$3");
  return LANDLINE.test(keepExt);
}

/**
 * 1[3-9] and nine more ASCII digits (MOBILE without a country code), checked by character codes:
 * a cell that is one has nothing to report, so the row checks do not call readPhone for it.
 */
export function isPlainMobile(s: string): boolean {
  if (s.length !== 11 || s.charCodeAt(0) !== 49) return false;
  const c1 = s.charCodeAt(1);
  if (c1 < 51 || c1 > 57) return false;
  for (let i = 2; i < 11; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A 联系电话 cell: one number, or several separated by / 、 ， ; (a mobile and a home phone
 * side by side is common). Every part must be a mobile or a landline with its area code.
 */
export function readPhone(v: CellValue): PhoneInfo | null {
  if (v === null || typeof v === "boolean") return null;
  const raw = typeof v === "number" ? numberToPlainString(v) : v.trim();
  if (!raw) return null;
  const fullWidth = hasFullWidthDigits(raw);
  const text = toHalfWidth(raw);
  const parts = text
    .split(/[/、,;|]|\s{2,}/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const valid = parts.length > 0 && parts.every(onePhone);
  return { valid, fullWidth, text: raw };
}
