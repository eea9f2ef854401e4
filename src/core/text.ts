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
  return isNormalHeader(s) ? s : normaliseHeaderUnfiltered(s);
}

/**
 * Whether normaliseHeader leaves `s` as it is: every character one that none of its steps
 * changes (ASCII but upper case letters and whitespace, CJK punctuation but the brackets it
 * unifies, the common ideographs: none is whitespace, full-width or cased), no leading * and
 * no trailing * : 必填 (选填). Most headers and labels are such, and telling so by one scan of
 * character codes spares them the half a dozen regular expressions of the general case: the
 * core normalises thousands of header texts a run (every header row candidate, every label).
 */
function isNormalHeader(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c <= 32 || c === 127 || (c >= 65 && c <= 90)) return false;
    } else if (c >= 0x4e00 && c <= 0x9fff) continue;
    else if (c < 0x3001 || c > 0x303f || c === 0x3010 || c === 0x3011 || c === 0x3014 || c === 0x3015) return false;
  }
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  // 填 (U+586B) ends 必填 and 选填, in or out of brackets
  return first !== 42 && last !== 42 && last !== 58 && !(last === 0x586b || (last === 41 && n >= 2 && s.charCodeAt(n - 2) === 0x586b));
}

/** normaliseHeader without the fast path: what it must agree with (test/core/text.test.ts) */
export function normaliseHeaderUnfiltered(s: string): string {
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
  const t = cellText(v);
  return hasBreakOrSpaces(t) ? displayHeaderUnfiltered(t) : t;
}

/** displayHeader without the fast path: what it must agree with (test/core/text.test.ts) */
export function displayHeaderUnfiltered(t: string): string {
  return t.replace(/\s*[\r\n]+\s*/g, "").replace(/\s{2,}/g, " ");
}

/** A character \s may match (and the other controls): what displayHeader's patterns start from. */
function maySpace(c: number): boolean {
  if (c < 0x80) return c <= 32;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Whether `t` holds a line break or two spaces in a row: else displayHeader leaves it as it is. */
function hasBreakOrSpaces(t: string): boolean {
  let prev = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const space = maySpace(c);
    if ((space && prev) || c === 10 || c === 13) return true;
    prev = space;
  }
  return false;
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
  const t = normaliseHeader(s);
  // list numbering begins with a digit, a bracket or 一 … 十: anything else has none to remove
  return mayBeNumbered(t.charCodeAt(0)) ? t.replace(/^(\d+[.、)]|\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]+、)/, "") : t;
}

/** 一 二 三 四 五 六 七 八 九 十, as character codes */
const CN_NUMERALS = new Set([..."一二三四五六七八九十"].map((ch) => ch.charCodeAt(0)));

function mayBeNumbered(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 40 || CN_NUMERALS.has(c);
}
