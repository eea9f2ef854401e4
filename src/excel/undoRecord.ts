import type { CellRange, CellValue } from "../core/types";

/** very hidden sheet holding what the last run overwrote; column A = header + JSON chunks */
export const UNDO_SHEET = "__shuangbai_undo";

/** Excel caps a cell at 32,767 characters; stay clear of it (an apostrophe may be added) */
export const CHUNK_CHARS = 30_000;

/**
 * A cell as it was before the run: [value], [value, formula], [value, formula|null, format].
 * `null` marks a cell the run did not touch (left alone on restore). Format "General" is dropped.
 */
export type PriorCell = null | [CellValue] | [CellValue, string | null] | [CellValue, string | null, string];

export interface PriorBlock {
  row: number;
  col: number;
  cells: PriorCell[][];
}

export interface UndoRecord {
  v: 1;
  /** ISO time of the run, shown to the user */
  at: string;
  /** sheets the run created: deleted on undo */
  added: string[];
  /** sheets the run found already there (an earlier run's output) and cleared: refilled on undo */
  reused: { sheet: string; block: PriorBlock | null }[];
  /** cells overwritten on sheets the run did not create */
  cells: ({ sheet: string } & PriorBlock & { wrote?: (string | null)[][] })[];
  /**
   * fills (and boldness) before the run; color null = several colours (restored as no fill);
   * tint = RangeFill.tintAndShade when not 0 (a theme colour's lighter or darker variant)
   */
  fills: { sheet: string; range: CellRange; color: string | null; bold: boolean | null; tint?: number }[];
  /** merges before the run inside each merged range; null = unknown (ExcelApi < 1.13) */
  merges: { sheet: string; range: CellRange; before: CellRange[] | null }[];
  /** column widths in points before the run */
  widths: { sheet: string; col: number; width: number }[];
  /** frozen area address before the run ("1:1", "A:A", "A1:B2") or null when nothing was frozen */
  freezes: { sheet: string; before: string | null }[];
  /** tab colours of reused sheets before the run ("" = none) */
  tabColors: { sheet: string; color: string }[];
  /** ranges that got conditional formats / validation from the run: cleared on undo */
  conditionalFormats: { sheet: string; range: CellRange }[];
  validations: { sheet: string; range: CellRange }[];
  /**
   * The record of an earlier run that was not undone. A re-run stacks its record on top, and
   * undo restores newest first, so the workbook goes back to how it was before the first run
   * (a re-run never needs to copy the sheets the earlier run created: undo deletes them).
   */
  previous?: UndoRecord;
}

/** the layers of a record, newest first */
export function layers(record: UndoRecord): UndoRecord[] {
  const out: UndoRecord[] = [];
  for (let r: UndoRecord | undefined = record; r; r = r.previous) out.push(r);
  return out;
}

/** sheets created by any run in the record */
export function addedSheets(record: UndoRecord | null): string[] {
  if (!record) return [];
  const seen = new Map<string, string>();
  for (const l of layers(record)) for (const n of l.added) seen.set(n.toLowerCase(), n);
  return [...seen.values()];
}

export interface UndoHeader {
  kind: "shuangbai-undo";
  v: 1;
  at: string;
  chunks: number;
  chars: number;
}

export function emptyRecord(at: string): UndoRecord {
  return { v: 1, at, added: [], reused: [], cells: [], fills: [], merges: [], widths: [], freezes: [], tabColors: [], conditionalFormats: [], validations: [] };
}

/** split the record's JSON into cell-sized chunks, never between the halves of a surrogate pair */
export function toChunks(record: UndoRecord, size = CHUNK_CHARS): { header: UndoHeader; chunks: string[] } {
  const json = JSON.stringify(record);
  const chunks: string[] = [];
  let i = 0;
  while (i < json.length) {
    let end = Math.min(json.length, i + size);
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(json.slice(i, end));
    i = end;
  }
  return { header: { kind: "shuangbai-undo", v: 1, at: record.at, chunks: chunks.length, chars: json.length }, chunks };
}

export function parseHeader(cell: unknown): UndoHeader | null {
  if (typeof cell !== "string" || !cell.startsWith("{")) return null;
  try {
    const h = JSON.parse(cell) as Partial<UndoHeader>;
    return h.kind === "shuangbai-undo" && h.v === 1 && typeof h.chunks === "number" ? (h as UndoHeader) : null;
  } catch {
    return null;
  }
}

export function fromChunks(header: UndoHeader, chunks: unknown[]): UndoRecord | null {
  if (chunks.length !== header.chunks || chunks.some((c) => typeof c !== "string")) return null;
  const json = (chunks as string[]).join("");
  if (json.length !== header.chars) return null;
  try {
    const r = JSON.parse(json) as UndoRecord;
    return r.v === 1 ? r : null;
  } catch {
    return null;
  }
}

/**
 * What a cell shows to a later read, reduced for comparison: its formula (case and spaces
 * ignored, as Excel may store them its own way), else its value. Undo compares what the run wrote
 * with what the cell holds now, to find the user's edits since.
 */
export function cellMark(value: CellValue, formula: string | null | undefined): string {
  let text: string;
  if (formula) text = `=${formula.replace(/\s+/g, "").toUpperCase()}`;
  else if (value === null || value === "") return "";
  else text = typeof value === "string" ? `s${value}` : `${typeof value}:${String(value)}`;
  // a short hash (FNV-1a, 32 bits) keeps the record small; a collision only hides one edit
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
