import type { CellValue } from "../core/types";

/**
 * Excel parses text written through `values`/`formulas` as if it were typed: "=…" becomes a
 * formula, "001" the number 1, "2024-01-02" a date, "TRUE" a boolean, "#N/A" an error, and a
 * leading apostrophe is swallowed. To put text back exactly as it was we prefix such strings
 * with the apostrophe Excel itself uses for "this is text". Plain words are left alone so the
 * formula bar does not fill with apostrophes.
 */
export function wouldExcelReinterpret(s: string): boolean {
  if (s.length === 0) return false;
  if (/^\s*[=+\-@'#]/.test(s)) return true;
  if (/^\s*(true|false)\s*$/i.test(s)) return true;
  // numbers, percentages, currency, dates and times: digits with number-ish punctuation only
  return /\d/.test(s) && /^[\s\d.,%$¥￥€£/:\-+()eE年月日时分秒]*$/.test(s);
}

/** a value ready for a `values`/`formulas` 2D array: "" clears the cell, null would skip it */
export function valueForWrite(v: CellValue, textFormatted: boolean): string | number | boolean {
  if (v === null) return "";
  if (typeof v !== "string") return v;
  if (textFormatted) return v;
  return wouldExcelReinterpret(v) ? `'${v}` : v;
}

/** Excel returns "" for blank cells; the core wants null */
export function valueFromExcel(v: unknown): CellValue {
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/**
 * Whether a cell holds a formula, from its `formulas` and `values` entries. Text that merely
 * starts with "=" (a text-formatted or apostrophe cell) comes back the same in both.
 */
export function isFormula(f: unknown, v: unknown): f is string {
  return typeof f === "string" && f.startsWith("=") && f !== v;
}

export function isTextFormat(nf: unknown): boolean {
  return nf === "@";
}
