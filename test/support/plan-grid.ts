import { runCells, sheetLookup } from "../../src/core/runs";
import type { PlanCell, PlanOp, WorkbookSnapshot } from "../../src/core/types";

/**
 * The cells a plan writes on `sheet` from row `from` down, as one grid (column runs and cells
 * blocks both resolved against the snapshot the plan was made from); null where nothing is
 * written. Tests read the restored view through this, whatever ops carry it.
 */
export function plannedGrid(plan: PlanOp[], sheet: string, snapshot: WorkbookSnapshot, from = 0): (PlanCell | null)[][] {
  const lookup = sheetLookup(snapshot);
  const grid: (PlanCell | null)[][] = [];
  let width = 0;
  const put = (r: number, c: number, cell: PlanCell | null) => {
    if (r < from || !cell) return;
    const line = (grid[r - from] ??= []);
    line[c] = cell;
    width = Math.max(width, c + 1);
  };
  for (const op of plan) {
    if (op.sheet !== sheet) continue;
    if (op.kind === "cells") op.cells.forEach((line, i) => line.forEach((cell, j) => put(op.row + i, op.col + j, cell)));
    if (op.kind === "columnRun") runCells(op, lookup).forEach((cell, k) => put(op.r1 + k, op.col, cell));
  }
  for (let r = 0; r < grid.length; r++) {
    const line = (grid[r] ??= []);
    for (let c = 0; c < width; c++) if (line[c] === undefined) line[c] = null;
  }
  return grid;
}
