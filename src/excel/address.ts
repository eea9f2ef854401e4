import { parseRange } from "../core/a1";
import type { CellRange } from "../core/types";

/** "'My Sheet'!A1:B2" → "A1:B2"; Excel puts the sheet in front of every address it returns */
export function stripSheet(address: string): string {
  const i = address.lastIndexOf("!");
  return i >= 0 ? address.slice(i + 1) : address;
}

/**
 * A RangeAreas address lists areas separated by commas, each with its sheet; sheet names may
 * themselves hold commas inside quotes, so split only outside quotes.
 */
export function parseAreas(address: string): CellRange[] {
  const parts: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => parseRange(stripSheet(p.trim()).replace(/\$/g, "")));
}
