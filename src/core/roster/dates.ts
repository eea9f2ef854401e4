import type { CellValue } from "../types";
import { toHalfWidth } from "./text";

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

/** Excel's 1900 date system: serial 1 is 1900-01-01 (counting its phantom 29 Feb 1900). */
export function fromSerial(serial: number): Ymd | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
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
