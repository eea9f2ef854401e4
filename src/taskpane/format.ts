import { formatPercent as percentText } from "../core/quantity";
import type { Finding, Severity } from "../core/types";

/** 1.855 → "185.50%"; the report keeps fractions, people read percentages with two decimals. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  return percentText(fraction);
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export type GradeTone = "success" | "brand" | "warning" | "danger" | "informative";

/** Badge colour of a grade: known names first, then its place among the bands (best → worst). */
export function gradeTone(grade: string | null | undefined, bandGrades: string[] = []): GradeTone {
  if (!grade) return "informative";
  const g = grade.trim().toLowerCase();
  if (g === "优秀" || g === "excellent") return "success";
  if (g === "良好" || g === "good") return "brand";
  if (g === "合格" || g === "pass" || g === "passed" || g === "satisfactory") return "warning";
  if (g === "不合格" || g === "fail" || g === "failed") return "danger";
  const i = bandGrades.indexOf(grade);
  if (i < 0 || bandGrades.length < 2) return "informative";
  const tones: GradeTone[] = ["success", "brand", "warning", "danger"];
  return i === bandGrades.length - 1 ? "danger" : tones[Math.min(i, 2)];
}

/** Bar colour for an indicator: done, on the way, or far behind (below 60 %). */
export function percentTone(fraction: number | null): "success" | "warning" | "error" | undefined {
  if (fraction === null || !Number.isFinite(fraction)) return undefined;
  if (fraction >= 1) return "success";
  if (fraction < 0.6) return "error";
  return "warning";
}

export const SEVERITY_ORDER: Severity[] = ["error", "warning", "info"];

export interface FindingGroup {
  severity: Severity;
  count: number;
  codes: { code: Finding["code"]; findings: Finding[] }[];
}

/** Findings by severity (errors first), then by code in order of first appearance. */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const severity of SEVERITY_ORDER) {
    const ofSeverity = findings.filter((f) => f.severity === severity);
    if (!ofSeverity.length) continue;
    const byCode = new Map<Finding["code"], Finding[]>();
    for (const f of ofSeverity) {
      const list = byCode.get(f.code);
      if (list) list.push(f);
      else byCode.set(f.code, [f]);
    }
    groups.push({
      severity,
      count: ofSeverity.length,
      codes: [...byCode.entries()].map(([code, list]) => ({ code, findings: list })),
    });
  }
  return groups;
}

/** Sheet!A1 with quotes when the sheet name needs them, as Excel writes it. */
export function cellRef(sheet: string, cell: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(sheet) ? `${sheet}!${cell}` : `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

export type IndicatorStatus = "over" | "met" | "onPace" | "behind" | "under" | "none";

/**
 * 超额 above 100 %, 达标 at it, 无法计算 without a percentage. Below 100 %: with the share of the
 * contract year's targets expected by now (pacing), 按进度 at or above it and 落后进度 below; without
 * it, 未达标 — a mid-term 47.78 % against 41.80 % expected is on pace, not short.
 */
export function indicatorStatus(fraction: number | null | undefined, expected?: number | null): IndicatorStatus {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "none";
  // the percentage is shown with two decimals: 99.999 % reads as 100.00 % and is met
  const shown = Math.round(fraction * 10000);
  if (shown > 10000) return "over";
  if (shown === 10000) return "met";
  if (expected !== null && expected !== undefined && Number.isFinite(expected)) return fraction + 1e-12 >= expected ? "onPace" : "behind";
  return "under";
}

/** 20 → "20.00": points and totals are read to two decimals, as the score sheet prints them */
export function formatPoints(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return n.toFixed(2);
}

/** 0.2 → "20%", 0.155 → "15.5%": weights as the settings write them */
export function formatWeight(fraction: number): string {
  return `${formatNumber(Math.round(fraction * 10000) / 100)}%`;
}
