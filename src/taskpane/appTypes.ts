import type { EvaluateOptions, EvaluateResult, SheetSnapshot, TemplateDef, WorkbookSnapshot } from "../core/types";

/**
 * The core's evaluate, as the pane calls it. The add-in passes the core's function directly; the
 * page passes one that runs it in a Web Worker, hence the Promise.
 */
export type EvaluateFn = (snapshot: WorkbookSnapshot, options: EvaluateOptions) => EvaluateResult | Promise<EvaluateResult>;

/** The roster template helpers, injected like evaluate so the pane can be tested without the core. */
export interface TemplateTools {
  builtin: TemplateDef;
  capture(sheet: SheetSnapshot): TemplateDef;
  /** throws with a Chinese message when the JSON is not a usable template */
  validate(json: unknown): TemplateDef;
}

/** The tools, or a loader for them: the add-in fetches them as their own chunk when settings first open. */
export type TemplateToolsSource = TemplateTools | (() => Promise<TemplateTools>);

export type SaveFileFn = (name: string, bytes: Uint8Array, mime?: string) => void;
