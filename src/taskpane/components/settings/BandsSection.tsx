import { Field, Input, makeStyles } from "@fluentui/react-components";
import { gradeLabel, useLang, useT } from "../../i18n";
import { bandsOf } from "../../settings";
import { SettingsGroup } from "./SettingsGroup";
import { withOptions, type SectionProps } from "./types";

const useStyles = makeStyles({
  // four fields: two by two in the pane, one row once there is room; inputs line up when a label wraps
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    gap: "8px",
    alignItems: "end",
    "@media (min-width: 560px)": { gridTemplateColumns: "repeat(4, minmax(0, 1fr))" },
  },
  input: { minWidth: 0, width: "100%" },
});

export function BandsSection({ draft, onChange }: SectionProps) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  const bands = bandsOf(draft.options);
  const setBand = (i: number, min: string) => {
    const v = Number(min);
    if (!Number.isFinite(v)) return;
    onChange(withOptions(draft, { gradeBands: bands.map((b, j) => (j === i ? { ...b, min: v } : b)) }));
  };
  return (
    <SettingsGroup title={t("settings.bands")}>
      <div className={s.grid}>
        {bands.map((b, i) => (
          <Field key={b.grade} label={t("settings.bandMin", { grade: gradeLabel(lang, b.grade) })}>
            <Input className={s.input} type="number" value={String(b.min)} onChange={(_, d) => setBand(i, d.value)} />
          </Field>
        ))}
      </div>
    </SettingsGroup>
  );
}
