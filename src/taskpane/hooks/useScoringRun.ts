import { useCallback, useEffect, useRef, useState } from "react";
import type { EvaluateResult, Finding, SavedMapping } from "../../core/types";
import type { EvaluateFn, SaveFileFn } from "../appTypes";
import { errorMessage } from "../errors";
import { HostError, type PaneSettings, type Phase, type Progress, type ScoringHost } from "../host";
import { translate, type Lang, type MessageKey } from "../i18n";
import { XLSX_MIME } from "../saveFile";

export const PHASES: Phase[] = ["read", "analyse", "write"];

/** Overall progress across the three phases, so the bar never runs backwards. */
export function overall(p: Progress): number {
  const i = PHASES.indexOf(p.phase);
  const within = p.fraction === undefined ? 0.5 : Math.max(0, Math.min(1, p.fraction));
  return (i + within) / PHASES.length;
}

/** The phase's name as the user should read it: the page writes nothing back, it makes a file. */
export function phaseKey(phase: Phase, kind: ScoringHost["kind"]): MessageKey {
  return phase === "write" && kind === "file" ? "run.phase.write.file" : `run.phase.${phase}`;
}

/** Let React paint the phase label before a long synchronous step starts. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export type StatusMessage = { kind: "error" | "success"; text: string } | null;

export interface ScoringRunDeps {
  host: ScoringHost;
  evaluate: EvaluateFn;
  saveFile: SaveFileFn;
  settingsRef: { readonly current: PaneSettings };
  langRef: { readonly current: Lang };
  remember(mappings: SavedMapping[]): Promise<void>;
}

export interface ScoringRun {
  progress: Progress | null;
  busy: boolean;
  result: EvaluateResult | null;
  status: StatusMessage;
  /** what the live region says: a phase while running, the outcome when done */
  announcement: string;
  canUndo: boolean;
  /** the page: the grade is shown and the scored file is still being built (download waits for it) */
  preparing: boolean;
  /** the Excel host is held up: waiting for the user to leave a cell being edited */
  waiting: boolean;
  /** notes on this run that did not stop it (the Excel host's plain-Chinese sentences) */
  runNotices: string[];
  /** the host offers to recalculate first (Excel in manual calculation mode) */
  offerCalculate: boolean;
  /** cells the run wrote were edited since: the host's question, until the user answers it */
  undoAsk: string | null;
  /** bumps after every run and reset, so views that depend on the workbook read it again */
  runCount: number;
  run(manualMapping?: Record<string, string | null>): Promise<void>;
  /** `edited` answers the host's question about cells edited since the run */
  undo(edited?: "keep" | "restore"): Promise<void>;
  download(): Promise<void>;
  /** recalculate (manual calculation mode), then score again */
  recalculateAndRun(): Promise<void>;
  /** remove the undo record the Excel host keeps inside the workbook */
  clearUndoRecord(): Promise<void>;
  /** forget results (the page picked another file) */
  reset(): void;
  showError(e: unknown): void;
  showNotice(text: string): void;
}

/**
 * One run at a time: read → evaluate → apply, with progress, the outcome, undo and download.
 * Office calls stay behind the injected host; nothing here knows Excel from a file.
 */
export function useScoringRun(deps: ScoringRunDeps): ScoringRun {
  const { host, evaluate, saveFile, settingsRef, langRef, remember } = deps;
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<EvaluateResult | null>(null);
  const [status, setStatus] = useState<StatusMessage>(null);
  const [announcement, setAnnouncement] = useState("");
  const [canUndo, setCanUndo] = useState(false);
  const [runCount, setRunCount] = useState(0);
  const [preparing, setPreparing] = useState(false);
  // which run's file is being prepared: a later run, a reset or a clear makes an earlier one moot
  const outputRun = useRef(0);
  // the Excel host's own signals during a run: waiting for cell edit, notes that did not stop it
  const [waiting, setWaiting] = useState(false);
  const [runNotices, setRunNotices] = useState<string[]>([]);
  const [offerCalculate, setOfferCalculate] = useState(false);
  const [undoAsk, setUndoAsk] = useState<string | null>(null);
  // A second click can land before React has re-rendered; one run at a time.
  const running = useRef(false);

  const tr = (key: MessageKey, params?: Record<string, string | number>) => translate(langRef.current, key, params);
  const refreshUndo = useCallback(() => host.canUndo().then(setCanUndo, () => setCanUndo(false)), [host]);
  const showError = useCallback((e: unknown) => setStatus({ kind: "error", text: errorMessage(e, langRef.current) }), [langRef]);
  const showNotice = useCallback((text: string) => setStatus({ kind: "success", text }), []);

  useEffect(() => {
    void refreshUndo();
  }, [refreshUndo]);

  // findings the host made while writing, added to the run's own once it is done
  const hostFindings = useRef<Finding[]>([]);
  const onProgress = (p: Progress) => {
    if (p.finding) {
      hostFindings.current.push(p.finding);
      return;
    }
    if (p.notice) {
      setRunNotices((list) => [...list, p.notice as string]);
      if (p.offer === "calculate") setOfferCalculate(true);
      return;
    }
    if (p.waiting !== undefined) {
      setWaiting(p.waiting === "cell-edit");
      if (p.waiting === "cell-edit") setAnnouncement(tr("run.waitingCellEdit"));
      return;
    }
    setProgress(p);
    setAnnouncement(tr("pane.announce.running", { phase: tr(phaseKey(p.phase, host.kind)) }));
  };

  const run = async (manualMapping?: Record<string, string | null>) => {
    if (running.current) return;
    running.current = true;
    const thisRun = ++outputRun.current;
    setPreparing(false);
    setStatus(null);
    setRunNotices([]);
    setOfferCalculate(false);
    hostFindings.current = [];
    try {
      onProgress({ phase: "read" });
      const snapshot = await host.readSnapshot(onProgress);
      onProgress({ phase: "analyse" });
      await nextFrame();
      const current = settingsRef.current;
      const outcome = await evaluate(snapshot, {
        ...current.options,
        lang: langRef.current,
        savedMappings: current.savedMappings,
        ...(current.layouts?.length ? { layouts: current.layouts } : {}),
        ...(manualMapping ? { manualMapping } : {}),
      });
      // nothing to score: nothing is written (no sheet, no mark, no file to download)
      const write = !outcome.report.nothingToScore;
      if (write) {
        onProgress({ phase: "write" });
        await host.applyPlan(outcome.plan, onProgress);
      }
      const extra = hostFindings.current;
      setResult(extra.length ? { ...outcome, report: { ...outcome.report, findings: [...outcome.report.findings, ...extra] } } : outcome);
      setRunCount((n) => n + 1);
      if (outcome.mappingsToRemember?.length) await remember(outcome.mappingsToRemember);
      const remembered = manualMapping && outcome.mappingsToRemember?.length;
      // the page builds the file after the grade is shown: say so until it is ready
      const later = write && host.outputReady ? host.outputReady() : null;
      showNotice(tr(!write ? "run.nothingToScore" : remembered ? "mapping.saved" : later ? "run.donePreparing" : host.download ? "run.doneFile" : "run.done"));
      const score = outcome.report.scores[0];
      const count = outcome.report.findings.length;
      const done =
        score && score.total !== null
          ? tr("pane.announce.done", { total: score.total.toFixed(2), grade: score.grade ?? tr("summary.noGrade"), count })
          : tr("pane.announce.doneNoScore", { count });
      setAnnouncement(done);
      if (later) {
        setPreparing(true);
        later.then(
          () => {
            if (outputRun.current !== thisRun) return;
            setPreparing(false);
            if (!remembered) showNotice(tr("run.doneFile"));
            // the grade is said again with it: a quick file could replace the first words before they are read
            setAnnouncement(`${done} ${tr("download.ready")}`);
          },
          (e: unknown) => {
            if (outputRun.current !== thisRun) return;
            setPreparing(false);
            showError(e);
            setAnnouncement(errorMessage(e, langRef.current));
          },
        );
      }
    } catch (e) {
      showError(e);
      setAnnouncement(errorMessage(e, langRef.current));
    } finally {
      running.current = false;
      setProgress(null);
      setWaiting(false);
      await refreshUndo();
    }
  };

  const undo = async (edited?: "keep" | "restore") => {
    setStatus(null);
    setUndoAsk(null);
    try {
      await host.undoLastRun(edited ? { edited } : undefined);
      outputRun.current++;
      setPreparing(false);
      setResult(null);
      const text = tr(host.kind === "file" ? "clear.done" : "undo.done");
      showNotice(text);
      setAnnouncement(text);
    } catch (e) {
      // cells the run wrote were edited since: the user decides, nothing was changed yet
      if (e instanceof HostError && e.code === "undo-edited") setUndoAsk(errorMessage(e, langRef.current));
      else showError(e);
    }
    await refreshUndo();
  };

  const download = async () => {
    if (!host.download) return;
    try {
      const file = await host.download();
      saveFile(file.name, file.bytes, XLSX_MIME);
    } catch (e) {
      showError(e);
    }
  };

  const recalculateAndRun = async () => {
    if (!host.recalculate) return;
    try {
      await host.recalculate();
    } catch (e) {
      showError(e);
      return;
    }
    await run();
  };

  const clearUndoRecord = async () => {
    if (!host.clearUndoRecord) return;
    setStatus(null);
    try {
      await host.clearUndoRecord();
      showNotice(tr("undo.cleared"));
    } catch (e) {
      showError(e);
    }
    await refreshUndo();
  };

  const reset = useCallback(() => {
    outputRun.current++;
    setPreparing(false);
    setResult(null);
    setStatus(null);
    setRunCount((n) => n + 1);
    void refreshUndo();
  }, [refreshUndo]);

  return {
    progress,
    busy: progress !== null,
    result,
    status,
    announcement,
    canUndo,
    preparing,
    waiting,
    runNotices,
    offerCalculate,
    undoAsk,
    runCount,
    run,
    undo,
    download,
    recalculateAndRun,
    clearUndoRecord,
    reset,
    showError,
    showNotice,
  };
}
