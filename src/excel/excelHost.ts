import { sheetLookup } from "../core/runs";
import type { Plan, WorkbookSnapshot } from "../core/types";
import { HostError, type PaneSettings, type Phase, type ProgressFn, type ScoringHost } from "../taskpane/host";
import { applyPlanInExcel } from "./applyPlan";
import type { RunWriteSession } from "./runWrites";
import type { RunEnv } from "./sheetOps";
import { LiveBudget, type SyncCounter, syncOnce } from "./blocks";
import { MSG_API_UNSUPPORTED, MSG_NOT_IN_OFFICE, toHostError } from "./errors";
import { type Features, type SetCheck, detectFeatures, featureNotices } from "./features";
import { type Budget, DEFAULT_BUDGET } from "./limits";
import { listSheets, readWorkbook } from "./readWorkbook";
import { loadFrom, saveTo } from "./settingsStore";
import { UNDO_SHEET } from "./undoRecord";
import { type UndoOptions, clearUndoParts, hasUndoRecord, undoInExcel } from "./undoRun";

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
  /** a context.sync unanswered after this many ms ends the run with a plain message; 0 = wait forever */
  syncTimeoutMs?: number;
  /** what this pane has learnt about bulk run writes (runWrites.ts); defaults to the pane's own */
  runWrites?: RunWriteSession;
}

/** context.sync() has no timeout of its own (OfficeDev/office-js#6678) */
export const DEFAULT_SYNC_TIMEOUT_MS = 60_000;

export interface ExcelHost extends ScoringHost {
  readonly kind: "excel";
  /** context.sync calls made by the last operation (tests and the bench read it) */
  readonly lastSyncs: number;
  selectCell(sheet: string, cell: string): Promise<void>;
  missingFeatures(): Promise<string[]>;
  clearUndoRecord(): Promise<void>;
  recalculate(): Promise<void>;
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

/** "'My Sheet'!A2:F14" → { sheet: "My Sheet", range: "A2:F14" }, quotes doubled inside. */
export function splitAddress(address: string): { sheet: string; range: string } | null {
  const at = address.lastIndexOf("!");
  if (at < 0) return null;
  let sheet = address.slice(0, at);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const range = address.slice(at + 1).replace(/\$/g, "");
  return sheet && range && !range.includes(",") ? { sheet, range } : null;
}

function documentName(): string {
  const url = (globalThis as { Office?: typeof Office }).Office?.context?.document?.url;
  return fileNameOf(url);
}

/**
 * The file name at the end of a document URL or local path. A path such as
 * C:\评估\100%完成.xlsx is not percent-encoded at all, and decodeURIComponent throws a
 * URIError on its "%完"; only a name that decodes cleanly is decoded.
 */
export function fileNameOf(url: string | undefined | null): string {
  if (!url) return "当前工作簿";
  const last = url.split(/[\\/]/).pop() ?? "";
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // a literal "%" in a local path: the name is already plain text
  }
  return name || "当前工作簿";
}

/** The Office.js host. Every call is one Excel.run that waits for the user to leave cell-edit mode. */
export function createExcelHost(opts: ExcelHostOptions = {}): ExcelHost {
  let lastSyncs = 0;
  // the snapshot the pane's plan was made from: value runs of a frozen view copy from it
  let lastSnapshot: WorkbookSnapshot | null = null;
  // the read found a 1904 workbook: dates the plan writes go back as its own serials
  let lastDate1904 = false;
  const budgetFor = () => new LiveBudget({ ...DEFAULT_BUDGET, ...opts.budget });

  async function runInExcel<T>(body: (env: RunEnv) => Promise<T>, needsBase = true, progress?: ProgressFn, phase: Phase = "read"): Promise<T> {
    const { run, isSetSupported } = globals(opts);
    const features: Features = detectFeatures(isSetSupported);
    if (needsBase && !features.base) throw new HostError("api-unsupported", MSG_API_UNSUPPORTED);
    const counter: SyncCounter = { syncs: 0, timeoutMs: opts.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS };
    // a batch held for a while is, on hosts that queue batches during cell edit, most likely
    // waiting for the user to leave the cell (excel-add-ins-delay-in-cell-edit); elsewhere the
    // batch fails with InvalidOperationInCellEditMode and the pane says so instead
    if (features.delayForCellEdit && progress) {
      counter.onSlow = () => progress({ phase, waiting: "cell-edit" });
      counter.onResumed = () => progress({ phase, waiting: null });
    }
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
      return runInExcel(
        async (env) =>
          (lastSnapshot = await readWorkbook(
            env.ctx,
            source,
            env.features,
            env.budget,
            env.counter,
            (fraction) => progress?.({ phase: "read", fraction }),
            (notice, offer) => progress?.({ phase: "read", notice, ...(offer ? { offer } : {}) }),
            (is1904) => (lastDate1904 = is1904),
          )),
        true,
        progress,
        "read",
      );
    },

    applyPlan(plan: Plan, progress?: ProgressFn): Promise<void> {
      const at = (opts.now?.() ?? new Date()).toISOString();
      const sheets = lastSnapshot ? sheetLookup(lastSnapshot) : () => undefined;
      return runInExcel(
        (env) =>
          applyPlanInExcel(
            env,
            plan,
            at,
            (fraction) => progress?.({ phase: "write", fraction }),
            (notice) => progress?.({ phase: "write", notice }),
            sheets,
            opts.runWrites,
            (finding) => progress?.({ phase: "write", finding }),
            lastDate1904,
          ),
        true,
        progress,
        "write",
      );
    },

    canUndo(): Promise<boolean> {
      return runInExcel((env) => hasUndoRecord(env));
    },

    clearUndoRecord(): Promise<void> {
      return runInExcel((env) => clearUndoParts(env));
    },

    recalculate(): Promise<void> {
      return runInExcel(async (env) => {
        env.ctx.application.calculate("Recalculate");
        await syncOnce(env.ctx, env.counter);
      }, false);
    },

    undoLastRun(options?: UndoOptions): Promise<void> {
      return runInExcel((env) => undoInExcel(env, options));
    },

    selectCell(sheet: string, cell: string): Promise<void> {
      return runInExcel(async (env) => {
        const ws = env.ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await syncOnce(env.ctx, env.counter);
      }, false);
    },

    // Workbook.getSelectedRange (ExcelApi 1.1) throws when several ranges are selected:
    // learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-getselectedrange-member(1)
    selectedRange(): Promise<{ sheet: string; range: string } | null> {
      return runInExcel(async (env) => {
        const range = env.ctx.workbook.getSelectedRange();
        range.load("address");
        try {
          await syncOnce(env.ctx, env.counter);
        } catch {
          return null;
        }
        return splitAddress(range.address);
      }, false);
    },

    rangeText(sheet: string, range: string): Promise<string[][] | null> {
      return runInExcel(async (env) => {
        const r = env.ctx.workbook.worksheets.getItem(sheet).getRange(range);
        r.load("text");
        await syncOnce(env.ctx, env.counter);
        return r.text.map((row) => row.map((t) => String(t)));
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
