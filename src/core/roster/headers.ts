import type { CellRange, CellValue, SheetSnapshot } from "../types";
import { type HeaderCell, countDirectFields, type directLookup } from "./match";
import { displayHeader, isBlank, normaliseHeader } from "../text";
import { bandPieces } from "../tables/band";
import { gridOf, MergeIndex } from "../tables/grid";

/** Rows searched for the header row: titles and notes rarely take more. */
export const HEADER_SEARCH_ROWS = 20;

export interface HeaderLayout {
  /** first header row (0-based); equals `last` for a one-row header */
  top: number;
  /** last header row (0-based); data start below it */
  last: number;
  cells: HeaderCell[];
  /** template fields named exactly or by synonym */
  score: number;
}

export function cellAt(sheet: SheetSnapshot, r: number, c: number): CellValue {
  const row = sheet.values[r];
  if (!row) return null;
  const v = row[c];
  return v === undefined ? null : v;
}

export function sheetWidth(sheet: SheetSnapshot, fromRow = 0, toRow = sheet.values.length - 1): number {
  let w = 0;
  for (let r = fromRow; r <= toRow && r < sheet.values.length; r++) {
    const row = sheet.values[r];
    if (!row) continue;
    for (let c = row.length - 1; c >= w; c--) {
      if (!isBlank(row[c])) {
        w = c + 1;
        break;
      }
    }
  }
  return w;
}

function mergeAt(merges: CellRange[], r: number, c: number): CellRange | undefined {
  return merges.find((m) => r >= m.r1 && r <= m.r2 && c >= m.c1 && c <= m.c2);
}

/** Text of a header cell, reading a merged area's text from its top-left cell. */
function headerText(sheet: SheetSnapshot, merges: CellRange[], r: number, c: number): string {
  const m = mergeAt(merges, r, c);
  if (m && m.r1 === r) return displayHeader(cellAt(sheet, r, m.c1));
  if (m) return "";
  return displayHeader(cellAt(sheet, r, c));
}

function singleRow(sheet: SheetSnapshot, merges: CellRange[], r: number, width: number): HeaderCell[] {
  const cells: HeaderCell[] = [];
  for (let c = 0; c < width; c++) {
    const m = mergeAt(merges, r, c);
    // a horizontally merged header names one column only (its first)
    if (m && m.c1 !== c) continue;
    const text = headerText(sheet, merges, r, c);
    if (text) cells.push({ col: c, row: r, text, keys: [normaliseHeader(text)] });
  }
  return cells;
}

/**
 * A two-row header: a group row (merged across its sub-headers, or merged down over both rows)
 * and a sub-header row. A column's header is the group and sub-header joined ("联系方式/联系电话");
 * it also answers to the sub-header alone, since groups are often generic (基本信息, 联系方式).
 */
export function composeTwoRow(sheet: SheetSnapshot, merges: CellRange[], r: number, width: number): HeaderCell[] {
  const grid = gridOf(sheet, "down", mergeIndexOf(merges), width);
  const cells: HeaderCell[] = [];
  for (let c = 0; c < width; c++) {
    // the one home for reading header bands; the roster reads its two rows strictly (fromAbove off)
    const pieces = bandPieces(grid, r, r + 1, c, undefined, false);
    const group = pieces.find((p) => p.row === r)?.text ?? "";
    const sub = pieces.find((p) => p.row === r + 1)?.text ?? "";
    const ng = normaliseHeader(group);
    const ns = normaliseHeader(sub);
    if (!ng && !ns) continue;
    if (!ns || ng === ns) cells.push({ col: c, row: r, text: group, keys: [ng] });
    else if (!ng) cells.push({ col: c, row: r + 1, text: sub, keys: [ns] });
    else cells.push({ col: c, row: r + 1, text: `${group}/${sub}`, keys: [ns, ng + ns, `${ng}(${ns})`] });
  }
  return cells;
}

const indexes = new WeakMap<CellRange[], MergeIndex>();
function mergeIndexOf(merges: CellRange[]): MergeIndex {
  let index = indexes.get(merges);
  if (!index) {
    index = new MergeIndex(merges);
    indexes.set(merges, index);
  }
  return index;
}

/**
 * Merges that make row r the top of a two-row header: one spanning r and r+1, or a group merged
 * across some columns. A merge across (nearly) the whole table is a title, not a group.
 */
function hasGroupMerges(merges: CellRange[], r: number, width: number): boolean {
  const isTitle = (m: CellRange) => m.c2 - m.c1 + 1 >= Math.max(2, Math.ceil(width * 0.8));
  return merges.some((m) => m.r1 === r && !isTitle(m) && (m.r2 === r + 1 || (m.r2 === r && m.c2 > m.c1)));
}

/** A row holding one text only (a title or a note above the table) cannot be a group row. */
function singleText(cells: HeaderCell[]): boolean {
  return cells.length <= 1;
}

/**
 * The header layout among the first rows that names the most template fields, trying each row
 * alone and each pair of rows as a two-row header.
 */
export function locateHeader(sheet: SheetSnapshot, lookup: ReturnType<typeof directLookup>): HeaderLayout | null {
  const merges = sheet.merges ?? [];
  const lastRow = Math.min(HEADER_SEARCH_ROWS, sheet.values.length) - 1;
  const width = sheetWidth(sheet, 0, lastRow + 1);
  let best: HeaderLayout | null = null;
  const better = (l: HeaderLayout) => !best || l.score > best.score;
  for (let r = 0; r <= lastRow; r++) {
    const one = singleRow(sheet, merges, r, width);
    const oneScore = countDirectFields(one, lookup);
    let chosen: HeaderLayout = { top: r, last: r, cells: one, score: oneScore };
    if (r + 1 < sheet.values.length && !singleText(one)) {
      const two = composeTwoRow(sheet, merges, r, width);
      const twoScore = countDirectFields(two, lookup);
      const nextAlone = countDirectFields(singleRow(sheet, merges, r + 1, width), lookup);
      // without merges a second header row must prove itself by naming more fields than either row alone
      const plausible = hasGroupMerges(merges, r, width) ? twoScore >= oneScore : twoScore > Math.max(oneScore, nextAlone);
      if (plausible && twoScore > 0) chosen = { top: r, last: r + 1, cells: two, score: twoScore };
    }
    if (better(chosen)) best = chosen;
  }
  return best;
}

// A signature line under the table (填表人：… 审核人：…) is not a data row.
const FOOTER = /^(填表|制表|审核|统计人|负责人|联系人|单位负责人|填报)/;

/** Index of the last data row (0-based) below the header, or header.last when there is none. */
export function lastDataRow(sheet: SheetSnapshot, header: HeaderLayout, width: number): number {
  for (let r = sheet.values.length - 1; r > header.last; r--) {
    const row = sheet.values[r];
    if (!row) continue;
    let count = 0;
    let first = "";
    for (let c = 0; c < Math.max(width, row.length); c++) {
      if (!isBlank(row[c])) {
        count++;
        if (!first) first = displayHeader(row[c]);
      }
    }
    if (count === 0) continue;
    if (count <= 3 && FOOTER.test(first)) continue;
    return r;
  }
  return header.last;
}

export function rowIsBlank(sheet: SheetSnapshot, r: number): boolean {
  const row = sheet.values[r];
  if (!row) return true;
  for (const v of row) if (!isBlank(v)) return false;
  return true;
}
