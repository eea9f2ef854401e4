import { Badge, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { PartyId, ScorePartyReport, ScoreReport } from "../../core/types";
import { formatNumber, formatPoints, formatWeight, gradeTone } from "../format";
import { gradeLabel, useLang, useT, type Lang } from "../i18n";

/** One colour per party, the same in the bar and its legend; all at least 3:1 on white. */
const PARTY_COLOUR: Record<PartyId, string> = {
  buyer: tokens.colorBrandBackground,
  supervisor: tokens.colorPaletteTealForeground2,
  "supervision-centre": tokens.colorPalettePurpleForeground2,
  "third-party": tokens.colorPaletteDarkOrangeForeground2,
};

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    gap: "10px",
    padding: "12px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  head: { display: "flex", alignItems: "baseline", gap: "8px", flexWrap: "wrap" },
  total: { fontSize: tokens.fontSizeHero800, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero800 },
  outOf: { color: tokens.colorNeutralForeground2 },
  grade: { marginLeft: "auto", alignSelf: "center" },
  bar: {
    display: "flex",
    height: "12px",
    borderRadius: tokens.borderRadiusMedium,
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground5,
    outline: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  legend: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  line: { display: "flex", alignItems: "baseline", gap: "6px", minWidth: 0 },
  dot: { width: "10px", height: "10px", borderRadius: "50%", flexShrink: 0, alignSelf: "center" },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: "anywhere" },
  figure: { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap", color: tokens.colorNeutralForeground1 },
  note: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** The party as the UI names it: the sheet's own label in Chinese, the canonical name in English. */
export function partyName(p: Pick<ScorePartyReport, "name" | "party">, lang: Lang, t: ReturnType<typeof useT>): string {
  return lang === "en" ? t(`party.${p.party}`) : p.name || t(`party.${p.party}`);
}

/**
 * The arithmetic a reader checks, in the sheet's own mode: points mode adds points capped at each
 * party's weight × 100 (20.00 / 20 分); the 100-point mode multiplies (85 × 权重 20% = 17.00 分).
 */
export function partyLine(p: ScorePartyReport, mode: ScoreReport["mode"], t: ReturnType<typeof useT>): string {
  if (p.score === null) return t("card.noScoreParty");
  if (mode === "points") return t("card.points", { points: formatPoints(p.points), max: formatNumber(Math.round(p.weight * 10000) / 100) });
  return t("card.scale100", { score: formatNumber(p.score), weight: formatWeight(p.weight), points: formatPoints(p.points) });
}

export function ResultCard({ score, bandGrades }: { score: ScoreReport; bandGrades: string[] }) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  const scored = score.parties.reduce((sum, p) => sum + Math.max(0, p.points ?? 0), 0);
  const parts = score.parties.map((p) => t("card.barPart", { name: partyName(p, lang, t), points: formatPoints(p.points) })).join("，");
  const grade = score.grade ? gradeLabel(lang, score.grade) : t("summary.noGrade");
  return (
    <div className={s.card} data-testid="result-card">
      <div className={s.head}>
        <Text className={s.outOf}>{t("summary.total")}</Text>
        <span className={s.total} data-testid="total">
          {score.total === null ? "—" : score.total.toFixed(2)}
        </span>
        <Text className={s.outOf}>{t("card.outOf")}</Text>
        <Badge
          className={s.grade}
          size="extra-large"
          shape="rounded"
          appearance="filled"
          color={gradeTone(score.grade, bandGrades)}
          aria-label={t("card.gradeLabel", { grade })}
        >
          {grade}
        </Badge>
      </div>
      <div className={s.bar} role="img" aria-label={t("card.bar", { parts })}>
        {score.parties.map((p) => (
          <span key={p.party} style={{ width: `${Math.max(0, Math.min(100, p.points ?? 0))}%`, backgroundColor: PARTY_COLOUR[p.party] }} />
        ))}
        {scored < 100 && <span style={{ flexGrow: 1 }} />}
      </div>
      <ul className={s.legend}>
        {score.parties.map((p) => (
          <li key={p.party} className={s.line}>
            <span className={s.dot} style={{ backgroundColor: PARTY_COLOUR[p.party] }} aria-hidden />
            <Text className={s.name}>{partyName(p, lang, t)}</Text>
            <Text className={s.figure} data-testid={`party-${p.party}`}>
              {partyLine(p, score.mode, t)}
            </Text>
          </li>
        ))}
      </ul>
      <Text className={s.note}>{t(score.mode === "points" ? "card.modePoints" : "card.modeScale100")}</Text>
    </div>
  );
}
