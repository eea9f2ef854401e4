/** Text normalisation shared by every matcher in the core: headers, labels, quantities. */

import type { CellValue } from "./types";

/** Full-width ASCII (ＡＢ１２（）：) and the ideographic space become their half-width forms. */
export function toHalfWidth(s: string): string {
  if (!/[\uff01-\uff5e\u3000]/.test(s)) return s;
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

export function hasFullWidthDigits(s: string): boolean {
  return /[０-９]/.test(s);
}

/**
 * The form headers are compared in: half-width, no whitespace at all (headers are often
 * wrapped with Alt+Enter), brackets unified, and the decorations people add to headers
 * (a leading or trailing *, a trailing 必填 or colon) removed.
 */
export function normaliseHeader(s: string): string {
  let t = toHalfWidth(s).replace(/\s+/g, "").toLowerCase();
  t = t.replace(/[【〔［]/g, "(").replace(/[】〕］]/g, ")");
  for (let prev = ""; prev !== t;) {
    prev = t;
    t = t
      .replace(/^[*※]+/, "")
      .replace(/[*※:]+$/, "")
      .replace(/\(必填\)$|必填$|\(选填\)$/, "");
  }
  return t;
}

/** Header text as people read it: trimmed, inner line breaks and runs of spaces collapsed. */
export function displayHeader(v: CellValue): string {
  return cellText(v)
    .replace(/\s*[\r\n]+\s*/g, "")
    .replace(/\s{2,}/g, " ");
}

export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

export function isBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // most cells start with a visible ASCII character or an ideograph: no need to trim them
  const c = v.charCodeAt(0);
  if ((c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return v.trim() === "";
}

/**
 * A row label or party name for keyword matching: a header's normal form without the list
 * numbering people put in front (1. / 一、 / （二）).
 */
export function normaliseLabel(s: string): string {
  return normaliseHeader(s).replace(/^(\d+[.、)]|\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]+、)/, "");
}
