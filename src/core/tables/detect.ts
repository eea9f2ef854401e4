import { matchIndicator } from "../indicators/catalogue";
import { parseQuantity } from "../quantity";
import { cellText, displayHeader, normaliseLabel } from "../text";
import type { CellRange, CellValue, SheetSnapshot } from "../types";
import { bandPieces, impliedGroups } from "./band";
import { gridOf, MergeIndex, sheetWidthOf, type Grid } from "./grid";
import type { LineRole, Orientation, Pos, TableLine, TableModel, TableRecord } from "./model";
import { memoPartyOf, partyOf } from "./parties";
import { addedPercentLine, groupKindOf, isTotalGroup, percentsWanted } from "./groups";
import { matchRole, mayNameRole, TOTAL_WORDS, unitNote, type HeaderRole, type RoleMatch } from "./vocabulary";

/**
 * The detector: finds every indicator and score table on a sheet, laid down or across, and
 * describes each as a TableModel (tables/model.ts).
 *
 * 1. Every text cell is matched once against the role vocabulary.
 * 2. A view row holding a figure role (target, completed, percent, weight, score) may be the
 *    last row of a header band; the band grows upward by up to two rows that belong to it
 *    (merged down into it, a group merged across, a group over blank cells), never into a
 *    title, a preamble line (填报单位：…) or a note.
 * 3. Each column's header is composed from the band; its role, unit, % and area come from that.
 * 4. Records are the view rows below, until two blank rows, a note, a footer or the next header;
 *    numbered titles (一、服务指标) and category rows without figures are passed over.
 * The same steps run on the sheet transposed, so tables laid across are read by the same code.
 * Cost: one pass over the cells, then work proportional to each table's own size.
 */

const FIGURE_ROLES = new Set<HeaderRole>(["target", "completed", "ambiguous", "percent", "score", "weight"]);
const MAX_BAND = 3;

/** 填报单位：… / 统计周期：… — a line about the form, not a header. */
export const PREAMBLE =
  /^(填报|填表|报送|统计周期|统计时间|统计日期|统计截止|统计期间|制表|单位名称|社工站名称|站点名称|机构名称|服务站名称|日期|时间|所属)[^:：]{0,8}[:：]|^[^:：]{1,8}[:：]\s*\S/;
/** 注：… / 说明：… — a note under or above a table. */
export const NOTE = /^(注|备注|说明|附注|填表说明)\s*\d*\s*[:：.、]|^注\d*[:：]?$|^\*注/;
/** 一、服务指标 / （二）专业服务 / 第一部分 — a numbered title. */
const NUMBERED_TITLE = /^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十\d]+(部分|项|章|节))/;
/** 填表人：… 审核人：… — a signature line. */
const FOOTER = /^(填表|制表|审核|统计人|负责人|联系人|单位负责人|填报人|签名|盖章)/;

interface RoleCell {
  /** view column */
  j: number;
  m: RoleMatch;
}

interface Classified {
  byRow: Map<number, RoleCell[]>;
  byCol: Map<number, RoleCell[]>;
}

function classify(sheet: SheetSnapshot): Classified {
  // the result is made before the loop: made after it, its first making came in code V8 had
  // compiled mid-loop without feedback for it, which threw that code away on every sheet
  const out: Classified = { byRow: new Map(), byCol: new Map() };
  const { byRow, byCol } = out;
  const memo = new Map<string, RoleMatch | null>();
  for (let r = 0; r < sheet.values.length; r++) {
    const row = sheet.values[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      // most of a roster's cells name no role: tell so before hashing them into the memo
      if (typeof v !== "string" || v.length === 0 || !mayNameRole(v)) continue;
      let m = memo.get(v);
      if (m === undefined) {
        m = matchRole(v);
        if (memo.size < 50000) memo.set(v, m);
      }
      if (!m) continue;
      add(byRow, r, { j: c, m });
      add(byCol, c, { j: r, m });
    }
  }
  return out;
}

function add(map: Map<number, RoleCell[]>, k: number, cell: RoleCell): void {
  // one push for a new list and a known one: a roster's header row opens a list per column and
  // adds to none, and a push first reached on a later sheet would deoptimise classify
  let list = map.get(k);
  if (!list) {
    list = [];
    map.set(k, list);
  }
  list.push(cell);
}

function text(grid: Grid, i: number, j: number): string {
  return displayHeader(grid.value(i, j));
}

/** The text a merged area shows at (i, j): its top-left cell's. */
function shownText(grid: Grid, i: number, j: number): string {
  const direct = text(grid, i, j);
  if (direct) return direct;
  const m = grid.merge(i, j);
  return m ? text(grid, m.r1, m.c1) : "";
}

function occupied(grid: Grid, i: number, j: number): boolean {
  return text(grid, i, j) !== "" || grid.merge(i, j) !== undefined;
}

/** A cell that holds a figure rather than a header: a number, or text such as 200个. */
function isFigure(v: CellValue): boolean {
  if (typeof v === "number") return true;
  if (typeof v !== "string") return false;
  const q = parseQuantity(v);
  return q.kind === "number" && !(q.unit && /^[年月季期届]/.test(q.unit));
}

/** The columns a band spans: the role cells of its last row, widened over the texts and merges beside them. */
function spanOf(grid: Grid, last: number, cells: RoleCell[]): [number, number] {
  let j1 = Math.min(...cells.map((c) => c.j));
  let j2 = Math.max(...cells.map((c) => c.j));
  const rows = [last, last - 1, last - 2].filter((i) => i >= 0);
  const any = (j: number) => rows.some((i) => occupied(grid, i, j));
  while (j1 > 0 && (any(j1 - 1) || (j1 > 1 && any(j1 - 2)))) j1--;
  while (j2 + 1 < grid.width && (any(j2 + 1) || any(j2 + 2))) j2++;
  return [j1, j2];
}

function lineIsNoise(t: string): boolean {
  return PREAMBLE.test(t) || NOTE.test(t);
}

/** Whether view row u sits in the header band directly above row u + 1. */
function belongs(grid: Grid, u: number, j1: number, j2: number): boolean {
  let texts = 0;
  let textAboveBlank = false;
  for (let j = j1; j <= j2; j++) {
    const v = grid.value(u, j);
    const t = text(grid, u, j);
    if (!t) continue;
    if (isFigure(v)) return false;
    if (lineIsNoise(t) || NUMBERED_TITLE.test(t)) return false;
    texts++;
    if (!occupied(grid, u + 1, j)) textAboveBlank = true;
  }
  const merges = grid.mergesInRow(u).filter((m) => m.c2 >= j1 && m.c1 <= j2);
  const down = merges.some((m) => m.r2 > u);
  const across = merges.some((m) => m.c2 > m.c1 && m.c2 - m.c1 < j2 - j1);
  if (texts === 0) return down;
  if (texts === 1) return down;
  if (down || across) return true;
  return textAboveBlank;
}

/** View row i holds only unit notes over the band's columns. */
function unitRow(grid: Grid, i: number, j1: number, j2: number): boolean {
  if (i >= grid.length) return false;
  let notes = 0;
  for (let j = j1; j <= j2; j++) {
    const t = text(grid, i, j);
    if (!t) continue;
    if (!unitNote(t)) return false;
    notes++;
  }
  return notes > 0;
}

function bandTop(grid: Grid, last: number, j1: number, j2: number): number {
  let t = last;
  while (t > last - (MAX_BAND - 1) && t > 0 && belongs(grid, t - 1, j1, j2)) t--;
  return t;
}

interface Column {
  j: number;
  role: HeaderRole | null;
  header: string;
  headerAt: number | null;
  unit: string | null;
  percentPoints: boolean;
  scale100: boolean;
  area: string | null;
  /** the period its header word began with (中期指标 → 中期) */
  period: string | null;
  /** the group its header's bracket names (完成百分比（中期）) */
  note: string | null;
  /** the band has text over this column */
  hasText: boolean;
}

function composeColumn(grid: Grid, first: number, last: number, j: number, implied: Map<string, { row: number; text: string }>): Column {
  const pieces = bandPieces(grid, first, last, j, implied);
  const texts: string[] = [];
  for (const p of pieces) if (texts[texts.length - 1] !== p.text) texts.push(p.text);
  const notes = pieces.map((p) => unitNote(p.text));
  const matches = pieces.map((p, k) => (notes[k] ? null : matchRole(p.text)));
  let idx = -1;
  for (let k = pieces.length - 1; k >= 0; k--) {
    if (matches[k]) {
      idx = k;
      break;
    }
  }
  const col: Column = {
    j,
    role: idx >= 0 ? (matches[idx] as RoleMatch).role : null,
    header: texts.join("/"),
    headerAt: idx >= 0 ? pieces[idx].row : pieces.length ? pieces[pieces.length - 1].row : null,
    unit: null,
    percentPoints: /%/.test(texts.join("")),
    scale100: /百分制/.test(texts.join("")),
    area: null,
    period: idx >= 0 ? (matches[idx] as RoleMatch).period : null,
    note: idx >= 0 ? (matches[idx] as RoleMatch).note : null,
    hasText: pieces.length > 0,
  };
  for (const m of matches) {
    if (!m) continue;
    col.unit = col.unit ?? m.unit;
    if (m.percentPoints) col.percentPoints = true;
    if (m.scale100) col.scale100 = true;
  }
  // a band row of its own under the header: （个） / （%）
  for (const n of notes) {
    if (!n) continue;
    col.unit = col.unit ?? n.unit;
    if (n.percentPoints) col.percentPoints = true;
  }
  // the nearest text above the role word that names no role itself is the column's group
  for (let k = idx - 1; k >= 0; k--) {
    if (!matches[k] && !notes[k]) {
      col.area = pieces[k].text;
      break;
    }
  }
  return col;
}

function lineOf(c: Column, role: LineRole, extra: Partial<TableLine> = {}): TableLine {
  return { at: c.j, role, header: c.header, headerAt: c.headerAt, unit: c.unit, percentPoints: c.percentPoints, area: null, ...extra };
}

function isBlankRow(grid: Grid, i: number, j2: number): boolean {
  for (let j = 0; j <= j2; j++) {
    const v = grid.value(i, j);
    if (v !== null && !(typeof v === "string" && v.trim() === "")) return false;
  }
  return true;
}

/** The first view column at or after `from` blank in every given view row: where an added line goes. */
function freeLine(grid: Grid, rows: number[], from: number): number {
  for (let j = from; ; j++) {
    if (rows.every((i) => cellText(grid.value(i, j)) === "" && !grid.merge(i, j))) return j;
  }
}

interface Context {
  grid: Grid;
  /** view rows that hold two or more figure-role words: the next table's header */
  headerRows: Set<number>;
  /** the rows of those headers' bands above them (a group row, a label merged down): no records either */
  bandAbove: Set<number>;
}

/** View rows below the band that belong to the table, before label rules pick its records. */
function rawRows(ctx: Context, last: number, j2: number): number[] {
  const { grid } = ctx;
  const rows: number[] = [];
  let blanks = 0;
  for (let i = last + 1; i < grid.length; i++) {
    if (isBlankRow(grid, i, j2)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    if (ctx.headerRows.has(i) || ctx.bandAbove.has(i)) break;
    const first = firstText(grid, i, j2);
    if (first && (NOTE.test(first) || PREAMBLE.test(first) || FOOTER.test(first))) break;
    rows.push(i);
  }
  return rows;
}

function firstText(grid: Grid, i: number, j2: number): string {
  for (let j = 0; j <= j2; j++) {
    const t = text(grid, i, j);
    if (t) return t;
  }
  return "";
}

function hasFigureCell(grid: Grid, i: number, j: number): boolean {
  return parseQuantity(grid.value(i, j)).kind !== "blank";
}

/** A column whose data cells are merged down over several rows: a category (兜底服务), not a label. */
function mergedDown(grid: Grid, rows: number[], j: number): boolean {
  return rows.some((i) => {
    const m = grid.merge(i, j);
    return !!m && m.r2 > m.r1;
  });
}

interface Pair {
  t: Column;
  d: Column;
  p: Column | null;
  /** the group the band names over the pair, else the period its header words share */
  name: string | null;
  /** the band's own group text (null for a period read from the header words) */
  bandGroup: string | null;
  /** last view column of the pair */
  end: number;
}

/**
 * Every target / completed pair of a header, in column order, each with the percent line that
 * belongs to it: the one under the same group, else the one right after the pair and before the
 * next (unless the pair has a group and that percent has none: then it is the total's).
 */
function pairsOf(cols: Column[]): Pair[] {
  const pairs: Pair[] = [];
  let pending: Column | null = null;
  for (const c of cols) {
    if (c.role !== "target" && c.role !== "completed") continue;
    if (pending && pending.role !== c.role && (pending.area === c.area || !pending.area || !c.area)) {
      const t = pending.role === "target" ? pending : c;
      const d = pending.role === "target" ? c : pending;
      const bandGroup = t.area ?? d.area;
      const period = t.period && d.period && t.period !== d.period ? null : (t.period ?? d.period);
      pairs.push({ t, d, p: null, name: bandGroup ?? period, bandGroup, end: Math.max(t.j, d.j) });
      pending = null;
    } else pending = c;
  }
  const percents = cols.filter((c) => c.role === "percent");
  const used = new Set<Column>();
  const claim = (p: Pair, c: Column | undefined) => {
    if (!c) return;
    p.p = c;
    used.add(c);
  };
  for (const p of pairs)
    if (p.bandGroup)
      claim(
        p,
        percents.find((c) => !used.has(c) && c.area === p.bandGroup),
      );
  for (const p of pairs)
    if (!p.p && p.name)
      claim(
        p,
        percents.find((c) => !used.has(c) && !c.area && (c.note === p.name || (!p.bandGroup && c.period === p.name))),
      );
  pairs.forEach((p, k) => {
    if (p.p) return;
    const next = pairs[k + 1] ? Math.min(pairs[k + 1].t.j, pairs[k + 1].d.j) : Number.MAX_SAFE_INTEGER;
    claim(
      p,
      percents.find(
        (c) =>
          !used.has(c) &&
          c.j > p.end &&
          c.j < next &&
          // an ungrouped percent after the last named area is the total's, unless that area is the total
          (c.area === p.bandGroup || (!c.area && (k < pairs.length - 1 || (!!p.name && TOTAL_WORDS.test(normaliseLabel(p.name)))))) &&
          (pairs.length === 1 || !c.period || c.period === p.name),
      ),
    );
  });
  return pairs;
}

function readIndicatorTable(ctx: Context, first: number, last: number, cols: Column[], j2: number): TableModel | null {
  const { grid } = ctx;
  const targets = cols.filter((c) => c.role === "target");
  const dones = cols.filter((c) => c.role === "completed");
  const percents = cols.filter((c) => c.role === "percent");
  if (!targets.length || !dones.length) return null;

  const pairs = pairsOf(cols);
  if (!pairs.length) return null;
  const isArea = pairs.length >= 2;
  const kind = groupKindOf(pairs.map((p) => p.name));
  // an area table's 合计 pair; the groups of a table of periods stand each on its own
  const totalPair = isArea && kind === "area" ? pairs.find((p) => isTotalGroup(p.name)) : undefined;
  if (isArea) {
    let n = 0;
    for (const p of pairs) if (!p.name) p.name = `第${++n}组`;
  } else if (!pairs[0].p) {
    pairs[0].p = percents.find((c) => c.j > Math.max(pairs[0].t.j, pairs[0].d.j)) ?? percents[0] ?? null;
  }
  // percent lines of a table of groups that no pair claimed by group, name or position: the
  // total's in an area table (computed from the areas when there is no 合计 pair); in a table of
  // periods, each the next period's that has none
  const spare = isArea ? percents.filter((c) => !pairs.some((p) => p.p === c)) : [];
  let computedTotal: Column | null = null;
  if (kind === "area" && spare.length) {
    if (totalPair && !totalPair.p) totalPair.p = spare[0];
    else if (!totalPair) computedTotal = spare[0];
  } else if (isArea) {
    for (const c of spare) {
      const owner = pairs.find((p) => !p.p && p.end < c.j);
      if (owner) owner.p = c;
    }
  }

  const firstValue = Math.min(...pairs.map((p) => Math.min(p.t.j, p.d.j)));
  const unitCol = cols.find((c) => c.role === "unit") ?? null;
  const labelRoles = cols.filter((c) => (c.role === "label" || c.role === "ambiguous") && c.j < firstValue);
  let labelCol: Column | null = labelRoles.length ? labelRoles[labelRoles.length - 1] : null;
  const lastUsed = Math.max(...cols.filter((c) => c.hasText).map((c) => c.j), ...pairs.map((p) => Math.max(p.t.j, p.d.j, p.p?.j ?? -1)));
  const rows = rawRows(ctx, last, Math.max(j2, lastUsed));
  if (!rows.length) return null;
  let labelSpan: number[] = [];
  if (labelRoles.length > 1) {
    // one label header over several columns (指标名称 merged across A:B): the rightmost column
    // that holds the names in its own cells, not a category merged down nor the blank half of a merge
    const own = (c: Column) => rows.filter((i) => text(grid, i, c.j) && !isFigure(grid.value(i, c.j))).length;
    const named = labelRoles.filter((c) => !mergedDown(grid, rows, c.j) && own(c) > 0);
    if (named.length) labelCol = named.reduce((a, b) => (own(b) >= own(a) ? b : a));
    const head = labelCol?.headerAt;
    labelSpan = labelRoles.filter((c) => c !== labelCol && c.headerAt === head && c.header === labelCol?.header).map((c) => c.j);
  }
  if (!labelCol) {
    // no label header: the rightmost plain column left of the figures whose cells hold names
    const plain = cols.filter((c) => c.j < firstValue && c.role === null && !mergedDown(grid, rows, c.j));
    const named = plain.filter((c) => rows.some((i) => parseQuantity(grid.value(i, c.j)).kind === "text"));
    labelCol = named.length ? named[named.length - 1] : plain.length ? plain[plain.length - 1] : null;
    if (!labelCol && firstValue > 0) labelCol = cols.find((c) => c.j === firstValue - 1) ?? null;
    if (labelCol && (labelCol.role === "serial" || labelCol.role === "category" || labelCol.role === "unit")) labelCol = null;
  }

  const lines: TableLine[] = [];
  const figureCols = pairs.flatMap((p) => [p.t.j, p.d.j]);
  const hasFigures = (i: number) => figureCols.some((j) => hasFigureCell(grid, i, j));
  const labelAt = (i: number) => (labelCol ? ([labelCol.j, ...labelSpan].map((j) => shownText(grid, i, j)).find((t) => t) ?? "") : "");

  // the seed appendix's block: the name sits in the header row, one row of figures below
  const headerLabel = labelCol && labelCol.role === null ? text(grid, last, labelCol.j) : "";
  const block =
    !isArea && !!labelCol && labelCol.role === null && !labelAt(rows[0]) && (headerLabel !== "" || rows.length === 1 || ctx.headerRows.has(rows[0] + 1));
  let records: TableRecord[];
  if (block) {
    if (!hasFigures(rows[0])) return null;
    records = [{ at: rows[0], role: "item" }];
  } else {
    records = [];
    for (const i of rows) {
      const label = labelAt(i);
      if (hasFigures(i)) {
        records.push({ at: i, role: "item" });
        continue;
      }
      // a row without figures is an indicator left blank only when its name is a known indicator
      if (label && !NUMBERED_TITLE.test(label) && matchIndicator(label)) records.push({ at: i, role: "item" });
    }
  }
  if (!records.length) return null;

  if (labelCol) lines.push(lineOf(labelCol, "label", block ? { header: headerLabel, headerAt: last } : labelSpan.length ? { alsoAt: labelSpan } : {}));
  if (unitCol) lines.push(lineOf(unitCol, "unit"));
  for (const c of cols) if (c.role === "serial" || c.role === "category") lines.push(lineOf(c, c.role));
  for (const p of pairs) {
    const group: Partial<TableLine> = isArea ? { area: p.name, groupKind: kind, ...(p === totalPair ? { areaTotal: true } : {}) } : {};
    lines.push(lineOf(p.t, "target", { ...group, unit: p.t.unit }));
    lines.push(lineOf(p.d, "completed", { ...group, unit: p.d.unit ?? p.t.unit }));
    if (p.p) lines.push(lineOf(p.p, "percent", group));
  }
  if (computedTotal) lines.push(lineOf(computedTotal, "percent", { area: "合计", groupKind: "area", areaTotal: true }));
  // lines the table lacks get one each after the table (tables/groups.ts says which)
  const layout = isArea ? "area" : block ? "block" : "row";
  let from = lastUsed + 1;
  for (const w of percentsWanted({ layout, lines })) {
    const at = freeLine(grid, [last, ...records.map((r) => r.at)], from);
    from = at + 1;
    lines.push(addedPercentLine(at, last, w, isArea ? kind : undefined));
  }
  return {
    kind: "indicators",
    sheet: grid.sheet.name,
    orientation: grid.orientation,
    layout,
    band: { first, last },
    lines,
    records,
    origin: "detected",
  };
}

function totalOrGrade(t: string): "total" | "grade" | null {
  if (!t || t.length > 20) return null;
  const m = matchRole(t);
  if (m?.role === "total" || m?.role === "grade") return m.role;
  return TOTAL_WORDS.test(normaliseLabel(t)) ? "total" : null;
}

/** 总分 / 等级 written as a label beside or under the parties: the cell for its value. */
function findLabelledCells(grid: Grid, model: TableModel, fromRow: number, toRow: number, j2: number, skipCol: number | null): void {
  for (let i = fromRow; i <= toRow && i < grid.length; i++) {
    for (let j = 0; j <= j2 + 2; j++) {
      if (j === skipCol && model.records.some((r) => r.at === i)) continue;
      const kind = totalOrGrade(text(grid, i, j));
      if (!kind) continue;
      const key = kind === "total" ? "totalCell" : "gradeCell";
      if (model[key]) continue;
      const right = grid.value(i, j + 1);
      const rightFree =
        right === null || typeof right === "number" || (typeof right === "string" && (right.trim() === "" || !!grid.formula(i, j + 1) || kind === "grade"));
      model[key] = rightFree && !totalOrGrade(text(grid, i, j + 1)) ? grid.pos(i, j + 1) : grid.pos(i + 1, j);
    }
  }
}

function readScoreTable(ctx: Context, first: number, last: number, cols: Column[], j2: number): TableModel | null {
  const { grid } = ctx;
  const score = cols.find((c) => c.role === "score");
  if (!score) return null;
  const weight = cols.find((c) => c.role === "weight" && c.j !== score.j) ?? null;
  const firstValue = Math.min(score.j, weight?.j ?? score.j);
  const rows = rawRows(ctx, last, j2);
  if (!rows.length) return null;
  // the party names' column: of the columns left of the figures, the one naming most parties
  // (among the first rows: four parties and their totals never run long)
  const head = rows.slice(0, 24);
  let labelCol: Column | null = null;
  let best = 0;
  for (const c of cols) {
    if (c.j >= firstValue || c.role === "serial") continue;
    const n = head.filter((i) => partyOf(shownText(grid, i, c.j))).length;
    if (n > best || (n === best && n > 0 && c.role === "label")) {
      best = n;
      labelCol = c;
    }
  }
  if (!labelCol) return null;
  const records: TableRecord[] = [];
  const seen = new Set<string>();
  for (const i of rows) {
    const t = shownText(grid, i, labelCol.j);
    const party = partyOf(t);
    if (party && !seen.has(party)) {
      seen.add(party);
      records.push({ at: i, role: "party", party });
      continue;
    }
    const kind = totalOrGrade(t);
    const slot = grid.value(i, score.j);
    // a 总分 row whose score cell holds other text (评估等级) keeps its value beside the label instead
    if (kind && !seen.has(kind) && (slot === null || typeof slot === "number" || !cellText(slot) || !!grid.formula(i, score.j))) {
      seen.add(kind);
      records.push({ at: i, role: kind });
    }
  }
  const parties = records.filter((r) => r.role === "party");
  if (parties.length < 2) return null;
  const lines: TableLine[] = [lineOf(labelCol, "label"), lineOf(score, "score", { percentPoints: false })];
  if (weight) lines.push(lineOf(weight, "weight"));
  const model: TableModel = {
    kind: "scores",
    sheet: grid.sheet.name,
    orientation: grid.orientation,
    layout: "row",
    band: { first, last },
    lines,
    records,
    totalCell: null,
    gradeCell: null,
    origin: "detected",
  };
  if (score.scale100) model.scale100 = true;
  // 总分 / 等级 as columns of the band: their value sits beside the first party
  for (const c of cols) {
    if (c.role === "total" && !model.totalCell) model.totalCell = grid.pos(parties[0].at, c.j);
    if (c.role === "grade" && !model.gradeCell) model.gradeCell = grid.pos(parties[0].at, c.j);
  }
  const lastRecord = Math.max(...records.map((r) => r.at));
  findLabelledCells(grid, model, first, lastRecord + 6, j2, labelCol.j);
  return model;
}

/**
 * Tables side by side under one header row: a label (or 序号) column after columns of figures
 * begins the next table. Each segment is read as a table of its own.
 */
function segments(cols: Column[]): Column[][] {
  const out: Column[][] = [];
  let current: Column[] = [];
  let figures = false;
  for (const c of cols) {
    if ((c.role === "label" || c.role === "serial") && figures) {
      out.push(current);
      current = [];
      figures = false;
    }
    if (c.role && FIGURE_ROLES.has(c.role)) figures = true;
    current.push(c);
  }
  if (current.length) out.push(current);
  return out;
}

function detectIn(grid: Grid, roleLines: Map<number, RoleCell[]>): TableModel[] {
  const headerRows = new Set<number>();
  const candidates: number[] = [];
  for (const [i, cells] of roleLines) {
    const figures = cells.filter((c) => FIGURE_ROLES.has(c.m.role));
    if (figures.length) candidates.push(i);
    if (figures.length >= 2) headerRows.add(i);
  }
  candidates.sort((a, b) => a - b);
  const bandAbove = new Set<number>();
  for (const h of headerRows) {
    const top = bandTop(grid, h, ...spanOf(grid, h, roleLines.get(h) as RoleCell[]));
    for (let i = top; i < h; i++) if (!headerRows.has(i)) bandAbove.add(i);
  }
  const ctx: Context = { grid, headerRows, bandAbove };
  const out: TableModel[] = [];
  let consumed = -1;
  for (let k = 0; k < candidates.length; k++) {
    let last = candidates[k];
    if (last <= consumed) continue;
    const cells = roleLines.get(last) as RoleCell[];
    const [j1, j2] = spanOf(grid, last, cells);
    // a band continues in the next row: read it from there
    if (candidates[k + 1] === last + 1 && bandTop(grid, last + 1, ...spanOf(grid, last + 1, roleLines.get(last + 1) as RoleCell[])) <= last) continue;
    const first = bandTop(grid, last, j1, j2);
    // a row of units under the headers ((个) | (个) | (%)) closes the band
    if (unitRow(grid, last + 1, j1, j2)) last++;
    const implied = impliedGroups(grid, first, last, 0, j2);
    const cols: Column[] = [];
    for (let j = 0; j <= j2; j++) cols.push(composeColumn(grid, first, last, j, implied));
    // 指标 alone: the name column beside an explicit target (指标 | 指标要求 | 完成情况), else the
    // target — always the target under a group or among the figures (合计/指标 after 一片区/指标数)
    const explicitTarget = cols.some((c) => c.role === "target");
    const firstFigure = cols.find((c) => c.role === "target" || c.role === "completed")?.j ?? Number.MAX_SAFE_INTEGER;
    for (const c of cols) if (c.role === "ambiguous") c.role = explicitTarget && !c.area && c.j < firstFigure ? "label" : "target";
    for (const seg of segments(cols)) {
      const end = seg[seg.length - 1].j;
      const model = readIndicatorTable(ctx, first, last, seg, end) ?? readScoreTable(ctx, first, last, seg, end);
      if (!model) continue;
      out.push(model);
      consumed = Math.max(consumed, last, ...model.records.map((r) => r.at));
    }
  }
  return out;
}

/** Sheet-coordinate bounding box of a table's band, lines and records. */
function boxOf(m: TableModel): { r1: number; c1: number; r2: number; c2: number } {
  const recs = m.records.map((r) => r.at);
  const lines = m.lines.map((l) => l.at);
  const i1 = Math.min(m.band.first, ...recs);
  const i2 = Math.max(m.band.last, ...recs);
  const j1 = Math.min(...lines);
  const j2 = Math.max(...lines);
  return m.orientation === "down" ? { r1: i1, c1: j1, r2: i2, c2: j2 } : { r1: j1, c1: i1, r2: j2, c2: i2 };
}

function overlaps(a: ReturnType<typeof boxOf>, b: ReturnType<typeof boxOf>): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

/** How far past the last party a 总分 / 等级 entry may sit in the party line. */
const TOTAL_REACH = 4;

/** A line of figures beside a party block: its numbers per party and what its header (if any) calls it. */
interface FigureLine {
  j: number;
  role: HeaderRole | null;
  header: string;
  headerAt: number | null;
  percentPoints: boolean;
  scale100: boolean;
  values: number[];
  /** every number was typed or formatted as a percentage */
  allPercent: boolean;
}

/** The header over view column j above row `top`: the nearest role text in the 3 rows above, else the nearest text. */
function headerAbove(grid: Grid, top: number, j: number): { text: string; at: number | null; m: RoleMatch | null } {
  let plain: { text: string; at: number } | null = null;
  for (let i = top - 1; i >= Math.max(0, top - MAX_BAND); i--) {
    const t = text(grid, i, j);
    if (!t) continue;
    if (isFigure(grid.value(i, j))) break;
    const m = matchRole(t);
    if (m) return { text: t, at: i, m };
    plain = plain ?? { text: t, at: i };
  }
  return { text: plain?.text ?? "", at: plain?.at ?? null, m: null };
}

/** Weights, not scores: percentages, or fractions that add up to 1. */
function weightLike(line: FigureLine): boolean {
  if (line.role === "weight") return true;
  if (line.role === "score") return false;
  if (line.allPercent) return true;
  const sum = line.values.reduce((a, b) => a + b, 0);
  return line.values.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) < 0.011;
}

/**
 * A four-party block read from its party names, whatever its headers say: the parties down one
 * view column (a sheet column, or a sheet row when laid across) within a few lines, 总分 / 等级
 * after them in the same line, and the lines of figures beside them. A line whose header names
 * 权重 / 分值占比 (or whose numbers read as weights) is the weight; the score is the line its
 * header calls 得分, else the first other line of numbers. Label cells may be blank or merged.
 */
function partyBlock(grid: Grid): TableModel | null {
  const found: { i: number; j: number; party: NonNullable<TableRecord["party"]> }[] = [];
  const seen = new Set<string>();
  const partyIn = memoPartyOf();
  for (let i = 0; i < Math.min(grid.length, 400); i++) {
    for (let j = 0; j < Math.min(grid.width, 20); j++) {
      const v = grid.value(i, j);
      if (typeof v !== "string") continue;
      const party = partyIn(v);
      if (party && !seen.has(party)) {
        seen.add(party);
        found.push({ i, j, party });
        break;
      }
    }
  }
  if (found.length < 2) return null;
  const labelJ = found[0].j;
  const parties = found.filter((p) => p.j === labelJ);
  if (parties.length < 2 || parties[parties.length - 1].i - parties[0].i > 15) return null;
  const top = parties[0].i;
  const lastParty = parties[parties.length - 1].i;

  const figures: FigureLine[] = [];
  for (let j = labelJ + 1; j < Math.min(grid.width, labelJ + 16); j++) {
    const qs = parties.map((p) => parseQuantity(grid.value(p.i, j), grid.format(p.i, j)));
    const nums = qs.filter((q): q is Extract<typeof q, { kind: "number" }> => q.kind === "number");
    if (nums.length * 2 < parties.length) {
      // a line of party names or text ends the block's figures once some were found
      if (figures.length && qs.some((q) => q.kind === "text")) break;
      continue;
    }
    const h = headerAbove(grid, top, j);
    figures.push({
      j,
      role: h.m?.role ?? null,
      header: h.text,
      headerAt: h.at,
      percentPoints: !!h.m?.percentPoints || /%/.test(h.text),
      scale100: !!h.m?.scale100,
      values: nums.map((q) => q.value),
      allPercent: nums.every((q) => q.percent),
    });
  }
  if (!figures.length) return null;
  const weight = figures.find((f) => f.role === "weight") ?? (figures.length > 1 ? figures.find((f) => f.role === null && weightLike(f)) : undefined) ?? null;
  const score =
    figures.find((f) => f.role === "score") ?? figures.find((f) => f !== weight && f.role !== "weight" && f.role !== "total" && f.role !== "grade") ?? null;
  if (!score) return null;

  const records: TableRecord[] = parties.map((p) => ({ at: p.i, role: "party" as const, party: p.party }));
  for (let i = top; i <= lastParty + TOTAL_REACH && i < grid.length; i++) {
    const kind = totalOrGrade(text(grid, i, labelJ));
    if (kind && !records.some((r) => r.role === kind)) records.push({ at: i, role: kind });
  }
  const label = headerAbove(grid, top, labelJ);
  const lineOfFigure = (f: FigureLine, role: LineRole): TableLine => ({
    at: f.j,
    role,
    header: f.header,
    headerAt: f.headerAt,
    unit: null,
    percentPoints: role === "weight" ? f.percentPoints : false,
    area: null,
  });
  const lines: TableLine[] = [
    { at: labelJ, role: "label", header: label.text, headerAt: label.at, unit: null, percentPoints: false, area: null },
    lineOfFigure(score, "score"),
  ];
  if (weight) lines.push(lineOfFigure(weight, "weight"));
  const headerRows = [label.at, score.headerAt, weight?.headerAt ?? null].filter((x): x is number => x !== null);
  const model: TableModel = {
    kind: "scores",
    sheet: grid.sheet.name,
    orientation: grid.orientation,
    layout: "row",
    band: headerRows.length ? { first: Math.min(...headerRows), last: top - 1 } : { first: top, last: top - 1 },
    lines,
    records,
    totalCell: null,
    gradeCell: null,
    origin: "detected",
  };
  if (score.scale100) model.scale100 = true;
  const lastRecord = Math.max(...records.map((r) => r.at));
  findLabelledCells(grid, model, top, lastRecord + 6, score.j, labelJ);
  return model;
}

/** Every indicator and score table on a sheet, laid down or across, as table models. */
export function detectTables(sheet: SheetSnapshot): TableModel[] {
  const merges = new MergeIndex(sheet.merges ?? []);
  const width = sheetWidthOf(sheet);
  const cls = classify(sheet);
  const down = detectIn(gridOf(sheet, "down", merges, width), cls.byRow);
  const boxes = down.map(boxOf);
  const across = detectIn(gridOf(sheet, "across", merges, width), cls.byCol).filter((m) => !boxes.some((b) => overlaps(b, boxOf(m))));
  const all = [...down, ...across];
  if (!all.some((m) => m.kind === "scores")) {
    for (const orientation of ["down", "across"] as const) {
      const block = partyBlock(gridOf(sheet, orientation, merges, width));
      if (block && !all.some((m) => overlaps(boxOf(m), boxOf(block)))) {
        all.push(block);
        break;
      }
    }
  }
  return all;
}

/**
 * A sheet that reads like a table — a row of short headers over rows of numbers — but matched
 * no layout: where to say so (its first header cell), or null. `read` are the cells of the
 * sheet's tables that were read: a table beside or below them is looked for all the same.
 */
export function unreadTableAt(sheet: SheetSnapshot, read: readonly CellRange[] = []): Pos | null {
  const rows = sheet.values;
  // cells of the tables that were read (a sheet's other table may still be one nobody understood)
  const known = (r: number, c: number) => read.some((x) => r >= x.r1 && r <= x.r2 && c >= x.c1 && c <= x.c2);
  for (let r = 0; r + 2 < rows.length && r < 2000; r++) {
    const row = rows[r];
    if (!row) continue;
    const heads: number[] = [];
    let figures = 0;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (read.length && known(r, c)) continue;
      if (typeof v === "string" && v.trim() && v.trim().length <= 20 && !isFigure(v) && !lineIsNoise(v.trim())) heads.push(c);
      else if (isFigure(v)) figures++;
    }
    if (heads.length < 2 || figures > 0) continue;
    let numericRows = 0;
    for (let k = r + 1; k < Math.min(rows.length, r + 6); k++)
      if (heads.some((c) => !(read.length && known(k, c)) && (typeof rows[k]?.[c] === "number" || isFigure(rows[k]?.[c] ?? null)))) numericRows++;
    if (numericRows >= 2) return { row: r, col: heads[0] };
  }
  return null;
}

export type { Orientation };
