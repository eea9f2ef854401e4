import type { FoundIndicator, FoundTable, Pos } from "../indicators/detect";
import { parseQuantity } from "../quantity";
import { cellOf, headerCellOf, linesWith, type TableLine, type TableModel } from "../tables/model";
import { cellText } from "../text";
import type { ScoreTable } from "../scores/scoreSheet";
import type { PartyId, SheetSnapshot } from "../types";

/**
 * The indicator assessor (indicators/assess.ts) still takes the detector's FoundTable; this turns
 * a table model into one, so a saved layout is scored by exactly the code a detected table is.
 */

function blank(sheet: SheetSnapshot, p: Pos): boolean {
  return parseQuantity(sheet.values[p.row]?.[p.col] ?? null).kind === "blank";
}

/** The first line position past the table that is blank in the band and every record: where a new percent line goes. */
function freeLine(model: TableModel, sheet: SheetSnapshot, from: number): number {
  const ats = [model.band.last, ...model.records.map((r) => r.at)];
  for (let at = from; ; at++) {
    if (ats.every((r) => blank(sheet, cellOf(model, r, at)))) return at;
  }
}

export function foundTableOf(model: TableModel, sheet: SheetSnapshot): FoundTable {
  const label = linesWith(model, "label")[0] ?? null;
  const unit = linesWith(model, "unit")[0] ?? null;
  const groups = new Map<string | null, { target?: TableLine; completed?: TableLine; percent?: TableLine; total: boolean }>();
  for (const l of model.lines) {
    if (l.role !== "target" && l.role !== "completed" && l.role !== "percent") continue;
    const g = groups.get(l.area) ?? { total: false };
    g[l.role] = l;
    if (l.areaTotal) g.total = true;
    groups.set(l.area, g);
  }
  const pairs = [...groups.entries()].filter(([, g]) => g.target && g.completed) as [
    string | null,
    { target: TableLine; completed: TableLine; percent?: TableLine; total: boolean },
  ][];
  const lastLine = Math.max(...model.lines.map((l) => l.at));
  // an area table without a total group writes a percent per area only where it has a line;
  // a table with no percent line at all gets one, past its last line
  const needsNew = pairs.some(([, g]) => !g.percent) && (model.layout !== "area" || pairs.some(([, g]) => g.total && !g.percent));
  const newAt = needsNew ? freeLine(model, sheet, lastLine + 1) : -1;
  const totalGroup = pairs.find(([, g]) => g.total);

  const indicators: FoundIndicator[] = [];
  const items = model.records.filter((r) => r.role === "item");
  for (const rec of items) {
    const labelPos = label ? cellOf(model, rec.at, label.at) : null;
    let text = labelPos ? cellText(sheet.values[labelPos.row]?.[labelPos.col] ?? null) : "";
    let shownAt = labelPos;
    const figures = pairs.some(([, g]) => !blank(sheet, cellOf(model, rec.at, g.target.at)) || !blank(sheet, cellOf(model, rec.at, g.completed.at)));
    if (!figures && !text) continue;
    // a notes line inside the range (注：…) with no figures is no indicator
    if (!figures && text.length > 20) continue;
    // a one-record table whose name is the label line's header (the seed report's block layout)
    if (!text && items.length === 1 && label?.header) {
      text = label.header;
      shownAt = headerCellOf(model, label);
    }
    const parts: { target: Pos; completed: Pos }[] = [];
    for (const [area, g] of pairs) {
      const target = cellOf(model, rec.at, g.target.at);
      const completed = cellOf(model, rec.at, g.completed.at);
      const percentAt = g.percent?.at ?? (model.layout !== "area" || g.total ? newAt : null);
      if (!g.total) parts.push({ target, completed });
      if (g.total && totalGroup) continue;
      indicators.push({
        sheet: model.sheet,
        layout: model.layout,
        label: text || null,
        labelPos: shownAt,
        area,
        unitPos: unit ? cellOf(model, rec.at, unit.at) : null,
        target,
        completed,
        percent: percentAt === null ? null : cellOf(model, rec.at, percentAt),
        percentAdded: !g.percent && percentAt !== null,
      });
    }
    if (totalGroup) {
      const [area, g] = totalGroup;
      const percentAt = g.percent?.at ?? newAt;
      indicators.push({
        sheet: model.sheet,
        layout: model.layout,
        label: text || null,
        labelPos: shownAt,
        area,
        unitPos: unit ? cellOf(model, rec.at, unit.at) : null,
        target: cellOf(model, rec.at, g.target.at),
        completed: cellOf(model, rec.at, g.completed.at),
        percent: cellOf(model, rec.at, percentAt),
        percentAdded: !g.percent,
        parts,
      });
    }
  }
  const headerAt = model.band.last;
  return {
    sheet: model.sheet,
    layout: model.layout,
    headerRow: model.orientation === "down" ? headerAt : (model.records[0]?.at ?? headerAt),
    ...(newAt >= 0 ? { addPercentHeader: cellOf(model, headerAt, newAt) } : {}),
    indicators,
  };
}

/**
 * A score table model as the scorer's ScoreTable. 总分 / 等级 records give their value cells; when
 * the table has none they go in the first free record past the last one (a row below a table laid
 * down, a column right of a table laid across).
 */
export function scoreTableOf(model: TableModel, sheet: SheetSnapshot): ScoreTable | null {
  const label = linesWith(model, "label")[0];
  const score = linesWith(model, "score")[0];
  const weight = linesWith(model, "weight")[0] ?? null;
  if (!label || !score) return null;
  const parties = model.records
    .filter((r) => r.role === "party" && r.party)
    .map((r) => {
      const at = cellOf(model, r.at, label.at);
      return {
        party: r.party as PartyId,
        name: cellText(sheet.values[at.row]?.[at.col] ?? null) || (r.party as string),
        label: at,
        score: cellOf(model, r.at, score.at),
        weight: weight ? cellOf(model, r.at, weight.at) : null,
      };
    });
  if (parties.length < 2) return null;
  const valueOf = (role: "total" | "grade") => {
    const r = model.records.find((x) => x.role === role);
    return r ? cellOf(model, r.at, score.at) : null;
  };
  const free = (from: number) => {
    let at = from;
    while (!blank(sheet, cellOf(model, at, label.at)) || !blank(sheet, cellOf(model, at, score.at))) at++;
    return at;
  };
  const last = Math.max(...model.records.map((r) => r.at));
  const total = valueOf("total");
  const totalAt = free(last + 1);
  const gradeFrom = total ? (model.records.find((x) => x.role === "total")?.at ?? totalAt) : totalAt;
  const gradeAt = free(gradeFrom + 1);
  return {
    sheet: model.sheet,
    parties,
    anchor: parties[0].label,
    scoreAnchor: parties[0].score,
    weightAnchor: parties[0].weight,
    total,
    grade: valueOf("grade"),
    newTotal: { label: cellOf(model, totalAt, label.at), value: cellOf(model, totalAt, score.at) },
    newGrade: { label: cellOf(model, gradeAt, label.at), value: cellOf(model, gradeAt, score.at) },
  };
}
