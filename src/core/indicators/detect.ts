import { detectTables } from "../tables/detect";
import { cellOf, headerCellOf, type Pos, type TableLine, type TableModel } from "../tables/model";
import { cellText } from "../text";
import type { SheetSnapshot } from "../types";

export type { Pos };

/**
 * One indicator's cells, read off a table model: what assess.ts checks and writes. Positions are
 * 0-based sheet coordinates.
 */
export interface FoundIndicator {
  sheet: string;
  layout: "row" | "block" | "area";
  label: string | null;
  /** the cell that holds (or should hold) the label */
  labelPos: Pos | null;
  area: string | null;
  unitPos: Pos | null;
  /** the unit the target's (or completed's) header names: 年度指标（个） */
  headerUnit?: string | null;
  target: Pos;
  completed: Pos;
  /** an existing percent cell, or where a new one goes */
  percent: Pos | null;
  /** true when the percent line was added by us (no header existed) */
  percentAdded: boolean;
  /** the percent header says % or （%）: a bare number there is in percentage points */
  percentPoints?: boolean;
  /** for a 合计 entry: the area pairs that should add up to it */
  parts?: { target: Pos; completed: Pos }[];
  /** in a table of periods (中期 / 年度): this pair's period; each pair is its own indicator */
  period?: string | null;
  /**
   * a total the table does not hold (areas without a 合计 pair): target and completed are the
   * sums of these cells; `target` / `completed` then point at the first area's, for findings
   */
  sums?: { target: Pos[]; completed: Pos[] };
}

export interface FoundTable {
  sheet: string;
  layout: FoundIndicator["layout"];
  /** first row of the header band (laid down) */
  headerRow: number;
  /** header cells to write over percent lines the tool adds, with the group each is for */
  addedHeaders: { at: Pos; group: string | null }[];
  indicators: FoundIndicator[];
  model: TableModel;
}

function labelText(sheet: SheetSnapshot, p: Pos): string {
  const direct = cellText(sheet.values[p.row]?.[p.col] ?? null);
  if (direct) return direct.replace(/\s*[\r\n]+\s*/g, "");
  return "";
}

/** The indicators a table model describes, one per record (per area pair in an area table). */
export function indicatorsOf(model: TableModel, sheet: SheetSnapshot): FoundTable {
  const label = model.lines.find((l) => l.role === "label") ?? null;
  const unit = model.lines.find((l) => l.role === "unit") ?? null;
  const targets = model.lines.filter((l) => l.role === "target");
  const at = (rec: number, line: TableLine) => cellOf(model, rec, line.at);
  // the total pair comes last in each record, after the areas it adds up
  const ordered = [...targets.filter((t) => !t.areaTotal), ...targets.filter((t) => t.areaTotal)];
  const pairs = ordered.map((t) => {
    const d = model.lines.find((l) => l.role === "completed" && l.area === t.area && l.at !== t.at) as TableLine;
    const p = model.lines.find((l) => l.role === "percent" && l.area === t.area) ?? null;
    return { t, d, p };
  });
  // an area table without a 合计 pair: its total's percent line, computed from the areas
  const computed = model.layout === "area" && !targets.some((t) => t.areaTotal) ? model.lines.find((l) => l.role === "percent" && l.areaTotal) : undefined;
  const indicators: FoundIndicator[] = [];
  for (const rec of model.records) {
    if (rec.role !== "item") continue;
    let labelPos: Pos | null = null;
    let name: string | null = null;
    if (label) {
      labelPos = model.layout === "block" ? headerCellOf(model, label) : at(rec.at, label);
      // a label header over several columns: the name is in the rightmost that holds text
      for (const j of [label.at, ...(label.alsoAt ?? [])].sort((a, b) => b - a)) {
        const p = cellOf(model, rec.at, j);
        if (model.layout !== "block" && labelText(sheet, p)) {
          labelPos = p;
          break;
        }
      }
      name = labelText(sheet, labelPos) || null;
    }
    const parts: { target: Pos; completed: Pos }[] = [];
    let headerUnit: string | null = null;
    for (const { t, d, p } of pairs) {
      if (!d) continue;
      const period = model.layout === "area" && t.groupKind === "period";
      const ind: FoundIndicator = {
        sheet: model.sheet,
        layout: model.layout,
        label: name,
        labelPos,
        area: model.layout === "area" && !period ? (t.areaTotal ? "合计" : t.area) : null,
        period: period ? t.area : null,
        unitPos: unit ? at(rec.at, unit) : null,
        headerUnit: t.unit ?? d.unit ?? null,
        target: at(rec.at, t),
        completed: at(rec.at, d),
        percent: p ? at(rec.at, p) : null,
        percentAdded: !!p?.added,
        percentPoints: !!p?.percentPoints,
      };
      headerUnit = headerUnit ?? ind.headerUnit ?? null;
      if (model.layout === "area" && !period && !t.areaTotal) parts.push({ target: ind.target, completed: ind.completed });
      if (model.layout === "area" && t.areaTotal) ind.parts = parts;
      indicators.push(ind);
    }
    if (computed && parts.length >= 2) {
      indicators.push({
        sheet: model.sheet,
        layout: model.layout,
        label: name,
        labelPos,
        area: "合计",
        period: null,
        unitPos: unit ? at(rec.at, unit) : null,
        headerUnit,
        target: parts[0].target,
        completed: parts[0].completed,
        percent: at(rec.at, computed),
        percentAdded: !!computed.added,
        percentPoints: computed.percentPoints,
        sums: { target: parts.map((x) => x.target), completed: parts.map((x) => x.completed) },
      });
    }
  }
  return {
    sheet: model.sheet,
    layout: model.layout,
    headerRow: model.band.first,
    addedHeaders: model.lines.filter((l) => l.added && l.role === "percent").map((l) => ({ at: headerCellOf(model, l), group: l.area })),
    indicators,
    model,
  };
}

/** Find every indicator table on a sheet, in any layout and either orientation. */
export function detectIndicatorTables(sheet: SheetSnapshot): FoundTable[] {
  return detectTables(sheet)
    .filter((m) => m.kind === "indicators")
    .map((m) => indicatorsOf(m, sheet));
}
