import { readCount } from "../../../core/numerals";
import { toHalfWidth } from "../../../core/text";
import { parseIntervals } from "../../settings";

/**
 * How the staffing and follow-up fields read what was typed. They live with the settings view (its
 * own chunk), not in settings.ts, so the pane's first load does not carry the numeral reader.
 */

/** What one settings field holds: its value (null = left blank), or the reason it does not read. */
export type FieldReading<T> = { ok: true; value: T | null } | { ok: false };

/** A contracted headcount as typed: 20, ２０ or 二十; blank means "read it from the sheet". */
export function readHeadcount(text: string): FieldReading<number> {
  if (!text.trim()) return { ok: true, value: null };
  const n = readCount(text);
  return n !== null && n <= 9999 ? { ok: true, value: n } : { ok: false };
}

/** The 稳岗率 requirement typed in percent (80, 85.5) → a fraction; blank means the default. */
export function readPercent(text: string): FieldReading<number> {
  const t = toHalfWidth(text).trim().replace(/%$/, "").trim();
  if (!t) return { ok: true, value: null };
  if (!/^\d+(\.\d+)?$/.test(t)) return { ok: false };
  const v = Number(t);
  return v > 0 && v <= 100 ? { ok: true, value: Math.round(v * 100) / 10000 } : { ok: false };
}

/** A number of days, 1–3650, as typed; blank means "not checked". */
export function readDays(text: string): FieldReading<number> {
  const t = toHalfWidth(text).trim().replace(/天$/, "").trim();
  if (!t) return { ok: true, value: null };
  const v = /^\d{1,4}$/.test(t) ? Number(t) : NaN;
  return v >= 1 && v <= 3650 ? { ok: true, value: v } : { ok: false };
}

/** Levels typed as text, with the first entry that does not read (shown at the field). */
export function readIntervals(text: string): { intervals: Record<string, number>; bad: string | null } {
  for (const part of text.split(/[;；,，、\n]+/)) {
    if (part.trim() && !Object.keys(parseIntervals(part)).length) return { intervals: {}, bad: part.trim().slice(0, 20) };
  }
  return { intervals: parseIntervals(text), bad: null };
}
