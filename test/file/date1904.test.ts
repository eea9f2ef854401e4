/** Issue 11: a workbook saved with the 1904 date system (`<workbookPr date1904="1"/>`). */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { DATE1904_OFFSET, fromSerial, isDateFormat, zhDateFormat } from "../../src/core/dates";
import { applyPlan, openXlsx, snapshotOf } from "../../src/file";
import { usesDate1904 } from "../../src/file/snapshot";
import { miniXlsx, STYLES_XML } from "../fixtures/file/build";

/** 2023-11-30 is 45260 in the 1900 system and 43798 in the 1904 system */
function book(date1904: boolean): Uint8Array {
  const serial = date1904 ? 45260 - DATE1904_OFFSET : 45260;
  const bytes = miniXlsx({
    sheets: [{ name: "台账", rows: `<row r="1"><c r="A1" s="3"><v>${serial}</v></c><c r="B1"><v>7</v></c></row>` }],
    styles: STYLES_XML,
  });
  if (!date1904) return bytes;
  const files = unzipSync(bytes);
  files["xl/workbook.xml"] = strToU8(strFromU8(files["xl/workbook.xml"]).replace("<bookViews>", '<workbookPr date1904="1"/><bookViews>'));
  return zipSync(files);
}

describe("the 1904 date system in files", () => {
  it("reads dates as the user sees them, and leaves other numbers alone", () => {
    for (const flag of [false, true]) {
      const sheet = snapshotOf(openXlsx(book(flag)), "t.xlsx").sheets[0];
      expect(fromSerial(sheet.values[0][0] as number)).toEqual({ y: 2023, m: 11, d: 30 });
      expect(sheet.values[0][1]).toBe(7);
    }
  });

  it("writes a date the core computed back as the file's own serial", () => {
    const pkg = openXlsx(book(true));
    const out = applyPlan(pkg, [
      { kind: "cells", sheet: "台账", row: 1, col: 0, cells: [[{ value: 45260, numberFormat: "yyyy-mm-dd" }, { value: 45260 }]], purpose: "restore" },
    ]);
    const xml = strFromU8(unzipSync(out)["xl/worksheets/sheet1.xml"]);
    expect(xml).toMatch(new RegExp(`<c r="A2"[^>]*><v>${45260 - DATE1904_OFFSET}</v>`));
    expect(xml).toMatch(/<c r="B2"[^>]*><v>45260<\/v>/);
    // read back through the same host: the date the core wrote
    const again = snapshotOf(openXlsx(out), "t.xlsx").sheets[0];
    expect(again.values[1][0]).toBe(45260);
  });

  it("recognises the flag in its spellings", () => {
    expect(usesDate1904('<workbook><workbookPr date1904="1"/></workbook>')).toBe(true);
    expect(usesDate1904("<x:workbook><x:workbookPr defaultThemeVersion='1' date1904='true'/></x:workbook>")).toBe(true);
    expect(usesDate1904('<workbook><workbookPr date1904="0"/></workbook>')).toBe(false);
    expect(usesDate1904("<workbook><workbookPr/></workbook>")).toBe(false);
  });
});

describe("date formats", () => {
  it("tells date and time formats from numbers, percentages, units and scientific notation", () => {
    for (const f of ["yyyy-mm-dd", 'yyyy"年"m"月"d"日"', "m/d/yyyy", "h:mm", "[h]:mm", "[$-804]yyyy/m/d", "d-mmm"])
      expect([f, isDateFormat(f)]).toEqual([f, true]);
    for (const f of ["General", "@", "0.00%", '0"个"', "#,##0", "0.00E+00", "[Red]0.00", '0" days"', null]) expect([f, isDateFormat(f)]).toEqual([f, false]);
  });

  it("turns the en-US codes Office.js reports for built-in dates into zh-CN ones, and keeps the rest", () => {
    expect(zhDateFormat("m/d/yyyy")).toBe("yyyy/m/d");
    expect(zhDateFormat("d-mmm-yy")).toBe('yyyy"年"m"月"d"日"');
    expect(zhDateFormat("yyyy-mm-dd")).toBe("yyyy-mm-dd");
    expect(zhDateFormat("0.00%")).toBe("0.00%");
  });
});
