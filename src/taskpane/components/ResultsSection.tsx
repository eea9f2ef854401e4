import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { forwardRef } from "react";
import type { Report } from "../../core/types";
import { useT } from "../i18n";
import { IndicatorList } from "./IndicatorList";
import { PeriodNote } from "./PeriodNote";
import { RestorationList } from "./RestorationList";
import { ResultCard } from "./ResultCard";
import { StaffingList } from "./StaffingList";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "12px" },
  heading: { ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" } },
  muted: { color: tokens.colorNeutralForeground2 },
});

export interface ResultsSectionProps {
  report: Report;
  bandGrades: string[];
  addedMissing: boolean;
}

/** What a run found, at a glance: the result card, the indicators, the restored views. */
export const ResultsSection = forwardRef<HTMLHeadingElement, ResultsSectionProps>(function ResultsSection({ report, bandGrades, addedMissing }, headingRef) {
  const t = useT();
  const s = useStyles();
  return (
    <section className={s.section} aria-labelledby="results-heading">
      {/* focus lands here after a run, so a keyboard user starts reading where the results start */}
      <Text as="h2" id="results-heading" ref={headingRef} tabIndex={-1} weight="semibold" size={500} className={s.heading}>
        {t("summary.title")}
      </Text>
      {report.scores.length === 0 && <Text className={s.muted}>{t("summary.noScore")}</Text>}
      {report.scores.map((score) => (
        <ResultCard key={score.sheet} score={score} bandGrades={bandGrades} />
      ))}
      <PeriodNote report={report} />
      <IndicatorList indicators={report.indicators} />
      <StaffingList staffing={report.staffing ?? []} />
      <RestorationList restorations={report.restorations} addedMissing={addedMissing} />
    </section>
  );
});
