import type { EvaluateOptions, GradeBand, PartyId, PartyWeights, SavedMapping, TemplateDef } from "../core/types";
import { isIsoDate } from "../core/dates";
import { validateLayout, type SavedLayout } from "../core/layouts/savedLayout";
import { DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS as CORE_WEIGHTS } from "../core/scores/defaults";
import type { PaneSettings } from "./host";

export const PARTIES: PartyId[] = ["buyer", "supervisor", "supervision-centre", "third-party"];

/**
 * What the settings panel shows before the user changes anything: the core's own defaults, so the
 * panel's numbers are the ones a run uses when the options leave them out.
 */
export const DEFAULT_WEIGHTS: PartyWeights = CORE_WEIGHTS;

/** the core's bands, with the open-ended lowest band shown as starting at 0 */
export const DEFAULT_BANDS: GradeBand[] = DEFAULT_GRADE_BANDS.map((b) => ({ ...b, min: Number.isFinite(b.min) ? b.min : 0 }));

export const DEFAULT_OPTIONS: EvaluateOptions = {
  liveFormulas: true,
  normaliseUnits: true,
  restore: true,
  addMissingColumns: true,
  conditionalFormats: true,
  markCells: true,
  findingsSheet: true,
};

export function defaultSettings(): PaneSettings {
  return { options: { ...DEFAULT_OPTIONS }, savedMappings: [] };
}

const BOOLEAN_OPTIONS = ["liveFormulas", "normaliseUnits", "restore", "addMissingColumns", "conditionalFormats", "markCells", "findingsSheet"] as const;
export type BooleanOption = (typeof BOOLEAN_OPTIONS)[number];
export const OPTION_SWITCHES: readonly BooleanOption[] = BOOLEAN_OPTIONS;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function cleanDate(v: unknown): string | undefined {
  return typeof v === "string" && isIsoDate(v) ? v : undefined;
}

function cleanWeights(v: unknown): Partial<PartyWeights> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Partial<PartyWeights> = {};
  for (const p of PARTIES) {
    const w = v[p];
    if (typeof w === "number" && Number.isFinite(w) && w >= 0 && w <= 1) out[p] = w;
  }
  return Object.keys(out).length ? out : undefined;
}

function cleanBands(v: unknown): GradeBand[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const bands = v.filter((b): b is GradeBand => isRecord(b) && typeof b.grade === "string" && typeof b.min === "number" && Number.isFinite(b.min));
  return bands.length ? bands.map((b) => ({ min: b.min, grade: b.grade.slice(0, 20) })) : undefined;
}

function cleanTemplate(v: unknown): TemplateDef | undefined {
  // A template holds field names only (header text), never cell values; keep it as the user set it.
  if (!isRecord(v) || typeof v.id !== "string" || !Array.isArray(v.fields)) return undefined;
  return v as unknown as TemplateDef;
}

function cleanMappings(v: unknown): SavedMapping[] {
  if (!Array.isArray(v)) return [];
  const out: SavedMapping[] = [];
  for (const m of v) {
    if (!isRecord(m) || typeof m.template !== "string" || typeof m.signature !== "string" || !isRecord(m.fields)) continue;
    const fields: Record<string, string | null> = {};
    for (const [k, h] of Object.entries(m.fields)) {
      if (typeof h === "string" || h === null) fields[k] = h;
    }
    out.push({ template: m.template, signature: m.signature, fields });
  }
  return out;
}

/** Saved layouts that still validate; anything else on them (a cell value) is dropped. */
function cleanLayouts(v: unknown): SavedLayout[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((l) => {
    try {
      return [validateLayout(l)];
    } catch {
      return [];
    }
  });
}

function cleanCount(v: unknown): number | null {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 9999 ? v : null;
}

function cleanStaff(v: unknown): EvaluateOptions["staff"] | undefined {
  if (!isRecord(v)) return undefined;
  const all = cleanCount(v.all);
  const certified = cleanCount(v.certified);
  return all === null && certified === null ? undefined : { all, certified };
}

const MAX_LEVELS = 20;

/** 跟进级别 → days: a level is a short label (一级, 重点), never a cell value; days 1–3650. */
function cleanIntervals(v: unknown): Record<string, number> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, d] of Object.entries(v).slice(0, MAX_LEVELS)) {
    const key = k.trim().slice(0, 20);
    if (key && typeof d === "number" && Number.isInteger(d) && d >= 1 && d <= 3650) out[key] = d;
  }
  return out;
}

/**
 * "一级=7；二级=30" (also "一级:7, 二级 30") → { 一级: 7, 二级: 30 }. Entries that do not read are
 * dropped; the pane shows the text back as it was understood.
 */
export function parseIntervals(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(/[;；,，、\n]+/)) {
    const m = /^\s*(.+?)\s*[=:：\s]\s*(\d{1,4})\s*天?\s*$/.exec(part);
    if (m) out[m[1]] = Number(m[2]);
  }
  return cleanIntervals(out) ?? {};
}

/**
 * Headcounts that contradict each other (more certified than all): the run waits, as it does for
 * weights that do not add up, since every 应到岗 figure would be wrong.
 */
export function staffProblem(options: EvaluateOptions): { all: number; certified: number } | null {
  const all = options.staff?.all ?? null;
  const certified = options.staff?.certified ?? null;
  return all !== null && certified !== null && certified > all ? { all, certified } : null;
}

export function formatIntervals(intervals: Record<string, number>, skip: string): string {
  return Object.entries(intervals)
    .filter(([k]) => k !== skip)
    .map(([k, d]) => `${k}=${d}`)
    .join("；");
}

/**
 * The settings as they may be stored: a whitelist of choices, so that nothing from a run (the
 * manual mapping of the moment, values read from cells) can slip into the document or the browser.
 */
export function sanitiseSettings(input: unknown): PaneSettings {
  const base = defaultSettings();
  if (!isRecord(input)) return base;
  const o = isRecord(input.options) ? input.options : {};
  const options: EvaluateOptions = { ...base.options };
  for (const k of BOOLEAN_OPTIONS) {
    if (typeof o[k] === "boolean") options[k] = o[k];
  }
  const asOf = cleanDate(o.asOf);
  if (asOf) options.asOf = asOf;
  if (isRecord(o.period)) {
    const start = cleanDate(o.period.start);
    const end = cleanDate(o.period.end);
    if (start && end) options.period = { start, end };
  }
  const staff = cleanStaff(o.staff);
  if (staff) options.staff = staff;
  if (typeof o.retentionThreshold === "number" && o.retentionThreshold > 0 && o.retentionThreshold <= 1) options.retentionThreshold = o.retentionThreshold;
  const intervals = cleanIntervals(o.followUpIntervals);
  if (intervals) options.followUpIntervals = intervals;
  const weights = cleanWeights(o.weights);
  if (weights) options.weights = weights;
  const bands = cleanBands(o.gradeBands);
  if (bands) options.gradeBands = bands;
  const template = cleanTemplate(o.template);
  if (template) options.template = template;
  const out: PaneSettings = { options, savedMappings: cleanMappings(input.savedMappings) };
  const layouts = cleanLayouts(input.layouts);
  if (layouts.length) out.layouts = layouts;
  if (input.language === "zh" || input.language === "en") out.language = input.language;
  return out;
}

/** Newer mappings replace older ones for the same template and header row. */
export function mergeMappings(saved: SavedMapping[], incoming: SavedMapping[]): SavedMapping[] {
  const key = (m: SavedMapping) => `${m.template}\u0000${m.signature}`;
  const byKey = new Map(saved.map((m) => [key(m), m]));
  for (const m of incoming) byKey.set(key(m), { template: m.template, signature: m.signature, fields: { ...m.fields } });
  return [...byKey.values()];
}

export function weightsOf(options: EvaluateOptions): PartyWeights {
  return { ...DEFAULT_WEIGHTS, ...(options.weights ?? {}) };
}

export function bandsOf(options: EvaluateOptions): GradeBand[] {
  return options.gradeBands && options.gradeBands.length ? options.gradeBands : DEFAULT_BANDS;
}

/** The weights' sum in percent (two decimals) when it is not 100 %, else null: a run waits until it is. */
export function weightsProblem(options: EvaluateOptions): number | null {
  const w = weightsOf(options);
  const sum = Math.round(PARTIES.reduce((acc, k) => acc + w[k] * 100, 0) * 100) / 100;
  return Math.abs(sum - 100) < 1e-6 ? null : sum;
}
