import type { CellRange, CellValue, SheetSnapshot } from "../types";
import type { Orientation, Pos } from "./model";

/**
 * A sheet seen in one orientation. Laid down, view row i is sheet row i; laid across, view row i
 * is sheet column i (the sheet transposed). The header-band and record logic is written once in
 * view coordinates and serves tables in both orientations.
 */
export interface Grid {
  sheet: SheetSnapshot;
  orientation: Orientation;
  /** number of view rows */
  length: number;
  /** number of view columns */
  width: number;
  value(i: number, j: number): CellValue;
  format(i: number, j: number): string | null;
  formula(i: number, j: number): string | null;
  /** the merged area covering (i, j), in view coordinates */
  merge(i: number, j: number): CellRange | undefined;
  /** merges starting in view row i, in view coordinates */
  mergesInRow(i: number): CellRange[];
  pos(i: number, j: number): Pos;
}

/** Merged areas indexed by every sheet row they cover: one look-up per cell, not a scan of all merges. */
export class MergeIndex {
  private readonly byRow = new Map<number, CellRange[]>();
  private readonly byCol = new Map<number, CellRange[]>();
  constructor(merges: readonly CellRange[]) {
    for (const m of merges) {
      if (m.r2 === m.r1 && m.c2 === m.c1) continue;
      for (let r = m.r1; r <= m.r2; r++) push(this.byRow, r, m);
      for (let c = m.c1; c <= m.c2; c++) push(this.byCol, c, m);
    }
  }
  at(r: number, c: number): CellRange | undefined {
    const list = this.byRow.get(r);
    if (!list) return undefined;
    for (const m of list) if (c >= m.c1 && c <= m.c2) return m;
    return undefined;
  }
  startingInRow(r: number): CellRange[] {
    return (this.byRow.get(r) ?? []).filter((m) => m.r1 === r);
  }
  startingInCol(c: number): CellRange[] {
    return (this.byCol.get(c) ?? []).filter((m) => m.c1 === c);
  }
}

function push(map: Map<number, CellRange[]>, k: number, m: CellRange): void {
  const list = map.get(k);
  if (list) list.push(m);
  else map.set(k, [m]);
}

const transpose = (m: CellRange): CellRange => ({ r1: m.c1, c1: m.r1, r2: m.c2, c2: m.r2 });

export function sheetWidthOf(sheet: SheetSnapshot): number {
  let w = 0;
  for (const row of sheet.values) if (row && row.length > w) w = row.length;
  return w;
}

export function gridOf(sheet: SheetSnapshot, orientation: Orientation, merges: MergeIndex, width = sheetWidthOf(sheet)): Grid {
  const v = (r: number, c: number): CellValue => sheet.values[r]?.[c] ?? null;
  const f = (r: number, c: number): string | null => sheet.numberFormats?.[r]?.[c] ?? null;
  const x = (r: number, c: number): string | null => sheet.formulas?.[r]?.[c] ?? null;
  if (orientation === "down") {
    return {
      sheet,
      orientation,
      length: sheet.values.length,
      width,
      value: v,
      format: f,
      formula: x,
      merge: (i, j) => merges.at(i, j),
      mergesInRow: (i) => merges.startingInRow(i),
      pos: (i, j) => ({ row: i, col: j }),
    };
  }
  return {
    sheet,
    orientation,
    length: width,
    width: sheet.values.length,
    value: (i, j) => v(j, i),
    format: (i, j) => f(j, i),
    formula: (i, j) => x(j, i),
    merge: (i, j) => {
      const m = merges.at(j, i);
      return m ? transpose(m) : undefined;
    },
    mergesInRow: (i) => merges.startingInCol(i).map(transpose),
    pos: (i, j) => ({ row: j, col: i }),
  };
}
