import type { CellRange, SheetSnapshot } from "../types";
import { cellText, normaliseLabel } from "../text";
import { parseQuantity } from "../quantity";

/** Where an indicator's cells are; positions are 0-based. */
export interface Pos {
  row: number;
  col: number;
}

export interface FoundIndicator {
  sheet: string;
  layout: "row" | "block" | "area";
  label: string | null;
  /** the cell that holds (or should hold) the label */
  labelPos: Pos | null;
  area: string | null;
  unitPos: Pos | null;
  target: Pos;
  completed: Pos;
  /** an existing percent cell, or where a new one goes */
  percent: Pos | null;
  /** true when the percent column was added by us (no header existed) */
  percentAdded: boolean;
  /** for a 合计 entry: the area pairs that should add up to it */
  parts?: { target: Pos; completed: Pos }[];
}

export interface FoundTable {
  sheet: string;
  layout: FoundIndicator["layout"];
  headerRow: number;
  /** header cell to write when the percent column is new */
  addPercentHeader?: Pos;
  indicators: FoundIndicator[];
}

type Role = "label" | "unit" | "target" | "done" | "percent" | "ambiguous";

/**
 * The role a header cell plays. "指标" alone is ambiguous: it names the label column in a table
 * that also has 指标要求, and the target column in 指标 / 完成 pairs.
 */
export function headerRole(raw: string): Role | null {
  if (raw.length > 40) return null;
  const full = normaliseLabel(raw);
  if (!full || full.length > 16) return null;
  const t = full.replace(/\(.*\)$/, "") || full;
  if (/完成百分比|完成率|完成比例|^百分比$|完成进度/.test(t)) return "percent";
  if (/^(指标要求|协议指标|年度指标|合同指标|中期指标|目标|目标值|指标数|指标值|计划数|协议要求|合同要求)/.test(t)) return "target";
  if (/^(实际|累计|中期|本期|已)?完成(情况|数|量|数量|值)?$/.test(t)) return "done";
  if (/^(计量)?单位$/.test(t)) return "unit";
  if (/^(指标名称|服务指标|项目|服务项目|指标项目|指标内容|服务内容|名称|指标类别)$/.test(t)) return "label";
  if (t === "指标") return "ambiguous";
  return null;
}

const TOTAL_RE = /合计|总计|合共|小计|全站|总数|汇总/;

function textAt(sheet: SheetSnapshot, row: number, col: number): string {
  return cellText(sheet.values[row]?.[col] ?? null);
}

function isBlankRow(sheet: SheetSnapshot, row: number): boolean {
  const r = sheet.values[row];
  return !r || r.every((v) => v === null || (typeof v === "string" && v.trim() === ""));
}

/** The text a merged area shows at (row, col): the value of its top-left cell. */
function mergedText(sheet: SheetSnapshot, row: number, col: number): string {
  const direct = textAt(sheet, row, col);
  if (direct) return direct;
  const m = (sheet.merges ?? []).find((g: CellRange) => row >= g.r1 && row <= g.r2 && col >= g.c1 && col <= g.c2);
  return m ? textAt(sheet, m.r1, m.c1) : "";
}

interface HeaderRow {
  row: number;
  roles: Map<number, Role>;
}

function classifyRow(sheet: SheetSnapshot, row: number): HeaderRow | null {
  const cells = sheet.values[row];
  if (!cells) return null;
  const roles = new Map<number, Role>();
  let target = 0;
  let done = 0;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (typeof v !== "string") continue;
    // cheap filter before the regexes: every role word contains one of these characters
    if (!/[指完目单项名百计协合]/.test(v)) continue;
    const role = headerRole(v);
    if (!role) continue;
    roles.set(c, role);
    if (role === "target" || role === "ambiguous") target++;
    if (role === "done") done++;
  }
  if (target === 0 || done === 0) return null;
  const explicitTarget = [...roles.values()].some((r) => r === "target");
  for (const [c, r] of roles) if (r === "ambiguous") roles.set(c, explicitTarget ? "label" : "target");
  return { row, roles };
}

function colsWith(h: HeaderRow, role: Role): number[] {
  return [...h.roles]
    .filter(([, r]) => r === role)
    .map(([c]) => c)
    .sort((a, b) => a - b);
}

function looksLikeValueRow(sheet: SheetSnapshot, row: number, cols: number[]): boolean {
  return cols.some((c) => {
    const q = parseQuantity(sheet.values[row]?.[c] ?? null);
    return q.kind === "number" || q.kind === "error";
  });
}

/** Find every indicator table on a sheet, in any of the three layouts. */
export function detectIndicatorTables(sheet: SheetSnapshot): FoundTable[] {
  const tables: FoundTable[] = [];
  const headerRows: HeaderRow[] = [];
  for (let r = 0; r < sheet.values.length; r++) {
    const h = classifyRow(sheet, r);
    if (h) headerRows.push(h);
  }
  const headerSet = new Set(headerRows.map((h) => h.row));
  for (let i = 0; i < headerRows.length; i++) {
    const h = headerRows[i];
    const targets = colsWith(h, "target");
    const dones = colsWith(h, "done");
    if (targets.length >= 2) {
      const t = areaTable(sheet, h, targets, dones, headerSet);
      if (t) tables.push(t);
      continue;
    }
    const tCol = targets[0];
    const dCol = dones.find((c) => c > tCol) ?? dones[0];
    const pCol = colsWith(h, "percent").find((c) => c > Math.max(tCol, dCol)) ?? null;
    const labelCols = colsWith(h, "label");
    const first = Math.min(tCol, dCol);
    const labelHeaderCol = labelCols.find((c) => c < first);
    if (labelHeaderCol !== undefined) {
      tables.push(rowTable(sheet, h, labelHeaderCol, tCol, dCol, pCol, colsWith(h, "unit")[0] ?? null, headerSet));
      continue;
    }
    // No label header: either a block (the label sits in the header row itself, or is missing)
    // or a row table whose label column has no header.
    let labelCol = -1;
    for (let c = first - 1; c >= 0; c--) {
      if (textAt(sheet, h.row, c) && !h.roles.has(c)) {
        labelCol = c;
        break;
      }
    }
    const next = h.row + 1;
    if (labelCol < 0) labelCol = first > 0 ? first - 1 : -1;
    const nextHasLabel = labelCol >= 0 && textAt(sheet, next, labelCol) !== "" && parseQuantity(sheet.values[next]?.[labelCol] ?? null).kind === "text";
    const headerHasLabel = labelCol >= 0 && textAt(sheet, h.row, labelCol) !== "";
    if (!headerHasLabel && nextHasLabel && !headerSet.has(next)) {
      tables.push(rowTable(sheet, h, labelCol, tCol, dCol, pCol, colsWith(h, "unit")[0] ?? null, headerSet));
      continue;
    }
    if (!looksLikeValueRow(sheet, next, [tCol, dCol]) && isBlankRow(sheet, next)) continue;
    const label = headerHasLabel ? textAt(sheet, h.row, labelCol) : null;
    const newCol = pCol === null ? freeColumn(sheet, [h.row, next], Math.max(tCol, dCol) + 1) : -1;
    tables.push({
      sheet: sheet.name,
      layout: "block",
      headerRow: h.row,
      indicators: [
        {
          sheet: sheet.name,
          layout: "block",
          label,
          labelPos: labelCol >= 0 ? { row: h.row, col: labelCol } : null,
          area: null,
          unitPos: null,
          target: { row: next, col: tCol },
          completed: { row: next, col: dCol },
          percent: { row: next, col: pCol ?? newCol },
          percentAdded: pCol === null,
        },
      ],
      addPercentHeader: pCol === null ? { row: h.row, col: newCol } : undefined,
    });
  }
  return tables;
}

/** The first column at or right of `from` that is blank in every given row: where a new column can go. */
function freeColumn(sheet: SheetSnapshot, rows: number[], from: number): number {
  for (let c = from; ; c++) {
    if (
      rows.every((r) => {
        const v = sheet.values[r]?.[c];
        return v === null || v === undefined || v === "";
      })
    )
      return c;
  }
}

function dataRows(sheet: SheetSnapshot, from: number, headerSet: Set<number>): number[] {
  const rows: number[] = [];
  let blanks = 0;
  for (let r = from; r < sheet.values.length; r++) {
    if (headerSet.has(r)) break;
    if (isBlankRow(sheet, r)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    rows.push(r);
  }
  return rows;
}

function rowTable(
  sheet: SheetSnapshot,
  h: HeaderRow,
  labelCol: number,
  tCol: number,
  dCol: number,
  pCol: number | null,
  unitCol: number | null,
  headerSet: Set<number>,
): FoundTable {
  const lastCol = Math.max(...h.roles.keys(), labelCol);
  const rows = dataRows(sheet, h.row + 1, headerSet);
  const percentCol = pCol ?? freeColumn(sheet, [h.row, ...rows], lastCol + 1);
  const indicators: FoundIndicator[] = [];
  for (const r of rows) {
    const label = textAt(sheet, r, labelCol) || null;
    const hasValue = [tCol, dCol].some((c) => parseQuantity(sheet.values[r]?.[c] ?? null).kind !== "blank");
    if (!label && !hasValue) continue;
    // a title or note line inside the table (text in the label column only) is not an indicator
    if (!hasValue && label && label.length > 20) continue;
    indicators.push({
      sheet: sheet.name,
      layout: "row",
      label,
      labelPos: { row: r, col: labelCol },
      area: null,
      unitPos: unitCol !== null ? { row: r, col: unitCol } : null,
      target: { row: r, col: tCol },
      completed: { row: r, col: dCol },
      percent: { row: r, col: percentCol },
      percentAdded: pCol === null,
    });
  }
  return {
    sheet: sheet.name,
    layout: "row",
    headerRow: h.row,
    indicators,
    addPercentHeader: pCol === null ? { row: h.row, col: percentCol } : undefined,
  };
}

function areaTable(sheet: SheetSnapshot, h: HeaderRow, targets: number[], dones: number[], headerSet: Set<number>): FoundTable | null {
  const percents = colsWith(h, "percent");
  const groupRow = h.row - 1;
  const pairs: { t: number; d: number; p: number | null; group: string }[] = [];
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    const limit = targets[i + 1] ?? Number.MAX_SAFE_INTEGER;
    const d = dones.find((c) => c > t && c < limit) ?? dones.find((c) => c === t - 1);
    if (d === undefined) continue;
    const p = percents.find((c) => c > Math.max(t, d) && c < limit) ?? null;
    let group = "";
    if (groupRow >= 0) {
      for (let c = Math.min(t, d); c <= Math.max(t, d) && !group; c++) group = mergedText(sheet, groupRow, c);
      const prevEnd = pairs.length ? Math.max(pairs[pairs.length - 1].t, pairs[pairs.length - 1].d) : -1;
      for (let c = Math.min(t, d) - 1; c > prevEnd && !group; c--) group = textAt(sheet, groupRow, c);
    }
    pairs.push({ t, d, p, group: group || `第${pairs.length + 1}组` });
  }
  if (pairs.length < 2) return null;
  const totalIdx = pairs.findIndex((p) => TOTAL_RE.test(p.group));
  // one percent column after the last pair belongs to the total
  if (totalIdx >= 0 && pairs[totalIdx].p === null) {
    const last = Math.max(...pairs.map((p) => Math.max(p.t, p.d)));
    const after = percents.find((c) => c > last);
    if (after !== undefined) pairs[totalIdx].p = after;
  }
  const firstPairCol = Math.min(...pairs.map((p) => Math.min(p.t, p.d)));
  let labelCol = colsWith(h, "label").find((c) => c < firstPairCol);
  if (labelCol === undefined && groupRow >= 0) {
    for (let c = 0; c < firstPairCol; c++) {
      const txt = mergedText(sheet, groupRow, c);
      if (txt && headerRole(txt) && ["label", "ambiguous"].includes(headerRole(txt) as string)) labelCol = c;
    }
  }
  if (labelCol === undefined) labelCol = firstPairCol - 1;
  const indicators: FoundIndicator[] = [];
  let addPercentHeader: Pos | undefined;
  const rows = dataRows(sheet, h.row + 1, headerSet);
  const lastCol = freeColumn(sheet, [h.row, ...rows], Math.max(...pairs.map((p) => Math.max(p.t, p.d, p.p ?? -1))) + 1) - 1;
  for (const r of rows) {
    const label = labelCol >= 0 ? textAt(sheet, r, labelCol) || null : null;
    const hasValue = pairs.some((p) => parseQuantity(sheet.values[r]?.[p.t] ?? null).kind !== "blank");
    if (!hasValue) continue;
    const areaParts: { target: Pos; completed: Pos }[] = [];
    pairs.forEach((p, i) => {
      if (i === totalIdx) return;
      areaParts.push({
        target: { row: r, col: p.t },
        completed: { row: r, col: p.d },
      });
      indicators.push({
        sheet: sheet.name,
        layout: "area",
        label,
        labelPos: labelCol !== undefined && labelCol >= 0 ? { row: r, col: labelCol } : null,
        area: p.group,
        unitPos: null,
        target: { row: r, col: p.t },
        completed: { row: r, col: p.d },
        percent: p.p !== null ? { row: r, col: p.p } : null,
        percentAdded: false,
      });
    });
    if (totalIdx >= 0) {
      const tp = pairs[totalIdx];
      const percentCol = tp.p ?? lastCol + 1;
      if (tp.p === null) addPercentHeader = { row: h.row, col: percentCol };
      indicators.push({
        sheet: sheet.name,
        layout: "area",
        label,
        labelPos: labelCol !== undefined && labelCol >= 0 ? { row: r, col: labelCol } : null,
        area: "合计",
        unitPos: null,
        target: { row: r, col: tp.t },
        completed: { row: r, col: tp.d },
        percent: { row: r, col: percentCol },
        percentAdded: tp.p === null,
        parts: areaParts,
      });
    }
  }
  return {
    sheet: sheet.name,
    layout: "area",
    headerRow: h.row,
    indicators,
    addPercentHeader,
  };
}
