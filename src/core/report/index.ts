/** The evaluator's deliverable: the report's figures drafted from what the run computed. */
export { draftReport, monthsIn, type DraftInput, type StaffingFigures } from "./draft";
export { draftPlainText, type DraftCell, type DraftParagraph, type DraftSection, type DraftTable, type Piece, type ReportDraft } from "./model";
export { cellsAfter, isOwnReportSheet, reportSheetName, reportSheetPlan } from "./sheet";
export { REPORT_TEMPLATES, type ReportTemplate } from "./template";
