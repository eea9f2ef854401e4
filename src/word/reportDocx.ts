/**
 * The report draft as a Word document, through the `docx` package: declarative, MIT, well kept,
 * and the same code runs in Node (the command line) and in the browser (the page). It is loaded
 * with a dynamic import, so it is a chunk of its own that only a click on 下载报告摘要 fetches.
 * Headings use Word's built-in styles (Title, Heading 1, Heading 2), so a report can take the
 * sections over with its own numbering and look; the appendix is a real Word table.
 */
import type { ReportDraft } from "../core/report/model";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export async function reportDocx(draft: ReportDraft): Promise<Uint8Array> {
  const { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import("docx");
  const border = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
  const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [new Paragraph({ text: draft.title, heading: HeadingLevel.TITLE })];
  for (const section of draft.sections) {
    children.push(new Paragraph({ text: section.heading, heading: section.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 }));
    for (const p of section.paragraphs) children.push(new Paragraph({ children: [new TextRun(p.text)] }));
    const table = section.table;
    if (table) {
      const numeric = new Set([2, 3, 4]);
      const row = (cells: string[], header: boolean) =>
        new TableRow({
          tableHeader: header,
          children: cells.map(
            (text, k) =>
              new TableCell({
                children: [
                  new Paragraph({
                    alignment: numeric.has(k) && !header ? AlignmentType.RIGHT : AlignmentType.LEFT,
                    children: [new TextRun({ text, bold: header })],
                  }),
                ],
              }),
          ),
        });
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders,
          rows: [
            row(table.columns, true),
            ...table.rows.map((r) =>
              row(
                r.map((c) => c.text),
                false,
              ),
            ),
          ],
        }),
      );
    }
  }
  const doc = new Document({
    creator: "shuangbai",
    title: draft.title,
    styles: { default: { document: { run: { font: { eastAsia: "宋体", ascii: "Calibri", hAnsi: "Calibri" } } } } },
    sections: [{ children }],
  });
  return Packer.pack(doc, "uint8array");
}
