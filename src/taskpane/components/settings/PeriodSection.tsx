import { Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { useT, type MessageKey } from "../../i18n";
import { SettingsGroup } from "./SettingsGroup";
import { periodTexts, readDateText, readPeriodTexts, type PeriodTexts } from "./periodFields";
import { withOptions, type SectionProps } from "./types";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))", gap: "8px" },
  input: { minWidth: 0, width: "100%" },
  hint: { color: tokens.colorNeutralForeground2 },
});

export interface PeriodSectionProps extends SectionProps {
  /** false while a date does not read: the view's 保存并应用 waits */
  onValidity: (valid: boolean) => void;
}

/**
 * The contract year and the as-of date as text fields, not <input type="date">: that control
 * shows the browser's locale (mm/dd/yyyy in a Chinese pane on an English Windows). A field takes
 * 2023-07-01, 2023/7/1 or 2023年7月1日 and shows 2023-07-01 once it is left; one that does not read
 * says so beside it, after it is left.
 */
export function PeriodSection({ draft, onChange, onValidity }: PeriodSectionProps) {
  const t = useT();
  const s = useStyles();
  const [texts, setTexts] = useState<PeriodTexts>(() => periodTexts(draft.options));
  const [left, setLeft] = useState<Partial<Record<keyof PeriodTexts, boolean>>>({});
  const { problems } = readPeriodTexts(texts);
  const hintId = useId();

  const update = (next: PeriodTexts) => {
    setTexts(next);
    const { patch } = readPeriodTexts(next);
    onValidity(patch !== null);
    if (patch) onChange(withOptions(draft, patch));
  };

  const leave = (key: keyof PeriodTexts) => {
    setLeft({ ...left, [key]: true });
    const iso = readDateText(texts[key]);
    if (iso && iso !== texts[key]) update({ ...texts, [key]: iso });
  };

  const field = (key: keyof PeriodTexts, label: MessageKey) => {
    const problem = left[key] ? problems[key] : undefined;
    return (
      <Field label={t(label)} validationState={problem ? "error" : "none"} validationMessage={problem ? t(problem) : undefined}>
        <Input
          className={s.input}
          placeholder="2023-07-01"
          autoComplete="off"
          aria-describedby={hintId}
          value={texts[key]}
          onChange={(_, d) => update({ ...texts, [key]: d.value })}
          onBlur={() => leave(key)}
        />
      </Field>
    );
  };

  return (
    <SettingsGroup title={t("settings.period")}>
      <Text id={hintId} size={200} className={s.hint}>
        {t("settings.dateHint")}
      </Text>
      <div className={s.grid}>
        {field("start", "settings.periodStart")}
        {field("end", "settings.periodEnd")}
        {field("asOf", "settings.asOf")}
      </div>
    </SettingsGroup>
  );
}
