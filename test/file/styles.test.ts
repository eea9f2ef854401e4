import { readCellFormats, StylesEditor } from "../../src/file/styles";
import { STYLES_XML } from "../fixtures/file/build";

describe("styles", () => {
  it("reads each cell style's number format, built-in and custom", () => {
    expect(readCellFormats(STYLES_XML)).toEqual([null, "0.00%", '0"个"', 'yyyy"年"m"月"d"日"']);
  });

  it("clones an xf once per change and reuses identical records", () => {
    const e = new StylesEditor(STYLES_XML);
    const a = e.xfWith(2, { fill: "error" });
    expect(e.xfWith(2, { fill: "error" })).toBe(a);
    expect(e.xfWith(0, { numberFormat: "0.00%" })).toBe(1);
    expect(e.xfWith(1, { numberFormat: "0.00%" })).toBe(1);
    expect(e.numFmtId("0.00%")).toBe(10);
    expect(e.numFmtId('0"个"')).toBe(164);
    expect(e.numFmtId("0.000")).toBe(166);
    const xml = e.toXml();
    expect(xml).toContain('<cellXfs count="5">');
    expect(xml).toContain('<numFmts count="3">');
    expect(readCellFormats(xml)).toHaveLength(5);
  });

  it("is unchanged when no record was added", () => {
    const e = new StylesEditor(STYLES_XML);
    e.xfWith(1, { numberFormat: "0.00%" });
    expect(e.isChanged).toBe(false);
    expect(e.toXml()).toBe(STYLES_XML);
  });

  it("creates the dxfs list when absent, in schema order", () => {
    const noDxfs = STYLES_XML.replace('<dxfs count="0"/>', "");
    const e = new StylesEditor(noDxfs);
    expect(e.dxfFor("good")).toBe(0);
    expect(e.dxfFor("good")).toBe(0);
    expect(e.dxfFor("bad")).toBe(1);
    expect(e.toXml()).toMatch(/<\/cellStyles><dxfs count="2"><dxf>.*<\/dxfs><tableStyles/);
  });
});

describe("a stylesheet without <numFmts> that gains a number format and a bold font in one plan", () => {
  it("inserts <numFmts> before the rewritten <fonts> without mangling either", () => {
    // found by the score-twice property: the two edits share an offset
    const { StylesEditor } = require("../../src/file/styles") as typeof import("../../src/file/styles");
    const xml =
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';
    const ed = new StylesEditor(xml);
    ed.xfWith(0, { numberFormat: '0"个"' });
    ed.xfWith(0, { fill: "header" });
    const out = ed.toXml();
    expect(out).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="0&quot;个&quot;"/></numFmts><fonts count="2">');
    expect(out.match(/<fonts/g)).toHaveLength(1);
    expect(out.match(/<\/numFmts>/g)).toHaveLength(1);
  });
});
