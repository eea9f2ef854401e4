import { createExcelHost } from "../../src/excel";
import { FakeExcel, fakeHostOptions } from "../support/fake-excel";
import { CHUNK_NS, HEADER_NS } from "../../src/excel/undoStore";
import { IND, RESTORED, ROSTER, smallPlan, smallWorkbook } from "./plans";

describe("applyPlan", () => {
  it("writes values, formulas, formats, the added sheet and every decoration", async () => {
    const fx = smallWorkbook();
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan());

    // normalised quantity and live percentage formulas with their formats
    expect(fx.cell(IND, "C2")).toEqual({ v: 200, nf: '0"个"', fill: "#FFEB9C" });
    expect(fx.cell(IND, "D2")).toMatchObject({ f: '=IFERROR(C2/B2,"")', nf: "0.00%" });
    expect(fx.cell(IND, "D3")).toMatchObject({ f: '=IFERROR(C3/B3,"")', nf: "0.00%", fill: "#FFEB9C" });
    expect(fx.sheet(IND).conditionalFormats).toEqual([
      { range: { r1: 1, c1: 3, r2: 2, c2: 3 }, type: "CellValue", fill: "#C6EFCE", font: "#006100", rule: { formula1: "1", operator: "GreaterThanOrEqual" } },
      { range: { r1: 1, c1: 3, r2: 2, c2: 3 }, type: "CellValue", fill: "#FFC7CE", font: "#9C0006", rule: { formula1: "0.6", operator: "LessThan" } },
    ]);
    expect(fx.sheet(IND).widths.get(0)).toBe(108.75);

    // the restored sheet is added at the end, with its tab colour: placing it after the roster
    // would set Worksheet.position, which clears the user's Ctrl+Z history on Windows and Mac
    expect(fx.sheets.map((s) => s.name)).toEqual([IND, ROSTER, "说明", RESTORED]);
    expect(fx.undoStackCleared).toEqual([]);
    const out = fx.sheet(RESTORED);
    expect(out.tabColor).toBe("#0F6CBD");
    expect(fx.cell(RESTORED, "A1")).toEqual({ v: "省模板花名册" });
    expect(fx.cell(RESTORED, "B2")).toEqual({ v: "姓名", fill: "#D9E1F2", bold: true });
    expect(fx.cell(RESTORED, "A3")).toEqual({ v: 1 });
    expect(fx.cell(RESTORED, "B3")).toEqual({ f: `='${ROSTER}'!A2` });
    // the "@" format lands after the formula, so the formula stays a formula
    expect(fx.cell(RESTORED, "C3")).toEqual({ f: `='${ROSTER}'!B2`, nf: "@" });
    expect(out.merges).toEqual([{ r1: 0, c1: 0, r2: 0, c2: 3 }]);
    expect(out.freeze).toEqual({ rows: 2, cols: 0 });
    expect(out.widths.get(2)).toBe(119.25);
    expect(out.validations).toEqual([{ range: { r1: 2, c1: 3, r2: 4, c2: 3 }, rule: { list: { inCellDropDown: true, source: "男,女" } } }]);

    // the undo record is kept in custom XML parts, not on a sheet; the roster is untouched
    expect(fx.customXmlParts.map((p) => p.ns).sort()).toEqual([CHUNK_NS, HEADER_NS]);
    expect(fx.cell(ROSTER, "B2")).toEqual({ v: "440103199001011234", nf: "@" });
    expect(fx.calcSuspensions).toBeGreaterThanOrEqual(1);
    // one read sync (list, protection and prior state together) and one write sync
    expect(fx.syncs).toBe(2);
    expect(await host.canUndo()).toBe(true);
  });

  it("writes text exactly: digits stay text, '=' text stays text, null clears a cell, a null plan cell leaves it alone", async () => {
    const fx = new FakeExcel();
    fx.addSheet("表");
    fx.setCell("表", "A1", { v: "旧" });
    fx.setCell("表", "B1", { v: "保留" });
    fx.setCell("表", "C1", { v: "文本格式", nf: "@" });
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan([
      {
        kind: "cells",
        sheet: "表",
        row: 0,
        col: 0,
        cells: [
          [{ value: null }, null, { value: "0012" }],
          [{ value: "=不是公式" }, { value: "2024-01-02" }, { value: "TRUE" }],
          [{ value: "'引号" }, { value: "001", numberFormat: "@" }, { value: 7, numberFormat: "0.0" }],
        ],
        purpose: "findings",
      },
    ]);
    expect(fx.cell("表", "A1")).toEqual({});
    expect(fx.cell("表", "B1")).toEqual({ v: "保留" });
    expect(fx.cell("表", "C1")).toEqual({ v: "0012", nf: "@" });
    expect(fx.cell("表", "A2")).toEqual({ v: "=不是公式" });
    expect(fx.cell("表", "B2")).toEqual({ v: "2024-01-02" });
    expect(fx.cell("表", "C2")).toEqual({ v: "TRUE" });
    expect(fx.cell("表", "A3")).toEqual({ v: "'引号" });
    expect(fx.cell("表", "B3")).toEqual({ v: "001", nf: "@" });
    expect(fx.cell("表", "C3")).toEqual({ v: 7, nf: "0.0" });
  });

  it("skips conditional formats and validation below their API sets instead of failing", async () => {
    const fx = smallWorkbook("1.7");
    const host = createExcelHost(fakeHostOptions(fx));
    await host.applyPlan(smallPlan());
    expect(fx.sheet(IND).conditionalFormats).toHaveLength(2); // ExcelApi 1.6 ≤ 1.7
    expect(fx.sheet(RESTORED).validations).toEqual([]);
    expect(await host.missingFeatures()).toContain("下拉选项（数据验证）需要 ExcelApi 1.8，本次跳过");
  });

  it("refuses a protected sheet before writing anything, naming it", async () => {
    const fx = smallWorkbook();
    fx.sheet(IND).protected = true;
    const before = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    const err = await host.applyPlan(smallPlan()).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "sheet-protected",
      detail: IND,
      message: `工作表“${IND}”受保护，请先撤销保护（审阅 → 撤销工作表保护）`,
    });
    expect(fx.dump()).toEqual(before);
    expect(fx.requests.every((r) => r.error === undefined)).toBe(true);
  });

  it("maps AccessDenied from Excel itself to the protected-sheet error", async () => {
    const fx = smallWorkbook();
    // protection switched on after the check (another user, co-authoring): Excel refuses the write
    fx.onSync = (n) => {
      if (n === 2) fx.sheet(IND).protected = true;
    };
    const err = await createExcelHost(fakeHostOptions(fx))
      .applyPlan(smallPlan())
      .catch((e: unknown) => e);
    expect(fx.requests[1].error).toBe("AccessDenied");
    expect(err).toMatchObject({ code: "sheet-protected" });
  });

  it("fails in cell-edit mode with the Chinese message and writes nothing", async () => {
    const fx = smallWorkbook();
    const before = fx.dump();
    fx.failNextSync = "InvalidOperationInCellEditMode";
    const err = await createExcelHost(fakeHostOptions(fx))
      .applyPlan(smallPlan())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "cell-edit-mode", message: "请先按 Enter 或 Esc 结束单元格编辑，再点一键评分" });
    expect(fx.dump()).toEqual(before);
  });

  it("selects a finding's cell", async () => {
    const fx = smallWorkbook();
    await createExcelHost(fakeHostOptions(fx)).selectCell(ROSTER, "B3");
    expect(fx.active).toEqual({ sheet: ROSTER, selection: "B3" });
    expect(fx.syncs).toBe(1);
  });
});

describe("applyPlan on a workbook whose structure is protected", () => {
  it("refuses before writing anything when the run must add a sheet", async () => {
    const fx = smallWorkbook();
    fx.structureProtected = true;
    const before = fx.dump();
    const err = await createExcelHost(fakeHostOptions(fx))
      .applyPlan(smallPlan())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "sheet-protected",
      detail: "工作簿",
      message: "工作簿结构受保护，无法添加或删除工作表：请先撤销保护（审阅 → 保护工作簿）",
    });
    expect(fx.dump()).toEqual(before);
  });
});
