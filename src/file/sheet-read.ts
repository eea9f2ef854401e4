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
 * A fresh empty row. Not a `[]` literal: V8 watches the arrays a literal makes, and once it sees
 * that most survive (every row does) it moves the literal to the old generation and throws away
 * the optimised code of readWorksheet, which then has to be compiled again mid-sheet.
 */
const NO_CELLS: never[] = [];
function newRow<T>(): T[] {
  return NO_CELLS.slice();
}

type CellType = "" | "n" | "s" | "str" | "inlineStr" | "b" | "e" | "d";

interface SharedMaster {
  row: number;
  col: number;
  text: string;
}

export function readWorksheet(xml: string, sst: readonly string[], cellFormats: readonly (string | null)[]): SheetCells {
  const p = rootPrefix(xml);
  const values: CellValue[][] = [];
  const formulas: (string | null | undefined)[][] = [];
  const numberFormats: (string | null | undefined)[][] = [];
  const sheetData = findElement(xml, `${p}sheetData`);
  if (!sheetData) throw new XlsxError("corrupt", "worksheet without <sheetData>");

  const rowOpen = `<${p}row`;
  const cOpen = `<${p}c`;
  const vOpen = `<${p}v>`;
  const vcClose = `</${p}v></${p}c>`;
  const masters = new Map<string, SharedMaster>();

  const parts: CellParts = { vStart: -1, vEnd: -1, inline: null, formula: undefined };

  let row = -1;
  let col = -1;
  let i = sheetData.openEnd;
  const end = sheetData.selfClosing ? sheetData.openEnd : sheetData.end;
  for (;;) {
    const lt = scanTo(xml, 60, i);
    if (lt < 0 || lt >= end) break;

    if (!(hasAt(xml, lt, cOpen) && isDelimiter(xml.charCodeAt(lt + cOpen.length)))) {
      const te = scanTo(xml, 62, lt);
      if (te < 0) throw new XlsxError("corrupt", "unterminated tag in sheetData");
      if (hasAt(xml, lt, rowOpen) && isDelimiter(xml.charCodeAt(lt + rowOpen.length))) {
        const r = attr(xml.slice(lt, te + 1), "r");
        row = r ? Number(r) - 1 : row + 1;
        col = -1;
      }
      i = te + 1;
      continue;
    }

    // <c r="AB12" s="3" t="s"> — attributes scanned in place, in the same pass that finds the
    // tag's end (a '>' inside a value is refused, as a first-'>' tag end would have it)
    let style = 0;
    let type: CellType = "";
    let hasRef = false;
    let k = lt + cOpen.length;
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
      let ve = vs;
      for (c = xml.charCodeAt(ve); c !== quote; c = xml.charCodeAt(++ve)) {
        if (c === 62 || c !== c) throw new XlsxError("corrupt", "bad cell attribute");
      }
      k = ve + 1;
      if (nameEnd - nameStart !== 1) continue;
      c = xml.charCodeAt(nameStart);
      if (c === 114) {
        // r: column letters then row digits
        let cc = 0;
        let q = vs;
        let ch = xml.charCodeAt(q);
        while (q < ve && ((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122))) {
          cc = cc * 26 + ((ch & 0xdf) - 64);
          ch = xml.charCodeAt(++q);
        }
        let rr = 0;
        while (q < ve) rr = rr * 10 + (xml.charCodeAt(q++) - 48);
        col = cc - 1;
        if (rr > 0) row = rr - 1;
        hasRef = true;
      } else if (c === 115) {
        let sv = 0;
        for (let q = vs; q < ve; q++) sv = sv * 10 + (xml.charCodeAt(q) - 48);
        style = sv;
      } else if (c === 116) type = ve - vs === 1 ? (xml[vs] as CellType) : (xml.slice(vs, ve) as CellType);
    }
    if (te < 0) throw new XlsxError("corrupt", "unterminated tag in sheetData");
    if (!hasRef) col++;
    if (row < 0) row = 0;
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
      // the usual shape, <v>123</v></c>, read without the general walk below
      if (hasAt(xml, j, vOpen)) {
        vStart = j + vOpen.length;
        vEnd = scanTo(xml, 60, vStart);
        if (vEnd < 0) throw new XlsxError("corrupt", "unterminated <v>");
        if (hasAt(xml, vEnd, vcClose)) {
          cellEnd = vEnd + vcClose.length;
          walk = false;
        } else j = vEnd;
      }
      if (walk) {
        cellEnd = walkCell(xml, j, p, row, col, masters, parts);
        if (parts.vStart >= 0) {
          vStart = parts.vStart;
          vEnd = parts.vEnd;
        }
        inline = parts.inline;
        formula = parts.formula;
      }
    }
    i = cellEnd;

    let value: CellValue = null;
    if (type === "" || type === "n") {
      if (vEnd > vStart) {
        const int = digitsAt(xml, vStart, vEnd);
        if (int >= 0) value = int;
        else {
          const raw = xml.slice(vStart, vEnd);
          const n = Number(raw);
          value = Number.isNaN(n) ? raw.trim() : n;
        }
      }
    } else if (type === "s") {
      if (vEnd > vStart) {
        const int = digitsAt(xml, vStart, vEnd);
        // a string the table lacks (a garbled or cut-short table): the strings a plan appends
        // would take that index and become this cell's text
        if (int >= sst.length) throw new XlsxError("missing-string", `a cell names shared string ${int}; the table holds ${sst.length}`);
        value = sst[int >= 0 ? int : Number(xml.slice(vStart, vEnd))] ?? null;
      }
    } else value = otherValue(type, vStart >= 0 ? xml.slice(vStart, vEnd) : null, inline, formula);
    const fmt = style ? cellFormats[style] : cellFormats[0];
    if (value === null && formula === undefined) continue;

    while (values.length <= row) {
      values.push(newRow());
      formulas.push(newRow());
      numberFormats.push(newRow());
    }
    const vr = values[row];
    while (vr.length < col) vr.push(null);
    vr[col] = value;
    if (formula !== undefined) formulas[row][col] = formula;
    if (fmt) numberFormats[row][col] = fmt;
  }

  const merges: CellRange[] = [];
  const mergeCells = findElement(xml, `${p}mergeCells`, end);
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
  return { values, formulas, numberFormats, merges };
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
 * Kept out of readWorksheet so that its loop stays small enough to be optimised early.
 */
function walkCell(xml: string, j: number, p: string, row: number, col: number, masters: Map<string, SharedMaster>, parts: CellParts): number {
  const pl = p.length;
  parts.vStart = parts.vEnd = -1;
  parts.inline = null;
  parts.formula = undefined;
  // walk the cell's children until its own closing tag (no look-ahead for </c>: that would scan twice)
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
