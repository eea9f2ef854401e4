import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import { ArrowLeft20Regular } from "@fluentui/react-icons";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { Report } from "../../../core/types";
import type { SaveFileFn, TemplateTools } from "../../appTypes";
import { errorMessage } from "../../errors";
import type { PaneSettings, ScoringHost } from "../../host";
import { useLang, useT } from "../../i18n";
import { staffProblem, weightsProblem } from "../../settings";
import { BandsSection } from "./BandsSection";
import { LanguageSection } from "./LanguageSection";
import { OptionsSection } from "./OptionsSection";
import { PeriodSection } from "./PeriodSection";
import { rosterSheet, userSheets } from "./sheetChoice";
import { StaffingSection } from "./StaffingSection";
import { TemplateSection } from "./TemplateSection";
import { WeightsSection } from "./WeightsSection";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: "12px" },
  header: { display: "flex", alignItems: "center", gap: "8px" },
  heading: { margin: 0, ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" } },
  body: { display: "flex", flexDirection: "column", gap: "12px" },
  // the two buttons stay in reach at the bottom of the pane however long the view is
  footer: {
    position: "sticky",
    bottom: 0,
    display: "flex",
    gap: "8px",
    flexWrap: "wrap",
    padding: "8px 0",
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export interface SettingsViewProps {
  onClose: () => void;
  settings: PaneSettings;
  /** applies and keeps the draft; rejects when the host cannot keep it */
  onApply: (next: PaneSettings) => Promise<void>;
  host: ScoringHost;
  templates: TemplateTools;
  saveFile: SaveFileFn;
  busy: boolean;
  report: Report | null;
  /** bumps after each run so the sheet list is read again */
  runCount: number;
}

/**
 * Settings as the pane's second view (a drawer would not fit a 320 px pane): edits stay a draft
 * until 保存并应用, which applies and saves them together; 返回, 取消 or Esc drops them.
 */
export function SettingsView(p: SettingsViewProps) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  // each opening starts from what is applied
  const [draft, setDraft] = useState<PaneSettings>(p.settings);
  const [sheets, setSheets] = useState<string[]>([]);
  const [note, setNote] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  const heading = useRef<HTMLHeadingElement>(null);
  // the view opens with focus on its heading, so a screen reader says where it is
  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let live = true;
    p.host.sheetNames().then(
      (names) => live && setSheets(userSheets(names, p.report)),
      // Before a file is chosen the page's host has no sheets; that is not an error worth showing.
      () => live && setSheets([]),
    );
    return () => {
      live = false;
    };
  }, [p.host, p.runCount, p.report]);

  // a field that does not read keeps its text, and the draft waits for it
  const [staffingValid, setStaffingValid] = useState(true);
  const [periodValid, setPeriodValid] = useState(true);
  const invalid = weightsProblem(draft.options) !== null || staffProblem(draft.options) !== null || !staffingValid || !periodValid;
  const onError = (e: unknown) => setNote({ kind: "error", text: errorMessage(e, lang) });

  const save = async () => {
    try {
      await p.onApply(draft);
      p.onClose();
    } catch (e) {
      onError(e);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      p.onClose();
    }
  };

  return (
    <section className={s.view} aria-labelledby="settings-heading" onKeyDown={onKeyDown}>
      <div className={s.header}>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} aria-label={t("settings.close")} onClick={p.onClose} />
        <Text as="h2" id="settings-heading" ref={heading} tabIndex={-1} size={500} weight="semibold" className={s.heading}>
          {t("settings.title")}
        </Text>
      </div>
      <div className={s.body}>
        {note && (
          <MessageBar intent={note.kind} role={note.kind === "error" ? "alert" : "status"}>
            <MessageBarBody>{note.text}</MessageBarBody>
          </MessageBar>
        )}
        <LanguageSection draft={draft} onChange={setDraft} />
        <WeightsSection draft={draft} onChange={setDraft} />
        <BandsSection draft={draft} onChange={setDraft} />
        <PeriodSection draft={draft} onChange={setDraft} onValidity={setPeriodValid} />
        <StaffingSection draft={draft} onChange={setDraft} onValidity={setStaffingValid} />
        <OptionsSection draft={draft} onChange={setDraft} />
        <TemplateSection
          draft={draft}
          onChange={setDraft}
          host={p.host}
          templates={p.templates}
          saveFile={p.saveFile}
          busy={p.busy}
          sheets={sheets}
          defaultSheet={rosterSheet(sheets, p.report)}
          scored={p.report !== null}
          onNotice={(text) => setNote({ kind: "success", text })}
          onError={onError}
        />
      </div>
      <div className={s.footer}>
        <Button appearance="primary" disabled={invalid || p.busy} onClick={save}>
          {t("settings.apply")}
        </Button>
        <Button onClick={p.onClose}>{t("settings.cancel")}</Button>
      </div>
    </section>
  );
}
