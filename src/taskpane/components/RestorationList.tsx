import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { RestorationReport } from "../../core/types";
import { useT } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "4px" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "6px" },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  text: { overflowWrap: "anywhere" },
});

/** Which roster became which template view, and which template columns it lacked. */
export function RestorationList({ restorations, addedMissing }: { restorations: RestorationReport[]; addedMissing: boolean }) {
  const t = useT();
  const s = useStyles();
  if (!restorations.length) return null;
  return (
    <section className={s.section} aria-labelledby="restorations-heading">
      <Text as="h3" id="restorations-heading" weight="semibold" size={400}>
        {t("summary.restorations")}
      </Text>
      <ul className={s.list}>
        {restorations.map((r) => (
          <li key={r.outputSheet} className={s.text}>
            <Text>{t("summary.restoration", { source: r.sourceSheet, output: r.outputSheet, rows: r.rows })}</Text>
            <br />
            <Text className={s.muted}>
              {r.missingFields.length
                ? t(addedMissing ? "summary.missingAdded" : "summary.missingColumns", { columns: r.missingFields.join(t("list.separator")) })
                : t("summary.noMissingColumns")}
            </Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
