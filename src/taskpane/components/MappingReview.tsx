import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  makeStyles,
  mergeClasses,
  Select,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { SIMILAR_APPLY } from "../../core/roster/match";
import type { MappingEntry, RestorationReport } from "../../core/types";
import { useT } from "../i18n";

/** below this a match waits for confirmation: the core applies only matches at or above it */
export const WEAK_CONFIDENCE = SIMILAR_APPLY;

const NONE = "\u0000none";

const useStyles = makeStyles({
  headerText: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap", minWidth: 0 },
  title: { overflowWrap: "anywhere" },
  panel: { display: "flex", flexDirection: "column", gap: "8px", margin: 0, paddingBottom: "8px" },
  // a plain table in Fluent's tokens: @fluentui/react-table would cost the pane's bundle more than it gives here
  table: { tableLayout: "fixed", width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    padding: "4px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  td: { padding: "4px", verticalAlign: "middle", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  field: { overflowWrap: "anywhere" },
  fieldCol: { width: "30%" },
  methodCol: { width: "16%", "@media (max-width: 420px)": { display: "none" } },
  confCol: { width: "22%" },
  weak: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  select: { minWidth: 0, width: "100%" },
  method: { whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", "@media (max-width: 420px)": { display: "none" } },
  conf: { display: "flex", flexWrap: "wrap", gap: "4px", alignItems: "center" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

function isWeak(e: MappingEntry): boolean {
  return (e.header !== null || !!e.candidate) && e.confidence < WEAK_CONFIDENCE;
}

function isMissing(e: MappingEntry): boolean {
  return e.header === null && !e.candidate;
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

export interface MappingReviewProps {
  restoration: RestorationReport;
  busy: boolean;
  /** whether the run added a column for each missing field (then it reads 已添加, not 0 %) */
  addedMissing: boolean;
  onApply: (manual: Record<string, string | null>) => void;
}

/**
 * The column mapping behind one badge: collapsed until opened, then only the fields that need a
 * look (weak or missing) unless the user asks for all of them.
 */
export function MappingReview(props: MappingReviewProps) {
  const t = useT();
  const s = useStyles();
  const r = props.restoration;
  const headers = useMemo(() => sourceHeaders(r), [r]);
  const [choice, setChoice] = useState<Record<string, string | null>>(() => Object.fromEntries(r.mapping.map((e) => [e.field, initialChoice(e)])));
  const [showAll, setShowAll] = useState(false);

  // a field the sheet lacked stays "missing" even when the run added its column (header then names the new column)
  const lacked = new Set(r.missingFields);
  const weakOf = (e: MappingEntry) => isWeak(e) && !lacked.has(e.field);
  const missingOf = (e: MappingEntry) => lacked.has(e.field) || isMissing(e);
  const attention = r.mapping.filter((e) => weakOf(e) || lacked.has(e.field));
  const count = attention.length;
  const rows = showAll || count === 0 ? r.mapping : attention;
  const title = t("mapping.title", { source: r.sourceSheet });

  return (
    <section aria-label={title}>
      <Accordion collapsible>
        <AccordionItem value="mapping">
          <AccordionHeader as="h3">
            <span className={s.headerText}>
              <Text weight="semibold" className={s.title}>
                {title}
              </Text>
              <Badge appearance="tint" shape="rounded" color={count ? "warning" : "success"}>
                {count === 1 ? t("mapping.weakCountOne") : count ? t("mapping.weakCount", { count }) : t("mapping.allStrong")}
              </Badge>
            </span>
          </AccordionHeader>
          <AccordionPanel className={s.panel}>
            <table className={s.table} aria-label={title}>
              <thead>
                <tr>
                  <th scope="col" className={mergeClasses(s.th, s.fieldCol)}>
                    {t("mapping.field")}
                  </th>
                  <th scope="col" className={s.th}>
                    {t("mapping.header")}
                  </th>
                  <th scope="col" className={mergeClasses(s.th, s.methodCol)}>
                    {t("mapping.method")}
                  </th>
                  <th scope="col" className={mergeClasses(s.th, s.confCol)}>
                    {t("mapping.confidence")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => {
                  const weak = weakOf(e);
                  const missing = missingOf(e);
                  return (
                    <tr key={e.field} className={weak ? s.weak : undefined} data-weak={weak || undefined} data-missing={missing || undefined}>
                      <td className={mergeClasses(s.td, s.field)}>{e.field}</td>
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
                      <td className={mergeClasses(s.td, s.method)}>{t(`method.${e.method ?? "none"}`)}</td>
                      <td className={s.td}>
                        <span className={s.conf}>
                          {missing ? (
                            <Badge
                              appearance="tint"
                              shape="rounded"
                              color={props.addedMissing ? "informative" : "danger"}
                              title={props.addedMissing ? t("mapping.addedHint") : undefined}
                            >
                              {props.addedMissing ? t("mapping.added") : t("mapping.missing")}
                            </Badge>
                          ) : (
                            <>
                              <span>{Math.round(e.confidence * 100)}%</span>
                              {weak && (
                                <Badge color="warning" appearance="tint" size="small">
                                  {t("mapping.weak")}
                                </Badge>
                              )}
                            </>
                          )}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className={s.actions}>
              <Button appearance="primary" disabled={props.busy} onClick={() => props.onApply({ ...choice })}>
                {t("mapping.apply")}
              </Button>
              {count > 0 && count < r.mapping.length && (
                <Button appearance="secondary" onClick={() => setShowAll((v) => !v)}>
                  {showAll ? t("mapping.showWeak") : t("mapping.showAll", { count: r.mapping.length })}
                </Button>
              )}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
