import { Field, makeStyles, Select } from "@fluentui/react-components";
import { useLang, useT } from "../../i18n";
import { SettingsGroup } from "./SettingsGroup";
import type { SectionProps } from "./types";

const useStyles = makeStyles({ select: { maxWidth: "100%" } });

export function LanguageSection({ draft, onChange }: SectionProps) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  return (
    <SettingsGroup title={t("settings.language")}>
      <Field label={t("settings.language")}>
        <Select className={s.select} value={draft.language ?? lang} onChange={(_, d) => onChange({ ...draft, language: d.value === "en" ? "en" : "zh" })}>
          <option value="zh">{t("lang.zh")}</option>
          <option value="en">{t("lang.en")}</option>
        </Select>
      </Field>
    </SettingsGroup>
  );
}
