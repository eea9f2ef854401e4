import {
  Button,
  FluentProvider,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { EvaluateFn, SaveFileFn, TemplateTools, TemplateToolsSource } from "../appTypes";
import type { ScoringHost } from "../host";
import { usePaneSettings } from "../hooks/usePaneSettings";
import { useScoringRun } from "../hooks/useScoringRun";
import { LangContext, translate, type Lang } from "../i18n";
import { saveFile as browserSaveFile } from "../saveFile";
import { bandsOf, staffProblem, weightsProblem } from "../settings";
import { HostNotices } from "./HostNotices";
import { downloadDraftDocx } from "./report/downloadDraft";
import { PaneHeader } from "./PaneHeader";
import { PaneIntro } from "./PaneIntro";
import { ResultsSection } from "./ResultsSection";
import { RunBar } from "./RunBar";
import { StatusBar } from "./StatusBar";
import { TeachOffer } from "./TeachOffer";
import { VisuallyHidden } from "./VisuallyHidden";

// Views most opens never show, fetched as their own chunks when first shown: the pane's first load
// (Excel loads it on every open) stays within its budget (test/build/measure-bundle.js).
const SettingsView = lazy(() => import(/* webpackChunkName: "pane-settings" */ "./settings/SettingsView").then((m) => ({ default: m.SettingsView })));
const ReportDraftPanel = lazy(() => import(/* webpackChunkName: "pane-report" */ "./report/ReportDraftPanel").then((m) => ({ default: m.ReportDraftPanel })));
// The findings list (with the findings catalogue it re-renders messages from) only shows after a
// run: its chunk is requested as the run starts, so it has arrived by the time results show.
const loadFindingsList = () => import(/* webpackChunkName: "pane-findings" */ "./findings/FindingsList");
const FindingsList = lazy(() => loadFindingsList().then((m) => ({ default: m.FindingsList })));
const MappingReview = lazy(() => import(/* webpackChunkName: "pane-mapping" */ "./MappingReview").then((m) => ({ default: m.MappingReview })));
const TeachLayoutPanel = lazy(() => import(/* webpackChunkName: "pane-layouts" */ "./layouts/TeachLayoutPanel").then((m) => ({ default: m.TeachLayoutPanel })));

export interface AppProps {
  host: ScoringHost;
  evaluate: EvaluateFn;
  templates: TemplateToolsSource;
  /** the language before settings say otherwise (Office's or the browser's) */
  initialLanguage?: Lang;
  theme?: Theme;
  /** shown above the run button: the page's file picker */
  toolbar?: ReactNode;
  /** false while there is nothing to score yet (the page before a usable file is chosen) */
  canRun?: boolean;
  saveFile?: SaveFileFn;
  /** when this changes (the page picked another file) the previous results are cleared */
  resetKey?: unknown;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "16px",
    padding: "12px",
    maxWidth: "960px",
    margin: "0 auto",
    boxSizing: "border-box",
    color: tokens.colorNeutralForeground1,
    overflowWrap: "anywhere",
  },
  view: { display: "flex", flexDirection: "column", gap: "16px" },
  hidden: { display: "none" },
});

/**
 * The pane: composes small parts around two hooks, settings (usePaneSettings) and the run
 * (useScoringRun). Office and the file stay behind the injected host.
 */
export function App(props: AppProps) {
  const { host, evaluate, templates } = props;
  const s = useStyles();
  const saveFile = props.saveFile ?? browserSaveFile;
  const prefs = usePaneSettings(host, props.initialLanguage ?? "zh");
  const scoring = useScoringRun({ host, evaluate, saveFile, settingsRef: prefs.settingsRef, langRef: prefs.langRef, remember: prefs.remember });
  const [settingsOpen, setSettingsOpen] = useState(false);
  // 指定表格: closed (null), open, or open on a table-not-understood finding's cell
  const [teach, setTeach] = useState<{ start: { sheet: string; cell: string } | null } | null>(null);
  const teachOpen = teach !== null;
  const teachButton = useRef<HTMLButtonElement>(null);
  const [tools, setTools] = useState<TemplateTools | null>(typeof templates === "function" ? null : templates);
  useEffect(() => {
    if (settingsOpen && !tools && typeof templates === "function") void templates().then(setTools, scoring.showError);
  }, [settingsOpen, tools, templates]);
  const runButton = useRef<HTMLButtonElement>(null);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  const { lang, settings } = prefs;
  const tr = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);

  const firstReset = useRef(true);
  useEffect(() => {
    if (firstReset.current) {
      firstReset.current = false;
      return;
    }
    scoring.reset();
    // a range picked in the previous file means nothing in this one
    setTeach(null);
  }, [props.resetKey, host]);

  // After a run, focus moves to the results heading when it was on the run button (or lost).
  const report = scoring.result?.report ?? null;
  // Everything under the result card (findings, reviews, the draft) renders a step later and in
  // slices React can pause, so the grade is on screen without waiting for hundreds of rows.
  const now = useMemo(() => ({ result: scoring.result, runCount: scoring.runCount }), [scoring.result, scoring.runCount]);
  const later = useDeferredValue(now);
  const laterReport = later.result?.report ?? null;
  useEffect(() => {
    if (!focusResults.current || !report) return;
    focusResults.current = false;
    const active = typeof document !== "undefined" ? document.activeElement : null;
    if (!active || active === document.body || active === runButton.current) resultsHeading.current?.focus();
  }, [report, scoring.runCount]);

  const run = async (manual?: Record<string, string | null>) => {
    focusResults.current = !manual;
    void loadFindingsList();
    await scoring.run(manual);
  };

  const closeSettings = () => {
    setSettingsOpen(false);
    // back where the user left: the settings button
    setTimeout(() => settingsButton.current?.focus(), 0);
  };

  const closeTeach = () => {
    setTeach(null);
    setTimeout(() => teachButton.current?.focus(), 0);
  };

  const weightsSum = weightsProblem(settings.options);
  const addedMissing = settings.options.addMissingColumns !== false && settings.options.restore !== false;

  return (
    <FluentProvider theme={props.theme ?? webLightTheme} lang={lang === "zh" ? "zh-CN" : "en"}>
      <LangContext.Provider value={lang}>
        <main className={s.root}>
          <PaneHeader
            ref={settingsButton}
            title={tr(host.kind === "file" ? "web.title" : "app.title")}
            onSettings={() => setSettingsOpen(true)}
            settingsOpen={settingsOpen}
          />
          {settingsOpen && !tools && <Spinner size="tiny" />}
          {settingsOpen && tools && (
            <Suspense fallback={<Spinner size="tiny" />}>
              <SettingsView
                onClose={closeSettings}
                settings={settings}
                onApply={async (next) => {
                  await prefs.apply(next);
                  scoring.showNotice(translate(next.language ?? lang, "settings.saved"));
                }}
                host={host}
                templates={tools}
                saveFile={saveFile}
                busy={scoring.busy}
                report={report}
                runCount={scoring.runCount}
              />
            </Suspense>
          )}
          {/* the main view stays mounted under settings, so filters and open sections survive */}
          <div className={mergeClasses(s.view, settingsOpen && s.hidden)} hidden={settingsOpen}>
            {props.toolbar}
            {prefs.missingFeatures.length > 0 && (
              <MessageBar intent="warning">
                <MessageBarBody>{tr("features.missing", { features: prefs.missingFeatures.join("；") })}</MessageBarBody>
              </MessageBar>
            )}
            <RunBar
              ref={runButton}
              kind={host.kind}
              progress={scoring.progress}
              canRun={props.canRun !== false}
              weightsSum={weightsSum}
              staffProblem={staffProblem(settings.options)}
              canUndo={scoring.canUndo}
              canDownload={!!host.download && !!report && !report.nothingToScore}
              preparing={scoring.preparing}
              onRun={() => void run()}
              onUndo={() => void scoring.undo()}
              onDownload={() => void scoring.download()}
              onFixSettings={() => setSettingsOpen(true)}
            />
            <div>
              <Button
                ref={teachButton}
                aria-expanded={teachOpen}
                disabled={props.canRun === false}
                onClick={() => setTeach((o) => (o ? null : { start: null }))}
              >
                {tr("layout.teach")}
              </Button>
            </div>
            {/* below the buttons, so they stay where they are when it goes after a run */}
            {host.kind === "excel" && !report && !scoring.busy && !teachOpen && <PaneIntro />}
            {teach && props.canRun !== false && (
              <Suspense fallback={<Spinner size="tiny" />}>
                <TeachLayoutPanel
                  key={teach.start ? `${teach.start.sheet}!${teach.start.cell}` : ""}
                  start={teach.start}
                  host={host}
                  settings={settings}
                  saveFile={saveFile}
                  busy={scoring.busy}
                  onSaveLayouts={async (layouts, notice) => {
                    await prefs.apply({ ...prefs.settingsRef.current, layouts });
                    scoring.showNotice(notice);
                  }}
                  onError={scoring.showError}
                  onClose={closeTeach}
                />
              </Suspense>
            )}
            <VisuallyHidden role="status" aria-live="polite" aria-atomic>
              {scoring.announcement}
            </VisuallyHidden>
            <HostNotices host={host} scoring={scoring} />
            <StatusBar status={scoring.status} />
            {laterReport && !teachOpen && (
              <TeachOffer findings={laterReport.findings} busy={scoring.busy} onTeach={(sheet, cell) => setTeach({ start: { sheet, cell } })} />
            )}
            {report && (
              <ResultsSection ref={resultsHeading} report={report} bandGrades={bandsOf(settings.options).map((b) => b.grade)} addedMissing={addedMissing} />
            )}
            <Suspense fallback={<Spinner size="tiny" />}>
              {later.result?.draft && later.result.draft.sections.length > 0 && (
                <ReportDraftPanel
                  draft={later.result.draft}
                  onDownloadDoc={host.kind === "file" ? () => void downloadDraftDocx(later.result?.draft, saveFile, lang).catch(scoring.showError) : undefined}
                />
              )}
              {laterReport?.restorations.map((r) => (
                <MappingReview
                  // a new run gives new proposals, so the review starts over
                  key={`${later.runCount}:${r.outputSheet}`}
                  restoration={r}
                  busy={scoring.busy}
                  addedMissing={addedMissing}
                  onApply={(manual) => void run(manual)}
                />
              ))}
            </Suspense>
            {laterReport && (
              <Suspense fallback={<Spinner size="tiny" />}>
                <FindingsList key={later.runCount} findings={laterReport.findings} host={host} onError={scoring.showError} />
              </Suspense>
            )}
          </div>
        </main>
      </LangContext.Provider>
    </FluentProvider>
  );
}
