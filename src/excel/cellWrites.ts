import type { CellValue } from "../core/types";
import { type WriteUnit, gridUnit } from "./blocks";
import { isTextFormat, valueForWrite } from "./cellText";

/** what one cell should become */
export interface TargetCell {
  value: CellValue;
  formula?: string;
  /** format to set; undefined leaves the cell's format */
  numberFormat?: string;
  /** the cell's format before the write, when known ("@" changes how Excel takes text) */
  priorFormat?: string | null;
}

export interface CellWriteUnits {
  /** formats that must be in place before the content lands (text cells) */
  before: WriteUnit[];
  content: WriteUnit[];
  /** the usual second pass: formats after values */
  after: WriteUnit[];
}

/** smallest box holding the non-null entries, so sparse grids do not ship acres of nulls */
function trimmed<T>(grid: (T | null)[][], row: number, col: number): { row: number; col: number; grid: (T | null)[][] } | null {
  let r1 = Infinity;
  let r2 = -1;
  let c1 = Infinity;
  let c2 = -1;
  grid.forEach((line, r) =>
    line.forEach((x, c) => {
      if (x === null || x === undefined) return;
      r1 = Math.min(r1, r);
      r2 = Math.max(r2, r);
      c1 = Math.min(c1, c);
      c2 = Math.max(c2, c);
    }),
  );
  if (r2 < 0) return null;
  const out = grid.slice(r1, r2 + 1).map((line) => {
    const cells = line.slice(c1, c2 + 1);
    while (cells.length < c2 - c1 + 1) cells.push(null);
    return cells.map((x) => (x === undefined ? null : x));
  });
  return { row: row + r1, col: col + c1, grid: out };
}

/**
 * Turn a block of target cells into 2D writes: one content array (`formulas` when any cell
 * holds a formula, constants ride in it too; otherwise `values`), and number formats split in
 * two passes. Text-formatted cells get their "@" first, or Excel would turn "001" into 1; a
 * formula bound for a cell that is text-formatted now gets its format first, or Excel would
 * keep the formula as text. Every other format follows the values, as Excel's guidance says.
 */
export function cellWriteUnits(
  sheet: () => Excel.Worksheet,
  row: number,
  col: number,
  grid: (TargetCell | null)[][],
  /** restoring: every format goes first, so each value is taken under the format it had (a formula kept as text in a "@" cell excepted) */
  formatsFirst = false,
): CellWriteUnits {
  let anyFormula = false;
  const content: (string | number | boolean | null)[][] = [];
  const before: (string | null)[][] = [];
  const after: (string | null)[][] = [];
  for (const line of grid) {
    const cl: (string | number | boolean | null)[] = [];
    const bl: (string | null)[] = [];
    const al: (string | null)[] = [];
    for (const t of line) {
      if (!t) {
        cl.push(null);
        bl.push(null);
        al.push(null);
        continue;
      }
      const finalFormat = t.numberFormat ?? t.priorFormat ?? null;
      if (t.formula) {
        anyFormula = true;
        cl.push(t.formula);
        if ((formatsFirst || isTextFormat(t.priorFormat)) && !isTextFormat(t.numberFormat)) {
          bl.push(t.numberFormat ?? "General");
          al.push(null);
        } else {
          bl.push(null);
          al.push(t.numberFormat ?? null);
        }
      } else {
        cl.push(valueForWrite(t.value, isTextFormat(finalFormat)));
        if (t.numberFormat !== undefined && (formatsFirst || isTextFormat(t.numberFormat))) {
          bl.push(t.numberFormat);
          al.push(null);
        } else {
          bl.push(null);
          al.push(t.numberFormat ?? null);
        }
      }
    }
    content.push(cl);
    before.push(bl);
    after.push(al);
  }
  const unit = (prop: "values" | "formulas" | "numberFormat", g: (string | number | boolean | null)[][]): WriteUnit[] => {
    const t = trimmed(g, row, col);
    return t ? [gridUnit(sheet, prop, t.row, t.col, t.grid)] : [];
  };
  return {
    before: unit("numberFormat", before),
    content: unit(anyFormula ? "formulas" : "values", content),
    after: unit("numberFormat", after),
  };
}
