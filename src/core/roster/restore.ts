import { sheetRef } from "../a1";
import { relativeR1C1 } from "../runs";
import type { CellRange, ColumnRunOp, PlanOp, SheetSnapshot, TemplateDef, TemplateField } from "../types";
import { builtinRole } from "./dictionary";

/** Where the template view's rows sit: title, header, then data. */
export const VIEW_TITLE_ROW = 0;
export const VIEW_HEADER_ROW = 1;
export const VIEW_FIRST_DATA_ROW = 2;

export interface ViewColumn {
  field: TemplateField;
  /** working-sheet column feeding this template column, or null when there is none (yet) */
  source: number | null;
  /** highlight the view header: the field's column was added, or awaits confirmation */
  highlight: "header-missing" | "warning" | null;
}

export interface ViewInput {
  sheet: SheetSnapshot;
  outputSheet: string;
  template: TemplateDef;
  columns: ViewColumn[];
  rows: number[];
  liveFormulas: boolean;
}

const LONG_TEXT = new Set(["居住地址", "户籍地址", "家庭情况", "主要困难及需求", "服务计划（一人一策）", "跟进记录（电访/探访）", "服务成效", "备注"]);

function columnWidth(field: TemplateField): number {
  if (field.generated) return 6;
  if (field.type === "cn-id") return 21;
  if (field.type === "phone") return 15;
  if (field.type === "date") return 12;
  const role = builtinRole(field);
  if (role && LONG_TEXT.has(role)) return 30;
  // CJK characters are about two width units each
  let w = 0;
  for (const ch of field.name) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return Math.max(8, Math.min(30, w + 2));
}

interface CopiedColumn {
  /** the view's column, the source's, and whether it is an ID column (fixed format) */
  j: number;
  source: number;
  fixed: boolean;
  /** the open run: its first row (an index into rows) and its number format */
  k0: number;
  fmt0: string | undefined;
}

/**
 * Ends each copied column's run where its source rows stop being consecutive or its format
 * changes, walking the roster's rows once for all columns. A function of its own so the loop V8
 * compiles on the stack (a roster is one long run of it) returns, instead of running on into
 * buildView's code after it, which has no type feedback yet and threw the compiled loop away.
 */
function splitRuns(
  rows: readonly number[],
  formats: SheetSnapshot["numberFormats"],
  copied: CopiedColumn[],
  formatOf: (line: readonly (string | null | undefined)[] | undefined, c: CopiedColumn) => string | undefined,
  endRun: (c: CopiedColumn, k: number) => void,
): void {
  const m = copied.length;
  for (let k = 1; k < rows.length; k++) {
    const next = rows[k] === rows[k - 1] + 1;
    const line = formats?.[rows[k]];
    // a roster's rows × its columns: the common case (the next row, the same format) tested
    // in place before formatOf is asked
    for (let i = 0; i < m; i++) {
      const c = copied[i];
      if (next && !c.fixed && c.fmt0 === undefined && (line === undefined || line[c.source] == null)) continue;
      const fmt = formatOf(line, c);
      if (next && fmt === c.fmt0) continue;
      endRun(c, k);
      c.k0 = k;
      c.fmt0 = fmt;
    }
  }
}

/**
 * The template view: title, header, and for each source row one cell per template column. Cells
 * are live formulas into the working sheet (so later edits flow through) whose cached result is
 * the source's value, or frozen values for a copy to submit; either way planned as column runs,
 * so the plan's size follows the columns and gaps, not the cells.
 */
export function buildView(input: ViewInput): PlanOp[] {
  const { sheet, outputSheet, template, columns, rows, liveFormulas } = input;
  const n = columns.length;
  const lastCol = Math.max(0, n - 1);
  const ops: PlanOp[] = [{ kind: "addSheet", sheet: outputSheet, after: sheet.name }];
  const title = template.title ?? template.name;
  ops.push({ kind: "cells", sheet: outputSheet, row: VIEW_TITLE_ROW, col: 0, cells: [[{ value: title }]], purpose: "restore" });
  if (n > 1) ops.push({ kind: "merge", sheet: outputSheet, range: { r1: VIEW_TITLE_ROW, c1: 0, r2: VIEW_TITLE_ROW, c2: lastCol } });
  ops.push({
    kind: "cells",
    sheet: outputSheet,
    row: VIEW_HEADER_ROW,
    col: 0,
    cells: [columns.map((c) => ({ value: c.field.name }))],
    purpose: "restore",
  });
  ops.push({ kind: "fill", sheet: outputSheet, ranges: [{ r1: VIEW_HEADER_ROW, c1: 0, r2: VIEW_HEADER_ROW, c2: lastCol }], role: "header" });
  for (const role of ["header-missing", "warning"] as const) {
    const ranges: CellRange[] = [];
    columns.forEach((c, j) => {
      if (c.highlight === role) ranges.push({ r1: VIEW_HEADER_ROW, c1: j, r2: VIEW_HEADER_ROW, c2: j });
    });
    if (ranges.length) ops.push({ kind: "fill", sheet: outputSheet, ranges, role });
  }

  // each column is planned as runs: one per stretch of consecutive source rows (a skipped blank
  // row shifts the formula's row offset) and number format; the serial column is one run. The
  // rows are walked once for all columns, each row's formats read together (a roster's rows are
  // many, its columns few), and each column's runs planned in column order.
  const ref = sheetRef(sheet.name);
  const formats = sheet.numberFormats;
  const last = VIEW_FIRST_DATA_ROW + rows.length - 1;
  const perColumn: PlanOp[][] = columns.map(() => []);
  const copied: CopiedColumn[] = [];
  columns.forEach((col, j) => {
    if (!rows.length) return;
    if (col.field.generated === "serial") {
      perColumn[j].push({
        kind: "columnRun",
        sheet: outputSheet,
        col: j,
        r1: VIEW_FIRST_DATA_ROW,
        r2: last,
        values: { kind: "serial", start: 1 },
        purpose: "restore",
      });
      return;
    }
    if (col.source === null) return;
    copied.push({ j, source: col.source, fixed: col.field.type === "cn-id", k0: 0, fmt0: undefined });
  });
  // an ID column's format: a formula typed into a Text-formatted cell stays text in Excel, so only frozen IDs get "@"
  const fixedFormat = liveFormulas ? undefined : "@";
  const formatOf = (line: readonly (string | null | undefined)[] | undefined, c: CopiedColumn): string | undefined => {
    if (c.fixed) return fixedFormat;
    const fmt = line?.[c.source];
    return fmt && fmt !== "General" && !(liveFormulas && fmt === "@") ? fmt : undefined;
  };
  const endRun = (c: CopiedColumn, k: number) => {
    const r1 = VIEW_FIRST_DATA_ROW + c.k0;
    const run: ColumnRunOp = {
      kind: "columnRun",
      sheet: outputSheet,
      col: c.j,
      r1,
      r2: VIEW_FIRST_DATA_ROW + k - 1,
      values: { kind: "copy", sheet: sheet.name, row: rows[c.k0], col: c.source },
      purpose: "restore",
    };
    if (liveFormulas) {
      // =IF(x="","",x) shows a blank source as blank
      const x = `${ref}!${relativeR1C1(r1, c.j, rows[c.k0], c.source)}`;
      run.formulaR1C1 = `=IF(${x}="","",${x})`;
    }
    if (c.fmt0 !== undefined) run.numberFormat = c.fmt0;
    perColumn[c.j].push(run);
  };
  if (rows.length && copied.length) {
    const first = formats?.[rows[0]];
    for (const c of copied) c.fmt0 = formatOf(first, c);
    splitRuns(rows, formats, copied, formatOf, endRun);
    for (const c of copied) endRun(c, rows.length);
  }
  // one by one: a column of many runs would overflow push's arguments
  for (const list of perColumn) for (const op of list) ops.push(op);
  ops.push({ kind: "columnWidths", sheet: outputSheet, widths: columns.map((c, j) => ({ col: j, width: columnWidth(c.field) })) });
  ops.push({ kind: "freeze", sheet: outputSheet, rows: VIEW_FIRST_DATA_ROW, cols: 0 });
  return ops;
}
