import { columnLetters, parseA1 } from "../core/a1";
import { maskText, numberToPlainString } from "../core/privacy/mask";
import type { CellValue, WorkbookSnapshot } from "../core/types";

export interface RowPreview {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

function show(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  const text = typeof v === "number" ? numberToPlainString(v) : String(v);
  // The page has no grid to jump to, so it shows cells; ID numbers and phones still stay masked.
  return maskText(text).slice(0, 60);
}

/**
 * The rows around a cell, with a few columns either side, headed by column letters as in Excel.
 * Null when the sheet or the address is not in the workbook.
 */
export function previewAround(snapshot: WorkbookSnapshot, sheetName: string, cell: string, around = { rows: 2, cols: 3 }): RowPreview | null {
  const sheet = snapshot.sheets.find((s) => s.name === sheetName);
  if (!sheet) return null;
  let at: { row: number; col: number };
  try {
    at = parseA1(cell.split(":")[0]);
  } catch {
    return null;
  }
  const r1 = Math.max(0, at.row - around.rows);
  const r2 = Math.min(Math.max(sheet.values.length - 1, at.row), at.row + around.rows);
  const c1 = Math.max(0, at.col - around.cols);
  const c2 = at.col + around.cols;
  const headers: string[] = [];
  for (let c = c1; c <= c2; c++) headers.push(columnLetters(c));
  const rows: RowPreview["rows"] = [];
  for (let r = r1; r <= r2; r++) {
    const values = sheet.values[r] ?? [];
    const cells: string[] = [];
    for (let c = c1; c <= c2; c++) cells.push(show(values[c]));
    rows.push({ row: r + 1, cells });
  }
  return { headers, rows };
}
