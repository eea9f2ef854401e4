/**
 * Patching one worksheet part. The XML is split at <sheetData>: rows the plan does not touch are
 * copied as text slices; touched rows are rebuilt cell by cell, keeping every cell the plan does
 * not write verbatim. The other edits go to the elements before and after sheetData
 * (sheet-elements.ts).
 */
import { a1, columnLetters } from "../core/a1";
import { r1c1ToA1, runLength, runValues, type SheetLookup } from "../core/runs";
import type { CellRange, CellValue, ColumnRunOp, ConditionalRule, ConditionalScale, FillRole } from "../core/types";
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
import { asciiBytes, findBytes, indexOfBytes, lastIndexOfBytes, rowNumberAttr, startTagFinder, tagEndBytes } from "./sheet-bytes";
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
  utf8Decode,
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
  /**
   * column runs, written as they stream out (shared formulas, values read from the snapshot);
   * only on sheets written from blank, where every row is new
   */
  runs: ColumnRunOp[];
}

export function emptyEdits(): SheetEdits {
  return { cells: new Map(), merges: [], widths: new Map(), conditional: [], validations: [], runs: [] };
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
export interface Sink {
  push(s: string): void;
  /**
   * One cell of a column run from its pieces, the constant ones encoded once per run and the
   * row's digits once per row: `<c r="B`, `12`, `" t="str"><f t="shared" si="0"/><v>`, the
   * value's text, `</v></c>`; `escape` is escapeStringText when the value is cell text still to
   * escape. Where the sink has it (the zip writer's streamed entry).
   */
  pushCell?(head: Uint8Array, row: Uint8Array, rowLength: number, mid: Uint8Array, value: string, tail: Uint8Array, escape?: (s: string) => string): void;
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

export function patchWorksheet(xml: string, edits: SheetEdits, styles: StylesProvider, strings: StringsProvider, sheets?: SheetLookup): PatchResult {
  const out: string[] = [];
  const r = patchInto({ push: (s) => out.push(s) }, xml, edits, styles, strings, sheets);
  return { xml: out.join(""), formulasChanged: r.formulasChanged };
}

/** The same patch, written straight to UTF-8 bytes so a huge sheet never exists as one string. */
export function patchWorksheetBytes(xml: string, edits: SheetEdits, styles: StylesProvider, strings: StringsProvider): PatchBytesResult {
  const sink = new ByteSink();
  const r = patchInto(sink, xml, edits, styles, strings);
  return { bytes: sink.bytes(), formulasChanged: r.formulasChanged };
}

/**
 * The patch written piece by piece into `sink` (the zip writer's deflate stream for big sheets),
 * so a restored 100,000-row view never exists whole as a string or a byte array. `sheets` gives
 * the snapshot column runs read their values from.
 */
export function patchWorksheetInto(
  sink: Sink,
  xml: string,
  edits: SheetEdits,
  styles: StylesProvider,
  strings: StringsProvider,
  sheets?: SheetLookup,
): { formulasChanged: boolean } {
  return patchInto(sink, xml, edits, styles, strings, sheets);
}

/** writes sheetData (open tag, rows, close tag) in place of rebuildSheetData */
type SheetDataWriter = (xml: string, sd: Span, edits: SheetEdits, ctx: RowContext, out: Sink) => void;

function patchInto(
  sink: Sink,
  xml: string,
  edits: SheetEdits,
  styles: StylesProvider,
  strings: StringsProvider,
  sheets?: SheetLookup,
  writeSheetData: SheetDataWriter = rebuildSheetData,
): { formulasChanged: boolean } {
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
  if (edits.cells.size || edits.runs.length) updateDimension(head, edits.cells, runsBox(edits.runs));
  if (edits.widths.size) setColumnWidths(head, edits.widths, p);
  if (edits.freeze) setFreeze(head, edits.freeze, p);
  if (edits.merges.length) addMerges(tail, edits.merges, p);
  if (edits.conditional.length) addConditionalFormats(tail, edits.conditional, p, styles);
  if (edits.validations.length) addValidations(tail, edits.validations, p);

  sink.push(head.text);
  writeSheetData(xml, sd, edits, { p, styles, strings, colStyles, orphans: new Map(), state, sheets }, sink);
  sink.push(tail.text);
  return { formulasChanged: state.formulasChanged };
}

/** A sink that also takes bytes already encoded: the zip writer's streamed entry. */
export interface BytesSink extends Sink {
  pushBytes(bytes: Uint8Array): void;
}

/**
 * The same patch on the part's UTF-8 bytes, for an existing sheet: the rows the plan does not
 * touch are copied as bytes, and only the rows it writes into are decoded and rebuilt, so the
 * sheet is never decoded whole into a string nor encoded again. Parts whose structure is not
 * what this expects (no sheetData, another prefix on it than on the root) take the text path.
 */
export function patchWorksheetPart(
  bytes: Uint8Array,
  edits: SheetEdits,
  styles: StylesProvider,
  strings: StringsProvider,
  out: BytesSink,
  rowsInOrder = false,
): { formulasChanged: boolean } {
  const located = locateSheetData(bytes);
  if (!located) return patchInto(out, utf8Decode(bytes), edits, styles, strings);
  const { head, openTag, closeTag, tail, contentStart, contentEnd } = located;
  const writeRows: SheetDataWriter = (_xml, _sd, e, ctx, sink) =>
    writeSheetRows(new ByteRows(bytes, contentEnd, ctx.p, sink as BytesSink, rowsInOrder), contentStart, contentEnd, openTag, e, ctx, sink);
  return patchInto(out, head + openTag + closeTag + tail, edits, styles, strings, undefined, writeRows);
}

const SHEET_DATA = asciiBytes("sheetData");

function locateSheetData(b: Uint8Array): { head: string; openTag: string; closeTag: string; tail: string; contentStart: number; contentEnd: number } | null {
  // the first <…sheetData start tag: its prefix is read from the bytes before "sheetData"
  let at = -1;
  for (let i = 0; (i = b.indexOf(SHEET_DATA[0], i)) >= 0; i++) {
    if (i + SHEET_DATA.length >= b.length) return null;
    let j = 0;
    while (j < SHEET_DATA.length && b[i + j] === SHEET_DATA[j]) j++;
    if (j < SHEET_DATA.length) continue;
    let lt = i - 1;
    while (lt >= 0 && b[lt] !== 60 && b[lt] !== 62 && b[lt] !== 32) lt--;
    if (lt >= 0 && b[lt] === 60) {
      at = lt;
      break;
    }
  }
  if (at < 0) return null;
  const head = utf8Decode(b.subarray(0, at));
  const p = rootPrefix(head);
  if (startTagFinder(`${p}sheetData`)(b, at, Math.min(b.length, at + p.length + 12)) !== at) return null;
  const te = tagEndBytes(b, at, b.length);
  if (te < 0) return null;
  const openTag = utf8Decode(b.subarray(at, te + 1));
  if (openTag.endsWith("/>")) return { head, openTag, closeTag: "", tail: utf8Decode(b.subarray(te + 1)), contentStart: te + 1, contentEnd: te + 1 };
  const close = asciiBytes(`</${p}sheetData>`);
  const c = lastIndexOfBytes(b, close, te + 1, b.length);
  if (c < 0) return null;
  return { head, openTag, closeTag: `</${p}sheetData>`, tail: utf8Decode(b.subarray(c + close.length)), contentStart: te + 1, contentEnd: c };
}

/**
 * A sheetData's rows, over its text or its UTF-8 bytes: where each row starts, where its start
 * tag ends and its number; the text of a row that is rewritten; copying the stretches between.
 * writeSheetRows is the one place that decides what happens to each row.
 */
interface RowSource {
  /** the next row start tag from `from` on: its `<`, or -1; sets te (its `>`) and n (its r, -1 when it has none) */
  next(from: number): number;
  te: number;
  n: number;
  /** the row starting at `lt` (its tag ending at `te`) as text, through its end tag, and where it ends */
  text(lt: number, te: number): { xml: string; end: number };
  /** [from, to) of the source to the sink as it is */
  copy(from: number, to: number): void;
  /** every row is numbered, in ascending order (SheetCells.rowsInOrder), so seek may be used */
  readonly inOrder: boolean;
  /** like next, but the start tag of row `row` (0-based) itself, found by its number; -1 when there is none */
  seek(from: number, row: number): number;
}

class TextRows implements RowSource {
  te = -1;
  n = -1;
  readonly inOrder = false;
  private readonly rowQ: string;
  private readonly rowClose: string;

  constructor(
    private readonly xml: string,
    private readonly to: number,
    p: string,
    private readonly out: Sink,
  ) {
    this.rowQ = `${p}row`;
    this.rowClose = `</${p}row>`;
  }

  next(from: number): number {
    const { xml, to, rowQ } = this;
    let lt = xml.indexOf(`<${rowQ}`, from);
    while (lt >= 0 && lt < to && !isStartTag(xml, lt, rowQ)) lt = xml.indexOf(`<${rowQ}`, lt + 1);
    if (lt < 0 || lt >= to) return -1;
    const te = tagEnd(xml, lt);
    if (te < 0 || te >= to) throw new XlsxError("corrupt", "unterminated <row> tag");
    const r = rawAttr(xml.slice(lt, te + 1), "r");
    this.te = te;
    this.n = r ? Number(r) : -1;
    return lt;
  }

  text(lt: number, te: number): { xml: string; end: number } {
    if (this.xml.charCodeAt(te - 1) === 47) return { xml: this.xml.slice(lt, te + 1), end: te + 1 };
    const close = this.xml.indexOf(this.rowClose, te);
    if (close < 0 || close + this.rowClose.length > this.to) throw new XlsxError("corrupt", "unterminated <row>");
    const end = close + this.rowClose.length;
    return { xml: this.xml.slice(lt, end), end };
  }

  copy(from: number, to: number): void {
    if (to > from) this.out.push(this.xml.slice(from, to));
  }

  seek(): number {
    return -1;
  }
}

/**
 * The rows of a part's bytes: only the row tags are read (their r as digits), a row the plan
 * rewrites is decoded alone, and every other stretch is copied as bytes.
 */
class ByteRows implements RowSource {
  te = -1;
  n = -1;
  private readonly findRow: (b: Uint8Array, from: number, to: number) => number;
  private readonly nameLength: number;
  private readonly rowClose: Uint8Array;
  /** the last row start text() looked for, from where */
  private foundFrom = -1;
  private found = -1;

  constructor(
    private readonly src: Uint8Array,
    private readonly to: number,
    private readonly p: string,
    private readonly out: BytesSink,
    readonly inOrder: boolean,
  ) {
    this.findRow = startTagFinder(`${p}row`);
    this.nameLength = p.length + 3;
    this.rowClose = asciiBytes(`</${p}row>`);
  }

  next(from: number): number {
    const src = this.src;
    const lt = from === this.foundFrom ? this.found : this.findRow(src, from, this.to);
    if (lt < 0) return -1;
    const te = tagEndBytes(src, lt, this.to);
    if (te < 0) throw new XlsxError("corrupt", "unterminated <row> tag");
    let n = rowNumberAttr(src, lt + 1 + this.nameLength, te);
    if (n === -2) {
      // an r written some other way than plain digits: read as the text path reads it
      const r = rawAttr(utf8Decode(src.subarray(lt, te + 1)), "r");
      n = r ? Number(r) : -1;
    }
    this.te = te;
    this.n = n;
    return lt;
  }

  text(lt: number, te: number): { xml: string; end: number } {
    const src = this.src;
    if (src[te - 1] === 47) return { xml: utf8Decode(src.subarray(lt, te + 1)), end: te + 1 };
    // the end tag must come before the next row starts (kept: next() is asked for it next)
    const next = this.findRow(src, te + 1, this.to);
    this.foundFrom = te + 1;
    this.found = next;
    const close = indexOfBytes(src, this.rowClose, te + 1, next < 0 ? this.to : next);
    if (close < 0) throw new XlsxError("corrupt", "unterminated <row>");
    const end = close + this.rowClose.length;
    return { xml: utf8Decode(src.subarray(lt, end)), end };
  }

  copy(from: number, to: number): void {
    if (to > from) this.out.pushBytes(this.src.subarray(from, to));
  }

  seek(from: number, row: number): number {
    // `<row r="163"`: in rows numbered in ascending order only row 163's tag starts so
    const lt = findBytes(this.src, asciiBytes(`<${this.p}row r="${row + 1}"`), from, this.to);
    if (lt < 0) return -1;
    const te = tagEndBytes(this.src, lt, this.to);
    if (te < 0) throw new XlsxError("corrupt", "unterminated <row> tag");
    this.te = te;
    this.n = row + 1;
    return lt;
  }
}

// ---------------------------------------------------------------------------------------------
// sheetData

function rebuildSheetData(xml: string, sd: Span, edits: SheetEdits, ctx: RowContext, out: Sink): void {
  const contentEnd = sd.selfClosing ? sd.openEnd : sd.end - `</${ctx.p}sheetData>`.length;
  writeSheetRows(new TextRows(xml, contentEnd, ctx.p, out), sd.openEnd, contentEnd, xml.slice(sd.start, sd.openEnd), edits, ctx, out);
}

/**
 * sheetData written from its source's rows [from, to): rows the plan does not touch are copied
 * as they are; touched rows are rebuilt cell by cell, rows the plan adds go in between, and rows
 * without r get one (inserted rows would shift them otherwise).
 */
function writeSheetRows(rows: RowSource, from: number, to: number, openTag: string, edits: SheetEdits, ctx: RowContext, out: Sink): void {
  const p = ctx.p;
  const editRows = [...edits.cells.keys()].sort((a, b) => a - b);
  // an empty <sheetData/> opens as <sheetData> for the rows that follow
  out.push(openTag.replace(/\s*\/>$/, ">"));
  // a sheet written from blank has no rows to copy: its sheetData is not handed to copyRows,
  // whose loop V8 compiled for the roster's kind of row source and would compile again for this one
  const at = to > from ? copyRows(rows, from, editRows, edits, ctx, out) : { k: 0, prevRow: -1, copyFrom: from };
  let k = at.k;
  rows.copy(at.copyFrom, to);
  if (edits.runs.length) {
    if (at.prevRow >= 0) throw new Error("column runs are written only on sheets written from blank");
    writeRowsWithRuns(editRows.slice(k), edits, ctx, out);
  } else {
    for (; k < editRows.length; k++) out.push(newRow(editRows[k], edits.cells.get(editRows[k])!, ctx));
  }
  out.push(`</${p}sheetData>`);
}

/**
 * The source's rows through the last, with the plan's rows that come before each; returns how
 * far it got. A function of its own so that the loop V8 compiles on the stack (a roster is one
 * long run of it) returns instead of running on into the code after it, which it has no type
 * feedback for yet: that threw the compiled loop away and compiled it again for the next sheet.
 */
function copyRows(
  rows: RowSource,
  from: number,
  editRows: number[],
  edits: SheetEdits,
  ctx: RowContext,
  out: Sink,
): { k: number; prevRow: number; copyFrom: number } {
  const orphans = ctx.orphans;
  let copyFrom = from;
  let k = 0;
  let prevRow = -1;
  // Rows numbered in order, and no orphaned shared formula to re-anchor: every row between two
  // the plan touches is copied as it is, so the next one touched is looked up by its number
  // rather than reached row by row (a finding on every hundredth row of a 20,000-row roster).
  // A touched row that is not there (the plan adds it) ends the lookups, and so does a shared
  // formula's master the plan overwrites (orphans gain a group, whose other cells must be
  // reached to carry its text): the walk takes over.
  let seek = rows.inOrder;
  for (let lt = rows.next(from); lt >= 0;) {
    const te = rows.te;
    const n = rows.n;
    const r = n >= 0 ? n - 1 : prevRow + 1;
    while (k < editRows.length && editRows[k] < r) {
      rows.copy(copyFrom, lt);
      copyFrom = lt;
      out.push(newRow(editRows[k], edits.cells.get(editRows[k])!, ctx));
      k++;
    }
    const rowEdits = k < editRows.length && editRows[k] === r ? edits.cells.get(editRows[k++]) : undefined;
    const orphanRow = orphans.size > 0 && [...orphans.values()].some((g) => r >= g.range.r1 && r <= g.range.r2);
    if (rowEdits || orphanRow || n < 0) {
      rows.copy(copyFrom, lt);
      const row = rows.text(lt, te);
      const tagClose = te - lt;
      if (rowEdits || orphanRow) out.push(rebuildRow(row.xml, 0, tagClose, row.xml.length, r, rowEdits, ctx));
      else out.push(setAttr(row.xml.slice(0, tagClose + 1), "r", String(r + 1)) + row.xml.slice(tagClose + 1));
      copyFrom = row.end;
    }
    prevRow = r;
    if (seek && orphans.size > 0) seek = false;
    if (seek) {
      // nothing more to touch: the rest is copied as it is
      if (k >= editRows.length) break;
      lt = rows.seek(te + 1, editRows[k]);
      if (lt >= 0) continue;
      seek = false;
    }
    lt = rows.next(te + 1);
  }
  return { k, prevRow, copyFrom };
}

interface RowContext {
  p: string;
  styles: StylesProvider;
  strings: StringsProvider;
  colStyles: Map<number, number>;
  orphans: Map<string, OrphanGroup>;
  state: { formulasChanged: boolean };
  sheets?: SheetLookup;
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
  if (formula !== undefined) ctx.state.formulasChanged = true;
  return contentXml(p, ref, s, formula !== undefined ? `<${p}f>${escapeText(formula.replace(/^=/, ""))}</${p}f>` : undefined, value, ctx);
}

/** A cell's XML from its content: `f` is its formula element, when it has one (the value is then its cached result). */
function contentXml(p: string, ref: string, s: string, f: string | undefined, value: CellValue, ctx: RowContext): string {
  if (f !== undefined) {
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

// ---------------------------------------------------------------------------------------------
// column runs

/** The box the runs cover, or null when there are none. */
function runsBox(runs: ColumnRunOp[]): CellRange | null {
  if (!runs.length) return null;
  const box = { r1: Infinity, c1: Infinity, r2: -1, c2: -1 };
  for (const run of runs) {
    box.r1 = Math.min(box.r1, run.r1);
    box.r2 = Math.max(box.r2, run.r2);
    box.c1 = Math.min(box.c1, run.col);
    box.c2 = Math.max(box.c2, run.col);
  }
  return box;
}

interface LiveRun {
  run: ColumnRunOp;
  /**
   * the run's column, rows and kind, copied out of the plan's op: the ops come in several
   * shapes (with or without a formula, a number format), and reading them per cell was not cheap
   */
  col: number;
  r1: number;
  r2: number;
  formula: boolean;
  /** from which of its cells (k) on a cell without an edit's restyle is plain: not the master of a shared formula, nor a one-cell formula */
  plainFrom: number;
  value: (k: number) => CellValue;
  /** the style attribute of its cells ( s="n" or "") */
  s: string;
  /** shared-formula index, or -1 for a value run or a one-cell formula */
  si: number;
  /**
   * A plain cell's pieces around its row number and value, as text and encoded once:
   * `<c r="B`, then what follows the reference up to a number's or a text's value
   * (`" s="3"><f t="shared" si="7"/><v>`), then `</v></c>`.
   */
  head: string;
  midNumber: string;
  midText: string;
  tail: string;
  headBytes: Uint8Array;
  midNumberBytes: Uint8Array;
  midTextBytes: Uint8Array;
  tailBytes: Uint8Array;
}

/**
 * A row's number as text and as the bytes of its digits (the first `length` of `bytes`), made
 * once for all the row's cells. One per writer, set again for each row: a typed array made per
 * row cost more than the row's digits (a 20,000-row sheet is 20,000 of them).
 */
interface RowNumber {
  text: string;
  bytes: Uint8Array;
  length: number;
}

function newRowNumber(): RowNumber {
  return { text: "", bytes: new Uint8Array(16), length: 0 };
}

function setRowNumber(n: RowNumber, r: number): RowNumber {
  const text = String(r + 1);
  for (let i = 0; i < text.length; i++) n.bytes[i] = text.charCodeAt(i);
  n.text = text;
  n.length = text.length;
  return n;
}

function clip(value: CellValue): CellValue {
  // Excel refuses cells longer than 32767 characters (it reports the file as damaged)
  return typeof value === "string" && value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
}

/**
 * Rows of a sheet written from blank, where column runs and single-cell edits meet. A run with a
 * formula becomes one shared formula (its first cell carries the A1 text and ref, every other
 * cell only the si), each cell caching the result the run's value source gives. Where a cell
 * edit falls on a run's cell the run supplies the content and the edit its fill or format.
 */
function writeRowsWithRuns(editRows: number[], edits: SheetEdits, ctx: RowContext, out: Sink): void {
  const sheets = ctx.sheets ?? (() => undefined);
  let nextSi = 0;
  const pending = [...edits.runs].sort((a, b) => a.r1 - b.r1 || a.col - b.col);
  const live: LiveRun[] = [];
  let next = 0;
  let e = 0;
  let r = Math.min(pending[0].r1, editRows.length ? editRows[0] : Infinity);
  const lastRow = Math.max(...pending.map((x) => x.r2), editRows.length ? editRows[editRows.length - 1] : -1);
  while (r <= lastRow) {
    while (next < pending.length && pending[next].r1 === r) {
      const run = pending[next++];
      const item = liveRun(run, run.formulaR1C1 !== undefined && runLength(run) > 1 ? nextSi++ : -1, sheets, ctx);
      let at = live.length;
      while (at > 0 && live[at - 1].col > run.col) at--;
      live.splice(at, 0, item);
    }
    const rowEdits = e < editRows.length && editRows[e] === r ? edits.cells.get(editRows[e++]) : undefined;
    if (!rowEdits && live.length && allPlainAt(live, r)) {
      // up to the row before the next edit or run start, and no further than the first run's end
      let end = Math.min(e < editRows.length ? editRows[e] - 1 : Infinity, next < pending.length ? pending[next].r1 - 1 : Infinity);
      for (const item of live) end = Math.min(end, item.r2);
      writePlainRows(r, end, live, ctx, out);
      r = end;
    } else if (live.length || rowEdits) writeRunRow(r, live, rowEdits, ctx, out);
    // runs that end here leave; then on to the next row anything is written in
    for (let i = live.length - 1; i >= 0; i--) if (live[i].r2 === r) live.splice(i, 1);
    r++;
    if (!live.length) {
      const a = next < pending.length ? pending[next].r1 : Infinity;
      const b = e < editRows.length ? editRows[e] : Infinity;
      r = Math.max(r, Math.min(a, b));
      if (r === Infinity) break;
    }
  }
}

/**
 * The pieces of a run that starts: encoded once, copied for each of its cells. Kept out of the
 * rows loop, whose compiled code would otherwise be thrown away where a run starts mid-sheet.
 */
function liveRun(run: ColumnRunOp, si: number, sheets: SheetLookup, ctx: RowContext): LiveRun {
  const p = ctx.p;
  const base = defaultStyle(null, run.col, ctx);
  const style = run.numberFormat !== undefined ? ctx.styles().xfWith(base, { numberFormat: run.numberFormat }) : base;
  if (run.formulaR1C1 !== undefined) ctx.state.formulasChanged = true;
  const sAttr = style ? ` s="${style}"` : "";
  const sharedF = si >= 0 ? `<${p}f t="shared" si="${si}"/>` : "";
  const head = `<${p}c r="${cellRef(0, run.col).slice(0, -1)}`;
  const midNumber = `"${sAttr}>${sharedF}<${p}v>`;
  const midText = `"${sAttr}${run.formulaR1C1 !== undefined ? ' t="str"' : ' t="s"'}>${sharedF}<${p}v>`;
  const tail = `</${p}v></${p}c>`;
  return {
    run,
    col: run.col,
    r1: run.r1,
    r2: run.r2,
    formula: run.formulaR1C1 !== undefined,
    plainFrom: run.formulaR1C1 === undefined ? 0 : si >= 0 ? 1 : Infinity,
    value: runValues(run.values, sheets),
    s: sAttr,
    si,
    head,
    midNumber,
    midText,
    tail,
    headBytes: utf8Encode(head),
    midNumberBytes: utf8Encode(midNumber),
    midTextBytes: utf8Encode(midText),
    tailBytes: utf8Encode(tail),
  };
}

/**
 * One row of writeRowsWithRuns. A function of its own so it is optimised once as a whole; inside
 * the rows loop, code that first runs at a gap or where a run starts would throw away code
 * compiled mid-loop (a second compile of the whole loop each time).
 */
function writeRunRow(r: number, live: LiveRun[], rowEdits: Map<number, CellEdit> | undefined, ctx: RowContext, out: Sink): void {
  const p = ctx.p;
  // pieces go to the sink one by one: a row is never assembled as a string of its own
  const rowNumber = setRowNumber(newRowNumber(), r);
  out.push(`<${p}row r="${rowNumber.text}">`);
  const editCols = rowEdits ? [...rowEdits.keys()].sort((a, b) => a - b) : [];
  let j = 0;
  for (const item of live) {
    const c = item.col;
    while (j < editCols.length && editCols[j] < c) {
      pushNewCell(out, r, editCols[j], rowEdits!.get(editCols[j])!, ctx);
      j++;
    }
    let s = item.s;
    if (j < editCols.length && editCols[j] === c) {
      const edit = rowEdits!.get(c)!;
      j++;
      if (edit.fill !== undefined || edit.numberFormat !== undefined) {
        const style = ctx.styles().xfWith(defaultStyle(null, c, ctx), { numberFormat: item.run.numberFormat ?? edit.numberFormat, fill: edit.fill });
        s = style ? ` s="${style}"` : "";
      }
    }
    writeRunCell(out, item, r, rowNumber, s, ctx);
  }
  while (j < editCols.length) {
    pushNewCell(out, r, editCols[j], rowEdits!.get(editCols[j])!, ctx);
    j++;
  }
  out.push(`</${p}row>`);
}

/**
 * A cell edit beside the runs of a sheet written from blank. An empty value with no style is what
 * the missing cell already is, so nothing is written: a restored roster plans one for every row
 * of its 最近跟进日期 column whose record has no date (tens of thousands of `<c r="V…"/>`).
 */
function pushNewCell(out: Sink, r: number, c: number, edit: CellEdit, ctx: RowContext): void {
  const style = defaultStyle(null, c, ctx);
  if (!style && edit.content && edit.content.value === null && edit.content.formula === undefined && edit.fill === undefined && edit.numberFormat === undefined)
    return;
  out.push(writeCell(r, c, edit, null, style, ctx));
}

/**
 * One cell of a run. The common cells — a shared formula's follower or a plain value caching a
 * number or text — go out as a few pieces; anything else (the master, an error, a boolean, a
 * cell restyled by an edit) through contentXml like every other cell.
 */
function writeRunCell(out: Sink, item: LiveRun, r: number, rowNumber: RowNumber, s: string, ctx: RowContext): void {
  const k = r - item.r1;
  if (s === item.s && k >= item.plainFrom && writePlainValue(out, item, k, rowNumber, ctx)) return;
  out.push(runCellXml(item, r, s, ctx));
}

/** whether no live run's cell in row `r` is its shared formula's master or a one-cell formula */
function allPlainAt(live: LiveRun[], r: number): boolean {
  for (const item of live) if (r - item.r1 < item.plainFrom) return false;
  return true;
}

/**
 * Rows [from, to] where every live run's cell is plain: no run starts, ends early or meets an
 * edit — nearly all of a restored roster. A loop of its own that never meets the rarer paths
 * (a shared formula's master, a restyled cell): V8 compiles it once, where in one loop with them
 * a run starting mid-sheet threw the compiled code away (they had no type feedback yet, since
 * a function's first calls record none) and compiled it again.
 */
function writePlainRows(from: number, to: number, live: LiveRun[], ctx: RowContext, out: Sink): void {
  const rowOpen = `<${ctx.p}row r="`;
  const rowClose = `</${ctx.p}row>`;
  const n = live.length;
  const rowNumber = newRowNumber();
  for (let r = from; r <= to; r++) {
    setRowNumber(rowNumber, r);
    out.push(`${rowOpen}${rowNumber.text}">`);
    for (let i = 0; i < n; i++) {
      const item = live[i];
      if (!writePlainValue(out, item, r - item.r1, rowNumber, ctx)) out.push(runCellXml(item, r, item.s, ctx));
    }
    out.push(rowClose);
  }
}

/**
 * The k-th cell of a run as a plain cell — a shared formula's follower or a plain value caching
 * a number or text — as a few pieces; false for anything else (an error, a boolean, a value
 * run's blank), which goes through contentXml like every other cell.
 */
function writePlainValue(out: Sink, item: LiveRun, k: number, rowNumber: RowNumber, ctx: RowContext): boolean {
  const value = clip(item.value(k));
  if (typeof value === "number" && Number.isFinite(value)) {
    plainCell(out, item, rowNumber, false, numberText(value), false);
    return true;
  }
  const formula = item.formula;
  // a formula's blank result caches an empty formula string, as contentXml writes it; the
  // cheap look at the first character spares hashing every text for the error literals
  if ((typeof value === "string" && !(value.charCodeAt(0) === 35 && ERROR_LITERALS.has(value))) || (value === null && formula)) {
    if (formula) plainCell(out, item, rowNumber, true, value ?? "", true);
    else plainCell(out, item, rowNumber, true, String(ctx.strings().indexOf(value as string)), false);
    return true;
  }
  return false;
}

/** A plain run cell; `escape`: `value` is cell text still to escape. */
function plainCell(out: Sink, item: LiveRun, rowNumber: RowNumber, text: boolean, value: string, escape: boolean): void {
  const mid = text ? item.midTextBytes : item.midNumberBytes;
  if (out.pushCell) out.pushCell(item.headBytes, rowNumber.bytes, rowNumber.length, mid, value, item.tailBytes, escape ? escapeStringText : undefined);
  else out.push(item.head + rowNumber.text + (text ? item.midText : item.midNumber) + (escape ? escapeStringText(value) : value) + item.tail);
}

function runCellXml(item: LiveRun, r: number, s: string, ctx: RowContext): string {
  const p = ctx.p;
  const run = item.run;
  const k = r - run.r1;
  const ref = cellRef(r, run.col);
  const value = clip(item.value(k));
  if (run.formulaR1C1 === undefined) return contentXml(p, ref, s, undefined, value, ctx);
  let f: string;
  if (item.si < 0) f = `<${p}f>${escapeText(r1c1ToA1(run.formulaR1C1, r, run.col).replace(/^=/, ""))}</${p}f>`;
  else if (k === 0) {
    const text = escapeText(r1c1ToA1(run.formulaR1C1, r, run.col).replace(/^=/, ""));
    f = `<${p}f t="shared" ref="${ref}:${cellRef(run.r2, run.col)}" si="${item.si}">${text}</${p}f>`;
  } else f = `<${p}f t="shared" si="${item.si}"/>`;
  return contentXml(p, ref, s, f, value, ctx);
}
