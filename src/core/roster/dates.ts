import type { CellValue } from "../types";
import { toHalfWidth } from "../text";

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

function valid(y: number, m: number, d: number): Ymd | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 ? { y, m, d } : null;
}

/**
 * Excel's 1900 date system, right from serial 61 (1900-03-01) on; Excel's own count is a day off
 * before that (it believes in 29 Feb 1900), which no roster date reaches.
 */
// a roster's dates repeat (one 建档日期 for a whole batch of rows): remember the few seen
const SERIAL_CACHE = new Map<number, Ymd>();

export function fromSerial(serial: number): Ymd | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const day = Math.floor(serial);
  const hit = SERIAL_CACHE.get(day);
  if (hit) return { ...hit };
  const ymd = civilFromSerial(day);
  if (SERIAL_CACHE.size < 50_000) SERIAL_CACHE.set(day, ymd);
  return { ...ymd };
}

function civilFromSerial(serial: number): Ymd {
  // days since 1970-01-01, then the proleptic-Gregorian civil date by integer arithmetic
  // (no Date object per cell: a 100k-row roster reads this for every row)
  const z = serial - 25569 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, or a date serial. */
export function readDate(v: CellValue): Ymd | null {
  if (v === null || typeof v === "boolean") return null;
  if (typeof v === "number") return fromSerial(v);
  const s = toHalfWidth(v).trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** The evaluation date (YYYY-MM-DD) as parts, or null when absent or unreadable. */
export function parseAsOf(asOf: string | null): Ymd | null {
  if (!asOf) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(asOf);
  return m ? valid(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}
