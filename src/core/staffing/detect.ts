import { fromSerial, readDate } from "../dates";
import { readCount } from "../numerals";
import { cellText, normaliseHeader, toHalfWidth } from "../text";
import type { SheetSnapshot } from "../types";
import { CERT_HEADER_WORDS, ENTRY_HEADERS, EXIT_HEADERS, NAME_HEADERS, TABLE_END } from "./vocabulary";

/** A month column: its header says which month, perhaps without the year (7月). */
export interface MonthColumn {
  col: number;
  /** header row of the month cell */
  row: number;
  year: number | null;
  month: number;
}

export interface StaffingTable {
  /** the row holding 姓名 and 持证情况 */
  headerRow: number;
  /** last header row (month headers may sit one row under a merged 到岗情况) */
  lastHeaderRow: number;
  nameCol: number;
  certCol: number;
  months: MonthColumn[];
  entryCol: number | null;
  exitCol: number | null;
  /** data rows (0-based), one worker each */
  rows: number[];
  /** the table's last column: the results block goes to its right */
  lastCol: number;
}

const HEADER_SCAN_ROWS = 30;

function text(sheet: SheetSnapshot, r: number, c: number): string {
  return normaliseHeader(cellText(sheet.values[r]?.[c] ?? null));
}

/** A header naming a month: 2023年7月, 2023-07, 2023.7, 7月, 7月份, or a date serial. */
export function readMonthHeader(v: unknown): { year: number | null; month: number } | null {
  if (typeof v === "number") {
    // a header cell holding a date (formatted yyyy年m月) arrives as its serial
    if (v < 36526 || v > 73051) return null;
    const d = fromSerial(v);
    return d ? { year: d.y, month: d.m } : null;
  }
  if (typeof v !== "string") return null;
  const s = toHalfWidth(v).replace(/\s+/g, "");
  if (s.length > 14) return null;
  let m = /^(\d{4})[年./-](\d{1,2})(?:月份?|月)?(?:到岗|在岗|情况)?$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { year: Number(m[1]), month: Number(m[2]) };
  m = /^(\d{1,2})月份?(?:到岗|在岗|情况)?$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { year: null, month: Number(m[1]) };
  // 七月, 十一月: months written in Chinese numerals
  m = /^([一二三四五六七八九十]{1,3})月份?(?:到岗|在岗|情况)?$/.exec(s);
  const cn = m ? readCount(m[1]) : null;
  if (cn !== null && cn >= 1 && cn <= 12) return { year: null, month: cn };
  const d = readDate(s);
  return d ? { year: d.y, month: d.m } : null;
}

function isName(t: string): boolean {
  return NAME_HEADERS.includes(t);
}

function isCert(t: string): boolean {
  return t.length <= 16 && CERT_HEADER_WORDS.some((w) => t.includes(w));
}

function headerIndex(t: string, words: readonly string[]): boolean {
  return words.includes(t) || words.some((w) => w.length >= 4 && t.startsWith(w));
}

/**
 * The staffing table on a sheet: a header row with a name column and a 持证情况 column, and
 * either month columns (in that row or the one under it) or 入职 / 离职 dates. Null when the sheet
 * has none.
 */
export function detectStaffingTable(sheet: SheetSnapshot): StaffingTable | null {
  const limit = Math.min(HEADER_SCAN_ROWS, sheet.values.length);
  for (let r = 0; r < limit; r++) {
    const row = sheet.values[r] ?? [];
    let nameCol = -1;
    let certCol = -1;
    let entryCol: number | null = null;
    let exitCol: number | null = null;
    for (let c = 0; c < row.length; c++) {
      const t = text(sheet, r, c);
      if (!t) continue;
      if (nameCol < 0 && isName(t)) nameCol = c;
      else if (certCol < 0 && isCert(t)) certCol = c;
      else if (entryCol === null && headerIndex(t, ENTRY_HEADERS)) entryCol = c;
      else if (exitCol === null && headerIndex(t, EXIT_HEADERS)) exitCol = c;
    }
    if (nameCol < 0 || certCol < 0) continue;
    // the table's header cells run right from its first header to the first blank in both rows
    const first = Math.min(nameCol, certCol);
    let lastCol = first;
    for (let c = first; c < Math.max(row.length, (sheet.values[r + 1] ?? []).length); c++) {
      const here = text(sheet, r, c) || text(sheet, r + 1, c) || isCoveredByMerge(sheet, r, c);
      if (!here) break;
      lastCol = c;
    }
    const dateCols = new Set([entryCol, exitCol]);
    let months = monthColumns(sheet, r, first, lastCol, dateCols);
    let lastHeaderRow = r;
    // months one row down sit under a merged 到岗情况, in a row that names no worker
    if (!months.length && text(sheet, r + 1, nameCol) === "") {
      months = monthColumns(sheet, r + 1, first, lastCol, dateCols);
      if (months.length) lastHeaderRow = r + 1;
    }
    if (!months.length && entryCol === null) continue;
    const rows = dataRows(sheet, lastHeaderRow + 1, nameCol, months, entryCol, certCol);
    return { headerRow: r, lastHeaderRow, nameCol, certCol, months, entryCol, exitCol, rows, lastCol };
  }
  return null;
}

function isCoveredByMerge(sheet: SheetSnapshot, r: number, c: number): string {
  for (const m of sheet.merges ?? []) if (m.r1 <= r && r <= m.r2 && m.c1 <= c && c <= m.c2) return "merged";
  return "";
}

function monthColumns(sheet: SheetSnapshot, r: number, from: number, to: number, skip: Set<number | null>): MonthColumn[] {
  const out: MonthColumn[] = [];
  for (let c = from; c <= to; c++) {
    if (skip.has(c)) continue;
    const m = readMonthHeader(sheet.values[r]?.[c] ?? null);
    if (m) out.push({ col: c, row: r, year: m.year, month: m.month });
  }
  return out;
}

/** Rows from `start` until the table ends: a 合计 line, or two blank rows. */
function dataRows(sheet: SheetSnapshot, start: number, nameCol: number, months: MonthColumn[], entryCol: number | null, certCol: number): number[] {
  const rows: number[] = [];
  let blanks = 0;
  const cols = [nameCol, certCol, ...months.map((m) => m.col), ...(entryCol === null ? [] : [entryCol])];
  for (let r = start; r < sheet.values.length; r++) {
    const name = cellText(sheet.values[r]?.[nameCol] ?? null).trim();
    if (TABLE_END.test(toHalfWidth(name).replace(/\s+/g, ""))) break;
    const empty = cols.every((c) => cellText(sheet.values[r]?.[c] ?? null).trim() === "");
    if (empty) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    // a line of prose under the table (合同约定：…) fills the name cell with a long text
    if (name.length > 20) break;
    rows.push(r);
  }
  return rows;
}
