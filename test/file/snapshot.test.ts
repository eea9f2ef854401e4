import { applyPlan, openXlsx, snapshotOf } from "../../src/file";
import { findEntry, hasRowsInOrder, takeBytes } from "../../src/file/package";
import { fflateCodec } from "../../src/file/zip";
import { excelJsWorkbook, miniXlsx, STYLES_XML, worksheetXml } from "../fixtures/file/build";

function snap(bytes: Uint8Array) {
  return snapshotOf(openXlsx(bytes), "t.xlsx");
}

describe("snapshotOf on an exceljs-made workbook", () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await excelJsWorkbook();
  });

  it("lists sheets in order with hidden flags", () => {
    const s = snap(bytes);
    expect(s.source).toBe("t.xlsx");
    expect(s.sheets.map((x) => [x.name, !!x.hidden])).toEqual([
      ["指标", false],
      ["评分", false],
      ["隐藏", true],
    ]);
  });

  it("reads values, cached formula results, formulas, number formats and merges", () => {
    const sheet = snap(bytes).sheets[0];
    expect(sheet.values[0]).toEqual(["指标", "指标要求", "完成情况", "完成百分比"]);
    expect(sheet.values[1].slice(0, 4)).toEqual(["建档", 200, 371, 1.855]);
    expect(sheet.formulas?.[1]?.[3]).toBe("=C2/B2");
    expect(sheet.formulas?.[1]?.[2]).toBeUndefined();
    expect(sheet.numberFormats?.[1]?.[3]).toBe("0.00%");
    expect(sheet.numberFormats?.[1]?.[4]).toBe("yyyy-mm-dd");
    // 2023-11-30 as an Excel serial day
    expect(sheet.values[1][4]).toBe(45260);
    expect(sheet.values[1][5]).toBe(true);
    expect(sheet.values[1][6]).toBe("#DIV/0!");
    expect(sheet.values[6][0]).toBe("富文本");
    expect(sheet.merges).toEqual([{ r1: 4, c1: 0, r2: 4, c2: 2 }]);
    // row 4 (index 3) is empty; rows stay dense from A1
    expect(sheet.values[3]).toEqual([]);
    expect(sheet.values[4]).toEqual(["合并标题"]);
  });
});

describe("snapshotOf on hand-built parts", () => {
  it("decodes shared, rich, inline and formula strings with entities and _xHHHH_ escapes", () => {
    const sst =
      "<si><t>a&amp;b &lt;c&gt; &#20013;&#x6587;</t></si>" +
      '<si><r><rPr><b/></rPr><t xml:space="preserve">富 </t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>ふ</t></rPh></si>' +
      "<si><t>line_x000D_break_x005F_x0041_</t></si>" +
      "<si/>";
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>内联</t></is></c><c r="B2" t="inlineStr"><is><r><rPr><vertAlign val="superscript"/><family val="2"/></rPr><t>x</t></r><r><t>²</t></r></is></c>' +
      '<c r="C2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>';
    const s = snap(miniXlsx({ sheets: [{ name: "S", rows }], sharedStrings: sst }));
    expect(s.sheets[0].values).toEqual([
      ["a&b <c> 中文", "富 文本", "line\rbreak_x0041_", ""],
      ["内联", "x²", "ab", "#DIV/0!"],
    ]);
    expect(s.sheets[0].formulas?.[1]?.[2]).toBe('="a"&"b"');
    expect(s.sheets[0].formulas?.[1]?.[3]).toBe("=1/0");
  });

  it("reconstructs shared formulas from their master by moving relative references", () => {
    const rows =
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f t="shared" ref="C1:C3" si="0">A1*$B$1+SUM(A$1:B1)</f><v>3</v></c></row>' +
      '<row r="2"><c r="A2"><v>4</v></c><c r="C2"><f t="shared" si="0"/><v>9</v></c></row>' +
      '<row r="3"><c r="C3"><f t="shared" si="0"/><v>10</v></c></row>';
    const s = snap(miniXlsx({ sheets: [{ name: "S", rows }] })).sheets[0];
    expect(s.formulas?.[0]?.[2]).toBe("=A1*$B$1+SUM(A$1:B1)");
    expect(s.formulas?.[1]?.[2]).toBe("=A2*$B$1+SUM(A$1:B2)");
    expect(s.formulas?.[2]?.[2]).toBe("=A3*$B$1+SUM(A$1:B3)");
    expect(s.values.map((r) => r[2])).toEqual([3, 9, 10]);
  });

  it("maps cell styles to number format codes, built-in and custom", () => {
    const rows = '<row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="2"><v>200</v></c><c r="C1" s="3"><v>45000</v></c><c r="D1"><v>1</v></c></row>';
    const s = snap(miniXlsx({ sheets: [{ name: "S", rows }], styles: STYLES_XML })).sheets[0];
    expect(s.numberFormats?.[0]).toEqual(["0.00%", '0"个"', 'yyyy"年"m"月"d"日"']);
    expect(s.values[0]).toEqual([0.5, 200, 45000, 1]);
  });

  it("handles rows and cells without r, prefixed namespaces, t=d dates and very hidden sheets", () => {
    const prefixed =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row><x:c><x:v>1</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row><x:row><x:c t="d"><x:v>2024-01-02T00:00:00</x:v></x:c></x:row>' +
      '<x:row r="5"><x:c r="C5" t="inlineStr"><x:is><x:t>五</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>';
    const s = snap(miniXlsx({ sheets: [{ name: "P", xml: prefixed, state: "veryHidden" }] })).sheets[0];
    expect(s.hidden).toBe(true);
    expect(s.values).toEqual([[1, false], [45293], [], [], [null, null, "五"]]);
  });

  it("gives an empty sheet for <sheetData/> and keeps cells that are blank but styled out of the values", () => {
    const s = snap(
      miniXlsx({
        sheets: [
          { name: "空", xml: worksheetXml("").replace("<sheetData></sheetData>", "<sheetData/>") },
          { name: "样式", rows: '<row r="1"><c r="A1" s="1"/><c r="B1"><v>2</v></c></row>' },
        ],
        styles: STYLES_XML,
      }),
    );
    expect(s.sheets[0].values).toEqual([]);
    expect(s.sheets[1].values).toEqual([[null, 2]]);
  });
});

describe("snapshotOf keeping the worksheets' bytes for the writer", () => {
  it("writes the same file as a package read afresh, inflating each patched sheet once", async () => {
    const bytes = await excelJsWorkbook();
    const plan = [{ kind: "fill" as const, sheet: "指标", role: "error" as const, ranges: [{ r1: 1, c1: 1, r2: 1, c2: 1 }] }];
    const plain = openXlsx(bytes);
    const expected = applyPlan(plain, plan, snapshotOf(plain, "t.xlsx"));
    let inflations = 0;
    const counting = { ...fflateCodec, inflateRaw: (d: Uint8Array, limit: number) => (inflations++, fflateCodec.inflateRaw(d, limit)) };
    const kept = openXlsx(bytes, { codec: counting });
    const snapshot = snapshotOf(kept, "t.xlsx", true);
    const before = inflations;
    const written = applyPlan(kept, plan, snapshot);
    const keptWrite = inflations - before;
    expect(Buffer.compare(Buffer.from(written), Buffer.from(expected))).toBe(0);
    // the patched sheet came from the kept bytes: only parts the snapshot never read are inflated
    const again = openXlsx(bytes, { codec: counting });
    const snapshotAgain = snapshotOf(again, "t.xlsx");
    const beforeAgain = inflations;
    applyPlan(again, plan, snapshotAgain);
    expect(keptWrite).toBe(inflations - beforeAgain - 1);
  });
});

describe("what the snapshot tells the writer of a sheet's rows", () => {
  const inOrder = (rows: string, keepBytes: boolean) => {
    const pkg = openXlsx(miniXlsx({ sheets: [{ name: "台账", rows }] }));
    snapshotOf(pkg, "t.xlsx", keepBytes);
    const entry = findEntry(pkg, "xl/worksheets/sheet1.xml")!;
    return hasRowsInOrder(takeBytes(pkg, entry));
  };

  it("rows numbered in order are said so with the bytes kept for the writer", () => {
    expect(inOrder('<row r="1"><c r="A1"><v>1</v></c></row><row r="4"><c r="A4"><v>2</v></c></row>', true)).toBe(true);
  });

  it("not when a row has no r or comes out of order, nor when the bytes were not kept", () => {
    expect(inOrder('<row r="1"><c r="A1"><v>1</v></c></row><row><c><v>2</v></c></row>', true)).toBe(false);
    expect(inOrder('<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>', true)).toBe(false);
    expect(inOrder('<row r="1"><c r="A1"><v>1</v></c></row>', false)).toBe(false);
  });
});
