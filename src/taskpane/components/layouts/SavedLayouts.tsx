import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useRef } from "react";
import { LayoutError, layoutsToJson, parseLayoutJson, type SavedLayout } from "../../../core/layouts/savedLayout";
import type { SaveFileFn } from "../../appTypes";
import { useLang, useT } from "../../i18n";
import { readText } from "../../readText";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  item: {
    display: "flex",
    alignItems: "center",
    gap: "8px",
    flexWrap: "wrap",
    paddingBottom: "4px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  what: { flex: "1 1 160px", minWidth: 0, overflowWrap: "anywhere" },
  where: { display: "block", color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

export interface SavedLayoutsProps {
  layouts: SavedLayout[];
  busy: boolean;
  saveFile: SaveFileFn;
  onDelete(layout: SavedLayout): void;
  /** layouts read from a file, already checked */
  onImport(layouts: SavedLayout[]): void;
  onError(e: unknown): void;
}

/**
 * The layouts kept in the settings, with export and import as one JSON file (the format the
 * command line's --layout reads), so a district can hand its layout to every evaluator.
 */
export function SavedLayouts(p: SavedLayoutsProps) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      p.onImport(parseLayoutJson(await readText(file)));
    } catch (e) {
      p.onError(e instanceof LayoutError ? new Error(lang === "en" ? e.en : e.zh) : e);
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const exportAll = () => p.saveFile(t("layout.fileName"), new TextEncoder().encode(layoutsToJson(p.layouts)), "application/json");

  return (
    <section className={s.root} aria-label={t("layout.savedList", { count: p.layouts.length })}>
      <h4 className={s.heading}>{t("layout.savedList", { count: p.layouts.length })}</h4>
      {p.layouts.length ? (
        <ul className={s.list}>
          {p.layouts.map((l) => (
            <li key={`${l.kind}:${l.sheet}:${l.range}`} className={s.item} data-saved-layout={l.name}>
              <span className={s.what}>
                {l.name}
                <span className={s.where}>
                  {t(`layout.kind.${l.kind}`)} · {l.sheet}!{l.range}
                </span>
              </span>
              <Button size="small" disabled={p.busy} onClick={() => p.onDelete(l)}>
                {t("layout.delete", { name: l.name })}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <Text>{t("layout.savedNone")}</Text>
      )}
      <div className={s.actions}>
        <Button disabled={!p.layouts.length} onClick={exportAll}>
          {t("layout.export")}
        </Button>
        <Button disabled={p.busy} onClick={() => fileInput.current?.click()}>
          {t("layout.import")}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label={t("layout.import")}
          onChange={(e) => void importFile(e.target.files?.[0])}
        />
      </div>
    </section>
  );
}
