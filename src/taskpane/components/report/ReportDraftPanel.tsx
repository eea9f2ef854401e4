import { Button, makeStyles, mergeClasses, Text, Textarea, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular, CopyRegular } from "@fluentui/react-icons";
import { useEffect, useRef, useState } from "react";
import { draftPlainText, type DraftTable, type ReportDraft } from "../../../core/report/model";
import { copyText } from "../../clipboard";
import { useLang, translate } from "../../i18n";

export interface ReportDraftPanelProps {
  draft: ReportDraft;
  /** the page: 下载报告摘要（Word）; absent in the add-in */
  onDownloadDoc?: () => void;
  /** for tests: the clipboard route */
  copy?: (text: string) => Promise<"copied" | "manual">;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  head: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  paragraph: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  text: { flexGrow: 1, minWidth: 0, whiteSpace: "pre-wrap", lineHeight: tokens.lineHeightBase300 },
  // at 320 px the paragraph takes the room and 复制 stays on one line instead of wrapping per character
  copyButton: { flexShrink: 0, whiteSpace: "nowrap" },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  cell: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalXS, textAlign: "left" },
  tableBox: { overflowX: "auto", ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  // a header such as 完成百分比 or Completed breaks between words, never one character per line
  columnHead: { wordBreak: "keep-all", overflowWrap: "normal", minWidth: "2.5em" },
  // a column of words (指标, 备注) keeps room for a few of them instead of one character a line
  textColumn: { minWidth: "6em" },
  // a figure is never broken (185.\n50% read as two numbers)
  number: { whiteSpace: "nowrap", textAlign: "right", fontVariantNumeric: "tabular-nums" },
  manual: { width: "100%" },
});

/** a column whose cells are words rather than figures or a unit */
function wordy(table: DraftTable, k: number): boolean {
  return table.rows.some((row) => typeof row[k]?.value === "string" && row[k].text.length > 3);
}

/**
 * 报告摘要: the report's paragraphs as the run drafted them, each with 复制, and 复制全部. The same
 * text the 评估报告摘要 sheet computes and the Word document holds.
 */
export function ReportDraftPanel({ draft, onDownloadDoc, copy = copyText }: ReportDraftPanelProps) {
  const lang = useLang();
  const tr = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const s = useStyles();
  const [copied, setCopied] = useState<string | null>(null);
  const [manual, setManual] = useState<string | null>(null);
  const manualRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (manual !== null) manualRef.current?.select();
  }, [manual]);

  const doCopy = async (id: string, text: string) => {
    const outcome = await copy(text);
    if (outcome === "copied") {
      setManual(null);
      setCopied(id);
    } else {
      setCopied(null);
      setManual(text);
    }
  };

  return (
    <section className={s.root} aria-labelledby="report-draft-heading">
      <div className={s.head}>
        <Text as="h2" id="report-draft-heading" size={500} weight="semibold">
          {tr("draft.title")}
        </Text>
        <Button icon={<CopyRegular />} onClick={() => void doCopy("all", draftPlainText(draft))}>
          {tr("draft.copyAll")}
        </Button>
        {onDownloadDoc && (
          <Button icon={<ArrowDownloadRegular />} onClick={onDownloadDoc}>
            {tr("draft.downloadDoc")}
          </Button>
        )}
      </div>
      <Text size={200}>{tr("draft.hint")}</Text>
      <div role="status" aria-live="polite">
        {copied && <Text size={200}>{tr("draft.copied")}</Text>}
      </div>
      {manual !== null && (
        <div>
          <Text size={200}>{tr("draft.manual")}</Text>
          <Textarea ref={manualRef} className={s.manual} value={manual} readOnly rows={6} aria-label={tr("draft.manualLabel")} />
        </div>
      )}
      {draft.sections.map((section) => (
        <div key={section.id}>
          <Text as={section.level === 1 ? "h3" : "h4"} size={section.level === 1 ? 400 : 300} weight="semibold">
            {section.heading}
          </Text>
          {section.paragraphs.map((p) => (
            <div key={p.id} className={s.paragraph}>
              <Text className={s.text}>{p.text}</Text>
              <Button
                className={s.copyButton}
                size="small"
                appearance="subtle"
                icon={<CopyRegular />}
                aria-label={`${tr("draft.copy")}：${p.text.slice(0, 20)}`}
                onClick={() => void doCopy(p.id, p.text)}
              >
                {tr("draft.copy")}
              </Button>
            </div>
          ))}
          {section.table && (
            // six columns do not fit 320 px in every language: the table scrolls in its own box
            // (reachable by keyboard), never the pane
            <div className={s.tableBox} role="region" aria-label={section.heading} tabIndex={0}>
              <table className={s.table}>
                <thead>
                  <tr>
                    {section.table.columns.map((c, k) => (
                      <th key={c} scope="col" className={mergeClasses(s.cell, s.columnHead, wordy(section.table!, k) && s.textColumn)}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {section.table.rows.map((row, r) => (
                    <tr key={r}>
                      {row.map((c, k) => (
                        <td key={k} className={mergeClasses(s.cell, typeof c.value === "number" && s.number)}>
                          {c.text}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
