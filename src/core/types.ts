/**
 * The core's contract with every host: a host-neutral snapshot of the workbook goes in,
 * a report and a plan of writes come out. Plain data only: nothing here depends on where the
 * workbook lives or how it is read (test/core/purity.test.ts checks the whole core).
 *
 * Coordinates are 0-based (row 0 = Excel row 1, col 0 = column A) everywhere in the core;
 * A1 addresses appear only in the report, where people read them.
 */

import type { ReportDraft } from "./report/model";

/** A cell's value as a host reads it. Excel errors arrive as their literal text ("#DIV/0!"). */
export type CellValue = string | number | boolean | null;

export interface CellRange {
  /** first row, 0-based */
  r1: number;
  c1: number;
  /** last row, inclusive */
  r2: number;
  c2: number;
}

export interface SheetSnapshot {
  name: string;
  /** hidden or very hidden sheets are read but never analysed */
  hidden?: boolean;
  /**
   * values[r][c] is the cell at (r, c), starting at A1; rows may be shorter than others
   * (missing cells are blank). Formula cells hold their cached result.
   */
  values: CellValue[][];
  /** formulas[r][c] = "=A1+B1" when the cell holds a formula; absent rows/cells mean none */
  formulas?: (string | null | undefined)[][];
  /** number format code per cell; absent or "General" means General */
  numberFormats?: (string | null | undefined)[][];
  merges?: CellRange[];
}

export interface WorkbookSnapshot {
  /** file name or workbook title, used in the report and summary */
  source: string;
  sheets: SheetSnapshot[];
}

// ---------------------------------------------------------------------------------------------
// Plan: the writes a host applies. Every host applies the same plan.

/** One cell written by a plan. A formula always carries the value it computes to. */
export interface PlanCell {
  value: CellValue;
  /** "=IFERROR(C3/B3,\"\")" — when present the host writes the formula, value is its cached result */
  formula?: string;
  /** number format to set; undefined leaves the cell's format as it is */
  numberFormat?: string;
}

export type FillRole = "error" | "warning" | "info" | "header-missing" | "header" | "output";

export type PlanOp =
  /** add a worksheet (after `after`, or at the end). Its cells come in later `cells` ops. */
  | { kind: "addSheet"; sheet: string; after?: string; tabColor?: string }
  /**
   * A rectangular block of writes starting at (row, col). A null entry leaves that cell alone,
   * so a block may be sparse.
   */
  | { kind: "cells"; sheet: string; row: number; col: number; cells: (PlanCell | null)[][]; purpose: WritePurpose }
  /** background fill (and bold for headers) on cells, to flag or highlight them */
  | { kind: "fill"; sheet: string; ranges: CellRange[]; role: FillRole }
  | { kind: "merge"; sheet: string; range: CellRange }
  | { kind: "columnWidths"; sheet: string; widths: { col: number; width: number }[] }
  | { kind: "freeze"; sheet: string; rows: number; cols: number }
  | {
      kind: "conditionalFormat";
      sheet: string;
      range: CellRange;
      rules: ConditionalRule[];
      /** a data bar or a three-colour scale over the range (drawn by the file host; the batch summary uses it) */
      scale?: ConditionalScale;
    }
  | { kind: "listValidation"; sheet: string; range: CellRange; items: string[] }
  | ColumnRunOp;

/**
 * A column run: rows r1..r2 of one column all hold the same pattern, so a plan says it once
 * instead of once per cell (a restored 100,000-row roster is a few dozen runs, not two million
 * cells). With `formulaR1C1` every cell gets that formula (relative references make it the
 * "same" formula in every row) and `values` gives the result each cell computes to; without it
 * `values` are the cells' values. Values are described, not listed, where the snapshot already
 * holds them: a host that needs them (a file writer caching results) reads them as it writes.
 * src/core/runs.ts resolves a run's cells for hosts and tests.
 */
export interface ColumnRunOp {
  kind: "columnRun";
  sheet: string;
  col: number;
  /** first row, 0-based */
  r1: number;
  /** last row, inclusive */
  r2: number;
  /** =IF('名册'!R[3]C[2]="","",'名册'!R[3]C[2]): one R1C1 formula for every cell of the run */
  formulaR1C1?: string;
  values: RunSource;
  /** one number format for every cell; undefined leaves the cells' formats as they are */
  numberFormat?: string;
  purpose: WritePurpose;
}

/** Where the values of a run's cells come from; the k-th cell of the run (row r1 + k) takes the k-th value. */
export type RunSource =
  /** the snapshot's cells of `sheet`, column `col`, from row `row` down (a blank cell is null) */
  | { kind: "copy"; sheet: string; row: number; col: number }
  /** start, start + 1, …: a serial number column */
  | { kind: "serial"; start: number }
  /** values computed by the core, one per cell (short runs such as a table's percentages) */
  | { kind: "list"; values: CellValue[] };

/** why a block is written; hosts and tests use it to check writes stay where they belong */
export type WritePurpose = "percent" | "normalise-input" | "score-total" | "restore" | "missing-column" | "findings" | "staffing" | "report";

export type ConditionalScale =
  | { kind: "dataBar"; color: string }
  /** low, middle (50th percentile), high */
  | { kind: "colorScale"; colors: [string, string, string] };

export interface ConditionalRule {
  /** cell value comparisons on the range's cells */
  operator: "greaterThanOrEqual" | "lessThan" | "between";
  /** formula operands as Excel writes them, e.g. "1" or "0.6" */
  formula1: string;
  formula2?: string;
  role: "good" | "warn" | "bad";
}

export type Plan = PlanOp[];

// ---------------------------------------------------------------------------------------------
// Report: schema "shuangbai/report@1". Field names are read by other tools: keep them.

export type Severity = "error" | "warning" | "info";

export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string;
  /** A1 address of the cell the finding is about */
  cell: string;
  message: string;
  /**
   * the catalogue parameters the message was built from (masked like the message), so a host can
   * say the same finding in the other language without re-running; a pair holds a value that
   * itself depends on the language (a party's name, "unnamed")
   */
  params?: Record<string, FindingParam>;
}

export type FindingParam = string | number | { zh: string; en: string };

export type FindingCode =
  // quantities and indicators
  | "full-width-digits"
  | "not-a-number"
  | "cell-error"
  | "missing-label"
  | "target-zero"
  | "target-missing"
  | "completed-missing"
  | "percent-mismatch"
  | "percent-typed"
  | "unit-mismatch"
  | "unit-inconsistent"
  | "unknown-indicator"
  | "sum-mismatch"
  | "behind-pace"
  | "percent-formula-wrong"
  // scores
  | "score-mode-assumed"
  | "weights-not-100"
  | "score-out-of-range"
  | "score-missing"
  | "party-missing"
  // roster restoration and row checks
  | "blank-row"
  | "low-confidence-mapping"
  | "missing-template-column"
  | "missing-template-field"
  | "unmapped-column"
  | "stale-saved-mapping"
  // saved table layouts (「指定表格」)
  | "stale-saved-layout"
  | "invalid-id-number"
  | "id-precision-lost"
  | "legacy-id-number"
  | "id-gender-mismatch"
  | "id-age-mismatch"
  | "invalid-phone"
  | "unknown-category"
  | "category-age-mismatch"
  | "category-gender-mismatch"
  | "category-not-elderly"
  | "follow-up-overdue"
  | "follow-up-undated"
  | "follow-up-no-dates"
  | "duplicate-person"
  | "missing-value"
  | "invalid-date"
  // periods, staffing and follow-up (issue 10)
  | "pacing-needs-contract"
  | "staffing-no-contract"
  | "staffing-no-months"
  | "staffing-under"
  | "retention-below"
  | "staffing-mix-mismatch"
  | "staff-cert-missing"
  | "staff-cert-unknown"
  | "staff-mark-unknown"
  // workbook level
  | "nothing-found"
  | "table-not-understood"
  | "sheet-name-adjusted"
  // found by the Excel host while writing (src/excel/structures.ts), not by evaluate
  | "write-skipped-spill"
  | "write-skipped-array"
  | "write-skipped-table";

export interface IndicatorReport {
  sheet: string;
  label: string;
  area: string | null;
  /** in a table of periods (中期 / 年度 pairs): this figure's period; the station's own figure like an area-less one */
  period?: string | null;
  unit: string | null;
  target: number | null;
  completed: number | null;
  /** completed / target, unrounded; null when it cannot be computed */
  percent: number | null;
  /** the percentage the sheet already held, as a fraction (1.855 for 185.50%) */
  declaredPercent: number | null;
  labelCell: string | null;
  /** the target's cell; for a 合计 the table does not hold, the areas' cells added up ("B3+D3") */
  targetCell: string;
  completedCell: string;
  percentCell: string | null;
  /** catalogue id of the indicator, when the label was recognised */
  indicator?: string | null;
  /** expected share of the target by the as-of date (pacing), when a period is known */
  expectedPercent?: number | null;
}

export interface ScorePartyReport {
  name: string;
  /** canonical party: buyer | supervisor | supervision-centre | third-party */
  party: PartyId;
  /** fraction, 0.2 for 20 % */
  weight: number;
  score: number | null;
  /** the party's contribution to the total */
  points: number | null;
  cell: string;
}

export type PartyId = "buyer" | "supervisor" | "supervision-centre" | "third-party";

export interface ScoreReport {
  sheet: string;
  mode: "points" | "scale100";
  parties: ScorePartyReport[];
  total: number | null;
  grade: string | null;
  totalCell: string;
  gradeCell: string;
}

export interface MappingEntry {
  field: string;
  header: string | null;
  /** A1 column letters in the working sheet, null when the field is missing */
  column: string | null;
  method: "exact" | "synonym" | "similar" | "saved" | "manual" | null;
  confidence: number;
  /** for weak matches: the header we would pick, awaiting confirmation */
  candidate?: string | null;
}

export interface RestorationReport {
  sourceSheet: string;
  outputSheet: string;
  template: string;
  /** 1-based Excel row of the header row (the last header row for two-row headers) */
  headerRow: number;
  mapping: MappingEntry[];
  missingFields: string[];
  unmappedHeaders: string[];
  rows: number;
}

export interface Report {
  schema: "shuangbai/report@1";
  source: string;
  station?: string | null;
  /** the contract year (年度服务协议时间) the targets are for; pacing runs against it */
  period?: { start: string; end: string } | null;
  /** the evaluation window (评估周期 / 统计周期 / the title's range), when known */
  window?: { start: string; end: string } | null;
  asOf?: string | null;
  indicators: IndicatorReport[];
  scores: ScoreReport[];
  restorations: RestorationReport[];
  /** one entry per staffing table (社工到岗情况统计表) */
  staffing?: StaffingReport[];
  findings: Finding[];
  /**
   * Set when the workbook holds no indicator table, score sheet or roster: the plan is then
   * empty and every host writes nothing (no output file, no download, no change in Excel).
   */
  nothingToScore?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Staffing (社工到岗情况统计表)

/** certified = 持证社工; all = 社工（持证+非持证） */
export type StaffClass = "certified" | "all";

export type CertLevel = "高级社工师" | "中级社工师" | "助理社工师" | "非持证";

export interface StaffingClassReport {
  class: StaffClass;
  /** 应到岗人次 = contracted headcount × assessed months; null when no headcount is contracted */
  required: number | null;
  /** 实到岗人次 = Σ workers on post per assessed month */
  actual: number;
  /** 超配 = actual − required (negative when under-staffed); null without a contracted headcount */
  surplus: number | null;
  requiredCell: string | null;
  actualCell: string;
  surplusCell: string | null;
}

export interface StaffingReport {
  sheet: string;
  /** assessed months, "2023-07" (or "07" when no year could be known) */
  months: string[];
  contracted: { all: number | null; certified: number | null };
  classes: StaffingClassReport[];
  /** 稳岗率 = workers on post in every assessed month ÷ contracted headcount (all) */
  retention: { stayed: number; base: number | null; rate: number | null; threshold: number; cell: string | null };
  /** qualification mix of the workers on post in the last assessed month */
  atEnd: Record<CertLevel, number>;
}

export interface EvaluateResult {
  report: Report;
  plan: Plan;
  /** mappings confirmed in this run, for the host to remember (header names only) */
  mappingsToRemember?: SavedMapping[];
  /** the saved layouts of the options: where each was used, or not (stale) */
  layoutsUsed?: { name: string; sheet: string; range: string; used: boolean }[];
  /** the report's figures drafted as paragraphs and the appendix table (src/core/report) */
  draft?: ReportDraft;
}

// ---------------------------------------------------------------------------------------------
// Options and templates

export interface GradeBand {
  min: number;
  grade: string;
}

export interface PartyWeights {
  buyer: number;
  supervisor: number;
  "supervision-centre": number;
  "third-party": number;
}

export interface SavedMapping {
  /** the template id this mapping is for */
  template: string;
  /** signature of the source header row: header names only, never cell values */
  signature: string;
  /** template field → source header text */
  fields: Record<string, string | null>;
}

export type { SavedLayout } from "./layouts/savedLayout";
import type { SavedLayout } from "./layouts/savedLayout";

export type FieldType = "text" | "integer" | "date" | "phone" | "cn-id" | "category-set" | "enum" | "gender";

export interface TemplateField {
  name: string;
  synonyms?: string[];
  type?: FieldType;
  allowed?: string[];
  required?: boolean;
  /** generated by the tool (序号) instead of copied */
  generated?: "serial";
}

export interface TemplateDef {
  id: string;
  version: number;
  name: string;
  /** title written above the header row in the restored view */
  title?: string;
  fields: TemplateField[];
}

export interface EvaluateOptions {
  /** evaluation date, YYYY-MM-DD; defaults to the period end or none */
  asOf?: string | null;
  period?: { start: string; end: string } | null;
  lang?: "zh" | "en";
  /** turn "200个" into 200 with format 0"个" so the percent formula works (default true) */
  normaliseUnits?: boolean;
  /** write live formulas (default) or frozen values */
  liveFormulas?: boolean;
  weights?: Partial<PartyWeights>;
  gradeBands?: GradeBand[];
  /** restore the template view from the roster (default true) */
  restore?: boolean;
  template?: TemplateDef;
  addMissingColumns?: boolean;
  savedMappings?: SavedMapping[];
  /** manual overrides from the mapping review: field → source header (null = leave unmapped) */
  manualMapping?: Record<string, string | null>;
  /** conditional formats on percentage cells */
  conditionalFormats?: boolean;
  /** fill cells that carry findings */
  markCells?: boolean;
  /** add a 评估发现 sheet listing the findings */
  findingsSheet?: boolean;
  /**
   * table layouts the evaluator taught by hand (core/layouts): each is used where it still fits
   * and replaces the detector over its cells; one that no longer fits is a stale-saved-layout
   * finding and the detector reads the sheet instead
   */
  layouts?: SavedLayout[];
  /** add a 评估报告摘要 sheet: the report's figures as live text formulas (default true) */
  reportSheet?: boolean;
  /** thresholds for the category checks */
  elderlyAge?: number;
  childAge?: number;
  /** the contract year (年度服务协议时间); `period` is the older name for the same thing */
  contract?: { start: string; end: string } | null;
  /** the evaluation window; read from 评估周期 / 统计周期 / a title when absent */
  window?: { start: string; end: string } | null;
  /** contracted headcounts (--staff 20/10); else read from a line such as 合同约定：配备社工20名… */
  staff?: { all: number | null; certified: number | null } | null;
  /** 稳岗率 requirement as a fraction (default 0.8) */
  retentionThreshold?: number;
  /**
   * 跟进级别 → longest allowed interval between follow-ups, in days. Levels not listed are not
   * checked. The key "特殊困难老年人" applies to rows in an elderly category whatever their level.
   */
  followUpIntervals?: Record<string, number> | null;
}
