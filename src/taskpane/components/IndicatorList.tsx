import { Badge, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { IndicatorReport } from "../../core/types";
import { formatNumber, formatPercent, indicatorStatus, type IndicatorStatus } from "../format";
import { indicatorName } from "../../core/indicators/naming";
import { useLang, useT } from "../i18n";

const STATUS_COLOUR: Record<IndicatorStatus, "success" | "danger" | "informative" | "brand" | "warning"> = {
  over: "brand",
  met: "success",
  onPace: "informative",
  behind: "warning",
  under: "danger",
  none: "informative",
};

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px" },
  summary: { color: tokens.colorNeutralForeground2 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "10px" },
  item: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", columnGap: "8px", rowGap: "2px", alignItems: "center" },
  label: { overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  percent: { fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold, justifySelf: "end" },
  track: {
    gridColumn: "1 / span 2",
    position: "relative",
    height: "8px",
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground5,
    marginBottom: "4px",
  },
  fill: { position: "absolute", left: 0, top: 0, bottom: 0, borderRadius: tokens.borderRadiusSmall },
  over: { backgroundColor: tokens.colorBrandBackground },
  met: { backgroundColor: tokens.colorPaletteGreenForeground1 },
  under: { backgroundColor: tokens.colorPaletteRedForeground1 },
  onPace: { backgroundColor: tokens.colorPaletteGreenForeground1 },
  behind: { backgroundColor: tokens.colorPaletteDarkOrangeForeground1 },
  none: {},
  // the share of the contract year's targets expected by now: a dashed line
  expected: { position: "absolute", top: "-3px", bottom: "-3px", width: "0", borderLeft: `2px dashed ${tokens.colorNeutralForeground2}` },
  // the 100 % line, taller than the bar so it reads where a fill passes it
  mark: { position: "absolute", top: "-3px", bottom: "-3px", width: "2px", backgroundColor: tokens.colorNeutralForeground1 },
});

/** how far the bars reach: past 100 % so 325 % and 100 % look different, but never so far that 60 % is a sliver */
export function barScale(indicators: Pick<IndicatorReport, "percent">[]): number {
  const max = Math.max(1, ...indicators.map((i) => (i.percent !== null && Number.isFinite(i.percent) ? i.percent : 0)));
  return Math.min(max, 2);
}

export function IndicatorList({ indicators }: { indicators: IndicatorReport[] }) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  const scale = barScale(indicators);
  const done = indicators.filter((i) => {
    const st = indicatorStatus(i.percent);
    return st === "over" || st === "met";
  }).length;
  return (
    <section className={s.section} aria-labelledby="indicators-heading">
      <Text as="h3" id="indicators-heading" weight="semibold" size={400}>
        {t("summary.indicators", { count: indicators.length })}
      </Text>
      {indicators.length === 0 ? (
        <Text className={s.muted}>{t("summary.noIndicators")}</Text>
      ) : (
        <Text className={s.summary} data-testid="indicator-summary">
          {t("indicators.summary", { count: indicators.length, done })}
        </Text>
      )}
      <ul className={s.list}>
        {indicators.map((ind) => {
          const status = indicatorStatus(ind.percent, ind.expectedPercent);
          const name = indicatorName(ind, lang);
          const width = ind.percent === null ? 0 : (Math.max(0, Math.min(scale, ind.percent)) / scale) * 100;
          return (
            <li key={`${ind.sheet}!${ind.completedCell}`} className={s.item}>
              <span className={s.label}>
                <Text>{name}</Text>
                {ind.area && <Text className={s.muted}> · {ind.area}</Text>}
              </span>
              <Badge appearance="tint" shape="rounded" color={STATUS_COLOUR[status]}>
                {t(`status.${status}`)}
              </Badge>
              <Text className={s.muted}>
                {t("summary.ratio", { completed: formatNumber(ind.completed), target: formatNumber(ind.target), unit: ind.unit ?? "" })}
              </Text>
              <Text className={s.percent}>{formatPercent(ind.percent)}</Text>
              <div className={s.track} aria-hidden>
                <span className={`${s.fill} ${s[status]}`} style={{ width: `${width}%` }} />
                <span className={s.mark} style={{ left: `calc(${100 / scale}% - 1px)` }} title={t("indicators.mark")} />
                {ind.expectedPercent != null && (
                  <span
                    className={s.expected}
                    style={{ left: `calc(${(Math.min(1, ind.expectedPercent) / scale) * 100}% - 1px)` }}
                    title={t("indicators.expectedMark", { percent: formatPercent(ind.expectedPercent) })}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
