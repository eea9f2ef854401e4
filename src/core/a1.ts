import type { CellRange } from "./types";

/** 0 → "A", 25 → "Z", 26 → "AA" */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** (0, 0) → "A1" */
export function a1(row: number, col: number): string {
  return columnLetters(col) + String(row + 1);
}

export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error(`not an A1 reference: ${ref}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

export function rangeA1(r: CellRange): string {
  const a = a1(r.r1, r.c1);
  const b = a1(r.r2, r.c2);
  return a === b ? a : `${a}:${b}`;
}

export function parseRange(ref: string): CellRange {
  const [p, q] = ref.split(":");
  const a = parseA1(p);
  const b = q ? parseA1(q) : a;
  return { r1: Math.min(a.row, b.row), c1: Math.min(a.col, b.col), r2: Math.max(a.row, b.row), c2: Math.max(a.col, b.col) };
}

/** Quote a sheet name for use in a formula: 'My Sheet'!A1, doubling embedded quotes. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
