/**
 * Reading one worksheet's cells into the snapshot's dense arrays.
 *
 * This is the hot path (a 100k-row × 21-column sheet is ~2 million `<c>` elements), so it walks
 * the decoded XML with indexOf and char codes and allocates only the values it keeps.
 */
import type { CellRange, CellValue } from "../core/types";
import { parseRange } from "../core/a1";
import { XlsxError } from "./errors";
import { shiftFormula } from "./formula-shift";
import { attr, decodeEntities, decodeStringText, findAll, findElement, rootPrefix, stringItemText } from "./xml";

export interface SheetCells {
  values: CellValue[][];
  formulas: (string | null | undefined)[][];
  numberFormats: (string | null | undefined)[][];
  merges: CellRange[];
  /**
   * Every `<row>` of sheetData opened as `<row r="digits"`, the numbers strictly ascending: the
   * writer may then find a row by its number instead of walking the rows before it (sheet-edit.ts).
   */
  rowsInOrder: boolean;
}

/** Excel's grid: a reference beyond it is damage, and would make us allocate without bound. */
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** `t="d"` cells hold ISO 8601 text; the snapshot wants Excel's serial day number, like every other date. */
function isoToSerial(text: string): CellValue {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes("T") ? text : `${text}Z`);
  return Number.isFinite(ms) ? (ms - EXCEL_EPOCH_MS) / 86400000 : text;
}

/**
 * Index of the next `code` at or after `from`, or -1. For the short hops inside a cell (to the
 * end of a tag or value) a plain loop beats String#indexOf, whose call costs more than the scan.
 */
function scanTo(xml: string, code: number, from: number): number {
  // most hops are a few characters: a loop, which optimised code runs faster than String#indexOf
  // can be called; past that, indexOf, which is fast before the loop is optimised as well
  const stop = Math.min(from + 24, xml.length);
  for (let i = from; i < stop; i++) if (xml.charCodeAt(i) === code) return i;
  return stop < xml.length ? xml.indexOf(String.fromCharCode(code), stop) : -1;
}

/** xml.startsWith(s, at), for the short fixed tags of the cell loop: String#startsWith is not inlined. */
function hasAt(xml: string, at: number, s: string): boolean {
  const n = s.length;
  if (at + n > xml.length) return false;
  for (let k = 0; k < n; k++) if (xml.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
  return true;
}

/** The non-negative integer written in xml[from, to), or -1 when it is anything else (sign, decimals, exponent, spaces). */
function digitsAt(xml: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function isDelimiter(c: number): boolean {
  return c === 62 || c === 32 || c === 47 || c === 9 || c === 10 || c === 13;
}

/**
 * Fresh empty arrays, copied from templates rather than made by `[]` literals, for two reasons.
 * V8 watches the arrays a literal makes, and once it sees that most survive (every row does) it
 * moves the literal to the old generation and throws away the optimised code that holds it. And
 * an array's elements kind only ever widens (small integers, then doubles, then anything; packed,
 * then holey): arrays that start narrow widen on their first stores, and the next sheet's fresh
 * ones arrive in the narrow kind again, which the optimised readCell has not seen — a deopt and
 * a second compile per workbook. Copies of a template already in the final kind never change:
 * "anything, packed" for the lists and the value rows (filled in order, gaps with null), "anything,
 * holey" for the formula and format rows (sparse: set only where a cell has one).
 */
const PACKED = [null] as never[];
PACKED.length = 0;
const HOLEY = [null, , null] as never[];
HOLEY.length = 0;
function newList<T>(): T[] {
  return PACKED.slice();
}
function newSparseRow<T>(): T[] {
  return HOLEY.slice();
}

type CellType = "" | "n" | "s" | "str" | "inlineStr" | "b" | "e" | "d";

interface SharedMaster {
  row: number;
  col: number;
  text: string;
}

/**
 * One sheet's read in progress. The per-cell work is a function of its own (readCell) over this
 * state rather than the body of one long loop: V8 then optimises it once, as an ordinary call,
 * after a few hundred cells, instead of compiling the whole reader on-stack (OSR) mid-loop, then
 * deoptimising at the code after the loop (never run yet, so without type feedback) and compiling
 * it a second time for the next sheet — ~100 ms of compiler time on a 20k-row workbook.
 */
class SheetReader {
  readonly values: CellValue[][] = newList();
  readonly formulas: (string | null | undefined)[][] = newList();
  readonly numberFormats: (string | null | undefined)[][] = newList();
  readonly masters = new Map<string, SharedMaster>();
  readonly parts: CellParts = { vStart: -1, vEnd: -1, inline: null, formula: undefined };
  readonly rowOpen: string;
  readonly cOpen: string;
  readonly vOpen: string;
  readonly vcClose: string;
  /** no namespace prefix (nearly every producer): the cell loop's fixed tags are tested char by char in place */
  readonly bare: boolean;
  /**
   * A row of nulls as wide as the row read last: a new row starts as its copy, so its cells are
   * stored in place rather than grown into (an array grown by pushes is copied twice on the way
   * to 21 cells and keeps room for 40). `open` is that row while it is read, `openEnd` one past
   * its last cell: when the next row starts, it is cut back to that length. As wide as the last
   * row, not the widest: one stray cell far to the right (XFD1) would otherwise make every row
   * after it a copy of 16,384 nulls — no more work per row than the row before it took.
   */
  template: CellValue[] = newList();
  open: CellValue[] | null = null;
  openEnd = 0;
  row = -1;
  col = -1;
  /** see SheetCells.rowsInOrder; lastRowTag is the r of the row tag read last (0 before any) */
  rowsInOrder = true;
  lastRowTag = 0;

  constructor(
    readonly xml: string,
    readonly sst: readonly string[],
    readonly cellFormats: readonly (string | null)[],
    readonly p: string,
  ) {
    this.rowOpen = `<${p}row`;
    this.cOpen = `<${p}c`;
    this.vOpen = `<${p}v>`;
    this.vcClose = `</${p}v></${p}c>`;
    this.bare = p === "";
  }
}

export function readWorksheet(xml: string, sst: readonly string[], cellFormats: readonly (string | null)[]): SheetCells {
  const p = rootPrefix(xml);
  const sheetData = findElement(xml, `${p}sheetData`);
  if (!sheetData) throw new XlsxError("corrupt", "worksheet without <sheetData>");
  const end = sheetData.selfClosing ? sheetData.openEnd : sheetData.end;
  const r = new SheetReader(xml, sst, cellFormats, p);
  readCells(r, sheetData.openEnd, end);
  closeRow(r);
  return { values: r.values, formulas: r.formulas, numberFormats: r.numberFormats, merges: readMerges(xml, p, end), rowsInOrder: r.rowsInOrder };
}

/** The sheetData loop: each `<c>` to readCell, any other tag (rows among them) to readOtherTag. */
function readCells(r: SheetReader, from: number, end: number): void {
  const xml = r.xml;
  const cOpen = r.cOpen;
  const cl = cOpen.length;
  const bare = r.bare;
  let i = from;
  for (;;) {
    const lt = scanTo(xml, 60, i);
    if (lt < 0 || lt >= end) return;
    // the test in place for `<c`: hasAt is a call V8 does not inline, once per cell
    const isCell = bare ? xml.charCodeAt(lt + 1) === 99 : hasAt(xml, lt, cOpen);
    if (isCell && isDelimiter(xml.charCodeAt(lt + cl))) {
      const e = bare ? readPlainCell(r, lt) : -1;
      i = e >= 0 ? e : readCell(r, lt);
    } else i = readOtherTag(r, lt);
  }
}

/**
 * The one cell shape a roster is nearly all made of, in every producer's spelling we know:
 * `<c r="B12" s="3" t="s"><v>17</v></c>` (s and t each optional, t only "s" or "n", the value
 * digits, or for a number any of a number's characters) or the same closed empty (`…/>`). It is read here in one straight pass; anything else
 * gives -1, having stored nothing, and readCell reads that cell from its start. Why a pass of
 * its own: a sheet is read once per run, so what counts is the cold read, most of which is V8
 * compiling code and running it before it is optimised, and the general readCell (every
 * attribute order, children, formulas, inline strings) is big code that puts each plain cell
 * through all of its tests. With this pass a 20,000-row run took 836 ms of CPU against 889 ms
 * (medians of 21 interleaved runs). What it stores is what readCell would for the same cell.
 */
function readPlainCell(r: SheetReader, lt: number): number {
  const xml = r.xml;
  // ` r="`
  let k = lt + 2;
  if (xml.charCodeAt(k) !== 32 || xml.charCodeAt(k + 1) !== 114 || xml.charCodeAt(k + 2) !== 61 || xml.charCodeAt(k + 3) !== 34) return -1;
  k += 4;
  let ch = xml.charCodeAt(k);
  let col = 0;
  while (ch >= 65 && ch <= 90 && col <= MAX_COLS) {
    col = col * 26 + (ch - 64);
    ch = xml.charCodeAt(++k);
  }
  const digits = k;
  let row = 0;
  while (ch >= 48 && ch <= 57 && k - digits < 8) {
    row = row * 10 + (ch - 48);
    ch = xml.charCodeAt(++k);
  }
  // lower-case letters, no row number, a reference beyond the grid: readCell's to judge
  if (ch !== 34 || col === 0 || row === 0 || col > MAX_COLS || row > MAX_ROWS) return -1;
  ch = xml.charCodeAt(++k);
  let style = 0;
  if (ch === 32 && xml.charCodeAt(k + 1) === 115 && xml.charCodeAt(k + 2) === 61 && xml.charCodeAt(k + 3) === 34) {
    k += 4;
    const from = k;
    for (ch = xml.charCodeAt(k); ch >= 48 && ch <= 57 && k - from < 9; ch = xml.charCodeAt(++k)) style = style * 10 + (ch - 48);
    if (ch !== 34 || k === from) return -1;
    ch = xml.charCodeAt(++k);
  }
  let shared = false;
  if (ch === 32 && xml.charCodeAt(k + 1) === 116 && xml.charCodeAt(k + 2) === 61 && xml.charCodeAt(k + 3) === 34 && xml.charCodeAt(k + 5) === 34) {
    const t = xml.charCodeAt(k + 4);
    if (t === 115) shared = true;
    else if (t !== 110) return -1;
    k += 6;
    ch = xml.charCodeAt(k);
  }
  if (ch === 47) {
    if (xml.charCodeAt(k + 1) !== 62) return -1;
    // an empty cell: it moves the reading on, and stores nothing
    r.row = row - 1;
    r.col = col - 1;
    return k + 2;
  }
  // `><v>`
  if (ch !== 62 || xml.charCodeAt(k + 1) !== 60 || xml.charCodeAt(k + 2) !== 118 || xml.charCodeAt(k + 3) !== 62) return -1;
  k += 4;
  const from = k;
  // the characters of a number (sign, point, exponent) are taken too: a sheet of decimals would
  // otherwise have each cell read twice, here up to its point and again by readCell
  let n = 0;
  let integer = true;
  for (ch = xml.charCodeAt(k); ; ch = xml.charCodeAt(++k)) {
    if (ch >= 48 && ch <= 57) n = n * 10 + (ch - 48);
    else if (ch === 46 || ch === 45 || ch === 43 || ch === 101 || ch === 69) integer = false;
    else break;
  }
  // digitsAt's reading: up to 15 digits are read in place, anything longer or other as Number reads it
  if (k - from > 15) integer = false;
  // `</v></c>`
  if (
    k === from ||
    ch !== 60 ||
    xml.charCodeAt(k + 1) !== 47 ||
    xml.charCodeAt(k + 2) !== 118 ||
    xml.charCodeAt(k + 3) !== 62 ||
    xml.charCodeAt(k + 4) !== 60 ||
    xml.charCodeAt(k + 5) !== 47 ||
    xml.charCodeAt(k + 6) !== 99 ||
    xml.charCodeAt(k + 7) !== 62
  )
    return -1;
  let value: CellValue;
  if (shared) {
    const sst = r.sst;
    // an index written another way, or a string the table lacks: readCell's to read or refuse
    if (!integer || n >= sst.length) return -1;
    value = sst[n] ?? null;
  } else value = integer ? n : numberText(xml.slice(from, k));
  r.row = row - 1;
  r.col = col - 1;
  storeCell(r, row - 1, col - 1, value, undefined, style ? r.cellFormats[style] : r.cellFormats[0]);
  return k + 8;
}

/** A tag in sheetData that is not a cell: a `<row>` sets the row; returns the position after it. */
function readOtherTag(r: SheetReader, lt: number): number {
  const xml = r.xml;
  const te = scanTo(xml, 62, lt);
  if (te < 0) throw new XlsxError("corrupt", "unterminated tag in sheetData");
  const rl = r.rowOpen.length;
  if (hasAt(xml, lt, r.rowOpen) && isDelimiter(xml.charCodeAt(lt + rl))) {
    // the usual shape, <row r="123" …>, read in place; anything else as attr reads it
    const k = lt + rl;
    let n = -1;
    if (xml.charCodeAt(k) === 32 && xml.charCodeAt(k + 1) === 114 && xml.charCodeAt(k + 2) === 61 && xml.charCodeAt(k + 3) === 34) {
      let q = k + 4;
      while (q < te && xml.charCodeAt(q) !== 34) q++;
      if (q < te) n = digitsAt(xml, k + 4, q);
    }
    if (n <= r.lastRowTag) r.rowsInOrder = false;
    else r.lastRowTag = n;
    r.row = n >= 0 ? n - 1 : rowByAttr(xml.slice(lt, te + 1), r.row);
    r.col = -1;
  }
  return te + 1;
}

/** The row a `<row>` start tag not of the usual shape names: its `r`, or the one after `previous` without it. */
function rowByAttr(tag: string, previous: number): number {
  const ref = attr(tag, "r");
  return ref ? Number(ref) - 1 : previous + 1;
}

/** The `<c>` at `lt`: its value, formula and format stored in the arrays; returns the end of the cell. */
function readCell(r: SheetReader, lt: number): number {
  const xml = r.xml;
  // <c r="AB12" s="3" t="s"> — attributes scanned in place, in the same pass that finds the
  // tag's end (a '>' inside a value is refused, as a first-'>' tag end would have it)
  let style = 0;
  let type: CellType = "";
  let hasRef = false;
  let row = r.row;
  let col = r.col;
  let k = lt + r.cOpen.length;
  let te = -1;
  for (;;) {
    let c = xml.charCodeAt(k);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      k++;
      continue;
    }
    if (c === 62) {
      te = k;
      break;
    }
    if (c === 47) {
      te = scanTo(xml, 62, k);
      break;
    }
    if (c !== c) break; // NaN: the text ended inside the tag
    const nameStart = k;
    while (c !== 61 && c !== 62 && c === c) c = xml.charCodeAt(++k);
    if (c !== 61) {
      // no `=` before the tag's end
      if (c === 62) throw new XlsxError("corrupt", "bad cell attribute");
      break;
    }
    let nameEnd = k;
    while (nameEnd > nameStart && xml.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
    k++;
    while (xml.charCodeAt(k) <= 32) k++;
    const quote = xml.charCodeAt(k);
    if (quote === 62) throw new XlsxError("corrupt", "bad cell attribute");
    const vs = k + 1;
    const single = nameEnd - nameStart === 1 ? xml.charCodeAt(nameStart) : 0;
    // r (column letters, then row digits) and s (digits), nearly every cell's attributes, are
    // read in the same pass that finds their value's end (a letter or digit used as the quote,
    // in a malformed tag, still ends the value)
    let q = vs;
    let cc = 0;
    let num = 0;
    if (single === 114 || single === 115) {
      let ch = xml.charCodeAt(q);
      if (single === 114)
        while (ch !== quote && ((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122))) {
          cc = cc * 26 + ((ch & 0xdf) - 64);
          ch = xml.charCodeAt(++q);
        }
      while (ch !== quote && ch >= 48 && ch <= 57) {
        num = num * 10 + (ch - 48);
        ch = xml.charCodeAt(++q);
      }
    }
    let ve = q;
    for (c = xml.charCodeAt(ve); c !== quote; c = xml.charCodeAt(++ve)) {
      if (c === 62 || c !== c) throw new XlsxError("corrupt", "bad cell attribute");
    }
    k = ve + 1;
    // what follows the digits of a value of another shape counts on as digits, as it always has
    if (single === 114 || single === 115) for (; q < ve; q++) num = num * 10 + (xml.charCodeAt(q) - 48);
    c = single;
    if (c === 114) {
      col = cc - 1;
      if (num > 0) row = num - 1;
      hasRef = true;
    } else if (c === 115) {
      style = num;
    } else if (c === 116) type = ve - vs === 1 ? (xml[vs] as CellType) : (xml.slice(vs, ve) as CellType);
  }
  if (te < 0) throw new XlsxError("corrupt", "unterminated tag in sheetData");
  if (!hasRef) col++;
  if (row < 0) row = 0;
  r.row = row;
  r.col = col;
  if (row >= MAX_ROWS || col >= MAX_COLS) throw new XlsxError("corrupt", `cell outside the sheet at row ${row + 1}, column ${col + 1}`);

  let cellEnd = te + 1;
  // the <v> text as positions: integers (most numbers, every shared-string index) are read in place
  let vStart = -1;
  let vEnd = -1;
  let inline: string | null = null;
  let formula: string | null | undefined;
  if (xml.charCodeAt(te - 1) !== 47) {
    let j = te + 1;
    let walk = true;
    // the usual shape, <v>123</v></c>, read without the general walk
    const bare = r.bare;
    if (bare ? xml.charCodeAt(j) === 60 && xml.charCodeAt(j + 1) === 118 && xml.charCodeAt(j + 2) === 62 : hasAt(xml, j, r.vOpen)) {
      vStart = j + r.vOpen.length;
      vEnd = scanTo(xml, 60, vStart);
      if (vEnd < 0) throw new XlsxError("corrupt", "unterminated <v>");
      // `</v></c>` (vEnd is at its `<`)
      const closes = bare
        ? xml.charCodeAt(vEnd + 1) === 47 &&
          xml.charCodeAt(vEnd + 2) === 118 &&
          xml.charCodeAt(vEnd + 3) === 62 &&
          xml.charCodeAt(vEnd + 4) === 60 &&
          xml.charCodeAt(vEnd + 5) === 47 &&
          xml.charCodeAt(vEnd + 6) === 99 &&
          xml.charCodeAt(vEnd + 7) === 62
        : hasAt(xml, vEnd, r.vcClose);
      if (closes) {
        cellEnd = vEnd + r.vcClose.length;
        walk = false;
      } else j = vEnd;
    }
    if (walk) {
      const parts = r.parts;
      cellEnd = walkCell(xml, j, r.p, row, col, r.masters, parts);
      if (parts.vStart >= 0) {
        vStart = parts.vStart;
        vEnd = parts.vEnd;
      }
      inline = parts.inline;
      formula = parts.formula;
    }
  }

  let value: CellValue = null;
  if (type === "" || type === "n") {
    if (vEnd > vStart) {
      const int = digitsAt(xml, vStart, vEnd);
      value = int >= 0 ? int : numberText(xml.slice(vStart, vEnd));
    }
  } else if (type === "s") {
    if (vEnd > vStart) {
      const int = digitsAt(xml, vStart, vEnd);
      const sst = r.sst;
      // a string the table lacks (a garbled or cut-short table): the strings a plan appends
      // would take that index and become this cell's text
      if (int >= sst.length) throw new XlsxError("missing-string", `a cell names shared string ${int}; the table holds ${sst.length}`);
      value = sst[int >= 0 ? int : Number(xml.slice(vStart, vEnd))] ?? null;
    }
  } else value = otherValue(type, vStart >= 0 ? xml.slice(vStart, vEnd) : null, inline, formula);
  if (value === null && formula === undefined) return cellEnd;
  storeCell(r, row, col, value, formula, style ? r.cellFormats[style] : r.cellFormats[0]);
  return cellEnd;
}

/** A cell's value, formula and number format stored in the sheet's arrays. */
function storeCell(r: SheetReader, row: number, col: number, value: CellValue, formula: string | null | undefined, fmt: string | null | undefined): void {
  const values = r.values;
  if (values.length <= row) addRows(r, row);
  const vr = values[row];
  if (vr === r.open && col >= r.openEnd) r.openEnd = col + 1;
  let n = vr.length;
  if (col < n)
    vr[col] = value; // the usual case (see template), a cell after a later one of its row, or a second time
  else {
    // gaps before the cell filled with null. One store per column, the cell's own among them, so
    // the store has type feedback before the first row with a gap (usually well after readCell
    // is optimised): a separate padding loop would deopt readCell at that row
    do vr[n] = n === col ? value : null;
    while (n++ < col);
  }
  if (formula !== undefined) r.formulas[row][col] = formula;
  if (fmt) r.numberFormats[row][col] = fmt;
}

/** A number cell's text that is not a plain integer: as Number reads it, or the text itself (trimmed) when not a number. */
function numberText(raw: string): CellValue {
  const n = Number(raw);
  return Number.isNaN(n) ? raw.trim() : n;
}

/** Rows up to `row`: those before it without cells (empty), `row` itself from the template. */
function addRows(r: SheetReader, row: number): void {
  closeRow(r);
  const values = r.values;
  while (values.length < row) {
    values.push(newList());
    r.formulas.push(newSparseRow());
    r.numberFormats.push(newSparseRow());
  }
  const open = r.template.slice();
  values.push(open);
  r.formulas.push(newSparseRow());
  r.numberFormats.push(newSparseRow());
  r.open = open;
  r.openEnd = 0;
}

/** The row read last cut back to its cells, and the template made as wide as it. */
function closeRow(r: SheetReader): void {
  const open = r.open;
  if (!open) return;
  r.open = null;
  const width = r.openEnd;
  if (width < open.length) open.length = width;
  const template = r.template;
  if (template.length > width) template.length = width;
  else while (template.length < width) template.push(null);
}

/** The sheet's merged ranges (after sheetData, which ends at `from`); a malformed ref is skipped. */
function readMerges(xml: string, p: string, from: number): CellRange[] {
  const merges: CellRange[] = [];
  const mergeCells = findElement(xml, `${p}mergeCells`, from);
  if (mergeCells && !mergeCells.selfClosing) {
    for (const m of findAll(xml, `${p}mergeCell`, mergeCells.openEnd, mergeCells.end)) {
      const ref = attr(xml.slice(m.start, m.openEnd), "ref");
      if (!ref) continue;
      try {
        merges.push(parseRange(ref));
      } catch {
        // a malformed ref is ignored rather than failing the whole read
      }
    }
  }
  return merges;
}

/** What walkCell found among a cell's children: the `<v>` text's positions, an inline string, a formula. */
interface CellParts {
  vStart: number;
  vEnd: number;
  inline: string | null;
  formula: string | null | undefined;
}

/**
 * The general walk over a cell's children from `j` to its own closing tag (no look-ahead for
 * `</c>`: that would scan twice), for every cell but `<v>…</v></c>`; returns the end of the cell.
 * Kept out of readCell so that it stays small enough to be optimised early.
 */
function walkCell(xml: string, j: number, p: string, row: number, col: number, masters: Map<string, SharedMaster>, parts: CellParts): number {
  const pl = p.length;
  parts.vStart = parts.vEnd = -1;
  parts.inline = null;
  parts.formula = undefined;
  for (;;) {
    const a = scanTo(xml, 60, j);
    if (a < 0) throw new XlsxError("corrupt", "unterminated <c>");
    const ate = scanTo(xml, 62, a);
    if (ate < 0) throw new XlsxError("corrupt", "unterminated tag in <c>");
    if (xml.charCodeAt(a + 1) === 47) {
      if (xml.charCodeAt(a + 2 + pl) === 99 && xml.charCodeAt(a + 3 + pl) === 62) {
        return ate + 1;
      }
      j = ate + 1;
      continue;
    }
    const nc = xml.charCodeAt(a + 1 + pl);
    const delim = isDelimiter(xml.charCodeAt(a + 2 + pl));
    if (nc === 118 && delim) {
      // <v>
      parts.vStart = parts.vEnd = ate + 1;
      if (xml.charCodeAt(ate - 1) === 47) j = ate + 1;
      else {
        parts.vEnd = scanTo(xml, 60, ate);
        if (parts.vEnd < 0) throw new XlsxError("corrupt", "unterminated <v>");
        j = parts.vEnd;
      }
    } else if (nc === 102 && delim) {
      // <f>
      let text = "";
      j = ate + 1;
      if (xml.charCodeAt(ate - 1) !== 47) {
        const fe = xml.indexOf("<", ate);
        text = decodeEntities(xml.slice(ate + 1, fe));
        j = fe;
      }
      const ftag = ate - a > 3 + pl ? xml.slice(a, ate + 1) : "";
      const ft = ftag ? attr(ftag, "t") : undefined;
      if (ft === "shared") {
        const si = attr(ftag, "si") ?? "";
        if (text) {
          masters.set(si, { row, col, text });
          parts.formula = `=${text}`;
        } else {
          const m = masters.get(si);
          parts.formula = m ? `=${shiftFormula(m.text, row - m.row, col - m.col)}` : undefined;
        }
      } else if (text) parts.formula = `=${text}`;
    } else if (nc === 105 && xml.charCodeAt(a + 2 + pl) === 115 && isDelimiter(xml.charCodeAt(a + 3 + pl))) {
      // <is> inline string
      if (xml.charCodeAt(ate - 1) === 47) {
        parts.inline = "";
        j = ate + 1;
      } else {
        const isClose = xml.indexOf(`</${p}is>`, ate);
        if (isClose < 0) throw new XlsxError("corrupt", "unterminated <is>");
        parts.inline = stringItemText(xml, ate + 1, isClose, p);
        j = isClose;
      }
    } else j = ate + 1;
  }
}

/** The value of a cell of any type but number and shared string, from its `<v>` text, inline string and formula. */
function otherValue(type: CellType, vText: string | null, inline: string | null, formula: string | null | undefined): CellValue {
  switch (type) {
    case "inlineStr":
      return inline ?? (vText !== null ? decodeStringText(vText) : null);
    case "str":
      return vText !== null ? decodeStringText(vText) : formula !== undefined ? "" : null;
    case "b":
      return vText !== null && vText !== "" ? vText.trim() === "1" || vText.trim() === "true" : null;
    case "d":
      return vText ? isoToSerial(vText.trim()) : null;
    default:
      // "e" and anything unknown: the text as it stands
      return vText !== null ? decodeEntities(vText) : null;
  }
}
