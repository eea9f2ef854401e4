import { Badge, Button, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { SIMILAR_APPLY } from "../../core/roster/match";
import type { MappingEntry, RestorationReport } from "../../core/types";
import { useT } from "../i18n";

/** below this a match waits for confirmation: the core applies only matches at or above it */
export const WEAK_CONFIDENCE = SIMILAR_APPLY;

const NONE = "\u0000none";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "6px" },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  th: { textAlign: "left", padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  td: { padding: "2px 4px", verticalAlign: "middle" },
  weak: { backgroundColor: tokens.colorPaletteYellowBackground2 },
  select: { minWidth: "8em" },
  summary: { cursor: "pointer", marginBottom: "6px" },
});

function isWeak(e: MappingEntry): boolean {
  return (e.header !== null || !!e.candidate) && e.confidence < WEAK_CONFIDENCE;
}

function initialChoice(e: MappingEntry): string | null {
  // A weak match with no header yet carries the core's candidate: preselect it, applying confirms it.
  return e.header ?? e.candidate ?? null;
}

/** Every header of the source row the user may pick, in a stable order. */
function sourceHeaders(r: RestorationReport): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (h: string | null | undefined) => {
    if (h && !seen.has(h)) {
      seen.add(h);
      out.push(h);
    }
  };
  r.mapping.forEach((e) => add(e.header));
  r.mapping.forEach((e) => add(e.candidate));
  r.unmappedHeaders.forEach(add);
  return out;
}

export function MappingReview(props: { restoration: RestorationReport; busy: boolean; onApply: (manual: Record<string, string | null>) => void }) {
  const t = useT();
  const s = useStyles();
  const r = props.restoration;
  const headers = useMemo(() => sourceHeaders(r), [r]);
  const [choice, setChoice] = useState<Record<string, string | null>>(() => Object.fromEntries(r.mapping.map((e) => [e.field, initialChoice(e)])));

  const weakCount = r.mapping.filter(isWeak).length;

  // Open when something needs a look (a weak match or a missing field); otherwise one line.
  return (
    <section className={s.section} aria-label={t("mapping.title", { source: r.sourceSheet })}>
      <details open={weakCount > 0 || r.missingFields.length > 0}>
        <summary className={s.summary}>
          <Text weight="semibold" size={400}>
            {t("mapping.title", { source: r.sourceSheet })}
          </Text>{" "}
          <Text size={200}>{weakCount ? t("mapping.weakCount", { count: weakCount }) : t("mapping.allStrong")}</Text>
        </summary>
        <table className={s.table}>
          <thead>
            <tr>
              <th className={s.th}>{t("mapping.field")}</th>
              <th className={s.th}>{t("mapping.header")}</th>
              <th className={s.th}>{t("mapping.method")}</th>
              <th className={s.th}>{t("mapping.confidence")}</th>
            </tr>
          </thead>
          <tbody>
            {r.mapping.map((e) => {
              const weak = isWeak(e);
              return (
                <tr key={e.field} className={weak ? s.weak : undefined} data-weak={weak || undefined}>
                  <td className={s.td}>{e.field}</td>
                  <td className={s.td}>
                    <Select
                      className={s.select}
                      size="small"
                      aria-label={t("mapping.changeFor", { field: e.field })}
                      value={choice[e.field] ?? NONE}
                      onChange={(_, data) => setChoice((c) => ({ ...c, [e.field]: data.value === NONE ? null : data.value }))}
                    >
                      <option value={NONE}>{t("mapping.none")}</option>
                      {headers.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </Select>
                  </td>
                  <td className={s.td}>{t(`method.${e.method ?? "none"}`)}</td>
                  <td className={s.td}>
                    {Math.round(e.confidence * 100)}%
                    {weak && (
                      <Badge color="warning" appearance="tint" size="small" style={{ marginLeft: 4 }}>
                        {t("mapping.weak")}
                      </Badge>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div>
          <Button disabled={props.busy} onClick={() => props.onApply({ ...choice })}>
            {t("mapping.apply")}
          </Button>
        </div>
      </details>
    </section>
  );
}
