import { strFromU8, unzipSync } from "fflate";
import type { Plan } from "../../src/core/types";
import { applyPlan, applyPlanPieces, openXlsx, snapshotOf } from "../../src/file";
import { addChart, excelJsWorkbook, loadWithExcelJs, miniXlsx, partsOf, partText, STYLES_XML, worksheetXml } from "../fixtures/file/build";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Names of parts whose inflated bytes differ (or that exist on one side only). */
function changedParts(before: Uint8Array, after: Uint8Array): string[] {
  const a = partsOf(before);
  const b = partsOf(after);
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => !a[n] || !b[n] || !sameBytes(a[n], b[n])).sort();
}

const percentPlan: Plan = [
  {
    kind: "cells",
    sheet: "指标",
    row: 1,
    col: 3,
    purpose: "percent",
    cells: [
      [{ value: 1.855, formula: '=IFERROR(C2/B2,"")', numberFormat: "0.00%" }],
      [{ value: 430 / 900, formula: '=IFERROR(C3/B3,"")', numberFormat: "0.00%" }],
    ],
  },
];

describe("applyPlan on a workbook with a chart", () => {
  let input: Uint8Array;
  let output: Uint8Array;
  beforeAll(async () => {
    input = addChart(await excelJsWorkbook());
    output = applyPlan(openXlsx(input), [...percentPlan, { kind: "fill", sheet: "指标", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 3 }], role: "header" }]);
  });

  it("changes only the touched sheet and styles; the chart and drawing come back byte-identical", () => {
    expect(changedParts(input, output)).toEqual(["xl/styles.xml", "xl/worksheets/sheet1.xml"]);
    const before = partsOf(input);
    const after = partsOf(output);
    for (const part of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/worksheets/_rels/sheet1.xml.rels"]) {
      expect(after[part]).toBeDefined();
      expect(sameBytes(after[part], before[part])).toBe(true);
    }
    expect(partText(output, "xl/worksheets/sheet1.xml")).toContain('<drawing r:id="rIdChart1"/>');
  });

  it("leaves the input package unchanged and can apply again", () => {
    const pkg = openXlsx(input);
    const first = applyPlan(pkg, percentPlan);
    const second = applyPlan(pkg, percentPlan);
    expect(sameBytes(first, second)).toBe(true);
    expect(snapshotOf(pkg, "x").sheets[0].formulas?.[1]?.[3]).toBe("=C2/B2");
  });

  it("gives the same file in pieces (for a writer that writes them in turn), the parts it keeps not copied", () => {
    const pkg = openXlsx(input);
    const pieces = applyPlanPieces(pkg, percentPlan);
    const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    pieces.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    expect(sameBytes(joined, applyPlan(pkg, percentPlan))).toBe(true);
    // the chart's stored bytes are the input's own, not a copy
    const chart = pkg.entries.find((e) => e.name === "xl/charts/chart1.xml")!;
    expect(pieces.some((p) => p === chart.data)).toBe(true);
  });

  it("keeps the other cells and their styles, and writes formulas with cached results", () => {
    const sheet = snapshotOf(openXlsx(output), "out").sheets[0];
    expect(sheet.values[1].slice(0, 4)).toEqual(["建档", 200, 371, 1.855]);
    expect(sheet.formulas?.[1]?.[3]).toBe('=IFERROR(C2/B2,"")');
    expect(sheet.values[2][3]).toBeCloseTo(0.4778, 4);
    expect(sheet.numberFormats?.[1]?.[3]).toBe("0.00%");
    expect(sheet.numberFormats?.[1]?.[4]).toBe("yyyy-mm-dd");
    expect(sheet.merges).toEqual([{ r1: 4, c1: 0, r2: 4, c2: 2 }]);
    expect(sheet.values[6][0]).toBe("富文本");
  });

  it("is readable by exceljs with values, formulas, results and the header fill", async () => {
    const wb = await loadWithExcelJs(output);
    const ws = wb.getWorksheet("指标")!;
    const d2 = ws.getCell("D2").value as { formula: string; result: number };
    expect(d2.formula).toBe('IFERROR(C2/B2,"")');
    expect(d2.result).toBe(1.855);
    expect(ws.getCell("D2").numFmt).toBe("0.00%");
    expect(ws.getCell("B3").font?.bold).toBe(true);
    expect(ws.getCell("B3").border?.top?.style).toBe("thin");
    const fill = ws.getCell("A1").fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe("FFD9E1F2");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A1").value).toBe("指标");
    expect(wb.getWorksheet("隐藏")!.state).toBe("hidden");
  });
});

describe("applyPlan cell writes", () => {
  const rows =
    '<row r="1" spans="1:3" ht="20" customHeight="1"><c r="A1" s="2"><v>200</v></c><c r="C1" t="s"><v>0</v></c></row>' +
    '<row r="3"><c r="B3"><f>A1*2</f><v>400</v></c></row>';
  const input = miniXlsx({
    sheets: [
      { name: "S", rows },
      { name: "T", rows: '<row r="1"><c r="A1"><v>9</v></c></row>' },
    ],
    sharedStrings: ["文本"],
    styles: STYLES_XML,
    calcChain: true,
  });

  function write(plan: Plan): { out: Uint8Array; sheet: string } {
    const out = applyPlan(openXlsx(input), plan);
    return { out, sheet: partText(out, "xl/worksheets/sheet1.xml") };
  }

  it("inserts cells in column order inside existing rows and new rows in row order, keeping row attributes", () => {
    const { out, sheet } = write([
      {
        kind: "cells",
        sheet: "S",
        row: 0,
        col: 1,
        purpose: "restore",
        cells: [[{ value: "中" }, null, { value: 3 }], [{ value: true }], [{ value: null }], [{ value: "末" }]],
      },
    ]);
    expect(sheet).toMatch(
      /<row r="1" ht="20" customHeight="1"><c r="A1" s="2"><v>200<\/v><\/c><c r="B1" t="s"><v>1<\/v><\/c><c r="C1" t="s"><v>0<\/v><\/c><c r="D1"><v>3<\/v><\/c><\/row>/,
    );
    expect(sheet).toMatch(/<row r="2"><c r="B2" t="b"><v>1<\/v><\/c><\/row><row r="3"><c r="B3"\/><\/row><row r="4"><c r="B4" t="s"><v>2<\/v><\/c><\/row>/);
    const s = snapshotOf(openXlsx(out), "x").sheets[0];
    expect(s.values).toEqual([[200, "中", "文本", 3], [null, true], [], [null, "末"]]);
    // new text is appended to the shared string table, existing entries keep their indexes
    expect(partText(out, "xl/sharedStrings.xml")).toMatch(/<si><t xml:space="preserve">文本<\/t><\/si><si><t>中<\/t><\/si><si><t>末<\/t><\/si><\/sst>$/);
  });

  it("reuses shared strings already in the table and leaves the table untouched when nothing is new", () => {
    const { out, sheet } = write([{ kind: "cells", sheet: "S", row: 5, col: 0, purpose: "restore", cells: [[{ value: "文本" }, { value: "文本" }]] }]);
    expect(sheet).toContain('<row r="6"><c r="A6" t="s"><v>0</v></c><c r="B6" t="s"><v>0</v></c></row>');
    expect(changedParts(input, out)).toEqual(["xl/worksheets/sheet1.xml"]);
  });

  it("writes text formula results as t=str, errors as t=e, and escapes XML", () => {
    const { out } = write([
      {
        kind: "cells",
        sheet: "S",
        row: 4,
        col: 0,
        purpose: "score-total",
        cells: [
          [
            { value: "良好", formula: '=IF(B3>=80,"良好","<合格>")' },
            { value: "", formula: '=IFERROR(1/0,"")' },
            { value: "#DIV/0!", formula: "=1/0" },
            { value: "a & b <c>" },
          ],
        ],
      },
    ]);
    const s = snapshotOf(openXlsx(out), "x").sheets[0];
    expect(s.values[4]).toEqual(["良好", "", "#DIV/0!", "a & b <c>"]);
    expect(s.formulas?.[4]?.[0]).toBe('=IF(B3>=80,"良好","<合格>")');
  });

  it("null keeps the cell's style but removes its value", () => {
    const { out, sheet } = write([{ kind: "cells", sheet: "S", row: 0, col: 0, purpose: "normalise-input", cells: [[{ value: null }]] }]);
    expect(sheet).toContain('<c r="A1" s="2"/>');
    expect(snapshotOf(openXlsx(out), "x").sheets[0].values[0]).toEqual([null, null, "文本"]);
  });

  it("removing a formula drops calcChain", () => {
    const { out, sheet } = write([{ kind: "cells", sheet: "S", row: 2, col: 1, purpose: "normalise-input", cells: [[{ value: null }]] }]);
    expect(sheet).toContain('<c r="B3"/>');
    expect(Object.keys(partsOf(out))).not.toContain("xl/calcChain.xml");
  });

  it("writing over a formula drops calcChain with its relationship and content type", () => {
    const { out } = write([{ kind: "cells", sheet: "S", row: 2, col: 1, purpose: "percent", cells: [[{ value: 5, formula: "=A1/40" }]] }]);
    const parts = partsOf(out);
    expect(parts["xl/calcChain.xml"]).toBeUndefined();
    expect(strFromU8(parts["xl/_rels/workbook.xml.rels"])).not.toContain("calcChain");
    expect(strFromU8(parts["[Content_Types].xml"])).not.toContain("calcChain");
  });

  it("plain value writes away from formulas keep calcChain", () => {
    const { out } = write([{ kind: "cells", sheet: "S", row: 9, col: 0, purpose: "restore", cells: [[{ value: 1 }]] }]);
    expect(partsOf(out)["xl/calcChain.xml"]).toBeDefined();
    expect(changedParts(input, out)).toEqual(["xl/worksheets/sheet1.xml"]);
  });

  it("numberFormat clones the cell's own xf, keeping font, border and alignment, and reuses formats", () => {
    const { out, sheet } = write([
      { kind: "cells", sheet: "S", row: 0, col: 0, purpose: "normalise-input", cells: [[{ value: 200, numberFormat: '0"人次"' }]] },
      {
        kind: "cells",
        sheet: "S",
        row: 1,
        col: 0,
        purpose: "normalise-input",
        cells: [[{ value: 7, numberFormat: '0"个"' }], [{ value: 0.5, numberFormat: "0.00%" }]],
      },
    ]);
    const styles = partText(out, "xl/styles.xml");
    expect(styles).toContain('<numFmt numFmtId="166" formatCode="0&quot;人次&quot;"/>');
    expect(styles).toContain('<numFmts count="3">');
    expect(styles).toContain('<cellXfs count="6">');
    // the clone of xf 2 (italic font 1, border 1, centred) with the new format
    expect(styles).toContain(
      '<xf numFmtId="166" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"><alignment horizontal="center"/></xf>',
    );
    expect(sheet).toContain('<c r="A1" s="4"><v>200</v></c>');
    // existing custom format 164 is reused for A2 (a clone of xf 0); A3's clone equals xf 1, which is reused
    expect(styles).not.toContain('numFmtId="167"');
    expect(sheet).toContain('<c r="A2" s="5"><v>7</v></c>');
    expect(sheet).toContain('<c r="A3" s="1"><v>0.5</v></c>');
    const s = snapshotOf(openXlsx(out), "x").sheets[0];
    expect(s.numberFormats?.[0]?.[0]).toBe('0"人次"');
    expect(s.numberFormats?.[1]?.[0]).toBe('0"个"');
    expect(s.numberFormats?.[2]?.[0]).toBe("0.00%");
  });

  it("fill adds one fill per role and clones xfs; header roles add a bold font", () => {
    const { out } = write([
      { kind: "fill", sheet: "S", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 2 }], role: "header-missing" },
      { kind: "fill", sheet: "S", ranges: [{ r1: 2, c1: 1, r2: 2, c2: 1 }], role: "error" },
    ]);
    const styles = partText(out, "xl/styles.xml");
    expect(styles).toContain('<fills count="4">');
    expect(styles).toContain('<fgColor rgb="FFF4B084"/>');
    expect(styles).toContain('<fgColor rgb="FFFFC7CE"/>');
    // bold clones of font 1 (italic) and font 0
    expect(styles).toContain('<font><b/><i/><sz val="12"/><name val="宋体"/></font>');
    expect(styles).toContain('<font><b/><sz val="11"/><name val="等线"/></font>');
    const sheet = partText(out, "xl/worksheets/sheet1.xml");
    // restyled cells keep their values; the missing B1 is created blank with the fill
    expect(sheet).toMatch(/<c r="A1" s="\d+"><v>200<\/v><\/c><c r="B1" s="\d+"\/><c r="C1" t="s" s="\d+"><v>0<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="B3" s="\d+"><f>A1\*2<\/f><v>400<\/v><\/c>/);
    // style-only changes do not invalidate the calc chain
    expect(partsOf(out)["xl/calcChain.xml"]).toBeDefined();
  });
});

describe("applyPlan sheet-level ops", () => {
  const sheetXml = worksheetXml(
    '<row r="1"><c r="A1"><v>1</v></c></row>',
    '<mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId9"/><extLst><ext uri="{X}"/></extLst>',
    '<sheetPr><tabColor rgb="FF00FF00"/></sheetPr><dimension ref="A1"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="C3" sqref="C3"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="5" width="12" style="0" customWidth="1"/></cols>',
  );
  const input = miniXlsx({ sheets: [{ name: "S", xml: sheetXml }], styles: STYLES_XML });

  function childOrder(xml: string): string[] {
    const body = xml.slice(xml.indexOf(">", xml.indexOf("<worksheet")) + 1);
    const names: string[] = [];
    let depth = 0;
    for (const m of body.matchAll(/<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g)) {
      if (m[1]) depth--;
      else {
        if (depth === 0) names.push(m[2]);
        if (!m[3]) depth++;
      }
    }
    return names;
  }

  it("adds merges, widths, freeze panes, conditional formats and validations in schema order", () => {
    const out = applyPlan(openXlsx(input), [
      { kind: "merge", sheet: "S", range: { r1: 0, c1: 0, r2: 0, c2: 3 } },
      { kind: "merge", sheet: "S", range: { r1: 4, c1: 0, r2: 4, c2: 1 } },
      {
        kind: "columnWidths",
        sheet: "S",
        widths: [
          { col: 2, width: 30 },
          { col: 7, width: 9.5 },
        ],
      },
      { kind: "freeze", sheet: "S", rows: 1, cols: 0 },
      {
        kind: "conditionalFormat",
        sheet: "S",
        range: { r1: 1, c1: 3, r2: 14, c2: 3 },
        rules: [
          { operator: "greaterThanOrEqual", formula1: "1", role: "good" },
          { operator: "between", formula1: "0.6", formula2: "1", role: "warn" },
          { operator: "lessThan", formula1: "0.6", role: "bad" },
        ],
      },
      { kind: "listValidation", sheet: "S", range: { r1: 1, c1: 4, r2: 99, c2: 4 }, items: ["男", "女"] },
    ]);
    const xml = partText(out, "xl/worksheets/sheet1.xml");
    expect(childOrder(xml)).toEqual([
      "sheetPr",
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "cols",
      "sheetData",
      "mergeCells",
      "conditionalFormatting",
      "dataValidations",
      "pageMargins",
      "drawing",
      "extLst",
    ]);
    expect(xml).toContain('<mergeCells count="2"><mergeCell ref="A5:B5"/><mergeCell ref="A1:D1"/></mergeCells>');
    expect(xml).toContain(
      '<col min="1" max="2" width="12" style="0" customWidth="1"/><col min="3" max="3" width="30" style="0" customWidth="1"/><col min="4" max="5" width="12" style="0" customWidth="1"/><col min="8" max="8" width="9.5" customWidth="1"/>',
    );
    expect(xml).toContain(
      '<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>',
    );
    expect(xml).toContain('<cfRule type="cellIs" dxfId="1" priority="2" operator="between"><formula>0.6</formula><formula>1</formula></cfRule>');
    expect(xml).toContain(
      '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="E2:E100"><formula1>"男,女"</formula1></dataValidation></dataValidations>',
    );
    const styles = partText(out, "xl/styles.xml");
    expect(styles).toContain(
      '<dxfs count="3"><dxf><font><color rgb="FF006100"/></font><fill><patternFill><bgColor rgb="FFC6EFCE"/></patternFill></fill></dxf>',
    );
    expect(styles).toContain('<bgColor rgb="FFFFC7CE"/>');
  });

  it("exceljs reads the merges, validation and conditional formats", async () => {
    // exceljs cannot load a <drawing> without its part, so this one goes without
    const plain = miniXlsx({ sheets: [{ name: "S", xml: sheetXml.replace('<drawing r:id="rId9"/>', "") }], styles: STYLES_XML });
    const out = applyPlan(openXlsx(plain), [
      { kind: "merge", sheet: "S", range: { r1: 0, c1: 0, r2: 0, c2: 3 } },
      { kind: "conditionalFormat", sheet: "S", range: { r1: 1, c1: 3, r2: 3, c2: 3 }, rules: [{ operator: "lessThan", formula1: "0.6", role: "bad" }] },
      { kind: "listValidation", sheet: "S", range: { r1: 1, c1: 4, r2: 3, c2: 4 }, items: ["是", "否"] },
    ]);
    const wb = await loadWithExcelJs(out);
    const ws = wb.getWorksheet("S")!;
    expect(ws.getCell("B1").isMerged).toBe(true);
    expect(ws.getCell("E2").dataValidation?.formulae).toEqual(['"是,否"']);
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { operator: string }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => [c.ref, c.rules[0].operator])).toEqual([["D2:D4", "lessThan"]]);
  });

  it("unfreezing removes the pane", () => {
    const frozen = applyPlan(openXlsx(input), [{ kind: "freeze", sheet: "S", rows: 2, cols: 1 }]);
    expect(partText(frozen, "xl/worksheets/sheet1.xml")).toContain('<pane xSplit="1" ySplit="2" topLeftCell="B3" activePane="bottomRight" state="frozen"/>');
    const thawed = applyPlan(openXlsx(frozen), [{ kind: "freeze", sheet: "S", rows: 0, cols: 0 }]);
    expect(partText(thawed, "xl/worksheets/sheet1.xml")).not.toContain("<pane");
  });

  it("creates missing containers (cols, mergeCells, sheetViews) in the right place", () => {
    const bare = miniXlsx({
      sheets: [
        {
          name: "S",
          rows: '<row r="1"><c r="A1"><v>1</v></c></row>',
          after: '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
        },
      ],
    });
    const out = applyPlan(openXlsx(bare), [
      { kind: "merge", sheet: "S", range: { r1: 0, c1: 0, r2: 1, c2: 1 } },
      { kind: "columnWidths", sheet: "S", widths: [{ col: 0, width: 20 }] },
      { kind: "freeze", sheet: "S", rows: 1, cols: 1 },
      { kind: "cells", sheet: "S", row: 3, col: 2, purpose: "restore", cells: [[{ value: 4 }]] },
    ]);
    const xml = partText(out, "xl/worksheets/sheet1.xml");
    expect(childOrder(xml)).toEqual(["sheetViews", "cols", "sheetData", "mergeCells", "pageMargins"]);
  });
});

describe("applyPlan addSheet", () => {
  const findingsPlan: Plan = [
    { kind: "addSheet", sheet: "评估发现", after: "S", tabColor: "#C00000" },
    {
      kind: "cells",
      sheet: "评估发现",
      row: 0,
      col: 0,
      purpose: "findings",
      cells: [
        [{ value: "代码" }, { value: "单元格" }],
        [{ value: "target-zero" }, { value: "B3" }],
      ],
    },
    { kind: "fill", sheet: "评估发现", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 1 }], role: "header" },
  ];
  const input = miniXlsx({
    sheets: [
      { name: "S", rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
      { name: "T", rows: '<row r="1"><c r="A1"><v>2</v></c></row>' },
    ],
    definedNames:
      '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">T!$A$1:$B$2</definedName><definedName name="全局">S!$A$1</definedName></definedNames>',
  });

  it("adds the worksheet part, workbook entry, relationship and content type after the named sheet", () => {
    const out = applyPlan(openXlsx(input), findingsPlan);
    const parts = partsOf(out);
    // the package had no shared string table: one is created for the new sheet's text
    expect(changedParts(input, out)).toEqual([
      "[Content_Types].xml",
      "xl/_rels/workbook.xml.rels",
      "xl/sharedStrings.xml",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet3.xml",
    ]);
    expect(strFromU8(parts["[Content_Types].xml"])).toContain('<Override PartName="/xl/sharedStrings.xml"');
    expect(strFromU8(parts["xl/_rels/workbook.xml.rels"])).toMatch(/Type="[^"]*\/sharedStrings" Target="sharedStrings.xml"/);
    const wbXml = strFromU8(parts["xl/workbook.xml"]);
    expect(wbXml).toMatch(/<sheet name="S" [^>]*\/><sheet name="评估发现" sheetId="3" r:id="rId\d+"\/><sheet name="T"/);
    // sheet-scoped names follow their sheet to its new index
    expect(wbXml).toContain('localSheetId="2"');
    expect(strFromU8(parts["[Content_Types].xml"])).toContain('<Override PartName="/xl/worksheets/sheet3.xml"');
    const s = snapshotOf(openXlsx(out), "x");
    expect(s.sheets.map((x) => x.name)).toEqual(["S", "评估发现", "T"]);
    expect(s.sheets[1].values).toEqual([
      ["代码", "单元格"],
      ["target-zero", "B3"],
    ]);
    expect(strFromU8(parts["xl/worksheets/sheet3.xml"])).toContain('<tabColor rgb="FFC00000"/>');
    expect(strFromU8(parts["xl/worksheets/sheet3.xml"])).toContain('<dimension ref="A1:B2"/>');
  });

  it("writes no cell for an empty unformatted planned cell on a new sheet, unless it clears an earlier one", () => {
    const plan: Plan = [
      { kind: "addSheet", sheet: "评估发现", after: "S" },
      { kind: "cells", sheet: "评估发现", row: 0, col: 0, purpose: "findings", cells: [[{ value: "甲" }, { value: "乙" }, { value: null }]] },
      { kind: "cells", sheet: "评估发现", row: 1, col: 0, purpose: "findings", cells: [[{ value: null }, { value: null, numberFormat: "0.00" }]] },
      { kind: "cells", sheet: "评估发现", row: 0, col: 1, purpose: "findings", cells: [[{ value: null }]] },
    ];
    const xml = strFromU8(partsOf(applyPlan(openXlsx(input), plan))["xl/worksheets/sheet3.xml"]);
    // C1 and A2 are nothing at all; B2 keeps its format; B1 was written, then cleared
    expect(xml).not.toMatch(/r="C1"|r="A2"/);
    expect(xml).toMatch(/<c r="B2" s="\d+"\/>/);
    expect(xml).toContain('<c r="B1"/>');
    const s = snapshotOf(openXlsx(applyPlan(openXlsx(input), plan)), "x");
    expect(s.sheets[1].values[0]).toEqual(["甲"]);
  });

  it("re-running on its own output replaces the sheet instead of adding a duplicate", () => {
    const once = applyPlan(openXlsx(input), findingsPlan);
    const rerunPlan: Plan = [
      { kind: "addSheet", sheet: "评估发现", after: "S" },
      { kind: "cells", sheet: "评估发现", row: 0, col: 0, purpose: "findings", cells: [[{ value: "新" }]] },
    ];
    const twice = applyPlan(openXlsx(once), rerunPlan);
    const s = snapshotOf(openXlsx(twice), "x");
    expect(s.sheets.map((x) => x.name)).toEqual(["S", "评估发现", "T"]);
    expect(s.sheets[1].values).toEqual([["新"]]);
    expect(Object.keys(partsOf(twice)).filter((n) => n.startsWith("xl/worksheets/sheet"))).toHaveLength(3);
  });

  it("exceljs opens the result and sees the new sheet", async () => {
    const wb = await loadWithExcelJs(applyPlan(openXlsx(input), findingsPlan));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["S", "评估发现", "T"]);
    expect(wb.getWorksheet("评估发现")!.getCell("B2").value).toBe("B3");
  });

  it("refuses sheet names Excel would reject rather than write a file it must repair", () => {
    for (const name of ["a/b", "问题?", "x".repeat(32), "'引号", "History", ""]) {
      expect(() => applyPlan(openXlsx(input), [{ kind: "addSheet", sheet: name }])).toThrow(/工作表名称/);
    }
    expect(() => applyPlan(openXlsx(input), [{ kind: "addSheet", sheet: "服务对象家庭信息汇总表（省“双百工程”套表）" }])).not.toThrow();
  });

  it("rejects a plan that writes to a sheet that does not exist", () => {
    expect(() => applyPlan(openXlsx(input), [{ kind: "merge", sheet: "无", range: { r1: 0, c1: 0, r2: 0, c2: 1 } }])).toThrow("无");
  });
});

describe("applyPlan keeps macro-enabled packages intact", () => {
  it("copies vbaProject.bin and keeps the macro content type", () => {
    const vba = new Uint8Array(300).map((_, i) => (i * 37) & 0xff);
    const input = miniXlsx({
      sheets: [{ name: "S", rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      extraParts: { "xl/vbaProject.bin": vba },
      extraOverrides: '<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>',
    });
    const out = applyPlan(openXlsx(input), [{ kind: "cells", sheet: "S", row: 0, col: 1, purpose: "percent", cells: [[{ value: 2, formula: "=A1*2" }]] }]);
    const parts = unzipSync(out);
    expect(sameBytes(parts["xl/vbaProject.bin"], vba)).toBe(true);
    expect(strFromU8(parts["[Content_Types].xml"])).toContain("application/vnd.ms-office.vbaProject");
    expect(changedParts(input, out)).toEqual(["xl/worksheets/sheet1.xml"]);
  });
});

describe("applyPlan on a package without styles.xml", () => {
  it("creates the stylesheet with its relationship and content type when a style is needed", async () => {
    const input = miniXlsx({ sheets: [{ name: "S", rows: '<row r="1"><c r="A1"><v>0.5</v></c></row>' }] });
    const out = applyPlan(openXlsx(input), [
      { kind: "cells", sheet: "S", row: 0, col: 0, purpose: "percent", cells: [[{ value: 0.5, numberFormat: "0.0%" }]] },
      { kind: "fill", sheet: "S", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 0 }], role: "output" },
    ]);
    const parts = partsOf(out);
    expect(strFromU8(parts["xl/_rels/workbook.xml.rels"])).toMatch(/Type="[^"]*\/styles" Target="styles.xml"/);
    expect(strFromU8(parts["[Content_Types].xml"])).toContain('<Override PartName="/xl/styles.xml"');
    expect(snapshotOf(openXlsx(out), "x").sheets[0].numberFormats?.[0]?.[0]).toBe("0.0%");
    const wb = await loadWithExcelJs(out);
    const fill = wb.getWorksheet("S")!.getCell("A1").fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe("FFE2EFDA");
  });

  it("leaves the package without a stylesheet when the plan needs no style", () => {
    const input = miniXlsx({ sheets: [{ name: "S", rows: "" }] });
    const out = applyPlan(openXlsx(input), [{ kind: "cells", sheet: "S", row: 0, col: 0, purpose: "restore", cells: [[{ value: "x" }]] }]);
    expect(partsOf(out)["xl/styles.xml"]).toBeUndefined();
  });
});
