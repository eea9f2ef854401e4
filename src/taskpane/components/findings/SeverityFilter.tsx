import { makeStyles, ToggleButton } from "@fluentui/react-components";
import type { Severity } from "../../../core/types";
import { SEVERITY_ORDER } from "../../format";
import { useT } from "../../i18n";
import { SeverityIcon } from "./SeverityIcon";

const useStyles = makeStyles({
  chips: { display: "flex", gap: "6px", flexWrap: "wrap" },
});

/** 错误 / 警告 / 提示 as toggle chips; a severity with no findings is left out. */
export function SeverityFilter(props: { counts: Record<Severity, number>; shown: Set<Severity>; onToggle: (s: Severity) => void }) {
  const t = useT();
  const s = useStyles();
  return (
    <div className={s.chips} role="group" aria-label={t("findings.filter")}>
      {SEVERITY_ORDER.filter((sev) => props.counts[sev] > 0).map((sev) => (
        <ToggleButton
          key={sev}
          size="small"
          shape="circular"
          appearance={props.shown.has(sev) ? "outline" : "subtle"}
          checked={props.shown.has(sev)}
          icon={<SeverityIcon severity={sev} />}
          onClick={() => props.onToggle(sev)}
        >
          {t("findings.chip", { label: t(`severity.one.${sev}`), count: props.counts[sev] })}
        </ToggleButton>
      ))}
    </div>
  );
}
