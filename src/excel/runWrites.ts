import type { ColumnRunOp } from "../core/types";
import { zhDateFormat } from "../core/dates";
import { type WriteUnit, gridUnit } from "./blocks";
import { OP_OVERHEAD_BYTES } from "./limits";
import { rangeProxy } from "./sheetOps";

/**
 * Column runs on a sheet the run (re)creates, written with one assignment each instead of a
 * formula or number per cell.
 *
 * - **A formula run** sets `formulasR1C1` (and `numberFormat`) to one scalar on the run's range.
 *   Excel applies a scalar to every cell of a multi-cell range although the typings ask for
 *   any[][]: shown in Script Lab, and asked to be documented in the Microsoft 365 developer-platform
 *   idea "Allow passing a single value to the Range object Values and Formulas"
 *   (techcommunity.microsoft.com/idea/microsoft365developerplatform/allow-passing-a-single-value-to-the-range-object-values-and-formulas/4211172).
 *   In R1C1 the one text is the same relative formula in each cell.
 * - **A serial run** (1, 2, 3…) writes its first two numbers and extends them down with
 *   `Range.autoFill(…, "FillSeries")` (ExcelApi 1.9,
 *   learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-autofill-member(1)),
 *   as dragging the fill handle does: at 100,000 rows the numbers alone would be 0.8 MB of request.
 *
 * Neither is promised by the documentation in so many words, so each is written defensively: its
 * unit carries a fallback of plain 2-D blocks (the same formula text in every row of a
 * `formulasR1C1` array, the numbers as `values`). When a batch holding such a unit fails, the
 * batch goes again with the fallbacks (writeUnits; only the kind the error's
 * `debugInfo.errorLocation` names, or both when it names none), and the session remembers: for
 * as long as the pane is open, later runs write 2-D blocks from the start.
 */
export interface RunWriteSession {
  /** Excel refused a scalar assigned to a multi-cell range */
  scalarRejected: boolean;
  /** Excel refused Range.autoFill (or it is below ExcelApi 1.9) */
  autoFillRejected: boolean;
}

/** the pane's session: a module lives as long as the task pane's page */
export const paneSession: RunWriteSession = { scalarRejected: false, autoFillRejected: false };

export type RunOp = ColumnRunOp;

/** runs this module writes in one assignment: formula runs, and serial numbers where autoFill may be used */
export function isBulkRun(op: RunOp, autoFill: boolean): boolean {
  return op.formulaR1C1 !== undefined || (autoFill && op.values.kind === "serial" && op.r2 - op.r1 >= 2);
}

type Ws = () => Excel.Worksheet;

function column(n: number, x: unknown): unknown[][] {
  return Array.from({ length: n }, () => [x]);
}

/** the run's writes; `autoFill` = ExcelApi 1.9 is there */
export function runWriteUnits(ws: Ws, op: RunOp, session: RunWriteSession, autoFill: boolean): WriteUnit[] {
  const units: WriteUnit[] = [];
  const n = op.r2 - op.r1 + 1;
  const range = () => rangeProxy(ws(), { r1: op.r1, c1: op.col, r2: op.r2, c2: op.col });
  const format = op.numberFormat === undefined ? undefined : zhDateFormat(op.numberFormat);
  // the format first: a text (@) format set afterwards would not turn the formulas back into text, nor the reverse
  const formatGrid = () => (format === undefined ? [] : [gridUnit(ws, "numberFormat", op.r1, op.col, column(n, format))]);
  if (op.formulaR1C1 !== undefined) {
    const formula = op.formulaR1C1;
    const grids = () => [...formatGrid(), gridUnit(ws, "formulasR1C1", op.r1, op.col, column(n, formula))];
    if (session.scalarRejected || n === 1) return grids();
    units.push({
      bytes: 200 + (formula.length + (format?.length ?? 0)) * 2 + OP_OVERHEAD_BYTES,
      queue() {
        const scalar = range() as unknown as { numberFormat: unknown; formulasR1C1: unknown };
        if (format !== undefined) scalar.numberFormat = format;
        scalar.formulasR1C1 = formula;
      },
      fallback: {
        units: grids,
        rejected: () => void (session.scalarRejected = true),
        api: /formulas|numberFormat|values/i,
      },
    });
    return units;
  }
  if (op.values.kind !== "serial") throw new Error("runWriteUnits: only formula and serial runs are written in bulk");
  const start = op.values.start;
  const numbers = () => Array.from({ length: n }, (_, k) => [start + k]);
  const grids = () => [...formatGrid(), gridUnit(ws, "values", op.r1, op.col, numbers())];
  if (!autoFill || session.autoFillRejected || n < 3) return grids();
  return [
    {
      bytes: 300 + (format?.length ?? 0) * 2 + OP_OVERHEAD_BYTES * 2,
      queue() {
        const seed = rangeProxy(ws(), { r1: op.r1, c1: op.col, r2: op.r1 + 1, c2: op.col });
        // autoFill carries the seed's format down with the numbers, as the fill handle does
        if (format !== undefined) seed.numberFormat = [[format], [format]];
        seed.values = [[start], [start + 1]];
        seed.autoFill(range(), "FillSeries");
      },
      fallback: {
        units: grids,
        rejected: () => void (session.autoFillRejected = true),
        api: /autoFill/i,
      },
    },
  ];
}
