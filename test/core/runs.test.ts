import { evaluate } from "../../src/core/evaluate";
import { expandRuns, r1c1ToA1, relativeR1C1, runCells, sheetLookup } from "../../src/core/runs";
import type { ColumnRunOp, WorkbookSnapshot } from "../../src/core/types";
import { makeSeedSnapshot } from "../support/generate-roster";

describe("R1C1 as the core writes it", () => {
  test("relative references from one cell to another", () => {
    expect(relativeR1C1(2, 3, 2, 3)).toBe("RC");
    expect(relativeR1C1(2, 3, 5, 1)).toBe("R[3]C[-2]");
    expect(relativeR1C1(7, 0, 4, 0)).toBe("R[-3]C");
  });

  test("translates to A1 at a cell, relative and absolute, leaving strings and sheet names alone", () => {
    expect(r1c1ToA1(`=IF('名册 R1C1'!R[3]C[2]="","RC",'名册 R1C1'!R[3]C[2])`, 1, 0)).toBe(`=IF('名册 R1C1'!C5="","RC",'名册 R1C1'!C5)`);
    expect(r1c1ToA1("=R1C1+RC[1]+R[-1]C2+R5C", 4, 2)).toBe("=$A$1+D5+$B4+C$5");
    expect(r1c1ToA1('=IFERROR(RC[-2]/RC[-1],"")', 9, 5)).toBe('=IFERROR(D10/E10,"")');
    // names and calls that merely start with R are not references
    expect(r1c1ToA1("=ROUND(RC[1],2)+RC", 0, 0)).toBe("=ROUND(B1,2)+A1");
    expect(r1c1ToA1("=ERROR.TYPE(RC[1])", 0, 0)).toBe("=ERROR.TYPE(B1)");
  });

  test("a reference off the sheet is an error, not a wrong cell", () => {
    expect(() => r1c1ToA1("=R[-3]C", 1, 0)).toThrow();
    expect(() => r1c1ToA1("=RC[-1]", 0, 0)).toThrow();
  });
});

describe("resolving a run's cells", () => {
  const snapshot: WorkbookSnapshot = {
    source: "t",
    sheets: [{ name: "src", values: [["h"], ["a"], [""], [3], [null]] }],
  };
  const run = (values: ColumnRunOp["values"], formulaR1C1?: string): ColumnRunOp => ({
    kind: "columnRun",
    sheet: "out",
    col: 1,
    r1: 2,
    r2: 5,
    values,
    formulaR1C1,
    numberFormat: "0",
    purpose: "restore",
  });

  test("copy sources read the snapshot, blanks as null; formulas land at each row", () => {
    const cells = runCells(run({ kind: "copy", sheet: "src", row: 1, col: 0 }, "=src!R[-1]C[-1]"), sheetLookup(snapshot));
    expect(cells).toEqual([
      { value: "a", formula: "=src!A2", numberFormat: "0" },
      { value: null, formula: "=src!A3", numberFormat: "0" },
      { value: 3, formula: "=src!A4", numberFormat: "0" },
      { value: null, formula: "=src!A5", numberFormat: "0" },
    ]);
  });

  test("serial and list sources", () => {
    expect(runCells(run({ kind: "serial", start: 1 }), sheetLookup(snapshot)).map((c) => c.value)).toEqual([1, 2, 3, 4]);
    expect(runCells(run({ kind: "list", values: [0.5, null] }), sheetLookup(snapshot)).map((c) => c.value)).toEqual([0.5, null, null, null]);
  });

  test("a copy from a sheet the snapshot lacks is refused", () => {
    expect(() => runCells(run({ kind: "copy", sheet: "gone", row: 0, col: 0 }), sheetLookup(snapshot))).toThrow(/gone/);
  });
});

describe("the restored view is planned as runs", () => {
  test("a few ops per column however many rows; expanding them gives one cell per row and column", () => {
    const small = makeSeedSnapshot(200, 3);
    const big = makeSeedSnapshot(4000, 3);
    const runsOf = (s: WorkbookSnapshot) => evaluate(s).plan.filter((op) => op.kind === "columnRun").length;
    const a = runsOf(small);
    const b = runsOf(big);
    expect(a).toBeGreaterThan(0);
    // the generator's rows have no gaps, so the run count is the column count
    expect(b).toBe(a);
    const plan = evaluate(small).plan;
    const expanded = expandRuns(plan, small);
    expect(expanded.some((op) => op.kind === "columnRun")).toBe(false);
    const restoreCells = expanded
      .filter((op) => op.kind === "cells" && op.purpose === "restore")
      .reduce((n, op) => n + (op.kind === "cells" ? op.cells.length : 0), 0);
    expect(restoreCells).toBeGreaterThanOrEqual(a * 200);
  });
});
