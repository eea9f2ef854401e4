import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState, useMemo } from "react";
import type { Finding } from "../../core/types";
import { cellRef, groupFindings } from "../format";
import type { ScoringHost } from "../host";
import { findingTitle, useLang, useT } from "../i18n";

/** Long lists are cut so a roster with thousands of findings does not freeze the pane. */
const FIRST_ROWS = 50;

type Preview = NonNullable<Awaited<ReturnType<NonNullable<ScoringHost["previewRows"]>>>>;

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "6px" },
  group: { display: "flex", flexDirection: "column", gap: "2px", marginLeft: "8px" },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteMarigoldForeground1 },
  info: { color: tokens.colorNeutralForeground2 },
  row: { justifyContent: "flex-start", textAlign: "left", minWidth: 0, fontWeight: tokens.fontWeightRegular },
  ref: { fontFamily: tokens.fontFamilyMonospace, marginRight: "6px", flexShrink: 0 },
  preview: { overflowX: "auto", marginLeft: "12px", marginBottom: "6px" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "2px 4px",
    whiteSpace: "nowrap",
    maxWidth: "12em",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  hit: { backgroundColor: tokens.colorPaletteYellowBackground2 },
});

function rowOf(cell: string): number {
  const m = /(\d+)$/.exec(cell);
  return m ? Number(m[1]) : -1;
}

function PreviewTable({ preview, finding }: { preview: Preview; finding: Finding }) {
  const t = useT();
  const s = useStyles();
  const hitRow = rowOf(finding.cell);
  const ref = cellRef(finding.sheet, finding.cell);
  if (!preview.rows.length) return <Text size={200}>{t("findings.noPreview")}</Text>;
  return (
    <div className={s.preview}>
      <table className={s.table} aria-label={t("findings.preview", { ref })}>
        <thead>
          <tr>
            <th className={s.cell}>{t("findings.row")}</th>
            {preview.headers.map((h, i) => (
              <th key={i} className={s.cell}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => (
            <tr key={r.row} className={r.row === hitRow ? s.hit : undefined}>
              <td className={s.cell}>{r.row}</td>
              {r.cells.map((c, i) => (
                <td key={i} className={s.cell}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FindingRow({ finding, host, onError }: { finding: Finding; host: ScoringHost; onError: (e: unknown) => void }) {
  const t = useT();
  const s = useStyles();
  const [preview, setPreview] = useState<Preview | null | "none">(null);
  const ref = cellRef(finding.sheet, finding.cell);

  const onClick = async () => {
    try {
      if (host.selectCell) {
        await host.selectCell(finding.sheet, finding.cell);
      } else if (host.previewRows) {
        if (preview) setPreview(null);
        else setPreview((await host.previewRows(finding.sheet, finding.cell)) ?? "none");
      }
    } catch (e) {
      onError(e);
    }
  };

  return (
    <li>
      <Button
        className={s.row}
        appearance="subtle"
        size="small"
        onClick={onClick}
        aria-expanded={host.selectCell ? undefined : preview !== null}
        title={host.selectCell ? t("findings.select", { ref }) : t("findings.preview", { ref })}
      >
        <span className={s.ref}>{ref}</span>
        <span>{finding.message}</span>
      </Button>
      {preview === "none" && <Text size={200}>{t("findings.noPreview")}</Text>}
      {preview && preview !== "none" && <PreviewTable preview={preview} finding={finding} />}
    </li>
  );
}

function CodeGroup(props: { title: string; findings: Finding[]; host: ScoringHost; onError: (e: unknown) => void }) {
  const t = useT();
  const s = useStyles();
  const [all, setAll] = useState(false);
  const shown = all ? props.findings : props.findings.slice(0, FIRST_ROWS);
  return (
    <div className={s.group}>
      <Text as="h4" weight="semibold" size={300}>
        {t("findings.count", { label: props.title, count: props.findings.length })}
      </Text>
      <ul style={{ listStyleType: "none", margin: 0, padding: 0 }}>
        {shown.map((f, i) => (
          <FindingRow key={`${f.sheet}!${f.cell}#${i}`} finding={f} host={props.host} onError={props.onError} />
        ))}
      </ul>
      {shown.length < props.findings.length && (
        <Button appearance="transparent" size="small" onClick={() => setAll(true)}>
          {t("findings.more", { count: props.findings.length - shown.length })}
        </Button>
      )}
    </div>
  );
}

export function FindingsList({ findings, host, onError }: { findings: Finding[]; host: ScoringHost; onError: (e: unknown) => void }) {
  const t = useT();
  const lang = useLang();
  const s = useStyles();
  // a big roster brings tens of thousands of findings; group them once per report, not per render
  const groups = useMemo(() => groupFindings(findings), [findings]);
  return (
    <section className={s.section} aria-label={t("findings.title", { count: findings.length })}>
      <Text as="h2" weight="semibold" size={500}>
        {t("findings.title", { count: findings.length })}
      </Text>
      {groups.length === 0 && <Text>{t("findings.none")}</Text>}
      {groups.map((g) => (
        <div key={g.severity} className={s.section}>
          <Text as="h3" weight="semibold" size={400} className={s[g.severity]}>
            {t("findings.count", { label: t(`severity.${g.severity}`), count: g.count })}
          </Text>
          {g.codes.map((c) => (
            <CodeGroup key={c.code} title={findingTitle(lang, c.code)} findings={c.findings} host={host} onError={onError} />
          ))}
        </div>
      ))}
    </section>
  );
}
