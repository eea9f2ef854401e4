import type { SavedLayout } from "../core/layouts/savedLayout";
import type { EvaluateOptions, Finding, Plan, SavedMapping, WorkbookSnapshot } from "../core/types";

/**
 * What the task pane needs from wherever the workbook lives. The pane never touches Excel or a
 * file directly: the Office.js host (src/excel) and the file host (src/web) implement this, and
 * tests use an in-memory one.
 */
export type Phase = "read" | "analyse" | "write";

export interface Progress {
  phase: Phase;
  /** 0..1 within the phase, when known */
  fraction?: number;
  /** the host is held up: "cell-edit" = Excel waits for the user to leave a cell being edited */
  waiting?: "cell-edit" | null;
  /** something the user should know about this run that did not stop it (one sentence, plain Chinese) */
  notice?: string;
  /** what the pane may offer with the notice: "calculate" = recalculate(), then score again */
  offer?: "calculate";
  /** a finding the host made while writing (a cell it left alone: write-skipped-*), shown with the run's findings */
  finding?: Finding;
}

export type ProgressFn = (p: Progress) => void;

/** A failure the pane can explain to the user in plain Chinese, with what to do about it. */
export class HostError extends Error {
  constructor(
    readonly code:
      | "not-in-office"
      | "cell-edit-mode"
      | "sheet-protected"
      | "api-unsupported"
      | "payload-too-large"
      | "file-unreadable"
      | "too-large-for-page"
      | "nothing-to-undo"
      | "timeout"
      | "undo-edited"
      | "unknown",
    message: string,
    /** for sheet-protected: which sheet */
    readonly detail?: string,
    /**
     * for a file the page cannot take: which problem (a `file.problem.*` message) and its values,
     * so the pane says it in either language
     */
    readonly params?: { problem: string } & Record<string, string | number>,
  ) {
    super(message);
    this.name = "HostError";
  }
}

/**
 * Settings kept with the document (add-in) or the browser (page). They never hold cell values or
 * personal data: only choices and header names.
 */
export interface PaneSettings {
  options: EvaluateOptions;
  savedMappings: SavedMapping[];
  /** tables taught by hand (「指定表格」): positions and header text only, never cell values */
  layouts?: SavedLayout[];
  language?: "zh" | "en";
}

export interface ScoringHost {
  readonly kind: "excel" | "file";
  /** read the workbook as the core sees it */
  readSnapshot(progress?: ProgressFn): Promise<WorkbookSnapshot>;
  /** apply a plan; keeps what it overwrites so that undoLastRun can restore it exactly */
  applyPlan(plan: Plan, progress?: ProgressFn): Promise<void>;
  canUndo(): Promise<boolean>;
  /** `edited`: what to do with cells the user changed since the run (asked through HostError "undo-edited") */
  undoLastRun(options?: { edited?: "keep" | "restore" }): Promise<void>;
  /** remove the undo record kept inside the workbook (copies of overwritten cells); Excel host only */
  clearUndoRecord?(): Promise<void>;
  /** recalculate the workbook (Excel in manual calculation mode); Excel host only */
  recalculate?(): Promise<void>;
  /** select a cell in the workbook (Excel) — the file host shows a preview instead */
  selectCell?(sheet: string, cell: string): Promise<void>;
  /** the file host: rows around a cell, for a preview where there is no grid */
  previewRows?(sheet: string, cell: string): Promise<{ headers: string[]; rows: { row: number; cells: string[] }[] } | null>;
  /** the file host: the scored workbook to download */
  download?(): Promise<{ name: string; bytes: Uint8Array }>;
  /**
   * the file host: applyPlan only starts building the scored file, so the grade shows at once;
   * this resolves when the file is built (rejects when building failed). download() waits too.
   */
  outputReady?(): Promise<void>;
  /** names of the workbook's sheets, for "capture a template from a sheet" */
  sheetNames(): Promise<string[]>;
  /**
   * 「指定表格」 in Excel: the sheet and A1 range the user has selected, or null when there is no
   * single range selected. The page has no grid: the user picks a sheet and types the range.
   */
  selectedRange?(): Promise<{ sheet: string; range: string } | null>;
  /** the cells of a range as text, for the layout review's preview (never stored) */
  rangeText?(sheet: string, range: string): Promise<string[][] | null>;
  loadSettings(): Promise<PaneSettings | null>;
  saveSettings(settings: PaneSettings): Promise<void>;
  /** requirement-set features missing on this host, for notices ("条件格式需要 ExcelApi 1.6" …) */
  missingFeatures?(): Promise<string[]>;
}
