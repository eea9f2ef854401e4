import type { TemplateDef, TemplateField } from "../types";
import { builtinFieldFor } from "./dictionary";
import { headerSimilarity } from "./similarity";
import { normaliseHeader } from "../text";

/**
 * Thresholds for character similarity (see similarity.ts). Measured on the dictionary's own
 * headers: related-but-different pairs (姓名/名称 0.33, 身份证号码/证件号码 0.5, 服务对象类别/服务类别
 * 0.67) stay below APPLY, while a header that differs by a qualifier (主要困难及需求/困难及需求 0.86,
 * 家庭情况/家庭情况说明 0.83) reaches it. Between CANDIDATE and APPLY a column is only proposed: a wrong
 * guess there would copy the wrong data into the template view, so it waits for the user.
 */
export const SIMILAR_APPLY = 0.8;
export const SIMILAR_CANDIDATE = 0.5;
/** similarity never outranks a curated synonym */
const SIMILAR_CAP = 0.9;
export const EXACT_CONFIDENCE = 1;
export const SYNONYM_CONFIDENCE = 0.95;

export type MatchMethod = "exact" | "synonym" | "similar" | "saved" | "manual";

/** One header cell of the source table. */
export interface HeaderCell {
  col: number;
  /** the row holding the header's text (0-based) */
  row: number;
  /** the header as people read it; two-row headers are "group/sub" */
  text: string;
  /** normalised forms to match on: the text, and for two-row headers the sub-header alone */
  keys: string[];
}

export interface FieldMatch {
  header: HeaderCell | null;
  method: MatchMethod | null;
  confidence: number;
  /** a weak match awaiting confirmation: not applied */
  candidate: HeaderCell | null;
}

/** A mapping someone gave us (manual review or a remembered one) that named a header we cannot find. */
export interface StaleEntry {
  field: string;
  header: string;
  source: "saved" | "manual";
}

interface DirectKey {
  field: number;
  confidence: number;
  method: "exact" | "synonym";
}

/** Every name a field answers to: its own, its synonyms, and those of the built-in field it stands for. */
export function fieldNames(field: TemplateField): string[] {
  const names = [field.name, ...(field.synonyms ?? [])];
  const builtin = builtinFieldFor(field.name);
  if (builtin) names.push(builtin.name, ...(builtin.synonyms ?? []));
  return names;
}

export function directLookup(template: TemplateDef): Map<string, DirectKey> {
  const map = new Map<string, DirectKey>();
  // exact names first so a field's own name always beats another field's synonym
  template.fields.forEach((f, i) => {
    const k = normaliseHeader(f.name);
    if (k && !map.has(k)) map.set(k, { field: i, confidence: EXACT_CONFIDENCE, method: "exact" });
  });
  template.fields.forEach((f, i) => {
    for (const n of fieldNames(f)) {
      const k = normaliseHeader(n);
      if (k && !map.has(k)) map.set(k, { field: i, confidence: SYNONYM_CONFIDENCE, method: "synonym" });
    }
  });
  return map;
}

/** Best exact/synonym match of one header cell, if any. */
export function directMatch(cell: HeaderCell, lookup: Map<string, DirectKey>): DirectKey | null {
  let best: DirectKey | null = null;
  for (const k of cell.keys) {
    const hit = lookup.get(k);
    if (hit && (!best || hit.confidence > best.confidence)) best = hit;
  }
  return best;
}

/** How many distinct template fields a candidate header row names exactly or by synonym. */
export function countDirectFields(cells: HeaderCell[], lookup: Map<string, DirectKey>): number {
  const seen = new Set<number>();
  for (const c of cells) {
    const m = directMatch(c, lookup);
    if (m) seen.add(m.field);
  }
  return seen.size;
}

function findHeader(cells: HeaderCell[], header: string, used: Set<number>): HeaderCell | null {
  const k = normaliseHeader(header);
  if (!k) return null;
  const free = cells.filter((c) => !used.has(c.col));
  return free.find((c) => normaliseHeader(c.text) === k) ?? free.find((c) => c.keys.includes(k)) ?? null;
}

export interface MatchInput {
  template: TemplateDef;
  cells: HeaderCell[];
  manual?: Record<string, string | null>;
  saved?: Record<string, string | null>;
}

export interface MatchResult {
  fields: FieldMatch[];
  stale: StaleEntry[];
}

/**
 * Assign source columns to template fields, never by position: given mappings first (manual,
 * then remembered), then exact and synonym matches, then similarity, each layer greedily by
 * confidence so each column serves at most one field.
 */
export function matchColumns(input: MatchInput): MatchResult {
  const { template, cells } = input;
  const n = template.fields.length;
  const fields: FieldMatch[] = Array.from({ length: n }, () => ({ header: null, method: null, confidence: 0, candidate: null }));
  const decided = new Set<number>();
  const used = new Set<number>();
  const stale: StaleEntry[] = [];
  const indexOf = new Map(template.fields.map((f, i) => [normaliseHeader(f.name), i]));

  const applyGiven = (given: Record<string, string | null> | undefined, method: "manual" | "saved") => {
    if (!given) return;
    for (const [fieldName, header] of Object.entries(given)) {
      const i = indexOf.get(normaliseHeader(fieldName));
      if (i === undefined || decided.has(i)) continue;
      if (header === null) {
        // an explicit "leave unmapped": nothing else may fill the field
        decided.add(i);
        fields[i] = { header: null, method, confidence: 1, candidate: null };
        continue;
      }
      const cell = findHeader(cells, header, used);
      if (!cell) {
        stale.push({ field: template.fields[i].name, header, source: method });
        continue;
      }
      decided.add(i);
      used.add(cell.col);
      fields[i] = { header: cell, method, confidence: 1, candidate: null };
    }
  };
  applyGiven(input.manual, "manual");
  applyGiven(input.saved, "saved");

  const lookup = directLookup(template);
  const direct: { field: number; cell: HeaderCell; confidence: number; method: "exact" | "synonym" }[] = [];
  for (const cell of cells) {
    if (used.has(cell.col)) continue;
    for (const k of cell.keys) {
      const hit = lookup.get(k);
      if (hit && !decided.has(hit.field)) direct.push({ field: hit.field, cell, confidence: hit.confidence, method: hit.method });
    }
  }
  direct.sort((a, b) => b.confidence - a.confidence || a.field - b.field || a.cell.col - b.cell.col);
  for (const d of direct) {
    if (decided.has(d.field) || used.has(d.cell.col)) continue;
    decided.add(d.field);
    used.add(d.cell.col);
    fields[d.field] = { header: d.cell, method: d.method, confidence: d.confidence, candidate: null };
  }

  const similar: { field: number; cell: HeaderCell; score: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (decided.has(i)) continue;
    const names = fieldNames(template.fields[i])
      .map(normaliseHeader)
      .filter((s) => s.length > 0);
    for (const cell of cells) {
      if (used.has(cell.col)) continue;
      let score = 0;
      for (const k of cell.keys) for (const nm of names) score = Math.max(score, headerSimilarity(k, nm));
      score = Math.min(SIMILAR_CAP, Math.round(score * 100) / 100);
      if (score >= SIMILAR_CANDIDATE) similar.push({ field: i, cell, score });
    }
  }
  similar.sort((a, b) => b.score - a.score || a.field - b.field || a.cell.col - b.cell.col);
  for (const s of similar) {
    if (decided.has(s.field) || used.has(s.cell.col)) continue;
    decided.add(s.field);
    // a proposed column is held for its field too, so it is neither offered twice nor called unmapped
    used.add(s.cell.col);
    fields[s.field] =
      s.score >= SIMILAR_APPLY
        ? { header: s.cell, method: "similar", confidence: s.score, candidate: null }
        : { header: null, method: null, confidence: s.score, candidate: s.cell };
  }
  return { fields, stale };
}
