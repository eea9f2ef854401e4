import { Field, Input, makeStyles } from "@fluentui/react-components";
import { useState } from "react";
import { DEFAULT_FOLLOW_UP_INTERVALS, ELDERLY_FOLLOW_UP } from "../../../core/roster/followup";
import { DEFAULT_RETENTION_THRESHOLD } from "../../../core/staffing/vocabulary";
import type { EvaluateOptions } from "../../../core/types";
import { useT, type MessageKey } from "../../i18n";
import { formatIntervals, staffProblem } from "../../settings";
import { SettingsGroup } from "./SettingsGroup";
import { readDays, readHeadcount, readIntervals, readPercent } from "./staffingFields";
import { withOptions, type SectionProps } from "./types";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))", gap: "8px" },
  // Each field spans three rows of the grid (label, box, hint or message) and takes them as its
  // own, so the boxes of one line stay level and of one height when a label wraps (特殊困难老年人
  // 跟进间隔 does at 450 px); where subgrid is missing the fields simply stack as before.
  cell: { display: "grid", gridRow: "span 3", gridTemplateRows: "subgrid", rowGap: 0, alignContent: "start" },
  input: { minWidth: 0, width: "100%" },
});

interface Texts {
  all: string;
  certified: string;
  retention: string;
  elderly: string;
  levels: string;
}

type Problems = Partial<Record<keyof Texts, { key: MessageKey; params?: Record<string, string | number> }>>;

function textsOf(o: EvaluateOptions): Texts {
  const intervals = o.followUpIntervals ?? DEFAULT_FOLLOW_UP_INTERVALS;
  const elderly = intervals[ELDERLY_FOLLOW_UP];
  return {
    all: o.staff?.all == null ? "" : String(o.staff.all),
    certified: o.staff?.certified == null ? "" : String(o.staff.certified),
    retention: String(Math.round((o.retentionThreshold ?? DEFAULT_RETENTION_THRESHOLD) * 10000) / 100),
    elderly: elderly ? String(elderly) : "",
    levels: formatIntervals(intervals, ELDERLY_FOLLOW_UP),
  };
}

/** The fields read as options, or the message each field that does not read shows. */
function readTexts(x: Texts): { patch: Partial<EvaluateOptions> | null; problems: Problems } {
  const problems: Problems = {};
  const all = readHeadcount(x.all);
  const certified = readHeadcount(x.certified);
  const retention = readPercent(x.retention);
  const elderly = readDays(x.elderly);
  const levels = readIntervals(x.levels);
  if (!all.ok) problems.all = { key: "settings.staffBad" };
  if (!certified.ok) problems.certified = { key: "settings.staffBad" };
  if (!retention.ok) problems.retention = { key: "settings.retentionBad" };
  if (!elderly.ok) problems.elderly = { key: "settings.daysBad" };
  if (levels.bad !== null) problems.levels = { key: "settings.levelsBad", params: { part: levels.bad } };
  if (!all.ok || !certified.ok || !retention.ok || !elderly.ok || levels.bad !== null) return { patch: null, problems };
  const staff = all.value === null && certified.value === null ? null : { all: all.value, certified: certified.value };
  const over = staffProblem({ staff });
  if (over) return { patch: null, problems: { certified: { key: "settings.staffOver", params: over } } };
  const followUpIntervals = { ...levels.intervals };
  delete followUpIntervals[ELDERLY_FOLLOW_UP];
  if (elderly.value !== null) followUpIntervals[ELDERLY_FOLLOW_UP] = elderly.value;
  return { patch: { staff, retentionThreshold: retention.value ?? undefined, followUpIntervals }, problems };
}

export interface StaffingSectionProps extends SectionProps {
  /** false while a field does not read: the view's 保存并应用 waits */
  onValidity: (valid: boolean) => void;
}

/**
 * Contracted headcounts (like --staff 20/10), the 稳岗率 requirement and the follow-up intervals.
 * The fields keep what was typed; the draft changes only when every field reads, and a field that
 * does not says why beside it.
 */
export function StaffingSection({ draft, onChange, onValidity }: StaffingSectionProps) {
  const t = useT();
  const s = useStyles();
  const [texts, setTexts] = useState<Texts>(() => textsOf(draft.options));
  const { problems } = readTexts(texts);

  const edit = (key: keyof Texts, value: string) => {
    const next = { ...texts, [key]: value };
    setTexts(next);
    const { patch } = readTexts(next);
    onValidity(patch !== null);
    if (patch) onChange(withOptions(draft, patch));
  };

  const field = (key: keyof Texts, label: MessageKey, hint: MessageKey, inputMode: "numeric" | "decimal" | "text", placeholder?: string, inGrid = true) => {
    const problem = problems[key];
    return (
      <Field
        className={inGrid ? s.cell : undefined}
        label={t(label)}
        hint={problem ? undefined : t(hint)}
        validationState={problem ? "error" : "none"}
        validationMessage={problem ? t(problem.key, problem.params) : undefined}
      >
        <Input className={s.input} inputMode={inputMode} placeholder={placeholder} value={texts[key]} onChange={(_, d) => edit(key, d.value)} />
      </Field>
    );
  };

  return (
    <SettingsGroup title={t("settings.staffing")}>
      <div className={s.grid}>
        {field("all", "settings.staffAll", "settings.staffHint", "numeric")}
        {field("certified", "settings.staffCertified", "settings.staffHint", "numeric")}
        {field("retention", "settings.retention", "settings.retentionHint", "decimal", "80")}
        {field("elderly", "settings.elderlyDays", "settings.elderlyHint", "numeric")}
      </div>
      {field("levels", "settings.levels", "settings.levelsHint", "text", "一级=7；二级=30", false)}
    </SettingsGroup>
  );
}
