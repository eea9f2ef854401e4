import { makeStyles, shorthands, Text, tokens } from "@fluentui/react-components";
import { useState, type DragEvent } from "react";
import { formatBytes } from "../taskpane/format";
import { useT } from "../taskpane/i18n";

const useStyles = makeStyles({
  zone: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    padding: "16px",
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  over: { ...shorthands.borderColor(tokens.colorBrandStroke1), backgroundColor: tokens.colorBrandBackground2 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export function isXlsxName(name: string): boolean {
  return /\.xlsx$/i.test(name);
}

/** The page's way in: a file input and a drop zone around it, .xlsx only. */
export function FilePicker(props: { file: File | null; onFile: (file: File) => void }) {
  const t = useT();
  const s = useStyles();
  const [over, setOver] = useState(false);
  const [wrongType, setWrongType] = useState(false);

  const take = (file: File | undefined) => {
    if (!file) return;
    if (!isXlsxName(file.name)) {
      setWrongType(true);
      return;
    }
    setWrongType(false);
    props.onFile(file);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files?.[0]);
  };

  return (
    <div
      className={over ? `${s.zone} ${s.over}` : s.zone}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label>
        <Text weight="semibold">{t("web.choose")}</Text>{" "}
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            take(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      <Text className={s.muted}>{t("web.drop")}</Text>
      {props.file && <Text>{t("web.file", { name: props.file.name, size: formatBytes(props.file.size) })}</Text>}
      {wrongType && (
        <Text className={s.error} role="alert">
          {t("web.notXlsx")}
        </Text>
      )}
      <Text className={s.muted}>{t("web.privacy")}</Text>
    </div>
  );
}
