import { Button, Field, makeStyles, MessageBar, MessageBarActions, MessageBarBody, ProgressBar, Spinner } from "@fluentui/react-components";
import { ArrowDownload20Regular, ArrowUndo20Regular, Delete20Regular } from "@fluentui/react-icons";
import { forwardRef, useId } from "react";
import type { Progress, ScoringHost } from "../host";
import { useT } from "../i18n";
import { overall, phaseKey } from "../hooks/useScoringRun";

const useStyles = makeStyles({
  bar: { display: "flex", flexDirection: "column", gap: "8px" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "center" },
});

export interface RunBarProps {
  kind: ScoringHost["kind"];
  progress: Progress | null;
  /** false while there is nothing to score (the page before a usable file is chosen) */
  canRun: boolean;
  /** weights that do not add up to 100 %: the run waits, and says where to fix them */
  weightsSum: number | null;
  /** stored headcounts with more certified than all: the run waits the same way */
  staffProblem?: { all: number; certified: number } | null;
  canUndo: boolean;
  canDownload: boolean;
  /** the page: the scored file is still being built; the button stays usable and waits for it */
  preparing?: boolean;
  onRun: () => void;
  onUndo: () => void;
  onDownload: () => void;
  onFixSettings: () => void;
}

/**
 * 一键评分 and what goes with it. While a run is busy the button stays focusable (a disabled
 * button drops keyboard focus to the page body); the phase shows under it.
 */
export const RunBar = forwardRef<HTMLButtonElement, RunBarProps>(function RunBar(p, runRef) {
  const t = useT();
  const s = useStyles();
  const blockedId = useId();
  const busy = p.progress !== null;
  const staff = p.staffProblem ?? null;
  const blocked = p.weightsSum !== null || staff !== null;
  const phase = p.progress ? t(phaseKey(p.progress.phase, p.kind)) : "";
  const clearing = p.kind === "file";
  return (
    <div className={s.bar}>
      <div className={s.actions}>
        <Button
          ref={runRef}
          appearance="primary"
          size="large"
          disabled={!p.canRun}
          disabledFocusable={p.canRun && (busy || blocked)}
          aria-describedby={blocked ? blockedId : undefined}
          onClick={p.onRun}
        >
          {t("run.button")}
        </Button>
        <Button icon={clearing ? <Delete20Regular /> : <ArrowUndo20Regular />} disabled={busy || !p.canUndo} onClick={p.onUndo}>
          {t(clearing ? "clear.button" : "undo.button")}
        </Button>
        {p.canDownload && (
          <Button
            // the spinner is decoration: the button's name and aria-busy say it is being prepared
            icon={p.preparing ? <Spinner size="extra-tiny" aria-hidden /> : <ArrowDownload20Regular />}
            disabled={busy}
            aria-busy={p.preparing || undefined}
            onClick={p.onDownload}
          >
            {t(p.preparing ? "download.preparing" : "download.button")}
          </Button>
        )}
      </div>
      {blocked && (
        <MessageBar intent="warning" id={blockedId}>
          <MessageBarBody>{p.weightsSum !== null ? t("settings.weightsBlock", { sum: p.weightsSum }) : t("settings.staffBlock", { ...staff })}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={p.onFixSettings}>
              {t(p.weightsSum !== null ? "settings.weightsFix" : "settings.staffFix")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {p.progress && (
        <Field label={t("run.progress", { phase })} hint={t(clearing ? "run.steps.file" : "run.steps")}>
          <ProgressBar value={overall(p.progress)} max={1} thickness="large" aria-label={t("run.progress", { phase })} />
        </Field>
      )}
    </div>
  );
});
