import { evaluate } from "../../src/core/evaluate";
import type { WorkbookSnapshot } from "../../src/core/types";
import { applyPlan, newWorkbook, openXlsx, snapshotOf } from "../../src/file";
import { seedTextWorkbook } from "../fixtures/report";

const SHEET = "评估报告摘要";

function xlsxOf(wb: WorkbookSnapshot): Uint8Array {
  const pkg = openXlsx(newWorkbook(wb.sheets[0].name));
  return applyPlan(
    pkg,
    wb.sheets.flatMap((s, i) => [
      ...(i === 0 ? [] : [{ kind: "addSheet" as const, sheet: s.name }]),
      { kind: "cells" as const, sheet: s.name, row: 0, col: 0, purpose: "restore" as const, cells: s.values.map((row) => row.map((value) => ({ value }))) },
    ]),
  );
}

const score = (bytes: Uint8Array) => {
  const pkg = openXlsx(bytes);
  return applyPlan(pkg, evaluate(snapshotOf(pkg, "in.xlsx"), {}).plan);
};

describe("the 评估报告摘要 sheet in the file host", () => {
  it("is written with formulas and their results; a re-run of the output replaces it; the input never has it", () => {
    const input = xlsxOf(seedTextWorkbook());
    const once = score(input);
    const a = snapshotOf(openXlsx(once), "");
    const sheet = a.sheets.find((s) => s.name === SHEET)!;
    const row = sheet.values.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("本年度建档 371 个"));
    expect(row).toBeGreaterThan(0);
    expect(sheet.formulas?.[row]?.[0]).toContain(`TEXT('指标完成情况'!C3,"0")`);
    const twice = snapshotOf(openXlsx(score(once)), "");
    expect(twice.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
    expect(twice.sheets.find((s) => s.name === SHEET)).toEqual(sheet);
    // undo on the page and the command line is going back to the input, which is never modified
    expect(snapshotOf(openXlsx(input), "").sheets.some((s) => s.name === SHEET)).toBe(false);
  });
});
