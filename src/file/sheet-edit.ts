/**
 * Patching one worksheet part. The XML is split at <sheetData>: rows the plan does not touch are
 * copied as text slices; touched rows are rebuilt cell by cell, keeping every cell the plan does
 * not write verbatim. The other edits go to the elements before and after sheetData
 * (sheet-elements.ts).
 */
import { a1, columnLetters } from "../core/a1";
import type { CellRange, CellValue, ConditionalRule, ConditionalScale, FillRole } from "../core/types";
import { XlsxError } from "./errors";
import { shiftFormula } from "./formula-shift";
import type { SharedStringsEditor } from "./shared-strings";
import {
  addConditionalFormats,
  addMerges,
  addValidations,
  Fragment,
  readColStyles,
  safeRange,
  setColumnWidths,
  setFreeze,
  updateDimension,
} from "./sheet-elements";
import type { StylesEditor } from "./styles";
import {
  attr,
  decodeEntities,
  escapeStringText,
  escapeText,
  findElement,
  isStartTag,
  parseAttrs,
  rawAttr,
  removeAttr,
  rootElement,
  rootPrefix,
  setAttr,
  tagEnd,
  type Span,
  utf8Encode,
} from "./xml";

export interface CellEdit {
  /** replace the cell's content; absent = keep the content, only restyle */
  content?: { value: CellValue; formula?: string };
  numberFormat?: string;
  fill?: FillRole;
}

export interface SheetEdits {
  /** row → column → edit (0-based) */
  cells: Map<number, Map<number, CellEdit>>;
  merges: CellRange[];
  widths: Map<number, number>;
  freeze?: { rows: number; cols: number };
  conditional: { range: CellRange; rules: ConditionalRule[]; scale?: ConditionalScale }[];
  validations: { range: CellRange; items: string[] }[];
}

export function emptyEdits(): SheetEdits {
  return { cells: new Map(), merges: [], widths: new Map(), conditional: [], validations: [] };
}

const MAX_CELL_TEXT = 32767;

const ERROR_LITERALS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);

export interface PatchResult {
  xml: string;
  /** a formula was written, removed or overwritten: calcChain.xml must go */
  formulasChanged: boolean;
}

export interface PatchBytesResult {
  bytes: Uint8Array;
  /** a formula was written, removed or overwritten: calcChain.xml must go */
  formulasChanged: boolean;
}

interface OrphanGroup {
  row: number;
  col: number;
  text: string;
  range: CellRange;
}

interface ParsedCell {
  col: number;
  start: number;
  end: number;
  openTag: string;
  hasRef: boolean;
}

/** Styles and shared strings are loaded only when an edit needs them. */
export type StylesProvider = () => StylesEditor;
export type StringsProvider = () => SharedStringsEditor;

/** Where rebuilt XML goes: a string for tests and small parts, UTF-8 bytes for big sheets. */
interface Sink {
  push(s: string): void;
}

/**
 * Collects output as UTF-8 bytes, encoding every couple of megabytes: a 100,000-row restored
 * sheet is ~200 MB as one JavaScript string (UTF-16), which is what made big runs run out of heap.
 */
class ByteSink implements Sink {
  private pending: string[] = [];
  private pendingLength = 0;
  private readonly chunks: Uint8Array[] = [];
  private total = 0;

  push(s: string): void {
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pendingLength > 2_000_000) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    const bytes = utf8Encode(this.pending.join(""));
    this.chunks.push(bytes);
    this.total += bytes.length;
    this.pending = [];
    this.pendingLength = 0;
  }

  bytes(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

export function patchWorksheet(xml: string, edits: SheetEdits, styles: StylesProvider, strings: StringsProvider): PatchResult {
  const out: string[] = [];
  const r = patchInto({ push: (s) => out.push(s) }, xml, edits, styles, strings);
  return { xml: out.join(""), formulasChanged: r.formulasChanged };
}

/** The same patch, written straight to UTF-8 bytes so a huge sheet never exists as one string. */
export function patchWorksheetBytes(xml: string, edits: SheetEdits, styles: StylesProvider, strings: StringsProvider): PatchBytesResult {
  const sink = new ByteSink();
  const r = patchInto(sink, xml, edits, styles, strings);
  return { bytes: sink.bytes(), formulasChanged: r.formulasChanged };
}

function patchInto(sink: Sink, xml: string, edits: SheetEdits, styles: StylesProvider, strings: StringsProvider): { formulasChanged: boolean } {
  const p = rootPrefix(xml);
  const root = rootElement(xml);
  if (!root) throw new XlsxError("corrupt", "worksheet has no root element");
  const sd = findElement(xml, `${p}sheetData`, root.openEnd);
  if (!sd) throw new XlsxError("corrupt", "worksheet without <sheetData>");

  const head = new Fragment(xml.slice(0, sd.start), root.openEnd, p);
  const tail = new Fragment(xml.slice(sd.end), 0, p);
  const colStyles = readColStyles(head.text, p);
  const state = { formulasChanged: false };
  // the head and tail are edited before sheetData is written, so the output streams in order
  if (edits.cells.size) updateDimension(head, edits.cells);
  if (edits.widths.size) setColumnWidths(head, edits.widths, p);
  if (edits.freeze) setFreeze(head, edits.freeze, p);
  if (edits.merges.length) addMerges(tail, edits.merges, p);
  if (edits.conditional.length) addConditionalFormats(tail, edits.conditional, p, styles);
  if (edits.validations.length) addValidations(tail, edits.validations, p);

  sink.push(head.text);
  rebuildSheetData(xml, sd, edits, { p, styles, strings, colStyles, orphans: new Map(), state }, sink);
  sink.push(tail.text);
  return { formulasChanged: state.formulasChanged };
}

// ---------------------------------------------------------------------------------------------
// sheetData

function rebuildSheetData(xml: string, sd: Span, edits: SheetEdits, ctx: RowContext, out: Sink): void {
  const p = ctx.p;
  const orphans = ctx.orphans;
  const editRows = [...edits.cells.keys()].sort((a, b) => a - b);
  const rowQ = `${p}row`;
  const rowClose = `</${p}row>`;
  const openTag = sd.selfClosing ? `${xml.slice(sd.start, sd.openEnd).replace(/\s*\/>$/, ">")}` : xml.slice(sd.start, sd.openEnd);
  out.push(openTag);
  const contentEnd = sd.selfClosing ? sd.openEnd : sd.end - `</${p}sheetData>`.length;
  let copyFrom = sd.openEnd;
  let k = 0;
  let prevRow = -1;
  let i = sd.openEnd;

  const flush = (to: number) => {
    if (to > copyFrom) out.push(xml.slice(copyFrom, to));
  };

  if (!sd.selfClosing) {
    for (;;) {
      let lt = xml.indexOf(`<${rowQ}`, i);
      while (lt >= 0 && lt < contentEnd && !isStartTag(xml, lt, rowQ)) lt = xml.indexOf(`<${rowQ}`, lt + 1);
      if (lt < 0 || lt >= contentEnd) break;
      const te = tagEnd(xml, lt);
      if (te < 0 || te >= contentEnd) throw new XlsxError("corrupt", "unterminated <row> tag");
      const selfClosing = xml.charCodeAt(te - 1) === 47;
      const rowEnd = selfClosing ? te + 1 : xml.indexOf(rowClose, te) + rowClose.length;
      if (rowEnd < rowClose.length || rowEnd > contentEnd) throw new XlsxError("corrupt", "unterminated <row>");
      const tag = xml.slice(lt, te + 1);
      const rAttr = rawAttr(tag, "r");
      const r = rAttr ? Number(rAttr) - 1 : prevRow + 1;

      while (k < editRows.length && editRows[k] < r) {
        flush(lt);
        copyFrom = lt;
        out.push(newRow(editRows[k], edits.cells.get(editRows[k])!, ctx));
        k++;
      }
      const rowEdits = k < editRows.length && editRows[k] === r ? edits.cells.get(editRows[k++]) : undefined;
      const orphanRow = orphans.size > 0 && [...orphans.values()].some((g) => r >= g.range.r1 && r <= g.range.r2);
      if (rowEdits || orphanRow) {
        flush(lt);
        out.push(rebuildRow(xml, lt, te, rowEnd, r, rowEdits, ctx));
        copyFrom = rowEnd;
      } else if (!rAttr) {
        // rows without r count from the previous row; inserted rows would shift them, so pin them
        flush(lt);
        out.push(setAttr(tag, "r", String(r + 1)));
        copyFrom = te + 1;
      }
      prevRow = r;
      i = rowEnd;
    }
  }
  flush(contentEnd);
  copyFrom = contentEnd;
  while (k < editRows.length) {
    out.push(newRow(editRows[k], edits.cells.get(editRows[k])!, ctx));
    k++;
  }
  out.push(`</${p}sheetData>`);
}

interface RowContext {
  p: string;
  styles: StylesProvider;
  strings: StringsProvider;
  colStyles: Map<number, number>;
  orphans: Map<string, OrphanGroup>;
  state: { formulasChanged: boolean };
}

/** A row's own style for new cells, when the row carries one (customFormat); null otherwise. */
function rowStyle(rowTag: string): number | null {
  const a = parseAttrs(rowTag);
  const cf = a.get("customFormat");
  return cf === "1" || cf === "true" ? Number(a.get("s") ?? 0) : null;
}

/** The style a new cell takes: its row's, else its column's, else the default. */
function defaultStyle(rowStyleIndex: number | null, col: number, ctx: RowContext): number {
  return rowStyleIndex ?? ctx.colStyles.get(col) ?? 0;
}

function newRow(r: number, edits: Map<number, CellEdit>, ctx: RowContext): string {
  const cols = [...edits.keys()].sort((a, b) => a - b);
  let cells = "";
  for (const c of cols) cells += writeCell(r, c, edits.get(c)!, null, defaultStyle(null, c, ctx), ctx);
  return `<${ctx.p}row r="${r + 1}">${cells}</${ctx.p}row>`;
}

function parseCells(xml: string, from: number, to: number, p: string): { cells: ParsedCell[]; after: number } {
  const cells: ParsedCell[] = [];
  const cQ = `${p}c`;
  const cClose = `</${p}c>`;
  let col = -1;
  let i = from;
  let after = from;
  for (;;) {
    let lt = xml.indexOf(`<${cQ}`, i);
    while (lt >= 0 && lt < to && !isStartTag(xml, lt, cQ)) lt = xml.indexOf(`<${cQ}`, lt + 1);
    if (lt < 0 || lt >= to) break;
    const te = tagEnd(xml, lt);
    if (te < 0 || te >= to) throw new XlsxError("corrupt", "unterminated <c> tag");
    const openTag = xml.slice(lt, te + 1);
    const end = xml.charCodeAt(te - 1) === 47 ? te + 1 : xml.indexOf(cClose, te) + cClose.length;
    if (end < cClose.length || end > to) throw new XlsxError("corrupt", "unterminated <c>");
    const ref = rawAttr(openTag, "r");
    col = ref ? columnOf(ref) : col + 1;
    cells.push({ col, start: lt, end, openTag, hasRef: !!ref });
    i = end;
    after = end;
  }
  return { cells, after };
}

const columnNames: string[] = [];

/** A1 reference with memoised column letters: a restored roster writes hundreds of thousands of cells. */
function cellRef(r: number, c: number): string {
  let letters = columnNames[c];
  if (letters === undefined) letters = columnNames[c] = columnLetters(c);
  return letters + String(r + 1);
}

/** Column of an A1 reference, from its letters. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & 0xdf;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function rebuildRow(xml: string, lt: number, te: number, rowEnd: number, r: number, edits: Map<number, CellEdit> | undefined, ctx: RowContext): string {
  const p = ctx.p;
  let tag = xml.slice(lt, te + 1);
  const selfClosing = tag.endsWith("/>");
  // spans is only a load-time hint; after inserting cells it could be wrong, so drop it
  tag = removeAttr(tag, "spans");
  if (rawAttr(tag, "r") === undefined) tag = setAttr(tag, "r", String(r + 1));
  if (selfClosing) tag = tag.replace(/\s*\/>$/, ">");
  const contentStart = te + 1;
  const contentEnd = selfClosing ? te + 1 : rowEnd - `</${p}row>`.length;
  const { cells, after } = selfClosing ? { cells: [], after: contentStart } : parseCells(xml, contentStart, contentEnd, p);

  const editCols = edits ? [...edits.keys()].sort((a, b) => a - b) : [];
  let out = tag;
  let e = 0;
  // parsed once per row, not once per inserted cell
  const ownStyle = rowStyle(tag);
  for (const cell of cells) {
    while (e < editCols.length && editCols[e] < cell.col) {
      out += writeCell(r, editCols[e], edits!.get(editCols[e])!, null, defaultStyle(ownStyle, editCols[e], ctx), ctx);
      e++;
    }
    if (e < editCols.length && editCols[e] === cell.col) {
      out += writeCell(r, cell.col, edits!.get(cell.col)!, { xml, cell }, 0, ctx);
      e++;
    } else {
      out += keepCell(xml, r, cell, ctx);
    }
  }
  while (e < editCols.length) {
    out += writeCell(r, editCols[e], edits!.get(editCols[e])!, null, defaultStyle(ownStyle, editCols[e], ctx), ctx);
    e++;
  }
  // anything after the cells (a row-level extLst) stays
  out += xml.slice(after, contentEnd);
  return `${out}</${p}row>`;
}

/** A cell the plan does not write: verbatim, except for a pinned r and a formula whose shared master is gone. */
function keepCell(xml: string, r: number, cell: ParsedCell, ctx: RowContext): string {
  let text = xml.slice(cell.start, cell.end);
  if (!cell.hasRef) text = setAttr(cell.openTag, "r", a1(r, cell.col)) + text.slice(cell.openTag.length);
  if (ctx.orphans.size === 0) return text;
  const f = sharedFormulaOf(text, ctx.p);
  if (!f || f.text) return text;
  const g = ctx.orphans.get(f.si);
  if (!g) return text;
  const explicit = `<${ctx.p}f>${escapeText(shiftFormula(g.text, r - g.row, cell.col - g.col))}</${ctx.p}f>`;
  ctx.state.formulasChanged = true;
  return text.slice(0, f.start) + explicit + text.slice(f.end);
}

function sharedFormulaOf(cellXml: string, p: string): { si: string; text: string; ref?: string; start: number; end: number } | null {
  const f = findElement(cellXml, `${p}f`);
  if (!f) return null;
  const tag = cellXml.slice(f.start, f.openEnd);
  if (attr(tag, "t") !== "shared") return null;
  const text = f.selfClosing ? "" : decodeEntities(cellXml.slice(f.openEnd, f.end - `</${p}f>`.length));
  return { si: attr(tag, "si") ?? "", text, ref: attr(tag, "ref"), start: f.start, end: f.end };
}

function numberText(n: number): string {
  return String(n);
}

/** Write a cell the plan touches. `existing` is the cell being replaced, if any. */
function writeCell(r: number, c: number, edit: CellEdit, existing: { xml: string; cell: ParsedCell } | null, fallbackStyle: number, ctx: RowContext): string {
  const p = ctx.p;
  const oldText = existing ? existing.xml.slice(existing.cell.start, existing.cell.end) : "";
  const baseStyle = existing ? Number(rawAttr(existing.cell.openTag, "s") ?? 0) : fallbackStyle;
  const style =
    edit.numberFormat !== undefined || edit.fill !== undefined
      ? ctx.styles().xfWith(baseStyle, { numberFormat: edit.numberFormat, fill: edit.fill })
      : baseStyle;

  if (!edit.content) {
    // restyle only: keep the content and every other attribute
    if (existing) {
      const tag = existing.cell.hasRef ? existing.cell.openTag : setAttr(existing.cell.openTag, "r", a1(r, c));
      const newTag = style ? setAttr(tag, "s", String(style)) : removeAttr(tag, "s");
      return newTag + oldText.slice(existing.cell.openTag.length);
    }
    return style ? `<${p}c r="${a1(r, c)}" s="${style}"/>` : "";
  }

  if (existing) {
    const f = sharedFormulaOf(oldText, p);
    const groupRange = f && f.text ? safeRange(f.ref) : null;
    if (f && groupRange && (groupRange.r1 !== groupRange.r2 || groupRange.c1 !== groupRange.c2)) {
      // this cell was the master of a shared formula: the rest of the group must carry its own text
      ctx.orphans.set(f.si, { row: r, col: c, text: f.text, range: groupRange });
    }
    if (oldText.includes(`<${p}f`)) ctx.state.formulasChanged = true;
  }

  const { formula } = edit.content;
  // Excel refuses cells longer than 32767 characters (it reports the file as damaged)
  const value =
    typeof edit.content.value === "string" && edit.content.value.length > MAX_CELL_TEXT ? edit.content.value.slice(0, MAX_CELL_TEXT) : edit.content.value;
  const ref = cellRef(r, c);
  const s = style ? ` s="${style}"` : "";
  if (formula !== undefined) {
    ctx.state.formulasChanged = true;
    const f = `<${p}f>${escapeText(formula.replace(/^=/, ""))}</${p}f>`;
    if (typeof value === "number" && Number.isFinite(value)) return `<${p}c r="${ref}"${s}>${f}<${p}v>${numberText(value)}</${p}v></${p}c>`;
    if (typeof value === "boolean") return `<${p}c r="${ref}"${s} t="b">${f}<${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
    if (typeof value === "string" && ERROR_LITERALS.has(value)) return `<${p}c r="${ref}"${s} t="e">${f}<${p}v>${value}</${p}v></${p}c>`;
    if (typeof value === "number") return `<${p}c r="${ref}"${s} t="e">${f}<${p}v>#NUM!</${p}v></${p}c>`;
    // a formula that yields text (or "", e.g. IFERROR(…,"")) caches a formula string
    return `<${p}c r="${ref}"${s} t="str">${f}<${p}v>${escapeStringText(value ?? "")}</${p}v></${p}c>`;
  }
  if (value === null) return `<${p}c r="${ref}"${s}/>`;
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? `<${p}c r="${ref}"${s}><${p}v>${numberText(value)}</${p}v></${p}c>`
      : `<${p}c r="${ref}"${s} t="e"><${p}v>#NUM!</${p}v></${p}c>`;
  }
  if (typeof value === "boolean") return `<${p}c r="${ref}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  if (ERROR_LITERALS.has(value)) return `<${p}c r="${ref}"${s} t="e"><${p}v>${value}</${p}v></${p}c>`;
  return `<${p}c r="${ref}"${s} t="s"><${p}v>${ctx.strings().indexOf(value)}</${p}v></${p}c>`;
}
