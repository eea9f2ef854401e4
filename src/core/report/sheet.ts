import { parseA1, sheetRef } from "../a1";
import { cellText } from "../text";
import type { CellValue, Plan, PlanCell, PlanOp, SheetSnapshot, WorkbookSnapshot } from "../types";
import type { ReportDraft } from "./model";
import { paragraphFormulas } from "./pieces";
import { REPORT_TEMPLATES } from "./template";

/** Whether a sheet is the report sheet an earlier run wrote (its A1 carries the marker). */
export function isOwnReportSheet(sheet: SheetSnapshot): boolean {
  const t = cellText(sheet.values[0]?.[0] ?? null);
  return t === REPORT_TEMPLATES.zh.marker || t === REPORT_TEMPLATES.en.marker;
}

/**
 * What each cell holds once a plan is applied: the plan's own writes (with the cached results of
 * its formulas), else the snapshot. Sheets are indexed only when asked about, so a plan with a
 * restored roster of a million cells costs nothing here unless the draft reads that sheet.
 */
export function cellsAfter(snapshot: WorkbookSnapshot, plan: Plan): (sheet: string, cell: string) => CellValue {
  const indexes = new Map<string, Map<string, CellValue>>();
  const sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
  const index = (sheet: string) => {
    let map = indexes.get(sheet);
    if (map) return map;
    map = new Map();
    for (const op of plan) {
      if (op.kind === "addSheet" && op.sheet === sheet) map.clear();
      if (op.kind !== "cells" || op.sheet !== sheet) continue;
      op.cells.forEach((line, r) => line.forEach((c, k) => c && map?.set(`${op.row + r}:${op.col + k}`, c.value)));
    }
    indexes.set(sheet, map);
    return map;
  };
  return (sheet, cell) => {
    let at: { row: number; col: number };
    try {
      at = parseA1(cell);
    } catch {
      return null;
    }
    const key = `${at.row}:${at.col}`;
    const planned = index(sheet);
    if (planned.has(key)) return planned.get(key) ?? null;
    // a sheet the plan replaces starts blank
    if (plan.some((op) => op.kind === "addSheet" && op.sheet === sheet)) return null;
    return sheets.get(sheet)?.values[at.row]?.[at.col] ?? null;
  };
}

/** The name for the report sheet: its own name, or the next free one when a sheet of the user's has it. */
export function reportSheetName(snapshot: WorkbookSnapshot, lang: "zh" | "en", own: Set<string>): string {
  const base = REPORT_TEMPLATES[lang].sheetName;
  const mine = snapshot.sheets.find((s) => own.has(s.name) && isOwnReportSheet(s));
  if (mine) return mine.name;
  const names = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  let name = base;
  for (let i = 2; names.has(name.toLowerCase()); i++) name = `${base}(${i})`;
  return name;
}

const WIDTHS = [26, 8, 12, 12, 12, 60];

/**
 * The 评估报告摘要 sheet: each paragraph a live text formula whose cached value is the draft's
 * text, the appendix as cells that refer to the cells they mirror. The sheet is the tool's own:
 * replaced on a re-run (addSheet of the same name), removed by undo (a sheet the run added).
 */
export function reportSheetPlan(draft: ReportDraft, name: string, after: string | undefined, replacing: boolean): PlanOp[] {
  const t = REPORT_TEMPLATES[draft.lang];
  const rows: (PlanCell | null)[][] = [[{ value: t.marker }], [{ value: draft.title }], [{ value: t.note }]];
  const headings: number[] = [];
  for (const section of draft.sections) {
    rows.push([]);
    headings.push(rows.length);
    rows.push([{ value: section.heading }]);
    for (const p of section.paragraphs) {
      for (const chunk of paragraphFormulas(p.pieces)) rows.push([chunk.formula ? { value: chunk.text, formula: chunk.formula } : { value: chunk.text }]);
    }
    if (section.table) {
      headings.push(rows.length);
      rows.push(section.table.columns.map((c) => ({ value: c })));
      for (const line of section.table.rows) {
        rows.push(
          line.map((c) => {
            const cell: PlanCell = c.ref ? { value: c.value, formula: `=${sheetRef(c.ref.sheet)}!${c.ref.cell}` } : { value: c.value };
            if (c.numberFormat && typeof c.value === "number") cell.numberFormat = c.numberFormat;
            return cell;
          }),
        );
      }
    }
  }
  const width = Math.max(...rows.map((r) => r.length));
  const grid = rows.map((r) => Array.from({ length: width }, (_, k) => r[k] ?? null));
  return [
    { kind: "addSheet", sheet: name, after: replacing ? undefined : after },
    { kind: "cells", sheet: name, row: 0, col: 0, cells: grid, purpose: "report" },
    { kind: "fill", sheet: name, role: "header", ranges: headings.map((r) => ({ r1: r, c1: 0, r2: r, c2: grid[r].filter((c) => c !== null).length - 1 })) },
    { kind: "columnWidths", sheet: name, widths: WIDTHS.map((width, col) => ({ col, width })) },
  ];
}
