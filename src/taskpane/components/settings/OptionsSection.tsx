import { Checkbox } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { OPTION_SWITCHES } from "../../settings";
import { SettingsGroup } from "./SettingsGroup";
import { withOptions, type SectionProps } from "./types";

export function OptionsSection({ draft, onChange }: SectionProps) {
  const t = useT();
  return (
    <SettingsGroup title={t("settings.options")}>
      {OPTION_SWITCHES.map((k) => (
        <Checkbox
          key={k}
          label={t(`option.${k}`)}
          checked={draft.options[k] !== false}
          onChange={(_, d) => onChange(withOptions(draft, { [k]: d.checked === true }))}
        />
      ))}
    </SettingsGroup>
  );
}
