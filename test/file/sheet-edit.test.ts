import { parseSharedStrings } from "../../src/file/package";
import { SharedStringsEditor } from "../../src/file/shared-strings";
import { patchWorksheet, emptyEdits, type SheetEdits } from "../../src/file/sheet-edit";
import { StylesEditor } from "../../src/file/styles";
import { readWorksheet } from "../../src/file/sheet-read";
import { STYLES_XML, worksheetXml } from "../fixtures/file/build";

function edits(cells: [number, number, number | string | null, string?][]): SheetEdits {
  const e = emptyEdits();
  for (const [r, c, value, formula] of cells) {
    if (!e.cells.has(r)) e.cells.set(r, new Map());
    e.cells.get(r)!.set(c, { content: formula ? { value, formula } : { value } });
  }
  return e;
}

const styles = () => new StylesEditor(STYLES_XML);

/** Patch with a fresh string table; returns the table's texts too, to read the result back. */
function patch(xml: string, e: SheetEdits) {
  const sst = new SharedStringsEditor(null);
  const result = patchWorksheet(xml, e, styles, () => sst);
  return { ...result, sst: parseSharedStrings(sst.toXml()) };
}

describe("patchWorksheet", () => {
  it("leaves everything outside the touched rows byte-identical", () => {
    const rows =
      '<row r="1" spans="1:2"><c r="A1"><v>1</v></c></row>\n  <row r="2" spans="1:2" customHeight="1" ht="30"><c r="B2" s="1"><v>0.5</v></c></row>' +
      '<row r="3"><c r="A3"><v>3</v></c></row>';
    const xml = worksheetXml(
      rows,
      '<conditionalFormatting sqref="A1:A3"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>',
    );
    const { xml: out } = patch(xml, edits([[1, 0, 9]]));
    const touchedBefore = xml.slice(xml.indexOf('<row r="2"'), xml.indexOf('<row r="3"'));
    const touchedAfter = out.slice(out.indexOf('<row r="2"'), out.indexOf('<row r="3"'));
    expect(out.replace(touchedAfter, "")).toBe(xml.replace(touchedBefore, ""));
    expect(touchedAfter).toBe('<row r="2" customHeight="1" ht="30"><c r="A2"><v>9</v></c><c r="B2" s="1"><v>0.5</v></c></row>');
  });

  it("gives the rest of a shared-formula group its own text when the master is overwritten", () => {
    const rows =
      '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*10</f><v>20</v></c></row>' +
      '<row r="2"><c r="A2"><v>3</v></c><c r="B2"><f t="shared" si="0"/><v>30</v></c></row>' +
      '<row r="3"><c r="A3"><v>4</v></c><c r="B3"><f t="shared" si="0"/><v>40</v></c></row>';
    const result = patch(worksheetXml(rows), edits([[0, 1, 5, "=A1+3"]]));
    expect(result.formulasChanged).toBe(true);
    expect(result.xml).not.toContain('si="0"');
    const read = readWorksheet(result.xml, [], []);
    expect(read.formulas.map((r) => r[1])).toEqual(["=A1+3", "=A2*10", "=A3*10"]);
    expect(read.values.map((r) => r[1])).toEqual([5, 30, 40]);
  });

  it("pins rows and cells that had no r when it inserts around them", () => {
    const rows = "<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>";
    const { xml, sst } = patch(
      worksheetXml(rows),
      edits([
        [0, 0, "x"],
        [2, 0, "y"],
      ]),
    );
    const read = readWorksheet(xml, sst, []);
    expect(read.values).toEqual([["x", 2], [3], ["y"]]);
  });

  it("works on a prefixed (x:) worksheet", () => {
    const xml =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    const e = edits([[0, 1, "新"]]);
    e.merges.push({ r1: 2, c1: 0, r2: 2, c2: 1 });
    const { xml: out, sst } = patch(xml, e);
    expect(out).toContain('<x:c r="B1" t="s"><x:v>0</x:v></x:c>');
    expect(out).toContain('</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A3:B3"/></x:mergeCells></x:worksheet>');
    expect(readWorksheet(out, sst, []).values).toEqual([[1, "新"]]);
  });

  it("skips a merge that overlaps an existing one, and an identical one on a re-run", () => {
    const xml = worksheetXml("", '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>');
    const e = emptyEdits();
    e.merges.push({ r1: 0, c1: 0, r2: 1, c2: 1 }, { r1: 1, c1: 1, r2: 3, c2: 3 }, { r1: 5, c1: 0, r2: 5, c2: 3 });
    const { xml: out } = patch(xml, e);
    expect(out).toContain('<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="A6:D6"/></mergeCells>');
  });

  it("new cells in a row with a row style take that style; in a styled column, the column's", () => {
    const xml = worksheetXml(
      '<row r="1" s="1" customFormat="1"><c r="A1" s="1"><v>1</v></c></row>',
      "",
      '<cols><col min="3" max="3" width="9" style="2" customWidth="1"/></cols>',
    );
    const { xml: out } = patch(
      xml,
      edits([
        [0, 1, 2],
        [1, 2, 3],
      ]),
    );
    expect(out).toContain('<c r="B1" s="1"><v>2</v></c>');
    expect(out).toContain('<c r="C2" s="2"><v>3</v></c>');
  });
});
