import { Button, Field, makeStyles, Select, Text } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { SaveFileFn, TemplateTools } from "../../appTypes";
import type { ScoringHost } from "../../host";
import { useT } from "../../i18n";
import { readText } from "../../readText";
import { SettingsGroup } from "./SettingsGroup";
import { withOptions, type SectionProps } from "./types";

const useStyles = makeStyles({
  row: { display: "flex", gap: "8px", alignItems: "flex-end", flexWrap: "wrap" },
  field: { flexGrow: 1, minWidth: 0, maxWidth: "100%" },
  select: { minWidth: 0, width: "100%" },
  name: { overflowWrap: "anywhere" },
});

export interface TemplateSectionProps extends SectionProps {
  host: ScoringHost;
  templates: TemplateTools;
  saveFile: SaveFileFn;
  busy: boolean;
  /** the user's own sheets (never the tool's output sheets) */
  sheets: string[];
  /** the sheet to offer first: the roster the last run found */
  defaultSheet: string | null;
  /** whether a run has been made (the hint then says no roster was found) */
  scored: boolean;
  onNotice: (text: string) => void;
  onError: (e: unknown) => void;
}

export function TemplateSection(p: TemplateSectionProps) {
  const t = useT();
  const s = useStyles();
  const [picked, setPicked] = useState<string | null>(null);
  // nothing is preselected without a detected roster: the first sheet is often the indicators
  const sheet = picked !== null && p.sheets.includes(picked) ? picked : p.defaultSheet && p.sheets.includes(p.defaultSheet) ? p.defaultSheet : "";
  const hint = !p.sheets.length
    ? t("settings.noSheets")
    : p.defaultSheet
      ? undefined
      : t(p.scored ? "settings.templateNoRoster" : "settings.templateBeforeRun");
  const fileInput = useRef<HTMLInputElement>(null);
  const template = p.draft.options.template ?? p.templates.builtin;

  const capture = async () => {
    try {
      const snapshot = await p.host.readSnapshot();
      const target = snapshot.sheets.find((x) => x.name === sheet);
      if (!target) return;
      p.onChange(withOptions(p.draft, { template: p.templates.capture(target) }));
      p.onNotice(t("settings.templateCaptured", { sheet }));
    } catch (e) {
      p.onError(e);
    }
  };

  const importTemplate = async (file: File | undefined) => {
    if (!file) return;
    try {
      let json: unknown;
      try {
        json = JSON.parse(await readText(file));
      } catch {
        throw new Error(t("settings.templateBadJson"));
      }
      const def = p.templates.validate(json);
      p.onChange(withOptions(p.draft, { template: def }));
      p.onNotice(t("settings.templateImported", { name: def.name }));
    } catch (e) {
      p.onError(e);
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const exportTemplate = () => {
    const bytes = new TextEncoder().encode(JSON.stringify(template, null, 2) + "\n");
    p.saveFile(`${template.id}.template.json`, bytes, "application/json");
  };

  return (
    <SettingsGroup title={t("settings.template")}>
      <Text className={s.name}>{t("settings.templateCurrent", { name: template.name })}</Text>
      <div className={s.row}>
        <Field className={s.field} label={t("settings.templateSheet")} hint={hint}>
          <Select className={s.select} value={sheet} onChange={(_, d) => setPicked(d.value)} disabled={!p.sheets.length}>
            {!sheet && (
              <option value="" disabled>
                {t("settings.templatePick")}
              </option>
            )}
            {p.sheets.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={capture} disabled={!sheet || p.busy}>
          {t("settings.templateCapture")}
        </Button>
      </div>
      <div className={s.row}>
        <Button onClick={() => p.onChange(withOptions(p.draft, { template: undefined }))} disabled={!p.draft.options.template}>
          {t("settings.templateBuiltin")}
        </Button>
        <Button onClick={() => fileInput.current?.click()}>{t("settings.templateImport")}</Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label={t("settings.templateImport")}
          onChange={(e) => importTemplate(e.target.files?.[0])}
        />
        <Button onClick={exportTemplate}>{t("settings.templateExport")}</Button>
      </div>
    </SettingsGroup>
  );
}
