import { a1 } from "../a1";
import { unnamedIndicator } from "./naming";
import { finding, type Lang } from "../findings";
import { formatForQuantity, formatPercent, parseQuantity, type Quantity } from "../quantity";
import { excelSum } from "../round";
import type { CellValue, Finding, FindingParam, IndicatorReport, PlanCell, SheetSnapshot } from "../types";
import { INDICATOR_CATALOGUE, matchIndicator, type CatalogueEntry } from "./catalogue";
import type { FoundIndicator, FoundTable, Pos } from "./detect";

export interface AssessContext {
  lang: Lang;
  normaliseUnits: boolean;
  liveFormulas: boolean;
  /** expected share of each target by the as-of date, when pacing is on */
  expectedShare: number | null;
  catalogue?: readonly CatalogueEntry[];
}

/** One planned write, before the orchestrator groups writes into blocks. */
export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  cell: PlanCell;
  purpose: "percent" | "normalise-input";
}

export interface AssessResult {
  indicators: IndicatorReport[];
  findings: Finding[];
  writes: CellWrite[];
  /** percent cells, for conditional formatting */
  percentCells: { sheet: string; row: number; col: number }[];
  /** percent columns that had no header: write 完成百分比 there */
  headerWrites: CellWrite[];
}

type NumberQ = Extract<Quantity, { kind: "number" }>;

/** What people type in a percent cell they leave for the tool: -, —, /, 待计算. */
const PLACEHOLDER = /^([-—－–/／\\、.。]+|待计算|待填|待定|无)$/;

function valueAt(sheet: SheetSnapshot, p: Pos): CellValue {
  return sheet.values[p.row]?.[p.col] ?? null;
}

function formatAt(sheet: SheetSnapshot, p: Pos): string | null {
  return sheet.numberFormats?.[p.row]?.[p.col] ?? null;
}

function formulaAt(sheet: SheetSnapshot, p: Pos): string | null {
  return sheet.formulas?.[p.row]?.[p.col] ?? null;
}

/**
 * How a declared percentage was typed, read as a fraction with the tolerance its own display
 * allows: half a unit of the last decimal shown, in percentage points when it was typed as
 * points (185.5 under a （%） header is 185.5 %, ± 0.05 points).
 */
export function readDeclared(q: NumberQ, computed: number | null, pointsHeader: boolean): { fraction: number; tolerance: number } {
  const slack = 1e-12;
  if (q.percent) return { fraction: q.value, tolerance: 0.5 * Math.pow(10, -(q.decimals + 2)) + slack };
  const asPoints = { fraction: q.value / 100, tolerance: 0.5 * Math.pow(10, -(q.decimals + 2)) + slack };
  if (pointsHeader) return asPoints;
  // A bare 185.5 in a percent column is far more likely 185.5 % than 18,550 %.
  if (computed !== null && Math.abs(q.value / 100 - computed) < Math.abs(q.value - computed)) return asPoints;
  return { fraction: q.value, tolerance: 0.5 * Math.pow(10, -q.decimals) + slack };
}

/**
 * Whether a formula in a percent cell computes this indicator's completed ÷ target: C3/B3,
 * =IFERROR(C3/B3,""), ROUND(C3/B3,4), C3/B3*100, with or without $ and the sheet's own name.
 */
export function formulaComputes(formula: string, completed: string, target: string, sheet: string): boolean {
  return stripFormula(formula, sheet) === `${completed}/${target}`;
}

/** "(…)" whose first bracket closes at the very end: (C3/B3), not (C3+E3)/(B3+D3). */
function wrapped(f: string): boolean {
  if (!f.startsWith("(") || !f.endsWith(")")) return false;
  let depth = 0;
  for (let k = 0; k < f.length; k++) {
    if (f[k] === "(") depth++;
    else if (f[k] === ")" && --depth === 0 && k < f.length - 1) return false;
  }
  return true;
}

/** A percent formula without what does not change its value: =, $, spaces, its own sheet's name, IFERROR, ROUND, outer brackets, ×100. */
function stripFormula(formula: string, sheet: string): string {
  let f = formula.replace(/^=/, "").replace(/\s+/g, "").replace(/\$/g, "").toUpperCase();
  const own = sheet.toUpperCase();
  f = f
    .split(`'${own.replace(/'/g, "''")}'!`)
    .join("")
    .split(`${own}!`)
    .join("");
  for (let prev = ""; prev !== f;) {
    prev = f;
    f = f.replace(/^IFERROR\((.*),(""|0|"-"|"")\)$/, "$1").replace(/^ROUND\((.*),\d\)$/, "$1");
    if (wrapped(f)) f = f.slice(1, -1);
    f = f.replace(/\*100$/, "").replace(/^100\*/, "");
  }
  return f;
}

export function assessTables(tables: FoundTable[], sheet: SheetSnapshot, ctx: AssessContext): AssessResult {
  const out: AssessResult = { indicators: [], findings: [], writes: [], percentCells: [], headerWrites: [] };
  const normalised = new Set<string>();
  for (const table of tables) {
    if (table.indicators.some((i) => i.percentAdded)) {
      for (const { at: p, group } of table.addedHeaders) {
        // the group in brackets, so the next run reads the line back as that group's percent
        const value = ctx.lang === "en" ? (group ? `Completion % (${group})` : "Completion %") : group ? `完成百分比（${group}）` : "完成百分比";
        out.headerWrites.push({ sheet: sheet.name, row: p.row, col: p.col, purpose: "percent", cell: { value } });
      }
    }
    for (const ind of table.indicators) assessOne(ind, sheet, ctx, out, normalised);
  }
  return out;
}

/** The sum of some cells' numbers, and whether a live formula can add them (all numbers, text units normalised). */
function sumOf(sheet: SheetSnapshot, cells: Pos[], ctx: AssessContext): { value: number | null; ready: boolean; quantities: Quantity[] } {
  const quantities = cells.map((p) => parseQuantity(valueAt(sheet, p), formatAt(sheet, p)));
  const numbers = quantities.filter((q): q is NumberQ => q.kind === "number");
  const broken = quantities.some((q) => q.kind === "text" || q.kind === "error");
  return {
    value: numbers.length && !broken ? excelSum(numbers.map((q) => q.value)) : null,
    ready: !broken && numbers.length === quantities.length && numbers.every((q) => !q.fromText || ctx.normaliseUnits),
    quantities,
  };
}

/**
 * An area table's total that the sheet does not hold (一片区 | 二片区, no 合计): completed and
 * target are the areas' sums; the percent goes in the total's percent line, as a live formula
 * over the area cells. The areas' own cells were checked as their own indicators.
 */
function assessComputedTotal(
  ind: FoundIndicator & { sums: NonNullable<FoundIndicator["sums"]> },
  sheet: SheetSnapshot,
  ctx: AssessContext,
  out: AssessResult,
  normalised: Set<string>,
): void {
  const { lang } = ctx;
  const s = sheet.name;
  const entry = ind.label ? matchIndicator(ind.label, ctx.catalogue ?? INDICATOR_CATALOGUE) : null;
  const label: FindingParam = ind.label ?? unnamedIndicator(a1((ind.labelPos ?? ind.target).row, (ind.labelPos ?? ind.target).col));
  const t = sumOf(sheet, ind.sums.target, ctx);
  const d = sumOf(sheet, ind.sums.completed, ctx);
  const percent = t.value !== null && t.value !== 0 && d.value !== null ? d.value / t.value : null;
  const tRefs = ind.sums.target.map((p) => a1(p.row, p.col));
  const dRefs = ind.sums.completed.map((p) => a1(p.row, p.col));
  let declaredPercent: number | null = null;
  if (ind.percent && !ind.percentAdded)
    declaredPercent = checkDeclared(ind, sheet, ctx, out, label, percent, `(${dRefs.join("+")})`, `(${tRefs.join("+")})`, (f) =>
      formulaSums(f, dRefs, tRefs, s),
    );
  if (ind.percent) {
    const ready = t.ready && d.ready;
    if (ready && ctx.normaliseUnits) {
      [...ind.sums.target, ...ind.sums.completed].forEach((p, k) => {
        const q = [...t.quantities, ...d.quantities][k];
        const key = `${p.row}:${p.col}`;
        if (q.kind === "number" && q.fromText && !normalised.has(key)) {
          normalised.add(key);
          out.writes.push({ sheet: s, row: p.row, col: p.col, purpose: "normalise-input", cell: { value: q.value, numberFormat: formatForQuantity(q) } });
        }
      });
    }
    const cell: PlanCell =
      ready && ctx.liveFormulas
        ? { value: percent ?? "", formula: `=IFERROR((${dRefs.join("+")})/(${tRefs.join("+")}),"")`, numberFormat: "0.00%" }
        : { value: percent, numberFormat: "0.00%" };
    out.writes.push({ sheet: s, row: ind.percent.row, col: ind.percent.col, purpose: "percent", cell });
    out.percentCells.push({ sheet: s, row: ind.percent.row, col: ind.percent.col });
  }
  let expectedPercent: number | null = null;
  if (ctx.expectedShare !== null && percent !== null) {
    expectedPercent = ctx.expectedShare;
    const pos = ind.percent ?? ind.completed;
    if (percent + 1e-12 < expectedPercent)
      out.findings.push(
        finding("behind-pace", s, pos.row, pos.col, { label, percent: formatPercent(percent), expected: formatPercent(expectedPercent) }, lang),
      );
  }
  const units = [...t.quantities, ...d.quantities].map((q) => (q.kind === "number" ? q.unit : null)).find((u) => u);
  const unitCellText = ind.unitPos ? String(valueAt(sheet, ind.unitPos) ?? "").trim() || null : null;
  out.indicators.push({
    sheet: s,
    label: ind.label ?? "",
    area: "合计",
    unit: units ?? unitCellText ?? ind.headerUnit ?? null,
    target: t.value,
    completed: d.value,
    percent,
    declaredPercent,
    labelCell: ind.labelPos ? a1(ind.labelPos.row, ind.labelPos.col) : null,
    targetCell: tRefs.join("+"),
    completedCell: dRefs.join("+"),
    percentCell: ind.percent ? a1(ind.percent.row, ind.percent.col) : null,
    indicator: entry?.id ?? null,
    expectedPercent,
  });
}

/** Whether a formula adds up these cells and divides: (C3+E3)/(B3+D3), SUM(C3,E3)/SUM(B3,D3), with IFERROR / ROUND around. */
export function formulaSums(formula: string, completed: string[], target: string[], sheet: string): boolean {
  const bare = stripFormula(formula, sheet);
  const forms = (refs: string[]) => [`(${refs.join("+")})`, `SUM(${refs.join(",")})`, `SUM(${refs.join("+")})`];
  return forms(completed).some((c) => forms(target).some((t) => bare === `${c}/${t}`));
}

/**
 * The percent cell's existing content against the computed percentage: a formula that does not
 * compute it, or a declared value that disagrees, is a warning on the cell; a value typed that
 * agrees is an info note (it becomes a live formula). Returns the declared fraction.
 */
function checkDeclared(
  ind: FoundIndicator,
  sheet: SheetSnapshot,
  ctx: AssessContext,
  out: AssessResult,
  label: FindingParam,
  percent: number | null,
  cExpr: string,
  tExpr: string,
  computes: (formula: string) => boolean,
): number | null {
  const { lang } = ctx;
  const s = sheet.name;
  const at = ind.percent as Pos;
  const pq = parseQuantity(valueAt(sheet, at), formatAt(sheet, at));
  const formula = formulaAt(sheet, at);
  const wrongFormula = !!formula && !computes(formula);
  if (wrongFormula)
    out.findings.push(finding("percent-formula-wrong", s, at.row, at.col, { label, formula: formula.slice(0, 60), expected: `=${cExpr}/${tExpr}` }, lang));
  if (pq.kind === "number") {
    const d = readDeclared(pq, percent, !!ind.percentPoints);
    if (percent !== null && Math.abs(d.fraction - percent) > d.tolerance) {
      if (!wrongFormula)
        out.findings.push(
          finding("percent-mismatch", s, at.row, at.col, { label, declared: formatPercent(d.fraction), computed: formatPercent(percent) }, lang),
        );
    } else if (percent !== null && !formula) {
      out.findings.push(finding("percent-typed", s, at.row, at.col, { label, declared: formatPercent(d.fraction) }, lang));
    }
    return d.fraction;
  }
  // a dash or slash holding the place of a percentage yet to be worked out is not a slip
  if (pq.kind === "text" && !PLACEHOLDER.test(pq.text)) out.findings.push(finding("not-a-number", s, at.row, at.col, { text: pq.text.slice(0, 40) }, lang));
  return null;
}

function assessOne(ind: FoundIndicator, sheet: SheetSnapshot, ctx: AssessContext, out: AssessResult, normalised: Set<string>): void {
  if (ind.sums) return assessComputedTotal({ ...ind, sums: ind.sums }, sheet, ctx, out, normalised);
  const { lang } = ctx;
  const s = sheet.name;
  const entry = ind.label ? matchIndicator(ind.label, ctx.catalogue ?? INDICATOR_CATALOGUE) : null;
  const label: FindingParam = ind.label ?? unnamedIndicator(a1((ind.labelPos ?? ind.target).row, (ind.labelPos ?? ind.target).col));
  const tq = parseQuantity(valueAt(sheet, ind.target), formatAt(sheet, ind.target));
  const dq = parseQuantity(valueAt(sheet, ind.completed), formatAt(sheet, ind.completed));
  const unitCellText = ind.unitPos ? String(valueAt(sheet, ind.unitPos) ?? "").trim() || null : null;

  if (!ind.label && ind.labelPos) out.findings.push(finding("missing-label", s, ind.labelPos.row, ind.labelPos.col, {}, lang));
  else if (!ind.label && !ind.labelPos) out.findings.push(finding("missing-label", s, ind.target.row, ind.target.col, {}, lang));
  else if (ind.label && !entry && ind.labelPos && !/合计|总计|小计/.test(ind.label))
    out.findings.push(finding("unknown-indicator", s, ind.labelPos.row, ind.labelPos.col, { label }, lang));

  for (const [q, p] of [
    [tq, ind.target],
    [dq, ind.completed],
  ] as const) {
    if (q.kind === "text") out.findings.push(finding("not-a-number", s, p.row, p.col, { text: q.text.slice(0, 40) }, lang));
    if (q.kind === "error") out.findings.push(finding("cell-error", s, p.row, p.col, { text: q.text }, lang));
    if (q.kind === "number" && q.fullWidth) out.findings.push(finding("full-width-digits", s, p.row, p.col, { text: q.text.slice(0, 40) }, lang));
  }

  const target = tq.kind === "number" ? tq.value : null;
  const completed = dq.kind === "number" ? dq.value : null;

  // Units: what the cells say, else the unit column.
  const headerUnit = ind.headerUnit ?? null;
  const tUnit = tq.kind === "number" ? (tq.unit ?? unitCellText ?? headerUnit) : null;
  const dUnit = dq.kind === "number" ? (dq.unit ?? unitCellText ?? headerUnit) : null;
  if (entry) {
    const allowed = entry.units.join("/");
    const badT = tUnit && !entry.units.includes(tUnit);
    const badD = dUnit && !entry.units.includes(dUnit) && dUnit !== tUnit;
    if (badT) out.findings.push(finding("unit-mismatch", s, ind.target.row, ind.target.col, { label, unit: tUnit, allowed }, lang));
    if (badD) out.findings.push(finding("unit-mismatch", s, ind.completed.row, ind.completed.col, { label, unit: dUnit as string, allowed }, lang));
  }
  if (tUnit && dUnit && tUnit !== dUnit)
    out.findings.push(finding("unit-inconsistent", s, ind.completed.row, ind.completed.col, { label, targetUnit: tUnit, completedUnit: dUnit }, lang));

  let percent: number | null = null;
  if (tq.kind === "blank") out.findings.push(finding("target-missing", s, ind.target.row, ind.target.col, { label }, lang));
  else if (target === 0) out.findings.push(finding("target-zero", s, ind.target.row, ind.target.col, { label }, lang));
  if (dq.kind === "blank" && target) out.findings.push(finding("completed-missing", s, ind.completed.row, ind.completed.col, { label }, lang));
  if (target !== null && target !== 0 && completed !== null) percent = completed / target;

  // Areas must add up to their 合计.
  if (ind.parts && ind.parts.length) {
    for (const [what, key, whatEn] of [
      ["指标", "target", "targets"],
      ["完成数", "completed", "completed figures"],
    ] as const) {
      const vals = ind.parts.map((p) => parseQuantity(valueAt(sheet, p[key]), formatAt(sheet, p[key])));
      const total = key === "target" ? target : completed;
      if (total === null || vals.some((v) => v.kind !== "number" && v.kind !== "blank")) continue;
      const sum = excelSum(vals.map((v) => (v.kind === "number" ? v.value : 0)));
      if (Math.abs(sum - total) > 1e-9 * Math.max(1, Math.abs(total))) {
        const pos = ind[key];
        out.findings.push(finding("sum-mismatch", s, pos.row, pos.col, { label, what: { zh: what, en: whatEn }, sum, total }, lang));
      }
    }
  }

  // What the percent cell held before.
  let declaredPercent: number | null = null;
  if (ind.percent && !ind.percentAdded) {
    const cRef = a1(ind.completed.row, ind.completed.col);
    const tRef = a1(ind.target.row, ind.target.col);
    declaredPercent = checkDeclared(ind, sheet, ctx, out, label, percent, cRef, tRef, (f) => formulaComputes(f, cRef, tRef, s));
  }

  let expectedPercent: number | null = null;
  if (ctx.expectedShare !== null && percent !== null) {
    expectedPercent = ctx.expectedShare;
    if (percent + 1e-12 < expectedPercent && (ind.area === null || ind.area === "合计")) {
      const pos = ind.percent ?? ind.completed;
      out.findings.push(
        finding("behind-pace", s, pos.row, pos.col, { label, percent: formatPercent(percent), expected: formatPercent(expectedPercent) }, lang),
      );
    }
  }

  // Writes: normalise unit text so a live formula can divide, then the percent itself.
  const canFormula = (q: Quantity): boolean => q.kind === "number" && (!q.fromText || ctx.normaliseUnits);
  const inputsReady = canFormula(tq) && canFormula(dq);
  if (ind.percent) {
    if (inputsReady && ctx.normaliseUnits) {
      for (const [q, p] of [
        [tq, ind.target],
        [dq, ind.completed],
      ] as const) {
        const key = `${p.row}:${p.col}`;
        if (q.kind === "number" && q.fromText && !normalised.has(key)) {
          normalised.add(key);
          out.writes.push({ sheet: s, row: p.row, col: p.col, purpose: "normalise-input", cell: { value: q.value, numberFormat: formatForQuantity(q) } });
        }
      }
    }
    let cell: PlanCell;
    if (inputsReady && ctx.liveFormulas) {
      cell = {
        value: percent ?? "",
        formula: `=IFERROR(${a1(ind.completed.row, ind.completed.col)}/${a1(ind.target.row, ind.target.col)},"")`,
        numberFormat: "0.00%",
      };
    } else {
      cell = { value: percent, numberFormat: "0.00%" };
    }
    out.writes.push({ sheet: s, row: ind.percent.row, col: ind.percent.col, purpose: "percent", cell });
    out.percentCells.push({ sheet: s, row: ind.percent.row, col: ind.percent.col });
  }

  out.indicators.push({
    sheet: s,
    label: ind.label ?? "",
    area: ind.area,
    ...(ind.period ? { period: ind.period } : {}),
    unit: tUnit ?? dUnit ?? null,
    target,
    completed,
    percent,
    declaredPercent,
    labelCell: ind.labelPos ? a1(ind.labelPos.row, ind.labelPos.col) : null,
    targetCell: a1(ind.target.row, ind.target.col),
    completedCell: a1(ind.completed.row, ind.completed.col),
    percentCell: ind.percent ? a1(ind.percent.row, ind.percent.col) : null,
    indicator: entry?.id ?? null,
    expectedPercent,
  });
}
