/**
 * The staffing half of the core: find each 社工到岗情况统计表, count 应到岗 / 实到岗 / 超配 per
 * class, the 稳岗率 and the qualification mix at the last month, and write them beside the table
 * (or into the cells the sheet labels for them) as live formulas over its month columns.
 */
import type { Finding, StaffingReport, WorkbookSnapshot } from "../types";
import { assessStaffing, type StaffingContext, type StaffingWrite } from "./assess";
import { detectStaffingTable } from "./detect";

export { BLOCK_TITLE as STAFFING_BLOCK_TITLE, readCert } from "./assess";
export { DEFAULT_RETENTION_THRESHOLD } from "./vocabulary";

export interface StaffingAnalysis {
  reports: StaffingReport[];
  findings: Finding[];
  writes: StaffingWrite[];
  /** sheets holding a staffing table: no other analyser should take them */
  sheets: string[];
}

export function analyseStaffing(snapshot: WorkbookSnapshot, ctx: StaffingContext, skip: Set<string>): StaffingAnalysis {
  const out: StaffingAnalysis = { reports: [], findings: [], writes: [], sheets: [] };
  for (const sheet of snapshot.sheets) {
    if (sheet.hidden || skip.has(sheet.name)) continue;
    const table = detectStaffingTable(sheet);
    if (!table) continue;
    const r = assessStaffing(sheet, table, ctx);
    out.sheets.push(sheet.name);
    out.findings.push(...r.findings);
    out.writes.push(...r.writes);
    if (r.report) out.reports.push(r.report);
  }
  return out;
}
