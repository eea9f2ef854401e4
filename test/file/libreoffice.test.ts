/**
 * A workbook as LibreOffice Calc writes it (test/fixtures/file/libreoffice-chart.xlsx: the
 * exceljs fixture with a chart, opened and saved by LibreOffice), so the reader and patcher meet
 * another producer's idioms: "true"/"false" booleans in attributes, explicit default attributes,
 * its own chart and drawing parts.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { unzipSync } from "fflate";
import type { Plan } from "../../src/core/types";
import { applyPlan, openXlsx, snapshotOf } from "../../src/file";
import { loadWithExcelJs, partText } from "../fixtures/file/build";

const input = new Uint8Array(readFileSync(join(__dirname, "../fixtures/file/libreoffice-chart.xlsx")));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

describe("a LibreOffice-made workbook with a chart", () => {
  it("reads its sheets, values, formulas, formats and merges", () => {
    const s = snapshotOf(openXlsx(input), "lo.xlsx");
    expect(s.sheets.map((x) => [x.name, !!x.hidden])).toEqual([
      ["指标", false],
      ["评分", false],
      ["隐藏", true],
    ]);
    const sheet = s.sheets[0];
    expect(sheet.values[1].slice(0, 4)).toEqual(["建档", 200, 371, 1.855]);
    expect(sheet.formulas?.[1]?.[3]).toBe("=C2/B2");
    expect(sheet.numberFormats?.[1]?.[3]).toBe("0.00%");
    expect(sheet.merges).toEqual([{ r1: 4, c1: 0, r2: 4, c2: 2 }]);
  });

  it("comes back with its chart after a plan, every untouched part identical", async () => {
    const plan: Plan = [
      { kind: "cells", sheet: "指标", row: 1, col: 3, purpose: "percent", cells: [[{ value: 1.855, formula: '=IFERROR(C2/B2,"")', numberFormat: "0.00%" }]] },
      { kind: "fill", sheet: "指标", ranges: [{ r1: 0, c1: 0, r2: 0, c2: 3 }], role: "header" },
      { kind: "conditionalFormat", sheet: "指标", range: { r1: 1, c1: 3, r2: 2, c2: 3 }, rules: [{ operator: "lessThan", formula1: "0.6", role: "bad" }] },
    ];
    const out = applyPlan(openXlsx(input), plan);
    const a = unzipSync(input);
    const b = unzipSync(out);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    const changed = Object.keys(a).filter((n) => !sameBytes(a[n], b[n]));
    expect(changed.sort()).toEqual(["xl/styles.xml", "xl/worksheets/sheet1.xml"]);
    expect(partText(out, "xl/worksheets/sheet1.xml")).toMatch(/<drawing r:id="rId\d+"\/>/);

    const wb = await loadWithExcelJs(out);
    const d2 = wb.getWorksheet("指标")!.getCell("D2").value as { formula: string; result: number };
    expect(d2).toEqual({ formula: 'IFERROR(C2/B2,"")', result: 1.855 });
    expect(wb.getWorksheet("指标")!.getCell("A1").font?.bold).toBe(true);
  });
});
