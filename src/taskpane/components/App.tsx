import {
  Button,
  Field,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { EvaluateResult } from "../../core/types";
import type { EvaluateFn, SaveFileFn, TemplateTools } from "../appTypes";
import { errorMessage } from "../errors";
import type { PaneSettings, Phase, Progress, ScoringHost } from "../host";
import { LangContext, setLanguage, translate, type Lang, type MessageKey } from "../i18n";
import { saveFile as browserSaveFile, XLSX_MIME } from "../saveFile";
import { bandsOf, defaultSettings, mergeMappings, sanitiseSettings } from "../settings";
import { FindingsList } from "./FindingsList";
import { MappingReview } from "./MappingReview";
import { SettingsPanel } from "./SettingsPanel";
import { Summary } from "./Summary";

export interface AppProps {
  host: ScoringHost;
  evaluate: EvaluateFn;
  templates: TemplateTools;
  /** the language before settings say otherwise (Office's or the browser's) */
  initialLanguage?: Lang;
  theme?: Theme;
  /** shown above the run button: the page's file picker */
  toolbar?: ReactNode;
  /** false while there is nothing to score yet (the page before a file is chosen) */
  canRun?: boolean;
  saveFile?: SaveFileFn;
  /** when this changes (the page picked another file) the previous results are cleared */
  resetKey?: unknown;
}

const PHASES: Phase[] = ["read", "analyse", "write"];

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "16px",
    padding: "12px",
    maxWidth: "960px",
    margin: "0 auto",
    color: tokens.colorNeutralForeground1,
  },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "center" },
});

/** Overall progress across the three phases, so the bar never runs backwards. */
function overall(p: Progress): number {
  const i = PHASES.indexOf(p.phase);
  const within = p.fraction === undefined ? 0.5 : Math.max(0, Math.min(1, p.fraction));
  return (i + within) / PHASES.length;
}

/** Let React paint the phase label before a long synchronous step starts. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function App(props: AppProps) {
  const { host, evaluate, templates } = props;
  const s = useStyles();
  const saveFile = props.saveFile ?? browserSaveFile;
  const [lang, setLang] = useState<Lang>(props.initialLanguage ?? "zh");
  const [settings, setSettings] = useState<PaneSettings>(defaultSettings);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<EvaluateResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [canUndo, setCanUndo] = useState(false);
  // whether 撤销上次运行 is possible, asked of the host after anything that could change it
  const refreshUndo = () => host.canUndo().then(setCanUndo, () => setCanUndo(false));
  const [missing, setMissing] = useState<string[]>([]);
  const [runCount, setRunCount] = useState(0);
  // The latest settings for async handlers that outlive a render.
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const langRef = useRef(lang);
  langRef.current = lang;

  const tr = useCallback((key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params), [lang]);
  const showError = useCallback((e: unknown) => {
    setNotice(null);
    setError(errorMessage(e, langRef.current));
  }, []);

  useEffect(() => {
    setLanguage(lang);
  }, [lang]);

  // Nothing read at start-up is worth an error before the user has asked for anything: settings
  // fall back to the defaults, and a real problem shows when 一键评分 is pressed.
  useEffect(() => {
    let live = true;
    const quietly = async <T,>(read: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await read();
      } catch {
        return fallback;
      }
    };
    (async () => {
      const stored = await quietly(() => host.loadSettings(), null);
      if (!live) return;
      if (stored) {
        const clean = sanitiseSettings(stored);
        setSettings(clean);
        if (clean.language) setLang(clean.language);
      }
      const undo = await quietly(() => host.canUndo(), false);
      const feats = await quietly(() => (host.missingFeatures ? host.missingFeatures() : Promise.resolve([])), [] as string[]);
      if (!live) return;
      setCanUndo(undo);
      setMissing(feats);
    })();
    return () => {
      live = false;
    };
  }, [host]);

  const firstReset = useRef(true);
  useEffect(() => {
    if (firstReset.current) {
      firstReset.current = false;
      return;
    }
    setResult(null);
    setError(null);
    setNotice(null);
    setRunCount((n) => n + 1);
    void refreshUndo();
  }, [props.resetKey, host]);

  const persist = useCallback(
    async (next: PaneSettings) => {
      await host.saveSettings(sanitiseSettings(next));
    },
    [host],
  );

  // A second click can land before React has disabled the button; one run at a time.
  const running = useRef(false);

  const run = async (manualMapping?: Record<string, string | null>) => {
    if (running.current) return;
    running.current = true;
    setError(null);
    setNotice(null);
    const onProgress = (p: Progress) => setProgress(p);
    try {
      setProgress({ phase: "read" });
      const snapshot = await host.readSnapshot(onProgress);
      setProgress({ phase: "analyse" });
      await nextFrame();
      const current = settingsRef.current;
      const outcome = await evaluate(snapshot, {
        ...current.options,
        lang: langRef.current,
        savedMappings: current.savedMappings,
        ...(manualMapping ? { manualMapping } : {}),
      });
      // nothing to score: nothing is written (no sheet, no mark, no file to download)
      const write = !outcome.report.nothingToScore;
      if (write) {
        setProgress({ phase: "write" });
        await host.applyPlan(outcome.plan, onProgress);
      }
      setResult(outcome);
      setRunCount((n) => n + 1);
      if (outcome.mappingsToRemember?.length) {
        const next = { ...settingsRef.current, savedMappings: mergeMappings(settingsRef.current.savedMappings, outcome.mappingsToRemember) };
        setSettings(next);
        await persist(next);
      }
      const remembered = manualMapping && outcome.mappingsToRemember?.length;
      const doneKey: MessageKey = !write ? "run.nothingToScore" : remembered ? "mapping.saved" : host.download ? "run.doneFile" : "run.done";
      setNotice(translate(langRef.current, doneKey));
    } catch (e) {
      showError(e);
    } finally {
      running.current = false;
      setProgress(null);
      await refreshUndo();
    }
  };

  const undo = async () => {
    setError(null);
    setNotice(null);
    try {
      await host.undoLastRun();
      setResult(null);
      setNotice(tr("undo.done"));
    } catch (e) {
      showError(e);
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

  const saveSettings = async () => {
    try {
      await persist(settingsRef.current);
      setError(null);
      setNotice(tr("settings.saved"));
    } catch (e) {
      showError(e);
    }
  };

  const changeLanguage = async (next: Lang) => {
    setLang(next);
    const updated = { ...settingsRef.current, language: next };
    setSettings(updated);
    try {
      await persist(updated);
    } catch (e) {
      showError(e);
    }
  };

  const busy = progress !== null;
  const report = result?.report ?? null;
  const phaseLabel = progress ? tr(`run.phase.${progress.phase}`) : "";

  return (
    <FluentProvider theme={props.theme ?? webLightTheme} lang={lang === "zh" ? "zh-CN" : "en"}>
      <LangContext.Provider value={lang}>
        <main className={s.root}>
          <Text as="h1" size={600} weight="semibold">
            {host.kind === "file" ? tr("web.title") : tr("app.title")}
          </Text>
          {props.toolbar}
          {missing.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>{tr("features.missing", { features: missing.join("；") })}</MessageBarBody>
            </MessageBar>
          )}
          <div className={s.actions}>
            <Button appearance="primary" size="large" disabled={busy || props.canRun === false} onClick={() => run()}>
              {tr("run.button")}
            </Button>
            <Button disabled={busy || !canUndo} onClick={undo}>
              {tr("undo.button")}
            </Button>
            {host.download && report && !report.nothingToScore && (
              <Button appearance="secondary" disabled={busy} onClick={download}>
                {tr("download.button")}
              </Button>
            )}
          </div>
          {progress && (
            <Field label={tr("run.progress", { phase: phaseLabel })} hint={tr("run.steps")}>
              <ProgressBar value={overall(progress)} max={1} thickness="large" aria-label={tr("run.progress", { phase: phaseLabel })} />
            </Field>
          )}
          {error && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>
                <MessageBarTitle>{tr("error.title")}</MessageBarTitle>
                {error}
              </MessageBarBody>
            </MessageBar>
          )}
          {notice && !error && (
            <MessageBar intent="success">
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
          {report && <Summary report={report} bandGrades={bandsOf(settings.options).map((b) => b.grade)} />}
          {report?.restorations.map((r) => (
            <MappingReview
              // a new run gives new proposals, so the review starts over
              key={`${runCount}:${r.outputSheet}`}
              restoration={r}
              busy={busy}
              onApply={(manual) => run(manual)}
            />
          ))}
          {report && <FindingsList findings={report.findings} host={host} onError={showError} />}
          <SettingsPanel
            settings={settings}
            host={host}
            templates={templates}
            busy={busy}
            saveFile={saveFile}
            onChange={setSettings}
            onSave={saveSettings}
            onLanguage={changeLanguage}
            onNotice={(text) => {
              setError(null);
              setNotice(text);
            }}
            onError={showError}
            runCount={runCount}
          />
        </main>
      </LangContext.Provider>
    </FluentProvider>
  );
}
