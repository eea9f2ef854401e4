/**
 * Patching one worksheet part. The XML is split at <sheetData>: rows the plan does not touch are
 * copied as text slices; touched rows are rebuilt cell by cell, keeping every cell the plan does
 * not write verbatim. The other edits (merges, column widths, panes, conditional formats,
 * validations) splice elements into the parts before or after sheetData, at the place the
 * CT_Worksheet schema requires, because Excel rejects children out of order.
 */
import { a1, columnLetters, parseRange, rangeA1 } from "../core/a1";
import type { CellRange, CellValue, ConditionalRule, FillRole } from "../core/types";
import { XlsxError } from "./errors";
import { shiftFormula } from "./formula-shift";
import type { SharedStringsEditor } from "./shared-strings";
import type { StylesEditor } from "./styles";
import {
  attr,
  childElements,
  decodeEntities,
  escapeStringText,
  escapeText,
  findAll,
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
  conditional: { range: CellRange; rules: ConditionalRule[] }[];
  validations: { range: CellRange; items: string[] }[];
}

export function emptyEdits(): SheetEdits {
  return { cells: new Map(), merges: [], widths: new Map(), conditional: [], validations: [] };
}

/** CT_Worksheet child order (ECMA-376 18.3.1.99). */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
const SHEETDATA_ORDER = WORKSHEET_ORDER.indexOf("sheetData");

const MAX_CELL_TEXT = 32767;

const ERROR_LITERALS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);

function orderOf(qname: string, p: string): number {
  const local = qname.startsWith(p) ? qname.slice(p.length) : qname;
  if (local.endsWith("AlternateContent")) return WORKSHEET_ORDER.indexOf("oleObjects");
  return WORKSHEET_ORDER.indexOf(local);
}

export interface PatchResult {
  xml: string;
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

export function patchWorksheet(xml: string, edits: SheetEdits, styles: StylesProvider, strings: StringsProvider): PatchResult {
  const p = rootPrefix(xml);
  const root = rootElement(xml);
  if (!root) throw new XlsxError("corrupt", "worksheet has no root element");
  const sd = findElement(xml, `${p}sheetData`, root.openEnd);
  if (!sd) throw new XlsxError("corrupt", "worksheet without <sheetData>");

  const head = new Fragment(xml.slice(0, sd.start), root.openEnd, p);
  const tail = new Fragment(xml.slice(sd.end), 0, p);
  const colStyles = readColStyles(head.text, p);
  const state = { formulasChanged: false };
  const sheetData = rebuildSheetData(xml, sd, edits, { p, styles, strings, colStyles, orphans: new Map(), state });

  if (edits.cells.size) updateDimension(head, edits);
  if (edits.widths.size) setColumnWidths(head, edits.widths, p);
  if (edits.freeze) setFreeze(head, edits.freeze, p);
  if (edits.merges.length) addMerges(tail, edits.merges, p);
  if (edits.conditional.length) addConditionalFormats(tail, edits.conditional, p, styles);
  if (edits.validations.length) addValidations(tail, edits.validations, p);

  return { xml: head.text + sheetData + tail.text, formulasChanged: state.formulasChanged };
}

// ---------------------------------------------------------------------------------------------
// sheetData

function rebuildSheetData(xml: string, sd: Span, edits: SheetEdits, ctx: RowContext): string {
  const p = ctx.p;
  const orphans = ctx.orphans;
  const editRows = [...edits.cells.keys()].sort((a, b) => a - b);
  const out: string[] = [];
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
  return out.join("");
}

interface RowContext {
  p: string;
  styles: StylesProvider;
  strings: StringsProvider;
  colStyles: Map<number, number>;
  orphans: Map<string, OrphanGroup>;
  state: { formulasChanged: boolean };
}

function defaultStyle(rowTag: string | null, col: number, ctx: RowContext): number {
  if (rowTag) {
    const a = parseAttrs(rowTag);
    const cf = a.get("customFormat");
    if (cf === "1" || cf === "true") return Number(a.get("s") ?? 0);
  }
  return ctx.colStyles.get(col) ?? 0;
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
  for (const cell of cells) {
    while (e < editCols.length && editCols[e] < cell.col) {
      out += writeCell(r, editCols[e], edits!.get(editCols[e])!, null, defaultStyle(tag, editCols[e], ctx), ctx);
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
    out += writeCell(r, editCols[e], edits!.get(editCols[e])!, null, defaultStyle(tag, editCols[e], ctx), ctx);
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
function writeCell(
  r: number,
  c: number,
  edit: CellEdit,
  existing: { xml: string; cell: ParsedCell } | null,
  fallbackStyle: number,
  ctx: RowContext,
): string {
  const p = ctx.p;
  const oldText = existing ? existing.xml.slice(existing.cell.start, existing.cell.end) : "";
  const baseStyle = existing ? Number(rawAttr(existing.cell.openTag, "s") ?? 0) : fallbackStyle;
  const style =
    edit.numberFormat !== undefined || edit.fill !== undefined ? ctx.styles().xfWith(baseStyle, { numberFormat: edit.numberFormat, fill: edit.fill }) : baseStyle;

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
  const value = typeof edit.content.value === "string" && edit.content.value.length > MAX_CELL_TEXT ? edit.content.value.slice(0, MAX_CELL_TEXT) : edit.content.value;
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
    return Number.isFinite(value) ? `<${p}c r="${ref}"${s}><${p}v>${numberText(value)}</${p}v></${p}c>` : `<${p}c r="${ref}"${s} t="e"><${p}v>#NUM!</${p}v></${p}c>`;
  }
  if (typeof value === "boolean") return `<${p}c r="${ref}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  if (ERROR_LITERALS.has(value)) return `<${p}c r="${ref}"${s} t="e"><${p}v>${value}</${p}v></${p}c>`;
  return `<${p}c r="${ref}"${s} t="s"><${p}v>${ctx.strings().indexOf(value)}</${p}v></${p}c>`;
}

// ---------------------------------------------------------------------------------------------
// Elements around sheetData

/** The text before or after sheetData, with child lookup and insertion in schema order. */
class Fragment {
  constructor(
    public text: string,
    private readonly contentStart: number,
    private readonly p: string,
  ) {}

  children(): Span[] {
    return childElements(this.text, this.contentStart, this.text.length);
  }

  find(local: string): Span | undefined {
    return this.children().find((c) => c.name === `${this.p}${local}`);
  }

  replace(span: Span, text: string): void {
    this.text = this.text.slice(0, span.start) + text + this.text.slice(span.end);
  }

  /** Insert a new element where CT_Worksheet wants it: before the first present sibling that must follow it. */
  insert(local: string, text: string): void {
    const order = WORKSHEET_ORDER.indexOf(local);
    const next = this.children().find((c) => orderOf(c.name, this.p) > order);
    let at: number;
    if (next) at = next.start;
    else if (order < SHEETDATA_ORDER) at = this.text.length;
    else at = this.text.lastIndexOf("</");
    this.text = this.text.slice(0, at) + text + this.text.slice(at);
  }
}

function readColStyles(head: string, p: string): Map<number, number> {
  const out = new Map<number, number>();
  const cols = findElement(head, `${p}cols`);
  if (!cols || cols.selfClosing) return out;
  for (const c of findAll(head, `${p}col`, cols.openEnd, cols.end)) {
    const a = parseAttrs(head.slice(c.start, c.openEnd));
    const s = Number(a.get("style") ?? 0);
    if (!s) continue;
    const min = Number(a.get("min"));
    const max = Math.min(Number(a.get("max")), min + 16384);
    for (let n = min; n <= max; n++) out.set(n - 1, s);
  }
  return out;
}

function updateDimension(head: Fragment, edits: SheetEdits): void {
  let written: CellRange | null = null;
  for (const [r, cols] of edits.cells) {
    for (const c of cols.keys()) {
      written = written
        ? { r1: Math.min(written.r1, r), c1: Math.min(written.c1, c), r2: Math.max(written.r2, r), c2: Math.max(written.c2, c) }
        : { r1: r, c1: c, r2: r, c2: c };
    }
  }
  if (!written) return;
  const dim = head.find("dimension");
  // dimension is optional; without one there is no stale range to fix
  if (!dim) return;
  const tag = head.text.slice(dim.start, dim.openEnd);
  let range = written;
  try {
    const old = parseRange(attr(tag, "ref") ?? "");
    range = { r1: Math.min(old.r1, written.r1), c1: Math.min(old.c1, written.c1), r2: Math.max(old.r2, written.r2), c2: Math.max(old.c2, written.c2) };
  } catch {
    // an unreadable ref is replaced by the written area
  }
  head.replace(dim, setAttr(tag, "ref", rangeA1(range)) + head.text.slice(dim.openEnd, dim.end));
}

function setColumnWidths(head: Fragment, widths: Map<number, number>, p: string): void {
  const el = head.find("cols");
  type Col = { min: number; max: number; tag: string };
  let cols: Col[] = [];
  if (el && !el.selfClosing) {
    cols = findAll(head.text, `${p}col`, el.openEnd, el.end).map((c) => {
      const tag = head.text.slice(c.start, c.end);
      return { min: Number(attr(tag, "min")), max: Number(attr(tag, "max")), tag };
    });
  }
  const withRange = (tag: string, min: number, max: number) => setAttr(setAttr(tag, "min", String(min)), "max", String(max));
  for (const [col, width] of widths) {
    const n = col + 1;
    const w = String(Math.round(width * 100) / 100);
    const idx = cols.findIndex((c) => c.min <= n && n <= c.max);
    if (idx < 0) {
      cols.push({ min: n, max: n, tag: `<${p}col min="${n}" max="${n}" width="${w}" customWidth="1"/>` });
      continue;
    }
    const c = cols[idx];
    const pieces: Col[] = [];
    if (c.min < n) pieces.push({ min: c.min, max: n - 1, tag: withRange(c.tag, c.min, n - 1) });
    pieces.push({ min: n, max: n, tag: setAttr(setAttr(withRange(c.tag, n, n), "width", w), "customWidth", "1") });
    if (n < c.max) pieces.push({ min: n + 1, max: c.max, tag: withRange(c.tag, n + 1, c.max) });
    cols.splice(idx, 1, ...pieces);
  }
  cols.sort((a, b) => a.min - b.min);
  const body = cols.map((c) => c.tag).join("");
  if (el) {
    const open = head.text.slice(el.start, el.openEnd).replace(/\s*\/>$/, ">");
    head.replace(el, `${open}${body}</${p}cols>`);
  } else head.insert("cols", `<${p}cols>${body}</${p}cols>`);
}

function setFreeze(head: Fragment, freeze: { rows: number; cols: number }, p: string): void {
  const { rows, cols } = freeze;
  let pane = "";
  if (rows > 0 || cols > 0) {
    const active = rows > 0 && cols > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
    const topLeft = a1(rows, cols);
    pane =
      `<${p}pane${cols > 0 ? ` xSplit="${cols}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""} topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>` +
      `<${p}selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  }
  const views = head.find("sheetViews");
  if (!views || views.selfClosing) {
    const text = `<${p}sheetViews><${p}sheetView workbookViewId="0">${pane}</${p}sheetView></${p}sheetViews>`;
    if (views) head.replace(views, text);
    else head.insert("sheetViews", text);
    return;
  }
  const view = findElement(head.text, `${p}sheetView`, views.openEnd, views.end);
  if (!view) {
    head.replace(views, `${head.text.slice(views.start, views.openEnd)}<${p}sheetView workbookViewId="0">${pane}</${p}sheetView></${p}sheetViews>`);
    return;
  }
  const openTag = head.text.slice(view.start, view.openEnd).replace(/\s*\/>$/, ">");
  let body = view.selfClosing ? "" : head.text.slice(view.openEnd, view.end - `</${p}sheetView>`.length);
  // the old pane and its selections describe the old split; selections of other kinds stay
  body = body.replace(new RegExp(`<${p}pane\\b[^>]*?(/>|>[\\s\\S]*?</${p}pane>)`, "g"), "");
  body = body.replace(new RegExp(`<${p}selection\\b[^>]*?(/>|>[\\s\\S]*?</${p}selection>)`, "g"), "");
  head.replace(view, `${openTag}${pane}${body}</${p}sheetView>`);
}

/** A range from a ref the file holds; a malformed one is ignored rather than failing the write. */
function safeRange(ref: string | undefined): CellRange | null {
  if (!ref) return null;
  try {
    return parseRange(ref);
  } catch {
    return null;
  }
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

function addMerges(tail: Fragment, merges: CellRange[], p: string): void {
  const el = tail.find("mergeCells");
  const existing: CellRange[] = [];
  if (el && !el.selfClosing) {
    for (const m of findAll(tail.text, `${p}mergeCell`, el.openEnd, el.end)) {
      const range = safeRange(attr(tail.text.slice(m.start, m.openEnd), "ref"));
      if (range) existing.push(range);
    }
  }
  let added = "";
  for (const m of merges) {
    if (m.r1 === m.r2 && m.c1 === m.c2) continue;
    // an identical merge is already there (a re-run); an overlapping one would make Excel repair the file
    if (existing.some((x) => overlaps(x, m))) continue;
    existing.push(m);
    added += `<${p}mergeCell ref="${rangeA1(m)}"/>`;
  }
  if (!added) return;
  const count = existing.length;
  if (el) {
    const open = setAttr(tail.text.slice(el.start, el.openEnd).replace(/\s*\/>$/, ">"), "count", String(count));
    const body = el.selfClosing ? "" : tail.text.slice(el.openEnd, el.end - `</${p}mergeCells>`.length);
    tail.replace(el, `${open}${body}${added}</${p}mergeCells>`);
  } else tail.insert("mergeCells", `<${p}mergeCells count="${count}">${added}</${p}mergeCells>`);
}

function sqref(range: CellRange): string {
  return rangeA1(range);
}

function addConditionalFormats(tail: Fragment, formats: { range: CellRange; rules: ConditionalRule[] }[], p: string, styles: StylesProvider): void {
  // priorities are unique across the sheet, including x14 rules inside extLst
  let priority = 0;
  for (const m of tail.text.matchAll(/\spriority\s*=\s*["'](\d+)["']/g)) priority = Math.max(priority, Number(m[1]));
  let text = "";
  for (const f of formats) {
    let rules = "";
    for (const rule of f.rules) {
      const dxf = styles().dxfFor(rule.role);
      const f2 = rule.operator === "between" && rule.formula2 !== undefined ? `<${p}formula>${escapeText(rule.formula2)}</${p}formula>` : "";
      rules += `<${p}cfRule type="cellIs" dxfId="${dxf}" priority="${++priority}" operator="${rule.operator}"><${p}formula>${escapeText(rule.formula1)}</${p}formula>${f2}</${p}cfRule>`;
    }
    if (rules) text += `<${p}conditionalFormatting sqref="${sqref(f.range)}">${rules}</${p}conditionalFormatting>`;
  }
  if (text) tail.insert("conditionalFormatting", text);
}

function addValidations(tail: Fragment, validations: { range: CellRange; items: string[] }[], p: string): void {
  let added = "";
  for (const v of validations) {
    // a list typed into the rule is one quoted, comma-separated string of at most 255 characters;
    // an item holding a comma cannot be written that way, and a wrong list is worse than none
    if (v.items.some((s) => s.includes(","))) continue;
    const list = v.items.map((s) => s.replace(/"/g, '""')).join(",");
    if (!list || list.length > 255) continue;
    added +=
      `<${p}dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${sqref(v.range)}">` +
      `<${p}formula1>${escapeText(`"${list}"`)}</${p}formula1></${p}dataValidation>`;
  }
  if (!added) return;
  const el = tail.find("dataValidations");
  if (el) {
    const body = el.selfClosing ? "" : tail.text.slice(el.openEnd, el.end - `</${p}dataValidations>`.length);
    const count = findAll(body, `${p}dataValidation`).length + findAll(added, `${p}dataValidation`).length;
    const open = setAttr(tail.text.slice(el.start, el.openEnd).replace(/\s*\/>$/, ">"), "count", String(count));
    tail.replace(el, `${open}${body}${added}</${p}dataValidations>`);
  } else {
    tail.insert("dataValidations", `<${p}dataValidations count="${findAll(added, `${p}dataValidation`).length}">${added}</${p}dataValidations>`);
  }
}

/** A blank worksheet for addSheet (and for replacing an existing sheet of the same name). */
export function blankWorksheet(tabColor?: string): string {
  const color = tabColor ? tabColor.replace(/^#/, "").toUpperCase() : "";
  const argb = color.length === 6 ? `FF${color}` : color;
  const sheetPr = /^[0-9A-F]{8}$/.test(argb) ? `<sheetPr><tabColor rgb="${argb}"/></sheetPr>` : "";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${sheetPr}<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    '<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}

