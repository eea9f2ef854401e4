import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Finding } from "../../../core/types";
import { cellRef } from "../../format";
import type { ScoringHost } from "../../host";
import { useT } from "../../i18n";

export type Preview = NonNullable<Awaited<ReturnType<NonNullable<ScoringHost["previewRows"]>>>>;

const useStyles = makeStyles({
  // fixed layout: the table takes the pane's width and cuts long cells, so nothing scrolls sideways
  table: { borderCollapse: "collapse", tableLayout: "fixed", width: "100%", fontSize: tokens.fontSizeBase200, margin: "4px 0 8px" },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "2px 4px",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    textAlign: "left",
  },
  rowHead: { width: "3em", color: tokens.colorNeutralForeground2 },
  hit: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  hitCell: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px", fontWeight: tokens.fontWeightSemibold },
});

/** width in ch of a text: a CJK character takes two */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return w;
}

function rowOf(cell: string): number {
  const m = /(\d+)$/.exec(cell.split(":")[0]);
  return m ? Number(m[1]) : -1;
}

function colOf(cell: string): string {
  return (/^\$?([A-Z]+)/i.exec(cell) ?? ["", ""])[1].toUpperCase();
}

/** The rows around a finding's cell, on the page where there is no grid to select it in. */
export function PreviewTable({ preview, finding, id }: { preview: Preview | null; finding: Finding; id: string }) {
  const t = useT();
  const s = useStyles();
  if (!preview || !preview.rows.length) {
    return (
      <Text size={200} id={id}>
        {t("findings.noPreview")}
      </Text>
    );
  }
  const hitRow = rowOf(finding.cell);
  const hitCol = preview.headers.indexOf(colOf(finding.cell));
  // the finding's own column is as wide as its longest value (up to half the table): the value
  // the finding is about is never the one cut short
  const hitWidth = hitCol < 0 ? 0 : Math.max(...preview.rows.map((r) => displayWidth(r.cells[hitCol] ?? "")), 2) + 2;
  return (
    <table className={s.table} id={id} aria-label={t("findings.preview", { ref: cellRef(finding.sheet, finding.cell) })}>
      <thead>
        <tr>
          <th scope="col" className={`${s.cell} ${s.rowHead}`}>
            {t("findings.row")}
          </th>
          {preview.headers.map((h, i) => (
            <th key={i} scope="col" className={s.cell} style={i === hitCol ? { width: `min(50%, ${hitWidth}ch)` } : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {preview.rows.map((r) => (
          <tr key={r.row} className={r.row === hitRow ? s.hit : undefined}>
            <th scope="row" className={`${s.cell} ${s.rowHead}`}>
              {r.row}
            </th>
            {r.cells.map((c, i) => (
              <td key={i} className={r.row === hitRow && i === hitCol ? `${s.cell} ${s.hitCell}` : s.cell} title={c}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
