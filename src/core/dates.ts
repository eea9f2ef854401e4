import { toHalfWidth } from "./text";
import type { CellValue } from "./types";

/**
 * Dates in the core: ISO strings (YYYY-MM-DD) for periods and the as-of date, year-month-day
 * parts for cell dates, which arrive as Excel serials or as typed text.
 */

export interface Period {
  start: string;
  end: string;
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isoToDays(s: string): number {
  const [y, m, d] = s.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return isIsoDate(s) ? s : null;
}

/**
 * A contract or evaluation period written in a title, e.g. （2023年7月1日至2023年11月30日）
 * or 2023.7.1-2023.11.30. Returns null when none is found.
 */
export function periodFromText(text: string): Period | null {
  return periodsInText(text)[0]?.period ?? null;
}

const RANGE_DATE = String.raw`(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?`;
const RANGE_RE = new RegExp(`${RANGE_DATE}\\s*(?:至|到|—|–|-|~|～)\\s*${RANGE_DATE}`, "g");

/**
 * Every date range in a text, each with the text before it since the previous range (where its
 * label is: 协议期为…，中期评估周期为… holds two).
 */
export function periodsInText(text: string): { period: Period; before: string }[] {
  const t = toHalfWidth(text);
  const out: { period: Period; before: string }[] = [];
  let from = 0;
  for (const m of t.matchAll(RANGE_RE)) {
    const start = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    const end = iso(Number(m[4]), Number(m[5]), Number(m[6]));
    const at = m.index ?? 0;
    if (start && end && isoToDays(end) >= isoToDays(start)) out.push({ period: { start, end }, before: t.slice(from, at) });
    from = at + m[0].length;
  }
  return out;
}

export function daysToIso(days: number): string {
  const d = new Date(days * 86400000);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

export function ymdToIso(d: Ymd): string {
  return `${String(d.y).padStart(4, "0")}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
}

/** Days since 1970-01-01 of a civil date, as isoToDays counts them. */
export function ymdToDays(d: Ymd): number {
  return Date.UTC(d.y, d.m - 1, d.d) / 86400000;
}

/** Excel's serial for a civil date (1900 system, right from 1900-03-01 on). */
export function serialOf(d: Ymd): number {
  return ymdToDays(d) + 25569;
}

/** A date written inside free text, with where it was written (for a formula that looks for it). */
export interface TextDate {
  date: Ymd;
  /** the characters as written, e.g. 2023.8.1 or 8月3日 */
  written: string;
}

/**
 * The dates written in a follow-up record: 2023.8.1, 2023-08-01, 2023/8/1, 2023年8月1日, and
 * 8月3日 whose year comes from `yearOf` (the window's or contract year's months). A bare 8.3 is
 * not read: in a record it is as likely a measurement as a date.
 */
export function datesInText(text: string, yearOf: (month: number, day: number) => number | null): TextDate[] {
  const t = toHalfWidth(text);
  const out: TextDate[] = [];
  const re =
    /(?<!\d)(?:(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|([./-])\s*(\d{1,2})\s*\4\s*(\d{1,2}))|(\d{1,2})\s*月\s*(\d{1,2})\s*[日号])(?!\d)/g;
  for (const m of t.matchAll(re)) {
    let d: Ymd | null = null;
    if (m[1] && m[2]) d = valid(Number(m[1]), Number(m[2]), Number(m[3]));
    else if (m[1] && m[5]) d = valid(Number(m[1]), Number(m[5]), Number(m[6]));
    else if (m[7]) {
      const month = Number(m[7]);
      const day = Number(m[8]);
      const y = yearOf(month, day);
      d = y === null ? null : valid(y, month, day);
    }
    if (d) out.push({ date: d, written: m[0] });
  }
  return out;
}

/** Share of the period elapsed by asOf (inclusive days), clamped to 0..1. */
export function elapsedShare(period: Period, asOf: string): number {
  const s = isoToDays(period.start);
  const e = isoToDays(period.end);
  const a = isoToDays(asOf);
  const share = (a - s + 1) / (e - s + 1);
  return Math.min(1, Math.max(0, share));
}

// ---------------------------------------------------------------------------------------------
// cell dates

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
export function fromSerial(serial: number): Ymd | null {
  if (!isDateSerial(serial)) return null;
  return civilFromSerial(Math.floor(serial));
}

/** Whether a number is a serial fromSerial reads as a date (9999-12-31 is Excel's last). */
function isDateSerial(serial: number): boolean {
  return Number.isFinite(serial) && serial >= 1 && serial <= 2958465;
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

/** Whether readDate reads `v` as a date, without making the date of a serial. */
export function readsAsDate(v: CellValue): boolean {
  if (typeof v === "number") return isDateSerial(v);
  return readDate(v) !== null;
}

/** The evaluation date (YYYY-MM-DD) as parts, or null when absent or unreadable. */
export function parseAsOf(asOf: string | null): Ymd | null {
  if (!asOf) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(asOf);
  return m ? valid(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * Days between Excel's two date systems: a workbook saved with the 1904 system (older Mac Excel,
 * `<workbookPr date1904="1"/>` in the file) counts serial 0 as 1904-01-01, so its serials are 1,462
 * days below the 1900 system's for the same date.
 */
export const DATE1904_OFFSET = 1462;

/**
 * Move every date-formatted number of a sheet's cells by `by` days: +DATE1904_OFFSET turns a 1904
 * workbook's serials into the 1900 system the core counts in (hosts do it on reading, and undo it
 * on writing).
 */
export function shiftDateSerials(values: CellValue[][], formats: (string | null | undefined)[][] | undefined, by: number): void {
  if (!formats) return;
  formats.forEach((line, r) =>
    line?.forEach((fmt, c) => {
      const v = values[r]?.[c];
      if (typeof v === "number" && isDateFormat(fmt)) values[r][c] = v + by;
    }),
  );
}

/**
 * The tell-tale of a 1904 workbook read as if it counted from 1900: its dates come out four years
 * and a day early. Given the periods written as text (a contract year or evaluation window, which
 * the date system cannot move), and the date-formatted numbers of the sheets: true when most
 * dates near any period are near it only once moved by DATE1904_OFFSET. Needs a handful of dates
 * to say anything.
 */
export function looksLike1904(periods: () => Period[], sheets: { values: CellValue[][]; numberFormats?: (string | null | undefined)[][] }[]): boolean {
  const dates: number[] = [];
  for (const sheet of sheets) {
    sheet.numberFormats?.forEach((line, r) =>
      line?.forEach((fmt, c) => {
        const v = sheet.values[r]?.[c];
        if (typeof v === "number" && isDateFormat(fmt)) dates.push(v);
      }),
    );
  }
  if (dates.length < 5) return false;
  // the periods are looked for only when there are dates to hold against them
  const spans = periods().map((p) => ({ from: isoToDays(p.start) + 25569 - 730, to: isoToDays(p.end) + 25569 + 366 }));
  if (spans.length === 0) return false;
  const near = (serial: number) => spans.some((s) => serial >= s.from && serial <= s.to);
  let plain = 0;
  let shifted = 0;
  for (const v of dates) {
    if (near(v)) plain++;
    else if (near(v + DATE1904_OFFSET)) shifted++;
  }
  return shifted >= 5 && shifted >= 3 * plain;
}

/**
 * Whether a number format shows a date or time: d, m (outside a time), y, h, s or e (era year) in
 * its first section, outside quotes, escapes and brackets (colour or locale tags); elapsed-time
 * codes ([h]) count too.
 */
export function isDateFormat(code: string | null | undefined): boolean {
  if (!code || code === "General" || code === "@") return false;
  const first = code.split(";")[0];
  if (/\[(h+|m+|s+)\]/i.test(first)) return true;
  const bare = first
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_.|\*./g, "");
  return /[dymhse]/i.test(bare.replace(/General/gi, "").replace(/E[+-]/gi, ""));
}

/**
 * The Excel JavaScript API reports built-in date formats in their en-US form (OfficeDev/office-js#229): the short
 * date shows as "m/d/yyyy". Written back as such, it is a fixed custom format that shows
 * 11/30/2023 in a Chinese workbook instead of following the locale; the zh-CN forms shown by
 * Chinese Excel for the same built-ins are used instead.
 */
const ZH_DATE_FORMATS: Record<string, string> = {
  "m/d/yyyy": "yyyy/m/d",
  "m/d/yy": "yyyy/m/d",
  "mm/dd/yyyy": "yyyy/m/d",
  "m/d/yyyy h:mm": "yyyy/m/d h:mm",
  "d-mmm-yy": 'yyyy"年"m"月"d"日"',
  "d-mmm": 'm"月"d"日"',
  "mmm-yy": 'yyyy"年"m"月"',
  "mmmm d, yyyy": 'yyyy"年"m"月"d"日"',
  "dddd, mmmm d, yyyy": 'yyyy"年"m"月"d"日"',
};

export function zhDateFormat(code: string): string {
  return ZH_DATE_FORMATS[code.toLowerCase()] ?? code;
}
