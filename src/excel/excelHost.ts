import { sheetLookup } from "../core/runs";
import type { Plan, WorkbookSnapshot } from "../core/types";
import { HostError, type PaneSettings, type ProgressFn, type ScoringHost } from "../taskpane/host";
import { applyPlanInExcel } from "./applyPlan";
import type { RunEnv } from "./sheetOps";
import { LiveBudget, type SyncCounter, syncOnce } from "./blocks";
import { MSG_API_UNSUPPORTED, MSG_NOT_IN_OFFICE, toHostError } from "./errors";
import { type Features, type SetCheck, detectFeatures, featureNotices } from "./features";
import { type Budget, DEFAULT_BUDGET } from "./limits";
import { listSheets, readWorkbook } from "./readWorkbook";
import { loadFrom, saveTo } from "./settingsStore";
import { UNDO_SHEET } from "./undoRecord";
import { readUndoHeader, undoInExcel } from "./undoRun";

export type ExcelRun = <T>(options: Excel.RunOptions, batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  /** defaults to the global Excel.run */
  run?: ExcelRun;
  /** defaults to Office.context.requirements.isSetSupported */
  isSetSupported?: SetCheck;
  /** defaults to Office.context.document.settings */
  settings?: () => Office.Settings;
  /** name shown in reports; defaults to the document's file name */
  source?: () => string;
  budget?: Partial<Budget>;
  /** clock for the undo record's time stamp */
  now?: () => Date;
}

export interface ExcelHost extends ScoringHost {
  readonly kind: "excel";
  /** context.sync calls made by the last operation (tests and the bench read it) */
  readonly lastSyncs: number;
  selectCell(sheet: string, cell: string): Promise<void>;
  missingFeatures(): Promise<string[]>;
}

interface OfficeGlobals {
  run: ExcelRun;
  isSetSupported: SetCheck;
}

function globals(opts: ExcelHostOptions): OfficeGlobals {
  const g = globalThis as { Excel?: typeof Excel; Office?: typeof Office };
  const run = opts.run ?? (g.Excel?.run ? (g.Excel.run as unknown as ExcelRun) : undefined);
  const isSetSupported =
    opts.isSetSupported ?? (g.Office?.context?.requirements ? (n: string, v: string) => g.Office!.context.requirements.isSetSupported(n, v) : undefined);
  if (!run || !isSetSupported) throw new HostError("not-in-office", MSG_NOT_IN_OFFICE);
  return { run, isSetSupported };
}

function documentName(): string {
  const url = (globalThis as { Office?: typeof Office }).Office?.context?.document?.url;
  if (!url) return "当前工作簿";
  const last = decodeURIComponent(url.split(/[\\/]/).pop() ?? "");
  return last || "当前工作簿";
}

/** The Office.js host. Every call is one Excel.run that waits for the user to leave cell-edit mode. */
export function createExcelHost(opts: ExcelHostOptions = {}): ExcelHost {
  let lastSyncs = 0;
  // the snapshot the pane's plan was made from: value runs of a frozen view copy from it
  let lastSnapshot: WorkbookSnapshot | null = null;
  const budgetFor = () => new LiveBudget({ ...DEFAULT_BUDGET, ...opts.budget });

  async function runInExcel<T>(body: (env: RunEnv) => Promise<T>, needsBase = true): Promise<T> {
    const { run, isSetSupported } = globals(opts);
    const features: Features = detectFeatures(isSetSupported);
    if (needsBase && !features.base) throw new HostError("api-unsupported", MSG_API_UNSUPPORTED);
    const counter: SyncCounter = { syncs: 0 };
    // No mergeUndoGroup (ExcelApi 1.20): a grouped run throws UndoNotSupported as soon as it
    // calls an API without undo support, and a run uses three of them (Worksheet.visibility and
    // .position on Windows and Mac, Worksheet.delete everywhere). "撤销上次运行" is the undo.
    const options: Excel.RunOptions = { delayForCellEdit: true };
    try {
      return await run(options, (ctx) => body({ ctx, features, budget: budgetFor(), counter }));
    } catch (e) {
      throw toHostError(e);
    } finally {
      lastSyncs = counter.syncs;
    }
  }

  const host: ExcelHost = {
    kind: "excel",
    get lastSyncs() {
      return lastSyncs;
    },

    readSnapshot(progress?: ProgressFn): Promise<WorkbookSnapshot> {
      const source = opts.source?.() ?? documentName();
      return runInExcel(async (env) => {
        const snapshot = await readWorkbook(env.ctx, source, env.features, env.budget, env.counter, (fraction) => progress?.({ phase: "read", fraction }));
        lastSnapshot = snapshot;
        return snapshot;
      });
    },

    applyPlan(plan: Plan, progress?: ProgressFn): Promise<void> {
      const at = (opts.now?.() ?? new Date()).toISOString();
      const sheets = lastSnapshot ? sheetLookup(lastSnapshot) : () => undefined;
      return runInExcel((env) => applyPlanInExcel(env, plan, at, sheets, (fraction) => progress?.({ phase: "write", fraction })));
    },

    canUndo(): Promise<boolean> {
      return runInExcel(async (env) => (await readUndoHeader(env, false)).header !== null);
    },

    undoLastRun(): Promise<void> {
      return runInExcel((env) => undoInExcel(env));
    },

    selectCell(sheet: string, cell: string): Promise<void> {
      return runInExcel(async (env) => {
        const ws = env.ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await syncOnce(env.ctx, env.counter);
      }, false);
    },

    sheetNames(): Promise<string[]> {
      return runInExcel(async (env) => (await listSheets(env.ctx, env.counter, false)).map((s) => s.name).filter((n) => n !== UNDO_SHEET), false);
    },

    async loadSettings(): Promise<PaneSettings | null> {
      return loadFrom(settingsObject(opts));
    },

    async saveSettings(settings: PaneSettings): Promise<void> {
      await saveTo(settingsObject(opts), settings);
    },

    async missingFeatures(): Promise<string[]> {
      return featureNotices(detectFeatures(globals(opts).isSetSupported));
    },
  };
  return host;
}

function settingsObject(opts: ExcelHostOptions): Office.Settings {
  if (opts.settings) return opts.settings();
  const s = (globalThis as { Office?: typeof Office }).Office?.context?.document?.settings;
  if (!s) throw new HostError("not-in-office", MSG_NOT_IN_OFFICE);
  return s;
}
