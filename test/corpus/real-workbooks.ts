/**
 * The properties every real workbook of test/corpus/files (see SOURCES.md) must keep, whoever
 * made it: read it, write a plan into it, and check the result the way Excel, LibreOffice and
 * the project's own reader would. Shared by the corpus tests, the mutation fuzzer and (through
 * the same files) the LibreOffice e2e suite.
 *
 * What "a clean result" means here:
 * - reading and writing fail only with a typed XlsxError (a refusal with one plain sentence),
 *   never a plain Error, and never change the input bytes;
 * - every part the plan has no business with comes out byte for byte (compressed bytes and CRC);
 * - every XML part that was well-formed (namespaces included, by saxes) still is, and every new
 *   part is;
 * - every worksheet reads back, with the project's reader, the same cells (value, formula,
 *   number format) wherever nothing was written, and what the plan wrote where it did.
 */
import { readdirSync, readFileSync } from "fs";
import { join, relative } from "path";
import type { CellRange, CellValue, Plan, PlanCell, PlanOp, SheetSnapshot, WorkbookSnapshot } from "../../src/core/types";
import { applyPlan, openXlsx, snapshotOf, XlsxError, type XlsxPackage } from "../../src/file";
import { inflateEntry, readZipEntries, type ZipEntry } from "../../src/file/zip";
import { isXmlPart, xmlProblem } from "../support/xml-check";
import { plannedGrid } from "../support/plan-grid";

export const CORPUS_DIR = join(__dirname, "files");

/** Every corpus workbook, as a path relative to CORPUS_DIR, in a stable order. */
export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.(xlsx|xlsm)$/i.test(e.name)) out.push(relative(CORPUS_DIR, join(dir, e.name)));
    }
  };
  walk(CORPUS_DIR);
  return out.sort();
}

/** The k-th of n interleaved slices, so each test file gets a mix of producers. */
export function shard<T>(items: readonly T[], k: number, n: number): T[] {
  return items.filter((_, i) => i % n === k);
}

export function readCorpus(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CORPUS_DIR, file)));
}

/** An exception from the file host that is not a typed refusal: a bug. */
export function untyped(e: unknown): string | null {
  if (e instanceof XlsxError) return null;
  return e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? "").split("\n").slice(1, 4).join("\n")}` : String(e);
}

export type Opened = { ok: true; pkg: XlsxPackage; snapshot: WorkbookSnapshot } | { ok: false; error: XlsxError };

/** Read a package and its snapshot; a non-typed exception propagates (the caller reports it). */
export function openAndRead(bytes: Uint8Array, source = "corpus.xlsx"): Opened {
  try {
    const pkg = openXlsx(bytes);
    return { ok: true, pkg, snapshot: snapshotOf(pkg, source) };
  } catch (e) {
    if (e instanceof XlsxError) return { ok: false, error: e };
    throw e;
  }
}

const PROBE_SHEET = "评估发现";

function usedSize(sheet: SheetSnapshot): { rows: number; cols: number } {
  let cols = 0;
  sheet.values.forEach((line) => (cols = Math.max(cols, line?.length ?? 0)));
  return { rows: sheet.values.length, cols };
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

/**
 * A plan that uses every kind of operation, on an existing worksheet (the first visible one)
 * and on a new sheet: it overwrites an existing cell, writes beside and below the data, fills,
 * merges, sets widths, freezes, adds conditional formats and a list validation, and lays a
 * column run (a live formula into the existing sheet) over the new one. Whatever evaluate()
 * plans for a real station is a subset of this.
 */
export function probePlan(snapshot: WorkbookSnapshot, pkg: XlsxPackage): Plan {
  const plan: Plan = [];
  const date: PlanCell = { value: 45000, numberFormat: "yyyy-mm-dd" };
  plan.push({ kind: "addSheet", sheet: PROBE_SHEET, tabColor: "FFC000" });
  plan.push({
    kind: "cells",
    sheet: PROBE_SHEET,
    row: 0,
    col: 0,
    purpose: "findings",
    cells: [
      [{ value: "编号" }, { value: '说明 <&> "引号"' }, { value: 0.5, formula: "=1/2", numberFormat: "0.00%" }],
      [{ value: 1 }, { value: true }, date],
      [null, { value: "第三行", formula: '=IF(1>0,"第三行","")' }, { value: -3.25 }],
    ],
  });
  plan.push({ kind: "fill", sheet: PROBE_SHEET, ranges: [{ r1: 0, c1: 0, r2: 0, c2: 2 }], role: "header" });
  plan.push({ kind: "merge", sheet: PROBE_SHEET, range: { r1: 4, c1: 0, r2: 4, c2: 2 } });
  plan.push({
    kind: "columnWidths",
    sheet: PROBE_SHEET,
    widths: [
      { col: 0, width: 12 },
      { col: 1, width: 40 },
    ],
  });
  plan.push({ kind: "freeze", sheet: PROBE_SHEET, rows: 1, cols: 0 });
  plan.push({
    kind: "conditionalFormat",
    sheet: PROBE_SHEET,
    range: { r1: 0, c1: 2, r2: 2, c2: 2 },
    rules: [
      { operator: "greaterThanOrEqual", formula1: "1", role: "good" },
      { operator: "between", formula1: "0.6", formula2: "1", role: "warn" },
      { operator: "lessThan", formula1: "0.6", role: "bad" },
    ],
  });
  plan.push({ kind: "listValidation", sheet: PROBE_SHEET, range: { r1: 1, c1: 1, r2: 2, c2: 1 }, items: ["是", "否"] });

  const target = snapshot.sheets.find((s, i) => !s.hidden && pkg.sheets[i]?.kind === "worksheet" && pkg.sheets[i]?.path);
  if (!target) return plan;
  const { rows, cols } = usedSize(target);
  const runRows = Math.max(1, Math.min(rows, 40));
  const quoted = `'${target.name.replace(/'/g, "''")}'`;
  plan.push({
    kind: "columnRun",
    sheet: PROBE_SHEET,
    col: 4,
    r1: 0,
    r2: runRows - 1,
    formulaR1C1: `=IF(${quoted}!RC[-4]="","",${quoted}!RC[-4])`,
    values: { kind: "copy", sheet: target.name, row: 0, col: 0 },
    purpose: "restore",
  });

  const merges = target.merges ?? [];
  const free = (r: CellRange) => !merges.some((m) => overlaps(m, r));
  // an existing cell overwritten: the first non-blank one outside a merge
  let existing: { r: number; c: number } | null = null;
  for (let r = 0; r < target.values.length && !existing; r++) {
    const line = target.values[r] ?? [];
    for (let c = 0; c < line.length; c++) {
      if (line[c] !== null && line[c] !== undefined && free({ r1: r, c1: c, r2: r, c2: c })) {
        existing = { r, c };
        break;
      }
    }
  }
  if (existing) {
    plan.push({
      kind: "cells",
      sheet: target.name,
      row: existing.r,
      col: existing.c,
      purpose: "normalise-input",
      cells: [[{ value: 200, numberFormat: '0"个"' }]],
    });
    plan.push({ kind: "fill", sheet: target.name, ranges: [{ r1: existing.r, c1: existing.c, r2: existing.r, c2: existing.c }], role: "warning" });
  }
  // beside the data (row 1) and below it, where no merge lies
  const beside = { r1: 0, c1: cols, r2: 1, c2: cols };
  if (cols < 16383 && free(beside))
    plan.push({
      kind: "cells",
      sheet: target.name,
      row: 0,
      col: cols,
      purpose: "percent",
      cells: [[{ value: "完成百分比" }], [{ value: 0.75, formula: "=3/4", numberFormat: "0.00%" }]],
    });
  const below = { r1: rows + 1, c1: 0, r2: rows + 1, c2: 1 };
  if (rows + 1 < 1048575 && free(below)) {
    plan.push({
      kind: "cells",
      sheet: target.name,
      row: rows + 1,
      col: 0,
      purpose: "score-total",
      cells: [[{ value: "总分" }, { value: 93.9, formula: "=ROUND(93.9,2)" }]],
    });
    plan.push({ kind: "merge", sheet: target.name, range: { r1: rows + 2, c1: 0, r2: rows + 2, c2: 1 } });
  }
  plan.push({ kind: "columnWidths", sheet: target.name, widths: [{ col: Math.min(cols, 16383), width: 14 }] });
  plan.push({
    kind: "conditionalFormat",
    sheet: target.name,
    range: { r1: 0, c1: 0, r2: Math.max(0, rows - 1), c2: Math.max(0, cols - 1) },
    rules: [{ operator: "lessThan", formula1: "0", role: "bad" }],
  });
  plan.push({ kind: "listValidation", sheet: target.name, range: { r1: rows + 3, c1: 0, r2: rows + 5, c2: 0 }, items: ["优秀", "良好", "合格", "不合格"] });
  return plan;
}

/** -0 is stored as 0; a formula whose result is blank reads back as "". */
function readBackValue(cell: PlanCell): CellValue {
  if (typeof cell.value === "number" && Object.is(cell.value, -0)) return 0;
  if (cell.formula !== undefined && cell.value === null) return "";
  return cell.value;
}

const blankFmt = (f: string | null | undefined) => (f === undefined || f === null || f === "General" ? null : f);
const cellOf = <T>(grid: (T | null | undefined)[][] | undefined, r: number, c: number): T | null => grid?.[r]?.[c] ?? null;

function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return a === b;
}

/** Sheets the plan writes into, by lower-cased name. */
function sheetsNamed(plan: readonly PlanOp[]): Set<string> {
  return new Set(plan.map((op) => op.sheet.toLowerCase()));
}

function rawEqual(a: ZipEntry, b: ZipEntry): boolean {
  if (a.method !== b.method || a.crc !== b.crc || a.size !== b.size || a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}

function partText(entry: ZipEntry): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(inflateEntry(entry));
  } catch {
    return null;
  }
}

/**
 * What is wrong with `output`, the result of applying `plan` (made from `before`) to `input`.
 * Empty when nothing is.
 */
export function outputProblems(input: Uint8Array, pkg: XlsxPackage, before: WorkbookSnapshot, plan: Plan, output: Uint8Array): string[] {
  const problems: string[] = [];
  const inEntries = readZipEntries(input);
  let outEntries: ZipEntry[];
  try {
    outEntries = readZipEntries(output);
  } catch (e) {
    return [`output is not a readable zip: ${String(e)}`];
  }
  const outByName = new Map(outEntries.map((e) => [e.name.toLowerCase(), e]));
  if (outByName.size !== outEntries.length) problems.push("output has two entries of the same name");

  // the parts a plan may rewrite: the sheets it names, and the package-level parts a write touches
  const named = sheetsNamed(plan);
  const mayChange = new Set<string>([pkg.workbookPath, pkg.workbookRelsPath, "[Content_Types].xml"].map((p) => p.toLowerCase()));
  if (pkg.stylesPath) mayChange.add(pkg.stylesPath.toLowerCase());
  for (const r of pkg.workbookRels) if (/\/(sharedStrings|calcChain)$/.test(r.type)) mayChange.add(r.target.toLowerCase());
  for (const s of pkg.sheets) if (s.path && named.has(s.name.toLowerCase())) mayChange.add(s.path.toLowerCase());
  const calcChain = pkg.workbookRels.find((r) => r.type.endsWith("/calcChain"))?.target.toLowerCase();

  for (const e of inEntries) {
    const key = e.name.toLowerCase();
    const o = outByName.get(key);
    if (!o) {
      if (key !== calcChain) problems.push(`part ${e.name} was dropped`);
      continue;
    }
    if (o.name !== e.name) problems.push(`part ${e.name} was renamed to ${o.name}`);
    if (!mayChange.has(key) && !rawEqual(e, o)) problems.push(`untouched part ${e.name} is not byte-identical`);
  }
  const inNames = new Set(inEntries.map((e) => e.name.toLowerCase()));
  for (const o of outEntries) {
    const key = o.name.toLowerCase();
    const isNew = !inNames.has(key);
    if (!isNew && !mayChange.has(key)) continue;
    if (!isXmlPart(o.name)) {
      problems.push(`${isNew ? "new" : "rewritten"} part ${o.name} is not XML`);
      continue;
    }
    const text = partText(o);
    if (text === null) {
      problems.push(`part ${o.name} does not inflate to UTF-8`);
      continue;
    }
    const source = isNew ? null : inEntries.find((e) => e.name.toLowerCase() === key)!;
    const wasWellFormed = source
      ? (() => {
          const t = partText(source);
          return t !== null && xmlProblem(t) === null;
        })()
      : true;
    const problem = xmlProblem(text);
    if (wasWellFormed && problem) problems.push(`part ${o.name} is not well-formed XML: ${problem}`);
  }

  let after: WorkbookSnapshot;
  try {
    after = snapshotOf(openXlsx(output), "out");
  } catch (e) {
    return [...problems, `the project's reader cannot read the output: ${e instanceof Error ? e.message : String(e)}`];
  }
  problems.push(...cellProblems(before, after, plan));
  return problems;
}

/** Cells: the same where nothing was written, what the plan said where it was. */
function cellProblems(before: WorkbookSnapshot, after: WorkbookSnapshot, plan: Plan): string[] {
  const problems: string[] = [];
  const added = new Set(plan.flatMap((op) => (op.kind === "addSheet" ? [op.sheet.toLowerCase()] : [])));
  const afterByName = new Map(after.sheets.map((s) => [s.name.toLowerCase(), s]));
  for (const s of before.sheets) if (!afterByName.has(s.name.toLowerCase())) problems.push(`sheet ${s.name} is missing from the output`);
  for (const name of added) if (!afterByName.has(name)) problems.push(`added sheet ${name} is missing from the output`);
  if (after.sheets.length !== before.sheets.length + [...added].filter((n) => !before.sheets.some((s) => s.name.toLowerCase() === n)).length)
    problems.push(`output has ${after.sheets.length} sheets, expected the input's ${before.sheets.length} plus the added ones`);

  const check = (name: string, was: SheetSnapshot | null) => {
    const now = afterByName.get(name.toLowerCase());
    if (!now) return;
    const grid = plannedGrid(plan, name, before);
    const rows = Math.max(was?.values.length ?? 0, now.values.length, grid.length);
    let reported = 0;
    const report = (msg: string) => {
      if (reported++ < 5) problems.push(`${name}!${msg}`);
    };
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(was?.values[r]?.length ?? 0, now.values[r]?.length ?? 0, grid[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const planned = grid[r]?.[c] ?? null;
        const where = `R${r + 1}C${c + 1}`;
        const got = cellOf(now.values, r, c);
        const gotFormula = cellOf(now.formulas, r, c);
        if (planned) {
          if (!sameValue(got, readBackValue(planned))) report(`${where} reads ${JSON.stringify(got)}, the plan wrote ${JSON.stringify(planned.value)}`);
          if ((planned.formula ?? null) !== gotFormula)
            report(`${where} formula ${JSON.stringify(gotFormula)}, the plan wrote ${JSON.stringify(planned.formula)}`);
          if (planned.numberFormat !== undefined && blankFmt(cellOf(now.numberFormats, r, c)) !== blankFmt(planned.numberFormat))
            report(`${where} number format ${JSON.stringify(cellOf(now.numberFormats, r, c))}, the plan set ${JSON.stringify(planned.numberFormat)}`);
          continue;
        }
        const wasValue = was ? cellOf(was.values, r, c) : null;
        if (!sameValue(got, wasValue)) report(`${where} changed from ${JSON.stringify(wasValue)} to ${JSON.stringify(got)} though nothing was written there`);
        const wasFormula = was ? cellOf(was.formulas, r, c) : null;
        if (wasFormula !== gotFormula) report(`${where} formula changed from ${JSON.stringify(wasFormula)} to ${JSON.stringify(gotFormula)}`);
        const wasFmt = blankFmt(was ? cellOf(was.numberFormats, r, c) : null);
        if (wasFmt !== blankFmt(cellOf(now.numberFormats, r, c))) report(`${where} number format changed from ${wasFmt} to ${cellOf(now.numberFormats, r, c)}`);
      }
    }
    if (reported > 5) problems.push(`${name}: ${reported - 5} more cell problems`);
    if (was) {
      if (!!was.hidden !== !!now.hidden) problems.push(`${name}: hidden ${!!was.hidden} became ${!!now.hidden}`);
      const key = (m: CellRange) => `${m.r1},${m.c1},${m.r2},${m.c2}`;
      const kept = new Set((now.merges ?? []).map(key));
      for (const m of was.merges ?? []) if (!kept.has(key(m))) problems.push(`${name}: merge R${m.r1 + 1}C${m.c1 + 1}:R${m.r2 + 1}C${m.c2 + 1} was lost`);
    }
  };
  for (const s of before.sheets) check(s.name, added.has(s.name.toLowerCase()) ? null : s);
  for (const name of added) if (!before.sheets.some((s) => s.name.toLowerCase() === name)) check(name, null);
  return problems;
}

export interface PlanOutcome {
  /** the output, or null when the writer refused with a typed error */
  output: Uint8Array | null;
  refusal: XlsxError | null;
  problems: string[];
}

/** Apply `plan`; a refusal must be typed, a result must pass outputProblems; the input must not change. */
export function applyAndCheck(input: Uint8Array, pkg: XlsxPackage, before: WorkbookSnapshot, plan: Plan): PlanOutcome {
  const copy = input.slice();
  let output: Uint8Array;
  try {
    output = applyPlan(pkg, plan, before);
  } catch (e) {
    const bug = untyped(e);
    return { output: null, refusal: bug ? null : (e as XlsxError), problems: bug ? [`applyPlan threw a plain error: ${bug}`] : [] };
  }
  const problems = outputProblems(input, pkg, before, plan, output);
  if (!input.every((b, i) => b === copy[i])) problems.push("the input bytes were modified");
  return { output, refusal: null, problems };
}

/**
 * A station's tables grafted into a real workbook: an indicator table (with a `371个`-style
 * text figure to normalise) and the four parties' scores, three blank rows below the data of
 * its first visible worksheet, or on a sheet of their own when it has none. Scoring the result
 * makes evaluate() write percentages, totals, normalised inputs, fills and a findings sheet into
 * a package some other program made — its styles, strings, namespaces and all.
 */
export function graftPlan(snapshot: WorkbookSnapshot, pkg: XlsxPackage): Plan {
  const target = snapshot.sheets.find((s, i) => !s.hidden && pkg.sheets[i]?.kind === "worksheet" && pkg.sheets[i]?.path);
  const plan: Plan = [];
  let sheet = target?.name;
  let row = 0;
  if (target) row = usedSize(target).rows + 3;
  if (!sheet || row > 1048000) {
    sheet = "指标完成情况";
    row = 0;
    plan.push({ kind: "addSheet", sheet });
  }
  const t = (value: CellValue): PlanCell => ({ value });
  const cells: (PlanCell | null)[][] = [
    [t("服务内容"), t("单位"), t("指标要求"), t("完成情况"), t("完成百分比")],
    [t("服务对象建档"), t("个"), t(200), t("371个"), null],
    [t("电访"), t("人次"), t(270), t(607), null],
    [t("辅导个案"), t("个"), t(90), t(43), null],
    [null, null, null, null, null],
    [null, null, null, null, null],
    [null, null, null, null, null],
    [t("评估方"), t("权重"), t("得分"), null, null],
    [t("购买方评估（街道）"), t(0.2), t(20), null, null],
    [t("监督方评估（区民政局）"), t(0.1), t(9), null, null],
    [t("督导中心评估"), t(0.15), t(14.55), null, null],
    [t("第三方评估"), t(0.55), t(50.35), null, null],
    [t("总分"), null, null, null, null],
    [t("等级"), null, null, null, null],
  ];
  plan.push({ kind: "cells", sheet, row, col: 0, purpose: "restore", cells });
  return plan;
}
