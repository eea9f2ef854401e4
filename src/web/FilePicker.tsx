import { Button, makeStyles, mergeClasses, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import { ArrowSwap20Regular, ArrowUpload24Regular, DocumentTable24Regular, FolderOpen20Regular } from "@fluentui/react-icons";
import { useRef, useState, type DragEvent } from "react";
import { formatBytes } from "../taskpane/format";
import { useT } from "../taskpane/i18n";
import { checkFile, headOf, type FileProblem } from "./checkFile";
import { grouped, megabytes, PAGE_LIMITS, type PageLimits } from "./limits";

const useStyles = makeStyles({
  zone: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    textAlign: "center",
    gap: "8px",
    padding: "16px",
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  icon: { color: tokens.colorBrandForeground1, fontSize: "32px" },
  chip: {
    display: "flex",
    alignItems: "center",
    gap: "8px",
    width: "100%",
    boxSizing: "border-box",
    padding: "8px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    textAlign: "left",
  },
  chipText: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0 },
  name: { overflowWrap: "anywhere", fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  bar: { width: "100%", textAlign: "left" },
  change: { flexShrink: 0, whiteSpace: "nowrap" },
});

type Problem = { kind: FileProblem; name: string; size: number };

/**
 * The page's way in: a 选择工作簿… button, a drop zone around it, and the chosen file as a chip.
 * A file is checked as soon as it is picked (empty, not a workbook, encrypted, .xls, too large), so
 * the run button never waits on a file that cannot be scored.
 */
export function FilePicker(props: { file: File | null; onFile: (file: File | null) => void; limits?: PageLimits }) {
  const t = useT();
  const s = useStyles();
  const limits = props.limits ?? PAGE_LIMITS;
  const [over, setOver] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const take = async (file: File | undefined) => {
    if (!file) return;
    let head: Uint8Array = new Uint8Array(0);
    try {
      head = file.size ? await headOf(file) : head;
    } catch {
      // unreadable at all: the check below calls it not a workbook
    }
    const kind = checkFile({ name: file.name, size: file.size, head }, limits);
    if (kind) {
      setProblem({ kind, name: file.name, size: file.size });
      props.onFile(null);
      return;
    }
    setProblem(null);
    props.onFile(file);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files?.[0]);
  };

  const choose = () => input.current?.click();

  return (
    <div
      className={mergeClasses(s.zone, over && s.over)}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <input
        ref={input}
        type="file"
        hidden
        aria-label={t("web.choose")}
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          void take(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
      {props.file ? (
        <div className={s.chip} data-testid="file-chip">
          <DocumentTable24Regular className={s.icon} aria-hidden />
          <span className={s.chipText}>
            <Text className={s.name}>{props.file.name}</Text>
            <Text className={s.muted}>{formatBytes(props.file.size)}</Text>
          </span>
          <Button className={s.change} icon={<ArrowSwap20Regular />} onClick={choose} aria-label={t("web.changeLabel", { name: props.file.name })}>
            {t("web.change")}
          </Button>
        </div>
      ) : (
        <>
          <ArrowUpload24Regular className={s.icon} aria-hidden />
          <Button appearance="secondary" size="large" icon={<FolderOpen20Regular />} onClick={choose}>
            {t("web.choose")}
          </Button>
          <Text className={s.muted}>{t("web.drop")}</Text>
        </>
      )}
      {problem && (
        <MessageBar intent="error" role="alert" className={s.bar}>
          <MessageBarBody>
            {t(`file.problem.${problem.kind}`, { name: problem.name, size: megabytes(problem.size), limit: megabytes(limits.maxFileBytes) })}
          </MessageBarBody>
        </MessageBar>
      )}
      <Text className={s.muted}>{t("web.privacy")}</Text>
      <Text className={s.muted}>{t("web.limit", { size: megabytes(limits.maxFileBytes), cells: grouped(limits.maxCells) })}</Text>
    </div>
  );
}
