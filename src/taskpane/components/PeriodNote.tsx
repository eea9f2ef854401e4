import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Report } from "../../core/types";
import { formatPercent } from "../format";
import { useLang, useT } from "../i18n";

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/**
 * The contract year and the evaluation window the run used, and the share of the year's targets
 * expected by the window's end: what a percentage under 100 % is to be read against at a
 * mid-term evaluation. Without a contract year it says pacing was not judged, and where to set it.
 */
export function PeriodNote({ report }: { report: Pick<Report, "period" | "window" | "indicators"> }) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  const parts: string[] = [];
  if (report.period) parts.push(t("period.contract", { start: report.period.start, end: report.period.end }));
  if (report.window) parts.push(t("period.window", { start: report.window.start, end: report.window.end }));
  const expected = report.indicators.find((i) => i.expectedPercent != null)?.expectedPercent;
  if (expected != null) parts.push(t("period.expected", { percent: formatPercent(expected) }));
  else if (!report.period && report.window && report.indicators.length) parts.push(t("period.noContract"));
  if (!parts.length) return null;
  return (
    <Text as="p" className={s.note} data-testid="period-note">
      {parts.join(lang === "zh" ? "；" : "; ")}
    </Text>
  );
}
