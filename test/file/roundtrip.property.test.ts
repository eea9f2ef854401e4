/**
 * Properties of the reader and writer together: whatever a plan writes reads back exactly, the
 * cells it does not write are unchanged, and random worksheet XML never crashes the reader.
 */
import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import type { CellValue, Plan, PlanCell } from "../../src/core/types";
import { applyPlan, openXlsx, snapshotOf, XlsxError } from "../../src/file";
import { readWorksheet } from "../../src/file/sheet-read";
import { miniXlsx, STYLES_XML, worksheetXml } from "../fixtures/file/build";

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("<a&b>", "_x0041_", " 前后空格 ", "换\n行", "tab\t", "引号\"'", "\u0001控制", "😀", "=不是公式", "#N/A"),
);
const value: fc.Arbitrary<CellValue> = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), text, fc.boolean(), fc.constant(null));
const planCell: fc.Arbitrary<PlanCell | null> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: value.map((v) => ({ value: v })) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => ({ value: v, formula: "=A1*2", numberFormat: "0.00%" })) },
  { weight: 1, arbitrary: text.map((v) => ({ value: v, formula: '=IF(A1>0,"是","否")' })) },
);

/** What a written value reads back as: -0 is stored as 0, a string error literal stays the same text. */
function expected(v: CellValue): CellValue {
  if (typeof v === "number" && Object.is(v, -0)) return 0;
  return v;
}

describe("round trip", () => {
  const existingRows =
    '<row r="1"><c r="A1"><v>1</v></c><c r="C1" t="s"><v>0</v></c></row>' +
    '<row r="3" ht="25" customHeight="1"><c r="B3" s="2"><v>3.5</v></c><c r="E3" t="inlineStr"><is><t>旧</t></is></c></row>' +
    '<row r="6"><c r="D6"><f>A1+1</f><v>2</v></c></row>';
  const input = miniXlsx({ sheets: [{ name: "表", rows: existingRows }], sharedStrings: ["共享"], styles: STYLES_XML });
  const before = snapshotOf(openXlsx(input), "in").sheets[0];

  it("reads back every written cell and leaves the others alone", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 7 }),
        fc.nat({ max: 5 }),
        fc.array(fc.array(planCell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (row, col, cells) => {
          const plan: Plan = [{ kind: "cells", sheet: "表", row, col, purpose: "restore", cells }];
          const after = snapshotOf(openXlsx(applyPlan(openXlsx(input), plan)), "out").sheets[0];
          const written = new Set<string>();
          cells.forEach((line, i) =>
            line.forEach((cell, j) => {
              if (!cell) return;
              const r = row + i;
              const c = col + j;
              written.add(`${r},${c}`);
              const got = after.values[r]?.[c] ?? null;
              if (cell.formula !== undefined) {
                expect(after.formulas?.[r]?.[c]).toBe(cell.formula);
                expect(got).toEqual(cell.value === null ? "" : expected(cell.value));
              } else expect(got).toEqual(expected(cell.value));
            }),
          );
          before.values.forEach((line, r) =>
            line.forEach((v, c) => {
              if (written.has(`${r},${c}`)) return;
              expect(after.values[r]?.[c] ?? null).toEqual(v);
              expect(after.formulas?.[r]?.[c]).toEqual(before.formulas?.[r]?.[c]);
              expect(after.numberFormats?.[r]?.[c]).toEqual(before.numberFormats?.[r]?.[c]);
            }),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("never crashes on mangled worksheet XML: it reads or reports corruption", () => {
    const base = worksheetXml(existingRows + '<row r="7"><c r="A7" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>');
    fc.assert(
      fc.property(fc.nat({ max: base.length - 1 }), fc.nat({ max: 40 }), fc.string({ maxLength: 6 }), (at, cut, insert) => {
        const mangled = base.slice(0, at) + insert + base.slice(at + cut);
        try {
          readWorksheet(mangled, ["共享"], []);
        } catch (err) {
          expect(err).toBeInstanceOf(XlsxError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never crashes on a package with mangled (stored, so unchecked) parts", () => {
    // stored entries: the mangled XML reaches the parsers instead of failing in inflate
    const stored = zipSync(unzipSync(input), { level: 0 });
    const plan: Plan = [
      { kind: "cells", sheet: "表", row: 0, col: 1, purpose: "restore", cells: [[{ value: "新", numberFormat: "0.0" }]] },
      { kind: "fill", sheet: "表", ranges: [{ r1: 0, c1: 0, r2: 1, c2: 1 }], role: "header" },
      { kind: "addSheet", sheet: "新表" },
    ];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: stored.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (flips) => {
        const bytes = stored.slice();
        for (const [at, b] of flips) bytes[at] = b;
        try {
          const pkg = openXlsx(bytes);
          snapshotOf(pkg, "x");
          applyPlan(pkg, plan);
        } catch (err) {
          // a damaged file is an XlsxError; a damaged sheet list can make the plan name a sheet that is not there
          if (!(err instanceof XlsxError)) expect(String(err)).toMatch(/工作表/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
