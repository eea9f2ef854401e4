import type { CellRange } from "../core/types";
import { columnLetters } from "../core/a1";
import type { Features } from "./features";
import type { LiveBudget, SyncCounter } from "./blocks";
import type { TargetCell } from "./cellWrites";
import { isFormula, valueFromExcel } from "./cellText";
import type { PriorCell } from "./undoRecord";

/** what every step of one Excel.run shares */
export interface RunEnv {
  ctx: Excel.RequestContext;
  features: Features;
  budget: LiveBudget;
  counter: SyncCounter;
}

/** The worksheet range covering a core CellRange (0-based, inclusive). */
export function rangeProxy(ws: Excel.Worksheet, r: CellRange): Excel.Range {
  return ws.getRangeByIndexes(r.r1, r.c1, r.r2 - r.r1 + 1, r.c2 - r.c1 + 1);
}

export function columnRange(ws: Excel.Worksheet, col: number): Excel.Range {
  const l = columnLetters(col);
  return ws.getRange(`${l}:${l}`);
}

/** the prior state of a cell read as values/formulas/numberFormat */
export function priorCell(v: unknown, f: unknown, nf: unknown): PriorCell {
  const formula = isFormula(f, v) ? f : null;
  const value = formula !== null && v === "" ? "" : valueFromExcel(v);
  const format = typeof nf === "string" && nf !== "General" && nf !== "" ? nf : null;
  if (format !== null) return [value, formula, format];
  if (formula !== null) return [value, formula];
  return [value];
}

/** what a restore writes for a prior cell */
export function restoreTarget(p: PriorCell): TargetCell | null {
  if (!p) return null;
  return { value: p[0], formula: p[1] ?? undefined, numberFormat: p[2] ?? "General" };
}

/** wipe a sheet for reuse: contents, formats, merges, conditional formats, validation, panes */
export function clearSheet(ws: Excel.Worksheet, features: Features): void {
  const all = ws.getRange();
  all.unmerge();
  all.clear("All");
  if (features.conditionalFormats) all.conditionalFormats.clearAll();
  if (features.dataValidation) all.dataValidation.clear();
  ws.freezePanes.unfreeze();
}

export function freeze(ws: Excel.Worksheet, rows: number, cols: number): void {
  const panes = ws.freezePanes;
  if (rows > 0 && cols > 0) panes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
  else if (rows > 0) panes.freezeRows(rows);
  else if (cols > 0) panes.freezeColumns(cols);
  else panes.unfreeze();
}
