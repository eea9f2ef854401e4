import { columnLetters, sheetRef } from "../a1";
import { relativeR1C1 } from "../runs";
import { datesInText, isoToDays, parseAsOf, serialOf, ymdToDays, ymdToIso, type Period, type TextDate } from "../dates";
import { finding, type Lang } from "../findings";
import { cellText, toHalfWidth } from "../text";
import type { CellValue, Finding, PlanCell, PlanOp, SheetSnapshot } from "../types";
import type { RowSet } from "./checks";
import { VIEW_FIRST_DATA_ROW, VIEW_HEADER_ROW } from "./restore";

/**
 * Follow-up recency: the dates written in a row's 跟进记录（电访/探访）, the latest of them, and
 * whether it is recent enough for the row's 跟进级别.
 *
 * The one interval set by default is the national rule for special-difficulty elderly people:
 * 民政部等十部门《关于开展特殊困难老年人探访关爱服务的指导意见》(2022) asks for a 月探访率 of 100 %
 * by the end of 2025, by visits or by phone and video (定期上门入户、电话视频等方式). "Monthly" read as
 * "no more than 31 days since the last record" is our reading, not the document's words. No
 * Guangdong rule per 跟进级别 was found, so the other levels stay unchecked until a user sets them.
 */

/** The key of `followUpIntervals` that applies to every row in an elderly category. */
export const ELDERLY_FOLLOW_UP = "特殊困难老年人";
export const DEFAULT_FOLLOW_UP_INTERVALS: Readonly<Record<string, number>> = { [ELDERLY_FOLLOW_UP]: 31 };

/** The header of the column added at the right end of the restored view. */
export const FOLLOW_UP_HEADER = "最近跟进日期";

const LEVEL_DIGITS: Record<string, string> = { 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/** 一级, 1级, 1, Ⅰ级 … → "1"; other texts as written without spaces. */
export function levelKey(text: string): string {
  const t = toHalfWidth(text)
    .replace(/\s+/g, "")
    .replace(/(级|等)$/, "");
  const roman: Record<string, string> = { Ⅰ: "1", Ⅱ: "2", Ⅲ: "3", Ⅳ: "4", Ⅴ: "5", Ⅵ: "6" };
  if (/^[一二三四五六七八九]$/.test(t)) return LEVEL_DIGITS[t];
  if (roman[t]) return roman[t];
  return t;
}

/**
 * The year of a date written without one (8月3日): the year that puts it inside the window (or the
 * contract year), else the latest year not after the as-of date.
 */
export function yearFinder(base: Period | null, asOf: string | null): (month: number, day: number) => number | null {
  return (month, day) => {
    const pad = (n: number) => String(n).padStart(2, "0");
    if (base) {
      for (let y = Number(base.start.slice(0, 4)); y <= Number(base.end.slice(0, 4)); y++) {
        const iso = `${y}-${pad(month)}-${pad(day)}`;
        if (iso >= base.start && iso <= base.end) return y;
      }
    }
    if (asOf) {
      const y = Number(asOf.slice(0, 4));
      return `${y}-${pad(month)}-${pad(day)}` <= asOf ? y : y - 1;
    }
    return null;
  };
}

/** The latest date in a record that is not after the as-of date (a later one is taken as a typo). */
export function latestDate(text: string, yearOf: (m: number, d: number) => number | null, asOf: string | null): TextDate | null {
  let best: TextDate | null = null;
  for (const d of datesInText(text, yearOf)) {
    if (asOf && ymdToIso(d.date) > asOf) continue;
    if (!best || ymdToIso(d.date) > ymdToIso(best.date)) best = d;
  }
  return best;
}

export interface FollowUpInput {
  sheet: SheetSnapshot;
  rows: number[];
  recordCol: number;
  /** the header row, where a column without a single date is reported once */
  headerRow: number;
  levelCol: number | null;
  /** rows in an elderly category (from the category checks) */
  elderlyRows: RowSet;
  intervals: Record<string, number>;
  asOf: string | null;
  base: Period | null;
  lang: Lang;
}

/** How many days may pass since the last record, and the rule that says so. */
interface Limit {
  days: number;
  rule: { zh: string; en: string };
}

export interface FollowUpResult {
  findings: Finding[];
  /** the latest dated record per row */
  latest: Map<number, TextDate>;
}

export function checkFollowUps(input: FollowUpInput): FollowUpResult {
  const { sheet, rows, recordCol, levelCol, elderlyRows, intervals, asOf, lang } = input;
  const out: FollowUpResult = { findings: [], latest: new Map() };
  const yearOf = yearFinder(input.base, asOf);
  const byLevel = new Map<string, number>();
  for (const [k, days] of Object.entries(intervals)) if (k !== ELDERLY_FOLLOW_UP && days > 0) byLevel.set(levelKey(k), days);
  const elderlyDays = intervals[ELDERLY_FOLLOW_UP] > 0 ? intervals[ELDERLY_FOLLOW_UP] : null;
  const asOfDays = parseAsOf(asOf) ? isoToDays(asOf as string) : null;
  // the limits are few (one per level, one for the elderly): rows share them, and a finding gets a copy
  const elderlyLimit: Limit | null =
    elderlyDays === null ? null : { days: elderlyDays, rule: { zh: "特殊困难老年人月探访", en: "monthly visits to special-difficulty elderly people" } };
  const levelLimits = new Map<string, Limit | null>();
  const undatedRows: number[] = [];
  const undatedLimits: Limit[] = [];

  // records and levels repeat (按需电访, 三级): each distinct text is read once per run
  const latestOf = new Map<string, TextDate | null>();
  for (const r of rows) {
    const text = cellText(sheet.values[r]?.[recordCol] ?? null);
    let latest: TextDate | null = null;
    if (text) {
      const known = latestOf.get(text);
      if (known === undefined) {
        latest = latestDate(text, yearOf, asOf);
        latestOf.set(text, latest);
      } else latest = known;
    }
    if (latest) out.latest.set(r, latest);
    if (asOfDays === null) continue;
    // the strictest interval that applies: the row's level, and the elderly rule (the level's
    // when both are as strict)
    const level = levelCol === null || byLevel.size === 0 ? "" : cellText(sheet.values[r]?.[levelCol] ?? null);
    let levelLimit: Limit | null = null;
    if (level) {
      const known = levelLimits.get(level);
      if (known === undefined) {
        const days = byLevel.get(levelKey(level));
        levelLimit = days ? { days, rule: { zh: `跟进级别“${level.slice(0, 10)}”`, en: `follow-up level “${level.slice(0, 10)}”` } } : null;
        levelLimits.set(level, levelLimit);
      } else levelLimit = known;
    }
    const elderly = elderlyLimit !== null && elderlyRows.has(r);
    if (!levelLimit && !elderly) continue;
    const limit = levelLimit && !(elderly && (elderlyLimit as Limit).days < levelLimit.days) ? levelLimit : (elderlyLimit as Limit);
    if (!latest) {
      undatedRows.push(r);
      undatedLimits.push(limit);
      continue;
    }
    const days = asOfDays - ymdToDays(latest.date);
    if (days > limit.days) {
      out.findings.push(
        finding(
          "follow-up-overdue",
          sheet.name,
          r,
          recordCol,
          { last: ymdToIso(latest.date), asOf: asOf as string, days, rule: { ...limit.rule }, limit: limit.days },
          lang,
        ),
      );
    }
  }
  // a column with not one date anywhere holds plans (每月电访一次), not a dated log: say so once on
  // its header instead of once per row
  if (undatedRows.length && out.latest.size === 0) {
    const rule = { ...undatedLimits[0].rule };
    out.findings.push(finding("follow-up-no-dates", sheet.name, input.headerRow, recordCol, { rows: undatedRows.length, rule }, lang));
  } else {
    undatedRows.forEach((row, i) => {
      const limit = undatedLimits[i];
      out.findings.push(finding("follow-up-undated", sheet.name, row, recordCol, { rule: { ...limit.rule }, limit: limit.days }, lang));
    });
  }
  return out;
}

/** What a 最近跟进日期 cell says once its record was edited after the run. */
export const FOLLOW_UP_STALE = { zh: "记录已改，请重新评分", en: "Record edited: score again" };

/**
 * The 最近跟进日期 column at the right end of the restored view, a formula over each row's record
 * wherever one can watch it, so the column does not show a stale date silently:
 * - a row whose record holds a date shows the latest date found while the record is as the run
 *   read it, and 记录已改，请重新评分 once it is edited (its length changes, or the date found is no
 *   longer in it as written);
 * - a row whose record was blank stays blank until something is written into it, then says
 *   记录已改，请重新评分. One formula for all of them, planned as column runs (the view's own
 *   pattern), so a 100,000-row roster of blank records costs a few runs, not 100,000 formulas;
 * - a row whose record holds text without a date is left blank: watching it would take a formula
 *   with its own length in every such row (megabytes for a large roster), and its
 *   follow-up-undated finding already says there is nothing to read.
 * A formula cannot read the dates themselves: Excel 2019 and LibreOffice share no regular
 * expressions, and DATEVALUE reads dates by the computer's locale (docs/domain.md §4).
 */
export function followUpColumn(input: {
  sheet: SheetSnapshot;
  outputSheet: string;
  col: number;
  rows: number[];
  recordCol: number;
  latest: Map<number, TextDate>;
  liveFormulas: boolean;
  lang: Lang;
}): PlanOp[] {
  const { sheet, outputSheet, col, rows, recordCol, latest, liveFormulas } = input;
  const ops: PlanOp[] = [
    { kind: "cells", sheet: outputSheet, row: VIEW_HEADER_ROW, col, cells: [[{ value: FOLLOW_UP_HEADER }]], purpose: "restore" },
    { kind: "fill", sheet: outputSheet, ranges: [{ r1: VIEW_HEADER_ROW, c1: col, r2: VIEW_HEADER_ROW, c2: col }], role: "output" },
  ];
  const ref = sheetRef(sheet.name);
  const stale = `"${FOLLOW_UP_STALE[input.lang]}"`;
  const blank = (r: number) => cellText(sheet.values[r]?.[recordCol] ?? null) === "";
  // the rows with a date (or, frozen, every row) as cells, one block per stretch
  const cells: (PlanCell | null)[][] = [];
  let from = -1;
  const flush = (k: number) => {
    if (cells.length) ops.push({ kind: "cells", sheet: outputSheet, row: VIEW_FIRST_DATA_ROW + from, col, cells: cells.splice(0), purpose: "restore" });
    from = k;
  };
  // blank records watched by one R1C1 formula, one run per stretch of consecutive source rows
  let run: { k0: number; k1: number } | null = null;
  const endRun = () => {
    if (!run) return;
    const r1 = VIEW_FIRST_DATA_ROW + run.k0;
    const x = `${ref}!${relativeR1C1(r1, col, rows[run.k0], recordCol)}`;
    const n = run.k1 - run.k0 + 1;
    ops.push({
      kind: "columnRun",
      sheet: outputSheet,
      col,
      r1,
      r2: r1 + n - 1,
      formulaR1C1: `=IF(LEN(${x})=0,"",${stale})`,
      values: { kind: "list", values: new Array<CellValue>(n).fill("") },
      purpose: "restore",
    });
    run = null;
  };
  rows.forEach((r, k) => {
    const d = latest.get(r);
    if (liveFormulas && !d && blank(r)) {
      if (cells.length) flush(k);
      if (run && run.k1 === k - 1 && rows[k - 1] === r - 1) run.k1 = k;
      else {
        endRun();
        run = { k0: k, k1: k };
      }
      return;
    }
    endRun();
    if (!cells.length) from = k;
    else if (from + cells.length !== k) flush(k);
    if (!d) {
      cells.push([{ value: null }]);
      return;
    }
    const v = sheet.values[r]?.[recordCol] ?? null;
    const cell: PlanCell = { value: serialOf(d.date), numberFormat: "yyyy-mm-dd" };
    if (liveFormulas && typeof v === "string") {
      // LEN counts UTF-16 units in Excel and LibreOffice alike, as String.length does
      const cellRef = `${ref}!${columnLetters(recordCol)}${r + 1}`;
      const date = `DATE(${d.date.y},${d.date.m},${d.date.d})`;
      // full-width digits were read as half-width: SEARCH would not find them as written
      const same = `LEN(${cellRef})=${v.length}`;
      const test = v.includes(d.written) ? `AND(${same},ISNUMBER(SEARCH("${d.written.replace(/"/g, '""')}",${cellRef})))` : same;
      cell.formula = `=IF(${test},${date},${stale})`;
    }
    cells.push([cell]);
  });
  endRun();
  flush(rows.length);
  ops.push({ kind: "columnWidths", sheet: outputSheet, widths: [{ col, width: 14 }] });
  return ops;
}
