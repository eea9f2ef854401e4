import { Button, Field, Input, makeStyles, mergeClasses, MessageBar, MessageBarBody, Select, Text, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { INDICATOR_ROLES, SCORE_ROLES, type SavedLayout, type SavedLineRole } from "../../../core/layouts/savedLayout";
import type { EvaluateOptions, SheetSnapshot } from "../../../core/types";
import { formatPercent, formatPoints, formatWeight } from "../../format";
import { recordChoice, useLayoutDraft, type RecordChoice } from "../../hooks/useLayoutDraft";
import { useLang, useT } from "../../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  shape: { display: "flex", flexWrap: "wrap", gap: "8px" },
  shapeField: { flex: "1 1 160px", minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
  table: { tableLayout: "fixed", width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  th: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, padding: "4px", borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  td: { padding: "4px", verticalAlign: "top", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: "anywhere" },
  num: { textAlign: "right" },
  at: { display: "block", color: tokens.colorNeutralForeground3 },
  roleCell: { display: "flex", flexDirection: "column", gap: "4px" },
  previewBox: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "8px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

export interface LayoutReviewProps {
  sheet: SheetSnapshot;
  range: string;
  /** the run's options: the preview weighs and grades scores as the run will */
  options: EvaluateOptions;
  busy: boolean;
  onSave(layout: SavedLayout): void | Promise<void>;
  onCancel(): void;
}

const PARTY_CHOICES: RecordChoice[] = ["buyer", "supervisor", "supervision-centre", "third-party", "total", "grade", "ignore"];
const AREA_ROLES: SavedLineRole[] = ["target", "completed", "percent"];

/**
 * The review of a range being taught: the header band as the sheet shows it, a role for each
 * line (and a party for each record of a score table), and a live preview of what a run would
 * write. Every control is a native select or input with its own label, reachable by Tab.
 */
export function LayoutReview(p: LayoutReviewProps) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  const draft = useLayoutDraft(p.sheet, p.range, lang, p.options);
  const { layout, proposal, preview } = draft;
  const headingId = useId();
  const [saving, setSaving] = useState(false);
  const down = layout.orientation === "down";
  const roles = layout.kind === "indicators" ? INDICATOR_ROLES : SCORE_ROLES;
  const roleName = (r: SavedLineRole) => t(layout.kind === "scores" && r === "label" ? "layout.role.party" : `layout.role.${r}`);
  const lineAt = (at: string) => t(down ? "layout.lineAt.down" : "layout.lineAt.across", { at });
  const recordAt = (at: string) => t(down ? "layout.lineAt.across" : "layout.lineAt.down", { at });
  const depth = Math.max(1, proposal.records.length + layout.band);

  const save = async () => {
    setSaving(true);
    try {
      await p.onSave(layout);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={s.root} aria-labelledby={headingId} data-testid="layout-review">
      <h3 id={headingId} className={s.heading}>
        {t("layout.reviewTitle", { sheet: p.sheet.name, range: layout.range })}
      </h3>
      <Field label={t("layout.name")}>
        <Input value={layout.name} maxLength={60} onChange={(_, d) => draft.setName(d.value)} />
      </Field>
      <div className={s.shape}>
        <Field className={s.shapeField} label={t("layout.kind")}>
          <Select className={s.select} value={layout.kind} onChange={(_, d) => draft.reshape({ kind: d.value as SavedLayout["kind"] })}>
            <option value="indicators">{t("layout.kind.indicators")}</option>
            <option value="scores">{t("layout.kind.scores")}</option>
          </Select>
        </Field>
        <Field className={s.shapeField} label={t("layout.orientation")}>
          <Select className={s.select} value={layout.orientation} onChange={(_, d) => draft.reshape({ orientation: d.value as SavedLayout["orientation"] })}>
            <option value="down">{t("layout.orientation.down")}</option>
            <option value="across">{t("layout.orientation.across")}</option>
          </Select>
        </Field>
        <Field className={s.shapeField} label={t("layout.band")}>
          <Select className={s.select} value={String(layout.band)} onChange={(_, d) => draft.reshape({ band: Number(d.value) })}>
            {[1, 2, 3]
              .filter((n) => n < depth)
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </Select>
        </Field>
      </div>

      <h4 className={s.subheading}>{t("layout.lines")}</h4>
      <table className={s.table} aria-label={t("layout.lines")}>
        <thead>
          <tr>
            <th scope="col" className={s.th}>
              {t("layout.lineHeader")}
            </th>
            <th scope="col" className={s.th}>
              {t("layout.lineRole")}
            </th>
          </tr>
        </thead>
        <tbody>
          {layout.lines.map((line) => {
            const shown = proposal.lines[line.offset];
            const header = shown?.header || t("layout.noHeader");
            const at = lineAt(shown?.at ?? "");
            return (
              <tr key={line.offset} data-line={line.offset}>
                <td className={s.td}>
                  {header}
                  <span className={s.at}>{at}</span>
                </td>
                <td className={s.td}>
                  <div className={s.roleCell}>
                    <Select
                      className={s.select}
                      size="small"
                      aria-label={t("layout.roleFor", { header, at })}
                      value={line.role}
                      onChange={(_, d) => draft.setRole(line.offset, d.value as SavedLineRole)}
                    >
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {roleName(r)}
                        </option>
                      ))}
                    </Select>
                    {layout.kind === "indicators" && AREA_ROLES.includes(line.role) && (
                      <Input
                        size="small"
                        placeholder={t("layout.area")}
                        aria-label={t("layout.areaFor", { header, at })}
                        value={line.area ?? ""}
                        maxLength={40}
                        onChange={(_, d) => draft.setArea(line.offset, d.value)}
                      />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {layout.kind === "scores" && (
        <>
          <h4 className={s.subheading}>{t("layout.records")}</h4>
          <table className={s.table} aria-label={t("layout.records")}>
            <tbody>
              {proposal.records.map((rec) => {
                const label = rec.label || t("layout.unnamed");
                const at = recordAt(rec.at);
                return (
                  <tr key={rec.offset} data-record={rec.offset}>
                    <td className={s.td}>
                      {label}
                      <span className={s.at}>{at}</span>
                    </td>
                    <td className={s.td}>
                      <Select
                        className={s.select}
                        size="small"
                        aria-label={t("layout.recordFor", { label, at })}
                        value={recordChoice(layout, rec.offset)}
                        onChange={(_, d) => draft.setRecord(rec.offset, d.value as RecordChoice)}
                      >
                        {PARTY_CHOICES.map((c) => (
                          <option key={c} value={c}>
                            {c === "total" || c === "grade" ? t(`layout.record.${c}`) : c === "ignore" ? t("layout.role.ignore") : t(`party.${c}`)}
                          </option>
                        ))}
                      </Select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}

      <div className={s.previewBox} data-testid="layout-preview" aria-live="polite">
        <h4 className={s.subheading}>{t("layout.preview")}</h4>
        <PreviewBody preview={preview} />
      </div>

      <div className={s.actions}>
        <Button appearance="primary" disabled={!preview.ok || p.busy || saving || !layout.name.trim()} onClick={() => void save()}>
          {t("layout.save")}
        </Button>
        <Button onClick={p.onCancel}>{t("layout.cancel")}</Button>
      </div>
    </section>
  );
}

function PreviewBody({ preview }: { preview: ReturnType<typeof useLayoutDraft>["preview"] }) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  if (!preview.ok) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{lang === "en" ? preview.en : preview.zh}</MessageBarBody>
      </MessageBar>
    );
  }
  const more = preview.findings.length ? <Text size={200}>{t("layout.previewFindings", { count: preview.findings.length })}</Text> : null;
  if (preview.kind === "scores") {
    const score = preview.score;
    if (!score) return <Text>{t("layout.previewNoScore")}</Text>;
    return (
      <>
        <table className={s.table} aria-label={t("layout.preview")}>
          <thead>
            <tr>
              <th scope="col" className={s.th}>
                {t("layout.role.party")}
              </th>
              <th scope="col" className={mergeClasses(s.th, s.num)}>
                {t("layout.role.weight")}
              </th>
              <th scope="col" className={mergeClasses(s.th, s.num)}>
                {t("layout.role.score")}
              </th>
            </tr>
          </thead>
          <tbody>
            {score.parties.map((party) => (
              <tr key={party.party}>
                <td className={s.td}>{t(`party.${party.party}`)}</td>
                <td className={mergeClasses(s.td, s.num)}>{formatWeight(party.weight)}</td>
                <td className={mergeClasses(s.td, s.num)}>{formatPoints(party.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Text data-testid="layout-preview-total">
          {t("layout.previewTotal", { total: formatPoints(score.total), cell: score.totalCell, grade: score.grade ?? "—", gradeCell: score.gradeCell })}
        </Text>
        {more}
      </>
    );
  }
  if (!preview.indicators.length) return <Text>{t("layout.previewEmpty")}</Text>;
  return (
    <>
      <table className={s.table} aria-label={t("layout.preview")}>
        <thead>
          <tr>
            <th scope="col" className={s.th}>
              {t("layout.role.label")}
            </th>
            <th scope="col" className={mergeClasses(s.th, s.num)}>
              {t("layout.previewFigures")}
            </th>
            <th scope="col" className={mergeClasses(s.th, s.num)}>
              {t("layout.previewPercent")}
            </th>
          </tr>
        </thead>
        <tbody>
          {preview.indicators.map((i) => (
            <tr key={`${i.targetCell}`} data-preview-row={i.percentCell ?? i.targetCell}>
              <td className={s.td}>
                {i.label ?? t("layout.unnamed")}
                {i.area ? ` · ${i.area}` : ""}
              </td>
              <td className={mergeClasses(s.td, s.num)}>
                {i.completed ?? "—"} / {i.target ?? "—"}
                {i.unit ?? ""}
              </td>
              <td className={mergeClasses(s.td, s.num)}>
                {formatPercent(i.percent)}
                {i.percentCell && <span className={s.at}>{t("layout.previewCell", { cell: i.percentCell })}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </>
  );
}
