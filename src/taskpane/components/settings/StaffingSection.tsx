import { Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { DEFAULT_FOLLOW_UP_INTERVALS, ELDERLY_FOLLOW_UP } from "../../../core/roster/followup";
import { DEFAULT_RETENTION_THRESHOLD } from "../../../core/staffing";
import { useT } from "../../i18n";
import { formatIntervals, parseIntervals } from "../../settings";
import { SettingsGroup } from "./SettingsGroup";
import { withOptions, type SectionProps } from "./types";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))", gap: "8px" },
  input: { minWidth: 0, width: "100%" },
  hint: { color: tokens.colorNeutralForeground3 },
});

/**
 * Contracted headcounts, the 稳岗率 requirement and the follow-up intervals. Blank headcounts mean
 * "read them from the workbook"; the intervals start from the core's default (monthly for
 * special-difficulty elderly people only).
 */
export function StaffingSection({ draft, onChange }: SectionProps) {
  const t = useT();
  const s = useStyles();
  const o = draft.options;
  const staff = o.staff ?? { all: null, certified: null };
  const intervals = o.followUpIntervals ?? DEFAULT_FOLLOW_UP_INTERVALS;
  const [levelText, setLevelText] = useState(() => formatIntervals(intervals, ELDERLY_FOLLOW_UP));

  const setStaff = (key: "all" | "certified", value: string) => {
    const v = value.trim() === "" ? null : Math.floor(Number(value));
    if (v !== null && (!Number.isFinite(v) || v < 0)) return;
    const next = { ...staff, [key]: v };
    onChange(withOptions(draft, { staff: next.all === null && next.certified === null ? null : next }));
  };
  const setElderlyDays = (value: string) => {
    const v = Math.floor(Number(value));
    const next: Record<string, number> = { ...intervals };
    if (value.trim() === "" || !Number.isFinite(v) || v <= 0) delete next[ELDERLY_FOLLOW_UP];
    else next[ELDERLY_FOLLOW_UP] = v;
    onChange(withOptions(draft, { followUpIntervals: next }));
  };
  const commitLevels = () => {
    const levels = parseIntervals(levelText);
    const elderly = intervals[ELDERLY_FOLLOW_UP];
    onChange(withOptions(draft, { followUpIntervals: { ...levels, ...(elderly ? { [ELDERLY_FOLLOW_UP]: elderly } : {}) } }));
    setLevelText(formatIntervals(levels, ELDERLY_FOLLOW_UP));
  };

  return (
    <SettingsGroup title={t("settings.staffing")}>
      <Text className={s.hint}>{t("settings.staffingHint")}</Text>
      <div className={s.grid}>
        <Field label={t("settings.staffAll")}>
          <Input className={s.input} type="number" min={0} value={staff.all === null ? "" : String(staff.all)} onChange={(_, d) => setStaff("all", d.value)} />
        </Field>
        <Field label={t("settings.staffCertified")}>
          <Input
            className={s.input}
            type="number"
            min={0}
            value={staff.certified === null ? "" : String(staff.certified)}
            onChange={(_, d) => setStaff("certified", d.value)}
          />
        </Field>
        <Field label={t("settings.retention")}>
          <Input
            className={s.input}
            type="number"
            min={1}
            max={100}
            value={String(Math.round((o.retentionThreshold ?? DEFAULT_RETENTION_THRESHOLD) * 100))}
            onChange={(_, d) => {
              const v = Number(d.value);
              if (Number.isFinite(v) && v > 0 && v <= 100) onChange(withOptions(draft, { retentionThreshold: v / 100 }));
            }}
          />
        </Field>
        <Field label={t("settings.followUpElderly")}>
          <Input
            className={s.input}
            type="number"
            min={1}
            value={intervals[ELDERLY_FOLLOW_UP] ? String(intervals[ELDERLY_FOLLOW_UP]) : ""}
            onChange={(_, d) => setElderlyDays(d.value)}
          />
        </Field>
      </div>
      <Field label={t("settings.followUpLevels")} hint={t("settings.followUpLevelsHint")}>
        <Input className={s.input} value={levelText} onChange={(_, d) => setLevelText(d.value)} onBlur={commitLevels} />
      </Field>
    </SettingsGroup>
  );
}
