import { FINDINGS_SHEET_NAME } from "../../../core/findings";
import { REPORT_SHEET_NAME } from "../../../core/report/template";
import type { Report } from "../../../core/types";

/** A name the tool gives its own sheet, with the " (2)" or "(2)" a clash adds to it. */
function isToolName(name: string): boolean {
  const bases = [FINDINGS_SHEET_NAME.zh, FINDINGS_SHEET_NAME.en, REPORT_SHEET_NAME.zh, REPORT_SHEET_NAME.en];
  const bare = name.replace(/\s*\(\d+\)$/, "");
  return bases.includes(bare);
}

/**
 * The sheets a template may be captured from: the user's own. The tool's outputs (the findings
 * and report sheets, and the restored views the last run wrote) are left out.
 */
export function userSheets(names: string[], report: Report | null): string[] {
  const views = new Set(report?.restorations.map((r) => r.outputSheet).filter((n) => n && !report.restorations.some((x) => x.sourceSheet === n)) ?? []);
  return names.filter((n) => !views.has(n) && !isToolName(n));
}

/**
 * The sheet the capture picker starts on: the roster the last run found. Without one (no run
 * yet, or no roster in the workbook) nothing is preselected: guessing would offer an indicator
 * sheet as the template's source.
 */
export function rosterSheet(sheets: string[], report: Report | null): string | null {
  return report?.restorations.map((r) => r.sourceSheet).find((n) => sheets.includes(n)) ?? null;
}
