import { displayHeader } from "../text";
import type { Grid } from "./grid";
import { matchRole } from "./vocabulary";

/**
 * Header bands: the one home for reading a header of 1–3 rows with merges. Every reader of
 * headers (indicator and score tables here, the roster's two-row headers) composes a column's
 * header from the same pieces.
 */
export interface BandPiece {
  /** view row of the cell the text is written in (a merge's top row) */
  row: number;
  text: string;
}

/**
 * The texts over view column j in band rows first..last, top to bottom. A merged area gives its
 * text to every column it spans, once, in the row it starts in (so a header merged down through
 * the band appears once, and a group merged across appears over each of its columns).
 * `implied` lends an unmerged group text to the blank cells right of it (see impliedGroups).
 */
export function bandPieces(grid: Grid, first: number, last: number, j: number, implied?: Map<string, BandPiece>, fromAbove = true): BandPiece[] {
  const out: BandPiece[] = [];
  for (let i = first; i <= last; i++) {
    const m = grid.merge(i, j);
    let text = "";
    let row = i;
    if (m) {
      // a merge begun above the band still names the column, unless the caller reads rows strictly
      if (m.r1 === i || (fromAbove && m.r1 < first && i === first)) {
        text = displayHeader(grid.value(m.r1, m.c1));
        row = m.r1;
      }
    } else {
      text = displayHeader(grid.value(i, j));
      if (!text && implied) {
        const g = implied.get(`${i}:${j}`);
        if (g) out.push(g);
        continue;
      }
    }
    if (text) out.push({ row, text });
  }
  return out;
}

/**
 * Groups written without merges: in a band row above the last that has no merged areas, a text
 * followed by blank cells is taken to span them while the row below has a sub-header there
 * (一片区 | (blank) over 指标 | 完成). Keyed "i:j".
 */
export function impliedGroups(grid: Grid, first: number, last: number, j1: number, j2: number): Map<string, BandPiece> {
  const out = new Map<string, BandPiece>();
  for (let i = first; i < last; i++) {
    if (grid.mergesInRow(i).length) continue;
    let current: BandPiece | null = null;
    for (let j = j1; j <= j2; j++) {
      const text = displayHeader(grid.value(i, j));
      if (text) {
        current = { row: i, text };
        continue;
      }
      const below = displayHeader(grid.value(i + 1, j));
      // a sub-header naming its own group in brackets (完成百分比（合计）) is not under the text to its left
      if (current && below && !grid.merge(i + 1, j) && !matchRole(below)?.note) out.set(`${i}:${j}`, current);
      else current = null;
    }
  }
  return out;
}
