import * as fs from "node:fs";
import * as path from "node:path";
import { rangeA1 } from "../core/a1";
import { INDICATOR_CATALOGUE } from "../core/indicators/catalogue";
import { DEFAULT_GRADE_BANDS } from "../core/scores/scoreSheet";
import { indicatorName } from "../core/indicators/naming";
import type { IndicatorReport, PlanCell, PlanOp } from "../core/types";
import { applyPlan, newWorkbook, openXlsx } from "../file";

import { describeFsError, InputError, type ScoredFile } from "./score";
import { writeFileAtomic } from "./writeFile";

/** Which column an indicator goes in: its catalogue entry, else its label, else where its name belongs. */
function indicatorKey(i: IndicatorReport): string {
  return i.indicator ?? (i.label ? `label:${i.label}` : `unnamed:${i.labelCell ?? i.targetCell}`);
}

/** One indicator column per catalogue entry met (else the label), in catalogue order. */
function indicatorColumns(files: ScoredFile[]): { key: string; title: string }[] {
  const keys = new Map<string, string>();
  for (const f of files)
    for (const i of f.report.indicators) {
      if (i.area && i.area !== "合计") continue;
      const key = indicatorKey(i);
      if (!keys.has(key)) keys.set(key, i.indicator ? (INDICATOR_CATALOGUE.find((c) => c.id === i.indicator)?.name ?? i.label) : indicatorName(i, "zh"));
    }
  const order = (k: string) => {
    const idx = INDICATOR_CATALOGUE.findIndex((c) => c.id === k);
    return idx < 0 ? 1000 : idx;
  };
  return [...keys].map(([key, title]) => ({ key, title })).sort((a, b) => order(a.key) - order(b.key));
}

/**
 * The association's view across its stations: one row per workbook with the station, total,
 * grade, completion per indicator and findings by severity.
 */
export function summaryPlan(files: ScoredFile[], lang: "zh" | "en", sheet: string): PlanOp[] {
  const cols = indicatorColumns(files);
  const zh = lang === "zh";
  const header = [
    zh ? "文件" : "File",
    zh ? "社工站" : "Station",
    zh ? "总分" : "Total",
    zh ? "等级" : "Grade",
    ...cols.map((c) => c.title),
    zh ? "错误" : "Errors",
    zh ? "警告" : "Warnings",
    zh ? "提示" : "Info",
  ];
  const rows: (PlanCell | null)[][] = [header.map((h) => ({ value: h }))];
  // the district reads the best first; stations without a total go last, in input order
  const ordered = [...files].sort((a, b) => (b.report.scores[0]?.total ?? -Infinity) - (a.report.scores[0]?.total ?? -Infinity));
  for (const f of ordered) {
    const r = f.report;
    const score = r.scores[0];
    const pct = (key: string): PlanCell => {
      const found = r.indicators.find((i) => indicatorKey(i) === key && (!i.area || i.area === "合计"));
      return found && found.percent !== null ? { value: found.percent, numberFormat: "0.00%" } : { value: null };
    };
    const count = (s: string) => r.findings.filter((x) => x.severity === s).length;
    rows.push([
      { value: path.basename(f.input) },
      { value: r.station ?? null },
      { value: score?.total ?? null, numberFormat: "0.00" },
      { value: score?.grade ?? null },
      ...cols.map((c) => pct(c.key)),
      { value: count("error") },
      { value: count("warning") },
      { value: count("info") },
    ]);
  }
  const last = rows.length - 1;
  // 等级分布: live counts of the grade column, so a corrected grade recounts itself
  const gradeCol = rangeA1({ r1: 1, c1: 3, r2: Math.max(1, last), c2: 3 });
  const distributionRow = rows.length + 1;
  rows.push([], [{ value: zh ? "等级分布" : "Grades" }, { value: zh ? "社工站数" : "Stations" }]);
  for (const grade of DEFAULT_GRADE_BANDS.map((b) => b.grade)) {
    const n = ordered.filter((f) => f.report.scores[0]?.grade === grade).length;
    rows.push([{ value: grade }, { value: n, formula: `=COUNTIF(${gradeCol},"${grade}")` }]);
  }
  const scales: PlanOp[] =
    last < 1
      ? []
      : [
          { kind: "conditionalFormat", sheet, range: { r1: 1, c1: 2, r2: last, c2: 2 }, rules: [], scale: { kind: "colorScale", colors: SCALE } },
          ...cols.flatMap((_, k): PlanOp[] => {
            const range = { r1: 1, c1: 4 + k, r2: last, c2: 4 + k };
            return [
              { kind: "conditionalFormat", sheet, range, rules: [], scale: { kind: "colorScale", colors: SCALE } },
              { kind: "conditionalFormat", sheet, range, rules: [], scale: { kind: "dataBar", color: "#638EC6" } },
            ];
          }),
        ];
  return [
    { kind: "cells", sheet, row: 0, col: 0, cells: rows, purpose: "findings" },
    {
      kind: "fill",
      sheet,
      role: "header",
      ranges: [
        { r1: 0, c1: 0, r2: 0, c2: header.length - 1 },
        { r1: distributionRow, c1: 0, r2: distributionRow, c2: 1 },
      ],
    },
    { kind: "freeze", sheet, rows: 1, cols: 1 },
    { kind: "columnWidths", sheet, widths: header.map((h, col) => ({ col, width: col === 0 ? 36 : Math.max(10, h.length * 2 + 2) })) },
    ...scales,
  ];
}

/** red → yellow → green, low to high, as Excel's own three-colour scale */
const SCALE: [string, string, string] = ["#F8696B", "#FFEB84", "#63BE7B"];

export function writeSummaryWorkbook(file: string, files: ScoredFile[], lang: "zh" | "en", force: boolean): void {
  if (!force && fs.existsSync(file)) throw new InputError(`汇总文件已存在：${file}（加 --force 覆盖）`);
  const sheet = lang === "zh" ? "汇总" : "Summary";
  const pkg = openXlsx(newWorkbook(sheet));
  const bytes = applyPlan(pkg, summaryPlan(files, lang, sheet));
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileAtomic(file, bytes);
  } catch (e) {
    throw new InputError(`无法写入汇总文件 ${file}：${describeFsError(e)}`);
  }
}
