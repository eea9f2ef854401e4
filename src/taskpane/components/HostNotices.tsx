import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ScoringRun } from "../hooks/useScoringRun";
import type { ScoringHost } from "../host";
import { useT } from "../i18n";

/**
 * What the Excel host says about a run (issue 11): waiting for a cell edit to end, notes that did
 * not stop the run (with 重新计算后再评分 in manual calculation mode), the question about cells edited
 * since the run when undoing, and the undo record kept
 * inside the workbook with the way to clear it.
 */
export function HostNotices({ host, scoring }: { host: ScoringHost; scoring: ScoringRun }) {
  const t = useT();
  return (
    <>
      {scoring.waiting && (
        <MessageBar intent="info" role="status">
          <MessageBarBody>{t("run.waitingCellEdit")}</MessageBarBody>
        </MessageBar>
      )}
      {scoring.runNotices.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{t("run.notices")}</MessageBarTitle>
            {scoring.runNotices.join("；")}
          </MessageBarBody>
          {scoring.offerCalculate && host.recalculate && (
            <MessageBarActions>
              <Button size="small" disabled={scoring.busy} onClick={() => void scoring.recalculateAndRun()}>
                {t("run.calculateFirst")}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {scoring.undoAsk && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{scoring.undoAsk}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void scoring.undo("keep")}>
              {t("undo.keepEdits")}
            </Button>
            <Button size="small" onClick={() => void scoring.undo("restore")}>
              {t("undo.restoreAnyway")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {host.clearUndoRecord && scoring.canUndo && !scoring.busy && (
        <MessageBar intent="info">
          <MessageBarBody>
            {t("undo.kept")}
            <br />
            {t("undo.excelUndo")}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void scoring.clearUndoRecord()}>
              {t("undo.clear")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}
