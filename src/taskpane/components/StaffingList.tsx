import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { StaffingReport } from "../../core/types";
import { formatNumber, formatPercent } from "../format";
import { useLang, useT } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "4px" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  below: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** The staffing figures of each 社工到岗情况统计表, as the seed report's 项目管理 section states them. */
export function StaffingList({ staffing }: { staffing: StaffingReport[] }) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  if (!staffing.length) return null;
  return (
    <>
      {staffing.map((st, i) => {
        const id = `staffing-heading-${i}`;
        const r = st.retention;
        const below = r.rate !== null && r.rate + 1e-12 < r.threshold;
        return (
          <section key={st.sheet} className={s.section} aria-labelledby={id}>
            <Text as="h3" id={id} weight="semibold" size={400}>
              {t("staffing.title", { sheet: st.sheet, from: st.months[0] ?? "—", to: st.months[st.months.length - 1] ?? "—" })}
            </Text>
            <ul className={s.list}>
              {st.classes.map((c) => (
                <li key={c.class}>
                  <Text>
                    {t(c.class === "certified" ? "staffing.certified" : "staffing.all")}
                    {lang === "zh" ? "：" : ": "}
                    {c.required === null
                      ? t("staffing.actualOnly", { actual: formatNumber(c.actual) })
                      : t("staffing.line", { required: formatNumber(c.required), actual: formatNumber(c.actual), surplus: formatNumber(c.surplus) })}
                  </Text>
                </li>
              ))}
              {r.rate !== null && (
                <li>
                  <Text className={below ? s.below : undefined}>
                    {t("staffing.retention", {
                      rate: formatPercent(r.rate),
                      stayed: r.stayed,
                      base: formatNumber(r.base),
                      threshold: formatPercent(r.threshold),
                    })}
                  </Text>
                </li>
              )}
              <li>
                <Text className={s.muted}>
                  {t("staffing.atEnd", { senior: st.atEnd.高级社工师, mid: st.atEnd.中级社工师, assistant: st.atEnd.助理社工师, none: st.atEnd.非持证 })}
                </Text>
              </li>
            </ul>
          </section>
        );
      })}
    </>
  );
}
