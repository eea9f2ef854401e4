import { Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useId } from "react";
import type { PartyId } from "../../../core/types";
import { useT } from "../../i18n";
import { PARTIES, weightsOf, weightsProblem } from "../../settings";
import { SettingsGroup } from "./SettingsGroup";
import { withOptions, type SectionProps } from "./types";

const useStyles = makeStyles({
  // four fields: two by two in the pane, one row once there is room; inputs line up when a label wraps
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    gap: "8px",
    alignItems: "end",
    "@media (min-width: 560px)": { gridTemplateColumns: "repeat(4, minmax(0, 1fr))" },
  },
  input: { minWidth: 0, width: "100%" },
  sum: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

export function WeightsSection({ draft, onChange }: SectionProps) {
  const t = useT();
  const s = useStyles();
  const messageId = useId();
  const weights = weightsOf(draft.options);
  const problem = weightsProblem(draft.options);
  const setWeight = (party: PartyId, pct: string) => {
    const v = Number(pct);
    if (!Number.isFinite(v)) return;
    onChange(withOptions(draft, { weights: { ...weights, [party]: Math.max(0, Math.min(100, v)) / 100 } }));
  };
  return (
    <SettingsGroup title={t("settings.weights")}>
      <div className={s.grid}>
        {PARTIES.map((party) => (
          <Field key={party} label={t(`party.${party}`)} validationState={problem === null ? "none" : "error"}>
            <Input
              className={s.input}
              type="number"
              min={0}
              max={100}
              step={1}
              aria-describedby={messageId}
              aria-invalid={problem !== null || undefined}
              value={String(Math.round(weights[party] * 10000) / 100)}
              onChange={(_, d) => setWeight(party, d.value)}
            />
          </Field>
        ))}
      </div>
      <Text id={messageId} className={problem === null ? s.sum : s.error} role={problem === null ? undefined : "alert"}>
        {problem === null ? t("settings.weightsSum", { sum: 100 }) : t("settings.weightsNot100", { sum: problem })}
      </Text>
    </SettingsGroup>
  );
}
