import { a1 } from "./a1";
import { periodsInText, type Period } from "./dates";
import { toHalfWidth } from "./text";
import type { SheetSnapshot, WorkbookSnapshot } from "./types";

/**
 * What a date range in a workbook means, told by the words before it. A station's workbook names
 * three spans that look alike (seed report, domain.md §7): the three-year 项目服务采购周期, the
 * 年度服务协议时间 whose 协议指标量 the indicators are counted against, and the evaluation window
 * (中期评估周期 / 统计周期, also the range in a table's title). Only the contract year paces
 * the targets; the window says how far into it the figures reach.
 */
export type PeriodKind = "contract" | "window" | "procurement";

/**
 * Labels, longest first where one contains another (中期评估周期 before 评估周期). The first
 * label found nearest before a range decides its kind.
 */
export const PERIOD_LABELS: readonly { kind: PeriodKind; words: readonly string[] }[] = [
  // never used for pacing: the purchase spans several contract years
  { kind: "procurement", words: ["项目服务采购周期", "服务采购周期", "采购周期", "采购期", "购买服务周期"] },
  { kind: "window", words: ["中期评估周期", "末期评估周期", "评估周期", "统计周期", "评估期", "考核期", "统计期间", "统计时段", "考核周期", "评估时段"] },
  {
    kind: "contract",
    words: ["年度服务协议时间", "年度服务协议期", "服务协议时间", "服务协议期", "协议期", "协议时间", "服务期", "合同期", "合同时间", "项目周期", "服务周期"],
  },
];

export interface FoundPeriod {
  kind: PeriodKind;
  period: Period;
  sheet: string;
  /** A1 address of the cell the range was read from */
  cell: string;
  row: number;
  col: number;
  /** the range had no label: a title's range, taken as the window */
  fromTitle: boolean;
}

/** The kind a label segment names, or null when it names none. */
export function labelKind(segment: string): PeriodKind | null {
  const s = toHalfWidth(segment).replace(/\s+/g, "");
  let best: { kind: PeriodKind; at: number; len: number } | null = null;
  for (const { kind, words } of PERIOD_LABELS) {
    for (const w of words) {
      const at = s.lastIndexOf(w);
      if (at < 0) continue;
      // the label nearest the range wins; at the same place the longer label does
      const end = at + w.length;
      if (!best || end > best.at + best.len || (end === best.at + best.len && w.length > best.len)) best = { kind, at, len: w.length };
    }
  }
  return best?.kind ?? null;
}

/** \s as a regular expression reads it */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Whether the text may hold a range periodsInText finds: four ASCII digits as written, and once
 * half-width, a year and its separator (RANGE_DATE's /\d{4}\s*[年./-]/). Most cells (names, ID
 * numbers, phones, addresses) have neither; this tells so by one scan of character codes, with
 * no half-width copy of each cell.
 */
function mayHoldRange(text: string): boolean {
  // a run of four ASCII digits somewhere, and a run of four digits (ASCII or full-width ０-９)
  // followed by 年 . / - (or their full-width forms): one pass looks for both
  let ascii = 0;
  let run = 0;
  let digits = false;
  let year = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run++;
      if (++ascii >= 4) digits = true;
      continue;
    }
    ascii = 0;
    if (c >= 0xff10 && c <= 0xff19) {
      run++;
      continue;
    }
    if (run >= 4 && !year) {
      let k = i;
      while (k < text.length && isSpace(text.charCodeAt(k))) k++;
      const s = k < text.length ? text.charCodeAt(k) : -1;
      year = s === 0x5e74 || s === 46 || s === 47 || s === 45 || s === 0xff0e || s === 0xff0f || s === 0xff0d;
    }
    run = 0;
    if (digits && year) return true;
  }
  return digits && year;
}

/** Rows near the top of a sheet hold its titles; an unlabelled range there is the window. */
const TITLE_ROWS = 3;
/** The shortest text RANGE_RE matches: 2023.1.1-2023.1.2 (half-width keeps the length). */
const MIN_RANGE = 17;
/** A cell longer than this is prose, still read (the seed's 项目管理 paragraph names both spans). */
const MAX_TEXT = 400;

function cellString(sheet: SheetSnapshot, r: number, c: number): string | null {
  const v = sheet.values[r]?.[c];
  return typeof v === "string" && v.length <= MAX_TEXT ? v : null;
}

/**
 * Every date range in the visible sheets with the kind its label gives it. The label is the text
 * before the range in the same cell (since the previous range), else the cell on its left
 * (年度服务协议时间 | 2023年7月1日至2024年6月30日).
 */
export function findPeriods(snapshot: WorkbookSnapshot, skip: Set<string> = new Set()): FoundPeriod[] {
  const out: FoundPeriod[] = [];
  for (const sheet of snapshot.sheets) {
    if (sheet.hidden || skip.has(sheet.name)) continue;
    const values = sheet.values;
    for (let r = 0; r < values.length; r++) {
      const row = values[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        // a range starts with a year and its separator: most cells (names, ID numbers, phones) have neither
        if (typeof v !== "string" || v.length < MIN_RANGE || v.length > MAX_TEXT || !mayHoldRange(v)) continue;
        const text = v;
        for (const hit of periodsInText(text)) {
          let kind = labelKind(hit.before);
          if (!kind && !hit.before.trim() && c > 0) {
            const left = cellString(sheet, r, c - 1);
            if (left && left.length <= 40) kind = labelKind(left);
          }
          const fromTitle = !kind && r < TITLE_ROWS;
          if (!kind && !fromTitle) continue;
          out.push({ kind: kind ?? "window", period: hit.period, sheet: sheet.name, cell: a1(r, c), row: r, col: c, fromTitle });
        }
      }
    }
  }
  return out;
}

export interface ResolvedPeriods {
  contract: FoundPeriod | null;
  window: FoundPeriod | null;
}

/**
 * The contract year and the window: a labelled window beats a title's range, and the first of
 * each kind in sheet order wins (the evaluation summary comes before the appendices).
 */
export function resolvePeriods(found: FoundPeriod[]): ResolvedPeriods {
  const contract = found.find((f) => f.kind === "contract") ?? null;
  // a title that repeats the contract year is not a window
  const same = (f: FoundPeriod) => contract !== null && f.period.start === contract.period.start && f.period.end === contract.period.end;
  const windows = found.filter((f) => f.kind === "window" && !(f.fromTitle && same(f)));
  const window = windows.find((f) => !f.fromTitle) ?? windows[0] ?? null;
  return { contract, window };
}
