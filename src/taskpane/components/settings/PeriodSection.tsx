import { Field, Input, makeStyles } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { SettingsGroup } from "./SettingsGroup";
import { withOptions, type SectionProps } from "./types";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))", gap: "8px" },
  input: { minWidth: 0, width: "100%" },
});

export function PeriodSection({ draft, onChange }: SectionProps) {
  const t = useT();
  const s = useStyles();
  const o = draft.options;
  const setPeriod = (key: "start" | "end", value: string) => {
    const cur = o.period ?? { start: "", end: "" };
    const next = { ...cur, [key]: value };
    onChange(withOptions(draft, { period: next.start || next.end ? next : null }));
  };
  return (
    <SettingsGroup title={t("settings.period")}>
      <div className={s.grid}>
        <Field label={t("settings.periodStart")}>
          <Input className={s.input} type="date" value={o.period?.start ?? ""} onChange={(_, d) => setPeriod("start", d.value)} />
        </Field>
        <Field label={t("settings.periodEnd")}>
          <Input className={s.input} type="date" value={o.period?.end ?? ""} onChange={(_, d) => setPeriod("end", d.value)} />
        </Field>
        <Field label={t("settings.asOf")}>
          <Input className={s.input} type="date" value={o.asOf ?? ""} onChange={(_, d) => onChange(withOptions(draft, { asOf: d.value || null }))} />
        </Field>
      </div>
    </SettingsGroup>
  );
}
