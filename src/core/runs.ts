/**
 * Column runs (the `columnRun` plan op): R1C1 references as the core writes them, and what a
 * run's cells resolve to. Hosts use this to expand a run where they must write cell by cell, and
 * to translate its formula for the one cell where A1 text is needed (a shared formula's master).
 */
import { columnLetters } from "./a1";
import type { CellValue, ColumnRunOp, PlanCell, PlanOp, RunSource, SheetSnapshot, WorkbookSnapshot } from "./types";

/** The R1C1 reference from cell (row, col) to cell (toRow, toCol), relative both ways: R[2]C[-1], RC. */
export function relativeR1C1(row: number, col: number, toRow: number, toCol: number): string {
  const dr = toRow - row;
  const dc = toCol - col;
  return `R${dr ? `[${dr}]` : ""}C${dc ? `[${dc}]` : ""}`;
}

const NAME_CHAR = /[A-Za-z0-9_.\u00c0-\uffff]/;
// R, R5 or R[-2], then C, C3 or C[1]; not followed by more of a name or a call
const REF = /[Rr](\[-?\d+\]|\d+)?[Cc](\[-?\d+\]|\d+)?(?![A-Za-z0-9_.(\u00c0-\uffff])/y;

function part(spec: string | undefined, base: number, what: string): { index: number; absolute: boolean } {
  if (spec === undefined) return { index: base, absolute: false };
  if (spec.startsWith("[")) return { index: base + Number(spec.slice(1, -1)), absolute: false };
  const n = Number(spec) - 1;
  if (n < 0) throw new Error(`R1C1 ${what} 0 does not exist`);
  return { index: n, absolute: true };
}

/**
 * The A1 text of an R1C1 formula placed in cell (row, col). Understands the references the core
 * writes (R[d]C[e], RnCm and mixes, with or without a sheet prefix) and leaves string literals
 * and quoted sheet names alone; a reference that would fall off the sheet is an error.
 */
export function r1c1ToA1(formula: string, row: number, col: number): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // a string literal or a quoted sheet name, doubled quotes inside
      let j = i + 1;
      for (;;) {
        const q = formula.indexOf(ch, j);
        if (q < 0) {
          j = formula.length;
          break;
        }
        if (formula[q + 1] === ch) j = q + 2;
        else {
          j = q + 1;
          break;
        }
      }
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    if ((ch === "R" || ch === "r") && (i === 0 || !NAME_CHAR.test(formula[i - 1]))) {
      REF.lastIndex = i;
      const m = REF.exec(formula);
      if (m) {
        const r = part(m[1], row, "row");
        const c = part(m[2], col, "column");
        if (r.index < 0 || r.index >= 1048576 || c.index < 0 || c.index >= 16384)
          throw new Error(`R1C1 reference ${m[0]} falls off the sheet at row ${row + 1}`);
        out += `${c.absolute ? "$" : ""}${columnLetters(c.index)}${r.absolute ? "$" : ""}${r.index + 1}`;
        i += m[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

export function runLength(op: ColumnRunOp): number {
  return op.r2 - op.r1 + 1;
}

/** How a host finds the snapshot's sheets a `copy` source reads from. */
export type SheetLookup = (name: string) => SheetSnapshot | undefined;

export function sheetLookup(snapshot: WorkbookSnapshot): SheetLookup {
  const byName = new Map(snapshot.sheets.map((s) => [s.name, s]));
  return (name) => byName.get(name);
}

/**
 * A resolver for the values of one run: value(k) is the k-th cell's (0-based). A copy source
 * whose sheet is not in the snapshot is a plan bug, reported as such.
 */
export function runValues(source: RunSource, sheets: SheetLookup): (k: number) => CellValue {
  switch (source.kind) {
    case "serial":
      return (k) => source.start + k;
    case "list":
      return (k) => source.values[k] ?? null;
    case "copy": {
      const sheet = sheets(source.sheet);
      if (!sheet) throw new Error(`计划引用了不存在的工作表“${source.sheet}”`);
      const values = sheet.values;
      const { row, col } = source;
      return (k) => {
        const v = values[row + k]?.[col];
        return v === undefined || v === null || v === "" ? null : v;
      };
    }
  }
}

/** The run's cells one by one, with A1 formulas: for hosts that write cell by cell, and for tests. */
export function runCells(op: ColumnRunOp, sheets: SheetLookup): PlanCell[] {
  const value = runValues(op.values, sheets);
  const n = runLength(op);
  const out = new Array<PlanCell>(n);
  for (let k = 0; k < n; k++) {
    const cell: PlanCell = { value: value(k) };
    if (op.formulaR1C1 !== undefined) cell.formula = r1c1ToA1(op.formulaR1C1, op.r1 + k, op.col);
    if (op.numberFormat !== undefined) cell.numberFormat = op.numberFormat;
    out[k] = cell;
  }
  return out;
}

/** The same writes as a `cells` block (one column). */
export function runAsCells(op: ColumnRunOp, sheets: SheetLookup): Extract<PlanOp, { kind: "cells" }> {
  return { kind: "cells", sheet: op.sheet, row: op.r1, col: op.col, cells: runCells(op, sheets).map((c) => [c]), purpose: op.purpose };
}

/** A plan with every run expanded into cells blocks: what a plan meant before runs existed. */
export function expandRuns(plan: PlanOp[], snapshot: WorkbookSnapshot): PlanOp[] {
  const sheets = sheetLookup(snapshot);
  return plan.map((op) => (op.kind === "columnRun" ? runAsCells(op, sheets) : op));
}
