import { inflateSync } from "fflate";
import type { ColumnRunOp, Plan } from "../../src/core/types";
import { applyPlan, openXlsx, snapshotOf } from "../../src/file";
import { nodeZlibCodec } from "../../src/cli/nodeCodec";
import { SharedStringsEditor } from "../../src/file/shared-strings";
import { emptyEdits, patchWorksheet } from "../../src/file/sheet-edit";
import { blankWorksheet } from "../../src/file/sheet-elements";
import { StylesEditor } from "../../src/file/styles";
import { escapeStringText } from "../../src/file/xml";
import { fflateCodec, StreamedEntry } from "../../src/file/zip";
import { STYLES_XML, loadWithExcelJs, miniXlsx, partText } from "../fixtures/file/build";

const source = miniXlsx({
  sheets: [
    {
      name: "名册",
      rows:
        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>年龄</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="B2"><v>61</v></c></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>乙</t></is></c></row>' +
        '<row r="5"><c r="A5" t="inlineStr"><is><t>丙</t></is></c><c r="B5"><v>7</v></c></row>',
    },
  ],
  styles: STYLES_XML,
});

const X = (r: string) => `'名册'!${r}`;
const plan: Plan = [
  { kind: "addSheet", sheet: "视图", after: "名册" },
  { kind: "cells", sheet: "视图", row: 0, col: 0, cells: [[{ value: "序号" }, { value: "姓名" }, { value: "年龄" }]], purpose: "restore" },
  { kind: "columnRun", sheet: "视图", col: 0, r1: 1, r2: 3, values: { kind: "serial", start: 1 }, purpose: "restore" },
  // rows 2–3 of the source, then (after the blank row 4) row 5: two runs per column
  {
    kind: "columnRun",
    sheet: "视图",
    col: 1,
    r1: 1,
    r2: 2,
    formulaR1C1: `=IF(${X("RC[-1]")}="","",${X("RC[-1]")})`,
    values: { kind: "copy", sheet: "名册", row: 1, col: 0 },
    purpose: "restore",
  },
  {
    kind: "columnRun",
    sheet: "视图",
    col: 1,
    r1: 3,
    r2: 3,
    formulaR1C1: `=IF(${X("R[1]C[-1]")}="","",${X("R[1]C[-1]")})`,
    values: { kind: "copy", sheet: "名册", row: 4, col: 0 },
    purpose: "restore",
  },
  {
    kind: "columnRun",
    sheet: "视图",
    col: 2,
    r1: 1,
    r2: 2,
    formulaR1C1: `=IF(${X("RC[-1]")}="","",${X("RC[-1]")})`,
    values: { kind: "copy", sheet: "名册", row: 1, col: 1 },
    numberFormat: "0",
    purpose: "restore",
  },
  { kind: "fill", sheet: "视图", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 2 }], role: "header" },
];

describe("column runs in the file host", () => {
  const pkg = openXlsx(source);
  const out = applyPlan(pkg, plan, snapshotOf(pkg, "s.xlsx"));
  const xml = partText(out, "xl/worksheets/sheet2.xml");

  test("a formula run is one shared formula: the master carries A1 text and ref, the rest only si", () => {
    expect(xml).toContain(`<c r="B2" t="str"><f t="shared" ref="B2:B3" si="0">IF('名册'!A2="","",'名册'!A2)</f><v>甲</v></c>`);
    expect(xml).toContain(`<c r="B3" t="str"><f t="shared" si="0"/><v>乙</v></c>`);
    // a one-cell run is a plain formula
    expect(xml).toContain(`<c r="B4" t="str"><f>IF('名册'!A5="","",'名册'!A5)</f><v>丙</v></c>`);
    expect(xml).toMatch(/<c r="C3"( s="\d+")? t="str"><f t="shared" si="1"\/><v><\/v><\/c>/);
    expect(xml).toContain('<dimension ref="A1:C4"/>');
  });

  test("values are cached from the snapshot; serials and formats as planned; other readers agree", async () => {
    const wb = await loadWithExcelJs(out);
    const ws = wb.getWorksheet("视图")!;
    expect([1, 2, 3].map((r) => ws.getCell(`A${r + 1}`).value)).toEqual([1, 2, 3]);
    expect(ws.getCell("B3").formula).toBe(`IF('名册'!A3="","",'名册'!A3)`);
    expect((ws.getCell("C2").value as { result: unknown }).result).toBe(61);
    expect(ws.getCell("C2").numFmt).toBe("0");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    // read back by our own reader: shared formulas expand to each cell's own text
    const back = snapshotOf(openXlsx(out), "o").sheets[1];
    expect(back.formulas?.[2]?.[1]).toBe(`=IF('名册'!A3="","",'名册'!A3)`);
    expect(back.values.slice(1).map((r) => r.slice(0, 3))).toEqual([
      [1, "甲", 61],
      [2, "乙", ""],
      [3, "丙"],
    ]);
  });

  test("without the snapshot the package is read again for the values", () => {
    expect(partText(applyPlan(openXlsx(source), plan), "xl/worksheets/sheet2.xml")).toBe(xml);
  });

  test("a run on an existing sheet is patched cell by cell, next to what is there", () => {
    const p = openXlsx(source);
    const o = applyPlan(p, [{ kind: "columnRun", sheet: "名册", col: 2, r1: 1, r2: 2, values: { kind: "list", values: [0.5, 0.25] }, purpose: "percent" }]);
    const sheet = partText(o, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain('<c r="B2"><v>61</v></c><c r="C2"><v>0.5</v></c>');
    expect(sheet).toContain('<c r="C3"><v>0.25</v></c>');
  });
});

describe("cached text of a run, written through the streamed entry and through a string sink", () => {
  // every kind of text the escaping and the encoder treat apart, each in a shared formula's follower and in a value run
  const texts = [
    "a&b<c>",
    "_x0041_",
    "tab\tline\nend",
    "ctl\u0001\u001f",
    "😀",
    "lone\ud800",
    "\uffff\ufffe",
    "社工站",
    "plain",
    "#N/A",
    "",
    "长".repeat(5000),
  ];
  const runs: ColumnRunOp[] = [
    {
      kind: "columnRun",
      sheet: "视图",
      col: 0,
      r1: 0,
      r2: texts.length - 1,
      formulaR1C1: "=RC[1]",
      values: { kind: "list", values: texts },
      purpose: "restore",
    },
    { kind: "columnRun", sheet: "视图", col: 1, r1: 0, r2: texts.length - 1, values: { kind: "list", values: texts }, purpose: "restore" },
  ];

  test("are the same XML, escaped as escapeStringText escapes cell text", () => {
    const viaZip = partText(applyPlan(openXlsx(source), [{ kind: "addSheet", sheet: "视图" }, ...runs]), "xl/worksheets/sheet2.xml");
    const edits = emptyEdits();
    edits.runs.push(...runs);
    const styles = new StylesEditor(STYLES_XML);
    const strings = new SharedStringsEditor(null);
    const viaString = patchWorksheet(
      blankWorksheet(),
      edits,
      () => styles,
      () => strings,
    ).xml;
    const cells = (xml: string) => xml.slice(xml.indexOf("<sheetData>"), xml.indexOf("</sheetData>"));
    // (a lone surrogate is U+FFFD once encoded, as TextEncoder writes it)
    expect(cells(viaZip)).toBe(cells(new TextDecoder().decode(new TextEncoder().encode(viaString))));
    for (const [k, t] of texts.entries()) {
      if (k === 0 || t === "#N/A") continue;
      const v = `<v>${escapeStringText(t).replace("\ud800", "\ufffd")}</v>`;
      expect(viaZip).toContain(`<c r="A${k + 1}" t="str"><f t="shared" si="0"/>${v}</c>`);
    }
    expect(viaZip).toContain(`<c r="A10" t="e"><f t="shared" si="0"/><v>#N/A</v></c>`);
  });
});

describe("a part compressed as it is written", () => {
  const text = Array.from({ length: 60000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i * 7}</v></c></row>`);
  for (const [name, codec] of [
    ["fflate", fflateCodec],
    ["node zlib", nodeZlibCodec],
  ] as const) {
    test(`${name}: the pieces make one DEFLATE stream with the right CRC and size`, () => {
      const entry = new StreamedEntry("x.xml", 4_000_000, undefined, codec);
      for (const t of text) entry.push(t);
      const e = entry.finish();
      const joined = new Uint8Array(e.compressedSize);
      let at = 0;
      for (const c of e.chunks ?? [e.data]) {
        joined.set(c, at);
        at += c.length;
      }
      const bytes = inflateSync(joined);
      expect(new TextDecoder().decode(bytes)).toBe(text.join(""));
      expect(e.size).toBe(bytes.length);
      expect(e.chunks!.length).toBeGreaterThan(1);
      const { crc32 } = jest.requireActual<typeof import("../../src/file/zip")>("../../src/file/zip");
      expect(e.crc).toBe(crc32(bytes));
    });
  }
});
