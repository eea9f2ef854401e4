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

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** `t="d"` cells hold ISO 8601 text; the snapshot wants Excel's serial day number, like every other date. */
function isoToSerial(text: string): CellValue {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes("T") ? text : `${text}Z`);
  return Number.isFinite(ms) ? (ms - EXCEL_EPOCH_MS) / 86400000 : text;
}

function isDelimiter(c: number): boolean {
  return c === 62 || c === 32 || c === 47 || c === 9 || c === 10 || c === 13;
}

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
  const cClose = `</${p}c>`;
  const pl = p.length;
  const masters = new Map<string, SharedMaster>();

  const ensureRow = (r: number): void => {
    while (values.length <= r) {
      values.push([]);
      formulas.push([]);
      numberFormats.push([]);
    }
  };

  let row = -1;
  let col = -1;
  let i = sheetData.openEnd;
  const end = sheetData.selfClosing ? sheetData.openEnd : sheetData.end;
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0 || lt >= end) break;
    const te = xml.indexOf(">", lt);
    if (te < 0) throw new XlsxError("corrupt", "unterminated tag in sheetData");

    if (xml.startsWith(rowOpen, lt) && isDelimiter(xml.charCodeAt(lt + rowOpen.length))) {
      const r = attr(xml.slice(lt, te + 1), "r");
      row = r ? Number(r) - 1 : row + 1;
      col = -1;
      i = te + 1;
      continue;
    }
    if (!(xml.startsWith(cOpen, lt) && isDelimiter(xml.charCodeAt(lt + cOpen.length)))) {
      i = te + 1;
      continue;
    }

    // <c r="AB12" s="3" t="s"> — attributes scanned in place
    let style = 0;
    let type = "";
    let hasRef = false;
    let k = lt + cOpen.length;
    while (k < te) {
      let c = xml.charCodeAt(k);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        k++;
        continue;
      }
      if (c === 47) break;
      const nameStart = k;
      while (k < te && xml.charCodeAt(k) !== 61) k++;
      let nameEnd = k;
      while (nameEnd > nameStart && xml.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
      k++;
      while (k < te && xml.charCodeAt(k) <= 32) k++;
      const quote = xml[k];
      const vs = k + 1;
      const ve = xml.indexOf(quote, vs);
      if (ve < 0 || ve > te) throw new XlsxError("corrupt", "bad cell attribute");
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
      } else if (c === 116) type = xml.slice(vs, ve);
    }
    if (!hasRef) col++;
    if (row < 0) row = 0;

    let cellEnd: number;
    let vText: string | null = null;
    let inline: string | null = null;
    let formula: string | null | undefined;
    if (xml.charCodeAt(te - 1) === 47) cellEnd = te + 1;
    else {
      const close = xml.indexOf(cClose, te);
      if (close < 0) throw new XlsxError("corrupt", "unterminated <c>");
      cellEnd = close + cClose.length;
      let j = te + 1;
      for (;;) {
        const a = xml.indexOf("<", j);
        if (a < 0 || a >= close) break;
        const ate = xml.indexOf(">", a);
        const nc = xml.charCodeAt(a + 1 + pl);
        const delim = isDelimiter(xml.charCodeAt(a + 2 + pl));
        if (xml.charCodeAt(a + 1) === 47) {
          j = ate + 1;
          continue;
        }
        if (nc === 118 && delim) {
          // <v>
          if (xml.charCodeAt(ate - 1) === 47) vText = "";
          else {
            const ve = xml.indexOf("<", ate);
            vText = xml.slice(ate + 1, ve);
          }
          j = ate + 1;
        } else if (nc === 102 && delim) {
          // <f>
          const ftag = xml.slice(a, ate + 1);
          let text = "";
          if (xml.charCodeAt(ate - 1) !== 47) {
            const fe = xml.indexOf("<", ate);
            text = decodeEntities(xml.slice(ate + 1, fe));
          }
          const ft = ftag.length > 4 ? attr(ftag, "t") : undefined;
          if (ft === "shared") {
            const si = attr(ftag, "si") ?? "";
            if (text) {
              masters.set(si, { row, col, text });
              formula = `=${text}`;
            } else {
              const m = masters.get(si);
              formula = m ? `=${shiftFormula(m.text, row - m.row, col - m.col)}` : undefined;
            }
          } else if (text) formula = `=${text}`;
          j = ate + 1;
        } else if (nc === 105 && xml.charCodeAt(a + 2 + pl) === 115 && isDelimiter(xml.charCodeAt(a + 3 + pl))) {
          // <is> inline string
          const isClose = xml.indexOf(`</${p}is>`, ate);
          const stop = isClose < 0 || isClose > close ? close : isClose;
          inline = xml.charCodeAt(ate - 1) === 47 ? "" : stringItemText(xml, ate + 1, stop, p);
          j = stop;
        } else j = ate + 1;
      }
    }
    i = cellEnd;

    let value: CellValue = null;
    switch (type) {
      case "":
      case "n":
        if (vText !== null && vText !== "") {
          const n = Number(vText);
          value = Number.isNaN(n) ? vText.trim() : n;
        }
        break;
      case "s":
        if (vText !== null && vText !== "") value = sst[Number(vText)] ?? null;
        break;
      case "inlineStr":
        value = inline ?? (vText !== null ? decodeStringText(vText) : null);
        break;
      case "str":
        value = vText !== null ? decodeStringText(vText) : formula !== undefined ? "" : null;
        break;
      case "b":
        value = vText !== null && vText !== "" ? vText.trim() === "1" || vText.trim() === "true" : null;
        break;
      case "e":
        value = vText !== null ? decodeEntities(vText) : null;
        break;
      case "d":
        value = vText ? isoToSerial(vText.trim()) : null;
        break;
      default:
        value = vText !== null ? decodeEntities(vText) : null;
    }
    const fmt = style ? cellFormats[style] : cellFormats[0];
    if (value === null && formula === undefined) continue;

    ensureRow(row);
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
