import * as fs from "node:fs";
import * as path from "node:path";
import { INDICATOR_CATALOGUE } from "../core/indicators/catalogue";
import type { PlanCell, PlanOp } from "../core/types";
import { applyPlan, newWorkbook, openXlsx } from "../file";

import { describeFsError, InputError, type ScoredFile } from "./score";
import { writeFileAtomic } from "./writeFile";

/** One indicator column per catalogue entry met (else the label), in catalogue order. */
function indicatorColumns(files: ScoredFile[]): { key: string; title: string }[] {
  const keys = new Map<string, string>();
  for (const f of files)
    for (const i of f.report.indicators) {
      if (i.area && i.area !== "合计") continue;
      const key = i.indicator ?? `label:${i.label}`;
      if (!keys.has(key)) keys.set(key, i.indicator ? (INDICATOR_CATALOGUE.find((c) => c.id === i.indicator)?.name ?? i.label) : i.label || "（未命名）");
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
  for (const f of files) {
    const r = f.report;
    const score = r.scores[0];
    const pct = (key: string): PlanCell => {
      const found = r.indicators.find((i) => (i.indicator ?? `label:${i.label}`) === key && (!i.area || i.area === "合计"));
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
  return [
    { kind: "cells", sheet, row: 0, col: 0, cells: rows, purpose: "findings" },
    { kind: "fill", sheet, role: "header", ranges: [{ r1: 0, c1: 0, r2: 0, c2: header.length - 1 }] },
    { kind: "freeze", sheet, rows: 1, cols: 1 },
    { kind: "columnWidths", sheet, widths: header.map((h, col) => ({ col, width: col === 0 ? 36 : Math.max(10, h.length * 2 + 2) })) },
  ];
}

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
