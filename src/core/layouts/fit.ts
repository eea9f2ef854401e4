import { a1 } from "../a1";
import { finding, type Lang } from "../findings";
import { parseQuantity } from "../quantity";
import { partyOf } from "../scores/scoreSheet";
import { cellOf, type TableLine, type TableModel, type TableRecord } from "../tables/model";
import { addedPercentLine, groupKindOf, percentsWanted } from "../tables/groups";
import { matchRole, TOTAL_WORDS } from "../tables/vocabulary";
import { cellText, normaliseLabel } from "../text";
import type { CellRange, Finding, SheetSnapshot, WorkbookSnapshot } from "../types";
import { layoutRange, type SavedLayout } from "./savedLayout";

/**
 * A saved layout against the workbook of the moment: does it still fit, and if so, which table
 * does it describe? It fits a sheet when every line that had a header text still shows that text
 * (compared in normal form) at the same position. The sheet it was made on is tried first; a
 * layout handed over from elsewhere also fits a sheet of another name with the same headers.
 */

function textAt(sheet: SheetSnapshot, row: number, col: number): string {
  return cellText(sheet.values[row]?.[col] ?? null);
}

/** The text a cell shows, following a merge to its top-left cell. */
function shownText(sheet: SheetSnapshot, row: number, col: number): string {
  const direct = textAt(sheet, row, col);
  if (direct) return direct;
  const m = (sheet.merges ?? []).find((g: CellRange) => row >= g.r1 && row <= g.r2 && col >= g.c1 && col <= g.c2);
  return m && (m.r1 !== row || m.c1 !== col) ? textAt(sheet, m.r1, m.c1) : "";
}

export interface BandPosition {
  orientation: "down" | "across";
  /** the band's first row (down) or column (across) */
  first: number;
  /** how many band lines */
  depth: number;
}

/**
 * A line's composed header: the band's texts over (or left of) it, outermost first, following
 * merges, a text merged down through the band counted once, joined with "/".
 */
export function composedHeader(sheet: SheetSnapshot, band: BandPosition, at: number): string {
  const parts: string[] = [];
  for (let i = 0; i < band.depth; i++) {
    const b = band.first + i;
    const t = band.orientation === "down" ? shownText(sheet, b, at) : shownText(sheet, at, b);
    if (t && parts[parts.length - 1] !== t) parts.push(t.replace(/\s+/g, " ").trim());
  }
  return parts.join("/");
}

/** Header texts compare in normal form: full-width, spaces and list numbering do not matter. */
function sameHeader(a: string, b: string): boolean {
  return normaliseLabel(a) === normaliseLabel(b);
}

export type Fit = { ok: true; model: TableModel } | { ok: false; sheet: string; row: number; col: number; header: string; found: string };

/** The first header of the layout that the sheet no longer shows, or null when all still do. */
function mismatch(layout: SavedLayout, sheet: SheetSnapshot): { row: number; col: number; header: string; found: string } | null {
  const range = layoutRange(layout);
  const down = layout.orientation === "down";
  const band: BandPosition = { orientation: layout.orientation, first: down ? range.r1 : range.c1, depth: layout.band };
  for (const line of layout.lines) {
    if (line.role === "ignore" || !line.header.trim()) continue;
    const at = (down ? range.c1 : range.r1) + line.offset;
    const found = composedHeader(sheet, band, at);
    if (!sameHeader(found, line.header)) {
      const row = down ? range.r1 + layout.band - 1 : at;
      const col = down ? at : range.c1 + layout.band - 1;
      return { row, col, header: line.header, found };
    }
  }
  return null;
}

/** Does record `at` hold anything in the lines that carry figures? */
function holdsFigures(sheet: SheetSnapshot, layout: SavedLayout, at: number, lineAts: number[]): boolean {
  return lineAts.some((l) => {
    const p = cellOf(layout, at, l);
    return parseQuantity(sheet.values[p.row]?.[p.col] ?? null).kind !== "blank";
  });
}

/** The table the layout describes on a sheet it fits. */
export function layoutToModel(layout: SavedLayout, sheet: SheetSnapshot): TableModel {
  const range = layoutRange(layout);
  const down = layout.orientation === "down";
  const lineStart = down ? range.c1 : range.r1;
  const bandFirst = down ? range.r1 : range.c1;
  const recordFirst = bandFirst + layout.band;
  const recordLast = down ? range.r2 : range.c2;
  const bandPos: BandPosition = { orientation: layout.orientation, first: bandFirst, depth: layout.band };

  const lines: TableLine[] = [];
  for (const saved of layout.lines) {
    if (saved.role === "ignore") continue;
    const at = lineStart + saved.offset;
    const header = composedHeader(sheet, bandPos, at);
    const m = header ? matchRole(header.split("/").pop() ?? "") : null;
    lines.push({
      at,
      role: saved.role,
      header,
      headerAt: bandFirst + layout.band - 1,
      unit: m?.unit ?? null,
      percentPoints: m?.percentPoints ?? false,
      area: saved.area ?? null,
      ...(saved.areaTotal || (saved.area && TOTAL_WORDS.test(normaliseLabel(saved.area))) ? { areaTotal: true } : {}),
    });
  }

  let last = recordLast;
  if (layout.kind === "indicators" && layout.grow !== false) {
    // a station that adds indicators below the table: keep going while records hold figures
    const figureLines = lines.filter((l) => l.role === "target" || l.role === "completed").map((l) => l.at);
    const limit = down ? sheet.values.length : Math.max(0, ...sheet.values.map((r) => r.length));
    while (last + 1 < limit && holdsFigures(sheet, layout, last + 1, figureLines)) last++;
  }

  const records: TableRecord[] = [];
  if (layout.kind === "scores") {
    const labelLine = lines.find((l) => l.role === "label");
    for (let at = recordFirst; at <= last; at++) {
      const saved = layout.records?.find((r) => r.offset === at - recordFirst);
      if (layout.records && !saved) continue;
      if (saved) {
        if (saved.role === "party") records.push({ at, role: "party", party: saved.party });
        else if (saved.role !== "ignore") records.push({ at, role: saved.role });
        continue;
      }
      // no records saved: read them from the party names, as the detector would
      const p = labelLine ? cellOf(layout, at, labelLine.at) : null;
      const label = p ? textAt(sheet, p.row, p.col) : "";
      const party = label ? partyOf(label) : null;
      const role = label ? matchRole(label)?.role : undefined;
      if (party && !records.some((r) => r.party === party)) records.push({ at, role: "party", party });
      else if (role === "total" || role === "grade") records.push({ at, role });
    }
  } else {
    const label = lines.find((l) => l.role === "label");
    const figureLines = lines.filter((l) => l.role === "target" || l.role === "completed").map((l) => l.at);
    for (let at = recordFirst; at <= last; at++) {
      const p = label ? cellOf(layout, at, label.at) : null;
      const name = p ? textAt(sheet, p.row, p.col) : "";
      const figures = holdsFigures(sheet, layout, at, figureLines);
      // a blank record, or a note inside the range (注：…) with no figures, is no indicator
      if (!figures && (!name || name.length > 20)) continue;
      records.push({ at, role: "item" });
    }
  }

  const band = { first: bandFirst, last: bandFirst + layout.band - 1 };
  const hasArea = lines.some((l) => l.area);
  // groups named as periods (中期 / 年度) are each their own indicator, as the detector reads them
  if (hasArea) {
    const kind = groupKindOf(lines.filter((l) => l.role === "target").map((l) => l.area));
    for (const l of lines) if (l.area && (l.role === "target" || l.role === "completed" || l.role === "percent")) l.groupKind = kind;
  }
  const labelLine = lines.find((l) => l.role === "label");
  const labelBlank = (rec: number) => {
    const p = labelLine ? cellOf(layout, rec, labelLine.at) : null;
    return !p || !textAt(sheet, p.row, p.col);
  };
  // one record whose name is the label line's header (the seed report's appendix blocks)
  const block = layout.kind === "indicators" && !hasArea && records.length === 1 && !!labelLine?.header && labelBlank(records[0].at);
  const model: TableModel = {
    kind: layout.kind,
    sheet: sheet.name,
    orientation: layout.orientation,
    layout: hasArea ? "area" : block ? "block" : "row",
    band,
    lines,
    records,
    origin: "saved",
  };
  if (layout.kind === "indicators") addPercentLine(model, sheet);
  return model;
}

/**
 * The percent lines the table lacks (tables/groups.ts: the only pair's, the total's, every
 * period's) go in the first lines past the table that are blank in the band and every record,
 * as the detector adds them.
 */
function addPercentLine(model: TableModel, sheet: SheetSnapshot): void {
  const ats = [...Array.from({ length: model.band.last - model.band.first + 1 }, (_, i) => model.band.first + i), ...model.records.map((r) => r.at)];
  const blank = (at: number) =>
    ats.every((r) => {
      const p = cellOf(model, r, at);
      return parseQuantity(sheet.values[p.row]?.[p.col] ?? null).kind === "blank";
    });
  const kind = model.layout === "area" ? (model.lines.find((l) => l.groupKind)?.groupKind ?? "area") : undefined;
  let at = Math.max(...model.lines.map((l) => l.at)) + 1;
  for (const want of percentsWanted(model)) {
    while (!blank(at)) at++;
    model.lines.push(addedPercentLine(at, model.band.last, want, kind));
    at++;
  }
}

/** Where the layout fits in the workbook: its own sheet first, then any other visible sheet. */
export function fitLayout(layout: SavedLayout, snapshot: WorkbookSnapshot): Fit {
  const own = snapshot.sheets.find((s) => s.name === layout.sheet);
  const ownMiss = own ? mismatch(layout, own) : null;
  if (own && !ownMiss) return { ok: true, model: layoutToModel(layout, own) };
  for (const sheet of snapshot.sheets) {
    if (sheet === own || sheet.hidden) continue;
    if (!mismatch(layout, sheet)) return { ok: true, model: layoutToModel(layout, sheet) };
  }
  if (own && ownMiss) return { ok: false, sheet: own.name, ...ownMiss };
  const first = snapshot.sheets.find((s) => !s.hidden) ?? snapshot.sheets[0];
  return { ok: false, sheet: first?.name ?? layout.sheet, row: 0, col: 0, header: layout.lines.find((l) => l.header)?.header ?? "", found: "" };
}

export interface FittedLayouts {
  models: TableModel[];
  findings: Finding[];
  /** for the pane: which layout was used where, or why not */
  uses: { name: string; sheet: string; range: string; used: boolean }[];
}

/** Every saved layout against the workbook: the tables of those that fit, a finding for the others. */
export function fitLayouts(layouts: readonly SavedLayout[], snapshot: WorkbookSnapshot, lang: Lang): FittedLayouts {
  const out: FittedLayouts = { models: [], findings: [], uses: [] };
  const taken: { sheet: string; range: CellRange }[] = [];
  for (const layout of layouts) {
    const fit = fitLayout(layout, snapshot);
    if (fit.ok) {
      const range = layoutRange(layout);
      // two layouts over the same cells: the later one (the newest taught) wins
      const clash = taken.findIndex((t) => t.sheet === fit.model.sheet && overlaps(t.range, range));
      if (clash >= 0) {
        out.models.splice(clash, 1);
        taken.splice(clash, 1);
      }
      out.models.push(fit.model);
      taken.push({ sheet: fit.model.sheet, range });
      out.uses.push({ name: layout.name, sheet: fit.model.sheet, range: layout.range, used: true });
      continue;
    }
    const missingSheet = !snapshot.sheets.some((s) => s.name === layout.sheet);
    const reason = missingSheet
      ? lang === "en"
        ? `the sheet “${layout.sheet}” is gone and no other sheet has its headers`
        : `工作表“${layout.sheet}”已不存在，其他工作表也没有相同的表头`
      : lang === "en"
        ? `${a1(fit.row, fit.col)} now reads “${fit.found || "(blank)"}” instead of “${fit.header}”`
        : `${a1(fit.row, fit.col)} 现为“${fit.found || "（空白）"}”，不再是“${fit.header}”`;
    out.findings.push(finding("stale-saved-layout", fit.sheet, fit.row, fit.col, { name: layout.name, reason }, lang));
    out.uses.push({ name: layout.name, sheet: layout.sheet, range: layout.range, used: false });
  }
  return out;
}

export function overlaps(a: CellRange, b: CellRange): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

/** The cells a model covers, header band included. */
export function modelExtent(model: TableModel): CellRange {
  const lineAts = model.lines.map((l) => l.at);
  const recordAts = model.records.map((r) => r.at);
  const lo = Math.min(model.band.first, ...recordAts);
  const hi = Math.max(model.band.last, ...recordAts);
  const l1 = Math.min(...lineAts);
  const l2 = Math.max(...lineAts);
  return model.orientation === "down" ? { r1: lo, r2: hi, c1: l1, c2: l2 } : { r1: l1, r2: l2, c1: lo, c2: hi };
}
