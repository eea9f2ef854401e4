/**
 * Shared formulas store their text once, on the group's first cell; every other cell of the
 * group is the same formula moved by its offset from that cell. This rebuilds a member's text by
 * moving the relative (un-$-ed) parts of A1 references. String literals, quoted sheet names and
 * structured references ([...]) are left alone.
 */
import { columnIndex, columnLetters } from "../core/a1";

const MAX_ROW = 1048576;
const MAX_COL = 16384;

const CELL_REF = /(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(.])/g;

function shiftSegment(seg: string, dRow: number, dCol: number): string {
  return seg.replace(CELL_REF, (whole, cAbs: string, letters: string, rAbs: string, digits: string, offset: number) => {
    const prev = offset > 0 ? seg[offset - 1] : "";
    // part of a longer name (e.g. a function or defined name), not a reference
    if (prev && /[A-Za-z0-9_.]/.test(prev)) return whole;
    const col = columnIndex(letters);
    const row = Number(digits) - 1;
    if (col >= MAX_COL || row < 0 || row >= MAX_ROW) return whole;
    const newCol = cAbs ? col : col + dCol;
    const newRow = rAbs ? row : row + dRow;
    if (newCol < 0 || newRow < 0 || newCol >= MAX_COL || newRow >= MAX_ROW) return "#REF!";
    return `${cAbs}${columnLetters(newCol)}${rAbs}${newRow + 1}`;
  });
}

/** Move the relative references of `formula` (no leading "=") by dRow rows and dCol columns. */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let plain = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'" || ch === "[") {
      const close = ch === "[" ? "]" : ch;
      let j = i + 1;
      for (;;) {
        const k = formula.indexOf(close, j);
        if (k < 0) {
          j = formula.length;
          break;
        }
        // doubled quotes escape themselves inside literals and sheet names
        if (close !== "]" && formula[k + 1] === close) {
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
      out += shiftSegment(plain, dRow, dCol) + formula.slice(i, j);
      plain = "";
      i = j;
    } else {
      plain += ch;
      i++;
    }
  }
  return out + shiftSegment(plain, dRow, dCol);
}
