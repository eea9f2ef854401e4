/**
 * The report draft as plain data, the same for every output: the workbook sheet (live text
 * formulas), the pane (paragraphs to copy) and the Word document. Each paragraph keeps the pieces
 * it was built from, so the sheet can write it as a formula over the cells the figures live in,
 * and the text the other outputs show is exactly what that formula computes.
 */

/** How a referenced number is turned into text, as Excel's TEXT() or & would. */
export type TextFormat =
  /** TEXT(x,"0"), "0.0", "0.00", "0.000" */
  | "0"
  | "0.0"
  | "0.00"
  | "0.000"
  /** TEXT(x,"0.00%") */
  | "0.00%"
  /** TEXT(ABS(x),"0"): a surplus or shortfall said in words */
  | "abs0"
  /** the number as & concatenates it (Excel's General, at most 15 significant digits) */
  | "general";

export type Piece =
  | { kind: "text"; text: string }
  /** a number in a cell, shown with a format */
  | { kind: "number"; sheet: string; cell: string; value: number; format: TextFormat }
  /** a text cell (a label, a grade) taken as it is */
  | { kind: "cellText"; sheet: string; cell: string; value: string }
  /** one of two words by whether a cell's number reaches a threshold (符合 / 不符合, 超配 / 缺配) */
  | { kind: "choice"; sheet: string; cell: string; value: number; threshold: number; atLeast: string; below: string }
  /** a percentage computed from two cells where the sheet has no percent cell */
  | { kind: "ratio"; sheet: string; numerator: string; denominator: string; value: number };

export interface DraftParagraph {
  /** stable within a draft: "indicators.1", "result.total" … */
  id: string;
  text: string;
  pieces: Piece[];
}

/** A table cell: its text, and where it comes from when it mirrors a workbook cell. */
export interface DraftCell {
  text: string;
  /** the value the sheet shows (a number stays a number) */
  value: string | number | null;
  ref?: { sheet: string; cell: string };
  numberFormat?: string;
}

export interface DraftTable {
  columns: string[];
  rows: DraftCell[][];
}

export type DraftSectionId = "assessment" | "staffing" | "indicators" | "result" | "appendix";

export interface DraftSection {
  id: DraftSectionId;
  /** 1 = a chapter (六、七、附件1), 2 = a part of one (（一）项目管理) */
  level: 1 | 2;
  heading: string;
  paragraphs: DraftParagraph[];
  table?: DraftTable;
}

export interface ReportDraft {
  lang: "zh" | "en";
  title: string;
  sections: DraftSection[];
}

/** Every paragraph of a draft as plain text, headings included: what 复制全部 puts on the clipboard. */
export function draftPlainText(draft: ReportDraft): string {
  const out: string[] = [draft.title];
  for (const s of draft.sections) {
    out.push("", s.heading);
    for (const p of s.paragraphs) out.push(p.text);
    if (s.table) {
      out.push(s.table.columns.join("\t"));
      for (const row of s.table.rows) out.push(row.map((c) => c.text).join("\t"));
    }
  }
  return out.join("\n");
}
