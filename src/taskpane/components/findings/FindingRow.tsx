import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Finding } from "../../../core/types";
import { findingMessage } from "../../../core/findings";
import { cellRef } from "../../format";
import { useLang, useT } from "../../i18n";

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: "2px",
    width: "100%",
    minWidth: 0,
    padding: "6px 8px",
    border: "none",
    borderLeft: "3px solid transparent",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    font: "inherit",
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    textAlign: "left",
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    ":hover": { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  message: { overflowWrap: "anywhere" },
  // the cell as a secondary, link-like line in the UI font (no monospace: Chinese sheet names would fall back to a serif)
  ref: {
    color: tokens.colorBrandForegroundLink,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    textDecorationLine: "underline",
    overflowWrap: "anywhere",
  },
});

export interface FindingRowProps {
  finding: Finding;
  rowKey: string;
  tabbable: boolean;
  current: boolean;
  /** for the page: whether this row's preview is open (aria-expanded); undefined in Excel */
  expanded?: boolean;
  previewId?: string;
  title: string;
  onOpen: () => void;
  onFocus: () => void;
}

export function FindingRow(p: FindingRowProps) {
  const s = useStyles();
  const lang = useLang();
  const t = useT();
  const ref = cellRef(p.finding.sheet, p.finding.cell);
  const message = findingMessage(p.finding, lang);
  return (
    <button
      type="button"
      className={mergeClasses(s.row, p.current && s.current)}
      data-finding-row={p.rowKey}
      tabIndex={p.tabbable ? 0 : -1}
      aria-current={p.current ? "true" : undefined}
      aria-expanded={p.expanded}
      aria-controls={p.expanded ? p.previewId : undefined}
      title={p.title}
      aria-label={t("findings.rowLabel", { message, ref })}
      onClick={p.onOpen}
      onFocus={p.onFocus}
    >
      <span className={s.message}>{message}</span>
      <span className={s.ref}>{ref}</span>
    </button>
  );
}
