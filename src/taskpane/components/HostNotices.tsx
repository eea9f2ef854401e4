import { Button, Link, makeStyles, mergeClasses, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useId, useState } from "react";
import type { ScoringRun } from "../hooks/useScoringRun";
import type { ScoringHost } from "../host";
import { useT } from "../i18n";

/**
 * What the Excel host says about a run (issue 11): waiting for a cell edit to end, notes that did
 * not stop the run (with 重新计算后再评分 in manual calculation mode), the question about cells edited
 * since the run when undoing, and the undo record kept
 * inside the workbook with the way to clear it.
 */
const useStyles = makeStyles({
  details: { margin: "4px 0 0", display: "flex", flexDirection: "column", gap: "4px" },
  // the message bar's body would otherwise keep the link on the summary's line, cut off at 320 px
  more: { whiteSpace: "nowrap" },
  hidden: { display: "none" },
});

/** The undo record kept in the workbook: one short line, the full account behind 了解更多. */
function UndoRecordNotice({ onClear }: { onClear: () => void }) {
  const t = useT();
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        {t("undo.keptShort")}{" "}
        <Link as="button" className={s.more} aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
          {t(open ? "undo.less" : "undo.more")}
        </Link>
        <span id={detailsId} className={mergeClasses(s.details, !open && s.hidden)}>
          <span>{t("undo.kept")}</span>
          <span>{t("undo.excelUndo")}</span>
        </span>
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onClear}>
          {t("undo.clear")}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

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
      {host.clearUndoRecord && scoring.canUndo && !scoring.busy && <UndoRecordNotice onClear={() => void scoring.clearUndoRecord()} />}
    </>
  );
}
