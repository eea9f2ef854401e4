import { Badge, makeStyles, ProgressBar, Text, tokens } from "@fluentui/react-components";
import type { Report } from "../../core/types";
import { formatNumber, formatPercent, gradeTone, percentTone } from "../format";
import { useT } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px" },
  totals: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap" },
  total: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  party: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "6px" },
  indicator: { display: "grid", gridTemplateColumns: "1fr auto", columnGap: "8px", rowGap: "2px" },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  percent: { fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold },
  bar: { gridColumn: "1 / span 2" },
  missing: { color: tokens.colorPaletteRedForeground1 },
});

export function Summary({ report, bandGrades }: { report: Report; bandGrades: string[] }) {
  const t = useT();
  const s = useStyles();
  return (
    <section className={s.section} aria-label={t("summary.title")}>
      <Text as="h2" weight="semibold" size={500}>
        {t("summary.title")}
      </Text>
      {report.scores.length === 0 && <Text className={s.muted}>{t("summary.noScore")}</Text>}
      {report.scores.map((score) => (
        <div key={score.sheet} className={s.section}>
          <div className={s.totals}>
            <span>
              <Text className={s.muted}>{t("summary.total")} </Text>
              <span className={s.total} data-testid="total">
                {score.total === null ? "—" : score.total.toFixed(2)}
              </span>
            </span>
            <Badge
              size="extra-large"
              shape="rounded"
              appearance="filled"
              color={gradeTone(score.grade, bandGrades)}
              aria-label={`${t("summary.grade")}：${score.grade ?? t("summary.noGrade")}`}
            >
              {score.grade ?? t("summary.noGrade")}
            </Badge>
          </div>
          {score.parties.map((p) => (
            <Text key={p.party} className={s.party}>
              {t("summary.party", {
                name: p.name,
                score: formatNumber(p.score),
                weight: formatPercent(p.weight).replace(/\.00%$/, "%"),
                points: formatNumber(p.points),
              })}
            </Text>
          ))}
        </div>
      ))}

      <Text as="h3" weight="semibold" size={400}>
        {t("summary.indicators", { count: report.indicators.length })}
      </Text>
      {report.indicators.length === 0 && <Text className={s.muted}>{t("summary.noIndicators")}</Text>}
      <ul className={s.list}>
        {report.indicators.map((ind) => (
          <li key={`${ind.sheet}!${ind.completedCell}`} className={s.indicator}>
            <span>
              <Text>{ind.label}</Text>
              {ind.area && <Text className={s.muted}> · {ind.area}</Text>}
              <br />
              <Text className={s.muted}>
                {t("summary.ratio", {
                  completed: formatNumber(ind.completed),
                  target: formatNumber(ind.target),
                  unit: ind.unit ?? "",
                })}
              </Text>
            </span>
            <Text className={s.percent}>{formatPercent(ind.percent)}</Text>
            <ProgressBar
              className={s.bar}
              thickness="medium"
              max={1}
              value={ind.percent === null ? 0 : Math.max(0, Math.min(1, ind.percent))}
              color={percentTone(ind.percent)}
              aria-label={`${ind.label} ${formatPercent(ind.percent)}`}
            />
          </li>
        ))}
      </ul>

      {report.restorations.length > 0 && (
        <>
          <Text as="h3" weight="semibold" size={400}>
            {t("summary.restorations")}
          </Text>
          <ul className={s.list}>
            {report.restorations.map((r) => (
              <li key={r.outputSheet}>
                <Text>{t("summary.restoration", { source: r.sourceSheet, output: r.outputSheet, rows: r.rows })}</Text>
                <br />
                {r.missingFields.length ? (
                  <Text className={s.missing}>{t("summary.missingColumns", { columns: r.missingFields.join("、") })}</Text>
                ) : (
                  <Text className={s.muted}>{t("summary.noMissingColumns")}</Text>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
