import { applyPlan, newWorkbook, openXlsx, snapshotOf } from "../../src/file";

describe("newWorkbook", () => {
  it("is an empty one-sheet workbook the reader opens and the patcher fills", () => {
    const pkg = openXlsx(newWorkbook("汇总 & <1>"));
    const snap = snapshotOf(pkg, "new.xlsx");
    expect(snap.sheets.map((s) => s.name)).toEqual(["汇总 & <1>"]);
    expect(snap.sheets[0].values.flat().filter((v) => v !== null)).toEqual([]);
    const filled = applyPlan(pkg, [
      { kind: "cells", sheet: "汇总 & <1>", row: 0, col: 0, purpose: "findings", cells: [[{ value: "文件" }, { value: 93.9, numberFormat: "0.00" }]] },
    ]);
    const back = snapshotOf(openXlsx(filled), "x").sheets[0];
    expect(back.values[0]).toEqual(["文件", 93.9]);
    expect(back.numberFormats?.[0]?.[1]).toBe("0.00");
  });
});
