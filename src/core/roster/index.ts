/**
 * The roster half of the core: find each 服务对象汇总表 in a workbook, map its columns to the
 * provincial template, plan a live template view, and check every row.
 *
 * Choices worth knowing:
 * - Matching is layered: manual > remembered > exact (1.0) > synonym (0.95) > character
 *   similarity (capped at 0.9). Similarity ≥ SIMILAR_APPLY (0.8) is applied and reported as
 *   low-confidence; SIMILAR_CANDIDATE (0.5) to 0.8 is only proposed: the template column stays
 *   empty and no column is added until someone confirms, because a wrong guess would silently
 *   copy the wrong data into the submitted table.
 * - A remembered mapping is keyed by the header signature; when the headers changed since, the
 *   one sharing most of its headers (at least 60 %) is used and the fields whose column is gone
 *   are reported as stale instead of applied.
 * - Only decisions a person made (manual, or remembered ones reapplied) are returned to remember.
 * - The age check needs an evaluation date; without one it is skipped so the core stays
 *   deterministic. See checks.ts for the ages accepted.
 */
import { columnLetters } from "../a1";
import { finding, type Lang } from "../findings";
import { maskText } from "../privacy/mask";
import type {
  CellRange,
  EvaluateOptions,
  Finding,
  MappingEntry,
  PlanOp,
  RestorationReport,
  SavedMapping,
  SheetSnapshot,
  TemplateDef,
  WorkbookSnapshot,
} from "../types";
import { ELDERLY_AGE } from "./categories";
import { checkRows } from "./checks";
import { checkFollowUps, DEFAULT_FOLLOW_UP_INTERVALS, FOLLOW_UP_HEADER, followUpColumn } from "./followup";
import { lastDataRow, locateHeader, rowIsBlank, sheetWidth, type HeaderLayout } from "./headers";
import { directLookup, matchColumns, type FieldMatch, type HeaderCell } from "./match";
import { buildView, VIEW_TITLE_ROW, type ViewColumn } from "./restore";
import { chooseSheetName, cleanSheetName } from "./sheet-name";
import { BUILTIN_TEMPLATE, headerSignature, signatureHeaders } from "./template";
import { builtinRole } from "./dictionary";
import { displayHeader, normaliseHeader } from "../text";

export { BUILTIN_TEMPLATE, captureTemplate, headerSignature, validateTemplate } from "./template";
export { SIMILAR_APPLY, SIMILAR_CANDIDATE } from "./match";

/** A sheet is taken as a roster when its header row names at least this many template fields. */
export const MIN_FIELDS_FOR_ROSTER = 5;
/** A remembered mapping for different headers is still used when this share of its headers is present. */
const SAVED_OVERLAP = 0.6;

export interface RosterResult {
  restorations: RestorationReport[];
  findings: Finding[];
  plan: PlanOp[];
  mappingsToRemember: SavedMapping[];
}

export interface RosterContext {
  asOf: string | null;
  lang: Lang;
  /** sheets another analyser (indicators, scores) already took */
  claimedSheets: Set<string>;
  /** the evaluation window and contract year: the year of a date written 8月3日 comes from them */
  window?: { start: string; end: string } | null;
  contract?: { start: string; end: string } | null;
}

function rowTexts(sheet: SheetSnapshot, r: number): string[] {
  return (sheet.values[r] ?? []).map((v) => displayHeader(v)).filter((t) => t.length > 0);
}

/**
 * Our own template view from an earlier run: the template title on top, the template header under
 * it, and either a name this tool gives its views or our live formulas in the first data row.
 * A station whose working sheet already is the official layout (typed values, its own name) is
 * still a roster to check.
 */
export function isTemplateView(sheet: SheetSnapshot, template: TemplateDef): boolean {
  const title = normaliseHeader(template.title ?? template.name);
  const names = template.fields.map((f) => normaliseHeader(f.name));
  for (let r = 0; r < 3; r++) {
    const header = rowTexts(sheet, r + 1).map(normaliseHeader);
    // the 最近跟进日期 column this tool adds after the template's own
    if (header.length === names.length + 1 && header[header.length - 1] === normaliseHeader(FOLLOW_UP_HEADER)) header.pop();
    const above = rowTexts(sheet, r).map(normaliseHeader);
    if (above[0] !== title || header.length !== names.length || !header.every((h, i) => h === names[i])) continue;
    return isViewName(sheet.name, template) || hasViewFormulas(sheet, r + 2);
  }
  return false;
}

function isViewName(name: string, template: TemplateDef): boolean {
  const base = cleanSheetName(template.name).toLowerCase();
  const lower = name.toLowerCase();
  if (lower === base) return true;
  const m = /^(.*)\(\d+\)$/.exec(lower);
  return m !== null && base.startsWith(m[1]) && m[1].length > 0;
}

function hasViewFormulas(sheet: SheetSnapshot, row: number): boolean {
  const formulas = sheet.formulas?.[row] ?? [];
  return formulas.some((f) => typeof f === "string" && /^=IF\('.+'!\$?[A-Z]+\$?\d+="",""/i.test(f));
}

/**
 * The remembered mapping for this template and header row: the one with the same signature, or
 * failing that the one whose headers are mostly still here (a column was renamed or removed since),
 * so that what changed can be reported instead of the whole mapping being silently dropped.
 */
function pickSaved(saved: SavedMapping[] | undefined, templateId: string, signature: string): SavedMapping | null {
  const mine = (saved ?? []).filter((s) => s.template === templateId);
  const exact = mine.find((s) => s.signature === signature);
  if (exact) return exact;
  const present = new Set(signatureHeaders(signature));
  let best: SavedMapping | null = null;
  let bestShare = 0;
  for (const s of mine) {
    const hs = signatureHeaders(s.signature);
    if (!hs.length) continue;
    const share = hs.filter((h) => present.has(h)).length / hs.length;
    if (share >= SAVED_OVERLAP && share > bestShare) {
      best = s;
      bestShare = share;
    }
  }
  return best;
}

function confidenceText(c: number): string {
  return c.toFixed(2);
}

interface RosterFound {
  sheet: SheetSnapshot;
  layout: HeaderLayout;
}

/** Visible, unclaimed sheets whose header names enough template fields, excluding our own views. */
export function findRosters(snapshot: WorkbookSnapshot, template: TemplateDef, claimed: Set<string>): RosterFound[] {
  const lookup = directLookup(template);
  const found: RosterFound[] = [];
  for (const sheet of snapshot.sheets) {
    if (sheet.hidden || claimed.has(sheet.name) || isTemplateView(sheet, template)) continue;
    const layout = locateHeader(sheet, lookup);
    if (layout && layout.score >= MIN_FIELDS_FOR_ROSTER) found.push({ sheet, layout });
  }
  return found;
}

/**
 * Find each roster, map its columns to the template, plan the live template view (adding the
 * template columns the working sheet lacks), and check every row.
 */
export function analyseRosters(snapshot: WorkbookSnapshot, options: EvaluateOptions, ctx: RosterContext): RosterResult {
  const template = options.template ?? BUILTIN_TEMPLATE;
  const lang = ctx.lang;
  const result: RosterResult = { restorations: [], findings: [], plan: [], mappingsToRemember: [] };
  const existing = snapshot.sheets.map((s) => s.name);
  const byName = new Map(snapshot.sheets.map((s) => [s.name, s]));
  const taken = new Set<string>();
  const restore = options.restore !== false;
  const live = options.liveFormulas !== false;
  const addMissing = options.addMissingColumns !== false;

  for (const { sheet, layout } of findRosters(snapshot, template, ctx.claimedSheets)) {
    const findings: Finding[] = [];
    const plan: PlanOp[] = [];
    const cells = layout.cells;
    const signature = headerSignature(cells.map((c) => c.text));
    const saved = pickSaved(options.savedMappings, template.id, signature);
    const matched = matchColumns({ template, cells, manual: options.manualMapping, saved: saved?.fields });
    const headerCol = cells.length ? cells[0].col : 0;
    for (const s of matched.stale) {
      findings.push(finding("stale-saved-mapping", sheet.name, layout.last, headerCol, { field: s.field, header: maskText(s.header) }, lang));
    }

    // the table's rows: to the last non-empty row, blank rows inside skipped and reported
    const width = Math.max(sheetWidth(sheet, layout.top, sheet.values.length - 1), ...cells.map((c) => c.col + 1));
    const end = lastDataRow(sheet, layout, width);
    const rows: number[] = [];
    const blankFindings: Finding[] = [];
    for (let r = layout.last + 1; r <= end; r++) {
      if (rowIsBlank(sheet, r)) blankFindings.push(finding("blank-row", sheet.name, r, 0, { row: r + 1 }, lang));
      else rows.push(r);
    }

    // template fields the sheet lacks get a home at the right end of its header row
    let nextCol = width;
    const addedAt = new Map<number, number>();
    const missingFields: string[] = [];
    template.fields.forEach((f, i) => {
      const m = matched.fields[i];
      if (f.generated || m.header || m.candidate) return;
      missingFields.push(f.name);
      // a field someone settled as "no column" stays without one
      const settledEmpty = m.method === "manual" || m.method === "saved";
      if (addMissing && restore && !settledEmpty) addedAt.set(i, nextCol++);
    });

    const outputSheet = restore
      ? chooseSheetName(template.name, existing, taken, (name) => {
          const s = byName.get(name);
          return s !== undefined && isTemplateView(s, template);
        })
      : "";
    if (outputSheet) taken.add(outputSheet.toLowerCase());

    const mapping: MappingEntry[] = template.fields.map((f, i) => mappingEntry(f.name, matched.fields[i], addedAt.get(i)));
    const used = new Set<number>();
    for (const m of matched.fields) {
      if (m.header) used.add(m.header.col);
      if (m.candidate) used.add(m.candidate.col);
    }
    const unmapped = cells.filter((c) => !used.has(c.col));

    // findings about the mapping, on the header cells they concern
    matched.fields.forEach((m, i) => {
      const field = template.fields[i].name;
      if (m.method === "similar" && m.header) {
        findings.push(lowConfidence(sheet.name, m.header, field, m.confidence, lang));
      } else if (m.candidate) {
        findings.push(lowConfidence(sheet.name, m.candidate, field, m.confidence, lang));
      }
    });
    for (const [i, col] of addedAt) {
      findings.push(finding("missing-template-column", sheet.name, layout.last, col, { field: template.fields[i].name }, lang));
    }
    for (const name of missingFields) {
      const i = template.fields.findIndex((f) => f.name === name);
      if (!addedAt.has(i)) findings.push(finding("missing-template-field", sheet.name, layout.last, headerCol, { field: name }, lang));
    }
    for (const c of unmapped) {
      findings.push(finding("unmapped-column", sheet.name, c.row, c.col, { header: maskText(c.text) }, lang));
    }
    findings.push(...blankFindings);

    if (restore) {
      if (outputSheet !== template.name) {
        findings.push(finding("sheet-name-adjusted", outputSheet, VIEW_TITLE_ROW, 0, { name: maskText(outputSheet) }, lang));
      }
      if (addedAt.size) {
        const cols = [...addedAt.entries()].sort((a, b) => a[1] - b[1]);
        plan.push({
          kind: "cells",
          sheet: sheet.name,
          row: layout.last,
          col: cols[0][1],
          cells: [cols.map(([i]) => ({ value: template.fields[i].name }))],
          purpose: "missing-column",
        });
        const ranges: CellRange[] = cols.map(([, c]) => ({ r1: layout.last, c1: c, r2: layout.last, c2: c }));
        plan.push({ kind: "fill", sheet: sheet.name, ranges, role: "header-missing" });
      }
      const columns: ViewColumn[] = template.fields.map((field, i) => {
        const m = matched.fields[i];
        const added = addedAt.get(i);
        return {
          field,
          source: m.header ? m.header.col : (added ?? null),
          highlight: added !== undefined ? "header-missing" : m.candidate ? "warning" : null,
        };
      });
      plan.push(...buildView({ sheet, outputSheet, template, columns, rows, liveFormulas: live }));
    }

    const columnOf = template.fields.map((_, i) => matched.fields[i].header?.col ?? null);
    const checked = checkRows({
      sheet,
      template,
      columns: columnOf,
      rows,
      asOf: ctx.asOf,
      lang,
      elderlyAge: options.elderlyAge ?? ELDERLY_AGE,
      childAge: options.childAge ?? null,
    });
    findings.push(...checked.findings);

    // follow-up recency from the 跟进记录, and its date column in the view
    const roleIndex = (role: string) => template.fields.findIndex((f) => builtinRole(f) === role);
    const recordIndex = roleIndex("跟进记录（电访/探访）");
    const levelIndex = roleIndex("跟进级别");
    // a 跟进记录 column added this run is the same column on the next: read it either way, so a
    // re-run finds what this run found (idempotence)
    const recordCol = recordIndex < 0 ? null : (columnOf[recordIndex] ?? addedAt.get(recordIndex) ?? null);
    const follow =
      recordCol === null
        ? null
        : checkFollowUps({
            sheet,
            rows,
            recordCol,
            headerRow: layout.last,
            levelCol: levelIndex < 0 ? null : columnOf[levelIndex],
            elderlyRows: checked.elderlyRows,
            intervals: options.followUpIntervals ?? { ...DEFAULT_FOLLOW_UP_INTERVALS },
            asOf: ctx.asOf,
            base: ctx.window ?? ctx.contract ?? null,
            lang,
          });
    if (follow) findings.push(...follow.findings);
    if (restore && recordIndex >= 0) {
      plan.push(
        ...followUpColumn({
          sheet,
          outputSheet,
          col: template.fields.length,
          rows: recordCol === null ? [] : rows,
          recordCol: recordCol ?? 0,
          latest: follow?.latest ?? new Map(),
          liveFormulas: live,
          lang,
        }),
      );
    }

    const remember = rememberable(template, matched.fields, signature);
    if (remember) result.mappingsToRemember.push(remember);

    result.restorations.push({
      sourceSheet: sheet.name,
      outputSheet,
      template: template.id,
      headerRow: layout.last + 1,
      mapping,
      missingFields,
      unmappedHeaders: unmapped.map((c) => maskText(c.text)),
      rows: rows.length,
    });
    result.findings.push(...findings);
    result.plan.push(...plan);
  }
  return result;
}

function lowConfidence(sheet: string, cell: HeaderCell, field: string, confidence: number, lang: Lang): Finding {
  return finding("low-confidence-mapping", sheet, cell.row, cell.col, { field, header: maskText(cell.text), confidence: confidenceText(confidence) }, lang);
}

function mappingEntry(field: string, m: FieldMatch, added: number | undefined): MappingEntry {
  if (m.header) {
    return { field, header: maskText(m.header.text), column: columnLetters(m.header.col), method: m.method, confidence: m.confidence };
  }
  if (added !== undefined) return { field, header: field, column: columnLetters(added), method: null, confidence: 0 };
  const entry: MappingEntry = { field, header: null, column: null, method: m.method, confidence: m.candidate ? m.confidence : m.method ? 1 : 0 };
  if (m.candidate) entry.candidate = maskText(m.candidate.text);
  return entry;
}

/**
 * What to remember after a run: the fields a person settled (in the mapping review, or in an
 * earlier run whose choice was reapplied), under the current header signature. Exact and synonym
 * matches are found again every run and weak similarity matches are not settled, so neither is
 * stored: a remembered mapping holds only human decisions.
 */
function rememberable(template: TemplateDef, fields: FieldMatch[], signature: string): SavedMapping | null {
  const out: Record<string, string | null> = {};
  let settled = false;
  template.fields.forEach((f, i) => {
    const m = fields[i];
    if (m.method !== "manual" && m.method !== "saved") return;
    out[f.name] = m.header ? m.header.text : null;
    settled = true;
  });
  return settled ? { template: template.id, signature, fields: out } : null;
}
